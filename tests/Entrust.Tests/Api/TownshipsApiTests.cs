using System.Net;
using System.Net.Http.Json;
using Entrust.Tests.Hosting;

namespace Entrust.Tests.Api;

/// <summary>GET/POST /api/townships, GET/PUT/DELETE /api/townships/{id}, GET/POST /api/townships/{id}/offices.</summary>
public abstract class TownshipsApiTests(HostFixture host) : ApiTest(host)
{
    private static readonly string[] XiemaOffices = ["综治办", "经发办", "社事办", "城管办"];

    [Fact]
    public async Task TheOfficeCreatesATownshipAndReadsItBack()
    {
        var code = UniqueCode("T");
        var office = await As("office");
        using var response = await office.PostAsJsonAsync("/api/townships", new { code, name = "新城街道", kind = "Street", isPilot = false });
        var created = await response.ExpectAsync(HttpStatusCode.Created);

        Assert.Equal($"/api/townships/{created.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal("Street", created.Str("kind"));
        Assert.False(created.GetProperty("isPilot").GetBoolean());
        Assert.Equal(Ids.Beibei, created.GetProperty("districtId").GetGuid());
        var read = await office.GetAsync($"/api/townships/{created.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("新城街道", read.Str("name"));
        Assert.Equal("Added", Assert.Single(await AuditOfAsync("Township", created.Id())).Str("action"));
    }

    [Fact]
    public async Task TheDemoDistrictHasSeventeenTownshipsWithXiemaTheOnlyPilot()
    {
        var all = (await (await As("office")).GetAsync("/api/townships").ExpectAsync(HttpStatusCode.OK)).Items().ToList();
        var demo = all.Where(t => t.Str("code").StartsWith("500109", StringComparison.Ordinal)).ToList();
        Assert.Equal(17, demo.Count);
        Assert.Equal(Ids.Xiema, Assert.Single(demo, t => t.GetProperty("isPilot").GetBoolean()).Id());

        var pilots = await (await As("office")).GetAsync("/api/townships?pilot=true").ExpectAsync(HttpStatusCode.OK);
        Assert.All(pilots.Items(), t => Assert.True(t.GetProperty("isPilot").GetBoolean()));
        Assert.Contains(pilots.Items(), t => t.Id() == Ids.Xiema);
    }

    [Theory]
    [InlineData("town.xiema")]
    [InlineData("officer.xiema")]
    public async Task ATownshipUserSeesOnlyItsOwnTownship(string userName)
    {
        var list = await (await As(userName)).GetAsync("/api/townships").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(Ids.Xiema, Assert.Single(list.Items()).Id());
    }

    [Fact]
    public async Task ATownshipUserGuessingAnotherTownshipsIdGetsNotFound()
    {
        var xiema = await As("town.xiema");
        await xiema.GetAsync($"/api/townships/{Ids.Tiansheng}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await xiema.GetAsync($"/api/townships/{Ids.Tiansheng}/offices").ExpectStatusAsync(HttpStatusCode.NotFound);
        await xiema.GetAsync($"/api/townships/{Ids.SecondTownship}").ExpectStatusAsync(HttpStatusCode.NotFound);

        var tiansheng = await As("town.tiansheng");
        await tiansheng.GetAsync($"/api/townships/{Ids.Xiema}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await tiansheng.GetAsync($"/api/townships/{Ids.Xiema}/offices").ExpectStatusAsync(HttpStatusCode.NotFound);
        await tiansheng.GetAsync($"/api/townships/{Ids.Tiansheng}").ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheSecondDistrictNeverSeesOrChangesTheDemoDistrictsTownships()
    {
        var office2 = await As("office2");
        var list = await office2.GetAsync("/api/townships").ExpectAsync(HttpStatusCode.OK);
        Assert.All(list.Items(), t => Assert.Equal(Ids.Second, t.GetProperty("districtId").GetGuid()));
        Assert.Contains(list.Items(), t => t.Id() == Ids.SecondTownship);

        await office2.GetAsync($"/api/townships/{Ids.Xiema}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await office2.PutAsJsonAsync($"/api/townships/{Ids.Xiema}", new { code = "X", name = "被改名", kind = "Town", isPilot = false })
            .ExpectStatusAsync(HttpStatusCode.NotFound);
        await office2.DeleteAsync($"/api/townships/{Ids.Tiansheng}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await office2.GetAsync($"/api/townships/{Ids.Xiema}/offices").ExpectStatusAsync(HttpStatusCode.NotFound);
        await office2.PostAsJsonAsync($"/api/townships/{Ids.Xiema}/offices", new { name = "渗透办" })
            .ExpectStatusAsync(HttpStatusCode.NotFound);

        var office = await As("office");
        var xiema = await office.GetAsync($"/api/townships/{Ids.Xiema}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("歇马镇", xiema.Str("name"));
        Assert.True(xiema.GetProperty("isPilot").GetBoolean());
        await office.GetAsync($"/api/townships/{Ids.Tiansheng}").ExpectStatusAsync(HttpStatusCode.OK);
        var offices = await office.GetAsync($"/api/townships/{Ids.Xiema}/offices").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(offices.Items(), o => o.Str("name") == "渗透办");
    }

    [Fact]
    public async Task TheFullLegalNameIsSetThroughTheApiAndATooLongOneIsRefused()
    {
        var created = await CreateTownshipAsync(name: "测试镇");
        var office = await As("office");
        var body = new { code = created.Str("code"), name = "测试镇", kind = "Town", isPilot = false, legalName = "重庆市北碚区测试镇人民政府" };

        var updated = await office.PutAsJsonAsync($"/api/townships/{created.Id()}", body).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("重庆市北碚区测试镇人民政府", updated.Str("legalName"));
        Assert.Equal("重庆市北碚区测试镇人民政府", (await office.GetAsync($"/api/townships/{created.Id()}").ExpectAsync(HttpStatusCode.OK)).Str("legalName"));

        var head = await AuditHeadAsync();
        var problem = await office.PutAsJsonAsync($"/api/townships/{created.Id()}", body with { legalName = new string('镇', 101) })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Http.AssertChinese(Assert.Single(problem.ErrorsFor("LegalName")));
        Assert.Equal(head, await AuditHeadAsync());
        Assert.Equal("重庆市北碚区测试镇人民政府", (await office.GetAsync($"/api/townships/{created.Id()}").ExpectAsync(HttpStatusCode.OK)).Str("legalName"));
        var xiema = await office.GetAsync($"/api/townships/{Ids.Xiema}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("重庆市北碚区歇马镇人民政府", xiema.Str("legalName"));
    }

    [Fact]
    public async Task UpdatingATownshipChangesKindAndPilotFlag()
    {
        var created = await CreateTownshipAsync();
        var office = await As("office");
        // Becoming a pilot takes a scope decision; leaving the pilot scheme is an ordinary change.
        await office.PostAsJsonAsync("/api/scope/decisions", new
        {
            change = "AddPilotTownship",
            townshipId = created.Id(),
            documentNumber = "北碚府〔2026〕" + UniqueCode("P") + "号",
            decidedOn = "2026-11-20",
            reason = "扩大试点",
        }).ExpectStatusAsync(HttpStatusCode.Created);
        Assert.True((await office.GetAsync($"/api/townships/{created.Id()}").ExpectAsync(HttpStatusCode.OK)).GetProperty("isPilot").GetBoolean());

        var updated = await office.PutAsJsonAsync($"/api/townships/{created.Id()}",
            new { code = created.Str("code"), name = "新名镇", kind = "Town", isPilot = false }).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("Town", updated.Str("kind"));
        Assert.False(updated.GetProperty("isPilot").GetBoolean());
        var modified = (await AuditOfAsync("Township", created.Id())).First();
        Assert.Equal("Modified", modified.Str("action"));
        Assert.Contains("新名镇", modified.Str("after"));
    }

    [Fact]
    public async Task CreatingAPilotTownshipThroughTheCatalogueIsRefused()
    {
        var code = UniqueCode("T");
        var office = await As("office");
        var head = await AuditHeadAsync();

        var problem = await office.PostAsJsonAsync("/api/townships", new { code, name = "扩试点镇", kind = "Town", isPilot = true })
            .ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("Scope.DecisionRequiredForPilot", problem.Code());
        Assert.Contains("扩试点镇", problem.Str("detail"));
        var list = await office.GetAsync($"/api/townships?q={code}").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(list.Items(), t => t.Str("code") == code);
        Assert.Equal(head, await AuditHeadAsync());
    }

    [Fact]
    public async Task MakingATownshipAPilotThroughTheCatalogueIsRefused()
    {
        var created = await CreateTownshipAsync();
        var office = await As("office");
        var head = await AuditHeadAsync();

        var problem = await office.PutAsJsonAsync($"/api/townships/{created.Id()}",
            new { code = created.Str("code"), name = "新名镇", kind = "Town", isPilot = true }).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("Scope.DecisionRequiredForPilot", problem.Code());
        var read = await office.GetAsync($"/api/townships/{created.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.False(read.GetProperty("isPilot").GetBoolean());
        Assert.Equal(created.Str("name"), read.Str("name"));
        Assert.Equal(head, await AuditHeadAsync());
    }

    [Fact]
    public async Task DeletingATownshipWithoutOfficesRemovesIt()
    {
        var created = await CreateTownshipAsync();
        var office = await As("office");
        await office.DeleteAsync($"/api/townships/{created.Id()}").ExpectStatusAsync(HttpStatusCode.NoContent);
        await office.GetAsync($"/api/townships/{created.Id()}").ExpectStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ATownshipWithOfficesCannotBeDeleted()
    {
        var created = await CreateTownshipAsync();
        var office = await As("office");
        await office.PostAsJsonAsync($"/api/townships/{created.Id()}/offices", new { name = "综治办" }).ExpectStatusAsync(HttpStatusCode.Created);
        var head = await AuditHeadAsync();

        var problem = await office.DeleteAsync($"/api/townships/{created.Id()}").ExpectAsync(HttpStatusCode.Conflict);

        Assert.Equal("Township.HasOffices", problem.Code());
        await office.GetAsync($"/api/townships/{created.Id()}").ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal(head, await AuditHeadAsync());
    }

    [Fact]
    public async Task ADuplicateTownshipCodeIsAConflict()
    {
        var existing = await CreateTownshipAsync();
        var head = await AuditHeadAsync();
        var problem = await (await As("office")).PostAsJsonAsync("/api/townships",
            new { code = existing.Str("code"), name = "重复镇", kind = "Town", isPilot = false }).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("Catalogue.DuplicateCode", problem.Code());
        Assert.Contains(existing.Str("code"), problem.Str("detail"));
        Assert.Equal(head, await AuditHeadAsync());
    }

    [Fact]
    public async Task BadTownshipInputIsAValidationProblemKeyedByField()
    {
        var zh = await (await As("office")).PostAsJsonAsync("/api/townships", new { code = "", name = "", kind = 7, isPilot = false })
            .ExpectAsync(HttpStatusCode.BadRequest);
        var en = await (await As("office", "en")).PostAsJsonAsync("/api/townships", new { code = "", name = "", kind = 7, isPilot = false })
            .ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["Code", "Kind", "Name"], zh.ErrorFields().Order().ToArray());
        Http.AssertChinese(zh.ErrorsFor("Kind")[0]);
        Http.AssertNotChinese(en.ErrorsFor("Kind")[0]);
        Assert.NotEqual(zh.ErrorsFor("Name")[0], en.ErrorsFor("Name")[0]);
    }

    [Theory]
    [InlineData("dept.safety")]
    [InlineData("town.xiema")]
    [InlineData("officer.xiema")]
    [InlineData("auditor")]
    public async Task OnlyTheOfficeAndTheAdminKeepTownshipsAndOffices(string userName)
    {
        var client = await As(userName);
        await client.PostAsJsonAsync("/api/townships", new { code = UniqueCode("T"), name = "越权镇", kind = "Town", isPilot = false })
            .ExpectStatusAsync(HttpStatusCode.Forbidden);
        await client.PutAsJsonAsync($"/api/townships/{Ids.Xiema}", new { code = "X", name = "越权镇", kind = "Town", isPilot = false })
            .ExpectStatusAsync(HttpStatusCode.Forbidden);
        await client.DeleteAsync($"/api/townships/{Ids.Tiansheng}").ExpectStatusAsync(HttpStatusCode.Forbidden);
        await client.PostAsJsonAsync($"/api/townships/{Ids.Xiema}/offices", new { name = "越权办" })
            .ExpectStatusAsync(HttpStatusCode.Forbidden);

        var xiema = await (await As("office")).GetAsync($"/api/townships/{Ids.Xiema}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("歇马镇", xiema.Str("name"));
    }

    [Fact]
    public async Task XiemaHasItsFourDockingOffices()
    {
        foreach (var userName in new[] { "office", "town.xiema", "auditor" })
        {
            var offices = await (await As(userName)).GetAsync($"/api/townships/{Ids.Xiema}/offices").ExpectAsync(HttpStatusCode.OK);
            var names = offices.Items().Select(o => o.Str("name")).ToList();
            Assert.All(XiemaOffices, n => Assert.Contains(n, names));
            Assert.All(offices.Items(), o => Assert.Equal(Ids.Xiema, o.GetProperty("townshipId").GetGuid()));
            Assert.Contains(offices.Items(), o => o.Str("name") == "综治办" && o.Str("leaderInCharge").Contains("副镇长"));
        }
    }

    [Fact]
    public async Task TheOfficeAddsAnInternalOfficeWithItsLeader()
    {
        var township = await CreateTownshipAsync();
        var office = await As("office");

        var added = await office.PostAsJsonAsync($"/api/townships/{township.Id()}/offices",
            new { name = "城管办", leaderInCharge = "周七（副镇长）", phone = "023-68000000" }).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(township.Id(), added.GetProperty("townshipId").GetGuid());
        var offices = await office.GetAsync($"/api/townships/{township.Id()}/offices").ExpectAsync(HttpStatusCode.OK);
        var listed = Assert.Single(offices.Items());
        Assert.Equal("周七（副镇长）", listed.Str("leaderInCharge"));
        Assert.Equal(1, (await office.GetAsync($"/api/townships/{township.Id()}").ExpectAsync(HttpStatusCode.OK)).GetProperty("officeCount").GetInt32());
        Assert.Equal("Added", Assert.Single(await AuditOfAsync("InternalOffice", added.Id())).Str("action"));
    }

    [Fact]
    public async Task AnOfficeNameIsUniqueWithinItsTownship()
    {
        var township = await CreateTownshipAsync();
        var office = await As("office");
        await office.PostAsJsonAsync($"/api/townships/{township.Id()}/offices", new { name = "经发办" }).ExpectStatusAsync(HttpStatusCode.Created);

        var problem = await office.PostAsJsonAsync($"/api/townships/{township.Id()}/offices", new { name = " 经发办 " })
            .ExpectAsync(HttpStatusCode.Conflict);

        Assert.Equal("Office.Duplicate", problem.Code());
        Assert.Contains("经发办", problem.Str("detail"));
        Assert.Single((await office.GetAsync($"/api/townships/{township.Id()}/offices").ExpectAsync(HttpStatusCode.OK)).Items());
    }

    [Fact]
    public async Task AnOfficeNeedsANameAndAKnownTownship()
    {
        var office = await As("office");
        var problem = await office.PostAsJsonAsync($"/api/townships/{Ids.Xiema}/offices", new { name = "", leaderInCharge = new string('长', 51) })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["LeaderInCharge", "Name"], problem.ErrorFields().Order().ToArray());

        await office.PostAsJsonAsync($"/api/townships/{Guid.NewGuid()}/offices", new { name = "无主办" })
            .ExpectStatusAsync(HttpStatusCode.NotFound);
        await office.GetAsync($"/api/townships/{Guid.NewGuid()}/offices").ExpectStatusAsync(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TownshipsApiTests_Sqlite(SqliteHost host) : TownshipsApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class TownshipsApiTests_Postgres(PostgresHost host) : TownshipsApiTests(host);
