using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entrust.Tests.Hosting;

namespace Entrust.Tests.Api;

/// <summary>GET /api/scope, POST /api/scope/decisions, GET/POST /api/scope-requests, POST /api/scope-requests/{id}/approve|reject.</summary>
public abstract class ScopeApiTests(HostFixture host) : AgreementTest(host)
{
    private async Task<JsonElement> ScopeAsync(string userName = "office") =>
        await (await As(userName)).GetAsync("/api/scope").ExpectAsync(HttpStatusCode.OK);

    private async Task<JsonElement> RequestAsync(Guid matterId, string userName = "town.xiema", Guid? townshipId = null) =>
        await (await As(userName)).PostAsJsonAsync("/api/scope-requests", new { townshipId, matterId, requestedPower = "森林防火", reason = "辖区林地面积大" })
            .ExpectAsync(HttpStatusCode.Created);

    private object Approval(string change = "AddMatterForPilots") =>
        new { change, documentNumber = $"北碚府〔2026〕{UniqueCode("")}号", decidedOn = Day(Today), reason = "同意纳入试点" };

    private async Task<List<JsonElement>> RequestsAsync(string userName) =>
        (await (await As(userName)).GetAsync("/api/scope-requests").ExpectAsync(HttpStatusCode.OK)).Items().ToList();

    [Fact]
    public async Task TheScopeShowsTheDecreeTheMattersInScopeAndThePilots()
    {
        var scope = await ScopeAsync();

        var decree = Assert.Single(scope.GetProperty("decrees").EnumerateArray());
        Assert.Equal("市政府198号令", decree.Str("number"));
        var matters = scope.GetProperty("matters").EnumerateArray().ToDictionary(m => m.Str("code"), m => m.Str("entrustability"));
        Assert.Equal("PilotOnly", matters["198-01"]);
        Assert.Equal("DistrictWide", matters["QQ-01"]);
        Assert.All(new[] { "AJ-09", "HB-21", "LY-12", "JW-07" }, code => Assert.False(matters.ContainsKey(code), code));
        Assert.Contains(scope.GetProperty("pilotTownships").EnumerateArray(), t => t.Id() == Ids.Xiema);
        Assert.DoesNotContain(scope.GetProperty("pilotTownships").EnumerateArray(), t => t.Id() == Ids.Tiansheng);

        var second = await ScopeAsync("office2");
        Assert.Empty(second.GetProperty("decrees").EnumerateArray());
        Assert.DoesNotContain(second.GetProperty("matters").EnumerateArray(), m => m.Str("code") == "198-01");
    }

