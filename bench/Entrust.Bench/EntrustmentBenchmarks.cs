using BenchmarkDotNet.Attributes;
using Entrust.Web.Data;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entrust.Bench;

/// <summary>
/// Issue 3's budgets on one district of 30 townships × 20 departments, every pair under a published agreement of
/// two district-wide matters (600 agreements, 1,200 matters entrusted), written with the domain's own methods:
/// the entitlement question &lt; 1 ms p99 in-process, the district's matrix &lt; 100 ms, batch signing 20 agreements &lt; 1 s.
/// </summary>
[Config(typeof(PerCallConfig))]
public class EntrustmentBenchmarks
{
    public const int Townships = 30;
    public const int Departments = 20;

    private string _file = "";
    private ServiceProvider _services = null!;
    private CurrentUser _office = CurrentUser.System;
    private Guid[] _townships = [];
    private Guid[] _matters = [];
    private int _next;
    private IServiceScope _requestScope = null!;
    private Entitlements _requestEntitlements = null!;
    private readonly DateOnly _day = new(2026, 6, 1);

    [GlobalSetup]
    public async Task Setup()
    {
        _file = Path.Combine(Path.GetTempPath(), $"entrust-entrustment-bench-{Environment.ProcessId}.db");
        File.Delete(_file);
        var cs = $"Data Source={_file}";
        await using (var db = BenchDatabase.Unaudited(DatabaseProvider.Sqlite, cs))
        {
            await db.Database.MigrateAsync();
            var district = new District("EB0001", "基准区");
            db.Districts.Add(district);
            var townships = Enumerable.Range(1, Townships).Select(i => new Township(district.Id, $"T{i:000}", $"基准{i}镇", TownshipKind.Town, isPilot: false)).ToList();
            var departments = Enumerable.Range(1, Departments).Select(i => new Department(district.Id, $"D{i:00}", $"基准{i}局")).ToList();
            var matters = departments.SelectMany(d => Enumerable.Range(1, 2).Select(k => new Matter(district.Id,
                new MatterFields(d.Id, $"{d.Code}-{k}", $"{d.Name}事项{k}", "work-safety", MatterKind.Inspection, "中华人民共和国安全生产法", "第六十五条",
                    Entrustability.DistrictWide)))).ToList();
            db.AddRange(townships);
            db.AddRange(departments);
            db.AddRange(matters);
            var n = 0;
            foreach (var t in townships)
            {
                foreach (var d in departments)
                {
                    var agreement = new Agreement(d, t, $"基准委托〔2026〕{++n}号",
                        new AgreementTerms(AgreementMode.Entrustment, null, new DateOnly(2026, 1, 1), new DateOnly(2028, 12, 31), "", null, null, true, true, true),
                        matters.Where(m => m.DepartmentId == d.Id).Select(m => (m, Authority.InspectionOnly, (decimal?)null)));
                    agreement.Submit(new DateOnly(2025, 12, 1));
                    agreement.Review(new DateOnly(2025, 12, 5), "bench", approved: true);
                    agreement.Sign(new DateOnly(2025, 12, 10), new DateOnly(2025, 12, 12), "局长", "镇长");
                    agreement.Publish(new DateOnly(2025, 12, 12), new DateOnly(2025, 12, 12), "政府网站");
                    db.Agreements.Add(agreement);
                }
            }
            await db.SaveChangesAsync();
            _office = new CurrentUser { UserName = "bench.office", Role = Roles.Office, DistrictId = district.Id };
            _townships = townships.Select(t => t.Id).ToArray();
            _matters = matters.Select(m => m.Id).ToArray();
        }
        _services = BenchDatabase.Services(DatabaseProvider.Sqlite, cs, () => _office);
        // Warm the entitlement cache the way a running server is warm.
        _requestScope = _services.CreateScope();
        _requestEntitlements = _requestScope.ServiceProvider.GetRequiredService<Entitlements>();
        foreach (var t in _townships)
        {
            await _requestEntitlements.CheckAsync(t, _matters[0], Authority.InspectionOnly, _day);
        }
    }

    internal ServiceProvider Services => _services;
    internal CurrentUser Office => _office;

    [GlobalCleanup]
    public void Cleanup()
    {
        _requestScope.Dispose();
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    [Benchmark, BenchmarkCategory("entitlement")]
    public async Task<bool> EntitlementQuestion()
    {
        using var scope = _services.CreateScope();
        var i = _next++;
        var answer = await scope.ServiceProvider.GetRequiredService<Entitlements>()
            .CheckAsync(_townships[i % Townships], _matters[i % _matters.Length], Authority.InspectionOnly, _day);
        return answer.Allowed;
    }

    /// <summary>The question alone, as an inspection handler asks it with the request's services already built.</summary>
    [Benchmark, BenchmarkCategory("entitlement")]
    public async Task<bool> EntitlementQuestionInRequest()
    {
        var i = _next++;
        var answer = await _requestEntitlements.CheckAsync(_townships[i % Townships], _matters[i % _matters.Length], Authority.InspectionOnly, _day);
        return answer.Allowed;
    }

    [Benchmark, BenchmarkCategory("matrix")]
    public async Task<int> DistrictMatrix()
    {
        using var scope = _services.CreateScope();
        var book = scope.ServiceProvider.GetRequiredService<EntrustmentBook>();
        var matrix = await book.MatrixAsync(new MatrixFilter(_day, null, null, null), default);
        return matrix.Rows.Sum(r => r.Cells.Count);
    }
}

/// <summary>Batch signing 20 reviewed agreements with one township in one action, audit trail on, as in production.</summary>
[Config(typeof(SlowOperationConfig))]
public class BatchSignBenchmarks
{
    private readonly EntrustmentBenchmarks _district = new();
    private List<Guid> _batch = [];
    private Guid _township;
    private int _round;

    [GlobalSetup]
    public Task Setup() => _district.Setup();

    [GlobalCleanup]
    public void Cleanup() => _district.Cleanup();

    /// <summary>A new township with 20 reviewed agreements, one per department, waiting to be signed.</summary>
    [IterationSetup]
    public void Prepare()
    {
        using var scope = _district.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
        var districtId = _district.Office.DistrictId!.Value;
        var township = new Township(districtId, $"B{++_round:000}", $"批签{_round}镇", TownshipKind.Town, isPilot: false);
        db.Townships.Add(township);
        var departments = db.Departments.OrderBy(d => d.Code).ToList();
        var matters = db.Matters.ToList();
        _batch = [];
        foreach (var d in departments)
        {
            var agreement = new Agreement(d, township, $"批签〔2026〕{_round}-{d.Code}号",
                new AgreementTerms(AgreementMode.Entrustment, null, new DateOnly(2026, 1, 1), new DateOnly(2028, 12, 31), "", null, null, true, true, true),
                matters.Where(m => m.DepartmentId == d.Id).Select(m => (m, Authority.InspectionOnly, (decimal?)null)));
            agreement.Submit(new DateOnly(2025, 12, 1));
            agreement.Review(new DateOnly(2025, 12, 5), "bench", approved: true);
            db.Agreements.Add(agreement);
            _batch.Add(agreement.Id);
        }
        db.SaveChanges();
        _township = township.Id;
    }

    [Benchmark]
    public async Task<int> SignTwenty()
    {
        using var scope = _district.Services.CreateScope();
        var book = scope.ServiceProvider.GetRequiredService<AgreementBook>();
        var signed = await book.BatchSignAsync(new BatchSignInput(_township, _batch, new DateOnly(2025, 12, 20), "镇长", null), default);
        return signed.Count;
    }
}
