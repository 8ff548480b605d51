using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entrust.Tests.Hosting;
using Entrust.Web.Platform;
using MiniExcelLibs;

namespace Entrust.Tests.Api;

/// <summary>GET/PUT /api/docking, GET /api/matrix and /api/matrix/export, GET /api/entitlements, GET /api/public/agreements.</summary>
public abstract class EntrustmentApiTests(HostFixture host) : AgreementTest(host)
{
    private static readonly string[] DemoDepartments =
        ["区公安分局", "区安监局", "区环保局", "区林业局", "区食药监局", "区卫生局", "区农委", "区交通局", "区国土房管局", "区水利局", "区文广新局", "区城乡建委", "区人口计生委"];

    private static readonly string[] DistrictWideDepartments = ["区食药监局", "区人口计生委", "区交通局", "区安监局"];

    private async Task<List<JsonElement>> DockingAsync(string query, string userName = "office") =>
        (await (await As(userName)).GetAsync($"/api/docking?{query}").ExpectAsync(HttpStatusCode.OK)).Items().ToList();

    private async Task<JsonElement> MatrixAsync(string userName, string query = "") =>
        await (await As(userName)).GetAsync($"/api/matrix?{query}").ExpectAsync(HttpStatusCode.OK);

    private async Task<List<JsonElement>> PublicAsync(string query = "") =>
        (await Host.Anonymous().GetAsync($"/api/public/agreements?{query}").ExpectAsync(HttpStatusCode.OK)).Items().ToList();

    /// <summary>A new township with one internal office, for tests that change docking.</summary>
    private async Task<(Guid Township, Guid Office)> TownshipWithOfficeAsync(string name = "测试街道")
    {
        var township = (await CreateTownshipAsync(name: name)).Id();
        var office = await (await As("office")).PostAsJsonAsync($"/api/townships/{township}/offices", new { name = "综治办", leaderInCharge = "周七（副镇长）" })
            .ExpectAsync(HttpStatusCode.Created);
        return (township, office.Id());
    }

    private async Task<Guid> OfficeOfAsync(Guid township, string name) =>
        (await (await As("office")).GetAsync($"/api/townships/{township}/offices").ExpectAsync(HttpStatusCode.OK)).Items().Single(o => o.Str("name") == name).Id();

    [Fact]
    public async Task XiemaLacksDockingOnlyForHealthAndAgriculture()
    {
        var undocked = await DockingAsync($"township={Ids.Xiema}&undocked=true");
        Assert.Equal(["区农委", "区卫生局"], undocked.Select(r => r.Str("departmentName")).Where(DemoDepartments.Contains).Order().ToArray());
        Assert.All(undocked, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("internalOfficeId").ValueKind));

