using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entrust.Tests.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Tests.Api;

/// <summary>
/// Where and when an officer may act (LAW 10, 11, 12) on every path that records an act: the may-act question, inspections and
/// cases. A township officer acts only for their own township; a department officer on the department's matters anywhere;
/// a recused officer never on the target; qualification is judged on the day of the act.
/// </summary>
public abstract class OfficerReachApiTests(HostFixture host) : OfficerTest(host)
{
    /// <summary>An officer of the township certified in forestry since 40 days ago.</summary>
    protected async Task<Guid> ForesterAsync(Guid township, string name = "林员")
    {
        var officer = await PassedOfficerAsync(township, name + Guid.NewGuid().ToString("N")[..4]);
        await (await As("office")).PostAsJsonAsync("/api/certificates",
            new { officerId = officer, domains = new[] { "forestry" }, issuedOn = Day(Today.AddDays(-40)) }).ExpectAsync(HttpStatusCode.Created);
        return officer;
    }

    protected async Task<Guid> ForestAsync(Guid township, string? creditCode = null) =>
        (await (await As("office")).PostAsJsonAsync("/api/targets", new
        {
            townshipId = township,
            name = "林区" + Guid.NewGuid().ToString("N")[..6],
            kind = "ForestArea",
            address = "歇马镇虎头村",
            creditCode,
            riskLevel = "Low",
        }).ExpectAsync(HttpStatusCode.Created)).Id();

    protected static object Inspection(Guid matter, Guid target, Guid[] officers, DateTimeOffset at, string kind = "Routine",
        Guid? township = null, Guid[]? joint = null) => new
        {
            townshipId = township,
            matterId = matter,
            kind,
            jointDepartmentIds = joint,
            startedAt = at,
            targetIds = new[] { target },
            officerIds = officers,
            findings = "林区防火通道畅通，未发现野外用火。",
            result = "NoProblem",
        };

    protected DateTimeOffset HoursAgo(int days = 0) => Host.Clock.GetUtcNow().AddHours(-1).AddDays(-days);

    protected object Filing(Guid matter, Guid[] officers, int daysAgo = 10, Guid? township = null, bool major = false,
        string partyKind = "Person", string? identifier = null, Guid? inspectionId = null) => new
        {
            townshipId = township,
            matterId = matter,
            inspectionId,
            partyKind,
            partyName = partyKind == "Person" ? "刘某" : "重庆某某林业有限公司",
            partyIdentifier = identifier ?? NewIdNumber(),
            facts = "未经批准擅自砍伐集体林木3立方米",
            actOn = Day(Today.AddDays(-daysAgo - 5)),
            filedOn = Day(Today.AddDays(-daysAgo)),
            officerIds = officers,
            isMajor = major,
        };

    /// <summary>A new forestry penalty matter in scope, entrusted to 歇马镇 and 天生街道 with general-procedure authority.</summary>
    protected async Task<Guid> PenaltyMatterOfBothAsync()
    {
        var code = UniqueCode("P");
        var matter = (await (await As("office")).PostAsJsonAsync("/api/matters", MatterBody(Ids.Forestry, code, kind: "Penalty",
            entrustability: "NotEntrusted", domain: "forestry", lawName: "中华人民共和国森林法", lawArticle: "第七十六条", name: "测试处罚事项"))
            .ExpectAsync(HttpStatusCode.Created)).Id();
        await DecideAsync("MakeMatterDistrictWide", matter);
        foreach (var township in new[] { Ids.Xiema, Ids.Tiansheng })
        {
            await InForceAsync(AgreementBody(Ids.Forestry, township, [MatterItem(matter, "GeneralPenalty")], start: Today.AddDays(-60)));
        }
        return matter;
    }

    protected Task<int> InspectionCountAsync() => Host.WithDbAsync(db => db.Inspections.IgnoreQueryFilters().CountAsync());

    protected Task<int> CaseCountAsync() => Host.WithDbAsync(db => db.Cases.IgnoreQueryFilters().CountAsync());

    protected async Task<JsonElement> RefusedAsync(string path, object body, string userName, Func<Task<int>> count,
        HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var before = await count();
        var problem = await (await As(userName)).PostAsJsonAsync(path, body).ExpectAsync(status);
        Assert.Equal(before, await count());
        return problem;
    }

    protected async Task<string> NameOfAsync(Guid officer) =>
        await Host.WithDbAsync(db => db.Officers.IgnoreQueryFilters().Where(o => o.Id == officer).Select(o => o.Name).SingleAsync());

