using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using Entrust.Web.Data;
using Entrust.Web.Features.Audit;
using Entrust.Web.Features.Calendar;
using Entrust.Web.Features.Gaps;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entrust.Bench;

/// <summary>
/// Issue 14's budgets on the generated province (40 districts, 1,000 townships), on SQLite or, with ENTRUST_BENCH_POSTGRES, on
/// PostgreSQL: a full gap scan of every district &lt; 30 s; the minute's scan after one change &lt; 1 s; the workbench of each
/// role &lt; 150 ms p95; the delegation simulator for one domain across the bench district's townships &lt; 500 ms.
/// </summary>
[Config(typeof(GapScanConfig))]
public class GapScanBenchmarks
{
    private GapBench _bench = null!;

    [GlobalSetup]
    public async Task Setup() => _bench = await GapBench.StartAsync();

    [GlobalCleanup]
    public void Cleanup() => _bench.Dispose();

    /// <summary>The nightly scan: every district of the province, one after the other, as the job runs it.</summary>
    [Benchmark]
    public async Task<int> FullScanOfTheProvince()
    {
        using var scope = _bench.Scope(CurrentUser.System);
        var failed = await scope.ServiceProvider.GetRequiredService<GapScanner>().ScanAllAsync("bench");
        return failed == 0 ? 0 : throw new InvalidOperationException($"{failed} districts failed to scan.");
    }

    [IterationSetup(Target = nameof(MinuteScanAfterOneChange))]
    public void OneChange() => _bench.ChangeOneSettingAsync().GetAwaiter().GetResult();

    /// <summary>The minute's scan after one change in the bench district: it probes the 40 districts and scans that one.</summary>
    [Benchmark]
    public async Task<int> MinuteScanAfterOneChange()
    {
        using var scope = _bench.Scope(CurrentUser.System);
        var scanned = await scope.ServiceProvider.GetRequiredService<GapScanner>().ScanChangedAsync("bench");
        return scanned.Count == 1 ? scanned[0].Found : throw new InvalidOperationException($"{scanned.Count} districts scanned, not 1.");
    }
}

/// <summary>The workbench of each role of the bench district and the simulator, one request's work per call.</summary>
[Config(typeof(WorkbenchConfig))]
public class WorkbenchBenchmarks
{
    private GapBench _bench = null!;

    [Params(Roles.Office, Roles.Department, Roles.Township, Roles.Officer, Roles.Auditor)]
    public string Role { get; set; } = Roles.Office;

    [GlobalSetup]
    public async Task Setup()
    {
        _bench = await GapBench.StartAsync();
        // The gaps the workbench lists: one scan of the bench district first.
        using var scope = _bench.Scope(CurrentUser.System);
        await scope.ServiceProvider.GetRequiredService<GapScanner>().ScanAsync(_bench.District, "bench");
    }

    [GlobalCleanup]
    public void Cleanup() => _bench.Dispose();

    [Benchmark]
    public async Task<int> Workbench()
    {
        using var scope = _bench.Scope(_bench.Users[Role]);
        var view = await scope.ServiceProvider.GetRequiredService<Workbench>().GetAsync();
        return view.Todos.Count;
    }
}

[Config(typeof(SimulatorConfig))]
public class SimulatorBenchmarks
{
    private GapBench _bench = null!;
    private SimulationInput _input = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _bench = await GapBench.StartAsync();
        await using var db = BenchDatabase.Unaudited(_bench.Provider, _bench.ConnectionString);
        var townships = await db.Townships.Where(t => t.DistrictId == _bench.District).Select(t => t.Id).ToListAsync();
        // The domain most often entrusted in the district, to every one of its townships from tomorrow.
        var domain = await (from a in db.Agreements
                            where a.DistrictId == _bench.District
                            from m in a.Matters
                            join matter in db.Matters on m.MatterId equals matter.Id
                            group matter by matter.Domain into g
                            orderby g.Count() descending
                            select g.Key).FirstAsync();
        _input = new SimulationInput(null, domain, townships, DateOnly.FromDateTime(DateTime.Today).AddDays(1));
    }

    [GlobalCleanup]
    public void Cleanup() => _bench.Dispose();

    [Benchmark]
    public async Task<int> SimulateOneDomainAcrossTheDistrict()
    {
        using var scope = _bench.Scope(_bench.Users[Roles.Office]);
        var view = await scope.ServiceProvider.GetRequiredService<DelegationSimulator>().SimulateAsync(_input, default);
        return view.Townships.Count;
    }
}

