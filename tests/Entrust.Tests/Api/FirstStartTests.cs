using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Entrust.Tests.Hosting;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Tests.Api;

/// <summary>
/// A production first start on an empty database: no demo district, no demo accounts, no shared password; one admin whose
/// password must be changed before anything else. (The shared hosts show the other side: Development loads the demo.)
/// </summary>
public abstract class FirstStartTests(HostFixture host)
{
    public const string SetupPassword = "Setup-Only-2026x";
    private const string ChosenPassword = "Chosen-Admin-2026x";

    private async Task<HttpClient> BearerAsync(string password)
    {
        var login = await host.PostLoginAsync("admin", password).ExpectAsync(HttpStatusCode.OK);
        var client = host.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.Str("accessToken"));
        return client;
    }

    [Fact]
    public async Task AnEmptyProductionDatabaseGetsOneAdminAndNoDemo()
    {
        Assert.Equal(0, await host.WithDbAsync(db => db.Districts.CountAsync()));
        var accounts = await host.WithDbAsync(db => db.Users.Select(u => new { u.UserName, u.Role }).ToListAsync());
        var admin = Assert.Single(accounts);
        Assert.Equal(("admin", Roles.Admin), (admin.UserName, admin.Role));
        await host.PostLoginAsync("office", HostFixture.Password).ExpectStatusAsync(HttpStatusCode.Unauthorized);
        await host.PostLoginAsync("admin", HostFixture.Password).ExpectStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TheFirstAdminMustChangeThePasswordBeforeAnythingElse()
    {
        var first = await BearerAsync(SetupPassword);
        var refused = await first.GetAsync("/api/districts").ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Password.MustChange", refused.Code());
        await first.GetAsync("/api/me").ExpectStatusAsync(HttpStatusCode.OK);

        await first.PostAsJsonAsync("/api/me/password", new { currentPassword = SetupPassword, newPassword = ChosenPassword })
            .ExpectStatusAsync(HttpStatusCode.NoContent);

        var after = await BearerAsync(ChosenPassword);
        await after.GetAsync("/api/districts").ExpectStatusAsync(HttpStatusCode.OK);
        await host.PostLoginAsync("admin", SetupPassword).ExpectStatusAsync(HttpStatusCode.Unauthorized);
    }
}

public sealed class ProductionSqliteHost : SqliteHost
{
    protected override bool LoadsDemo => false;

    protected override void Configure(IWebHostBuilder web) => web.UseSetting("Setup:AdminPassword", FirstStartTests.SetupPassword);
}

public sealed class ProductionPostgresHost : PostgresHost
{
    protected override bool LoadsDemo => false;

    protected override void Configure(IWebHostBuilder web) => web.UseSetting("Setup:AdminPassword", FirstStartTests.SetupPassword);
}

public sealed class FirstStartTests_Sqlite(ProductionSqliteHost host) : FirstStartTests(host), IClassFixture<ProductionSqliteHost>;

public sealed class FirstStartTests_Postgres(ProductionPostgresHost host) : FirstStartTests(host), IClassFixture<ProductionPostgresHost>;
