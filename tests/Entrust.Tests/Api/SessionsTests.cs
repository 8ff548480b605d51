using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Entrust.Tests.Hosting;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Tests.Api;

/// <summary>
/// Sessions end when the account changes (等保 身份鉴别/访问控制): disabling, demoting or resetting the password of an account
/// makes its bearer tokens and console cookies answer as signed out on the very next request, and tokens can be revoked.
/// </summary>
public abstract class SessionsTests(HostFixture host) : ApiTest(host)
{
    private const string NewPassword = "Renewed2026x";

    /// <summary>
    /// A fresh 北碚区 account with its own bearer client (not the shared token cache); made behind the API, as an account the
    /// office creates must change its password first (PasswordPolicyTests).
    /// </summary>
    private async Task<(Guid Id, string Name, HttpClient Token)> FreshOfficeAsync(string role = Roles.Office)
    {
        var name = await Host.CreateUserAsync(HostFixture.UniqueName("s"), role, Ids.Beibei);
        var id = await Host.WithDbAsync(db => db.Users.Where(u => u.UserName == name).Select(u => u.Id).SingleAsync());
        return (id, name, await BearerAsync(name));
    }

    private async Task<HttpClient> BearerAsync(string name, string password = HostFixture.Password)
    {
        var login = await Host.PostLoginAsync(name, password).ExpectAsync(HttpStatusCode.OK);
        var client = Host.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.Str("accessToken"));
        return client;
    }

    private Task<HttpClient> ConsoleAsync(string name) => ConsoleSignIn.SignInAsync(Host, name);

    private static object DepartmentBody() => new { code = UniqueCode("D"), name = "会话测试局", legalSectionContact = "法制科" };

    [Fact]
    public async Task ADisabledAccountsTokenAndCookieStopAtOnce()
    {
        var (id, name, token) = await FreshOfficeAsync();
        var console = await ConsoleAsync(name);
        await token.GetAsync("/api/me").ExpectStatusAsync(HttpStatusCode.OK);

        await (await As("admin")).PostAsync($"/api/users/{id}/lock", null).ExpectStatusAsync(HttpStatusCode.OK);

        await token.GetAsync("/api/me").ExpectStatusAsync(HttpStatusCode.Unauthorized);
        await token.PostAsJsonAsync("/api/departments", DepartmentBody()).ExpectStatusAsync(HttpStatusCode.Unauthorized);
        using var page = await console.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Account/Login", page.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ADemotedOfficeNoLongerWritesWithItsOldToken()
    {
        var (id, name, token) = await FreshOfficeAsync();
        await token.PostAsJsonAsync("/api/departments", DepartmentBody()).ExpectStatusAsync(HttpStatusCode.Created);

        await (await As("admin")).PutAsJsonAsync($"/api/users/{id}",
            new { userName = name, displayName = "会话测试", role = Roles.Auditor, districtId = Ids.Beibei })
            .ExpectStatusAsync(HttpStatusCode.OK);

        await token.PostAsJsonAsync("/api/departments", DepartmentBody()).ExpectStatusAsync(HttpStatusCode.Unauthorized);
        // Signing in again gives the auditor's rights, and no more.
        var again = await BearerAsync(name);
        await again.PostAsJsonAsync("/api/departments", DepartmentBody()).ExpectStatusAsync(HttpStatusCode.Forbidden);
        Assert.Equal(Roles.Auditor, (await again.GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK)).Str("role"));
    }

    [Fact]
    public async Task AResetPasswordEndsTheAccountsSessions()
    {
        var (id, name, token) = await FreshOfficeAsync();
        var console = await ConsoleAsync(name);

        await (await As("admin")).PostAsJsonAsync($"/api/users/{id}/password", new { password = NewPassword })
            .ExpectStatusAsync(HttpStatusCode.NoContent);

        await token.GetAsync("/api/me").ExpectStatusAsync(HttpStatusCode.Unauthorized);
        using var page = await console.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }

    [Fact]
    public async Task SigningOutEverywhereRevokesEveryTokenOfTheAccount()
    {
        var (_, name, first) = await FreshOfficeAsync();
        var second = await BearerAsync(name);

        await second.PostAsync("/api/me/sign-out-everywhere", null).ExpectStatusAsync(HttpStatusCode.NoContent);

        await first.GetAsync("/api/me").ExpectStatusAsync(HttpStatusCode.Unauthorized);
        await second.GetAsync("/api/me").ExpectStatusAsync(HttpStatusCode.Unauthorized);
        var fresh = await BearerAsync(name);
        await fresh.GetAsync("/api/me").ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheOfficeRevokesAnAccountsTokensAndNoOneElseCan()
    {
        var (id, _, token) = await FreshOfficeAsync(Roles.Auditor);

        await (await As("office2")).PostAsync($"/api/users/{id}/sessions/revoke", null).ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("auditor")).PostAsync($"/api/users/{id}/sessions/revoke", null).ExpectStatusAsync(HttpStatusCode.Forbidden);
        await token.GetAsync("/api/me").ExpectStatusAsync(HttpStatusCode.OK);

        await (await As("office")).PostAsync($"/api/users/{id}/sessions/revoke", null).ExpectStatusAsync(HttpStatusCode.NoContent);

        await token.GetAsync("/api/me").ExpectStatusAsync(HttpStatusCode.Unauthorized);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SessionsTests_Sqlite(SqliteHost host) : SessionsTests(host);

[Collection(PostgresCollection.Name)]
public sealed class SessionsTests_Postgres(PostgresHost host) : SessionsTests(host);
