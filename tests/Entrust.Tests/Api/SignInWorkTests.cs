using System.Net;
using Entrust.Tests.Hosting;
using Entrust.Web.Features.Accounts;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Entrust.Tests.Api;

/// <summary>
/// 等保 defect 7, account discovery by timing: an unknown name must cost what a wrong password does. Tests don't time
/// things; they count the work instead — every sign-in attempt, console or API, verifies exactly one password hash,
/// whether the name exists, the password is wrong, or the account is locked.
/// </summary>
public abstract class SignInWorkTests(HostFixture host)
{
    private const string Wrong = "Wrong-Password-2026";

    private CountingHasher Hasher => (CountingHasher)host.Services.GetRequiredService<IPasswordHasher<AppUser>>();

    private async Task<int> VerificationsOfAsync(Func<Task> attempt)
    {
        var before = Hasher.Verifications;
        await attempt();
        return Hasher.Verifications - before;
    }

    private async Task ConsoleAsync(string userName, string password)
    {
        var client = host.Anonymous();
        var form = await client.GetStringAsync("/Account/Login");
        using var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = ConsoleSignIn.Antiforgery(form),
        }));
        Assert.Equal(password == HostFixture.Password ? HttpStatusCode.Redirect : HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnUnknownNameCostsTheSameHashingAsAWrongPassword()
    {
        var known = await host.CreateUserAsync(HostFixture.UniqueName("known"), Roles.Auditor, null);
        var unknown = HostFixture.UniqueName("nobody");

        Assert.Equal(1, await VerificationsOfAsync(() => host.PostLoginAsync(unknown, Wrong).ExpectStatusAsync(HttpStatusCode.Unauthorized)));
        Assert.Equal(1, await VerificationsOfAsync(() => host.PostLoginAsync(known, Wrong).ExpectStatusAsync(HttpStatusCode.Unauthorized)));
        Assert.Equal(1, await VerificationsOfAsync(() => host.PostLoginAsync(known, HostFixture.Password).ExpectStatusAsync(HttpStatusCode.OK)));

        Assert.Equal(1, await VerificationsOfAsync(() => ConsoleAsync(unknown, Wrong)));
        Assert.Equal(1, await VerificationsOfAsync(() => ConsoleAsync(known, Wrong)));
        Assert.Equal(1, await VerificationsOfAsync(() => ConsoleAsync(known, HostFixture.Password)));
    }

    [Fact]
    public async Task ALockedAccountCostsTheSameHashingToo()
    {
        var locked = await host.CreateUserAsync(HostFixture.UniqueName("locked"), Roles.Auditor, null);
        for (var i = 0; i < 4; i++)
        {
            await host.PostLoginAsync(locked, Wrong).ExpectStatusAsync(HttpStatusCode.Unauthorized);
        }
        await host.PostLoginAsync(locked, Wrong).ExpectStatusAsync((HttpStatusCode)423);
        // Identity refuses a locked account before hashing; the check spends the same work anyway.
        Assert.Equal(1, await VerificationsOfAsync(() => host.PostLoginAsync(locked, HostFixture.Password).ExpectStatusAsync((HttpStatusCode)423)));
        Assert.Equal(1, await VerificationsOfAsync(() => ConsoleAsync(locked, Wrong)));
    }
}

/// <summary>Identity's own hasher, counting how many hashes it verifies.</summary>
public sealed class CountingHasher : IPasswordHasher<AppUser>
{
    private readonly PasswordHasher<AppUser> _inner = new();
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

public sealed class CountingHasherSqliteHost : SqliteHost
{
    protected override bool LoadsDemo => false;

    protected override void Configure(IWebHostBuilder web) => web.ConfigureTestServices(services =>
    {
        services.RemoveAll<IPasswordHasher<AppUser>>();
        services.AddSingleton<IPasswordHasher<AppUser>, CountingHasher>();
    });
}

public sealed class CountingHasherPostgresHost : PostgresHost
{
    protected override bool LoadsDemo => false;

    protected override void Configure(IWebHostBuilder web) => web.ConfigureTestServices(services =>
    {
        services.RemoveAll<IPasswordHasher<AppUser>>();
        services.AddSingleton<IPasswordHasher<AppUser>, CountingHasher>();
    });
}

public sealed class SignInWorkTests_Sqlite(CountingHasherSqliteHost host) : SignInWorkTests(host), IClassFixture<CountingHasherSqliteHost>;

public sealed class SignInWorkTests_Postgres(CountingHasherPostgresHost host) : SignInWorkTests(host), IClassFixture<CountingHasherPostgresHost>;
