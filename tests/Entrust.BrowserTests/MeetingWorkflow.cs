using System.Text.RegularExpressions;
using Entrust.BrowserTests.Hosting;

namespace Entrust.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class MeetingWorkflow(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    private static string Today => DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd");

    private async Task<string> CallAsync(string title)
    {
        await Page.GotoAsync("/Meetings");
        var call = Page.Locator("#call");
        await call.Locator("select[name='Input.Kind']").SelectOptionAsync("Special");
        await call.Locator("input[name='Input.Title']").FillAsync(title);
        await call.Locator("input[name='Input.Day']").FillAsync(Today);
        await call.Locator("input[name='Input.Time']").FillAsync("09:30");
        await call.Locator("input[name='Input.Place']").FillAsync("区政府法制办会议室");
        await call.Locator("input[name='Input.Chair']").FillAsync("区政府法制办主任");
        await call.Locator("select[name='Input.DepartmentIds']").SelectOptionAsync(new SelectOptionValue { Label = "区林业局" });
        await call.Locator("select[name='Input.TownshipIds']").SelectOptionAsync(new SelectOptionValue { Label = "歇马镇" });
        await Page.Locator("#call-submit").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/Meetings/Detail/"));
        return Page.Url;
    }

    /// <summary>
    /// A whole meeting on the pages: the office calls it and sends the notice, reads the pack, starts it, records attendance, the
    /// minutes and an action item for 区林业局, issues the minutes and downloads them (LibreOffice opens them); at the next meeting
    /// the pack carries the item over, and it is closed there with its evidence.
    /// </summary>
    [Fact]
    public async Task TheOfficeHoldsAMeetingAndClosesItsItemAtTheNext()
    {
        await SignInAsync("office");
        var first = await CallAsync("森林防火委托执法专题会");
        await Page.Locator("#notify").ClickAsync();
        await Expect(Page.Locator(".flash")).ToContainTextAsync("会议通知已发出");
        await Expect(Page.Locator("#pack section[data-section='Gaps']")).ToHaveCountAsync(1);
        await Page.Locator("#propose input[name='Input.Title']").FillAsync("森林防火执法事项对接");
        await Page.Locator("#propose button").ClickAsync();
        await Expect(Page.Locator("#agenda")).ToContainTextAsync("森林防火执法事项对接");
        await Page.Locator("#start").ClickAsync();
        await Expect(Page.Locator(".flash")).ToContainTextAsync("会议已开始");

        var rows = Page.Locator("#attendance tr[data-participant]");
        await Expect(rows).ToHaveCountAsync(2);
        await rows.Nth(0).Locator("select").SelectOptionAsync("Present");
        await rows.Nth(1).Locator("select").SelectOptionAsync("Deputy");
        await rows.Nth(1).Locator("input[name='Input.Deputies']").FillAsync("王副镇长");
        await Page.Locator("#save-attendance").ClickAsync();
        await Expect(Page.Locator(".flash")).ToContainTextAsync("出席情况已保存");
        await Expect(Page.Locator("#attendance tr[data-participant] input[name='Input.Deputies']").Nth(1)).ToHaveValueAsync("王副镇长");

        await Page.Locator("#minutes textarea[name='Input.Minutes']").FillAsync("区林业局与歇马镇就森林防火执法事项的对接作了讨论。");
        await Page.Locator("#minutes textarea[name='Input.Decisions']").FillAsync("区林业局对歇马镇执法人员开展培训。");
        await Page.Locator("#save-minutes").ClickAsync();
        await Expect(Page.Locator("#minutes textarea[name='Input.Decisions']")).ToHaveValueAsync("区林业局对歇马镇执法人员开展培训。");

        await Page.Locator("#add-item input[name='Input.What']").FillAsync("区林业局到歇马镇开展森林防火执法培训");
        await Page.Locator("#add-item select[name='Input.Owner']").SelectOptionAsync(new SelectOptionValue { Label = "区林业局" });
        await Page.Locator("#add-item input[name='Input.DueOn']").FillAsync(Today);
        await Page.Locator("#add-item-submit").ClickAsync();
        await Expect(Page.Locator("table.action-items")).ToContainTextAsync("森林防火执法培训");

        await Page.Locator("#issue").ClickAsync();
        await Expect(Page.Locator(".flash")).ToContainTextAsync("会议纪要已印发");
        await Expect(Page.Locator("#number")).ToHaveTextAsync(new Regex(@"^北碚法联纪〔\d{4}〕\d+号$"));
        var minutes = await Downloaded.ByClickingAsync(Page, Page.Locator("#download-minutes"));
        Assert.Contains("区林业局对歇马镇执法人员开展培训", minutes.WordText());
        Assert.Contains("森林防火执法培训", minutes.WordText());
        var pack = await Downloaded.ByClickingAsync(Page, Page.Locator("#download-pack"));
        Downloaded.AssertLibreOfficeOpens(minutes, pack);

        // The next meeting: the open item is carried over in its pack and closed with its evidence.
        await CallAsync("森林防火委托执法推进会");
        var carried = Page.Locator("#pack section[data-section='OpenActionItems']");
        await Expect(carried).ToContainTextAsync("森林防火执法培训");
        await carried.GetByText("区林业局到歇马镇开展森林防火执法培训").ClickAsync();
        await Expect(Page).ToHaveURLAsync(first);
        var done = Page.Locator("form.done");
        await done.Locator("input[name='Input.Evidence']").FillAsync("2026年培训签到表及课件");
        await done.Locator("button").ClickAsync();
        await Expect(Page.Locator(".flash")).ToContainTextAsync("事项已办结");
        await Expect(Page.Locator("table.action-items")).ToContainTextAsync("2026年培训签到表及课件");
        await Expect(Page.Locator("form.done")).ToHaveCountAsync(0);
    }
}
