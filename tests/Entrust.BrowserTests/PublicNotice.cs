using Entrust.BrowserTests.Hosting;

namespace Entrust.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class PublicNotice(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    protected override (int Width, int Height) Viewport => Phone;

    [Fact]
    public async Task AnyoneFindsXiemasAgreementsOnAPhoneWithoutSigningIn()
    {
        await Page.GotoAsync("/Public/Agreements");
        await Expect(Page.Locator("#public-link")).ToBeVisibleAsync();
        await Expect(Page.Locator("#sign-in")).ToBeVisibleAsync();

        await Page.Locator("#filter-township").SelectOptionAsync(new SelectOptionValue { Label = "歇马镇" });
        await Page.Locator("#search").ClickAsync();

        var cards = Page.Locator("#public-agreements article");
        await Expect(cards).ToHaveCountAsync(11);
        await Expect(cards.Filter(new() { HasText = "区林业局" }).Locator("li")).ToHaveCountAsync(2);
        await Expect(cards.Filter(new() { HasText = "区卫生局" })).ToHaveCountAsync(0);
        // Nothing wider than the phone: the page scrolls down, never sideways.
        Assert.True(await Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await ScreenshotAsync("public-phone");

        // Per matter, who acts, by which procedure, and where to apply for reconsideration or sue (APL 39; LAW 6, 24).
        var matter = cards.Filter(new() { HasText = "区林业局" }).Locator("li").First;
        await matter.Locator("details.routes summary").ClickAsync();
        await Expect(matter.Locator(".acting-body")).ToHaveTextAsync("区林业局");
        await Expect(matter.Locator(".procedure")).ToContainTextAsync("《行政处罚法》");
        await Expect(matter.Locator(".remedies")).ToContainTextAsync("向北碚区人民政府申请行政复议");
        await Expect(matter.Locator(".remedies")).ToContainTextAsync("提起行政诉讼");
        await Expect(matter.Locator(".remedies")).ToContainTextAsync("被申请人、被告：区林业局");
        Assert.True(await Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
    }
}