    // ---- LAW 10: the township of the act ----

    [Fact]
    public async Task MayActAsksAboutTheTownshipWhereTheActHappens()
    {
        var matter = await DemoMatterAsync("198-04");
        var tiansheng = await ForesterAsync(Ids.Tiansheng, "天生林员");
        var xiema = await ForesterAsync(Ids.Xiema, "歇马林员");
        var client = await As("office");

        var abroad = await client.GetAsync($"/api/officers/{tiansheng}/may-act?matter={matter}&township={Ids.Xiema}").ExpectAsync(HttpStatusCode.OK);
        Assert.False(abroad.GetProperty("mayAct").GetBoolean());
        Assert.Equal("MayAct.OtherTownship", abroad.Str("reason"));
        Assert.Contains(await NameOfAsync(tiansheng), abroad.Str("message"));
        Assert.Contains("第二十条", abroad.Str("message"));
        var english = await (await As("office", "en")).GetAsync($"/api/officers/{tiansheng}/may-act?matter={matter}&township={Ids.Xiema}")
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Contains("Art. 20", english.Str("message"));

        var home = await client.GetAsync($"/api/officers/{xiema}/may-act?matter={matter}&township={Ids.Xiema}").ExpectAsync(HttpStatusCode.OK);
        Assert.True(home.GetProperty("mayAct").GetBoolean());
        // Without a township the question is about the officer's own.
        Assert.True((await client.GetAsync($"/api/officers/{xiema}/may-act?matter={matter}").ExpectAsync(HttpStatusCode.OK))
            .GetProperty("mayAct").GetBoolean());

        // A department's officer acts on the department's matters in any township of the district.
        var department = await DemoDepartmentAsync("LY");
        var ranger = await CreateOfficerAsync(OfficerBody(departmentId: department, name: "林业局执法员"));
        await PassedAsync(ranger.Id());
        await client.PostAsJsonAsync("/api/certificates",
            new { officerId = ranger.Id(), domains = new[] { "forestry" }, issuedOn = Day(Today.AddDays(-40)) }).ExpectAsync(HttpStatusCode.Created);
        foreach (var township in new[] { Ids.Xiema, Ids.Tiansheng })
        {
            var anywhere = await client.GetAsync($"/api/officers/{ranger.Id()}/may-act?matter={matter}&township={township}")
                .ExpectAsync(HttpStatusCode.OK);
            Assert.True(anywhere.GetProperty("mayAct").GetBoolean(), anywhere.GetRawText());
        }
    }

