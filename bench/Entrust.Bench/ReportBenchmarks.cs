using BenchmarkDotNet.Attributes;
using Entrust.Web.Data;
using Entrust.Web.Features.Reports;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entrust.Bench;

/// <summary>
/// Issue 15's budgets on the generated province (SQLite, or PostgreSQL with ENTRUST_BENCH_POSTGRES): compiling every report of a
/// province month (1,000 townships × their departments) &lt; 10 s; the statistics of a district over 24 months &lt; 200 ms p95;
/// the summary .docx &lt; 2 s. All read the records through <see cref="ReportFigures"/>, as the pages and the nightly job do.
/// </summary>
[Config(typeof(ReportMonthConfig))]
public class ReportMonthBenchmarks
{
    private GapBench _bench = null!;
    private List<Guid> _districts = [];

    [GlobalSetup]
    public async Task Setup()
    {
        _bench = await ReportBench.StartAsync();
        await using var db = BenchDatabase.Unaudited(_bench.Provider, _bench.ConnectionString);
        _districts = await db.Districts.IgnoreQueryFilters().Select(d => d.Id).ToListAsync();
    }

    [GlobalCleanup]
    public void Cleanup() => _bench.Dispose();

    /// <summary>Last month's figures of every township × department of every district (the reports due), one district after the other.</summary>
    [Benchmark]
    public async Task<int> CompileEveryReportOfAProvinceMonth()
    {
        var month = ReportBench.LastMonth;
        var reports = 0;
        foreach (var district in _districts)
        {
            using var scope = _bench.Scope(CurrentUser.System);
            var figures = scope.ServiceProvider.GetRequiredService<ReportFigures>();
            var s = new FigureScope(district, month.FirstDay, month.LastDay);
            var pairs = await figures.PairsAsync(s);
            var computed = await figures.ComputeAsync(s);
            reports += pairs.Count(computed.ContainsKey);
        }
        return reports;
    }
}

/// <summary>The statistics page's work for the bench district's office over the 24 months up to last month (one request per call).</summary>
[Config(typeof(ReportPageConfig))]
public class ReportStatisticsBenchmarks
{
    private GapBench _bench = null!;

    [GlobalSetup]
    public async Task Setup() => _bench = await ReportBench.StartAsync();

    [GlobalCleanup]
    public void Cleanup() => _bench.Dispose();

    [Benchmark]
    public async Task<int> StatisticsOfADistrictOver24Months()
    {
        using var scope = _bench.Scope(_bench.Users[Roles.Office]);
        var to = ReportBench.LastMonth;
        var from = to;
        for (var i = 0; i < 23; i++)
        {
            from = from.Previous;
        }
        var view = await scope.ServiceProvider.GetRequiredService<ReportStatistics>().ComputeAsync(from, to);
        return view.ByMonth.Count + view.ByTownship.Count + view.Coverage.Count;
    }

    /// <summary>The half-year summary of the bench district as .docx (the six months up to last month).</summary>
    [Benchmark]
    public async Task<int> SummaryDocxOfADistrictHalfYear()
    {
        using var scope = _bench.Scope(_bench.Users[Roles.Office]);
        var to = ReportBench.LastMonth;
        var from = to.Previous.Previous.Previous.Previous.Previous;
        var draft = (await scope.ServiceProvider.GetRequiredService<ReportSummary>().DraftAsync(from, to, null))!.Value;
        return draft.Content.Length;
    }
}

internal static class ReportBench
{
    public static Month LastMonth => Month.Of(TimeProvider.System.TodayInChina()).Previous;

    /// <summary>The bench's services, on a province brought up to the model first (one generated before the last migrations).</summary>
    public static async Task<GapBench> StartAsync()
    {
        var provider = BenchDatabase.Postgres is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;
        await using (var db = BenchDatabase.Unaudited(provider, BenchDatabase.ConnectionString(provider)))
        {
            await db.Database.MigrateAsync();
        }
        return await GapBench.StartAsync(services =>
        {
            services.AddScoped<ReportFigures>();
            services.AddScoped<ReportStatistics>();
            services.AddScoped<ReportSummary>();
        });
    }
}

/// <summary>A province month takes seconds: one warm-up, five runs.</summary>
public sealed class ReportMonthConfig() : GapBenchConfig(1, 5);

/// <summary>A page's work: 50 calls after 5 warm-ups, so P95 is of single requests.</summary>
public sealed class ReportPageConfig() : GapBenchConfig(5, 50);
