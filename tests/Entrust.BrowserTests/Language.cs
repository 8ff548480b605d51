using System.Text.RegularExpressions;
using Entrust.BrowserTests.Hosting;

namespace Entrust.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class Language(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    [Fact]
    public async Task SwitchesToEnglishAndBackOnTheSamePage()
    {
        await SignInAsync();
        await Page.GotoAsync("/Catalog/Matters");
        var menu = Page.Locator("a[data-menu=matters]");
        var heading = Page.Locator("main h1");
        await Expect(menu).ToHaveTextAsync("执法事项");

        await Page.Locator("#lang-en").ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/Catalog/Matters$"));
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(menu).ToHaveTextAsync("Enforcement matters");
        await Expect(heading).ToHaveTextAsync("Enforcement matters");
        await Expect(Page.Locator("a[data-menu=townships]")).ToHaveTextAsync("Townships");
        await Expect(Page.Locator("#sign-out")).ToHaveTextAsync("Sign out");

        await Page.Locator("#lang-zh").ClickAsync();

        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(menu).ToHaveTextAsync("执法事项");
        await Expect(heading).ToHaveTextAsync("执法事项");
        await Expect(Page.Locator("#lang-en")).ToBeVisibleAsync();
    }
}
