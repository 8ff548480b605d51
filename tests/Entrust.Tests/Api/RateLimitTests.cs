using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Entrust.Tests.Hosting;
using Entrust.Web.Features.Accounts;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entrust.Tests.Api;

/// <summary>
/// Rate limits (等保 入侵防范) on a production host of their own with small limits (the shared hosts set them out of reach):
/// sign-in per IP address first, then per account; imports, exports and the audit verification per account; 429 with
/// Retry-After and a ProblemDetails in the caller's language. The API reference is for signed-in accounts in production.
/// Every test sends from addresses of its own (X-Forwarded-For, the hosts run as behind a proxy), so none uses up another's.
/// </summary>
public abstract class RateLimitTests(HostFixture host)
{
    public const int SignInPerIp = 3;
    public const int SignInPerAccount = 4;
    public const int HeavyPerAccount = 2;

    private const string Password = "Limits-2026x";

    private static string NewAddress() => $"10.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}";

    private HttpClient From(string address, string? language = null)
    {
        var client = host.Anonymous(language);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    /// <summary>A fresh account made behind the API (no change of password asked), by Identity as every account is.</summary>
    private async Task<string> AccountAsync(string role = Roles.Admin)
    {
        var name = HostFixture.UniqueName("r");
        using var scope = host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var created = await users.CreateAsync(new AppUser { UserName = name, DisplayName = name, Role = role }, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        return name;
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string userName, string password) =>
        client.PostAsJsonAsync("/api/auth/login", new { userName, password });

    private async Task<HttpClient> BearerAsync(string name)
    {
        var address = NewAddress();
        var login = await LoginAsync(From(address), name, Password).ExpectAsync(HttpStatusCode.OK);
        var client = From(address);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.Str("accessToken"));
        return client;
    }

    [Fact]
    public async Task OneAddressRunsOutOfSignInsAndIsToldWhenToComeBack()
    {
        var address = NewAddress();
        for (var i = 0; i < SignInPerIp; i++)
        {
            await LoginAsync(From(address), HostFixture.UniqueName("x"), "Wrong-2026x").ExpectStatusAsync(HttpStatusCode.Unauthorized);
        }
        var name = await AccountAsync();
        using var refused = await LoginAsync(From(address), name, Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After");
        var problem = await refused.ExpectAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("RateLimit.TooMany", problem.Str("code"));
        Assert.StartsWith("请求过于频繁", problem.Str("detail"));
        var english = await LoginAsync(From(address, "en"), name, Password).ExpectAsync(HttpStatusCode.TooManyRequests);
        Assert.StartsWith("Too many requests", english.Str("detail"));

        // The console's form is the same door.
        var console = From(address);
        var form = await console.GetStringAsync("/Account/Login");
        using var page = await console.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = name,
            ["Input.Password"] = Password,
            ["__RequestVerificationToken"] = ConsoleSignIn.Antiforgery(form),
        }));
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("请求过于频繁", await page.Content.ReadAsStringAsync());

        // Nothing of it touched the account: from another address it signs in at once.
        await LoginAsync(From(NewAddress()), name, Password).ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnAccountIsThrottledBeforeItsLockoutFromManyAddresses()
    {
        var name = await AccountAsync();
        for (var i = 0; i < SignInPerAccount; i++)
        {
            await LoginAsync(From(NewAddress()), name, "Wrong-2026x").ExpectStatusAsync(HttpStatusCode.Unauthorized);
        }
        await LoginAsync(From(NewAddress()), name, "Wrong-2026x").ExpectStatusAsync(HttpStatusCode.TooManyRequests);
        // The refused attempts never reached the password check: four failures, one per address, no lockout.
        var normalized = name.ToUpperInvariant();
        var failures = await host.WithDbAsync(db => db.SignInLocks.IgnoreQueryFilters().Where(l => l.UserName == normalized).ToListAsync());
        Assert.Equal(SignInPerAccount, failures.Sum(l => l.Failures));
        Assert.All(failures, l => Assert.Null(l.LockedUntil));
    }

    [Fact]
    public async Task RefreshingIsThrottledPerAddressAndPerAccountAsSigningInIs()
    {
        static Task<HttpResponseMessage> RefreshAsync(HttpClient client, string? token) =>
            client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = token });
        var address = NewAddress();
        for (var i = 0; i < SignInPerIp; i++)
        {
            await RefreshAsync(From(address), "not-a-token").ExpectStatusAsync(HttpStatusCode.Unauthorized);
        }
        using (var refused = await RefreshAsync(From(address), "not-a-token"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
        }

        // The account's sign-in counts with its refreshes, each from an address of its own.
        var token = (await LoginAsync(From(NewAddress()), await AccountAsync(), Password).ExpectAsync(HttpStatusCode.OK)).Str("refreshToken");
        for (var i = 1; i < SignInPerAccount; i++)
        {
            token = (await RefreshAsync(From(NewAddress()), token).ExpectAsync(HttpStatusCode.OK)).Str("refreshToken");
        }
        await RefreshAsync(From(NewAddress()), token).ExpectStatusAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task TheAuditVerificationIsLimitedPerAccount()
    {
        var first = await BearerAsync(await AccountAsync());
        for (var i = 0; i < HeavyPerAccount; i++)
        {
            await first.GetAsync("/api/audit/verify").ExpectStatusAsync(HttpStatusCode.OK);
        }
        using var refused = await first.GetAsync("/api/audit/verify");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        // Another account is not held back by the first.
        await (await BearerAsync(await AccountAsync())).GetAsync("/api/audit/verify").ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheApiReferenceIsForSignedInAccountsInProduction()
    {
        using var document = await From(NewAddress()).GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.Unauthorized, document.StatusCode);
        Assert.DoesNotContain("/api/", await document.Content.ReadAsStringAsync());
        using var reference = await From(NewAddress()).GetAsync("/api-reference");
        Assert.Equal(HttpStatusCode.Redirect, reference.StatusCode);
        Assert.Contains("/Account/Login", reference.Headers.Location?.OriginalString);

        var signedIn = await BearerAsync(await AccountAsync(Roles.Auditor));
        await signedIn.GetAsync("/openapi/v1.json").ExpectStatusAsync(HttpStatusCode.OK);
    }
}

public class LimitedSqliteHost : SqliteHost
{
    protected override bool LoadsDemo => false;

    protected override void Configure(IWebHostBuilder web) => RateLimitTests_Settings.Apply(web);
}

public class LimitedPostgresHost : PostgresHost
{
    protected override bool LoadsDemo => false;

    protected override void Configure(IWebHostBuilder web) => RateLimitTests_Settings.Apply(web);
}

internal static class RateLimitTests_Settings
{
    public static void Apply(IWebHostBuilder web)
    {
        web.UseSetting("Setup:AdminPassword", "Limits-Setup-2026x");
        web.UseSetting("RateLimits:SignInPerIp", RateLimitTests.SignInPerIp.ToString());
        web.UseSetting("RateLimits:SignInPerAccount", RateLimitTests.SignInPerAccount.ToString());
        web.UseSetting("RateLimits:HeavyPerAccount", RateLimitTests.HeavyPerAccount.ToString());
        web.UseSetting("RateLimits:WindowSeconds", "3600");
    }
}

public sealed class RateLimitTests_Sqlite(LimitedSqliteHost host) : RateLimitTests(host), IClassFixture<LimitedSqliteHost>;

public sealed class RateLimitTests_Postgres(LimitedPostgresHost host) : RateLimitTests(host), IClassFixture<LimitedPostgresHost>;
