using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Entrust.BrowserTests.Hosting;

/// <summary>
/// The real app on a real loopback port (Kestrel, not the in-memory TestServer) over a fresh SQLite file,
/// so the demo district loads on start. One per test class.
/// </summary>
public sealed class AppFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "Entrust2026";

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("entrust-browser-").FullName;

    public string BaseUrl { get; private set; } = "";

    protected override void ConfigureWebHost(IWebHostBuilder web)
    {
        web.UseSetting("Database:Provider", "Sqlite");
        web.UseSetting("Database:DataDirectory", DataDirectory);
        web.UseSetting("Demo:LoadWhenEmpty", "true");
        web.UseSetting("ENTRUST_DEMO_PASSWORD", Password);
        // Tests sign in far more often than anyone could; the rate-limit tests run on a host of their own with small limits.
        web.UseSetting("RateLimits:SignInPerIp", "1000000");
        web.UseSetting("RateLimits:SignInPerAccount", "1000000");
        web.UseSetting("RateLimits:HeavyPerAccount", "1000000");
        web.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    public Task InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        BaseUrl = ClientOptions.BaseAddress.ToString().TrimEnd('/');
        return Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the WAL file for a moment; the OS temp cleaner gets it.
        }
    }
}
