using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Entrust.Tests.Hosting;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Hosting;

namespace Entrust.Tests.Api;

/// <summary>
/// What the clock ends (等保 身份鉴别): a console sign-in idle past its district's minutes or older than its lifetime, and a
/// password older than the office's lifetime. These move the clock by hours and days, so they run on a host of their own
/// (a production start, no demo) and leave the shared hosts' calendar alone.
/// </summary>
public abstract class AccountClockTests(HostFixture host)
{
    private async Task<HttpClient> BearerAsync(string name, string password = HostFixture.Password)
    {
        var login = await host.PostLoginAsync(name, password).ExpectAsync(HttpStatusCode.OK);
        var client = host.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.Str("accessToken"));
        return client;
    }

    private async Task<HttpStatusCode> HomeAsync(HttpClient console)
    {
        using var home = await console.GetAsync("/");
        Assert.True(home.StatusCode == HttpStatusCode.OK || home.Headers.Location?.OriginalString.Contains("/Account/Login") == true,
            $"/ answered {(int)home.StatusCode} {home.Headers.Location}");
        return home.StatusCode;
    }

    [Fact]
    public async Task AnIdleConsoleSignInGoesToTheSignInPage()
    {
        var name = await host.CreateUserAsync(HostFixture.UniqueName("i"), Roles.Auditor, null);
        var console = await ConsoleSignIn.SignInAsync(host, name);
        // The default idle timeout is 30 minutes. Use keeps the sign-in alive past them…
        host.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.OK, await HomeAsync(console));
        host.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.OK, await HomeAsync(console));
        // …31 minutes without a request end it.
        host.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(HttpStatusCode.Redirect, await HomeAsync(console));
        Assert.Equal(HttpStatusCode.OK, await HomeAsync(await ConsoleSignIn.SignInAsync(host, name)));
    }

    [Fact]
    public async Task EvenABusyConsoleSignInEndsAfterTwelveHours()
    {
        var name = await host.CreateUserAsync(HostFixture.UniqueName("b"), Roles.Auditor, null);
        var console = await ConsoleSignIn.SignInAsync(host, name);
        for (var i = 0; i < 28; i++)
        {
            host.Clock.Advance(TimeSpan.FromMinutes(25));
            Assert.Equal(HttpStatusCode.OK, await HomeAsync(console));
        }
        host.Clock.Advance(TimeSpan.FromMinutes(25)); // 12 h 5 min after signing in
        Assert.Equal(HttpStatusCode.Redirect, await HomeAsync(console));
    }

    [Fact]
    public async Task TheOfficesIdleTimeoutAndPasswordLifetimeHoldForItsDistrict()
    {
        var admin = await BearerAsync(await host.CreateUserAsync(HostFixture.UniqueName("a"), Roles.Admin, null));
        var district = (await admin.PostAsJsonAsync("/api/districts", new { code = "5" + Guid.NewGuid().ToString("N")[..5], name = "时钟区" })
            .ExpectAsync(HttpStatusCode.Created)).Id();
        var office = await BearerAsync(await host.CreateUserAsync(HostFixture.UniqueName("o"), Roles.Office, district));
        var bad = await office.PutAsJsonAsync("/api/security/settings", new { passwordExpiryDays = 0, idleMinutes = 4 })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(bad.ErrorsFor("PasswordExpiryDays"));
        var set = await office.PutAsJsonAsync("/api/security/settings", new { passwordExpiryDays = 2, idleMinutes = 10 })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, set.GetProperty("passwordExpiryDays").GetInt32());
        // Only the office sets them.
        var auditor = await host.CreateUserAsync(HostFixture.UniqueName("e"), Roles.Auditor, district);
        await (await BearerAsync(auditor)).PutAsJsonAsync("/api/security/settings", new { passwordExpiryDays = 2, idleMinutes = 10 })
            .ExpectStatusAsync(HttpStatusCode.Forbidden);

        // The district's 10 idle minutes, not the default 30.
        var console = await ConsoleSignIn.SignInAsync(host, auditor);
        host.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(HttpStatusCode.Redirect, await HomeAsync(console));

        // Two days: still the password of its creation; a minute more and it must be changed first.
        host.Clock.Advance(TimeSpan.FromDays(2) - TimeSpan.FromMinutes(12));
        await (await BearerAsync(auditor)).GetAsync("/api/districts").ExpectStatusAsync(HttpStatusCode.OK);
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        var expired = await BearerAsync(auditor);
        Assert.Equal("Password.MustChange",
            (await expired.GetAsync("/api/districts").ExpectAsync(HttpStatusCode.Forbidden)).GetProperty("code").GetString());
        await expired.PostAsJsonAsync("/api/me/password", new { currentPassword = HostFixture.Password, newPassword = "Renewed-2026x" })
            .ExpectStatusAsync(HttpStatusCode.NoContent);
        await (await BearerAsync(auditor, "Renewed-2026x")).GetAsync("/api/districts").ExpectStatusAsync(HttpStatusCode.OK);
    }
}

public sealed class OwnClockSqliteHost : SqliteHost
{
    protected override bool LoadsDemo => false;

    protected override void Configure(IWebHostBuilder web) => web.UseSetting("Setup:AdminPassword", "Clock-Setup-2026x");
}

public sealed class OwnClockPostgresHost : PostgresHost
{
    protected override bool LoadsDemo => false;

    protected override void Configure(IWebHostBuilder web) => web.UseSetting("Setup:AdminPassword", "Clock-Setup-2026x");
}

public sealed class AccountClockTests_Sqlite(OwnClockSqliteHost host) : AccountClockTests(host), IClassFixture<OwnClockSqliteHost>;

public sealed class AccountClockTests_Postgres(OwnClockPostgresHost host) : AccountClockTests(host), IClassFixture<OwnClockPostgresHost>;
