using System.Net;
using System.Text.RegularExpressions;
using Entrust.Tests.Hosting;

namespace Entrust.Tests.Api;

/// <summary>
/// Security headers on every answer (等保 入侵防范): a Content-Security-Policy without inline script and with
/// <c>frame-ancestors 'none'</c>, nosniff, a Referrer-Policy; behind a TLS proxy HSTS and Secure cookies. The console's
/// pages carry no inline script or handler, so the policy breaks nothing.
/// </summary>
public abstract partial class SecurityHeadersTests(HostFixture host) : ApiTest(host)
{
    private static void AssertHardened(HttpResponseMessage response)
    {
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("'unsafe-inline' 'self'", csp);
        Assert.DoesNotMatch("script-src[^;]*unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task PagesAndTheApiCarryTheSecurityHeaders()
    {
        using var login = await Host.Anonymous().GetAsync("/Account/Login");
        AssertHardened(login);
        using var publicPage = await Host.Anonymous().GetAsync("/Public/Decisions");
        AssertHardened(publicPage);
        using var api = await (await As("office")).GetAsync("/api/me");
        AssertHardened(api);
        using var refused = await Host.Anonymous().GetAsync("/api/me");
        AssertHardened(refused);
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [Theory]
    [InlineData("/", "office")]
    [InlineData("/Inspections/Record", "town.xiema")]
    [InlineData("/Cases/File", "town.xiema")]
    [InlineData("/Cases/Settings", "office")]
    public async Task ConsolePagesHaveNoInlineScript(string path, string userName)
    {
        var console = await ConsoleSignIn.SignInAsync(Host, userName);
        using var page = await console.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotMatch(InlineScript(), html);
    }

    [Fact]
    public async Task BehindATlsProxyHstsAndSecureCookiesAreSent()
    {
        var client = Host.Anonymous();
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        using var login = await client.GetAsync("/Account/Login");
        Assert.Contains("max-age=", Assert.Single(login.Headers.GetValues("Strict-Transport-Security")));
        var cookies = login.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));

        using var plain = await Host.Anonymous().GetAsync("/Account/Login");
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SecurityHeadersTests_Sqlite(SqliteHost host) : SecurityHeadersTests(host);

[Collection(PostgresCollection.Name)]
public sealed class SecurityHeadersTests_Postgres(PostgresHost host) : SecurityHeadersTests(host);
