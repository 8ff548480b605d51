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
}