/// <summary>
/// Single calls, in this process (no generated project to build: the benchmark runs next to other builds on a shared machine,
/// where BenchmarkDotNet's two-minute build timeout was reached).
/// </summary>
public abstract class GapBenchConfig : BenchmarkDotNet.Configs.ManualConfig
{
    protected GapBenchConfig(int warmups, int iterations)
    {
        AddJob(BenchmarkDotNet.Jobs.Job.Default
            .WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance)
            .WithStrategy(BenchmarkDotNet.Engines.RunStrategy.Monitoring)
            .WithInvocationCount(1).WithUnrollFactor(1)
            .WithWarmupCount(warmups).WithIterationCount(iterations)
            .WithLaunchCount(1));
        AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Mean, BenchmarkDotNet.Columns.StatisticColumn.Median,
            BenchmarkDotNet.Columns.StatisticColumn.P95, P99Column.Instance, BenchmarkDotNet.Columns.StatisticColumn.Max);
        SummaryStyle = BenchmarkDotNet.Reports.SummaryStyle.Default.WithTimeUnit(Perfolizer.Horology.TimeUnit.Millisecond);
    }
}

/// <summary>A full province scan takes seconds: one warm-up, five runs.</summary>
public sealed class GapScanConfig() : GapBenchConfig(1, 5);

/// <summary>The workbench per request: 200 calls after 20 warm-ups, so P95 is of single requests.</summary>
public sealed class WorkbenchConfig() : GapBenchConfig(20, 200);

/// <summary>A simulation reads a whole district: 50 calls after 5 warm-ups.</summary>
public sealed class SimulatorConfig() : GapBenchConfig(5, 50);

/// <summary>The services a request of each role of the bench district gets, the way the app registers them.</summary>
public sealed class GapBench : IDisposable
{
    private CurrentUser _user = CurrentUser.System;
    private ServiceProvider _services = null!;

    public DatabaseProvider Provider { get; private init; }
    public string ConnectionString { get; private init; } = "";
    public Guid District { get; private set; }
    public Dictionary<string, CurrentUser> Users { get; } = [];

    /// <summary>Starts on the province; <paramref name="more"/> registers the services other benchmarks call (the reports').</summary>
    public static async Task<GapBench> StartAsync(Action<IServiceCollection>? more = null)
    {
        var provider = BenchDatabase.Postgres is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;
        var bench = new GapBench { Provider = provider, ConnectionString = BenchDatabase.ConnectionString(provider) };
        var office = await BenchDatabase.BenchOfficeAsync(provider, bench.ConnectionString);
        bench.District = office.DistrictId!.Value;
        bench.Users[Roles.Office] = office;
        await using (var db = BenchDatabase.Unaudited(provider, bench.ConnectionString))
        {
            foreach (var role in new[] { Roles.Department, Roles.Township, Roles.Officer, Roles.Auditor })
            {
                var user = await db.Users.Where(u => u.DistrictId == bench.District && u.Role == role)
                    .OrderBy(u => u.UserName).FirstAsync();
                // The generated officers' accounts name their township, not their officer: take one of its officers.
                var officer = role == Roles.Officer
                    ? await db.Officers.Where(o => o.TownshipId == user.TownshipId).OrderBy(o => o.Id).Select(o => (Guid?)o.Id).FirstAsync()
                    : user.OfficerId;
                bench.Users[role] = new CurrentUser
                {
                    UserId = user.Id,
                    UserName = user.UserName!,
                    Role = role,
                    DistrictId = user.DistrictId,
                    DepartmentId = user.DepartmentId,
                    TownshipId = user.TownshipId,
                    OfficerId = officer,
                };
            }
        }
        bench._services = BenchDatabase.Services(provider, bench.ConnectionString, () => bench._user, services =>
        {
            services.AddScoped<HolidayCalendar>();
            services.AddScoped<GapScanner>();
            services.AddScoped<GapBook>();
            services.AddScoped<Workbench>();
            services.AddScoped<DelegationSimulator>();
            more?.Invoke(services);
        });
        return bench;
    }

    /// <summary>A request scope acting as <paramref name="user"/> (the benchmarks call one at a time).</summary>
    public IServiceScope Scope(CurrentUser user)
    {
        _user = user;
        return _services.CreateScope();
    }

    /// <summary>
    /// One audited change in the bench district (its escalation setting goes up and down by one), the trail sealed before it
    /// as the sealer would have done within the second.
    /// </summary>
    public async Task ChangeOneSettingAsync()
    {
        using var scope = Scope(Users[Roles.Office]);
        var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
        await AuditSealer.SealAsync(db);
        var settings = await db.GapSettings.FirstOrDefaultAsync(s => s.DistrictId == District);
        if (settings is null)
        {
            settings = GapSettings.Defaults(District);
            db.GapSettings.Add(settings);
        }
        var days = settings.EscalationWorkingDays == GapSettings.DefaultEscalationWorkingDays ? settings.EscalationWorkingDays + 1
            : GapSettings.DefaultEscalationWorkingDays;
        var byDomain = settings.DormantDaysByDomain.Select(e => e.Split('=', 2))
            .ToDictionary(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
        settings.Set(settings.DormantDays, byDomain, days);
        await db.SaveChangesAsync();
    }

    public void Dispose()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
