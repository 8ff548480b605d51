using System.Net;
using System.Net.Http.Json;
using Entrust.Tests.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Tests.Api;

/// <summary>
/// The console lists the demo seeds only one or two rows of (training classes, exams, random plans): three more are made through
/// the API first, then each list sorts, pages and exports as <see cref="ListPagesTests"/> checks the long ones.
/// </summary>
public abstract class ShortListPagesTests(HostFixture host) : TrainingTest(host)
{
    [Fact]
    public async Task TheTrainingClassListSortsPagesAndExportsTheFiltersRows()
    {
        for (var i = 0; i < 3; i++)
        {
            await ClassAsync(ClassBody(name: "排序培训班" + UniqueCode("")));
        }
        var office = await ConsoleSignIn.SignInAsync(Host, "office");
        await ListPagesTests.SortsPagesAndExportsAsync(office, "/Training", "data-id", "name", "q=排序培训班");
        await ListPagesTests.SortsPagesAndExportsAsync(office, "/Training", "data-id", "trainees", "");
    }

    [Fact]
    public async Task TheExamListSortsPagesAndExportsTheFiltersRows()
    {
        var office = await As("office");
        for (var i = 0; i < 3; i++)
        {
            var c = await ClassAsync();
            await office.PostAsJsonAsync("/api/exams", new
            {
                name = "排序考试" + UniqueCode(""),
                heldOn = Day(Today.AddDays(-3 + i)),
                fullMark = 100,
                passMark = 60,
                classIds = new[] { c.Id() },
            }).ExpectAsync(HttpStatusCode.Created);
        }
        var console = await ConsoleSignIn.SignInAsync(Host, "office");
        await ListPagesTests.SortsPagesAndExportsAsync(console, "/Exams", "data-id", "held", "q=排序考试");
        await ListPagesTests.SortsPagesAndExportsAsync(console, "/Exams", "data-id", "name", "");
    }

    [Fact]
    public async Task TheRandomPlanListSortsPagesAndExportsTheFiltersRows()
    {
        var (matter, pool) = await Host.WithDbAsync(async db => (
            await db.Matters.Where(m => m.DistrictId == Ids.Beibei && m.Code == "198-06").Select(m => m.Id).SingleAsync(),
            await db.Officers.Where(o => o.TownshipId == Ids.Xiema).OrderBy(o => o.Id).Select(o => o.Id).Take(2).ToListAsync()));
        var office = await As("office");
        for (var i = 0; i < 3; i++)
        {
            await office.PostAsJsonAsync("/api/random-plans", new
            {
                name = "排序抽查计划" + UniqueCode(""),
                matterId = matter,
                targetKinds = new[] { "Restaurant" },
                proportion = 0.1m,
                complaintWeight = 2,
                abnormalWeight = 2,
                inspectorIds = pool,
                publicationWorkingDays = 20,
            }).ExpectAsync(HttpStatusCode.Created);
        }
        var console = await ConsoleSignIn.SignInAsync(Host, "office");
        await ListPagesTests.SortsPagesAndExportsAsync(console, "/RandomPlans", "data-plan", "name", "q=排序抽查计划");
        await ListPagesTests.SortsPagesAndExportsAsync(console, "/RandomPlans", "data-plan", "state", "");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ShortListPagesTests_Sqlite(SqliteHost host) : ShortListPagesTests(host);

[Collection(PostgresCollection.Name)]
public sealed class ShortListPagesTests_Postgres(PostgresHost host) : ShortListPagesTests(host);
