using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entrust.Tests.Hosting;

namespace Entrust.Tests.Api;

/// <summary>
/// POST /api/simulations and /api/simulations/confirm (委托推演): the office sees what entrusting new matters to 歇马镇 (a pilot
/// township docked to the forestry bureau) and 天生街道 (neither) would take — drafts by department, the law's refusals, holders and
/// training seats, the gaps the monitor would open — with nothing written; confirming creates the drafts, all or none.
/// </summary>
public abstract class SimulationsApiTests(HostFixture host) : ApiTest(host)
{
    private DateOnly Today => DateOnly.FromDateTime(Host.Clock.GetUtcNow().UtcDateTime.AddHours(8));

    /// <summary>Two new forestry inspection matters: one the decree gives every township, one only the pilot township.</summary>
    private async Task<(Guid Wide, Guid Pilot)> NewMattersAsync()
    {
        var office = await As("office");
        var wide = await office.PostAsJsonAsync("/api/matters", MatterBody(Ids.Forestry, UniqueCode("S"), entrustability: "DistrictWide",
            domain: "forestry", lawName: "森林防火条例", lawArticle: "第二十四条", name: "林区野外用火巡查")).ExpectAsync(HttpStatusCode.Created);
        var pilot = await office.PostAsJsonAsync("/api/matters", MatterBody(Ids.Forestry, UniqueCode("S"), domain: "forestry",
            lawName: "森林防火条例", lawArticle: "第二十五条", name: "林区防火设施检查")).ExpectAsync(HttpStatusCode.Created);
        return (wide.Id(), pilot.Id());
    }

    private object Plan(Guid wide, Guid pilot, Guid? trainingClassId = null) => new
    {
        matterIds = new[] { wide, pilot },
        townshipIds = new[] { Ids.Xiema, Ids.Tiansheng },
        startOn = Today.AddDays(30),
        trainingClassId,
    };

    private async Task<int> DraftsOfForestryAsync(Guid township) =>
        (await (await As("office")).GetAsync($"/api/agreements?department={Ids.Forestry}&township={township}&state=Draft&pageSize=200")
            .ExpectAsync(HttpStatusCode.OK)).Total();

    private static JsonElement Township(JsonElement view, Guid id) =>
        Assert.Single(view.GetProperty("townships").EnumerateArray(), t => t.GetProperty("townshipId").GetGuid() == id);

    [Fact]
    public async Task TheOfficeSeesWhatThePlanTakesAndWouldOpenWithNothingWritten()
    {
        var (wide, pilot) = await NewMattersAsync();
        var draftsBefore = await DraftsOfForestryAsync(Ids.Tiansheng);

        var view = await (await As("office")).PostAsJsonAsync("/api/simulations", Plan(wide, pilot)).ExpectAsync(HttpStatusCode.OK);

        var xiema = Township(view, Ids.Xiema);
        var xiemaDraft = Assert.Single(xiema.GetProperty("drafts").EnumerateArray());
        Assert.Equal(2, xiemaDraft.GetProperty("matterIds").GetArrayLength());
        Assert.True(xiemaDraft.GetProperty("docked").GetBoolean());
        Assert.Empty(xiema.GetProperty("refused").EnumerateArray());

        var tiansheng = Township(view, Ids.Tiansheng);
        var tianshengDraft = Assert.Single(tiansheng.GetProperty("drafts").EnumerateArray());
        Assert.Equal([wide], tianshengDraft.GetProperty("matterIds").EnumerateArray().Select(e => e.GetGuid()));
        Assert.False(tianshengDraft.GetProperty("docked").GetBoolean());
        Assert.Contains("林区防火设施检查", Assert.Single(tiansheng.GetProperty("refused").EnumerateArray()).Str("matterName"));
        // The monitor would find the forestry bureau undocked in 天生街道 once its agreement is in force.
        Assert.Contains(tiansheng.GetProperty("gapsOpened").EnumerateArray(), g => g.Str("kind") == "NoDocking");

        var passed = view.GetProperty("passed").GetInt32();
        var sat = view.GetProperty("sat").GetInt32();
        foreach (var domain in new[] { xiema, tiansheng }.SelectMany(t => t.GetProperty("domains").EnumerateArray()))
        {
            var shortfall = domain.GetProperty("shortfall").GetInt32();
            Assert.Equal(Math.Max(0, 2 - domain.GetProperty("holdersOnStart").GetInt32()), shortfall);
            Assert.Equal((int)Math.Ceiling(shortfall * (decimal)sat / passed), domain.GetProperty("seatsNeeded").GetInt32());
            Assert.True(domain.GetProperty("trainees").GetArrayLength() <= domain.GetProperty("seatsNeeded").GetInt32());
            if (shortfall > 0)
            {
                Assert.Contains(tiansheng.GetProperty("gapsOpened").EnumerateArray().Concat(xiema.GetProperty("gapsOpened").EnumerateArray()),
                    g => g.Str("kind") == "NoQualifiedPair");
            }
        }
        Assert.Equal(draftsBefore, await DraftsOfForestryAsync(Ids.Tiansheng));
    }

