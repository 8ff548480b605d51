using Entrust.BrowserTests.Hosting;

namespace Entrust.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class PublicDecisionsPage(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    protected override (int Width, int Height) Viewport => Phone;

    [Fact]
    public async Task AnyoneFindsAPublishedDecisionOnAPhoneWithoutSigningIn()
    {
        await Page.GotoAsync("/Public/Decisions");
        await Expect(Page.Locator("#sign-in")).ToBeVisibleAsync();
        var cards = Page.Locator("#public-decisions article");
        // 歇马镇's two published decisions; 天生街道's, revoked on reconsideration, is gone.
        await Expect(cards).ToHaveCountAsync(2);
        await Expect(cards.Filter(new() { HasText = "天生" })).ToHaveCountAsync(0);

        await Page.Locator("#q").FillAsync("母婴服务中心");
        await Page.Locator("#search").ClickAsync();

        await Expect(cards).ToHaveCountAsync(1);
        await Expect(cards.First).ToContainTextAsync("区人口计生委罚决字〔2026〕5号");
        await Expect(cards.First).ToContainTextAsync("罚款人民币壹万元整");
        Assert.True(await Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await ScreenshotAsync("public-decisions-phone");
    }
}