    [Fact]
    public async Task AScopeDecisionBringsAMatterIntoScopeAndIsListed()
    {
        var matter = await OutOfScopeMatterAsync(Ids.Forestry);
        Assert.DoesNotContain((await ScopeAsync()).GetProperty("matters").EnumerateArray(), m => m.Id() == matter.Id);

        var decision = await DecideAsync("AddMatterForPilots", matter.Id);

        Assert.Equal("AddMatterForPilots", decision.Str("change"));
        Assert.Equal("office", decision.Str("decidedBy"));
        var read = await (await As("office")).GetAsync($"/api/matters/{matter.Id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("PilotOnly", read.Str("entrustability"));
        var scope = await ScopeAsync();
        Assert.Contains(scope.GetProperty("matters").EnumerateArray(), m => m.Id() == matter.Id && m.Str("entrustability") == "PilotOnly");
        Assert.Contains(scope.GetProperty("decisions").EnumerateArray(), d => d.Id() == decision.Id() && d.GetProperty("matterId").GetGuid() == matter.Id);
        Assert.Equal("Added", Assert.Single(await AuditOfAsync("ScopeDecision", decision.Id())).Str("action"));

        await DecideAsync("MakeMatterDistrictWide", matter.Id);
        Assert.Equal("DistrictWide", (await (await As("office")).GetAsync($"/api/matters/{matter.Id}").ExpectAsync(HttpStatusCode.OK)).Str("entrustability"));
    }

    [Fact]
    public async Task AScopeDecisionMakesATownshipAPilot()
    {
        var township = await CreateTownshipAsync();

        await DecideAsync("AddPilotTownship", townshipId: township.Id());

        Assert.True((await (await As("office")).GetAsync($"/api/townships/{township.Id()}").ExpectAsync(HttpStatusCode.OK)).GetProperty("isPilot").GetBoolean());
        Assert.Contains((await ScopeAsync()).GetProperty("pilotTownships").EnumerateArray(), t => t.Id() == township.Id());
    }

    [Theory]
    [InlineData("dept.safety")]
    [InlineData("town.xiema")]
    [InlineData("officer.xiema")]
    [InlineData("auditor")]
    public async Task OnlyTheOfficeRecordsScopeDecisions(string userName)
    {
        var matter = await OutOfScopeMatterAsync(Ids.Safety);
        await (await As(userName)).PostAsJsonAsync("/api/scope/decisions", new
        {
            change = "AddMatterForPilots",
            matterId = matter.Id,
            documentNumber = "北碚府〔2026〕1号",
            decidedOn = Day(Today),
            reason = "越权",
        }).ExpectStatusAsync(HttpStatusCode.Forbidden);

        Assert.Equal("NotEntrusted", (await (await As("office")).GetAsync($"/api/matters/{matter.Id}").ExpectAsync(HttpStatusCode.OK)).Str("entrustability"));
        await (await As(userName)).GetAsync("/api/scope").ExpectStatusAsync(HttpStatusCode.OK); // everyone may read the scope
    }

    [Fact]
    public async Task ADecisionWithoutDocumentNumberDateOrReasonIsAValidationProblem()
    {
        var matter = await OutOfScopeMatterAsync(Ids.Safety);
        var office = await As("office");

        var problem = await office.PostAsJsonAsync("/api/scope/decisions", new { change = 9, matterId = matter.Id, documentNumber = "", reason = " " })
            .ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["Change", "DecidedOn", "DocumentNumber", "Reason"], problem.ErrorFields().Order().ToArray());
        Assert.Equal("NotEntrusted", (await office.GetAsync($"/api/matters/{matter.Id}").ExpectAsync(HttpStatusCode.OK)).Str("entrustability"));
    }

    [Fact]
    public async Task ADecisionTheRulesRefuseChangesNothing()
    {
        var office = await As("office");
        var head = await AuditHeadAsync();
        async Task<string?> Refused(string change, Guid? matterId = null, Guid? townshipId = null) =>
            (await office.PostAsJsonAsync("/api/scope/decisions", new
            {
                change,
                matterId,
                townshipId,
                documentNumber = "北碚府〔2026〕2号",
                decidedOn = Day(Today),
                reason = "测试",
            }).ExpectAsync(HttpStatusCode.BadRequest)).Code();

        // 行政强制法 Art. 17: a coercive measure never comes into scope.
        Assert.Equal("Matter.CoerciveNotEntrustable", await Refused("MakeMatterDistrictWide", await DemoMatterAsync("AJ-09")));
        Assert.Equal("Scope.AlreadyInScope", await Refused("AddMatterForPilots", await DemoMatterAsync("QQ-01")));
        Assert.Equal("Scope.AlreadyPilot", await Refused("AddPilotTownship", townshipId: Ids.Xiema));
        Assert.Equal("Agreement.UnknownMatter", await Refused("AddMatterForPilots", Guid.NewGuid()));
        Assert.Equal("Agreement.UnknownTownship", await Refused("AddPilotTownship", townshipId: Ids.SecondTownship));

        Assert.Equal(head, await AuditHeadAsync());
        Assert.Equal("NotEntrusted", (await office.GetAsync($"/api/matters/{await DemoMatterAsync("AJ-09")}").ExpectAsync(HttpStatusCode.OK)).Str("entrustability"));
    }

