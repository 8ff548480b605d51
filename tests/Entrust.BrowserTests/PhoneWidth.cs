using Entrust.BrowserTests.Hosting;

namespace Entrust.BrowserTests;

/// <summary>
/// The field pages and the public pages on a phone (390×844) are no wider than the screen: the page does not scroll sideways (its scroll width and the browser's inner width stay the screen's) and
/// no shown element's right edge lies past the screen's (issue 18). An element inside a box that scrolls or clips sideways is
/// measured by that box, which must fit itself.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneWidth(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    protected override (int Width, int Height) Viewport => Phone;

    /// <summary>Each shown element past the screen's right edge (tag#id.class and its right edge), and the page's own width if wider.</summary>
    private const string OverflowScript = """
        () => {
            // The layout viewport's width: on a phone innerWidth grows with a page wider than the screen (the browser zooms out to show it).
            const width = document.documentElement.clientWidth;
            const out = [];
            if (document.documentElement.scrollWidth > width || window.innerWidth > width) out.push('document scrollWidth ' + document.documentElement.scrollWidth + ', innerWidth ' + window.innerWidth);
            const clipped = e => {
                for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
                    const x = getComputedStyle(p).overflowX;
                    if (x === 'auto' || x === 'scroll' || x === 'hidden' || x === 'clip') return true;
                }
                return false;
            };
            for (const e of document.querySelectorAll('body *')) {
                const r = e.getBoundingClientRect();
                const style = getComputedStyle(e);
                if (r.width === 0 || r.height === 0 || style.visibility === 'hidden' || r.right <= 0) continue;
                if (r.right > width + 0.5 && !clipped(e)) {
                    out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string'
                        ? '.' + e.className.trim().split(/\s+/).join('.') : '') + ' right ' + Math.round(r.right));
                }
            }
            return out.slice(0, 20);
        }
        """;

    private async Task AssertFitsAsync(string path)
    {
        await Page.GotoAsync(path);
        await Expect(Page.Locator("main, body").First).ToBeVisibleAsync();
        var overflowing = await Page.EvaluateAsync<string[]>(OverflowScript);
        Assert.True(overflowing.Length == 0, $"{path} is wider than a phone: {string.Join("; ", overflowing)}");
    }

    [Theory]
    [InlineData("/Public/Agreements")]
    [InlineData("/Public/Officers")]
    [InlineData("/Public/Decisions")]
    [InlineData("/Public/Inspections")]
    public async Task APublicPageFitsThePhonesWidth(string path) => await AssertFitsAsync(path);

    /// <summary>The measure sees a box wider than the phone, and one that sticks out past the right edge, when a page has them.</summary>
    [Fact]
    public async Task TheMeasureSeesWhatSticksOut()
    {
        await Page.GotoAsync("/Public/Agreements");
        await Page.EvaluateAsync("() => { const d = document.createElement('div'); d.id = 'too-wide'; d.style.width = '600px'; d.style.height = '4px'; document.body.appendChild(d); }");
        Assert.Contains(await Page.EvaluateAsync<string[]>(OverflowScript), o => o.StartsWith("div#too-wide", StringComparison.Ordinal));
        await Page.EvaluateAsync("() => { const d = document.getElementById('too-wide'); d.style.width = '100px'; d.style.marginLeft = '350px'; }");
        Assert.Contains(await Page.EvaluateAsync<string[]>(OverflowScript), o => o.StartsWith("div#too-wide", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnOfficersFieldPagesFitThePhonesWidth()
    {
        await SignInAsync("officer.xiema");
        await AssertFitsAsync("/Inspections/Record");
        await AssertFitsAsync("/Inspections?mine=true");
    }

    [Fact]
    public async Task ACasesPageFitsThePhonesWidth()
    {
        await SignInAsync("town.xiema");
        await AssertFitsAsync("/Cases");
        var first = await Page.Locator("#cases tbody a[href^='/Cases/Detail/']").First.GetAttributeAsync("href");
        await AssertFitsAsync(first!);
    }
}
