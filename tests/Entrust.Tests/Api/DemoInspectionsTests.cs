using System.Net;
using Entrust.Tests.Hosting;
using Entrust.Web.Data;
using Entrust.Web.Features.Demo;
using Entrust.Web.Features.Inspections;
using Entrust.Web.Features.Officers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entrust.Tests.Api;

/// <summary>
/// The demo district's inspections are the seed's half-year in 歇马镇, as records, and every one of them is lawful: two officers
/// who may act on the matter that day. Only the demo's rows (its recording time) are counted.
/// </summary>
public abstract class DemoInspectionsTests(HostFixture host) : ApiTest(host)
{
    private Task<List<Inspection>> DemoAsync() => Host.WithDbAsync(db =>
        db.Inspections.AsNoTracking().Where(i => i.RecordedAt == DemoInspections.RecordedAt).ToListAsync());

    [Fact]
    public async Task XiemaHasTheSeedsHalfYearAsRecords()
    {
        var all = await DemoAsync();
        var codes = await Host.WithDbAsync(db => db.Matters.AsNoTracking().ToDictionaryAsync(m => m.Id, m => m.Code));
        int First(string code) => all.Count(i => codes[i.MatterId] == code && i.ReinspectionOfOrderId is null);
        Assert.Equal(25, First("198-04"));
        Assert.Equal(6, First("198-03"));
        Assert.Equal(7, First("198-01"));
        Assert.Equal(12, First("198-09"));
        Assert.Equal(15, First("198-06"));
        Assert.Equal(5, First("198-02"));
        Assert.All(all, i => Assert.Equal(Ids.Xiema, i.TownshipId));
        var food = all.Where(i => codes[i.MatterId] == "198-06").SelectMany(i => i.Targets.Select(t => t.TargetId)).Distinct().Count();
        Assert.True(food >= 80, $"food hygiene covers {food} establishments");
    }

    /// <summary>
    /// The campaign's inspections are every one recorded under it (<c>Campaign.Holds</c>, what its page lists): the 7 first visits
    /// and the 4 re-inspections of their orders, which the count names apart (the monthly figures count them apart too).
    /// </summary>
    [Fact]
    public async Task TheFireworksCampaignCountsSevenVisitsFourReinspectionsAndFiveOrdersOneOverdue()
    {
        var campaigns = await (await As("office")).GetAsync("/api/campaigns").ExpectAsync(HttpStatusCode.OK);
        var fireworks = campaigns.Items().Single(c => c.Str("name") == DemoInspections.CampaignName);
        Assert.Equal(11, fireworks.GetProperty("inspections").GetInt32());
        Assert.Equal(4, fireworks.GetProperty("reinspections").GetInt32());
        Assert.Equal(5, fireworks.GetProperty("orders").GetInt32());
        Assert.Equal(1, fireworks.GetProperty("ordersOpen").GetInt32());
        Assert.Equal(1, fireworks.GetProperty("ordersOverdue").GetInt32());
        var orders = await (await As("town.xiema")).GetAsync($"/api/rectifications?campaign={fireworks.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, orders.Items().Count(o => o.Str("state") == "Completed"));
        Assert.Equal(1, orders.Items().Count(o => o.Str("state") == "Escalated"));
    }

    [Fact]
    public async Task EveryDemoInspectionHasTwoOfficersWhoMayAct()
    {
        var all = await DemoAsync();
        using var scope = Host.Services.CreateScope();
        var powers = scope.ServiceProvider.GetRequiredService<OfficerPowers>();
        foreach (var inspection in all)
        {
            Assert.True(inspection.Officers.Count >= 2);
            foreach (var officer in inspection.Officers)
            {
                var answer = await powers.MayActAsync(officer.OfficerId, inspection.MatterId, inspection.TownshipId, inspection.Day);
                Assert.True(answer.MayAct, $"{officer.OfficerId} on {inspection.Day}: {answer.ReasonKey}");
            }
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DemoInspectionsTests_Sqlite(SqliteHost host) : DemoInspectionsTests(host);

[Collection(PostgresCollection.Name)]
public sealed class DemoInspectionsTests_Postgres(PostgresHost host) : DemoInspectionsTests(host);
