using System.Text.RegularExpressions;
using Entrust.BrowserTests.Hosting;

namespace Entrust.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class PhoneLayout(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    protected override (int Width, int Height) Viewport => Phone;

    [Fact]
    public async Task MenuButtonOpensTheMenuAndTheMatterTableIsReachable()
    {
        await SignInAsync();
        var menuButton = Page.Locator("label[for=menu-toggle]");
        var sidebar = Page.Locator("nav.sidebar");
        await Expect(menuButton).ToBeVisibleAsync();
        await Expect(sidebar).ToBeHiddenAsync();

        await menuButton.ClickAsync();
        await Expect(sidebar).ToBeVisibleAsync();
        await Page.Locator("a[data-menu=matters]").ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/Catalog/Matters$"));
        await Expect(sidebar).ToBeHiddenAsync();
        var row = TableRows.Filter(new() { HasText = "森林防火检查" });
        await row.ScrollIntoViewIfNeededAsync();
        await Expect(row).ToBeInViewportAsync();
        await Expect(Page.Locator("#q")).ToBeVisibleAsync();
        await ScreenshotAsync("matters-phone");
    }

    /// <summary>Each role's workbench on a phone: its to-dos, and (but for an officer) the open gaps with their chart.</summary>
    [Theory]
    [InlineData("office")]
    [InlineData("dept.forestry")]
    [InlineData("town.xiema")]
    [InlineData("officer.xiema")]
    [InlineData("auditor")]
    public async Task EachRoleStartsOnItsWorkbench(string userName) => await WorkbenchSteps.ShowAsync(Page, userName, SignInAsync);
}

