using System.Text.RegularExpressions;
using Entrust.BrowserTests.Hosting;

namespace Entrust.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class SignIn(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    [Fact]
    public async Task OfficeSeesItsNameInTheHeader()
    {
        await Page.GotoAsync("/Account/Login");
        await Expect(Page.Locator("#login")).ToBeVisibleAsync();
        await ScreenshotAsync("login");

        await Page.Locator("#UserName").FillAsync("office");
        await Page.Locator("#Password").FillAsync(AppFixture.Password);
        await Page.Locator("#login").ClickAsync();

        await Expect(Page.Locator("#current-user")).ToContainTextAsync("区政府法制办");
        await Expect(Page).Not.ToHaveURLAsync(new Regex("/Account/Login"));
    }

    [Fact]
    public async Task WrongPasswordShowsAnErrorAndStaysOnTheLoginPage()
    {
        await Page.GotoAsync("/Account/Login");
        await Page.Locator("#UserName").FillAsync("town.tiansheng");
        await Page.Locator("#Password").FillAsync("Wrong2026");
        await Page.Locator("#login").ClickAsync();

        await Expect(Page.Locator("#login-errors")).ToContainTextAsync("用户名或密码错误");
        await Expect(Page).ToHaveURLAsync(new Regex("/Account/Login"));
        await Expect(Page.Locator("#current-user")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task SigningOutReturnsToTheLoginPageAndLocksTheConsole()
    {
        await SignInAsync();

        await Page.Locator("#sign-out").ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/Account/Login"));
        await Expect(Page.Locator("#login")).ToBeVisibleAsync();
        await Expect(Page.Locator("#current-user")).ToHaveCountAsync(0);

        await Page.GotoAsync("/Catalog/Matters");
        await Expect(Page).ToHaveURLAsync(new Regex("/Account/Login\\?ReturnUrl=%2FCatalog%2FMatters"));
        await Expect(Page.Locator("#login")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AMissingRecordShowsTheConsolesOwnPageAndARecordNamesItselfInTheFrame()
    {
        await SignInAsync("town.xiema");
        var missing = await Page.GotoAsync($"/Cases/Detail/{Guid.NewGuid()}");
        Assert.Equal(404, missing!.Status);
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("页面不存在");
        await Expect(Page.Locator("nav.sidebar")).ToBeVisibleAsync();
        await Expect(Page.Locator("body")).Not.ToContainTextAsync("\"status\"");
        await Expect(Page.Locator("link[rel=icon]")).ToHaveAttributeAsync("href", "/favicon.svg");

        // A case's page: its number in the title and the breadcrumb, under 首页 › 我的工作 › 案件; the menu stays in view.
        await Page.GotoAsync("/Cases");
        await TableRows.First.Locator("a").First.ClickAsync();
        var number = (await Page.Locator("main h1").First.InnerTextAsync()).Split(' ')[0].Trim();
        await Expect(Page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(number)));
        await Expect(Page.Locator("#breadcrumb")).ToContainTextAsync("案件");
        await Expect(Page.Locator("#breadcrumb [aria-current]")).ToHaveTextAsync(number);
        await Expect(Page.Locator("a[data-menu=cases]")).ToHaveClassAsync("active");
        await Page.Mouse.WheelAsync(0, 3000);
        await Expect(Page.Locator("a[data-menu=home]")).ToBeInViewportAsync();
    }
}
