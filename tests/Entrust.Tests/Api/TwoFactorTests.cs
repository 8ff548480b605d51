using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Entrust.Tests.Hosting;
using Entrust.Web.Features.Accounts;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Tests.Api;

/// <summary>
/// The second factor (等保 2.0 level 3, 身份鉴别): TOTP of RFC 6238 with recovery codes, through Identity's authenticator
/// support. Any account enrols (the key as text, an otpauth URI and its QR code as SVG); the office's setting requires it of
/// its office accounts and every admin, who may then do nothing before enrolling; signing in asks for the code in a second
/// step, console and API. The codes are computed here from the shared key. Identity checks them against the wall clock
/// (its AuthenticatorTokenProvider reads DateTimeOffset.UtcNow, not the TimeProvider), so the codes here are of the wall clock
/// too; the platform's clock still bounds the second step's five minutes.
/// </summary>
public abstract class TwoFactorTests(HostFixture host)
{
    private static string NewAddress() => $"10.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}";

    private HttpClient From(string address)
    {
        var client = host.Anonymous();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string userName, string password = HostFixture.Password) =>
        client.PostAsJsonAsync("/api/auth/login", new { userName, password });

    private HttpClient WithToken(string address, string token)
    {
        var client = From(address);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<HttpClient> BearerAsync(string name)
    {
        var address = NewAddress();
        var login = await LoginAsync(From(address), name).ExpectAsync(HttpStatusCode.OK);
        return WithToken(address, login.Str("accessToken"));
    }

    private async Task<Guid> DistrictAsync() => await host.WithDbAsync(async db =>
    {
        var district = new District("7" + Guid.NewGuid().ToString("N")[..5], "双因素区" + Guid.NewGuid().ToString("N")[..4]);
        db.Districts.Add(district);
        await db.SaveChangesAsync();
        return district.Id;
    });

    /// <summary>RFC 6238 (TOTP, HMAC-SHA1, 30 s steps, 6 digits) over RFC 4226's truncation, from the base32 shared key.</summary>
    public static string Totp(string sharedKey, DateTimeOffset at)
    {
        var key = Base32(sharedKey.Replace(" ", "").ToUpperInvariant());
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, at.ToUnixTimeSeconds() / 30);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            buffer = (buffer << 5) | Alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }
        return [.. bytes];
    }

    /// <summary>The code the app would show now (the wall clock, as the check reads it).</summary>
    private static string CodeNow(string key) => Totp(key, DateTimeOffset.UtcNow);

    /// <summary>
    /// The code the app showed a step ago (still taken: ±2 steps). Enrolling with it leaves the current step's code for signing in,
    /// as each code is taken once.
    /// </summary>
    private static string PreviousCode(string key) => Totp(key, DateTimeOffset.UtcNow.AddSeconds(-30));

    /// <summary>A code of ten minutes ago: never accepted (Identity takes ±90 s).</summary>
    private static string StaleCode(string key)
    {
        var now = CodeNow(key);
        for (var minutes = 10; ; minutes++)
        {
            var stale = Totp(key, DateTimeOffset.UtcNow.AddMinutes(-minutes));
            if (stale != now)
            {
                return stale;
            }
        }
    }

    /// <summary>Enrols <paramref name="client"/>'s account; answers the shared key and the recovery codes.</summary>
    private static async Task<(string Key, string[] Codes)> EnrolAsync(HttpClient client)
    {
        var key = (await client.PostAsync("/api/me/two-factor/key", null).ExpectAsync(HttpStatusCode.OK)).Str("sharedKey");
        var codes = await client.PostAsJsonAsync("/api/me/two-factor/enable", new { code = PreviousCode(key) }).ExpectAsync(HttpStatusCode.OK);
        return (key, [.. codes.GetProperty("codes").EnumerateArray().Select(c => c.GetString()!)]);
    }

    [Fact]
    public async Task AnAccountEnrolsAndThenSignsInWithTheCodeInASecondStep()
    {
        var name = await host.CreateUserAsync(HostFixture.UniqueName("t"), Roles.Auditor, null);
        var client = await BearerAsync(name);
        var status = await client.GetAsync("/api/me/two-factor").ExpectAsync(HttpStatusCode.OK);
        Assert.False(status.GetProperty("enabled").GetBoolean());
        Assert.False(status.GetProperty("required").GetBoolean());

        var key = await client.PostAsync("/api/me/two-factor/key", null).ExpectAsync(HttpStatusCode.OK);
        var shared = key.Str("sharedKey");
        Assert.StartsWith($"otpauth://totp/Entrust:{name}?secret=", key.Str("authenticatorUri"));
        Assert.Contains(shared.Replace(" ", "").ToUpperInvariant(), key.Str("authenticatorUri"));
        // Asking again shows the same key (an app already scanned it); the session it was asked in goes on.
        Assert.Equal(shared, (await client.PostAsync("/api/me/two-factor/key", null).ExpectAsync(HttpStatusCode.OK)).Str("sharedKey"));

        var wrong = await client.PostAsJsonAsync("/api/me/two-factor/enable", new { code = StaleCode(shared) }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("TwoFactor.WrongCode", wrong.Code());
        Assert.NotEmpty(wrong.ErrorsFor("Code"));
        var enabled = await client.PostAsJsonAsync("/api/me/two-factor/enable", new { code = PreviousCode(shared) }).ExpectAsync(HttpStatusCode.OK);
        var codes = enabled.GetProperty("codes").EnumerateArray().Select(c => c.GetString()!).ToArray();
        Assert.Equal(10, codes.Distinct().Count());
        // Turning it on ended the account's sessions; the key is not shown again.
        await client.GetAsync("/api/me").ExpectStatusAsync(HttpStatusCode.Unauthorized);

        // The password alone no longer signs in: a second step does, with the code.
        var address = NewAddress();
        var first = await LoginAsync(From(address), name).ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Login.TwoFactorRequired", first.Code());
        Http.AssertChinese(first.Str("detail"));
        Assert.False(first.TryGetProperty("accessToken", out _));
        var step = first.Str("twoFactorToken");
        var again = await From(address).PostAsJsonAsync("/api/auth/login/two-factor", new { twoFactorToken = step, code = StaleCode(shared) })
            .ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Login.TwoFactorWrong", again.Code());
        await From(address).PostAsJsonAsync("/api/auth/login/two-factor", new { twoFactorToken = "forged", code = CodeNow(shared) })
            .ExpectStatusAsync(HttpStatusCode.Unauthorized);
        var signedIn = await From(address).PostAsJsonAsync("/api/auth/login/two-factor", new { twoFactorToken = step, code = CodeNow(shared) })
            .ExpectAsync(HttpStatusCode.OK);
        var me = WithToken(address, signedIn.Str("accessToken"));
        var now = await me.GetAsync("/api/me/two-factor").ExpectAsync(HttpStatusCode.OK);
        Assert.True(now.GetProperty("enabled").GetBoolean());
        Assert.Equal(10, now.GetProperty("recoveryCodesLeft").GetInt32());
        Assert.Equal("TwoFactor.AlreadyEnabled", (await me.PostAsync("/api/me/two-factor/key", null).ExpectAsync(HttpStatusCode.Conflict)).Code());

        // A recovery code signs in once.
        var second = (await LoginAsync(From(address), name).ExpectAsync(HttpStatusCode.Unauthorized)).Str("twoFactorToken");
        await From(address).PostAsJsonAsync("/api/auth/login/two-factor", new { twoFactorToken = second, recoveryCode = codes[3] })
            .ExpectStatusAsync(HttpStatusCode.OK);
        var third = (await LoginAsync(From(address), name).ExpectAsync(HttpStatusCode.Unauthorized)).Str("twoFactorToken");
        await From(address).PostAsJsonAsync("/api/auth/login/two-factor", new { twoFactorToken = third, recoveryCode = codes[3] })
            .ExpectStatusAsync(HttpStatusCode.Unauthorized);

        // The second step lasts five minutes on the platform's clock.
        var late = (await LoginAsync(From(address), name).ExpectAsync(HttpStatusCode.Unauthorized)).Str("twoFactorToken");
        host.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var expired = await From(address).PostAsJsonAsync("/api/auth/login/two-factor", new { twoFactorToken = late, code = CodeNow(shared) })
            .ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Login.TwoFactorExpired", expired.Code());

        // Neither the key nor a recovery code is written into the audit trail.
        var trail = await host.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType.StartsWith("IdentityUserToken")).ToListAsync());
        Assert.NotEmpty(trail);
        Assert.DoesNotContain(trail, e => (e.After ?? "").Contains(shared.Replace(" ", "").ToUpperInvariant()) || (e.After ?? "").Contains(codes[0]));
    }

    [Fact]
    public async Task WrongCodesCountTowardsTheLockout()
    {
        var name = await host.CreateUserAsync(HostFixture.UniqueName("w"), Roles.Auditor, null);
        var (key, _) = await EnrolAsync(await BearerAsync(name));
        var address = NewAddress();
        var step = (await LoginAsync(From(address), name).ExpectAsync(HttpStatusCode.Unauthorized)).Str("twoFactorToken");
        for (var i = 1; i <= 4; i++)
        {
            await From(address).PostAsJsonAsync("/api/auth/login/two-factor", new { twoFactorToken = step, code = "000000" == CodeNow(key) ? "111111" : "000000" })
                .ExpectStatusAsync(HttpStatusCode.Unauthorized);
        }
        var locked = await From(address).PostAsJsonAsync("/api/auth/login/two-factor", new { twoFactorToken = step, code = StaleCode(key) })
            .ExpectAsync((HttpStatusCode)423);
        Assert.Equal("Login.LockedOut", locked.Code());
        await From(address).PostAsJsonAsync("/api/auth/login/two-factor", new { twoFactorToken = step, code = CodeNow(key) })
            .ExpectStatusAsync((HttpStatusCode)423);
        await LoginAsync(From(address), name).ExpectStatusAsync((HttpStatusCode)423);
    }

    [Fact]
    public async Task TheOfficeRequiresItOfItsOfficeAccountsAndOfEveryAdmin()
    {
        var district = await DistrictAsync();
        var officeName = await host.CreateUserAsync(HostFixture.UniqueName("o"), Roles.Office, district);
        var auditorName = await host.CreateUserAsync(HostFixture.UniqueName("a"), Roles.Auditor, district);
        var adminName = await host.CreateUserAsync(HostFixture.UniqueName("m"), Roles.Admin, null);
        var office = await BearerAsync(officeName);
        var set = await office.PutAsJsonAsync("/api/security/settings", new { passwordExpiryDays = 90, idleMinutes = 30, requireTwoFactor = true })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.True(set.GetProperty("requireTwoFactor").GetBoolean());
        try
        {
            // The office's next sign-in may do nothing but enrol.
            var unenrolled = await BearerAsync(officeName);
            var gate = await unenrolled.GetAsync("/api/districts").ExpectAsync(HttpStatusCode.Forbidden);
            Assert.Equal("TwoFactor.MustEnrol", gate.Code());
            Assert.True((await unenrolled.GetAsync("/api/me/two-factor").ExpectAsync(HttpStatusCode.OK)).GetProperty("required").GetBoolean());
            await ConsoleSignIn.SignInAsync(host, auditorName); // the district's auditor is not asked
            using (var officeConsole = host.Anonymous())
            {
                var form = await officeConsole.GetStringAsync("/Account/Login");
                using var posted = await officeConsole.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Input.UserName"] = officeName,
                    ["Input.Password"] = HostFixture.Password,
                    ["__RequestVerificationToken"] = ConsoleSignIn.Antiforgery(form),
                }));
                using var home = await officeConsole.GetAsync("/");
                Assert.Equal("/Account/TwoFactor", home.Headers.Location?.OriginalString);
                var enrolPage = await officeConsole.GetStringAsync("/Account/TwoFactor");
                Assert.Contains("<svg", enrolPage);
                Assert.Contains("otpauth://totp/Entrust:", enrolPage);
            }
            await (await BearerAsync(auditorName)).GetAsync("/api/districts").ExpectStatusAsync(HttpStatusCode.OK);
            Assert.Equal("TwoFactor.MustEnrol", (await (await BearerAsync(adminName)).GetAsync("/api/districts").ExpectAsync(HttpStatusCode.Forbidden)).Code());

            var (key, _) = await EnrolAsync(unenrolled);
            var address = NewAddress();
            var step = (await LoginAsync(From(address), officeName).ExpectAsync(HttpStatusCode.Unauthorized)).Str("twoFactorToken");
            var token = (await From(address).PostAsJsonAsync("/api/auth/login/two-factor", new { twoFactorToken = step, code = CodeNow(key) })
                .ExpectAsync(HttpStatusCode.OK)).Str("accessToken");
            var enrolled = WithToken(address, token);
            await enrolled.GetAsync("/api/districts").ExpectStatusAsync(HttpStatusCode.OK);
            // Required: it can't be turned off.
            Assert.Equal("TwoFactor.Required", (await enrolled.PostAsync("/api/me/two-factor/disable", null).ExpectAsync(HttpStatusCode.Conflict)).Code());
            office = enrolled;
        }
        finally
        {
            await office.PutAsJsonAsync("/api/security/settings", new { passwordExpiryDays = 90, idleMinutes = 30, requireTwoFactor = false })
                .ExpectStatusAsync(HttpStatusCode.OK);
        }
        await (await BearerAsync(adminName)).GetAsync("/api/districts").ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ACodeSignsInOnceAndTheKeyIsStoredEncrypted()
    {
        var name = await host.CreateUserAsync(HostFixture.UniqueName("t"), Roles.Auditor, null);
        var (key, _) = await EnrolAsync(await BearerAsync(name));

        // Identity's token row holds the key data-protected, never the base32 key an app could be set up with.
        var stored = await host.WithDbAsync(db => db.UserTokens.AsNoTracking()
            .Where(t => t.UserId == db.Users.Single(u => u.UserName == name).Id && t.Name == "AuthenticatorKey").Select(t => t.Value).SingleAsync());
        Assert.StartsWith(EntrustUserManager.ProtectedKeyPrefix, stored);
        Assert.DoesNotContain(key.Replace(" ", "").ToUpperInvariant(), stored!.ToUpperInvariant());

        var address = NewAddress();
        var code = CodeNow(key);
        var step = (await LoginAsync(From(address), name).ExpectAsync(HttpStatusCode.Unauthorized)).Str("twoFactorToken");
        await From(address).PostAsJsonAsync("/api/auth/login/two-factor", new { twoFactorToken = step, code }).ExpectStatusAsync(HttpStatusCode.OK);

        // The same code again, well within its window, signs nobody in; nor does the code of an earlier step.
        var again = (await LoginAsync(From(address), name).ExpectAsync(HttpStatusCode.Unauthorized)).Str("twoFactorToken");
        var reused = await From(address).PostAsJsonAsync("/api/auth/login/two-factor", new { twoFactorToken = again, code })
            .ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Login.TwoFactorWrong", reused.Code());
        await From(address).PostAsJsonAsync("/api/auth/login/two-factor", new { twoFactorToken = again, code = PreviousCode(key) })
            .ExpectStatusAsync(HttpStatusCode.Unauthorized);
        // The app's next code does.
        await From(address).PostAsJsonAsync("/api/auth/login/two-factor",
            new { twoFactorToken = again, code = Totp(key, DateTimeOffset.UtcNow.AddSeconds(30)) }).ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheConsoleEnrolsWithTheQrCodeAndAsksForTheCodeAtSignIn()
    {
        var name = await host.CreateUserAsync(HostFixture.UniqueName("c"), Roles.Auditor, null);
        var console = await ConsoleSignIn.SignInAsync(host, name);
        var page = await console.GetStringAsync("/Account/TwoFactor");
        Assert.Contains("<svg", page);
        var key = System.Text.RegularExpressions.Regex.Match(page, "<code id=\"shared-key\">([A-Z2-7 ]+)</code>").Groups[1].Value;
        Assert.NotEmpty(key);
        using var enabled = await console.PostAsync("/Account/TwoFactor?handler=Enable", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = PreviousCode(key),
            ["__RequestVerificationToken"] = ConsoleSignIn.Antiforgery(page),
        }));
        var shown = await enabled.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Contains("id=\"recovery-codes\"", shown);
        // The sign-in that enrolled goes on.
        using (var home = await console.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        }

        var browser = host.Anonymous();
        var form = await browser.GetStringAsync("/Account/Login");
        using var password = await browser.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = name,
            ["Input.Password"] = HostFixture.Password,
            ["__RequestVerificationToken"] = ConsoleSignIn.Antiforgery(form),
        }));
        var second = await password.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, password.StatusCode);
        Assert.Contains("id=\"two-factor-form\"", second);
        var step = System.Text.RegularExpressions.Regex.Match(second, "name=\"SecondStep\" value=\"([^\"]+)\"").Groups[1].Value;
        using var code = await browser.PostAsync("/Account/Login?handler=Code", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["SecondStep"] = step,
            ["Code"] = CodeNow(key),
            ["__RequestVerificationToken"] = ConsoleSignIn.Antiforgery(second),
        }));
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        using var signedIn = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
    }
}

public sealed class TwoFactorTests_Sqlite(OwnClockSqliteHost host) : TwoFactorTests(host), IClassFixture<OwnClockSqliteHost>;

public sealed class TwoFactorTests_Postgres(OwnClockPostgresHost host) : TwoFactorTests(host), IClassFixture<OwnClockPostgresHost>;