    [Fact]
    public async Task ConfirmingCreatesTheDraftsAndAnUnknownClassWritesNothing()
    {
        var (wide, pilot) = await NewMattersAsync();
        var office = await As("office");
        var xiemaBefore = await DraftsOfForestryAsync(Ids.Xiema);
        var tianshengBefore = await DraftsOfForestryAsync(Ids.Tiansheng);
        var view = await office.PostAsJsonAsync("/api/simulations", Plan(wide, pilot)).ExpectAsync(HttpStatusCode.OK);
        var trainees = view.GetProperty("townships").EnumerateArray()
            .Sum(t => t.GetProperty("domains").EnumerateArray().Sum(d => d.GetProperty("trainees").GetArrayLength()));

        // 天生街道 has no forestry holder: its officers are the trainees, and a class that doesn't exist refuses the whole plan.
        Assert.True(trainees > 0);
        await office.PostAsJsonAsync("/api/simulations/confirm", Plan(wide, pilot, Guid.NewGuid())).ExpectStatusAsync(HttpStatusCode.BadRequest);
        Assert.Equal(xiemaBefore, await DraftsOfForestryAsync(Ids.Xiema));
        Assert.Equal(tianshengBefore, await DraftsOfForestryAsync(Ids.Tiansheng));

        var confirmed = await office.PostAsJsonAsync("/api/simulations/confirm", Plan(wide, pilot)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(2, confirmed.GetProperty("agreementIds").GetArrayLength());
        Assert.Equal(0, confirmed.GetProperty("nominated").GetInt32());
        Assert.Equal(xiemaBefore + 1, await DraftsOfForestryAsync(Ids.Xiema));
        Assert.Equal(tianshengBefore + 1, await DraftsOfForestryAsync(Ids.Tiansheng));
    }

    [Fact]
    public async Task APastStartAnotherDistrictsMatterOrADepartmentIsRefused()
    {
        var (wide, pilot) = await NewMattersAsync();

        var past = await (await As("office")).PostAsJsonAsync("/api/simulations", new { matterIds = new[] { wide }, startOn = Today.AddDays(-1) })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("早于今天", past.Str("detail"));
        await (await As("office2")).PostAsJsonAsync("/api/simulations", Plan(wide, pilot)).ExpectStatusAsync(HttpStatusCode.BadRequest);
        await (await As("dept.forestry")).PostAsJsonAsync("/api/simulations", Plan(wide, pilot)).ExpectStatusAsync(HttpStatusCode.Forbidden);
        await (await As("office")).PostAsJsonAsync("/api/simulations", new { startOn = Today }).ExpectStatusAsync(HttpStatusCode.BadRequest);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SimulationsApiTests_Sqlite(SqliteHost host) : SimulationsApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class SimulationsApiTests_Postgres(PostgresHost host) : SimulationsApiTests(host);