    [Fact]
    public async Task AJointInspectionInXiemaWithTianshengsOfficersIsRefused()
    {
        var matter = await DemoMatterAsync("198-04");
        var first = await ForesterAsync(Ids.Tiansheng, "天生甲");
        var second = await ForesterAsync(Ids.Tiansheng, "天生乙");
        var target = await ForestAsync(Ids.Xiema);
        var body = Inspection(matter, target, [first, second], HoursAgo(), "Joint", Ids.Xiema, [Ids.Safety]);
        var problem = await RefusedAsync("/api/inspections", body, "dept.forestry", InspectionCountAsync);
        Assert.Equal("Inspection.OfficerMayNotAct", problem.Code());
        Assert.Contains(await NameOfAsync(first), problem.Str("detail"));
        Assert.Contains("第二十条", problem.Str("detail"));

        // The same inspection by 歇马镇's own officers is recorded.
        var own = Inspection(matter, target, [await ForesterAsync(Ids.Xiema), await ForesterAsync(Ids.Xiema)], HoursAgo(), "Joint", Ids.Xiema,
            [Ids.Safety]);
        await (await As("dept.forestry")).PostAsJsonAsync("/api/inspections", own).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task ADepartmentLedCaseInXiemaWithTianshengsOfficersIsRefused()
    {
        // A penalty matter both townships hold with general-procedure authority: only the township of the act tells them apart.
        // The agreements are published today (never back-dated), so the case is filed today.
        var matter = await PenaltyMatterOfBothAsync();
        var first = await ForesterAsync(Ids.Tiansheng, "天生甲");
        var second = await ForesterAsync(Ids.Tiansheng, "天生乙");
        var problem = await RefusedAsync("/api/cases", Filing(matter, [first, second], daysAgo: 0, township: Ids.Xiema, major: true), "dept.forestry",
            CaseCountAsync);
        Assert.Equal("Case.OfficerMayNotAct", problem.Code());
        Assert.Contains(await NameOfAsync(first), problem.Str("detail"));

        // The department's own officers and 歇马镇's may take it.
        var xiema = await ForesterAsync(Ids.Xiema);
        var ranger = (await CreateOfficerAsync(OfficerBody(departmentId: Ids.Forestry, name: "林业局办案员"))).Id();
        await PassedAsync(ranger);
        await (await As("office")).PostAsJsonAsync("/api/certificates",
            new { officerId = ranger, domains = new[] { "forestry" }, issuedOn = Day(Today.AddDays(-40)) }).ExpectAsync(HttpStatusCode.Created);
        await (await As("dept.forestry")).PostAsJsonAsync("/api/cases", Filing(matter, [xiema, ranger], daysAgo: 0, township: Ids.Xiema, major: true))
            .ExpectAsync(HttpStatusCode.Created);
    }

    // ---- LAW 12: only regular staff hold certificates ----

    [Fact]
    public async Task ChangingToContractStaffRevokesTheCertificatesThatDay()
    {
        var matter = await DemoMatterAsync("198-04");
        var officer = await ForesterAsync(Ids.Xiema, "改聘");
        var name = await NameOfAsync(officer);
        var client = await As("office");
        Assert.True((await client.GetAsync($"/api/officers/{officer}/may-act?matter={matter}").ExpectAsync(HttpStatusCode.OK))
            .GetProperty("mayAct").GetBoolean());

        // The register says what the person now is; the certificates end the same day, with the reason.
        var changed = await (await As("town.xiema")).PutAsJsonAsync($"/api/officers/{officer}",
            OfficerBody(name: name, staffType: "Contract", idNumber: "")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Contract", changed.Str("staffType"));
        var certificate = Assert.Single(await CertificatesOfAsync(officer));
        Assert.Equal(Entrust.Web.Features.Officers.CertificateState.Revoked, certificate.State);
        Assert.Equal(Today, certificate.StateChangedOn);
        Assert.Equal("用工性质变更为合同制/聘用，不再具备持证资格", certificate.StateReason);
        Assert.Equal("Revoked", Assert.Single(changed.GetProperty("certificates").EnumerateArray()).Str("validity"));

        var answer = await client.GetAsync($"/api/officers/{officer}/may-act?matter={matter}").ExpectAsync(HttpStatusCode.OK);
        Assert.False(answer.GetProperty("mayAct").GetBoolean());
        Assert.Equal("MayAct.CertificateRevoked", answer.Str("reason"));
        // What they did while regular staff stands: the day before, they could act.
        var before = await client.GetAsync($"/api/officers/{officer}/may-act?matter={matter}&date={Day(Today.AddDays(-1))}")
            .ExpectAsync(HttpStatusCode.OK);
        Assert.True(before.GetProperty("mayAct").GetBoolean(), before.GetRawText());
        // And no new certificate for contract staff.
        var refused = await IssueAsync(officer, ["forestry"], expected: HttpStatusCode.BadRequest);
        Assert.Equal("Certificate.NotEstablishedStaff", refused.Code());
        var register = await Host.Anonymous().GetAsync($"/api/public/officers?unit={Ids.Xiema}&pageSize=500").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(register.Items(), e => e.Str("certificateNumber") == certificate.Number);
    }

    // ---- LAW 11: recusal outside the draw ----

    [Fact]
    public async Task ARecusedOfficerMayNotInspectTheTarget()
    {
        var matter = await DemoMatterAsync("198-04");
        var recused = await ForesterAsync(Ids.Xiema, "回避");
        var second = await ForesterAsync(Ids.Xiema);
        var third = await ForesterAsync(Ids.Xiema);
        var target = await ForestAsync(Ids.Xiema);
        await (await As("office")).PostAsJsonAsync("/api/officer-conflicts", new { officerId = recused, targetId = target, reason = "系该林区承包人的近亲属" })
            .ExpectAsync(HttpStatusCode.Created);

        var problem = await RefusedAsync("/api/inspections", Inspection(matter, target, [recused, second], HoursAgo()), "town.xiema",
            InspectionCountAsync);
        Assert.Equal("Inspection.OfficerRecused", problem.Code());
        Assert.Contains(await NameOfAsync(recused), problem.Str("detail"));
        Assert.Contains("第四十三条", problem.Str("detail"));

        await (await As("town.xiema")).PostAsJsonAsync("/api/inspections", Inspection(matter, target, [second, third], HoursAgo()))
            .ExpectAsync(HttpStatusCode.Created);
        // Another target is theirs to inspect.
        await (await As("town.xiema")).PostAsJsonAsync("/api/inspections", Inspection(matter, await ForestAsync(Ids.Xiema), [recused, second], HoursAgo()))
            .ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task ARecusedOfficerTakesNoStepOfACaseAgainstTheTarget()
    {
        var matter = await DemoMatterAsync("198-05");
        var recused = await ForesterAsync(Ids.Xiema, "回避");
        var second = await ForesterAsync(Ids.Xiema);
        var third = await ForesterAsync(Ids.Xiema);
        var code = Entrust.Web.Features.Demo.DemoTargets.Code("91500109", Random.Shared.Next(10_000, 9_000_000));
        var target = await ForestAsync(Ids.Xiema, code);
        await (await As("office")).PostAsJsonAsync("/api/officer-conflicts", new { officerId = recused, targetId = target, reason = "系该公司股东" })
            .ExpectAsync(HttpStatusCode.Created);

        // The party named by the target's credit code.
        var byCode = await RefusedAsync("/api/cases", Filing(matter, [recused, second], partyKind: "Organisation", identifier: code),
            "town.xiema", CaseCountAsync);
        Assert.Equal("Case.OfficerRecusedFromParty", byCode.Code());
        Assert.Contains(await NameOfAsync(recused), byCode.Str("detail"));
        Assert.Contains("第四十三条", byCode.Str("detail"));

        // The case that follows an inspection of the target, filed by the others: the recused officer joins no later step.
        var inspection = (await (await As("town.xiema")).PostAsJsonAsync("/api/inspections",
            new
            {
                matterId = matter,
                kind = "Routine",
                startedAt = HoursAgo(12),
                targetIds = new[] { target },
                officerIds = new[] { second, third },
                findings = "发现林区内有新伐桩。",
                result = "CaseToBeFiled",
            }).ExpectAsync(HttpStatusCode.Created)).GetProperty("inspection").Id();
        var caseId = (await (await As("town.xiema")).PostAsJsonAsync("/api/cases", Filing(matter, [second, third], daysAgo: 10, inspectionId: inspection))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("case").Id();
        var step = await Refused(caseId, $"/api/cases/{caseId}/investigate",
            new { on = Day(Today.AddDays(-9)), officerIds = new[] { recused, second } }, HttpStatusCode.BadRequest);
        Assert.Equal("Case.OfficerRecusedFromParty", step.Code());
        await (await As("town.xiema")).PostAsJsonAsync($"/api/cases/{caseId}/investigate",
            new { on = Day(Today.AddDays(-9)), officerIds = new[] { second, third } }).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ARecusalAppliedForAndApprovedOnTheCaseBarsTheOfficerFromLaterSteps()
    {
        var matter = await DemoMatterAsync("198-05");
        var first = await ForesterAsync(Ids.Xiema, "申请回避");
        var second = await ForesterAsync(Ids.Xiema);
        var third = await ForesterAsync(Ids.Xiema);
        var client = await As("town.xiema");
        var caseId = (await client.PostAsJsonAsync("/api/cases", Filing(matter, [first, second], daysAgo: 10))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("case").Id();

        // An application that names no officer is refused in Chinese, naming the field, before anything is looked up.
        var unnamed = await client.PostAsJsonAsync($"/api/cases/{caseId}/recusals",
            new { appliedBy = "Party", on = Day(Today.AddDays(-9)), reason = "未指明执法人员" }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Case.OfficerNotChosen", unnamed.Code());
        Http.AssertChinese(unnamed.Str("detail"));

        var applied = await client.PostAsJsonAsync($"/api/cases/{caseId}/recusals",
            new { appliedBy = "Party", officerId = first, on = Day(Today.AddDays(-9)), reason = "当事人称该执法人员与其有债务纠纷" })
            .ExpectAsync(HttpStatusCode.OK);
        var recusal = Assert.Single(applied.GetProperty("case").GetProperty("recusals").EnumerateArray());
        Assert.Equal("Party", recusal.Str("appliedBy"));
        Assert.Equal(first, recusal.GetProperty("officerId").GetGuid());
        Assert.Equal(JsonValueKind.Null, recusal.GetProperty("approved").ValueKind);
        // Until the decision the investigation goes on (APL 43 ¶3).
        await client.PostAsJsonAsync($"/api/cases/{caseId}/investigate", new { on = Day(Today.AddDays(-8)), officerIds = new[] { first, second } })
            .ExpectAsync(HttpStatusCode.OK);

        var decision = $"/api/cases/{caseId}/recusals/{recusal.Id()}/decision";
        var headless = await Refused(caseId, decision, new { on = Day(Today.AddDays(-7)), decidedBy = " ", approved = true }, HttpStatusCode.BadRequest);
        Assert.Equal("Case.RecusalNeedsHead", headless.Code());
        var decided = await client.PostAsJsonAsync(decision, new { on = Day(Today.AddDays(-7)), decidedBy = "区林业局局长", approved = true })
            .ExpectAsync(HttpStatusCode.OK);
        var recorded = Assert.Single(decided.GetProperty("case").GetProperty("recusals").EnumerateArray());
        Assert.True(recorded.GetProperty("approved").GetBoolean());
        Assert.Equal("区林业局局长", recorded.Str("decidedBy"));
        Assert.Equal(Day(Today.AddDays(-7)), recorded.Str("decidedOn"));
        Assert.Equal("Case.RecusalDecided",
            (await Refused(caseId, decision, new { on = Day(Today.AddDays(-6)), decidedBy = "区林业局局长", approved = false }, HttpStatusCode.Conflict)).Code());

        var barred = await Refused(caseId, $"/api/cases/{caseId}/evidence",
            new { collectedOn = Day(Today.AddDays(-6)), kind = "询问笔录", description = "询问当事人", officerIds = new[] { first, second } },
            HttpStatusCode.BadRequest);
        Assert.Equal("Case.OfficerRecused", barred.Code());
        Assert.Contains(await NameOfAsync(first), barred.Str("detail"));
        Assert.Contains("第四十三条", barred.Str("detail"));
        await client.PostAsJsonAsync($"/api/cases/{caseId}/evidence",
            new { collectedOn = Day(Today.AddDays(-6)), kind = "询问笔录", description = "询问当事人", officerIds = new[] { second, third } })
            .ExpectAsync(HttpStatusCode.Created);
    }

    /// <summary>A refused case step changes nothing: the case reads the same before and after.</summary>
    private async Task<JsonElement> Refused(Guid caseId, string path, object body, HttpStatusCode status)
    {
        var before = (await (await As("office")).GetAsync($"/api/cases/{caseId}").ExpectAsync(HttpStatusCode.OK)).GetProperty("case").GetRawText();
        var problem = await (await As("town.xiema")).PostAsJsonAsync(path, body).ExpectAsync(status);
        Assert.Equal(before, (await (await As("office")).GetAsync($"/api/cases/{caseId}").ExpectAsync(HttpStatusCode.OK)).GetProperty("case").GetRawText());
        return problem;
    }

    // ---- qualification on the day of the act ----

    [Fact]
    public async Task AnOfficerWhoLeftLaterIsRecordedOnWhatTheyDidBefore()
    {
        var matter = await DemoMatterAsync("198-04");
        var leaver = await ForesterAsync(Ids.Xiema, "已离职");
        var second = await ForesterAsync(Ids.Xiema);
        var target = await ForestAsync(Ids.Xiema);
        await (await As("town.xiema")).PostAsJsonAsync($"/api/officers/{leaver}/leave", new { reason = "辞职" }).ExpectAsync(HttpStatusCode.OK);

        // Entered today, an inspection of three days ago names them; one today may not.
        await (await As("town.xiema")).PostAsJsonAsync("/api/inspections", Inspection(matter, target, [leaver, second], HoursAgo(3)))
            .ExpectAsync(HttpStatusCode.Created);
        var today = await RefusedAsync("/api/inspections", Inspection(matter, target, [leaver, second], HoursAgo()), "town.xiema",
            InspectionCountAsync);
        Assert.Equal("Inspection.OfficerMayNotAct", today.Code());
        // A case step of ten days ago, too.
        await (await As("town.xiema")).PostAsJsonAsync("/api/cases", Filing(await DemoMatterAsync("198-05"), [leaver, second], daysAgo: 10))
            .ExpectAsync(HttpStatusCode.Created);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class OfficerReachApiTests_Sqlite(SqliteHost host) : OfficerReachApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class OfficerReachApiTests_Postgres(PostgresHost host) : OfficerReachApiTests(host);
