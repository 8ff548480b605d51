using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entrust.Tests.Hosting;

namespace Entrust.Tests.Api;

/// <summary>GET/POST /api/matters, GET/PUT/DELETE /api/matters/{id}: the enforcement matters of the catalogue.</summary>
public abstract class MattersApiTests(HostFixture host) : ApiTest(host)
{
    private async Task<JsonElement> DemoMatterAsync(string code)
    {
        var page = await (await As("admin")).GetAsync($"/api/matters?q={code}").ExpectAsync(HttpStatusCode.OK);
        return Assert.Single(page.Items(), m => m.Str("code") == code && m.GetProperty("districtId").GetGuid() == Ids.Beibei);
    }

    [Fact]
    public async Task TheDemoCatalogueHoldsTheFourteenPowersAndTheFourDistrictWideAreas()
    {
        var office = await As("office");
        var decree = await office.GetAsync("/api/matters?q=198-&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(14, decree.Items().Count(m => m.Str("code").StartsWith("198-", StringComparison.Ordinal)));
        var wide = await office.GetAsync("/api/matters?q=QQ-&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        var areas = wide.Items().Where(m => m.Str("code").StartsWith("QQ-", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, areas.Count);
        Assert.All(areas, m => Assert.Equal("DistrictWide", m.Str("entrustability")));
    }

    [Fact]
    public async Task TheOfficeCreatesAMatterAndReadsItBack()
    {
        var code = UniqueCode("M");
        var office = await As("office");
        using var response = await office.PostAsJsonAsync("/api/matters",
            MatterBody(Ids.Forestry, code, kind: "Penalty", entrustability: "DistrictWide", domain: "forestry",
                lawName: "中华人民共和国森林法", lawArticle: "第七十四条", name: "对毁坏林木行为的处罚"));
        var created = await response.ExpectAsync(HttpStatusCode.Created);

        Assert.Equal($"/api/matters/{created.Id()}", response.Headers.Location?.OriginalString);
        var read = await office.GetAsync($"/api/matters/{created.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(code, read.Str("code"));
        Assert.Equal("对毁坏林木行为的处罚", read.Str("name"));
        Assert.Equal(Ids.Forestry, read.GetProperty("departmentId").GetGuid());
        Assert.Equal("区林业局", read.Str("departmentName"));
        Assert.Equal("forestry", read.Str("domain"));
        Assert.Equal("Penalty", read.Str("kind"));
        Assert.Equal("第七十四条", read.Str("lawArticle"));
        Assert.Equal("DistrictWide", read.Str("entrustability"));
        Assert.Equal(Ids.Beibei, read.GetProperty("districtId").GetGuid());

        var added = Assert.Single(await AuditOfAsync("Matter", created.Id()));
        Assert.Equal("Added", added.Str("action"));
        Assert.Contains(code, added.Str("after"));
    }

    [Fact]
    public async Task ADomainMayBeGivenByItsChineseName()
    {
        var created = await (await As("office")).PostAsJsonAsync("/api/matters",
            MatterBody(Ids.Safety, UniqueCode("M"), domain: "安全生产")).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("work-safety", created.Str("domain"));
    }

    [Fact]
    public async Task ADepartmentUserSeesOnlyItsOwnDepartmentsMatters()
    {
        var safety = await (await As("dept.safety")).GetAsync("/api/matters?pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.NotEmpty(safety.Items());
        Assert.All(safety.Items(), m => Assert.Equal(Ids.Safety, m.GetProperty("departmentId").GetGuid()));
        Assert.Contains(safety.Items(), m => m.Str("code") == "198-02");
        Assert.Contains(safety.Items(), m => m.Str("code") == "AJ-09");

        var forestryMatter = await DemoMatterAsync("198-04");
        await (await As("dept.safety")).GetAsync($"/api/matters/{forestryMatter.Id()}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("dept.forestry")).GetAsync($"/api/matters/{forestryMatter.Id()}").ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ADepartmentUserSeesAllOfItsOwnMattersAndNoOthers()
    {
        var forestry = await (await As("dept.forestry")).GetAsync("/api/matters?pageSize=200").ExpectAsync(HttpStatusCode.OK);
        var office = await (await As("office")).GetAsync($"/api/matters?department={Ids.Forestry}&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(office.Total(), forestry.Total());
        Assert.Equal(office.Items().Select(m => m.Id()).Order(), forestry.Items().Select(m => m.Id()).Order());
    }

    [Fact]
    public async Task ATownshipUserReadsTheWholeDistrictCatalogue()
    {
        var page = await (await As("town.xiema")).GetAsync("/api/matters?pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.All(page.Items(), m => Assert.Equal(Ids.Beibei, m.GetProperty("districtId").GetGuid()));
        Assert.Contains(page.Items(), m => m.GetProperty("departmentId").GetGuid() == Ids.Safety);
        Assert.Contains(page.Items(), m => m.GetProperty("departmentId").GetGuid() == Ids.Forestry);
        Assert.DoesNotContain(page.Items(), m => m.Id() == Ids.SecondMatter);
    }

    [Fact]
    public async Task TheSecondDistrictNeverSeesOrChangesTheDemoDistrictsMatters()
    {
        var office2 = await As("office2");
        var page = await office2.GetAsync("/api/matters?pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.All(page.Items(), m => Assert.Equal(Ids.Second, m.GetProperty("districtId").GetGuid()));
        Assert.Contains(page.Items(), m => m.Id() == Ids.SecondMatter);

        var demo = await DemoMatterAsync("198-01");
        await office2.GetAsync($"/api/matters/{demo.Id()}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await office2.PutAsJsonAsync($"/api/matters/{demo.Id()}", MatterBody(Ids.SecondDepartment, "198-01"))
            .ExpectStatusAsync(HttpStatusCode.NotFound);
        await office2.DeleteAsync($"/api/matters/{demo.Id()}").ExpectStatusAsync(HttpStatusCode.NotFound);

        var still = await (await As("office")).GetAsync($"/api/matters/{demo.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(demo.Str("name"), still.Str("name"));
        Assert.Equal(demo.GetProperty("departmentId").GetGuid(), still.GetProperty("departmentId").GetGuid());

        await (await As("office")).GetAsync($"/api/matters/{Ids.SecondMatter}").ExpectStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheLandingListFollowsEveryChangeToAMatterOrItsDepartmentAtOnce()
    {
        // The landing list is kept in memory per scope and page: each change below must show on the very next read.
        var office = await As("office");
        async Task<(int Total, JsonElement? Row)> LandingAsync(Guid id)
        {
            var page = await office.GetAsync("/api/matters").ExpectAsync(HttpStatusCode.OK);
            return (page.GetProperty("total").GetInt32(), page.Items().Cast<JsonElement?>().FirstOrDefault(m => m!.Value.Id() == id));
        }
        var before = (await LandingAsync(Guid.Empty)).Total;
        var department = await office.PostAsJsonAsync("/api/departments", new { code = UniqueCode("D"), name = "缓存测试局" })
            .ExpectAsync(HttpStatusCode.Created);
        // A code before every other ("0…" sorts before "198-" and "QQ-"): the matter is on the landing page.
        var code = UniqueCode("0");
        var matter = await office.PostAsJsonAsync("/api/matters", MatterBody(department.Id(), code, name: "缓存测试事项"))
            .ExpectAsync(HttpStatusCode.Created);

        var created = await LandingAsync(matter.Id());
        Assert.Equal(before + 1, created.Total);
        Assert.Equal("缓存测试事项", created.Row?.Str("name"));
        Assert.Equal("缓存测试局", created.Row?.Str("departmentName"));

        await office.PutAsJsonAsync($"/api/matters/{matter.Id()}", MatterBody(department.Id(), code, name: "改名后的事项"))
            .ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal("改名后的事项", (await LandingAsync(matter.Id())).Row?.Str("name"));

        await office.PutAsJsonAsync($"/api/departments/{department.Id()}", new { code = department.Str("code"), name = "改名后的局" })
            .ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal("改名后的局", (await LandingAsync(matter.Id())).Row?.Str("departmentName"));

        await office.DeleteAsync($"/api/matters/{matter.Id()}").ExpectStatusAsync(HttpStatusCode.NoContent);
        var deleted = await LandingAsync(matter.Id());
        Assert.Null(deleted.Row);
        Assert.Equal(before, deleted.Total);
    }

    [Fact]
    public async Task TheLandingListKeepsEachUsersScopeWhateverTheOrderOfCallers()
    {
        // The unfiltered first page runs through compiled queries, one pair per scope model: callers of both models
        // interleaved must each keep their own rows (a compiled query bound to the wrong model would leak or hide them).
        foreach (var round in Enumerable.Range(0, 2))
        {
            var admin = await (await As("admin")).GetAsync("/api/matters?pageSize=200").ExpectAsync(HttpStatusCode.OK);
            var office2 = await (await As("office2")).GetAsync("/api/matters").ExpectAsync(HttpStatusCode.OK);
            var safety = await (await As("dept.safety")).GetAsync("/api/matters?sort=code").ExpectAsync(HttpStatusCode.OK);
            var filtered = await (await As("office2")).GetAsync("/api/matters?domain=work-safety").ExpectAsync(HttpStatusCode.OK);

            Assert.Contains(admin.Items(), m => m.GetProperty("districtId").GetGuid() == Ids.Second);
            Assert.Contains(admin.Items(), m => m.GetProperty("districtId").GetGuid() == Ids.Beibei);
            Assert.All(office2.Items(), m => Assert.Equal(Ids.Second, m.GetProperty("districtId").GetGuid()));
            Assert.Equal(office2.GetProperty("total").GetInt32(), office2.Items().Count());
            Assert.All(safety.Items(), m => Assert.Equal(Ids.Safety, m.GetProperty("departmentId").GetGuid()));
            Assert.NotEmpty(safety.Items());
            Assert.All(filtered.Items(), m => Assert.Equal(Ids.Second, m.GetProperty("districtId").GetGuid()));
            var codes = safety.Items().Select(m => m.Str("code")).ToList();
            Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        }
    }

    [Fact]
    public async Task TheAdminSeesEveryDistrict()
    {
        var admin = await As("admin");
        await admin.GetAsync($"/api/matters/{Ids.SecondMatter}").ExpectStatusAsync(HttpStatusCode.OK);
        await admin.GetAsync($"/api/matters/{(await DemoMatterAsync("198-01")).Id()}").ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("PilotOnly")]
    [InlineData("DistrictWide")]
    public async Task ACoerciveMatterMarkedForEntrustmentIsRefusedAndNothingIsWritten(string entrustability)
    {
        // 行政强制法 Art. 17.
        var code = UniqueCode("QZ");
        var count = await MatterCountAsync();
        var head = await AuditHeadAsync();

        var zh = await (await As("office")).PostAsJsonAsync("/api/matters",
            MatterBody(Ids.Safety, code, kind: "Coercive", entrustability: entrustability)).ExpectAsync(HttpStatusCode.BadRequest);
        var en = await (await As("office", "en")).PostAsJsonAsync("/api/matters",
            MatterBody(Ids.Safety, code, kind: "Coercive", entrustability: entrustability)).ExpectAsync(HttpStatusCode.BadRequest);

        var chinese = Assert.Single(zh.ErrorsFor("Entrustability"));
        var english = Assert.Single(en.ErrorsFor("Entrustability"));
        Assert.Contains(code, chinese);
        Http.AssertChinese(chinese);
        Http.AssertNotChinese(english);
        Assert.Equal(count, await MatterCountAsync());
        Assert.Equal(head, await AuditHeadAsync());
    }

    [Fact]
    public async Task ACoerciveMatterTheDepartmentKeepsIsAccepted()
    {
        var created = await (await As("office")).PostAsJsonAsync("/api/matters",
            MatterBody(Ids.Safety, UniqueCode("QZ"), kind: "Coercive", entrustability: "NotEntrusted")).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("Coercive", created.Str("kind"));
    }

    [Fact]
    public async Task AMatterWithoutALegalBasisIsRefused()
    {
        var head = await AuditHeadAsync();
        var problem = await (await As("office")).PostAsJsonAsync("/api/matters",
            MatterBody(Ids.Safety, UniqueCode("M"), lawName: null, lawArticle: " ")).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor("LawName"));
        Assert.NotEmpty(problem.ErrorsFor("LawArticle"));
        Assert.Equal(head, await AuditHeadAsync());
    }

    [Fact]
    public async Task AMatterInAnUnknownDomainIsRefused()
    {
        var problem = await (await As("office")).PostAsJsonAsync("/api/matters",
            MatterBody(Ids.Safety, UniqueCode("M"), domain: "astrology")).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["Domain"], problem.ErrorFields());
        Assert.Contains("astrology", problem.ErrorsFor("Domain")[0]);
    }

    [Fact]
    public async Task AMatterNeedsADepartmentOfItsOwnDistrict()
    {
        var office = await As("office");
        var count = await MatterCountAsync();

        var missing = await office.PostAsJsonAsync("/api/matters", new
        {
            code = UniqueCode("M"),
            name = "无部门事项",
            domain = "forestry",
            kind = "Inspection",
            lawName = "森林防火条例",
            lawArticle = "第二十四条",
            entrustability = "PilotOnly",
        }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(missing.ErrorsFor("DepartmentId"));

        var unknown = await office.PostAsJsonAsync("/api/matters", MatterBody(Guid.NewGuid(), UniqueCode("M")))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Matter.UnknownDepartment", unknown.Code());
        Assert.NotEmpty(unknown.ErrorsFor("DepartmentId"));

        var foreign = await office.PostAsJsonAsync("/api/matters", MatterBody(Ids.SecondDepartment, UniqueCode("M")))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Matter.UnknownDepartment", foreign.Code());
        Assert.Equal(count, await MatterCountAsync());
    }

    [Fact]
    public async Task BadKindAndEntrustabilityValuesAreFieldErrors()
    {
        var problem = await (await As("office")).PostAsJsonAsync("/api/matters", new
        {
            code = UniqueCode("M"),
            name = "枚举越界",
            departmentId = Ids.Safety,
            domain = "work-safety",
            kind = 9,
            lawName = "中华人民共和国安全生产法",
            lawArticle = "第六十五条",
            entrustability = 9,
        }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["Entrustability", "Kind"], problem.ErrorFields().Order().ToArray());
    }

    [Fact]
    public async Task ADuplicateMatterCodeIsAConflictNamingTheCode()
    {
        var head = await AuditHeadAsync();
        var problem = await (await As("office")).PostAsJsonAsync("/api/matters", MatterBody(Ids.Safety, "198-01"))
            .ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("Catalogue.DuplicateCode", problem.Code());
        Assert.Contains("198-01", problem.Str("detail"));
        Http.AssertChinese(problem.Str("detail"));
        Assert.Equal(head, await AuditHeadAsync());
    }

    [Fact]
    public async Task UpdatingAMatterChangesItAndRecordsBeforeAndAfter()
    {
        var created = await CreateMatterAsync(Ids.Safety);
        var office = await As("office");

        var updated = await office.PutAsJsonAsync($"/api/matters/{created.Id()}",
            MatterBody(Ids.Forestry, created.Str("code"), kind: "Penalty", entrustability: "NotEntrusted", domain: "forestry",
                lawName: "中华人民共和国森林法", lawArticle: "第七十六条", name: "改后的事项")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("改后的事项", updated.Str("name"));
        Assert.Equal("区林业局", updated.Str("departmentName"));
        Assert.Equal("Penalty", updated.Str("kind"));
        Assert.Equal("NotEntrusted", updated.Str("entrustability")); // narrowing the scope needs no decision
        var modified = (await AuditOfAsync("Matter", created.Id())).First();
        Assert.Equal("Modified", modified.Str("action"));
        Assert.Contains("测试检查事项", modified.Str("before"));
        Assert.Contains("改后的事项", modified.Str("after"));
    }

    [Theory]
    [InlineData("NotEntrusted", "PilotOnly")]
    [InlineData("NotEntrusted", "DistrictWide")]
    [InlineData("PilotOnly", "DistrictWide")]
    public async Task WideningAMattersScopeThroughTheCatalogueIsRefused(string from, string to)
    {
        var office = await As("office");
        var code = UniqueCode("M");
        var created = await office.PostAsJsonAsync("/api/matters", MatterBody(Ids.Safety, code, entrustability: from))
            .ExpectAsync(HttpStatusCode.Created);
        var head = await AuditHeadAsync();

        var problem = await office.PutAsJsonAsync($"/api/matters/{created.Id()}", MatterBody(Ids.Safety, code, entrustability: to, name: "扩大范围"))
            .ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("Scope.DecisionRequiredForMatter", problem.Code());
        Assert.Contains(code, problem.Str("detail"));
        var read = await office.GetAsync($"/api/matters/{created.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(from, read.Str("entrustability"));
        Assert.Equal("测试检查事项", read.Str("name"));
        Assert.Equal(head, await AuditHeadAsync());
    }

    [Fact]
    public async Task ARefusedUpdateLeavesTheMatterAndTheAuditTrailAsTheyWere()
    {
        var created = await CreateMatterAsync(Ids.Safety);
        var office = await As("office");
        var head = await AuditHeadAsync();

        await office.PutAsJsonAsync($"/api/matters/{created.Id()}",
            MatterBody(Ids.Safety, created.Str("code"), kind: "Coercive", entrustability: "DistrictWide"))
            .ExpectStatusAsync(HttpStatusCode.BadRequest);
        await office.PutAsJsonAsync($"/api/matters/{created.Id()}", MatterBody(Ids.Safety, "198-01"))
            .ExpectStatusAsync(HttpStatusCode.Conflict);

        var read = await office.GetAsync($"/api/matters/{created.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Inspection", read.Str("kind"));
        Assert.Equal("PilotOnly", read.Str("entrustability"));
        Assert.Equal(created.Str("code"), read.Str("code"));
        Assert.Equal(head, await AuditHeadAsync());
    }

    [Fact]
    public async Task DeletingAMatterRemovesItAndIsAudited()
    {
        var created = await CreateMatterAsync(Ids.Safety);
        var office = await As("office");
        await office.DeleteAsync($"/api/matters/{created.Id()}").ExpectStatusAsync(HttpStatusCode.NoContent);
        await office.GetAsync($"/api/matters/{created.Id()}").ExpectStatusAsync(HttpStatusCode.NotFound);
        Assert.Equal("Deleted", (await AuditOfAsync("Matter", created.Id())).First().Str("action"));
    }

    [Theory]
    [InlineData("dept.safety")]
    [InlineData("town.xiema")]
    [InlineData("officer.xiema")]
    [InlineData("auditor")]
    public async Task OnlyTheOfficeAndTheAdminKeepMatters(string userName)
    {
        var demo = await DemoMatterAsync("198-02");
        var client = await As(userName);
        var count = await MatterCountAsync();

        await client.PostAsJsonAsync("/api/matters", MatterBody(Ids.Safety, UniqueCode("M"))).ExpectStatusAsync(HttpStatusCode.Forbidden);
        await client.PutAsJsonAsync($"/api/matters/{demo.Id()}", MatterBody(Ids.Safety, "198-02", name: "越权修改"))
            .ExpectStatusAsync(HttpStatusCode.Forbidden);
        await client.DeleteAsync($"/api/matters/{demo.Id()}").ExpectStatusAsync(HttpStatusCode.Forbidden);

        Assert.Equal(count, await MatterCountAsync());
        Assert.Equal(demo.Str("name"), (await DemoMatterAsync("198-02")).Str("name"));
    }

    [Fact]
    public async Task TheListFiltersSortsAndPages()
    {
        var prefix = UniqueCode("P");
        foreach (var n in new[] { 1, 2, 3 })
        {
            await CreateMatterAsync(Ids.Safety, $"{prefix}-{n}");
        }
        var office = await As("office");

        var first = await office.GetAsync($"/api/matters?q={prefix}&sort=-code&pageSize=2&page=1").ExpectAsync(HttpStatusCode.OK);
        var second = await office.GetAsync($"/api/matters?q={prefix}&sort=-code&pageSize=2&page=2").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(3, first.Total());
        Assert.Equal([$"{prefix}-3", $"{prefix}-2"], first.Items().Select(m => m.Str("code")).ToArray());
        Assert.Equal([$"{prefix}-1"], second.Items().Select(m => m.Str("code")).ToArray());
        Assert.Equal(2, first.GetProperty("pageSize").GetInt32());
    }

    [Theory]
    [InlineData("kind=Coercive", "kind", "Coercive")]
    [InlineData("entrustability=DistrictWide", "entrustability", "DistrictWide")]
    [InlineData("domain=forestry", "domain", "forestry")]
    public async Task TheListFiltersByKindEntrustabilityAndDomain(string query, string property, string value)
    {
        var page = await (await As("office")).GetAsync($"/api/matters?{query}&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.NotEmpty(page.Items());
        Assert.All(page.Items(), m => Assert.Equal(value, m.Str(property)));
    }

    [Fact]
    public async Task TheListFiltersByDepartment()
    {
        var page = await (await As("office")).GetAsync($"/api/matters?department={Ids.Forestry}&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(page.Items(), m => m.Str("code") == "198-05");
        Assert.All(page.Items(), m => Assert.Equal(Ids.Forestry, m.GetProperty("departmentId").GetGuid()));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MattersApiTests_Sqlite(SqliteHost host) : MattersApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class MattersApiTests_Postgres(PostgresHost host) : MattersApiTests(host);
