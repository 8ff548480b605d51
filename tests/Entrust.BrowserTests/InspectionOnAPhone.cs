using System.Text.RegularExpressions;
using Entrust.BrowserTests.Hosting;
using Entrust.Web.Data;
using Entrust.Web.Features.Officers;
using Entrust.Web.Features.Targets;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Entrust.BrowserTests;

/// <summary>An officer's day on a phone (390×844): record an inspection with a photo from the camera input, see one officer
/// refused, order a rectification and close it by re-inspection.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InspectionOnAPhone(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    protected override (int Width, int Height) Viewport => Phone;

    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1];

    /// <summary>A forest area of 歇马镇, and two of its officers who may inspect for forest fires today.</summary>
    private async Task<(Guid Target, Guid First, Guid Second)> CrewAsync()
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
        var powers = scope.ServiceProvider.GetRequiredService<OfficerPowers>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var xiema = await db.Townships.Where(t => t.Name == "歇马镇").Select(t => t.Id).SingleAsync();
        var matter = await db.Matters.Where(m => m.Code == "198-04").Select(m => m.Id).SingleAsync();
        var target = await db.Targets.Where(t => t.TownshipId == xiema && t.Kind == TargetKind.ForestArea).Select(t => t.Id).FirstAsync();
        var able = new List<Guid>();
        foreach (var officer in await db.Officers.Where(o => o.TownshipId == xiema).OrderBy(o => o.Name).Select(o => o.Id).ToListAsync())
        {
            if ((await powers.MayActAsync(officer, matter, null, clock.TodayInChina())).MayAct)
            {
                able.Add(officer);
            }
        }
        return (target, able[0], able[1]);
    }

    private async Task FillAsync(Guid target, string findings)
    {
        await Page.Locator("#MatterId").SelectOptionAsync(new SelectOptionValue { Label = "森林防火检查" });
        await Page.Locator($"#targets input[value='{target}']").CheckAsync();
        await Page.Locator("#Findings").FillAsync(findings);
    }

    [Fact]
    public async Task AnInspectionWithOneOfficerIsRefusedAndWithTwoAndAPhotoIsRecorded()
    {
        var (target, first, second) = await CrewAsync();
        await SignInAsync("town.xiema");
        await Page.GotoAsync("/Inspections/Record");
        await Expect(Page.Locator("#Files")).ToHaveAttributeAsync("capture", "environment");
        await FillAsync(target, "防火通道畅通，未发现野外用火。");
        await Page.Locator($"#officers input[value='{first}']").CheckAsync();
        // One column: the form fits the phone's width.
        var box = await Page.Locator("#Findings").BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X + box.Width <= Phone.Width, $"the findings box ends at {box.X + box.Width}px");
        await Page.Locator("#save").ClickAsync();

        // The refusal stands beside the officers, who are highlighted; the list above the form stays empty; what was typed is kept.
        var refusal = Page.Locator(".field-error[data-for='OfficerIds']");
        await Expect(refusal).ToContainTextAsync("两名");
        await Expect(Page.Locator("#officers")).ToHaveClassAsync(new Regex("\\binput-invalid\\b"));
        // Nothing in the list above the form (which is not drawn at all when every refusal names its field).
        await Expect(Page.Locator("#errors li")).ToHaveCountAsync(0);
        var beside = await refusal.BoundingBoxAsync();
        Assert.NotNull(beside);
        Assert.True(beside.X + beside.Width <= Phone.Width, $"the refusal ends at {beside.X + beside.Width}px");
        await Expect(Page.Locator("#Findings")).ToHaveValueAsync("防火通道畅通，未发现野外用火。");
        await ScreenshotAsync("inspection-refused-phone");

        await Page.Locator($"#officers input[value='{second}']").CheckAsync();
        await Page.Locator("#Files").SetInputFilesAsync(new FilePayload { Name = "现场照片.jpg", MimeType = "image/jpeg", Buffer = Jpeg });
        await Page.Locator("#save").ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/Inspections/Detail/"));
        await Expect(Page.Locator("#files")).ToContainTextAsync("现场照片.jpg");
        await Expect(Page.Locator("#files")).ToContainTextAsync("image/jpeg");
        await Expect(Page.Locator("#result")).ToContainTextAsync("未发现问题");
    }

    [Fact]
    public async Task ARectificationIsOrderedAndClosedByReinspection()
    {
        var (target, first, second) = await CrewAsync();
        await SignInAsync("town.xiema");
        await Page.GotoAsync("/Inspections/Record");
        await FillAsync(target, "林下可燃物堆积。");
        await Page.Locator($"#officers input[value='{first}']").CheckAsync();
        await Page.Locator($"#officers input[value='{second}']").CheckAsync();
        await Page.Locator("#result input[value=RectificationOrdered]").CheckAsync();
        await Page.Locator("#Requirement").FillAsync("清理林下可燃物");
        var tomorrow = DateTime.UtcNow.AddHours(8).AddDays(1).ToString("yyyy-MM-dd");
        await Page.Locator("#Deadline").FillAsync(tomorrow);
        await Page.Locator("#save").ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/Inspections/Detail/"));
        var failed = Page.Url;
        var order = Page.Locator("#orders tbody tr");
        await Expect(order).ToContainTextAsync("清理林下可燃物");
        await Expect(order).ToContainTextAsync("整改中");
        await order.Locator("a.button").ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/Rectifications/Reinspect/"));
        await Page.Locator($"#officers input[value='{first}']").CheckAsync();
        await Page.Locator($"#officers input[value='{second}']").CheckAsync();
        await Page.Locator("#Findings").FillAsync("可燃物已清理。");
        await Page.Locator("#save").ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/Inspections/Detail/"));
        await Page.GotoAsync(failed);
        await Expect(Page.Locator("#orders tbody tr")).ToContainTextAsync("已整改");
        await Expect(Page.Locator("#orders a.button")).ToHaveCountAsync(0);
    }
}