[Collection(BrowserCollection.Name)]
public sealed class DesktopLayout(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    [Fact]
    public async Task SidebarIsAlwaysShownAndTheMenuButtonIsNot()
    {
        await SignInAsync();

        await Expect(Page.Locator("nav.sidebar")).ToBeVisibleAsync();
        await Expect(Page.Locator("a[data-menu=matters]")).ToBeVisibleAsync();
        await Expect(Page.Locator("label[for=menu-toggle]")).ToBeHiddenAsync();
    }

    [Theory]
    [InlineData("office")]
    [InlineData("dept.forestry")]
    [InlineData("town.xiema")]
    [InlineData("officer.xiema")]
    [InlineData("auditor")]
    public async Task EachRoleStartsOnItsWorkbench(string userName) => await WorkbenchSteps.ShowAsync(Page, userName, SignInAsync);

    /// <summary>
    /// The bell: the demo's scan left the township unread notices; the bell shows their count and opens the list, where each
    /// notice links to its record; reading them all clears the count.
    /// </summary>
    [Fact]
    public async Task TheBellCountsUnreadNoticesAndReadingThemClearsIt()
    {
        await SignInAsync("town.xiema");
        var count = Page.Locator("#bell-count");
        await Expect(count).ToBeVisibleAsync();
        var unread = int.Parse(await count.InnerTextAsync());
        Assert.True(unread > 0);

        await Page.Locator("#bell").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/Notifications$"));
        await Expect(Page.Locator("#notifications tbody tr.unread")).ToHaveCountAsync(Math.Min(unread, await Page.Locator("#notifications tbody tr").CountAsync()));
        await Expect(Page.Locator("#notifications tbody tr a").First).ToHaveAttributeAsync("href", new Regex("^/"));
        await Page.Locator("#read-all").ClickAsync();

        await Expect(Page.Locator("#bell-count")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#notifications tbody tr.unread")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#read-all")).ToHaveCountAsync(0);
    }

    /// <summary>The township acknowledges a gap with a note; the office's close without a reason is refused beside the field.</summary>
    [Fact]
    public async Task AGapIsAcknowledgedByTheTownshipAndClosedByTheOfficeOnlyWithAReason()
    {
        await SignInAsync("town.xiema");
        await Page.GotoAsync("/Gaps?kind=ScopeRequestUndecided&state=Open");
        var row = TableRows.Filter(new() { HasText = "森林防火" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator("form.close")).ToHaveCountAsync(0);
        await row.Locator("input[name='Input.Note']").FillAsync("已再次报请区司法局");
        await row.Locator("form.acknowledge button").ClickAsync();
        await Expect(Page.Locator(".flash")).ToContainTextAsync("已知悉");
        await Page.GotoAsync("/Gaps?kind=ScopeRequestUndecided");
        await Expect(TableRows.Filter(new() { HasText = "森林防火" })).ToContainTextAsync("已再次报请区司法局");

        await Page.Locator("#sign-out").ClickAsync();
        await SignInAsync("office");
        await Page.GotoAsync("/Gaps?kind=ScopeRequestUndecided");
        var fire = TableRows.Filter(new() { HasText = "森林防火" });
        await fire.Locator("form.close button").ClickAsync();
        await Expect(TableRows.Filter(new() { HasText = "森林防火" }).Locator(".field-error")).ToContainTextAsync("理由");
        await Expect(TableRows.Filter(new() { HasText = "森林防火" })).ToContainTextAsync("已知悉");
    }

    /// <summary>The office's monitor settings: a figure out of range is refused beside the form with what was typed kept; the defaults save.</summary>
    [Fact]
    public async Task TheOfficeKeepsTheMonitorSettingsWithinRange()
    {
        await SignInAsync("office");
        await Page.GotoAsync("/Gaps");
        await Page.Locator("#gap-settings summary").ClickAsync();
        await Page.Locator("textarea[name='Settings.ByDomain']").FillAsync("林业=3");
        await Page.Locator("#save-settings").ClickAsync();
        await Expect(Page.Locator("#gap-settings .field-error")).ToContainTextAsync("7");
        await Expect(Page.Locator("textarea[name='Settings.ByDomain']")).ToHaveValueAsync("林业=3");

        await Page.Locator("textarea[name='Settings.ByDomain']").FillAsync("");
        await Page.Locator("#save-settings").ClickAsync();
        await Expect(Page.Locator(".flash")).ToContainTextAsync("预警参数已保存");
        await Expect(Page.Locator("input[name='Settings.EscalationWorkingDays']")).ToHaveValueAsync("5");
    }

    /// <summary>委托推演: forestry to 歇马镇 (already entrusted) and 天生街道 (not a pilot township: refused), nothing written; a past day is refused beside its field.</summary>
    [Fact]
    public async Task TheOfficeSimulatesEntrustingForestryAndSeesWhatTheLawRefuses()
    {
        await SignInAsync("office");
        await Page.GotoAsync("/Gaps");
        await Page.Locator("#simulate-link").ClickAsync();
        await Page.Locator("#domain").SelectOptionAsync(new SelectOptionValue { Label = "林业" });
        await Page.Locator("#townships label", new() { HasText = "歇马镇" }).Locator("input").CheckAsync();
        await Page.Locator("#townships label", new() { HasText = "天生街道" }).Locator("input").CheckAsync();
        await Page.Locator("#run").ClickAsync();

        var rows = Page.Locator("#simulation tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Filter(new() { HasText = "歇马镇" })).ToContainTextAsync("已委托：森林防火检查");
        await Expect(rows.Filter(new() { HasText = "天生街道" }).Locator(".error").First).ToContainTextAsync("不是试点镇街");
        await Expect(Page.Locator("#summary")).ToContainTextAsync("需起草协议0份");

        await Page.Locator("#start-on").FillAsync("2020-01-01");
        await Page.Locator("#run").ClickAsync();
        await Expect(Page.Locator("#simulate .field-error")).ToContainTextAsync("早于今天");
        await Expect(Page.Locator("#simulation")).ToHaveCountAsync(0);
    }
}

/// <summary>What the workbench shows every role, at any size.</summary>
internal static class WorkbenchSteps
{
    public static async Task ShowAsync(IPage page, string userName, Func<string, Task> signIn)
    {
        await signIn(userName);
        await page.GotoAsync("/");
        var workbench = page.Locator("#workbench");
        await Expect(workbench).ToBeVisibleAsync();
        var todos = page.Locator("#todos a.todo");
        Assert.True(await todos.CountAsync() >= 2, userName);
        await todos.First.ScrollIntoViewIfNeededAsync();
        await Expect(todos.First).ToBeInViewportAsync();
        if (userName == "officer.xiema")
        {
            await Expect(page.Locator("#gap-chart")).ToHaveCountAsync(0);
        }
        else
        {
            await Expect(page.Locator("#gap-chart[data-chart-ready=true] canvas")).ToHaveCountAsync(1);
            await Expect(page.Locator("#open-gaps li").First).ToBeVisibleAsync();
            // The 12-week trend: its chart drawn, and its table of twelve weeks, this week's gaps (the demo's scan) last.
            await Expect(page.Locator("#trend-chart[data-chart-ready=true] canvas")).ToHaveCountAsync(1);
            var weeks = page.Locator("#trend tbody tr");
            await Expect(weeks).ToHaveCountAsync(12);
            Assert.True(int.Parse(await weeks.Last.Locator("td").Nth(1).InnerTextAsync()) > 0, userName);
        }
        var link = await todos.First.GetAttributeAsync("href");
        await todos.First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(link!) + "$"));
    }
}
