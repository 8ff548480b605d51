using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Entrust.Web.Data;
using Entrust.Web.Features.Accounts;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Demo;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Entrust.Tests.Hosting;

/// <summary>The ids of the rows the tests lean on: the demo district and the small second district made here.</summary>
public sealed record Seed(
    Guid Beibei, Guid Safety, Guid Forestry, Guid Xiema, Guid Tiansheng,
    Guid Second, Guid SecondDepartment, Guid SecondTownship, Guid SecondMatter);

/// <summary>
/// One running Entrust on one database, shared by every test class of that provider (a host start costs
/// seconds). The demo district 北碚区 loads on start; a second district 测试区 with its own office user is
/// added here so that tests can show that one district never sees the other. Tests must not depend on each
/// other: they make their own rows with unique codes and never assume a count that another test changes.
/// </summary>
public abstract class HostFixture : IAsyncLifetime
{
    public const string Password = DemoDistrict.DefaultPassword;
    public const string SecondDistrictCode = "500999";

    /// <summary>The platform's clock. It stands still unless a test moves it (forward only).</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 4, 0, 0, TimeSpan.Zero));

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("entrust-tests-").FullName;

    /// <summary>The audit chain's key, as an operator sets it: every node of this platform shares it.</summary>
    public string AuditChainKey { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public Seed Ids { get; private set; } = null!;

    public abstract DatabaseProvider Provider { get; }

    private WebApplicationFactory<Program>? _factory;
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset IssuedAt)> _tokens = new();

    private WebApplicationFactory<Program> Factory =>
        _factory ?? throw new InvalidOperationException("The test host has not started.");

    public IServiceProvider Services => Factory.Services;

    /// <summary>
    /// The shared hosts run in Development with the demo district and the second district; a host that answers false here
    /// starts as production does, on an empty database with nothing asked for.
    /// </summary>
    protected virtual bool LoadsDemo => true;

    /// <summary>Settings a host of its own adds to the shared ones.</summary>
    protected virtual void Configure(IWebHostBuilder web)
    {
    }

