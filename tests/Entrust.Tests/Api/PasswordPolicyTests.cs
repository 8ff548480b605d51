using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Entrust.Tests.Hosting;
using Entrust.Web.Features.Accounts;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Tests.Api;

/// <summary>
/// Passwords (等保 身份鉴别): at least 10 characters of three of four classes, none of the last five again, a change forced after
/// the office sets or resets one, and an expiry the office sets; the demo district's accounts never expire.
/// </summary>
public abstract class PasswordPolicyTests(HostFixture host) : ApiTest(host)
{
    private async Task<HttpClient> BearerAsync(string name, string password = HostFixture.Password)
    {
        var login = await Host.PostLoginAsync(name, password).ExpectAsync(HttpStatusCode.OK);
        var client = Host.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.Str("accessToken"));
        return client;
    }

    private static Task<HttpResponseMessage> ChangeAsync(HttpClient client, string current, string next) =>
        client.PostAsJsonAsync("/api/me/password", new { currentPassword = current, newPassword = next });

    [Theory]
    [InlineData("Short1a!", "Identity.PasswordTooShort")]
    [InlineData("alllowercase", "Identity.PasswordClasses")]
    [InlineData("lowercase123", "Identity.PasswordClasses")]
    public async Task APasswordShorterThanTenOrOfFewerThanThreeClassesIsRefused(string password, string code)
    {
        var name = HostFixture.UniqueName("p");
        var problem = await (await As("office")).PostAsJsonAsync("/api/users",
            new { userName = name, displayName = "密码测试", role = Roles.Auditor, districtId = Ids.Beibei, password })
            .ExpectAsync(HttpStatusCode.BadRequest);
        var expected = code == "Identity.PasswordTooShort" ? "密码至少 10 位。" : "密码须包含大写字母、小写字母、数字、符号中的至少三类。";
        Assert.Contains(expected, problem.ErrorsFor("Password"));
        Assert.False(await Host.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == name)));
        // Three classes of ten are enough, whichever three.
        await (await As("office")).PostAsJsonAsync("/api/users",
            new { userName = name, displayName = "密码测试", role = Roles.Auditor, districtId = Ids.Beibei, password = "lowercase1!" })
            .ExpectStatusAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task AnAccountTheOfficeCreatesOrResetsMustChangeItsPasswordFirst()
    {
        var name = HostFixture.UniqueName("p");
        const string given = "Given-2026x", own = "MyOwn-2026x", reset = "Reset-2026x";
        var id = (await (await As("office")).PostAsJsonAsync("/api/users",
            new { userName = name, displayName = "密码测试", role = Roles.Auditor, districtId = Ids.Beibei, password = given })
            .ExpectAsync(HttpStatusCode.Created)).Id();

        var first = await BearerAsync(name, given);
        var refused = await first.GetAsync("/api/districts").ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Password.MustChange", refused.GetProperty("code").GetString());
        await first.GetAsync("/api/me").ExpectStatusAsync(HttpStatusCode.OK);
        await ChangeAsync(first, given, own).ExpectStatusAsync(HttpStatusCode.NoContent);
        await (await BearerAsync(name, own)).GetAsync("/api/districts").ExpectStatusAsync(HttpStatusCode.OK);

        // A reset by the office is someone else's choice again.
        await (await As("office")).PostAsJsonAsync($"/api/users/{id}/password", new { password = reset }).ExpectStatusAsync(HttpStatusCode.NoContent);
        var afterReset = await BearerAsync(name, reset);
        Assert.Equal("Password.MustChange",
            (await afterReset.GetAsync("/api/districts").ExpectAsync(HttpStatusCode.Forbidden)).GetProperty("code").GetString());

        // The console sends such an account to the change-password page.
        var console = Host.Anonymous();
        var form = await console.GetStringAsync("/Account/Login");
        await console.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = name,
            ["Input.Password"] = reset,
            ["__RequestVerificationToken"] = ConsoleSignIn.Antiforgery(form),
        })).ExpectStatusAsync(HttpStatusCode.Redirect);
        using var home = await console.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/Account/Password", home.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task NoneOfTheLastFivePasswordsMayComeBack()
    {
        var name = await Host.CreateUserAsync(HostFixture.UniqueName("p"), Roles.Auditor, Ids.Beibei);
        var current = HostFixture.Password;
        var problem = await ChangeAsync(await BearerAsync(name, current), current, current).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("不能使用最近 5 次用过的密码。", problem.ErrorsFor("NewPassword"));

        for (var i = 1; i <= 4; i++)
        {
            var next = $"Rotate-{i}-2026x";
            await ChangeAsync(await BearerAsync(name, current), current, next).ExpectStatusAsync(HttpStatusCode.NoContent);
            current = next;
        }
        // The first password is the fifth last: still refused. One change more and it may come back.
        await ChangeAsync(await BearerAsync(name, current), current, HostFixture.Password).ExpectStatusAsync(HttpStatusCode.BadRequest);
        await ChangeAsync(await BearerAsync(name, current), current, "Rotate-5-2026x").ExpectStatusAsync(HttpStatusCode.NoContent);
        await ChangeAsync(await BearerAsync(name, "Rotate-5-2026x"), "Rotate-5-2026x", HostFixture.Password).ExpectStatusAsync(HttpStatusCode.NoContent);

        // Only hashes are kept, made by Identity's hasher.
        var kept = await Host.WithDbAsync(db => db.PasswordHistory.Where(h => h.UserId == db.Users.Single(u => u.UserName == name).Id)
            .Select(h => h.PasswordHash).ToListAsync());
        Assert.Equal(7, kept.Count);
        Assert.All(kept, h => Assert.DoesNotContain("2026", h));
    }

    [Fact]
    public async Task TheDemoAccountsSharedPasswordNeverExpires()
    {
        var demo = await Host.WithDbAsync(db => db.Users.Where(u => u.IsDemo).Select(u => u.UserName).ToListAsync());
        Assert.Contains("office", demo);
        Assert.Contains("admin", demo);
        var office = await Host.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "office"));
        var muchLater = Host.Clock.GetUtcNow().AddDays(1000);
        Assert.False(PasswordPolicy.Expired(office, 90, muchLater));
        office.IsDemo = false;
        Assert.True(PasswordPolicy.Expired(office, 90, muchLater));
        // 北碚区 keeps the default lifetime, 90 days.
        var beibei = await (await As("office")).GetAsync("/api/security/settings").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(90, beibei.GetProperty("passwordExpiryDays").GetInt32());
        Assert.Equal(30, beibei.GetProperty("idleMinutes").GetInt32());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PasswordPolicyTests_Sqlite(SqliteHost host) : PasswordPolicyTests(host);

[Collection(PostgresCollection.Name)]
public sealed class PasswordPolicyTests_Postgres(PostgresHost host) : PasswordPolicyTests(host);
