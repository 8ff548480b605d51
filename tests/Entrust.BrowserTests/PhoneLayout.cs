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
}
