using System.Linq.Expressions;
using Entrust.Tests.Hosting;
using Entrust.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Entrust.Tests.Api;

/// <summary>
/// Every table that belongs to a district or a township is filtered by the user's scope (Data/DataScope.cs), so a table a
/// new feature adds can't be read across districts by forgetting its filter: the model itself is checked here.
/// </summary>
public abstract class DataScopeTests(HostFixture host) : ApiTest(host)
{
    /// <summary>The one table without a filter, and why: signing in looks an account up before anyone is known.</summary>
    private static readonly Type[] Unfiltered = [typeof(AppUser)];

    [Fact]
    public async Task EveryTableWithADistrictOrTownshipHasItsScopeFilter()
    {
        var missing = await Host.WithDbAsync(db => Task.FromResult(db.Model.GetEntityTypes()
            .Where(e => !e.IsOwned() && !Unfiltered.Contains(e.ClrType))
            .Where(e => e.FindProperty("DistrictId") is not null || e.FindProperty("TownshipId") is not null)
            .Where(e => !FiltersOn(e, "DistrictId"))
            .Select(e => e.ClrType.Name)
            .Order()
            .ToList()));
        Assert.True(missing.Count == 0, "without a district filter: " + string.Join(", ", missing));
    }

    /// <summary>
    /// Tables naming a township that every unit of the district reads, and why: a scope decision is the district government's
    /// published decision (北碚府〔2026〕n号) on the entrusted catalogue, the same text for all.
    /// </summary>
    private static readonly Type[] DistrictWide = [typeof(Entrust.Web.Features.Scope.ScopeDecision)];

    [Fact]
    public async Task EveryTableWithATownshipLimitsTownshipUsersToTheirOwn()
    {
        var missing = await Host.WithDbAsync(db => Task.FromResult(db.Model.GetEntityTypes()
            .Where(e => !e.IsOwned() && !Unfiltered.Contains(e.ClrType))
            .Where(e => e.FindProperty("TownshipId") is not null && !DistrictWide.Contains(e.ClrType))
            .Where(e => !FiltersOn(e, "TownshipId"))
            .Select(e => e.ClrType.Name)
            .Order()
            .ToList()));
        Assert.True(missing.Count == 0, "without a township filter: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task TheCheckSeesAMissingFilter()
    {
        // The accounts table has a district and a township but, by design, no filter: the check must name it.
        var accounts = await Host.WithDbAsync(db => Task.FromResult(FiltersOn(db.Model.FindEntityType(typeof(AppUser))!, "DistrictId")));
        Assert.False(accounts);
    }

    /// <summary>Whether the entity's query filter reads <paramref name="column"/> of the row (directly or through a navigation).</summary>
    private static bool FiltersOn(IEntityType entity, string column)
    {
        var filters = entity.GetDeclaredQueryFilters().Select(f => f.Expression).OfType<LambdaExpression>().ToList();
        var finder = new MemberFinder(column);
        foreach (var filter in filters)
        {
            finder.Visit(filter.Body);
        }
        return finder.Found;
    }

    private sealed class MemberFinder(string column) : ExpressionVisitor
    {
        public bool Found { get; private set; }

        protected override Expression VisitMember(MemberExpression node)
        {
            // The row's own column (or the district row's own id), not the user's DistrictId/TownshipId it is compared with.
            if (node.Expression is ParameterExpression or MemberExpression { Expression: ParameterExpression }
                && (node.Member.Name == column || (column == "DistrictId" && node.Member.Name == "Id" && node.Expression is ParameterExpression { Type.Name: "District" })))
            {
                Found = true;
            }
            return base.VisitMember(node);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DataScopeTests_Sqlite(SqliteHost host) : DataScopeTests(host);

[Collection(PostgresCollection.Name)]
public sealed class DataScopeTests_Postgres(PostgresHost host) : DataScopeTests(host);
