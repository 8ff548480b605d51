using BenchmarkDotNet.Attributes;
using Entrust.Web.Data;
using Entrust.Web.Features.Assessment;
using Entrust.Web.Features.Calendar;
using Entrust.Web.Features.Reports;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entrust.Bench;

/// <summary>
/// Issue 17's budget on the generated province: computing a province's round (1,000 townships, 600 departments, the province's
/// records) &lt; 30 s on PostgreSQL — every district's office computes its district's round of this year, one district after the
/// other, as <see cref="AssessmentBook.ComputeAsync"/> does for the page and the API (every automatic indicator by one query per
/// district, the manual scores, the erroneous cases, the deductions written and ranked): the first computation (the deductions deleted
/// before each run) and a recompute over unchanged records (which writes only what changed). The setup starts the year's round of any
/// district that has none. On SQLite the bench works on a copy of the province's database brought to this build's schema (the shared
/// file is left as it is); with ENTRUST_BENCH_POSTGRES, on that database, which must be at this build's schema (the rounds started
/// stay in it). ENTRUST_BENCH_DISTRICTS=N computes only the first N districts (a quick run, not the budget).
/// </summary>
[Config(typeof(AssessmentConfig))]
public class AssessmentBenchmarks
{
    private ServiceProvider _services = null!;
    private CurrentUser _user = CurrentUser.System;
    private List<CurrentUser> _offices = [];
    private string? _copy;

    private static int Year => TimeProvider.System.TodayInChina().Year;

    [GlobalSetup]
    public async Task Setup()
    {
        var provider = BenchDatabase.Postgres is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;
        var cs = BenchDatabase.ConnectionString(provider);
        if (provider == DatabaseProvider.Sqlite)
        {
            _copy = Path.Combine(Path.GetTempPath(), $"entrust-assessment-bench-{Environment.ProcessId}.db");
            File.Copy(BenchDatabase.SqliteFile(BenchDatabase.DataDirectory), _copy, overwrite: true);
            cs = $"Data Source={_copy}";
            await using var db = BenchDatabase.Unaudited(provider, cs);
            await db.Database.MigrateAsync();
        }
        var limit = int.TryParse(Environment.GetEnvironmentVariable("ENTRUST_BENCH_DISTRICTS"), out var n) && n > 0 ? n : int.MaxValue;
        await using (var db = BenchDatabase.Unaudited(provider, cs))
        {
            // One office account of each district, as the API sees it once signed in.
            var offices = await db.Users.IgnoreQueryFilters().Where(u => u.Role == Roles.Office && u.DistrictId != null)
                .Select(u => new { u.Id, u.UserName, u.DistrictId }).ToListAsync();
            var codes = await db.Districts.IgnoreQueryFilters().ToDictionaryAsync(d => d.Id, d => d.Code);
            _offices = [.. offices.GroupBy(u => u.DistrictId!.Value).OrderBy(g => codes.GetValueOrDefault(g.Key), StringComparer.Ordinal).Take(limit)
                .Select(g => g.OrderBy(u => u.UserName, StringComparer.Ordinal).First())
                .Select(u => new CurrentUser { UserId = u.Id, UserName = u.UserName!, Role = Roles.Office, DistrictId = u.DistrictId })];
        }
        _services = BenchDatabase.Services(provider, cs, () => _user, services =>
        {
            services.AddScoped<HolidayCalendar>();
            services.AddScoped<ReportFigures>();
            services.AddScoped<ReportBook>();
            services.AddScoped<AssessmentRecords>();
            services.AddScoped<AssessmentBook>();
        });
        foreach (var office in _offices)
        {
            using var scope = Scope(office);
            var book = scope.ServiceProvider.GetRequiredService<AssessmentBook>();
            if (await book.RoundAsync(Year) is null)
            {
                await book.StartRoundAsync(Year);
            }
        }
    }

    private IServiceScope Scope(CurrentUser user)
    {
        _user = user;
        return _services.CreateScope();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_copy is not null)
        {
            File.Delete(_copy);
        }
    }

    /// <summary>Before each run of the first computation: the year's deductions gone, as before the round was first computed.</summary>
    [IterationSetup(Target = nameof(ComputeTheProvincesRound))]
    public void ForgetTheDeductions()
    {
        using var scope = Scope(CurrentUser.System);
        var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
        var year = Year;
        db.Deductions.IgnoreQueryFilters().Where(d => db.UnitResults.IgnoreQueryFilters().Any(r => r.Id == d.UnitResultId && r.Year == year))
            .ExecuteDeleteAsync().GetAwaiter().GetResult();
    }

    /// <summary>
    /// The first computation of every district's round, one after the other (every deduction written, and audited): the number of unit
    /// results scored. This is the budget's case.
    /// </summary>
    [Benchmark]
    public Task<int> ComputeTheProvincesRound() => ComputeAllAsync();

    /// <summary>Computing again with the records unchanged since: only what changed is written, here nothing but the round's time.</summary>
    [Benchmark]
    public Task<int> RecomputeTheProvincesRound() => ComputeAllAsync();

    private async Task<int> ComputeAllAsync()
    {
        var results = 0;
        foreach (var office in _offices)
        {
            using var scope = Scope(office);
            var round = await scope.ServiceProvider.GetRequiredService<AssessmentBook>().ComputeAsync(Year)
                ?? throw new InvalidOperationException($"No {Year} round in the district of {office.UserName}.");
            results += round.Results.Count;
        }
        return results;
    }
}

/// <summary>A province's round takes seconds: one warm-up, five runs.</summary>
public sealed class AssessmentConfig() : GapBenchConfig(1, 5);
