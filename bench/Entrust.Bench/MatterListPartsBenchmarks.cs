using BenchmarkDotNet.Attributes;
using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entrust.Bench;

/// <summary>
/// Where the time of one GET /api/matters goes past authentication, piece by piece, for the office of the 2,000-matter
/// district: a request scope with its DbContext, the count, the page, both (what the endpoint does), and the JSON.
/// </summary>
[MemoryDiagnoser]
public class MatterListPartsBenchmarks
{
    private ServiceProvider _services = null!;
    private System.Text.Json.JsonSerializerOptions _json = null!;
    private Paged<MatterRow> _page = null!;

    [GlobalSetup]
    public void Setup()
    {
        var connectionString = BenchDatabase.ConnectionString(DatabaseProvider.Sqlite);
        var office = BenchDatabase.BenchOfficeAsync(DatabaseProvider.Sqlite, connectionString).GetAwaiter().GetResult();
        _services = BenchDatabase.Services(DatabaseProvider.Sqlite, connectionString, () => office);
        _json = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        _json.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        _page = Both().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    private static IQueryable<MatterRow> Query(EntrustDbContext db) => Catalogue.Project(db.Matters.AsNoTracking());

    [Benchmark]
    public async Task<int> ScopeAndContext()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
        return db.Model.GetEntityTypes().Count();
    }

    [Benchmark]
    public async Task<int> Count()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
        return await Query(db).CountAsync();
    }

    [Benchmark]
    public async Task<int> Page()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
        return (await Query(db).Take(20).ToListAsync()).Count;
    }

    [Benchmark(Baseline = true)]
    public async Task<Paged<MatterRow>> Both()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
        return await Query(db).ToPagedAsync(1, 20);
    }

    private static readonly Func<EntrustDbContext, Task<int>> CompiledCount =
        EF.CompileAsyncQuery((EntrustDbContext db) => db.Matters.Count());

    private static readonly Func<EntrustDbContext, int, int, IAsyncEnumerable<MatterRow>> CompiledPage =
        EF.CompileAsyncQuery((EntrustDbContext db, int skip, int take) => Catalogue.Project(db.Matters.AsNoTracking()).Skip(skip).Take(take));

    /// <summary><see cref="Both"/> through EF compiled queries: what EF's per-query LINQ processing costs.</summary>
    [Benchmark]
    public async Task<int> BothCompiled()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
        var total = await CompiledCount(db);
        var items = new List<MatterRow>(20);
        await foreach (var item in CompiledPage(db, 0, 20))
        {
            items.Add(item);
        }
        return total + items.Count;
    }

    [Benchmark]
    public byte[] Json() => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(_page, _json);
}
