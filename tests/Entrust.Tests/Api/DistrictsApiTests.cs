using System.Net;
using System.Net.Http.Json;
using Entrust.Tests.Hosting;

namespace Entrust.Tests.Api;

/// <summary>GET/POST /api/districts: every user sees its own district; only the admin sees all and adds one.</summary>
public abstract class DistrictsApiTests(HostFixture host) : ApiTest(host)
{
    [Theory]
    [InlineData("office")]
    [InlineData("town.xiema")]
    [InlineData("auditor")]
    public async Task AUserOfTheDemoDistrictSeesOnlyThatDistrict(string userName)
    {
        var list = await (await As(userName)).GetAsync("/api/districts").ExpectAsync(HttpStatusCode.OK);
        var only = Assert.Single(list.Items());
        Assert.Equal(Ids.Beibei, only.Id());
        Assert.Equal("北碚区", only.Str("name"));
    }

    [Fact]
    public async Task TheSecondDistrictsOfficeSeesOnlyItsOwn()
    {
        var list = await (await As("office2")).GetAsync("/api/districts").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(Ids.Second, Assert.Single(list.Items()).Id());
    }

    [Fact]
    public async Task TheAdminAddsADistrictAndSeesThemAll()
    {
        var admin = await As("admin");
        var code = UniqueCode("5");
        var created = await admin.PostAsJsonAsync("/api/districts", new { code, name = "新增区" }).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(code, created.Str("code"));

        var list = await admin.GetAsync("/api/districts").ExpectAsync(HttpStatusCode.OK);
        var ids = list.Items().Select(d => d.Id()).ToList();
        Assert.Contains(Ids.Beibei, ids);
        Assert.Contains(Ids.Second, ids);
        Assert.Contains(created.Id(), ids);
        var townships = (await (await As("office")).GetAsync("/api/townships").ExpectAsync(HttpStatusCode.OK)).Items().Count();
        Assert.Equal(townships, list.Items().Single(d => d.Id() == Ids.Beibei).GetProperty("townships").GetInt32());
        Assert.Equal(0, list.Items().Single(d => d.Id() == created.Id()).GetProperty("departments").GetInt32());
    }

    [Fact]
    public async Task ADuplicateOrIncompleteDistrictIsRefused()
    {
        var admin = await As("admin");
        var duplicate = await admin.PostAsJsonAsync("/api/districts", new { code = "500109", name = "又一个北碚区" })
            .ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("Catalogue.DuplicateCode", duplicate.Code());
        Assert.Contains("500109", duplicate.Str("detail"));

        var missing = await admin.PostAsJsonAsync("/api/districts", new { code = "", name = "" }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["Code", "Name"], missing.ErrorFields().Order().ToArray());
    }

    [Theory]
    [InlineData("office")]
    [InlineData("office2")]
    [InlineData("auditor")]
    public async Task OnlyTheAdminAddsDistricts(string userName)
    {
        var code = UniqueCode("5");
        await (await As(userName)).PostAsJsonAsync("/api/districts", new { code, name = "越权区" })
            .ExpectStatusAsync(HttpStatusCode.Forbidden);
        var all = await (await As("admin")).GetAsync("/api/districts").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(all.Items(), d => d.Str("code") == code);
    }

    [Fact]
    public async Task TheAdminRenamesADistrictAndReadsItBack()
    {
        var admin = await As("admin");
        var created = await admin.PostAsJsonAsync("/api/districts", new { code = UniqueCode("5"), name = "旧名区" }).ExpectAsync(HttpStatusCode.Created);
        var code = UniqueCode("5");

        var renamed = await admin.PutAsJsonAsync($"/api/districts/{created.Id()}", new { code, name = "新名区" }).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("新名区", renamed.Str("name"));
        Assert.Equal(code, (await admin.GetAsync($"/api/districts/{created.Id()}").ExpectAsync(HttpStatusCode.OK)).Str("code"));
        var modified = (await AuditOfAsync("District", created.Id())).First();
        Assert.Equal("Modified", modified.Str("action"));
        Assert.Contains("旧名区", modified.Str("before"));
    }

    [Fact]
    public async Task RenamingToAnotherDistrictsCodeIsAConflictAndChangesNothing()
    {
        var admin = await As("admin");
        var head = await AuditHeadAsync();
        var problem = await admin.PutAsJsonAsync($"/api/districts/{Ids.Second}", new { code = "500109", name = "测试区" })
            .ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("Catalogue.DuplicateCode", problem.Code());
        Assert.Equal(head, await AuditHeadAsync());
        Assert.Equal(HostFixture.SecondDistrictCode, (await admin.GetAsync($"/api/districts/{Ids.Second}").ExpectAsync(HttpStatusCode.OK)).Str("code"));
    }

    [Fact]
    public async Task AnOfficeReadsItsOwnDistrictButNotAnothersAndRenamesNone()
    {
        var office = await As("office");
        Assert.Equal("北碚区", (await office.GetAsync($"/api/districts/{Ids.Beibei}").ExpectAsync(HttpStatusCode.OK)).Str("name"));
        await office.GetAsync($"/api/districts/{Ids.Second}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await office.PutAsJsonAsync($"/api/districts/{Ids.Beibei}", new { code = "500109", name = "改名区" }).ExpectStatusAsync(HttpStatusCode.Forbidden);
        await (await As("admin")).PutAsJsonAsync($"/api/districts/{Guid.NewGuid()}", new { code = "X", name = "无" })
            .ExpectStatusAsync(HttpStatusCode.NotFound);
        Assert.Equal("北碚区", (await office.GetAsync($"/api/districts/{Ids.Beibei}").ExpectAsync(HttpStatusCode.OK)).Str("name"));
    }

    [Fact]
    public async Task TheListSearchesByNameOrCode()
    {
        var admin = await As("admin");
        var list = await admin.GetAsync($"/api/districts?q={Uri.EscapeDataString("北碚")}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(Ids.Beibei, Assert.Single(list.Items()).Id());
        var byCode = await admin.GetAsync($"/api/districts?q={HostFixture.SecondDistrictCode}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(Ids.Second, Assert.Single(byCode.Items()).Id());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DistrictsApiTests_Sqlite(SqliteHost host) : DistrictsApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class DistrictsApiTests_Postgres(PostgresHost host) : DistrictsApiTests(host);
