using System.Text.RegularExpressions;
using Entrust.BrowserTests.Hosting;
using Entrust.Web.Data;
using Entrust.Web.Features.Officers;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Entrust.BrowserTests;

/// <summary>An on-the-spot penalty on a phone (390×844): a fine beyond the summary procedure's reach is refused naming APL 51, and a
/// decision without its place naming APL 52, each beside its field, and the form keeps what was typed; within reach and with the place,
/// the decision is delivered on the spot and states where and when it was made.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SummaryCaseOnAPhone(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    private const string Matter = "乡村道路交通违法行为的处罚";

    protected override (int Width, int Height) Viewport => Phone;

    private async Task<(Guid First, Guid Second)> CrewAsync()
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
        var powers = scope.ServiceProvider.GetRequiredService<OfficerPowers>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var xiema = await db.Townships.Where(t => t.Name == "歇马镇").Select(t => t.Id).SingleAsync();
        var matter = await db.Matters.Where(m => m.Name == Matter).Select(m => m.Id).SingleAsync();
        var able = new List<Guid>();
        foreach (var officer in await db.Officers.Where(o => o.TownshipId == xiema && o.Status == OfficerStatus.Active).OrderBy(o => o.Name)
            .Select(o => o.Id).ToListAsync())
        {
            if ((await powers.MayActAsync(officer, matter, null, clock.TodayInChina())).MayAct)
            {
                able.Add(officer);
            }
        }
        return (able[0], able[1]);
    }

    [Fact]
    public async Task AFineBeyondTheSummaryReachIsRefusedAndASmallOneIsDecidedOnTheSpot()
    {
        var (first, second) = await CrewAsync();
        await SignInAsync("town.xiema");
        await Page.GotoAsync("/Cases/File?procedure=Summary");
        await Expect(Page.Locator("#summary-hint")).ToContainTextAsync("200元");
        await Page.Locator("#MatterId").SelectOptionAsync(new SelectOptionValue { Label = Matter });
        await Page.Locator("#PartyKind").SelectOptionAsync("Person");
        await Page.Locator("#PartyName").FillAsync("王某");
        await Page.Locator("#PartyIdentifier").FillAsync("11010519491231002X");
        await Page.Locator("#Facts").FillAsync("驾驶未登记的机动车在乡村道路上行驶。");
        await Page.Locator("#ActOn").FillAsync(DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd"));
        await Page.Locator($"#officers input[value='{first}']").CheckAsync();
        await Page.Locator($"#officers input[value='{second}']").CheckAsync();
        await Page.Locator("#Time").FillAsync("10:30");
        await Expect(Page.Locator("label[for='Place']")).ToHaveTextAsync("地点");
        await Page.Locator("#Fine").FillAsync("500");
        Assert.True(await Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await Page.Locator("#save").ClickAsync();

        // No place: refused beside the field, naming APL 52, and what was typed is kept.
        await Expect(Page.Locator(".field-error[data-for='Place']")).ToContainTextAsync("第五十二条");
        await Expect(Page.Locator("#PartyName")).ToHaveValueAsync("王某");
        await Expect(Page.Locator($"#officers input[value='{first}']")).ToBeCheckedAsync();
        await Page.Locator("#Place").FillAsync("歇马镇凤凰村3组乡村道路");
        await Page.Locator("#save").ClickAsync();

        var refusal = Page.Locator(".field-error[data-for='Penalty']");
        await Expect(refusal).ToContainTextAsync("第五十一条");
        await Expect(Page.Locator("#PartyName")).ToHaveValueAsync("王某");
        await Expect(Page.Locator("#Place")).ToHaveValueAsync("歇马镇凤凰村3组乡村道路");
        await Expect(Page.Locator($"#officers input[value='{first}']")).ToBeCheckedAsync();
        await ScreenshotAsync("case-summary-refused-phone");

        await Page.Locator("#Fine").FillAsync("200");
        await Page.Locator("#save").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/Cases/Detail/"));
        await Expect(Page.Locator("#state")).ToHaveTextAsync("已送达");
        await Expect(Page.Locator("#decided-penalty")).ToContainTextAsync("200");
        await Expect(Page.Locator("#on-the-spot")).ToHaveTextAsync("歇马镇凤凰村3组乡村道路 · 10:30");
        await Expect(Page.Locator("#open-report")).ToBeVisibleAsync();
        Assert.True(await Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
    }
}
