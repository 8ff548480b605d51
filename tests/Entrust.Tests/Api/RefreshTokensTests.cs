using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Entrust.Tests.Hosting;
using Entrust.Web.Features.Audit;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Tests.Api;

/// <summary>
/// Short bearer tokens with refresh tokens that rotate and can be revoked (等保 身份鉴别, issue 13): <c>POST /api/auth/refresh</c>
/// answers a new pair once per refresh token; a spent one is refused and revokes every refresh token of the account; none works
/// after the account is disabled, its password changed or reset, its role changed, or it signed out everywhere. Each refusal is
/// a 401 ProblemDetails with its code, in Chinese or English.
/// </summary>
public abstract class RefreshTokensTests(HostFixture host) : ApiTest(host)
{
    private const string NewPassword = "Renewed2026x";

    private sealed record Pair(string Access, string Refresh);

    private async Task<(Guid Id, string Name)> FreshOfficeAsync()
    {
        var name = await Host.CreateUserAsync(HostFixture.UniqueName("f"), Roles.Office, Ids.Beibei);
        return (await Host.WithDbAsync(db => db.Users.Where(u => u.UserName == name).Select(u => u.Id).SingleAsync()), name);
    }

    private async Task<Pair> SignInAsync(string name, string password = HostFixture.Password) =>
        PairOf(await Host.PostLoginAsync(name, password).ExpectAsync(HttpStatusCode.OK));

    private static Pair PairOf(JsonElement body) => new(body.Str("accessToken"), body.Str("refreshToken"));

    private Task<HttpResponseMessage> RefreshAsync(string? token, string? language = null) =>
        Host.Anonymous(language).PostAsJsonAsync("/api/auth/refresh", new { refreshToken = token });

    private async Task<JsonElement> RefusedAsync(string? token, string code, string? language = null)
    {
        var refused = await RefreshAsync(token, language).ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(code, refused.Code());
        return refused;
    }

    private HttpClient Bearer(string access)
    {
        var client = Host.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        return client;
    }

    [Fact]
    public async Task ARefreshTokenGivesANewPairOnce()
    {
        var (_, name) = await FreshOfficeAsync();
        var head = await AuditHeadAsync();
        var first = await SignInAsync(name);
        Assert.False(string.IsNullOrEmpty(first.Refresh));

        var second = PairOf(await RefreshAsync(first.Refresh).ExpectAsync(HttpStatusCode.OK));
        Assert.NotEqual(first.Refresh, second.Refresh);
        Assert.Equal(name, (await Bearer(second.Access).GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK)).Str("userName"));
        var third = PairOf(await RefreshAsync(second.Refresh).ExpectAsync(HttpStatusCode.OK));
        await Bearer(third.Access).GetAsync("/api/me").ExpectStatusAsync(HttpStatusCode.OK);
        // A session's refresh state is no change of data: signing in is a security event, refreshing writes no entry.
        Assert.Equal(head, await AuditHeadAsync());
    }

    [Fact]
    public async Task ASpentRefreshTokenIsRefusedAndRevokesEveryRefreshTokenOfTheAccount()
    {
        var (_, name) = await FreshOfficeAsync();
        var (phone, console) = (await SignInAsync(name), await SignInAsync(name));
        var renewed = PairOf(await RefreshAsync(phone.Refresh).ExpectAsync(HttpStatusCode.OK));

        var zh = await RefusedAsync(phone.Refresh, "Refresh.Reused");
        Assert.Contains("已使用过", zh.Str("detail"));
        Assert.Equal(1, await Host.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().CountAsync(a =>
            a.EntityType == SecurityEvents.EntityType && a.Action == SecurityEvents.RefreshReused && a.UserName == name)));
        // The thief's replay ended the rightful holder's session too, and the account's other sessions.
        var en = await RefusedAsync(renewed.Refresh, "Refresh.Revoked", "en");
        Assert.Contains("sign in again", en.Str("detail"));
        await RefusedAsync(console.Refresh, "Refresh.Revoked");
        // Signing in again starts afresh.
        var again = await SignInAsync(name);
        await RefreshAsync(again.Refresh).ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnUnreadableRefreshTokenOrAnAccessTokenIsInvalid()
    {
        var (_, name) = await FreshOfficeAsync();
        var pair = await SignInAsync(name);
        var en = await RefusedAsync("not-a-token", "Refresh.Invalid", "en");
        Assert.Contains("invalid or has expired", en.Str("detail"));
        await RefusedAsync(pair.Access, "Refresh.Invalid");
        await RefusedAsync(null, "Refresh.Invalid");
        await RefreshAsync(pair.Refresh).ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task NoRefreshTokenWorksAfterTheAccountIsDisabled()
    {
        var (id, name) = await FreshOfficeAsync();
        var pair = await SignInAsync(name);
        await (await As("admin")).PostAsync($"/api/users/{id}/lock", null).ExpectStatusAsync(HttpStatusCode.OK);
        var zh = await RefusedAsync(pair.Refresh, "Refresh.Revoked");
        Assert.Contains("请重新登录", zh.Str("detail"));
    }

    [Fact]
    public async Task NoRefreshTokenWorksAfterThePasswordIsResetOrChanged()
    {
        var (id, name) = await FreshOfficeAsync();
        var (first, second) = (await SignInAsync(name), await SignInAsync(name));
        await (await As("admin")).PostAsJsonAsync($"/api/users/{id}/password", new { password = NewPassword })
            .ExpectStatusAsync(HttpStatusCode.NoContent);
        await RefusedAsync(first.Refresh, "Refresh.Revoked");

        // The account's own change (after the reset it must change it): the sessions before it end too.
        var afterReset = await SignInAsync(name, NewPassword);
        await Bearer(afterReset.Access).PostAsJsonAsync("/api/me/password", new { currentPassword = NewPassword, newPassword = "Changed2026y" })
            .ExpectStatusAsync(HttpStatusCode.NoContent);
        await RefusedAsync(afterReset.Refresh, "Refresh.Revoked");
        await RefusedAsync(second.Refresh, "Refresh.Revoked");
    }

    [Fact]
    public async Task NoRefreshTokenWorksAfterTheRoleChanges()
    {
        var (id, name) = await FreshOfficeAsync();
        var pair = await SignInAsync(name);
        await (await As("admin")).PutAsJsonAsync($"/api/users/{id}",
            new { userName = name, displayName = "刷新测试", role = Roles.Auditor, districtId = Ids.Beibei })
            .ExpectStatusAsync(HttpStatusCode.OK);
        await RefusedAsync(pair.Refresh, "Refresh.Revoked");
    }

    [Fact]
    public async Task NoRefreshTokenWorksAfterSigningOutEverywhere()
    {
        var (_, name) = await FreshOfficeAsync();
        var (first, second) = (await SignInAsync(name), await SignInAsync(name));
        await Bearer(second.Access).PostAsync("/api/me/sign-out-everywhere", null).ExpectStatusAsync(HttpStatusCode.NoContent);
        await RefusedAsync(first.Refresh, "Refresh.Revoked");
        await RefusedAsync(second.Refresh, "Refresh.Revoked");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RefreshTokensTests_Sqlite(SqliteHost host) : RefreshTokensTests(host);

[Collection(PostgresCollection.Name)]
public sealed class RefreshTokensTests_Postgres(PostgresHost host) : RefreshTokensTests(host);
