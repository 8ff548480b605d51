using BenchmarkDotNet.Attributes;
using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Entrust.Bench;

/// <summary>
/// Budget: the matter list of a district with 2,000 matters, filtered and paged, in under 50 ms server time (p95).
/// Each call is what one GET /api/matters request does past authentication: a new scope and DbContext, then
/// <see cref="MattersApi.List"/> itself (<see cref="Catalogue.MatterPageAsync"/>) as the office of 渝北区.
/// </summary>
[Config(typeof(PerCallConfig))]
public class MatterListBenchmarks
{
    private ServiceProvider _services = null!;
    private MatterFilter _filter = null!;

    [ParamsSource(nameof(Providers))]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>The filter bar as users fill it: nothing, free text, domain and kind, sorted by department, far down the pages.</summary>
    public static readonly (string Shape, MatterFilter Filter)[] Shapes =
    [
        ("none", new(null, null, null, null, null, null, null, null)),
        ("q=text", new("安全", null, null, null, null, null, null, null)),
        ("domain+kind", new(null, null, "work-safety", MatterKind.Inspection, null, null, null, null)),
        ("sort=department", new(null, null, null, null, null, "department", null, null)),
        ("page=50", new(null, null, null, null, null, null, 50, 20)),
    ];

    [Params("none", "q=text", "domain+kind", "sort=department", "page=50")]
    public string Shape { get; set; } = "none";

    public static IEnumerable<string> Providers => BenchDatabase.Postgres is null ? ["Sqlite"] : ["Sqlite", "Postgres"];

    [GlobalSetup]
    public void Setup()
    {
        var provider = Enum.Parse<DatabaseProvider>(Provider);
        var connectionString = BenchDatabase.ConnectionString(provider);
        var office = BenchDatabase.BenchOfficeAsync(provider, connectionString).GetAwaiter().GetResult();
        _services = BenchDatabase.Services(provider, connectionString, () => office);
        _filter = Shapes.Single(s => s.Shape == Shape).Filter;
        // The first call compiles the query; a running server has done that long before.
        List().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark]
    public async Task<int> List()
    {
        await using var scope = _services.CreateAsyncScope();
        var result = await MattersApi.List(_filter, scope.ServiceProvider.GetRequiredService<Catalogue>(), CancellationToken.None);
        var page = result.Value!;
        return page.Items.Count == 0 && page.Total > 0 && Shape != "page=50" ? throw new InvalidOperationException("empty page") : page.Total;
    }
}