    [Fact]
    public async Task ATownshipAsksForItselfAndSeesOnlyItsOwnRequests()
    {
        var matter = await OutOfScopeMatterAsync(Ids.Forestry);

        // The township named in the body is ignored: a township user always asks for itself.
        var request = await RequestAsync(matter.Id, "town.xiema", townshipId: Ids.Tiansheng);

        Assert.Equal(Ids.Xiema, request.GetProperty("townshipId").GetGuid());
        Assert.Equal("Pending", request.Str("state"));
        Assert.Equal(Day(Today), request.Str("requestedOn"));
        var xiema = await RequestsAsync("town.xiema");
        Assert.Contains(xiema, r => r.Id() == request.Id());
        Assert.Contains(xiema, r => r.Str("requestedPower") == "市政管理" && r.Str("state") == "Pending"); // the demo's two
        Assert.Contains(xiema, r => r.Str("requestedPower") == "森林防火" && r.Str("state") == "Pending");
        Assert.All(xiema, r => Assert.Equal(Ids.Xiema, r.GetProperty("townshipId").GetGuid()));
        var tiansheng = await RequestsAsync("town.tiansheng");
        Assert.DoesNotContain(tiansheng, r => r.Id() == request.Id());
        Assert.All(tiansheng, r => Assert.Equal(Ids.Tiansheng, r.GetProperty("townshipId").GetGuid()));
        Assert.Contains(await RequestsAsync("office"), r => r.Id() == request.Id());
        Assert.DoesNotContain(await RequestsAsync("office2"), r => r.Id() == request.Id());
    }

    [Fact]
    public async Task RequestsFilterByState()
    {
        var office = await As("office");
        var rejected = await RequestAsync((await OutOfScopeMatterAsync(Ids.Forestry)).Id);
        await office.PostAsJsonAsync($"/api/scope-requests/{rejected.Id()}/reject", new { reason = "不同意" }).ExpectStatusAsync(HttpStatusCode.OK);
        var pending = await RequestAsync((await OutOfScopeMatterAsync(Ids.Forestry)).Id);

        var onlyPending = (await office.GetAsync("/api/scope-requests?state=Pending").ExpectAsync(HttpStatusCode.OK)).Items().ToList();
        var onlyRejected = (await office.GetAsync("/api/scope-requests?state=Rejected").ExpectAsync(HttpStatusCode.OK)).Items().ToList();

        Assert.All(onlyPending, r => Assert.Equal("Pending", r.Str("state")));
        Assert.Contains(onlyPending, r => r.Id() == pending.Id());
        Assert.DoesNotContain(onlyPending, r => r.Id() == rejected.Id());
        Assert.All(onlyRejected, r => Assert.Equal("Rejected", r.Str("state")));
        Assert.Contains(onlyRejected, r => r.Id() == rejected.Id());
    }

    [Fact]
    public async Task TheOfficeRecordsARequestForATownship()
    {
        var matter = await OutOfScopeMatterAsync(Ids.Forestry);
        var request = await RequestAsync(matter.Id, "office", townshipId: Ids.Tiansheng);
        Assert.Equal(Ids.Tiansheng, request.GetProperty("townshipId").GetGuid());
        Assert.Contains(await RequestsAsync("town.tiansheng"), r => r.Id() == request.Id());
    }

    [Fact]
    public async Task ARequestNeedsAPowerAndAReasonAndIsNotForDepartments()
    {
        var matter = await OutOfScopeMatterAsync(Ids.Forestry);
        var problem = await (await As("town.xiema")).PostAsJsonAsync("/api/scope-requests", new { matterId = matter.Id, requestedPower = "", reason = "" })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["Reason", "RequestedPower"], problem.ErrorFields().Order().ToArray());