    /// <summary>Prepares the database (or says clearly why it can't) and answers the connection string.</summary>
    protected abstract Task<string> CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            // xunit does not dispose a fixture that failed to start; leave nothing behind, and let the
            // start's own exception be the one reported.
            try
            {
                await DisposeAsync();
            }
            catch (Exception cleanup) when (cleanup is not OutOfMemoryException)
            {
                Console.Error.WriteLine($"Cleaning up a test host that failed to start: {cleanup.Message}");
            }
            throw;
        }
    }

    private async Task StartAsync()
    {
        ConnectionString = await CreateDatabaseAsync();
        _factory = NewNode();
        _ = _factory.Server; // starts the host: migrations and the demo district run now
        if (LoadsDemo)
        {
            Ids = await SeedAsync();
        }
    }

    /// <summary>The database the host runs on.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>
    /// A second node of the same platform on the same database (as behind a load balancer): the same settings and clock, its own
    /// process state (caches, scheduler). The caller starts it (<c>.Server</c>) and disposes of it; <paramref name="configure"/>
    /// changes its settings (a data directory of its own, another connection string).
    /// </summary>
    public WebApplicationFactory<Program> AnotherNode(Action<IWebHostBuilder>? configure = null) =>
        _factory is null ? throw new InvalidOperationException("The test host has not started.") : NewNode(configure);

    private WebApplicationFactory<Program> NewNode(Action<IWebHostBuilder>? configure = null) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(LoadsDemo ? "Development" : "Production");
            web.UseSetting("Database:Provider", Provider.ToString());
            web.UseSetting("ConnectionStrings:Entrust", ConnectionString);
            web.UseSetting("Database:MigrateOnStart", "true");
            web.UseSetting("Database:DataDirectory", DataDirectory);
            if (LoadsDemo)
            {
                web.UseSetting("Demo:LoadWhenEmpty", "true");
            }
            // Tests seal the audit trail when they need it (AuditSealer.SealAsync), so what they just wrote stays unlinked.
            web.UseSetting("Audit:SealEverySeconds", "3600");
            web.UseSetting("Audit:ChainKey", AuditChainKey);
            // Scheduled scans never fire on their own in a test host (a scan between a test's steps would change what it reads);
            // a test that needs a job triggers it and waits for it (JobDone).
            web.UseSetting("Gaps:ScanCron", "off");
            web.UseSetting("Gaps:ChangesCron", "off");
            web.UseSetting("Reports:ScheduleCron", "off");
            web.UseSetting("Meetings:ScheduleCron", "off");
            web.UseSetting("Notifications:DigestCron", "off");
            // As behind a TLS-terminating proxy: a request with X-Forwarded-Proto: https counts as HTTPS (HSTS, Secure cookies).
            web.UseSetting("Proxy:Enabled", "true");
            web.UseSetting("ENTRUST_DEMO_PASSWORD", Password);
            // Tests sign in far more often than anyone could; the rate-limit tests run on a host of their own with small limits.
            // The token cache below keeps a token for 30 minutes of the test clock: access tokens live an hour here (15 minutes
            // by default; RefreshTokensTests spend refresh tokens).
            web.UseSetting("Sessions:AccessTokenMinutes", "60");
            web.UseSetting("RateLimits:SignInPerIp", "1000000");
            web.UseSetting("RateLimits:SignInPerAccount", "1000000");
            web.UseSetting("RateLimits:HeavyPerAccount", "1000000");
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            web.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning");
            web.ConfigureLogging(logging => logging.AddProvider(new ServerLog()));
            web.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
            });
            Configure(web);
            configure?.Invoke(web);
        });

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        await DropDatabaseAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pool only leaves a temp folder behind.
        }
    }

    private async Task<Seed> SeedAsync()
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
        var beibei = await db.Districts.SingleAsync(d => d.Code == DemoDistrict.DistrictCode);
        var departments = await db.Departments.Where(d => d.DistrictId == beibei.Id).ToDictionaryAsync(d => d.Code, d => d.Id);
        var townships = await db.Townships.Where(t => t.DistrictId == beibei.Id).ToDictionaryAsync(t => t.Name, t => t.Id);

        var second = new District(SecondDistrictCode, "测试区");
        db.Districts.Add(second);
        var department = new Department(second.Id, "CSAJ", "测试区安监局", "测试区安监局法制科");
        var township = new Township(second.Id, SecondDistrictCode + "001", "测试镇", TownshipKind.Town, isPilot: true);
        db.Departments.Add(department);
        db.Townships.Add(township);
        db.InternalOffices.Add(new InternalOffice(township, "综治办", "赵六（副镇长）"));
        var matter = new Matter(second.Id, new MatterFields(department.Id, "CS-001", "测试区安全生产检查", "work-safety",
            MatterKind.Inspection, "中华人民共和国安全生产法", "第六十五条", Entrustability.PilotOnly));
        db.Matters.Add(matter);
        await db.SaveChangesAsync();

        await CreateUserAsync("office2", Roles.Office, second.Id);
        return new Seed(beibei.Id, departments["AJ"], departments["LY"], townships["歇马镇"], townships["天生街道"],
            second.Id, department.Id, township.Id, matter.Id);
    }

    /// <summary>Adds an account with the demo password; tests that lock or change an account make their own.</summary>
    public async Task<string> CreateUserAsync(string userName, string role, Guid? district,
        Guid? department = null, Guid? township = null, Guid? officer = null)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var result = await users.CreateAsync(new AppUser
        {
            UserName = userName,
            DisplayName = userName,
            Role = role,
            DistrictId = district,
            DepartmentId = department,
            TownshipId = township,
            OfficerId = officer,
        }, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return userName;
    }

    /// <summary>A fresh account name, so that a test changing an account never disturbs another test.</summary>
    public static string UniqueName(string prefix) => $"{prefix}.{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>A client without credentials. Redirects are not followed, so a challenge is seen as it is.</summary>
    public HttpClient Anonymous(string? language = null, bool handleCookies = true)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = handleCookies });
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        }
        return client;
    }

    /// <summary>POST /api/auth/login; the raw answer, for tests of the login itself.</summary>
    public Task<HttpResponseMessage> PostLoginAsync(string userName, string password) =>
        Anonymous().PostAsJsonAsync("/api/auth/login", new { userName, password });

    /// <summary>A client that sends a bearer token for <paramref name="userName"/> (password <see cref="Password"/>).</summary>
    public async Task<HttpClient> ClientAsync(string userName, string? language = null)
    {
        var client = Anonymous(language);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(userName));
        return client;
    }

    /// <summary>Tokens live an hour on the platform's clock; one older than half that is replaced.</summary>
    private async Task<string> TokenAsync(string userName)
    {
        if (_tokens.TryGetValue(userName, out var cached) && Clock.GetUtcNow() - cached.IssuedAt < TimeSpan.FromMinutes(30))
        {
            return cached.Token;
        }
        using var response = await PostLoginAsync(userName, Password);
        Assert.True(response.IsSuccessStatusCode, $"login of {userName} answered {(int)response.StatusCode}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var token = body.GetProperty("accessToken").GetString()!;
        _tokens[userName] = (token, Clock.GetUtcNow());
        return token;
    }

    /// <summary>A DbContext that acts as the platform itself (all districts), for looking behind the API.</summary>
    public async Task<T> WithDbAsync<T>(Func<EntrustDbContext, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<EntrustDbContext>());
    }
}

public class SqliteHost : HostFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string> CreateDatabaseAsync() =>
        Task.FromResult($"Data Source={Path.Combine(DataDirectory, "entrust-tests.db")}");

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }
}

/// <summary>
/// PostgreSQL from <c>ENTRUST_TEST_POSTGRES</c> (scripts/test.sh starts a throw-away server and sets it). Each
/// fixture gets a database of its own, dropped at the end. Without the variable the tests fail: a run that
/// silently skipped PostgreSQL would claim what it did not check.
/// </summary>
public class PostgresHost : HostFixture
{
    public const string Variable = "ENTRUST_TEST_POSTGRES";

    private string? _server;
    private string? _database;

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override async Task<string> CreateDatabaseAsync()
    {
        _server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(_server))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set, so the PostgreSQL tests can't run. Point it at a server, e.g. " +
                $"{Variable}=\"Host=127.0.0.1;Port=55432;Username=postgres\", or run scripts/test.sh, which starts one.");
        }
        _database = "entrust_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new Npgsql.NpgsqlConnection(ServerConnection("postgres")))
        {
            await admin.OpenAsync();
            await using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{_database}\" ENCODING 'UTF8' TEMPLATE template0";
            await create.ExecuteNonQueryAsync();
        }
        return ServerConnection(_database);
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_database is null)
        {
            return;
        }
        Npgsql.NpgsqlConnection.ClearAllPools();
        await using var admin = new Npgsql.NpgsqlConnection(ServerConnection("postgres"));
        await admin.OpenAsync();
        await using var drop = admin.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)";
        await drop.ExecuteNonQueryAsync();
    }

    private string ServerConnection(string database) =>
        new Npgsql.NpgsqlConnectionStringBuilder(_server) { Database = database }.ConnectionString;
}

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteHost>
{
    public const string Name = "sqlite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresHost>
{
    public const string Name = "postgres";
}
