using System.Net;
using Entrust.Tests.Hosting;
using Entrust.Web.Data;
using Entrust.Web.Features.Demo;
using Entrust.Web.Features.Targets;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Tests.Api;

/// <summary>
/// The demo district's regulated targets are the ones the seed's half-year inspects in 歇马镇: 80-odd food establishments,
/// the fireworks sellers, the mines, road sections and forest areas. Only the demo's rows (its registration time) are counted.
/// </summary>
public abstract class DemoTargetsTests(HostFixture host) : ApiTest(host)
{
    private Task<List<Target>> DemoTargetsOfAsync(Guid township) => Host.WithDbAsync(db =>
        db.Targets.AsNoTracking().Where(t => t.TownshipId == township && t.CreatedAt == DemoTargets.RegisteredAt).ToListAsync());

    [Fact]
    public async Task XiemaHasTheEstablishmentsTheSeedsHalfYearInspects()
    {
        var xiema = await DemoTargetsOfAsync(Ids.Xiema);
        int Count(params TargetKind[] kinds) => xiema.Count(t => kinds.Contains(t.Kind));

        Assert.True(Count(TargetKind.Restaurant, TargetKind.FarmStay, TargetKind.SchoolCanteen) >= 80);
        Assert.True(Count(TargetKind.SchoolCanteen) >= 5);
        Assert.True(Count(TargetKind.FireworksSeller) >= 7);
        Assert.True(Count(TargetKind.CoalMine, TargetKind.NonCoalMine) >= 5);
        Assert.True(Count(TargetKind.CoalMine) >= 1);
        Assert.True(Count(TargetKind.RoadSection) >= 12);
        Assert.True(Count(TargetKind.ForestArea) >= 3);
        Assert.True(Count(TargetKind.Enterprise) >= 3);
        Assert.Contains(xiema, t => t.HasComplaints);
        Assert.Contains(xiema, t => t.IsAbnormal);
        Assert.All(xiema.Where(t => t.Kind == TargetKind.Enterprise), t => Assert.True(CreditCodes.IsValid(t.CreditCode)));
    }

    [Fact]
    public async Task EveryDemoCreditCodeIsValidAndUsedOnce()
    {
        var all = (await DemoTargetsOfAsync(Ids.Xiema)).Concat(await DemoTargetsOfAsync(Ids.Tiansheng)).ToList();
        var codes = all.Where(t => t.CreditCode is not null).Select(t => t.CreditCode!).ToList();

        Assert.True(codes.Count >= 40);
        Assert.All(codes, c => Assert.True(CreditCodes.IsValid(c), c));
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.Equal(all.Count, all.Select(t => (t.TownshipId, t.Name, t.Address)).Distinct().Count());
    }

    [Fact]
    public async Task TianshengKeepsAFewOfItsOwnThatXiemaNeverSees()
    {
        var tiansheng = await DemoTargetsOfAsync(Ids.Tiansheng);
        Assert.InRange(tiansheng.Count, 3, 20);

        var seenByXiema = (await (await As("town.xiema")).GetAsync("/api/targets?q=天生街道&pageSize=200").ExpectAsync(HttpStatusCode.OK)).Items();
        Assert.Empty(seenByXiema);
        var seenByTiansheng = (await (await As("town.tiansheng")).GetAsync("/api/targets?pageSize=200").ExpectAsync(HttpStatusCode.OK)).Items()
            .Select(t => t.Id()).ToHashSet();
        Assert.All(tiansheng, t => Assert.Contains(t.Id, seenByTiansheng));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DemoTargetsTests_Sqlite(SqliteHost host) : DemoTargetsTests(host);

[Collection(PostgresCollection.Name)]
public sealed class DemoTargetsTests_Postgres(PostgresHost host) : DemoTargetsTests(host);