        await (await As("dept.forestry")).PostAsJsonAsync("/api/scope-requests", new { townshipId = Ids.Xiema, matterId = matter.Id, requestedPower = "森林防火", reason = "部门代报" })
            .ExpectStatusAsync(HttpStatusCode.Forbidden);
        var refused = await (await As("town.xiema")).PostAsJsonAsync("/api/scope-requests",
            new { matterId = Ids.SecondMatter, requestedPower = "外区事项", reason = "越界" }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Agreement.UnknownMatter", refused.Code());
    }

    [Fact]
    public async Task ApprovalBringsTheMatterIntoScopeAndAnAgreementCanThenListIt()
    {
        var matter = await OutOfScopeMatterAsync(Ids.Forestry, "Penalty");
        var request = await RequestAsync(matter.Id);
        var outside = await (await As("office")).PostAsJsonAsync("/api/agreements",
            AgreementBody(Ids.Forestry, Ids.Xiema, [MatterItem(matter.Id, "GeneralPenalty", 5000m)])).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Agreement.OutsideScope", outside.Code());

        var approved = await (await As("office")).PostAsJsonAsync($"/api/scope-requests/{request.Id()}/approve", Approval())
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("Approved", approved.Str("state"));
        Assert.Equal("同意纳入试点", approved.Str("decisionReason"));
        Assert.Equal("PilotOnly", (await (await As("office")).GetAsync($"/api/matters/{matter.Id}").ExpectAsync(HttpStatusCode.OK)).Str("entrustability"));
        Assert.Contains((await ScopeAsync()).GetProperty("decisions").EnumerateArray(), d => d.GetProperty("matterId").ValueKind != JsonValueKind.Null
            && d.GetProperty("matterId").GetGuid() == matter.Id);
        Assert.Contains(await RequestsAsync("town.xiema"), r => r.Id() == request.Id() && r.Str("state") == "Approved");
        var agreement = await DraftAsync(AgreementBody(Ids.Forestry, Ids.Xiema, [MatterItem(matter.Id, "GeneralPenalty", 5000m)]));
        Assert.Equal(matter.Code, Assert.Single(agreement.GetProperty("matters").EnumerateArray()).Str("code"));
    }

    [Fact]
    public async Task ApprovingARequestToJoinThePilotMakesTheTownshipAPilot()
    {
        var township = (await CreateTownshipAsync()).Id();
        var pilotOnly = await ScopedMatterAsync(Ids.Safety, districtWide: false);
        var request = await (await As("office")).PostAsJsonAsync("/api/scope-requests",
            new { townshipId = township, requestedPower = "纳入试点", reason = "承接试点事项" }).ExpectAsync(HttpStatusCode.Created);
        var refused = await (await As("office")).PostAsJsonAsync("/api/agreements", AgreementBody(Ids.Safety, township, [MatterItem(pilotOnly.Id)]))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Agreement.PilotOnly", refused.Code());

        var approved = await (await As("office")).PostAsJsonAsync($"/api/scope-requests/{request.Id()}/approve", Approval("AddPilotTownship"))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("Approved", approved.Str("state"));
        Assert.Contains((await ScopeAsync()).GetProperty("pilotTownships").EnumerateArray(), t => t.Id() == township);
        await DraftAsync(AgreementBody(Ids.Safety, township, [MatterItem(pilotOnly.Id)]));
    }

    [Fact]
    public async Task ARejectionNeedsAReasonAndTheTownshipSeesIt()
    {
        var matter = await OutOfScopeMatterAsync(Ids.Forestry);
        var request = await RequestAsync(matter.Id);
        var office = await As("office");

        var problem = await office.PostAsJsonAsync($"/api/scope-requests/{request.Id()}/reject", new { reason = " " }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["Reason"], problem.ErrorFields());
        Assert.Contains(await RequestsAsync("town.xiema"), r => r.Id() == request.Id() && r.Str("state") == "Pending");

        var rejected = await office.PostAsJsonAsync($"/api/scope-requests/{request.Id()}/reject", new { reason = "“两不扩大”，暂不纳入" })
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("Rejected", rejected.Str("state"));
        var seen = Assert.Single(await RequestsAsync("town.xiema"), r => r.Id() == request.Id());
        Assert.Equal("Rejected", seen.Str("state"));
        Assert.Equal("“两不扩大”，暂不纳入", seen.Str("decisionReason"));
        Assert.Equal("NotEntrusted", (await office.GetAsync($"/api/matters/{matter.Id}").ExpectAsync(HttpStatusCode.OK)).Str("entrustability"));
    }

