using System.Buffers.Binary;
using System.Security.Cryptography;
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

        // Beside the password, both fields marked (which of the two was wrong is not told); the name typed is kept.
        await Expect(Page.Locator(".field-error[data-for=Password]")).ToContainTextAsync("用户名或密码错误");
        await Expect(Page.Locator("#UserName")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.Locator("#Password")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.Locator("#UserName")).ToHaveValueAsync("town.tiansheng");
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

    /// <summary>
    /// The second factor on the pages: the account enrols with the QR code's key and a code of its app, keeps its recovery
    /// codes, and from then on the sign-in asks for the code after the password. The code is computed here (RFC 6238 from
    /// the shared key, on the wall clock as Identity checks it).
    /// </summary>
    [Fact]
    public async Task AnAccountEnrolsASecondFactorAndThenSignsInWithItsCode()
    {
        await SignInAsync("auditor");
        await Page.Locator("#two-factor-link").ClickAsync();
        await Expect(Page.Locator("#qr svg")).ToBeVisibleAsync();
        var key = (await Page.Locator("#shared-key").InnerTextAsync()).Trim();
        await ScreenshotAsync("two-factor-enrol");
        await Page.Locator("#Code").FillAsync("000000" == Totp(key) ? "111111" : "000000");
        await Page.Locator("#enable").ClickAsync();
        await Expect(Page.Locator(".field-error[data-for=Code]")).ToContainTextAsync("验证码错误");
        await Page.Locator("#Code").FillAsync(Totp(key, stepsAgo: 1));
        await Page.Locator("#enable").ClickAsync();
        await Expect(Page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        await Expect(Page.Locator("#two-factor-status")).ToContainTextAsync("已启用");

        await Page.Locator("#sign-out").ClickAsync();
        await Page.Locator("#UserName").FillAsync("auditor");
        await Page.Locator("#Password").FillAsync(AppFixture.Password);
        await Page.Locator("#login").ClickAsync();
        await Expect(Page.Locator("#two-factor-form")).ToBeVisibleAsync();
        await Expect(Page.Locator("#sign-out")).ToHaveCountAsync(0);
        await Page.Locator("#Code").FillAsync(Totp(key));
        await Page.Locator("#verify").ClickAsync();
        await Expect(Page.Locator("#sign-out")).ToBeVisibleAsync();
        await Expect(Page).Not.ToHaveURLAsync(new Regex("/Account/Login"));
    }

    /// <summary>RFC 6238: HMAC-SHA1 over the 30-second step count, RFC 4226's dynamic truncation, six digits.</summary>
    /// <summary>The code of now, or of <paramref name="stepsAgo"/> steps ago (each code signs in once: enrolling takes an earlier one).</summary>
    private static string Totp(string sharedKey, int stepsAgo = 0)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var key = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in sharedKey.Replace(" ", "").ToUpperInvariant())
        {
            buffer = (buffer << 5) | Alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                key.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30 - stepsAgo);
        var hash = HMACSHA1.HashData([.. key], counter);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }
}
