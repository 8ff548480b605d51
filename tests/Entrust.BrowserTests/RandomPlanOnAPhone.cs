using System.Text.RegularExpressions;
using Entrust.BrowserTests.Hosting;
using Entrust.Web.Data;
using Entrust.Web.Features.Demo;
using Entrust.Web.Features.RandomInspections;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entrust.BrowserTests;

/// <summary>
/// The demo's random plan on a phone (390×844): the plan page fits the screen, "record inspection" on a drawn assignment opens
/// the inspection form filled in from the draw, and the recorded inspection is linked from the plan page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RandomPlanOnAPhone(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    protected override (int Width, int Height) Viewport => Phone;

    private Task<bool> FitsTheScreenAsync() => Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth");

    [Fact]
    public async Task ATownshipRecordsADrawnInspectionFromThePlanPage()
    {
        Guid planId;
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
            planId = await db.RandomPlans.Where(p => p.Name == DemoRandomInspections.PlanName).Select(p => p.Id).SingleAsync();
        }
        await SignInAsync("town.xiema");
        await Page.GotoAsync($"/RandomPlans/Detail/{planId}");
        await Expect(Page.Locator("#assignments")).ToBeVisibleAsync();
        Assert.True(await FitsTheScreenAsync(), "the plan page is wider than the phone");

        // The first assignment without an inspection: its row names the drawn target and the two inspectors.
        var record = Page.Locator("#assignments a[data-record]").First;
        var assignmentId = Guid.Parse((await record.GetAttributeAsync("data-record"))!);
        RandomAssignment drawn;
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
            drawn = await db.RandomAssignments.SingleAsync(a => a.Id == assignmentId);
        }
        await record.TapAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/Inspections/Record\\?assignment="));
        await Expect(Page.Locator("#drawn-for")).ToContainTextAsync(DemoRandomInspections.PlanName);
        await Expect(Page.Locator($"#targets input[value='{drawn.TargetId}']")).ToBeCheckedAsync();
        await Expect(Page.Locator($"#officers input[value='{drawn.Inspector1Id}']")).ToBeCheckedAsync();
        await Expect(Page.Locator($"#officers input[value='{drawn.Inspector2Id}']")).ToBeCheckedAsync();
        await Expect(Page.Locator("#officers input:checked")).ToHaveCountAsync(2);
        await Expect(Page.Locator("#MatterId option:checked")).ToContainTextAsync("餐饮服务食品安全");
        Assert.True(await FitsTheScreenAsync(), "the inspection form is wider than the phone");

        await Page.Locator("#Findings").FillAsync("证照齐全，后厨生熟分开，未发现问题。");
        await Page.Locator("#save").TapAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/Inspections/Detail/"));
        var inspectionId = Page.Url.Split('/').Last();

        await Page.Locator("#random-plan").TapAsync();
        await Expect(Page).ToHaveURLAsync(new Regex($"/RandomPlans/Detail/{planId}$"));
        var row = Page.Locator($"#assignments tr[data-assignment='{assignmentId}']");
        await Expect(row.Locator($"a[data-inspection='{inspectionId}']")).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("未发现问题");
        Assert.True(await FitsTheScreenAsync(), "the plan page is wider than the phone");
        await ScreenshotAsync("random-plan-phone");
    }
}