        var all = await DockingAsync($"township={Ids.Xiema}");
        Assert.Equal(DemoDepartments.Order(), all.Select(r => r.Str("departmentName")).Where(DemoDepartments.Contains).Order());
        var safety = Assert.Single(all, r => r.Str("departmentName") == "区安监局");
        Assert.Equal("综治办", safety.Str("officeName"));
        Assert.Equal("王建国（副镇长）", safety.Str("leaderInCharge"));
        Assert.Equal("城管办", Assert.Single(all, r => r.Str("departmentName") == "区城乡建委").Str("officeName"));
    }

    [Fact]
    public async Task EachRoleSeesItsOwnDocking()
    {
        Assert.All(await DockingAsync("", "town.xiema"), r => Assert.Equal(Ids.Xiema, r.GetProperty("townshipId").GetGuid()));
        Assert.All(await DockingAsync("", "dept.safety"), r => Assert.Equal(Ids.Safety, r.GetProperty("departmentId").GetGuid()));
        Assert.Contains(await DockingAsync("", "dept.safety"), r => r.GetProperty("townshipId").GetGuid() == Ids.Tiansheng);
        Assert.Empty(await DockingAsync($"township={Ids.Xiema}", "office2"));
    }

    [Fact]
    public async Task APairIsListedForDockingOnceItsAgreementIsSubmitted()
    {
        var (township, office) = await TownshipWithOfficeAsync();
        var id = (await DraftAsync(AgreementBody(Ids.Safety, township, [MatterItem((await ScopedMatterAsync(Ids.Safety)).Id)]))).Id();
        Assert.Empty(await DockingAsync($"township={township}"));

        await StepAsync(id, "submit");

        var row = Assert.Single(await DockingAsync($"township={township}&undocked=true"));
        Assert.Equal(Ids.Safety, row.GetProperty("departmentId").GetGuid());
        var docked = await (await As("office")).PutAsJsonAsync("/api/docking", new { townshipId = township, departmentId = Ids.Safety, internalOfficeId = office })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("综治办", docked.Str("officeName"));
        Assert.Equal("周七（副镇长）", docked.Str("leaderInCharge"));
        Assert.Empty(await DockingAsync($"township={township}&undocked=true"));
        Assert.Single(await DockingAsync($"township={township}"));
    }

    [Fact]
    public async Task ATownshipDocksItsOwnPairsWithItsOwnOffices()
    {
        var (township, office) = await TownshipWithOfficeAsync();
        var second = (await (await As("office")).PostAsJsonAsync($"/api/townships/{township}/offices", new { name = "经发办", leaderInCharge = "吴八（副镇长）" })
            .ExpectAsync(HttpStatusCode.Created)).Id();
        var user = await Host.CreateUserAsync(HostFixture.UniqueName("town"), Roles.Township, Ids.Beibei, township: township);
        var id = (await DraftAsync(AgreementBody(Ids.Forestry, township, [MatterItem((await ScopedMatterAsync(Ids.Forestry)).Id)]))).Id();
        await StepAsync(id, "submit");
        var client = await As(user);

        await client.PutAsJsonAsync("/api/docking", new { townshipId = township, departmentId = Ids.Forestry, internalOfficeId = office }).ExpectStatusAsync(HttpStatusCode.OK);
        var moved = await client.PutAsJsonAsync("/api/docking", new { townshipId = township, departmentId = Ids.Forestry, internalOfficeId = second })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("经发办", moved.Str("officeName"));

        // Another township's office, a department without an agreement, another township's pair: refused.
        var xiemaOffice = await OfficeOfAsync(Ids.Xiema, "综治办");
        var foreign = await (await As("office")).PutAsJsonAsync("/api/docking", new { townshipId = township, departmentId = Ids.Forestry, internalOfficeId = xiemaOffice })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Docking.OfficeNotOfTownship", foreign.Code());
        var noAgreement = await client.PutAsJsonAsync("/api/docking", new { townshipId = township, departmentId = Ids.Safety, internalOfficeId = office })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Docking.NoAgreement", noAgreement.Code());
        var wsId = (await DockingAsync($"township={Ids.Xiema}&undocked=true")).First(r => r.Str("departmentName") == "区卫生局").GetProperty("departmentId").GetGuid();
        await client.PutAsJsonAsync("/api/docking", new { townshipId = Ids.Xiema, departmentId = wsId, internalOfficeId = office }).ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("dept.forestry")).PutAsJsonAsync("/api/docking", new { townshipId = township, departmentId = Ids.Forestry, internalOfficeId = office })
            .ExpectStatusAsync(HttpStatusCode.Forbidden);
        var missing = await client.PutAsJsonAsync("/api/docking", new { townshipId = township }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["DepartmentId", "InternalOfficeId"], missing.ErrorFields().Order().ToArray());

        Assert.Equal("经发办", Assert.Single(await DockingAsync($"township={township}")).Str("officeName"));
        Assert.Contains(await DockingAsync($"township={Ids.Xiema}&undocked=true"), r => r.Str("departmentName") == "区卫生局");
    }

    [Fact]
    public async Task TheMatrixShowsTheDemoDistrictsEntrustment()
    {
        var matrix = await MatrixAsync("office");

        Assert.Equal(Day(Today), matrix.Str("date"));
        var columns = matrix.GetProperty("departments").EnumerateArray().ToDictionary(d => d.Id(), d => d.Str("name"));
        Assert.All(DemoDepartments, n => Assert.Contains(n, columns.Values));
        var rows = matrix.GetProperty("rows").EnumerateArray().ToList();
        Assert.True(rows.Count >= 17);
        var xiema = rows.Single(r => r.GetProperty("townshipId").GetGuid() == Ids.Xiema);
        Assert.True(xiema.GetProperty("isPilot").GetBoolean());
        var cells = xiema.GetProperty("cells").EnumerateArray().ToDictionary(c => columns[c.GetProperty("departmentId").GetGuid()]);
        Assert.All(DemoDepartments.Except(["区卫生局", "区农委"]), n => Assert.Equal("InForce", cells[n].Str("status")));
        Assert.Equal("Submitted", cells["区卫生局"].Str("status"));
        Assert.Equal("Submitted", cells["区农委"].Str("status"));
        Assert.Equal("2029-04-30", cells["区安监局"].Str("termEnd"));
        var tiansheng = rows.Single(r => r.GetProperty("townshipId").GetGuid() == Ids.Tiansheng).GetProperty("cells").EnumerateArray()
            .ToDictionary(c => columns[c.GetProperty("departmentId").GetGuid()]);
        Assert.All(DistrictWideDepartments, n => Assert.Equal("InForce", tiansheng[n].Str("status")));
        Assert.False(tiansheng.ContainsKey("区公安分局"));
    }

    [Fact]
    public async Task ADepartmentSeesOneColumnAndATownshipOneRow()
    {
        var department = await MatrixAsync("dept.safety");
        Assert.Equal(Ids.Safety, Assert.Single(department.GetProperty("departments").EnumerateArray()).Id());
        Assert.All(department.GetProperty("rows").EnumerateArray(), r =>
            Assert.All(r.GetProperty("cells").EnumerateArray(), c => Assert.Equal(Ids.Safety, c.GetProperty("departmentId").GetGuid())));
        Assert.Contains(department.GetProperty("rows").EnumerateArray(), r => r.GetProperty("townshipId").GetGuid() == Ids.Xiema
            && r.GetProperty("cells").GetArrayLength() == 1);

        var township = await MatrixAsync("town.xiema");
        var row = Assert.Single(township.GetProperty("rows").EnumerateArray());
        Assert.Equal(Ids.Xiema, row.GetProperty("townshipId").GetGuid());
        Assert.True(row.GetProperty("cells").GetArrayLength() >= 13);

        var filtered = await MatrixAsync("office", $"township={Ids.Tiansheng}&department={Ids.Safety}");
        Assert.Equal(Ids.Tiansheng, Assert.Single(filtered.GetProperty("rows").EnumerateArray()).GetProperty("townshipId").GetGuid());
        Assert.Single(filtered.GetProperty("departments").EnumerateArray());
        var grants = await MatrixAsync("office", $"township={Ids.Xiema}&mode=Grant");
        Assert.Empty(Assert.Single(grants.GetProperty("rows").EnumerateArray()).GetProperty("cells").EnumerateArray());
    }

    [Fact]
    public async Task AnotherDistrictsMatrixHoldsNoneOfTheDemoDistrict()
    {
        var matrix = await MatrixAsync("office2");
        Assert.DoesNotContain(matrix.GetProperty("rows").EnumerateArray(), r => r.GetProperty("townshipId").GetGuid() == Ids.Xiema);
        Assert.DoesNotContain(matrix.GetProperty("departments").EnumerateArray(), d => d.Id() == Ids.Safety);
        Assert.All(matrix.GetProperty("rows").EnumerateArray(), r => Assert.Empty(r.GetProperty("cells").EnumerateArray()));
    }

    [Fact]
    public async Task TheMatrixExportsAsAWorkbook()
    {
        using var response = await (await As("dept.safety")).GetAsync("/api/matrix/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("PK"u8.ToArray(), bytes[..2]);
        using var stream = new MemoryStream(bytes);
        var rows = stream.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().Select(r => r.Values.Select(v => v?.ToString() ?? "").ToArray()).ToList();
        Assert.Equal(["镇街", "区安监局"], rows[0]);
        var xiema = rows.Single(r => r[0] == "歇马镇");
        Assert.Contains("2029-04-30", xiema[1]);
        Assert.Contains("委托", xiema[1]);
        var matrix = await MatrixAsync("dept.safety");
        Assert.Equal(matrix.GetProperty("rows").GetArrayLength(), rows.Count - 1);
    }

    [Fact]
    public async Task AnAgreementInForceEntitlesTheTownshipInTheDepartmentsName()
    {
        var matter = await DemoMatterAsync("198-02");

        var yes = await EntitlementAsync(Ids.Xiema, matter);

        Assert.True(yes.GetProperty("allowed").GetBoolean());
        Assert.Equal("Entrustment", yes.Str("mode"));
        Assert.Equal("区安监局", yes.Str("actingInNameOf")); // 委托: in the entrusting department's name (APL Art. 20)
        Assert.Equal("InspectionOnly", yes.Str("authority"));
        Assert.Equal(JsonValueKind.Null, yes.GetProperty("reason").ValueKind);
        Assert.StartsWith("北碚委托〔2026〕", yes.Str("agreementNumber"));
        Assert.True((await EntitlementAsync(Ids.Xiema, matter, date: new DateOnly(2026, 5, 1))).GetProperty("allowed").GetBoolean());
        Assert.True((await EntitlementAsync(Ids.Xiema, matter, date: new DateOnly(2029, 4, 30))).GetProperty("allowed").GetBoolean());
        Assert.True((await EntitlementAsync(Ids.Xiema, matter, userName: "town.xiema")).GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task OutsideTheTermOrTheAuthorityTheAnswerIsNoWithAReason()
    {
        var matter = await DemoMatterAsync("198-02");

        var before = await EntitlementAsync(Ids.Xiema, matter, date: new DateOnly(2026, 4, 30));
        var after = await EntitlementAsync(Ids.Xiema, matter, date: new DateOnly(2029, 5, 1));
        var beyond = await EntitlementAsync(Ids.Xiema, matter, "SummaryPenalty");
        var elsewhere = await EntitlementAsync(Ids.Tiansheng, matter);
        var unpublished = await EntitlementAsync(Ids.Xiema, await DemoMatterAsync("198-07"));

        Assert.All(new[] { before, after, beyond, elsewhere, unpublished }, e =>
        {
            Assert.False(e.GetProperty("allowed").GetBoolean());
            Http.AssertChinese(e.Str("reason"));
            Assert.Equal(JsonValueKind.Null, e.GetProperty("actingInNameOf").ValueKind);
        });
        Assert.Contains("2026-05-01", before.Str("reason"));
        Assert.Contains("检查", beyond.Str("reason"));
        Assert.Equal(elsewhere.Str("reason"), unpublished.Str("reason")); // 卫生局's agreement is only submitted: none yet
    }

    [Fact]
    public async Task ASignedAgreementEntitlesNobodyUntilItIsPublished()
    {
        var township = (await CreateTownshipAsync()).Id();
        var matter = await ScopedMatterAsync(Ids.Safety);
        var id = (await ReviewedAsync(AgreementBody(Ids.Safety, township, [MatterItem(matter.Id)]))).Id();
        await SignAsync(id);

        var signed = await EntitlementAsync(township, matter.Id);
        Assert.False(signed.GetProperty("allowed").GetBoolean());
        Assert.Contains("公开", signed.Str("reason")); // APL Art. 20 ¶2

        await PublishAsync(id, Today);
        Assert.True((await EntitlementAsync(township, matter.Id)).GetProperty("allowed").GetBoolean());
        Assert.False((await EntitlementAsync(township, matter.Id, date: Today.AddDays(-1))).GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task ARenamedTownshipActsInItsNewNameAtOnce()
    {
        // The entitlement is answered from memory; renaming the township (a catalogue save, not an agreement's) must not
        // leave the old name on the next case.
        var name = "改名街道" + UniqueCode("");
        var township = (await CreateTownshipAsync(name: name)).Id();
        var matter = await ScopedMatterAsync(Ids.Safety, kind: "Penalty");
        await InForceAsync(AgreementBody(Ids.Safety, township, [MatterItem(matter.Id, "GeneralPenalty")], mode: "Grant",
            grantDecisionNumber: "渝府发〔2025〕12号"));
        Assert.Equal(name + "办事处", (await EntitlementAsync(township, matter.Id, "GeneralPenalty")).Str("actingInNameOf"));

        var renamed = name + "新";
        await (await As("office")).PutAsJsonAsync($"/api/townships/{township}", new { code = UniqueCode("T"), name = renamed, kind = "Street", isPilot = false })
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(renamed + "办事处", (await EntitlementAsync(township, matter.Id, "GeneralPenalty")).Str("actingInNameOf"));
    }

    [Fact]
    public async Task AGrantEntitlesTheTownshipInItsOwnName()
    {
        var name = "赋权街道" + UniqueCode("");
        var township = (await CreateTownshipAsync(name: name)).Id();
        var matter = await ScopedMatterAsync(Ids.Safety, kind: "Penalty");
        await InForceAsync(AgreementBody(Ids.Safety, township, [MatterItem(matter.Id, "GeneralPenalty", 5000m)], mode: "Grant",
            grantDecisionNumber: "渝府发〔2025〕12号"));

        var yes = await EntitlementAsync(township, matter.Id, "GeneralPenalty");

        Assert.True(yes.GetProperty("allowed").GetBoolean());
        Assert.Equal("Grant", yes.Str("mode"));
        Assert.Equal(name + "办事处", yes.Str("actingInNameOf")); // 赋权: in its own name (APL Art. 24)
        Assert.Equal(5000m, yes.GetProperty("fineCap").GetDecimal());
        var above = await (await As("office")).GetAsync($"/api/entitlements?township={township}&matter={matter.Id}&authority=GeneralPenalty&fine=6000")
            .ExpectAsync(HttpStatusCode.OK);
        Assert.False(above.GetProperty("allowed").GetBoolean());
        Assert.Contains("5000", above.Str("reason"));
    }

    [Fact]
    public async Task AfterTerminationTheAnswerIsNo()
    {
        var township = (await CreateTownshipAsync()).Id();
        var matter = await ScopedMatterAsync(Ids.Forestry);
        var agreement = await InForceAsync(AgreementBody(Ids.Forestry, township, [MatterItem(matter.Id)]));
        Assert.True((await EntitlementAsync(township, matter.Id)).GetProperty("allowed").GetBoolean());
        Host.Clock.Advance(TimeSpan.FromDays(1)); // a termination never reaches back over days already in force

        await TerminateAsync(agreement.Id(), Today);

        var today = await EntitlementAsync(township, matter.Id);
        Assert.False(today.GetProperty("allowed").GetBoolean());
        Assert.Contains(agreement.Str("number"), today.Str("reason"));
        Assert.True((await EntitlementAsync(township, matter.Id, date: Today.AddDays(-1))).GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task TheQuestionNeedsATownshipAndAMatterTheCallerMaySee()
    {
        var matter = await DemoMatterAsync("198-02");
        var office = await As("office");
        var problem = await office.GetAsync("/api/entitlements").ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["MatterId", "TownshipId"], problem.ErrorFields().Order().ToArray());
        await (await As("town.tiansheng")).GetAsync($"/api/entitlements?township={Ids.Xiema}&matter={matter}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("office2")).GetAsync($"/api/entitlements?township={Ids.Xiema}&matter={matter}").ExpectStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ThePublicSeesXiemasAgreementsInForceWithoutSigningIn()
    {
        var xiema = await PublicAsync($"township={Ids.Xiema}");

        var names = xiema.Select(a => a.Str("departmentName")).ToList();
        Assert.All(DemoDepartments.Except(["区卫生局", "区农委"]), n => Assert.Contains(n, names));
        Assert.DoesNotContain("区卫生局", names); // submitted only: not in force, not published
        Assert.DoesNotContain("区农委", names);
        Assert.All(xiema, a => Assert.Equal("歇马镇", a.Str("townshipName")));
        var safety = xiema.Single(a => a.Str("departmentName") == "区安监局" && a.Str("publishedOn") == "2026-04-28");
        Assert.Equal("2026-05-01", safety.Str("termStart"));
        var matters = safety.GetProperty("matters").EnumerateArray().ToList();
        Assert.Equal(["198-02", "QQ-04"], matters.Select(m => m.Str("code")).ToArray());
        Assert.All(matters, m => Assert.Equal("仅限检查", m.Str("authorityText")));
        Assert.Contains("《中华人民共和国安全生产法》", matters[0].Str("legalBasis"));

        var search = await PublicAsync("q=森林防火检查");
        Assert.Contains(search, a => a.Str("townshipName") == "歇马镇" && a.Str("departmentName") == "区林业局");
        Assert.All(search, a => Assert.Contains(a.GetProperty("matters").EnumerateArray(), m => m.Str("name").Contains("森林防火检查")));
        Assert.Contains(await PublicAsync(), a => a.Str("townshipName") == "天生街道");
    }

    [Fact]
    public async Task ThePublicIsToldPerMatterWhoActsByWhichProcedureAndWhereToSeekRemedy()
    {
        // 委托 (the demo's forestry agreement with 歇马镇): in the department's name, which answers for it (LAW 6, APL 39).
        // Other tests add forestry agreements with 歇马镇 to the shared host, published the day they run: the demo's came first.
        var forestry = (await PublicAsync($"township={Ids.Xiema}")).Where(a => a.Str("departmentName") == "区林业局")
            .MinBy(a => a.Str("publishedOn"))!;
        var matters = forestry.GetProperty("matters").EnumerateArray().ToList();
        Assert.NotEmpty(matters);
        Assert.All(matters, m =>
        {
            Assert.Equal("区林业局", m.Str("actingInNameOf"));
            Assert.Equal("区林业局", m.Str("respondent"));
            Assert.Equal("北碚区人民政府", m.Str("reconsiderationBody"));
            Assert.Equal("有管辖权的人民法院", m.Str("court"));
            Assert.Contains("六十日内向北碚区人民政府申请行政复议", m.Str("remedies"));
            Assert.Contains("六个月内", m.Str("remedies"));
            Assert.Contains("委托机关为被申请人、被告", m.Str("remedies"));
            Assert.Contains(m.Str("authority") switch
            {
                "InspectionOnly" => "仅实施行政检查",
                "SummaryPenalty" => "简易程序",
                _ => "普通程序",
            }, m.Str("procedure"));
        });

        // 赋权: the township government acts, and answers, in its own name (APL 24).
        var name = "公示赋权街道" + UniqueCode("");
        var township = (await CreateTownshipAsync(name: name)).Id();
        var penalty = await ScopedMatterAsync(Ids.Safety, kind: "Penalty");
        await InForceAsync(AgreementBody(Ids.Safety, township, [MatterItem(penalty.Id, "GeneralPenalty")], mode: "Grant",
            grantDecisionNumber: "渝府发〔2025〕12号"));
        var granted = Assert.Single(Assert.Single(await PublicAsync($"township={township}")).GetProperty("matters").EnumerateArray());
        Assert.Equal(name + "办事处", granted.Str("actingInNameOf"));
        Assert.Equal(name + "办事处", granted.Str("respondent"));
        Assert.Equal("北碚区人民政府", granted.Str("reconsiderationBody"));
        Assert.Contains("普通程序", granted.Str("procedure"));
        Assert.DoesNotContain("委托机关", granted.Str("remedies"));
    }

    [Fact]
    public async Task ATerminatedAgreementLeavesThePublicPageOnItsTerminationDate()
    {
        var township = (await CreateTownshipAsync()).Id();
        var inForce = await InForceAsync(AgreementBody(Ids.Safety, township, [MatterItem((await ScopedMatterAsync(Ids.Safety)).Id)]));
        var signedOnly = (await ReviewedAsync(AgreementBody(Ids.Forestry, township, [MatterItem((await ScopedMatterAsync(Ids.Forestry)).Id)]))).Id();
        await SignAsync(signedOnly);
        Assert.Equal(inForce.Str("number"), Assert.Single(await PublicAsync($"township={township}")).Str("number"));

        var tomorrow = Today.AddDays(1);
        await TerminateAsync(inForce.Id(), tomorrow);
        Assert.Single(await PublicAsync($"township={township}"));

        Host.Clock.Advance(TimeSpan.FromDays(1));

        Assert.Equal(tomorrow, Today);
        Assert.Empty(await PublicAsync($"township={township}"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class EntrustmentApiTests_Sqlite(SqliteHost host) : EntrustmentApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class EntrustmentApiTests_Postgres(PostgresHost host) : EntrustmentApiTests(host);
