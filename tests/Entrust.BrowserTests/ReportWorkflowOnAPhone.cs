using System.Text.RegularExpressions;
using Entrust.BrowserTests.Hosting;

namespace Entrust.BrowserTests;

/// <summary>
/// The report workflow on a phone (390×844), as a township clerk and a department's officer in the field use it: 歇马镇 submits this
/// month's report to 区安监局 with its remarks, and the department acknowledges it; the forms fit the screen.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportWorkflowOnAPhone(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    protected override (int Width, int Height) Viewport => Phone;

    [Fact]
    public async Task TheTownshipSubmitsAndTheDepartmentAcknowledgesOnAPhone()
    {
        await SignInAsync("town.xiema");
        await Page.GotoAsync("/Reports");
        var row = Page.Locator("#reports tbody tr").Filter(new() { HasText = "区安监局" });
        await Expect(row).ToHaveCountAsync(1);
        await row.Locator("a[href^='/Reports/Detail/']").ClickAsync();
        var address = Page.Url;
        await Page.Locator("#remarks").FillAsync("本月开展安全生产检查，未发现重大隐患。");
        await AssertFitsAsync("#submit-panel");
        await Page.Locator("#submit").ClickAsync();
        await Expect(Page.Locator(".flash")).ToContainTextAsync("报表已报送");
        await Expect(Page.Locator("#report-state")).ToHaveTextAsync("已报送");

        await Page.Locator("#sign-out").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/Account/Login"));
        await SignInAsync("dept.safety");
        await Page.GotoAsync(address);
        await Expect(Page.Locator("#remarks-text")).ToContainTextAsync("未发现重大隐患");
        await Page.Locator("#comment").FillAsync("收悉。");
        await AssertFitsAsync("#answer-panel");
        await Page.Locator("#acknowledge").ClickAsync();
        await Expect(Page.Locator(".flash")).ToContainTextAsync("报表已确认");
        await Expect(Page.Locator("#report-state")).ToHaveTextAsync("已确认");
    }

    private async Task AssertFitsAsync(string selector)
    {
        var box = await Page.Locator(selector).BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= Phone.Width, $"{selector} spans {box.X}–{box.X + box.Width}px");
    }
}
