using Entrust.Web.Data;
using Entrust.Web.Features.Accounts;
using Entrust.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Platform;

public static class Startup
{
    /// <summary>
    /// SQLite migrates itself on start; PostgreSQL only when <c>Database:MigrateOnStart</c> is true (production
    /// runs the <c>migrate</c> command). The demo district loads when asked (<c>--demo</c>), or into an empty database when
    /// <c>Demo:LoadWhenEmpty</c> says so, which it does by default in Development only (<c>dotnet run</c> starts in
    /// Development through launchSettings.json). Otherwise an empty database gets one admin (<see cref="FirstAdmin"/>).
    /// </summary>
    public static async Task PrepareDatabaseAsync(WebApplication app, string[] args)
    {
        var config = app.Configuration;
        if (Database.Provider(config) == DatabaseProvider.Sqlite || config.GetValue<bool>("Database:MigrateOnStart"))
        {
            await Database.MigrateAsync(app.Services);
        }

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
        var empty = !await db.Districts.AnyAsync();
        var wanted = args.Contains("--demo") || (empty && config.GetValue("Demo:LoadWhenEmpty", app.Environment.IsDevelopment()));
        if (!wanted)
        {
            await FirstAdmin.CreateIfNoneAsync(app.Services, config);
            return;
        }
        var password = DemoDistrict.Password(config);
        var loaded = await scope.ServiceProvider.GetRequiredService<DemoDistrict>().LoadAsync(password);
        if (loaded)
        {
            // The demo shows its gaps at once instead of after the first night.
            await scope.ServiceProvider.GetRequiredService<Features.Gaps.GapScanner>().ScanAllAsync("demo");
            var urls = config["urls"] ?? Environment.GetEnvironmentVariable("ASPNETCORE_URLS") ?? "http://localhost:5080";
            Console.WriteLine($"""

                Entrust 委托执法监管平台 — demo district 北碚区 loaded.
                Open {urls.Split(';')[0]} and sign in with one of these accounts, password: {password}
                  {string.Join(", ", DemoDistrict.AccountNames)}

                """);
        }
    }
}
