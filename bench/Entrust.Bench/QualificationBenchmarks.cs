using BenchmarkDotNet.Attributes;
using Entrust.Web.Data;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Officers;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entrust.Bench;

/// <summary>
/// Issue 4's budgets on the generated province (1,000 townships, 20,000 officers, 60,000 certificates): the coverage view
/// for the whole province as the admin sees it &lt; 500 ms, one district's as its office sees it, and the may-act question
/// &lt; 1 ms p99 in-process (with the request's services built and the entitlement cache warm, as an inspection asks it).
/// </summary>
[Config(typeof(PerCallConfig))]
public class QualificationBenchmarks
{
    private static readonly DateOnly Day = ProvinceQualification.Today;
    private ServiceProvider _admin = null!;
    private ServiceProvider _office = null!;
    private IServiceScope _requestScope = null!;
    private OfficerPowers _powers = null!;
    private (Guid Officer, Guid Matter)[] _questions = [];
    private int _next;

    [GlobalSetup]
    public async Task Setup()
    {
        var cs = BenchDatabase.ConnectionString(BenchDatabase.Postgres is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres);
        var provider = BenchDatabase.Postgres is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;
        var office = await BenchDatabase.BenchOfficeAsync(provider, cs);
        _office = BenchDatabase.Services(provider, cs, () => office);
        _admin = BenchDatabase.Services(provider, cs, () => new CurrentUser { UserName = ProvinceGenerator.AdminUserName, Role = Roles.Admin });

        // Questions an inspection would ask: township officers of the bench district and matters entrusted to their township.
        await using (var db = BenchDatabase.Unaudited(provider, cs))
        {
            var officers = await db.Officers.Where(o => o.DistrictId == office.DistrictId && o.TownshipId != null)
                .Select(o => new { o.Id, Township = o.TownshipId!.Value }).Take(500).ToListAsync();
            var entrusted = await (from a in db.Agreements
                                   where a.DistrictId == office.DistrictId
                                   from m in a.Matters
                                   select new { a.TownshipId, m.MatterId }).ToListAsync();
            var byTownship = entrusted.ToLookup(e => e.TownshipId, e => e.MatterId);
            _questions = officers.Where(o => byTownship[o.Township].Any())
                .SelectMany(o => byTownship[o.Township].Take(4).Select(m => (o.Id, m))).ToArray();
        }
        _requestScope = _office.CreateScope();
        _powers = _requestScope.ServiceProvider.GetRequiredService<OfficerPowers>();
        foreach (var (officer, matter) in _questions)
        {
            await _powers.MayActAsync(officer, matter, null, Day);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _requestScope.Dispose();
        _office.Dispose();
        _admin.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Benchmark, BenchmarkCategory("coverage")]
    public async Task<int> ProvinceCoverage()
    {
        using var scope = _admin.CreateScope();
        var view = await Coverage.BuildAsync(scope.ServiceProvider.GetRequiredService<EntrustDbContext>(), Day, null, null, default);
        return view.FlagCount;
    }

    [Benchmark, BenchmarkCategory("coverage")]
    public async Task<int> DistrictCoverage()
    {
        using var scope = _office.CreateScope();
        var view = await Coverage.BuildAsync(scope.ServiceProvider.GetRequiredService<EntrustDbContext>(), Day, null, null, default);
        return view.FlagCount;
    }

    [Benchmark, BenchmarkCategory("may-act")]
    public async Task<bool> MayActInRequest()
    {
        var (officer, matter) = _questions[_next++ % _questions.Length];
        return (await _powers.MayActAsync(officer, matter, null, Day)).MayAct;
    }

    /// <summary>The may-act answers of the sample, for a sanity check that the benchmark asks real questions.</summary>
    public async Task<Dictionary<string, int>> ReasonsAsync()
    {
        var reasons = new Dictionary<string, int>();
        foreach (var (officer, matter) in _questions)
        {
            var key = (await _powers.MayActAsync(officer, matter, null, Day)).ReasonKey ?? "yes";
            reasons[key] = reasons.GetValueOrDefault(key) + 1;
        }
        return reasons;
    }
}
