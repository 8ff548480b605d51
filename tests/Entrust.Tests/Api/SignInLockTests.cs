using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Entrust.Tests.Hosting;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Tests.Api;

/// <summary>
/// Lockout per user name and address (等保 2.0 level 3, 身份鉴别 登录失败处理): the district's number of failed sign-ins in a row
/// (5 by default) lock the name for that address for the district's minutes (15 by default), on the console and
/// <c>POST /api/auth/login</c> alike; other addresses sign in; unknown names lock the same way and get the same words, so
/// nothing tells whether an account exists. The office sees the locks of its accounts and lifts them, in the audit trail.
/// These move the clock, so they run on a host of their own (production start, no demo). Every test signs in from
/// addresses of its own (X-Forwarded-For: the hosts run as behind a proxy).
/// </summary>
public abstract class SignInLockTests(HostFixture host)
{
    private const string Wrong = "Wrong-Password-2026";

    private static string NewAddress() => $"10.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}";

    private HttpClient From(string address, string? language = null)
    {
        var client = host.Anonymous(language);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string userName, string password) =>
        client.PostAsJsonAsync("/api/auth/login", new { userName, password });

    private async Task<HttpClient> BearerAsync(string name)
    {
        var address = NewAddress();
        var login = await LoginAsync(From(address), name, HostFixture.Password).ExpectAsync(HttpStatusCode.OK);
        var client = From(address);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.Str("accessToken"));
        return client;
    }

    /// <summary>A district of its own, made behind the API (no admin needed).</summary>
    private async Task<Guid> DistrictAsync() => await host.WithDbAsync(async db =>
    {
        var district = new District("6" + Guid.NewGuid().ToString("N")[..5], "锁定区" + Guid.NewGuid().ToString("N")[..4]);
        db.Districts.Add(district);
        await db.SaveChangesAsync();
        return district.Id;
    });

    /// <summary>The console's sign-in form from <paramref name="client"/>; answers the page.</summary>
    private static async Task<(HttpStatusCode Status, string Page)> ConsoleAsync(HttpClient client, string userName, string password)
    {
        var form = await client.GetStringAsync("/Account/Login");
        using var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = ConsoleSignIn.Antiforgery(form),
        }));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task FiveFailuresLockTheNameForThatAddressOnlyUntilTheLockRunsOut()
    {
        var name = await host.CreateUserAsync(HostFixture.UniqueName("l"), Roles.Auditor, null);
        var here = NewAddress();
        for (var i = 1; i <= 4; i++)
        {
            await LoginAsync(From(here), name, Wrong).ExpectStatusAsync(HttpStatusCode.Unauthorized);
        }
        var locked = await LoginAsync(From(here), name, Wrong).ExpectAsync((HttpStatusCode)423);
        Assert.Equal("Login.LockedOut", locked.Code());
        Assert.Contains("15", locked.Str("detail"));
        Http.AssertChinese(locked.Str("detail"));
        // Even the right password, from the console too, while the lock holds.
        await LoginAsync(From(here), name, HostFixture.Password).ExpectStatusAsync((HttpStatusCode)423);
        var console = await ConsoleAsync(From(here), name, HostFixture.Password);
        Assert.Equal(HttpStatusCode.OK, console.Status);
        Assert.Contains("锁定", console.Page);

        // Another address is not held back: a stranger can't lock the account out.
        await LoginAsync(From(NewAddress()), name, HostFixture.Password).ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Redirect, (await ConsoleAsync(From(NewAddress()), name, HostFixture.Password)).Status);

        host.Clock.Advance(TimeSpan.FromMinutes(14));
        var later = await LoginAsync(From(here, "en"), name, HostFixture.Password).ExpectAsync((HttpStatusCode)423);
        Assert.Contains("locked for your address", later.Str("detail"));
        Assert.Contains(" 1 minutes", later.Str("detail"));
        host.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        await LoginAsync(From(here), name, HostFixture.Password).ExpectStatusAsync(HttpStatusCode.OK);
        // The success ended the count: four more failures lock nothing.
        for (var i = 1; i <= 4; i++)
        {
            await LoginAsync(From(here), name, Wrong).ExpectStatusAsync(HttpStatusCode.Unauthorized);
        }
        await LoginAsync(From(here), name, HostFixture.Password).ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheConsoleFormCountsAndLocksToo()
    {
        var name = await host.CreateUserAsync(HostFixture.UniqueName("c"), Roles.Auditor, null);
        var here = NewAddress();
        for (var i = 1; i <= 4; i++)
        {
            var failed = await ConsoleAsync(From(here), name, Wrong);
            Assert.Contains("用户名或密码错误", failed.Page);
        }
        var locked = await ConsoleAsync(From(here), name, Wrong);
        Assert.Contains("登录失败次数过多", locked.Page);
        await LoginAsync(From(here), name, HostFixture.Password).ExpectStatusAsync((HttpStatusCode)423);
    }

    [Fact]
    public async Task AnUnknownNameLocksInTheSameWordsAsAnAccount()
    {
        var real = await host.CreateUserAsync(HostFixture.UniqueName("k"), Roles.Auditor, null);
        var unknown = HostFixture.UniqueName("nobody");
        var here = NewAddress();
        var answers = new List<(int Status, string? Code, string Detail)>();
        foreach (var name in new[] { real, unknown })
        {
            for (var i = 1; i <= 5; i++)
            {
                using var response = await LoginAsync(From(here), name, Wrong);
                var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
                answers.Add(((int)response.StatusCode, body.Code(), body.Str("detail")));
            }
        }
        Assert.Equal(answers.Take(5), answers.Skip(5));
        Assert.Equal(423, answers[4].Status);
        await LoginAsync(From(here), unknown, Wrong).ExpectStatusAsync((HttpStatusCode)423);
    }

    [Fact]
    public async Task TheDistrictSetsHowManyFailuresLockAndForHowLong()
    {
        var district = await DistrictAsync();
        var office = await BearerAsync(await host.CreateUserAsync(HostFixture.UniqueName("o"), Roles.Office, district));
        var bad = await office.PutAsJsonAsync("/api/security/settings",
            new { passwordExpiryDays = 90, idleMinutes = 30, lockoutAttempts = 2, lockoutMinutes = 4 }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(bad.ErrorsFor("LockoutAttempts"));
        var set = await office.PutAsJsonAsync("/api/security/settings",
            new { passwordExpiryDays = 90, idleMinutes = 30, lockoutAttempts = 3, lockoutMinutes = 60 }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, set.GetProperty("lockoutAttempts").GetInt32());
        Assert.Equal(60, set.GetProperty("lockoutMinutes").GetInt32());
        // Left out, a setting stays as it was.
        var kept = await office.PutAsJsonAsync("/api/security/settings", new { passwordExpiryDays = 60, idleMinutes = 30 })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, kept.GetProperty("lockoutAttempts").GetInt32());

        var auditor = await host.CreateUserAsync(HostFixture.UniqueName("a"), Roles.Auditor, district);
        var here = NewAddress();
        await LoginAsync(From(here), auditor, Wrong).ExpectStatusAsync(HttpStatusCode.Unauthorized);
        await LoginAsync(From(here), auditor, Wrong).ExpectStatusAsync(HttpStatusCode.Unauthorized);
        var locked = await LoginAsync(From(here), auditor, Wrong).ExpectAsync((HttpStatusCode)423);
        Assert.Contains("60", locked.Str("detail"));
        host.Clock.Advance(TimeSpan.FromMinutes(59));
        await LoginAsync(From(here), auditor, HostFixture.Password).ExpectStatusAsync((HttpStatusCode)423);
        host.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        await LoginAsync(From(here), auditor, HostFixture.Password).ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheOfficeSeesItsLockedAccountsAndLiftsTheLockInTheAuditTrail()
    {
        var district = await DistrictAsync();
        var officeName = await host.CreateUserAsync(HostFixture.UniqueName("o"), Roles.Office, district);
        var office = await BearerAsync(officeName);
        var name = await host.CreateUserAsync(HostFixture.UniqueName("t"), Roles.Auditor, district);
        var here = NewAddress();
        for (var i = 1; i <= 5; i++)
        {
            await LoginAsync(From(here), name, Wrong).ExpectStatusAsync(i < 5 ? HttpStatusCode.Unauthorized : (HttpStatusCode)423);
        }

        var list = await office.GetAsync("/api/users?locked=true&pageSize=100").ExpectAsync(HttpStatusCode.OK);
        var shown = Assert.Single(list.Items(), u => u.Str("userName") == name);
        Assert.True(shown.GetProperty("locked").GetBoolean());
        Assert.False(shown.GetProperty("disabled").GetBoolean());
        Assert.Equal(here, Assert.Single(shown.GetProperty("signInLocks").EnumerateArray()).Str("address"));
        Assert.DoesNotContain(list.Items(), u => u.Str("userName") == officeName);

        // The console's account list shows it, with the address.
        var console = await ConsoleSignIn.SignInAsync(host, officeName);
        var page = await console.GetStringAsync("/Admin/Users?locked=true");
        Assert.Contains(name, page);
        Assert.Contains(here, page);

        // Another district's office doesn't see it.
        var otherOffice = await BearerAsync(await host.CreateUserAsync(HostFixture.UniqueName("x"), Roles.Office, await DistrictAsync()));
        await otherOffice.PostAsync($"/api/users/{shown.Id()}/unlock", null).ExpectStatusAsync(HttpStatusCode.NotFound);
        await LoginAsync(From(here), name, HostFixture.Password).ExpectStatusAsync((HttpStatusCode)423);

        var lifted = await office.PostAsync($"/api/users/{shown.Id()}/unlock", null).ExpectAsync(HttpStatusCode.OK);
        Assert.False(lifted.GetProperty("locked").GetBoolean());
        Assert.Empty(lifted.GetProperty("signInLocks").EnumerateArray());
        await LoginAsync(From(here), name, HostFixture.Password).ExpectStatusAsync(HttpStatusCode.OK);

        // Who lifted which lock is in the audit trail, in the district's part of it.
        var lifting = await host.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == "SignInLock" && e.Action == "Deleted" && e.UserName == officeName).ToListAsync());
        var entry = Assert.Single(lifting);
        Assert.Equal(district, entry.DistrictId);
        Assert.Contains(here, entry.Before);
    }
}

public sealed class SignInLockTests_Sqlite(OwnClockSqliteHost host) : SignInLockTests(host), IClassFixture<OwnClockSqliteHost>;

public sealed class SignInLockTests_Postgres(OwnClockPostgresHost host) : SignInLockTests(host), IClassFixture<OwnClockPostgresHost>;