    [Fact]
    public async Task ARequestIsDecidedOnlyOnce()
    {
        var office = await As("office");
        var rejected = await RequestAsync((await OutOfScopeMatterAsync(Ids.Forestry)).Id);
        await office.PostAsJsonAsync($"/api/scope-requests/{rejected.Id()}/reject", new { reason = "不同意" }).ExpectStatusAsync(HttpStatusCode.OK);
        var approved = await RequestAsync((await OutOfScopeMatterAsync(Ids.Forestry)).Id);
        await office.PostAsJsonAsync($"/api/scope-requests/{approved.Id()}/approve", Approval()).ExpectStatusAsync(HttpStatusCode.OK);
        var head = await AuditHeadAsync();

        var approveRejected = await office.PostAsJsonAsync($"/api/scope-requests/{rejected.Id()}/approve", Approval()).ExpectAsync(HttpStatusCode.Conflict);
        var rejectApproved = await office.PostAsJsonAsync($"/api/scope-requests/{approved.Id()}/reject", new { reason = "反悔" }).ExpectAsync(HttpStatusCode.Conflict);
        var approveTwice = await office.PostAsJsonAsync($"/api/scope-requests/{approved.Id()}/approve", Approval()).ExpectAsync(HttpStatusCode.Conflict);

        Assert.All(new[] { approveRejected, rejectApproved, approveTwice }, p => Assert.Equal("ScopeRequest.AlreadyDecided", p.Code()));
        Assert.Equal(head, await AuditHeadAsync());
        var rejectedMatter = (await RequestsAsync("office")).Single(r => r.Id() == rejected.Id()).GetProperty("matterId").GetGuid();
        Assert.Equal("NotEntrusted", (await office.GetAsync($"/api/matters/{rejectedMatter}").ExpectAsync(HttpStatusCode.OK)).Str("entrustability"));
    }

    [Theory]
    [InlineData("town.xiema")]
    [InlineData("dept.forestry")]
    public async Task OnlyTheOfficeDecidesRequests(string userName)
    {
        var request = await RequestAsync((await OutOfScopeMatterAsync(Ids.Forestry)).Id);
        var client = await As(userName);
        await client.PostAsJsonAsync($"/api/scope-requests/{request.Id()}/approve", Approval()).ExpectStatusAsync(HttpStatusCode.Forbidden);
        await client.PostAsJsonAsync($"/api/scope-requests/{request.Id()}/reject", new { reason = "越权" }).ExpectStatusAsync(HttpStatusCode.Forbidden);
        Assert.Contains(await RequestsAsync("office"), r => r.Id() == request.Id() && r.Str("state") == "Pending");
    }

    [Fact]
    public async Task AnotherDistrictsRequestIsNotFound()
    {
        var request = await RequestAsync((await OutOfScopeMatterAsync(Ids.Forestry)).Id);
        await (await As("office2")).PostAsJsonAsync($"/api/scope-requests/{request.Id()}/reject", new { reason = "越界" })
            .ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("office")).PostAsJsonAsync($"/api/scope-requests/{Guid.NewGuid()}/approve", Approval()).ExpectStatusAsync(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ScopeApiTests_Sqlite(SqliteHost host) : ScopeApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class ScopeApiTests_Postgres(PostgresHost host) : ScopeApiTests(host);
