using System.Net;
using System.Net.Http.Json;
using Entrust.Tests.Hosting;

namespace Entrust.Tests.Api;

/// <summary>GET/POST /api/departments, GET/PUT/DELETE /api/departments/{id}.</summary>
public abstract class DepartmentsApiTests(HostFixture host) : ApiTest(host)
{
    [Fact]
    public async Task TheOfficeCreatesADepartmentInItsDistrictAndReadsItBack()
    {
        var code = UniqueCode("D");
        var office = await As("office");
        using var response = await office.PostAsJsonAsync("/api/departments", new { code, name = "区市场监管局", legalSectionContact = "法制科" });
        var created = await response.ExpectAsync(HttpStatusCode.Created);

        Assert.Equal($"/api/departments/{created.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal(code, created.Str("code"));
        Assert.Equal(Ids.Beibei, created.GetProperty("districtId").GetGuid());
        Assert.Equal(0, created.GetProperty("matterCount").GetInt32());

        var read = await office.GetAsync($"/api/departments/{created.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("区市场监管局", read.Str("name"));
        var list = await office.GetAsync("/api/departments").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(list.Items(), d => d.Id() == created.Id());
    }

    [Fact]
    public async Task CreatingADepartmentIsAudited()
    {
        var created = await CreateDepartmentAsync();
        var entry = Assert.Single(await AuditOfAsync("Department", created.Id()));
        Assert.Equal("Added", entry.Str("action"));
        Assert.Equal("office", entry.Str("userName"));
        Assert.Contains(created.Str("code"), entry.Str("after"));
    }

    [Fact]
    public async Task TheListSearchesByNameOrCode()
    {
        var created = await CreateDepartmentAsync(name: "区搜索测试局" + Guid.NewGuid().ToString("N")[..4]);
        var office = await As("office");
        var byCode = await office.GetAsync($"/api/departments?q={created.Str("code")}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(created.Id(), Assert.Single(byCode.Items()).Id());
        var byName = await office.GetAsync($"/api/departments?q={Uri.EscapeDataString(created.Str("name"))}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(created.Id(), Assert.Single(byName.Items()).Id());
    }

    [Fact]
    public async Task EachDistrictSeesOnlyItsOwnDepartments()
    {
        var beibei = await (await As("office")).GetAsync("/api/departments").ExpectAsync(HttpStatusCode.OK);
        Assert.All(beibei.Items(), d => Assert.Equal(Ids.Beibei, d.GetProperty("districtId").GetGuid()));
        Assert.Contains(beibei.Items(), d => d.Id() == Ids.Safety);
        Assert.DoesNotContain(beibei.Items(), d => d.Id() == Ids.SecondDepartment);

        var second = await (await As("office2")).GetAsync("/api/departments").ExpectAsync(HttpStatusCode.OK);
        Assert.All(second.Items(), d => Assert.Equal(Ids.Second, d.GetProperty("districtId").GetGuid()));
        Assert.Contains(second.Items(), d => d.Id() == Ids.SecondDepartment);
        Assert.DoesNotContain(second.Items(), d => d.Id() == Ids.Safety);
    }

    [Fact]
    public async Task AnotherDistrictsDepartmentIsNotFoundAndStaysUnchanged()
    {
        var office2 = await As("office2");
        await office2.GetAsync($"/api/departments/{Ids.Safety}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await office2.PutAsJsonAsync($"/api/departments/{Ids.Safety}", new { code = "AJ", name = "被篡改的安监局" })
            .ExpectStatusAsync(HttpStatusCode.NotFound);
        await office2.DeleteAsync($"/api/departments/{Ids.Safety}").ExpectStatusAsync(HttpStatusCode.NotFound);

        var still = await (await As("office")).GetAsync($"/api/departments/{Ids.Safety}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("区安监局", still.Str("name"));
    }

    [Fact]
    public async Task AnUnknownIdIsNotFound()
    {
        var office = await As("office");
        var id = Guid.NewGuid();
        await office.GetAsync($"/api/departments/{id}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await office.PutAsJsonAsync($"/api/departments/{id}", new { code = "X1", name = "无" }).ExpectStatusAsync(HttpStatusCode.NotFound);
        await office.DeleteAsync($"/api/departments/{id}").ExpectStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UpdatingADepartmentChangesItAndRecordsBeforeAndAfter()
    {
        var created = await CreateDepartmentAsync(name: "旧名称局");
        var office = await As("office");

        var updated = await office.PutAsJsonAsync($"/api/departments/{created.Id()}",
            new { code = created.Str("code"), name = "新名称局", legalSectionContact = (string?)null }).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("新名称局", updated.Str("name"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, updated.GetProperty("legalSectionContact").ValueKind);
        var modified = (await AuditOfAsync("Department", created.Id())).First();
        Assert.Equal("Modified", modified.Str("action"));
        Assert.Contains("旧名称局", modified.Str("before"));
        Assert.Contains("新名称局", modified.Str("after"));
    }

    [Fact]
    public async Task DeletingAnUnusedDepartmentRemovesItAndIsAudited()
    {
        var created = await CreateDepartmentAsync();
        var office = await As("office");

        await office.DeleteAsync($"/api/departments/{created.Id()}").ExpectStatusAsync(HttpStatusCode.NoContent);

        await office.GetAsync($"/api/departments/{created.Id()}").ExpectStatusAsync(HttpStatusCode.NotFound);
        var deleted = (await AuditOfAsync("Department", created.Id())).First();
        Assert.Equal("Deleted", deleted.Str("action"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, deleted.GetProperty("after").ValueKind);
    }

    [Fact]
    public async Task ADepartmentThatOwnsMattersCannotBeDeleted()
    {
        var department = await CreateDepartmentAsync();
        await CreateMatterAsync(department.Id());
        var head = await AuditHeadAsync();

        var problem = await (await As("office")).DeleteAsync($"/api/departments/{department.Id()}").ExpectAsync(HttpStatusCode.Conflict);

        Assert.Equal("Department.InUse", problem.Code());
        Http.AssertChinese(problem.Str("detail"));
        await (await As("office")).GetAsync($"/api/departments/{department.Id()}").ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal(head, await AuditHeadAsync());
    }

    [Fact]
    public async Task ADuplicateCodeIsAConflictNamingTheCodeAndWritesNothing()
    {
        var existing = await CreateDepartmentAsync();
        var code = existing.Str("code");
        var head = await AuditHeadAsync();

        var zh = await (await As("office")).PostAsJsonAsync("/api/departments", new { code, name = "重复局" })
            .ExpectAsync(HttpStatusCode.Conflict);
        var en = await (await As("office", "en")).PostAsJsonAsync("/api/departments", new { code, name = "重复局" })
            .ExpectAsync(HttpStatusCode.Conflict);

        Assert.Equal("Catalogue.DuplicateCode", zh.Code());
        Assert.Contains(code, zh.Str("detail"));
        Assert.Contains(code, en.Str("detail"));
        Http.AssertChinese(zh.Str("detail"));
        Http.AssertNotChinese(en.Str("detail"));
        Assert.Equal(head, await AuditHeadAsync());
    }

    [Fact]
    public async Task RenamingToAnotherDepartmentsCodeIsAConflict()
    {
        var first = await CreateDepartmentAsync();
        var second = await CreateDepartmentAsync();

        var problem = await (await As("office")).PutAsJsonAsync($"/api/departments/{second.Id()}",
            new { code = first.Str("code"), name = "改名局" }).ExpectAsync(HttpStatusCode.Conflict);

        Assert.Equal("Catalogue.DuplicateCode", problem.Code());
        var unchanged = await (await As("office")).GetAsync($"/api/departments/{second.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(second.Str("code"), unchanged.Str("code"));
    }

    [Fact]
    public async Task TheSameCodeMayBeUsedInAnotherDistrict()
    {
        var created = await (await As("office2")).PostAsJsonAsync("/api/departments", new { code = "AJ", name = "测试区另一局" })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(Ids.Second, created.GetProperty("districtId").GetGuid());
    }

    [Fact]
    public async Task MissingFieldsAreAValidationProblemKeyedByField()
    {
        var head = await AuditHeadAsync();
        var zh = await (await As("office")).PostAsJsonAsync("/api/departments", new { code = "", name = "  " })
            .ExpectAsync(HttpStatusCode.BadRequest);
        var en = await (await As("office", "en")).PostAsJsonAsync("/api/departments", new { code = "", name = "  " })
            .ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["Code", "Name"], zh.ErrorFields().Order().ToArray());
        Http.AssertChinese(Assert.Single(zh.ErrorsFor("Code")));
        Http.AssertChinese(zh.Str("title"));
        Http.AssertNotChinese(Assert.Single(en.ErrorsFor("Code")));
        Http.AssertNotChinese(en.Str("title"));
        Assert.Equal(head, await AuditHeadAsync());
    }

    [Fact]
    public async Task ATooLongCodeIsAFieldError()
    {
        var problem = await (await As("office")).PostAsJsonAsync("/api/departments", new { code = new string('X', 33), name = "长编码局" })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor("Code"));
        Assert.Empty(problem.ErrorsFor("Name"));
    }

    [Fact]
    public async Task TheFullLegalNameIsSetReadBackAndClearedThroughTheApi()
    {
        var created = await CreateDepartmentAsync(name: "区市场监管局");
        var office = await As("office");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, created.GetProperty("legalName").ValueKind);

        var updated = await office.PutAsJsonAsync($"/api/departments/{created.Id()}",
            new { code = created.Str("code"), name = "区市场监管局", legalName = " 重庆市北碚区市场监督管理局 " }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("重庆市北碚区市场监督管理局", updated.Str("legalName"));
        var read = await office.GetAsync($"/api/departments/{created.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("重庆市北碚区市场监督管理局", read.Str("legalName"));
        Assert.Equal("区市场监管局", read.Str("name"));

        var cleared = await office.PutAsJsonAsync($"/api/departments/{created.Id()}",
            new { code = created.Str("code"), name = "区市场监管局", legalName = "" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, cleared.GetProperty("legalName").ValueKind);
    }

    [Fact]
    public async Task ATooLongLegalNameIsRefusedBesideItsFieldAndWritesNothing()
    {
        var created = await CreateDepartmentAsync(name: "区长名局");
        var head = await AuditHeadAsync();

        var problem = await (await As("office")).PutAsJsonAsync($"/api/departments/{created.Id()}",
            new { code = created.Str("code"), name = "区长名局", legalName = new string('局', 101) }).ExpectAsync(HttpStatusCode.BadRequest);

        var error = Assert.Single(problem.ErrorsFor("LegalName"));
        Http.AssertChinese(error);
        Assert.Contains("100", error);
        Assert.Equal(head, await AuditHeadAsync());
        var unchanged = await (await As("office")).GetAsync($"/api/departments/{created.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, unchanged.GetProperty("legalName").ValueKind);
    }

    [Fact]
    public async Task TheDemoDistrictsDepartmentsCarryTheirFullLegalNames()
    {
        var forestry = await (await As("office")).GetAsync($"/api/departments/{Ids.Forestry}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("重庆市北碚区林业局", forestry.Str("legalName"));
    }

    [Theory]
    [InlineData("dept.safety")]
    [InlineData("town.xiema")]
    [InlineData("officer.xiema")]
    [InlineData("auditor")]
    public async Task OnlyTheOfficeAndTheAdminKeepDepartments(string userName)
    {
        var client = await As(userName);
        await client.GetAsync("/api/departments").ExpectStatusAsync(HttpStatusCode.OK);
        await client.PostAsJsonAsync("/api/departments", new { code = UniqueCode("D"), name = "越权局" })
            .ExpectStatusAsync(HttpStatusCode.Forbidden);
        await client.PutAsJsonAsync($"/api/departments/{Ids.Safety}", new { code = "AJ", name = "越权局" })
            .ExpectStatusAsync(HttpStatusCode.Forbidden);
        await client.DeleteAsync($"/api/departments/{Ids.Forestry}").ExpectStatusAsync(HttpStatusCode.Forbidden);

        var office = await As("office");
        Assert.Equal("区安监局", (await office.GetAsync($"/api/departments/{Ids.Safety}").ExpectAsync(HttpStatusCode.OK)).Str("name"));
        await office.GetAsync($"/api/departments/{Ids.Forestry}").ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheAdminMustNameTheDistrict()
    {
        var admin = await As("admin");
        var problem = await admin.PostAsJsonAsync("/api/departments", new { code = UniqueCode("D"), name = "无区局" })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Catalogue.DistrictRequired", problem.Code());
        Assert.NotEmpty(problem.ErrorsFor("DistrictId"));

        var created = await admin.PostAsJsonAsync("/api/departments", new { code = UniqueCode("D"), name = "测试区新局", districtId = Ids.Second })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(Ids.Second, created.GetProperty("districtId").GetGuid());
    }

    [Fact]
    public async Task TheOfficeCannotPlaceADepartmentInAnotherDistrict()
    {
        var created = await (await As("office")).PostAsJsonAsync("/api/departments",
            new { code = UniqueCode("D"), name = "越区局", districtId = Ids.Second }).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(Ids.Beibei, created.GetProperty("districtId").GetGuid());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DepartmentsApiTests_Sqlite(SqliteHost host) : DepartmentsApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class DepartmentsApiTests_Postgres(PostgresHost host) : DepartmentsApiTests(host);
