using BenchmarkDotNet.Attributes;
using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entrust.Bench;

/// <summary>
/// What the data-scope query filter costs the matter list. <see cref="WithScopeFilter"/> is GET /api/matters page 1 as it
/// runs (<c>(@AllDistricts OR DistrictId = @DistrictId)</c>, which SQLite answers by scanning every district's matters
/// and sorting); <see cref="WithPlainDistrictPredicate"/> is the same page with the filters off and a plain
/// <c>DistrictId = @id</c>, the SQL a sargable filter would produce. Throughput job: means, not per-request percentiles.
/// </summary>
[MemoryDiagnoser]
public class ScopeFilterBenchmarks
{
    private ServiceProvider _services = null!;
    private Guid _district;

    [GlobalSetup]
    public void Setup()
    {
        var connectionString = BenchDatabase.ConnectionString(DatabaseProvider.Sqlite);
        var office = BenchDatabase.BenchOfficeAsync(DatabaseProvider.Sqlite, connectionString).GetAwaiter().GetResult();
        _district = office.DistrictId!.Value;
        _services = BenchDatabase.Services(DatabaseProvider.Sqlite, connectionString, () => office);
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true)]
    public async Task<int> WithScopeFilter()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
        var page = await Catalogue.Project(db.Matters.AsNoTracking()).ToPagedAsync(1, 20);
        return page.Total;
    }

    [Benchmark]
    public async Task<int> WithPlainDistrictPredicate()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
        var matters = db.Matters.IgnoreQueryFilters().AsNoTracking().Where(m => m.DistrictId == _district);
        var page = await Catalogue.Project(matters).ToPagedAsync(1, 20);
        return page.Total;
    }
}
