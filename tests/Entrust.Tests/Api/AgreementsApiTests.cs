using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Entrust.Tests.Hosting;
using Entrust.Web.Data;
using Entrust.Web.Features.Agreements;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entrust.Tests.Api;

/// <summary>
/// /api/agreements: drafts (GET, POST, PUT, DELETE), the lifecycle steps submit|review|sign|publish|terminate|amend,
/// POST /api/agreements/batch-sign and GET /api/agreements/{id}/document, with each role's reach.
/// </summary>
public abstract class AgreementsApiTests(HostFixture host) : AgreementTest(host)
{
    private async Task<JsonElement> GetAsync(Guid id, string userName = "office") =>
        await (await As(userName)).GetAsync($"/api/agreements/{id}").ExpectAsync(HttpStatusCode.OK);

    private async Task<List<JsonElement>> ListAsync(string userName, string query = "") =>
        (await (await As(userName)).GetAsync($"/api/agreements?pageSize=500{query}").ExpectAsync(HttpStatusCode.OK)).Items().ToList();

    /// <summary>A demo agreement between 歇马镇 or another township and a demo department, as the office lists it.</summary>
    private async Task<Guid> DemoAgreementAsync(Guid township, string departmentName) =>
        (await ListAsync("office", $"&township={township}")).First(a => a.Str("departmentName") == departmentName
            && a.Str("termStart") is "2026-05-01" or "2026-04-01" && a.GetProperty("version").GetInt32() == 1).Id();

    [Fact]
    public async Task TheOfficeDraftsAnAgreementAndReadsItBack()
    {
        var inspection = await ScopedMatterAsync(Ids.Safety);
        var penalty = await ScopedMatterAsync(Ids.Safety, kind: "Penalty");
        var office = await As("office");

        using var response = await office.PostAsJsonAsync("/api/agreements",
            AgreementBody(Ids.Safety, Ids.Tiansheng, [MatterItem(inspection.Id), MatterItem(penalty.Id, "SummaryPenalty", 200m)]));
        var created = await response.ExpectAsync(HttpStatusCode.Created);

        Assert.Equal($"/api/agreements/{created.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal("Draft", created.Str("state"));
        Assert.Equal("Draft", created.Str("status"));
        Assert.Equal(1, created.GetProperty("version").GetInt32());
        Assert.Matches(@"^北碚委托〔20\d\d〕\d+号$", created.Str("number"));
        Assert.Equal("区安监局", created.Str("departmentName"));
        Assert.Equal("天生街道", created.Str("townshipName"));
        var read = await GetAsync(created.Id());
        var matters = read.GetProperty("matters").EnumerateArray().ToList();
        Assert.Equal(2, matters.Count);
        var summary = Assert.Single(matters, m => m.Str("code") == penalty.Code);
        Assert.Equal("SummaryPenalty", summary.Str("authority"));
        Assert.Equal(200m, summary.GetProperty("fineCap").GetDecimal());
        Assert.Equal("中华人民共和国安全生产法", summary.Str("lawName"));
        Assert.Equal("第六十五条", summary.Str("lawArticle"));
        Assert.Contains(await ListAsync("office", $"&township={Ids.Tiansheng}"), a => a.Id() == created.Id() && a.GetProperty("matterCount").GetInt32() == 2);
        Assert.Equal("Added", Assert.Single(await AuditOfAsync("Agreement", created.Id())).Str("action"));
    }

    [Fact]
    public async Task AGrantIsNumberedAsAGrantAndNeedsTheDecisionNumber()
    {
        var matter = await ScopedMatterAsync(Ids.Safety);
        var office = await As("office");

        var refused = await office.PostAsJsonAsync("/api/agreements", AgreementBody(Ids.Safety, Ids.Tiansheng, [MatterItem(matter.Id)], mode: "Grant"))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Agreement.GrantNeedsDecision", refused.Code());

        var grant = await DraftAsync(AgreementBody(Ids.Safety, Ids.Tiansheng, [MatterItem(matter.Id)], mode: "Grant", grantDecisionNumber: "渝府发〔2025〕12号"));
        Assert.Matches(@"^北碚赋权〔20\d\d〕\d+号$", grant.Str("number"));
        Assert.Equal("渝府发〔2025〕12号", grant.Str("grantDecisionNumber"));
    }

    [Fact]
    public async Task ADraftCanBeRevisedAndDeletedButNotOnceSubmitted()
    {
        var first = await ScopedMatterAsync(Ids.Safety);
        var second = await ScopedMatterAsync(Ids.Safety);
        var office = await As("office");
        var draft = await DraftAsync(AgreementBody(Ids.Safety, Ids.Tiansheng, [MatterItem(first.Id)]));

        var revised = await office.PutAsJsonAsync($"/api/agreements/{draft.Id()}",
            AgreementBody(Ids.Forestry, Ids.Xiema, [MatterItem(second.Id)], end: Today.AddYears(1))).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(Day(Today.AddYears(1)), revised.Str("termEnd"));
        Assert.Equal(second.Code, Assert.Single(revised.GetProperty("matters").EnumerateArray()).Str("code"));
        Assert.Equal(Ids.Safety, revised.GetProperty("departmentId").GetGuid()); // the parties are fixed at drafting
        Assert.Equal(Ids.Tiansheng, revised.GetProperty("townshipId").GetGuid());

        await office.DeleteAsync($"/api/agreements/{draft.Id()}").ExpectStatusAsync(HttpStatusCode.NoContent);
        await office.GetAsync($"/api/agreements/{draft.Id()}").ExpectStatusAsync(HttpStatusCode.NotFound);

        var submitted = await DraftAsync(AgreementBody(Ids.Safety, Ids.Tiansheng, [MatterItem(first.Id)]));
        await StepAsync(submitted.Id(), "submit");
        var notDraft = await office.PutAsJsonAsync($"/api/agreements/{submitted.Id()}", AgreementBody(Ids.Safety, Ids.Tiansheng, [MatterItem(second.Id)]))
            .ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("Agreement.WrongState", notDraft.Code());
        Assert.Equal("Agreement.WrongState", (await office.DeleteAsync($"/api/agreements/{submitted.Id()}").ExpectAsync(HttpStatusCode.Conflict)).Code());
        Assert.Equal(first.Code, Assert.Single((await GetAsync(submitted.Id())).GetProperty("matters").EnumerateArray()).Str("code"));
    }

    [Fact]
    public async Task AnAgreementGoesFromDraftToInForceAndIsTerminated()
    {
        var matter = await ScopedMatterAsync(Ids.Safety);
        var id = (await DraftAsync(AgreementBody(Ids.Safety, Ids.Tiansheng, [MatterItem(matter.Id)]))).Id();

        Assert.Equal("Submitted", (await StepAsync(id, "submit")).Str("state"));
        var reviewed = await StepAsync(id, "review", new { approved = true });
        Assert.Equal("Reviewed", reviewed.Str("state"));
        var signed = await SignAsync(id);
        Assert.Equal("Signed", signed.Str("status")); // signed is not in force until published (APL Art. 20 ¶2)
        Assert.Equal("局长", signed.Str("departmentSignatory"));
        var published = await PublishAsync(id);
        Assert.Equal("InForce", published.Str("status"));
        Assert.Equal("北碚区人民政府网站", published.Str("publicationPlace"));
        Assert.Contains(await ListAsync("office", $"&township={Ids.Tiansheng}&state=Published"), a => a.Id() == id && a.Str("status") == "InForce");

        var noReason = await StepAsync(id, "terminate", new { terminatedOn = Day(Today), reason = "" }, expected: HttpStatusCode.BadRequest);
        Assert.Equal("Agreement.TerminationReasonRequired", noReason.Code());
        var terminated = await TerminateAsync(id, Today);
        Assert.Equal("Terminated", terminated.Str("state"));
        Assert.Equal("Terminated", terminated.Str("status"));
        Assert.Equal("机构调整", terminated.Str("terminationReason"));
        Assert.Contains(await ListAsync("office", $"&township={Ids.Tiansheng}"), a => a.Id() == id && a.Str("status") == "Terminated");
    }

    [Fact]
    public async Task TheListAndTheDetailAgreeOnTheStatusOfEachDay()
    {
        var township = (await CreateTownshipAsync()).Id();
        var started = (await InForceAsync(AgreementBody(Ids.Safety, township, [MatterItem((await ScopedMatterAsync(Ids.Safety)).Id)]))).Id();
        var ended = (await InForceAsync(AgreementBody(Ids.Safety, township, [MatterItem((await ScopedMatterAsync(Ids.Safety)).Id)]))).Id();
        await TerminateAsync(ended, Today);
        var future = await InForceAsync(AgreementBody(Ids.Safety, township, [MatterItem((await ScopedMatterAsync(Ids.Safety)).Id)],
            start: Today.AddDays(10), end: Today.AddYears(1)));
        var past = await InForceAsync(AgreementBody(Ids.Safety, township, [MatterItem((await ScopedMatterAsync(Ids.Safety)).Id)],
            start: Today.AddYears(-2), end: Today.AddDays(-1)));

        var listed = (await ListAsync("office", $"&township={township}")).ToDictionary(a => a.Id(), a => a.Str("status"));

        Assert.Equal("InForce", (await GetAsync(started)).Str("status"));
        Assert.Equal("Terminated", (await GetAsync(ended)).Str("status"));
        Assert.Equal("Pending", (await GetAsync(future.Id())).Str("status"));
        Assert.Equal("Expired", (await GetAsync(past.Id())).Str("status"));
        foreach (var id in new[] { started, ended, future.Id(), past.Id() })
        {
            Assert.Equal((await GetAsync(id)).Str("status"), listed[id]);
        }
    }

    [Fact]
    public async Task AReviewThatFailsSendsTheAgreementBackToItsDrafter()
    {
        var matter = await ScopedMatterAsync(Ids.Safety);
        var id = (await DraftAsync(AgreementBody(Ids.Safety, Ids.Tiansheng, [MatterItem(matter.Id)]), "dept.safety")).Id();
        await StepAsync(id, "submit", userName: "dept.safety");

        var back = await StepAsync(id, "review", new { approved = false });

        Assert.Equal("Draft", back.Str("state"));
        await (await As("dept.safety")).PutAsJsonAsync($"/api/agreements/{id}", AgreementBody(Ids.Safety, Ids.Tiansheng, [MatterItem(matter.Id)], end: Today.AddYears(2)))
            .ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("publish")]
    [InlineData("sign")]
    [InlineData("review")]
    [InlineData("terminate")]
    [InlineData("amend")]
    public async Task AStepTheStateForbidsIsAConflictNamingTheState(string step)
    {
        var matter = await ScopedMatterAsync(Ids.Safety);
        var id = (await DraftAsync(AgreementBody(Ids.Safety, Ids.Tiansheng, [MatterItem(matter.Id)]))).Id();
        var head = await AuditHeadAsync();
        object body = step switch
        {
            "publish" => new { publishedOn = Day(Today), publicationPlace = "网站" },
            "sign" => new { signedOn = Day(Today), departmentSignatory = "局长", townshipSignatory = "镇长" },
            "terminate" => new { terminatedOn = Day(Today), reason = "测试" },
            _ => new { },
        };

        var problem = await StepAsync(id, step, body, expected: HttpStatusCode.Conflict);

        Assert.Equal("Agreement.WrongState", problem.Code());
        Assert.Contains("草稿", problem.Str("detail"));
        Assert.Equal("Draft", (await GetAsync(id)).Str("state"));
        Assert.Equal(head, await AuditHeadAsync());
    }

    [Fact]
    public async Task ADepartmentDraftsOnlyItsOwnAgreements()
    {
        var own = await ScopedMatterAsync(Ids.Safety);
        var forest = await ScopedMatterAsync(Ids.Forestry);
        var count = await AgreementCountAsync();

        var mine = await DraftAsync(AgreementBody(Ids.Safety, Ids.Tiansheng, [MatterItem(own.Id)]), "dept.safety");
        var refused = await (await As("dept.safety")).PostAsJsonAsync("/api/agreements", AgreementBody(Ids.Forestry, Ids.Tiansheng, [MatterItem(forest.Id)]))
            .ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("区安监局", mine.Str("departmentName"));
        Assert.Equal("Agreement.OwnDepartmentOnly", refused.Code());
        Assert.Equal(count + 1, await AgreementCountAsync());
    }

    [Fact]
    public async Task ADepartmentCannotSeeOrSignAnotherDepartmentsAgreement()
    {
        var forest = await ScopedMatterAsync(Ids.Forestry);
        var id = (await ReviewedAsync(AgreementBody(Ids.Forestry, Ids.Tiansheng, [MatterItem(forest.Id)]))).Id();
        var safety = await As("dept.safety");

        await safety.GetAsync($"/api/agreements/{id}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await SignAsync(id, userName: "dept.safety", expected: HttpStatusCode.NotFound);
        await PublishAsync(id, userName: "dept.safety", expected: HttpStatusCode.NotFound);
        await safety.GetAsync($"/api/agreements/{id}/document").ExpectStatusAsync(HttpStatusCode.NotFound);
        Assert.All(await ListAsync("dept.safety"), a => Assert.Equal("区安监局", a.Str("departmentName")));
        Assert.Equal("Reviewed", (await GetAsync(id)).Str("state"));

        // Its own department signs it.
        Assert.Equal("Signed", (await SignAsync(id, userName: "dept.forestry")).Str("state"));
    }

    [Theory]
    [InlineData("dept.safety")]
    [InlineData("town.tiansheng")]
    public async Task OnlyTheOfficeReviews(string userName)
    {
        var matter = await ScopedMatterAsync(Ids.Safety);
        var id = (await DraftAsync(AgreementBody(Ids.Safety, Ids.Tiansheng, [MatterItem(matter.Id)]))).Id();
        await StepAsync(id, "submit");

        await StepAsync(id, "review", new { approved = true }, userName, HttpStatusCode.Forbidden);

        Assert.Equal("Submitted", (await GetAsync(id)).Str("state"));
    }

    [Fact]
    public async Task ATownshipReadsOnlyItsOwnAgreements()
    {
        var xiemaSafety = await DemoAgreementAsync(Ids.Xiema, "区安监局");
        var tianshengSafety = await DemoAgreementAsync(Ids.Tiansheng, "区安监局");
        var xiema = await As("town.xiema");

        Assert.Equal("歇马镇", (await GetAsync(xiemaSafety, "town.xiema")).Str("townshipName"));
        await xiema.GetAsync($"/api/agreements/{tianshengSafety}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await xiema.GetAsync($"/api/agreements/{tianshengSafety}/document").ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("town.tiansheng")).GetAsync($"/api/agreements/{xiemaSafety}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("office2")).GetAsync($"/api/agreements/{xiemaSafety}").ExpectStatusAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(await ListAsync("office2"), a => a.Id() == xiemaSafety || a.Str("townshipName") != "测试镇");
        Assert.All(await ListAsync("town.tiansheng"), a => Assert.Equal("天生街道", a.Str("townshipName")));
        var list = await ListAsync("town.xiema");
        Assert.All(list, a => Assert.Equal("歇马镇", a.Str("townshipName")));
        Assert.Equal(13, list.Count(a => a.Str("number").StartsWith("北碚委托〔2026〕", StringComparison.Ordinal) && a.GetProperty("version").GetInt32() == 1
            && DateOnly.Parse(a.Str("termStart")) == new DateOnly(2026, 5, 1)));
    }

    [Fact]
    public async Task ATownshipReceivesItsAgreementsButNeverManagesThem()
    {
        var xiemaSafety = await DemoAgreementAsync(Ids.Xiema, "区安监局");
        var draft = (await DraftAsync(AgreementBody(Ids.Safety, Ids.Xiema, [MatterItem((await ScopedMatterAsync(Ids.Safety)).Id)]))).Id();
        var xiema = await As("town.xiema");

        await StepAsync(draft, "submit", userName: "town.xiema", expected: HttpStatusCode.Forbidden);
        await xiema.DeleteAsync($"/api/agreements/{draft}").ExpectStatusAsync(HttpStatusCode.Forbidden);
        await StepAsync(xiemaSafety, "terminate", new { terminatedOn = Day(Today), reason = "镇街单方终止" }, "town.xiema", HttpStatusCode.Forbidden);
        await StepAsync(xiemaSafety, "amend", userName: "town.xiema", expected: HttpStatusCode.Forbidden);

        Assert.Equal("Published", (await GetAsync(xiemaSafety)).Str("state"));
        Assert.Equal("Draft", (await GetAsync(draft)).Str("state"));
    }

    [Fact]
    public async Task ADepartmentCannotEndOrChangeAnotherDepartmentsAgreement()
    {
        var xiemaForestry = await DemoAgreementAsync(Ids.Xiema, "区林业局");
        var draft = (await DraftAsync(AgreementBody(Ids.Forestry, Ids.Tiansheng, [MatterItem((await ScopedMatterAsync(Ids.Forestry)).Id)]))).Id();

        await StepAsync(xiemaForestry, "terminate", new { terminatedOn = Day(Today), reason = "越权终止" }, "dept.safety", HttpStatusCode.NotFound);
        await StepAsync(xiemaForestry, "amend", userName: "dept.safety", expected: HttpStatusCode.NotFound);
        await StepAsync(draft, "submit", userName: "dept.safety", expected: HttpStatusCode.NotFound);
        await (await As("dept.safety")).DeleteAsync($"/api/agreements/{draft}").ExpectStatusAsync(HttpStatusCode.NotFound);

        Assert.Equal("Published", (await GetAsync(xiemaForestry)).Str("state"));
        Assert.Equal("Draft", (await GetAsync(draft)).Str("state"));
    }

    [Fact]
    public async Task ATownshipCannotEntrust()
    {
        var matter = await ScopedMatterAsync(Ids.Safety);
        var count = await AgreementCountAsync();

        // No re-entrustment (APL Art. 20 ¶4): a township is never the entrusting party, whoever drafts.
        var asParty = await (await As("office")).PostAsJsonAsync("/api/agreements", AgreementBody(Ids.Xiema, Ids.Tiansheng, [MatterItem(matter.Id)]))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Agreement.NoReEntrustment", asParty.Code());
        var byTownship = await (await As("town.xiema")).PostAsJsonAsync("/api/agreements", AgreementBody(Ids.Xiema, Ids.Tiansheng, [MatterItem(matter.Id)]))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Agreement.NoReEntrustment", byTownship.Code());
        // Nor may a township user draft in a department's name.
        await (await As("town.xiema")).PostAsJsonAsync("/api/agreements", AgreementBody(Ids.Safety, Ids.Xiema, [MatterItem(matter.Id)]))
            .ExpectStatusAsync(HttpStatusCode.Forbidden);

        Assert.Equal(count, await AgreementCountAsync());
    }

    [Fact]
    public async Task MattersTheLawOrTheScopeRefuseAreRefusedAtDraftingAndNothingIsWritten()
    {
        var count = await AgreementCountAsync();
        var head = await AuditHeadAsync();
        var outside = await OutOfScopeMatterAsync(Ids.Safety);
        var pilotOnly = await ScopedMatterAsync(Ids.Safety, districtWide: false);
        var forest = await ScopedMatterAsync(Ids.Forestry);
        var inspection = await ScopedMatterAsync(Ids.Safety);
        head = await AuditHeadAsync();
        var office = await As("office");
        async Task<JsonElement> Refused(object body) => await office.PostAsJsonAsync("/api/agreements", body).ExpectAsync(HttpStatusCode.BadRequest);

        var coercive = await Refused(AgreementBody(Ids.Safety, Ids.Xiema, [MatterItem(await DemoMatterAsync("AJ-09"))]));
        Assert.Equal("Matter.CoerciveNotEntrustable", coercive.Code()); // 行政强制法 Art. 17
        Assert.Contains("AJ-09", coercive.Str("detail"));
        Assert.Equal("Agreement.OutsideScope", (await Refused(AgreementBody(Ids.Safety, Ids.Xiema, [MatterItem(outside.Id)]))).Code());
        var pilot = await Refused(AgreementBody(Ids.Safety, Ids.Tiansheng, [MatterItem(pilotOnly.Id)]));
        Assert.Equal("Agreement.PilotOnly", pilot.Code());
        Assert.Contains("天生街道", pilot.Str("detail"));
        Assert.Equal("Agreement.NotDepartmentsMatter", (await Refused(AgreementBody(Ids.Safety, Ids.Xiema, [MatterItem(forest.Id)]))).Code());
        Assert.Equal("Agreement.AuthorityBeyondMatter", (await Refused(AgreementBody(Ids.Safety, Ids.Xiema, [MatterItem(inspection.Id, "GeneralPenalty")]))).Code());
        Assert.Equal("Agreement.MatterTwice", (await Refused(AgreementBody(Ids.Safety, Ids.Xiema, [MatterItem(inspection.Id), MatterItem(inspection.Id)]))).Code());
        Assert.Equal("Agreement.TermEndsBeforeStart",
            (await Refused(AgreementBody(Ids.Safety, Ids.Xiema, [MatterItem(inspection.Id)], start: Today, end: Today.AddDays(-1)))).Code());
        Assert.Equal("Agreement.UnknownMatter", (await Refused(AgreementBody(Ids.Safety, Ids.Xiema, [MatterItem(Ids.SecondMatter)]))).Code());
        var empty = await Refused(AgreementBody(Ids.Safety, Ids.Xiema, []));
        Assert.Contains("Matters", empty.ErrorFields());
        var missing = await office.PostAsJsonAsync("/api/agreements", new { mode = "Entrustment", matters = new[] { MatterItem(inspection.Id) } })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["DepartmentId", "TermEnd", "TermStart", "TownshipId"], missing.ErrorFields().Order().ToArray());

        Assert.Equal(count, await AgreementCountAsync());
        Assert.Equal(head, await AuditHeadAsync());
        Http.AssertChinese(coercive.Str("detail"));
    }

    [Fact]
    public async Task SigningWithTheArticle21ChecklistIncompleteIsRefused()
    {
        var matter = await ScopedMatterAsync(Ids.Safety);
        var id = (await ReviewedAsync(AgreementBody(Ids.Safety, Ids.Tiansheng, [MatterItem(matter.Id)], checklist: false))).Id();

        var problem = await SignAsync(id, expected: HttpStatusCode.BadRequest);

        Assert.Equal("Agreement.ChecklistIncomplete", problem.Code());
        var read = await GetAsync(id);
        Assert.Equal("Reviewed", read.Str("state"));
        Assert.Equal(JsonValueKind.Null, read.GetProperty("signedOn").ValueKind);
    }

    [Fact]
    public async Task SigningAndPublishingNeedTheirDetails()
    {
        var matter = await ScopedMatterAsync(Ids.Safety);
        var id = (await ReviewedAsync(AgreementBody(Ids.Safety, Ids.Tiansheng, [MatterItem(matter.Id)]))).Id();

        var noSignatory = await StepAsync(id, "sign", new { signedOn = Day(Today), departmentSignatory = "局长" }, expected: HttpStatusCode.BadRequest);
        Assert.Equal("Agreement.SignatoriesRequired", noSignatory.Code());
        await SignAsync(id, Today);
        var early = await PublishAsync(id, Today.AddDays(-1), expected: HttpStatusCode.BadRequest);
        Assert.Equal("Agreement.PublishedBeforeSigned", early.Code());
        var nowhere = await StepAsync(id, "publish", new { publishedOn = Day(Today) }, expected: HttpStatusCode.BadRequest);
        Assert.Equal("Agreement.PublicationPlaceRequired", nowhere.Code());
        Assert.Equal("Signed", (await GetAsync(id)).Str("state"));
    }

    [Fact]
    public async Task TwoAgreementsForOneMatterOnOverlappingDatesCannotBothBeSigned()
    {
        var township = (await CreateTownshipAsync()).Id();
        var matter = await ScopedMatterAsync(Ids.Safety);
        var other = await ScopedMatterAsync(Ids.Safety);
        var first = await InForceAsync(AgreementBody(Ids.Safety, township, [MatterItem(matter.Id)]));
        var overlapping = (await ReviewedAsync(AgreementBody(Ids.Safety, township, [MatterItem(other.Id), MatterItem(matter.Id)],
            start: Today.AddYears(1), end: Today.AddYears(4)))).Id();
        var head = await AuditHeadAsync();

        var problem = await SignAsync(overlapping, expected: HttpStatusCode.Conflict);

        Assert.Equal("Agreement.Overlap", problem.Code());
        Assert.Contains(matter.Code, problem.Str("detail"));
        Assert.Contains(first.Str("number"), problem.Str("detail"));
        Assert.Equal("Reviewed", (await GetAsync(overlapping)).Str("state"));
        Assert.Equal(head, await AuditHeadAsync());

        // The day after the first one's term it may start; another township or another matter never collides.
        var after = (await ReviewedAsync(AgreementBody(Ids.Safety, township, [MatterItem(matter.Id)],
            start: DateOnly.Parse(first.Str("termEnd")).AddDays(1), end: DateOnly.Parse(first.Str("termEnd")).AddYears(3)))).Id();
        Assert.Equal("Signed", (await SignAsync(after)).Str("state"));
        var elsewhere = (await ReviewedAsync(AgreementBody(Ids.Safety, Ids.Tiansheng, [MatterItem(matter.Id)]))).Id();
        Assert.Equal("Signed", (await SignAsync(elsewhere)).Str("state"));
    }

    [Fact]
    public async Task ATerminatedAgreementLeavesRoomForANewOneFromItsTerminationDay()
    {
        var township = (await CreateTownshipAsync()).Id();
        var matter = await ScopedMatterAsync(Ids.Safety);
        var first = (await InForceAsync(AgreementBody(Ids.Safety, township, [MatterItem(matter.Id)]))).Id();
        await TerminateAsync(first, Today.AddDays(10));

        var overlapping = (await ReviewedAsync(AgreementBody(Ids.Safety, township, [MatterItem(matter.Id)], start: Today.AddDays(9), end: Today.AddYears(3)))).Id();
        Assert.Equal("Agreement.Overlap", (await SignAsync(overlapping, expected: HttpStatusCode.Conflict)).Code());
        var next = (await ReviewedAsync(AgreementBody(Ids.Safety, township, [MatterItem(matter.Id)], start: Today.AddDays(10), end: Today.AddYears(3)))).Id();
        Assert.Equal("Signed", (await SignAsync(next)).Str("state"));
    }

    [Fact]
    public async Task AmendingMakesVersionTwoThatReplacesTheFirstWhenPublished()
    {
        var township = (await CreateTownshipAsync()).Id();
        var matter = await ScopedMatterAsync(Ids.Safety, kind: "Penalty");
        var first = await InForceAsync(AgreementBody(Ids.Safety, township, [MatterItem(matter.Id, "SummaryPenalty", 200m)]));

        var second = await StepAsync(first.Id(), "amend");

        Assert.Equal(2, second.GetProperty("version").GetInt32());
        Assert.Equal(first.Id(), second.GetProperty("previousVersionId").GetGuid());
        Assert.Equal(first.Str("number"), second.Str("number"));
        Assert.Equal("Draft", second.Str("state"));
        var copied = Assert.Single(second.GetProperty("matters").EnumerateArray());
        Assert.Equal(("SummaryPenalty", 200m), (copied.Str("authority"), copied.GetProperty("fineCap").GetDecimal()));
        Assert.Equal("Agreement.AlreadyAmended", (await StepAsync(first.Id(), "amend", expected: HttpStatusCode.Conflict)).Code());
        Assert.Equal("InForce", (await GetAsync(first.Id())).Str("status")); // version 1 stays in force meanwhile

        var from = Today.AddDays(1);
        await (await As("office")).PutAsJsonAsync($"/api/agreements/{second.Id()}",
            AgreementBody(Ids.Safety, township, [MatterItem(matter.Id, "GeneralPenalty", 5000m)], start: from, end: from.AddYears(3))).ExpectStatusAsync(HttpStatusCode.OK);
        await StepAsync(second.Id(), "submit");
        await StepAsync(second.Id(), "review", new { approved = true });
        await SignAsync(second.Id(), Today); // its own previous version does not count as an overlap
        await PublishAsync(second.Id(), Today);

        var replaced = await GetAsync(first.Id());
        Assert.Equal("Terminated", replaced.Str("state"));
        Assert.Equal(Day(from), replaced.Str("terminatedOn"));
        Assert.Equal("InForce", replaced.Str("status"));
        var history = await ListAsync("office", $"&township={township}");
        Assert.Equal([1, 2], history.Select(a => a.GetProperty("version").GetInt32()).Order().ToArray());
        // Today the first version still answers, from tomorrow the second with its wider authority.
        Assert.Equal(first.Id(), (await EntitlementAsync(township, matter.Id, "SummaryPenalty")).GetProperty("agreementId").GetGuid());
        var tomorrow = await EntitlementAsync(township, matter.Id, "GeneralPenalty", from);
        Assert.True(tomorrow.GetProperty("allowed").GetBoolean());
        Assert.Equal(second.Id(), tomorrow.GetProperty("agreementId").GetGuid());
    }

    [Fact]
    public async Task ANewVersionWithTheSameTermKeepsThePreviousVersionsDaysInForce()
    {
        var township = (await CreateTownshipAsync()).Id();
        var matter = await ScopedMatterAsync(Ids.Safety);
        var first = (await InForceAsync(AgreementBody(Ids.Safety, township, [MatterItem(matter.Id)]))).Id();
        var lastWeek = Today;
        Host.Clock.Advance(TimeSpan.FromDays(3)); // the new version comes a few days after the first was published
        Assert.True((await EntitlementAsync(township, matter.Id, date: lastWeek)).GetProperty("allowed").GetBoolean());

        var second = (await StepAsync(first, "amend")).Id(); // the copy keeps the term that began a month ago
        await StepAsync(second, "submit");
        await StepAsync(second, "review", new { approved = true });
        await SignAsync(second, Today);
        await PublishAsync(second, Today);

        // History is kept: what the first version allowed on its days stays allowed, and the second answers from today.
        var before = await EntitlementAsync(township, matter.Id, date: lastWeek);
        Assert.True(before.GetProperty("allowed").GetBoolean(), before.ToString());
        Assert.Equal(first, before.GetProperty("agreementId").GetGuid());
        Assert.Equal(second, (await EntitlementAsync(township, matter.Id)).GetProperty("agreementId").GetGuid());
        Assert.Equal("Terminated", (await GetAsync(first)).Str("state"));
    }

    [Fact]
    public async Task BatchSigningSignsEveryChosenAgreementOnOneDate()
    {
        var township = (await CreateTownshipAsync()).Id();
        var safety = (await ReviewedAsync(AgreementBody(Ids.Safety, township, [MatterItem((await ScopedMatterAsync(Ids.Safety)).Id)]))).Id();
        var forestry = (await ReviewedAsync(AgreementBody(Ids.Forestry, township, [MatterItem((await ScopedMatterAsync(Ids.Forestry)).Id)]))).Id();
        var signedOn = Today;

        var rows = await (await As("office")).PostAsJsonAsync("/api/agreements/batch-sign", new
        {
            townshipId = township,
            agreementIds = new[] { safety, forestry },
            signedOn = Day(signedOn),
            townshipSignatory = "镇长",
            departmentSignatories = new Dictionary<Guid, string> { [Ids.Safety] = "安监局局长" },
        }).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(new[] { safety, forestry }.Order(), rows.Items().Select(r => r.Id()).Order());
        var one = await GetAsync(safety);
        var two = await GetAsync(forestry);
        Assert.All(new[] { one, two }, a =>
        {
            Assert.Equal("Signed", a.Str("state"));
            Assert.Equal(Day(signedOn), a.Str("signedOn"));
            Assert.Equal("镇长", a.Str("townshipSignatory"));
        });
        Assert.Equal("安监局局长", one.Str("departmentSignatory"));
        Assert.Equal("区林业局负责人", two.Str("departmentSignatory"));
    }

    /// <summary>The batch page leaves a department's signatory blank for its head; the API's blank means the same (one rule, in AgreementBook).</summary>
    [Fact]
    public async Task ABlankDepartmentSignatoryInABatchIsTheDepartmentsHeadAndABlankTownshipSignatoryIsRefused()
    {
        var township = (await CreateTownshipAsync()).Id();
        var safety = (await ReviewedAsync(AgreementBody(Ids.Safety, township, [MatterItem((await ScopedMatterAsync(Ids.Safety)).Id)]))).Id();
        async Task<HttpResponseMessage> Batch(string townshipSignatory) =>
            await (await As("office")).PostAsJsonAsync("/api/agreements/batch-sign", new
            {
                townshipId = township,
                agreementIds = new[] { safety },
                signedOn = Day(Today),
                townshipSignatory,
                departmentSignatories = new Dictionary<Guid, string> { [Ids.Safety] = "  " },
            });

        Assert.Equal("Agreement.SignatoriesRequired", (await Batch(" ").ExpectAsync(HttpStatusCode.BadRequest)).Code());
        Assert.Equal("Reviewed", (await GetAsync(safety)).Str("state"));
        await Batch("镇长").ExpectStatusAsync(HttpStatusCode.OK);
        var signed = await GetAsync(safety);
        Assert.Equal("Signed", signed.Str("state"));
        Assert.EndsWith("负责人", signed.Str("departmentSignatory"));
    }

    [Fact]
    public async Task ABatchWithOneBadAgreementSignsNone()
    {
        var township = (await CreateTownshipAsync()).Id();
        var good = (await ReviewedAsync(AgreementBody(Ids.Safety, township, [MatterItem((await ScopedMatterAsync(Ids.Safety)).Id)]))).Id();
        var incomplete = (await ReviewedAsync(AgreementBody(Ids.Forestry, township, [MatterItem((await ScopedMatterAsync(Ids.Forestry)).Id)], checklist: false))).Id();
        var draft = (await DraftAsync(AgreementBody(Ids.Forestry, township, [MatterItem((await ScopedMatterAsync(Ids.Forestry)).Id)]))).Id();
        var elsewhere = (await ReviewedAsync(AgreementBody(Ids.Safety, Ids.Tiansheng, [MatterItem((await ScopedMatterAsync(Ids.Safety)).Id)]))).Id();
        var office = await As("office");
        var head = await AuditHeadAsync();
        async Task<JsonElement> Batch(Guid[] ids, HttpStatusCode status, Guid? townshipId = null, string userName = "office") =>
            await (await As(userName)).PostAsJsonAsync("/api/agreements/batch-sign",
                new { townshipId = townshipId ?? township, agreementIds = ids, signedOn = Day(Today), townshipSignatory = "镇长" }).ExpectAsync(status);

        Assert.Equal("Agreement.ChecklistIncomplete", (await Batch([good, incomplete], HttpStatusCode.BadRequest)).Code());
        Assert.Equal("Agreement.WrongState", (await Batch([good, draft], HttpStatusCode.Conflict)).Code());
        Assert.Equal("Agreement.BatchOneTownship", (await Batch([good, elsewhere], HttpStatusCode.BadRequest)).Code());
        Assert.Equal("Agreement.BatchUnknown", (await Batch([good, Guid.NewGuid()], HttpStatusCode.BadRequest)).Code());
        Assert.Equal("Agreement.BatchEmpty", (await Batch([], HttpStatusCode.BadRequest)).Code());
        await Batch([good], HttpStatusCode.Forbidden, userName: "dept.safety");

        Assert.Equal("Reviewed", (await GetAsync(good)).Str("state"));
        Assert.Equal("Reviewed", (await GetAsync(elsewhere)).Str("state"));
        Assert.Equal(head, await AuditHeadAsync());
        await office.PostAsJsonAsync("/api/agreements/batch-sign", new { townshipId = township, agreementIds = new[] { good }, signedOn = Day(Today), townshipSignatory = "镇长" })
            .ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal("Signed", (await GetAsync(good)).Str("state"));
    }

    /// <summary>Every agreement's refusal in one answer, each under its place in the ids sent; two that would overlap each other sign neither.</summary>
    [Fact]
    public async Task ABatchAnswersEveryRefusalAtOnceAndRefusesTwoAgreementsThatOverlapEachOther()
    {
        var township = (await CreateTownshipAsync()).Id();
        var matter = (await ScopedMatterAsync(Ids.Safety)).Id;
        var first = (await ReviewedAsync(AgreementBody(Ids.Safety, township, [MatterItem(matter)]))).Id();
        var second = (await ReviewedAsync(AgreementBody(Ids.Safety, township, [MatterItem(matter)], start: Today.AddDays(-10)))).Id();
        var incomplete = (await ReviewedAsync(AgreementBody(Ids.Forestry, township, [MatterItem((await ScopedMatterAsync(Ids.Forestry)).Id)], checklist: false))).Id();
        var head = await AuditHeadAsync();

        var refused = await (await As("office")).PostAsJsonAsync("/api/agreements/batch-sign",
            new { townshipId = township, agreementIds = new[] { incomplete, first, second }, signedOn = Day(Today), townshipSignatory = "镇长" })
            .ExpectAsync(HttpStatusCode.BadRequest);

        var errors = refused.GetProperty("errors");
        Assert.Equal(["AgreementIds[0]", "AgreementIds[1]", "AgreementIds[2]"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("受托条件核查未全部通过", errors.GetProperty("AgreementIds[0]")[0].GetString());
        Assert.Contains("同一部门、镇街和事项不能有两份同时生效的协议", errors.GetProperty("AgreementIds[1]")[0].GetString());
        Assert.Contains("同一部门、镇街和事项不能有两份同时生效的协议", errors.GetProperty("AgreementIds[2]")[0].GetString());
        foreach (var id in new[] { first, second, incomplete })
        {
            Assert.Equal("Reviewed", (await GetAsync(id)).Str("state"));
        }
        Assert.Equal(head, await AuditHeadAsync());
    }

    [Fact]
    public async Task LifecycleDatesFollowOneAnotherAndAreNeverInTheFuture()
    {
        var township = (await CreateTownshipAsync()).Id();
        var matter = await ScopedMatterAsync(Ids.Safety);
        var id = (await ReviewedAsync(AgreementBody(Ids.Safety, township, [MatterItem(matter.Id)]))).Id(); // reviewed today
        var head = await AuditHeadAsync();

        // Signing before the review it follows, or on a day still to come, is refused naming the rule (LAW 3, 9).
        foreach (var (day, code) in new[]
        {
            (Today.AddDays(-1), "Agreement.DateBeforePreviousStep"), (new DateOnly(1900, 1, 1), "Agreement.DateBeforePreviousStep"),
            (Today.AddDays(1), "Agreement.DateInFuture"), (new DateOnly(2099, 12, 31), "Agreement.DateInFuture"),
        })
        {
            var refused = await SignAsync(id, day, expected: HttpStatusCode.BadRequest);
            Assert.Equal(code, refused.Code());
            Assert.Contains("第二十条", refused.Str("detail"));
            Assert.Single(refused.ErrorsFor("SignedOn"));
        }
        var unsigned = await GetAsync(id);
        Assert.Equal("Reviewed", unsigned.Str("state"));
        Assert.Equal(JsonValueKind.Null, unsigned.GetProperty("signedOn").ValueKind);
        Assert.Equal(head, await AuditHeadAsync());

        await SignAsync(id, Today);
        foreach (var (day, code) in new[]
        {
            (Today.AddDays(-1), "Agreement.PublishedBeforeSigned"), (new DateOnly(1900, 1, 1), "Agreement.PublishedBeforeSigned"),
            (Today.AddDays(1), "Agreement.DateInFuture"), (new DateOnly(2099, 12, 31), "Agreement.DateInFuture"),
        })
        {
            Assert.Equal(code, (await PublishAsync(id, day, expected: HttpStatusCode.BadRequest)).Code());
        }
        Assert.Equal("Signed", (await GetAsync(id)).Str("state"));

        await PublishAsync(id, Today);
        var beforeTermination = await AuditHeadAsync();
        // Termination can't reach back over days the record already shows in force: not 1900, not yesterday.
        foreach (var day in new[] { new DateOnly(1900, 1, 1), Today.AddDays(-1) })
        {
            var refused = await TerminateAsync(id, day, expected: HttpStatusCode.BadRequest);
            Assert.Equal("Agreement.TerminationBackDated", refused.Code());
            Assert.Single(refused.ErrorsFor("TerminatedOn"));
        }
        var published = await GetAsync(id);
        Assert.Equal(("Published", "InForce"), (published.Str("state"), published.Str("status")));
        Assert.Equal(JsonValueKind.Null, published.GetProperty("terminatedOn").ValueKind);
        Assert.Equal(beforeTermination, await AuditHeadAsync());
        // Never in force before it was published, though its term began a month ago.
        Assert.False((await EntitlementAsync(township, matter.Id, date: Today.AddDays(-1))).GetProperty("allowed").GetBoolean());
        Assert.True((await EntitlementAsync(township, matter.Id)).GetProperty("allowed").GetBoolean());

        Assert.Equal("Terminated", (await TerminateAsync(id, Today)).Str("state"));
    }

    [Fact]
    public async Task BatchSigningIsNeitherBackDatedNorPostDated()
    {
        var township = (await CreateTownshipAsync()).Id();
        var safety = (await ReviewedAsync(AgreementBody(Ids.Safety, township, [MatterItem((await ScopedMatterAsync(Ids.Safety)).Id)]))).Id();
        var forestry = (await ReviewedAsync(AgreementBody(Ids.Forestry, township, [MatterItem((await ScopedMatterAsync(Ids.Forestry)).Id)]))).Id();
        var head = await AuditHeadAsync();
        async Task<JsonElement> Batch(DateOnly on, HttpStatusCode status) =>
            await (await As("office")).PostAsJsonAsync("/api/agreements/batch-sign",
                new { townshipId = township, agreementIds = new[] { safety, forestry }, signedOn = Day(on), townshipSignatory = "镇长" }).ExpectAsync(status);

        Assert.Equal("Agreement.DateBeforePreviousStep", (await Batch(Today.AddDays(-1), HttpStatusCode.BadRequest)).Code());
        Assert.Equal("Agreement.DateBeforePreviousStep", (await Batch(new DateOnly(1900, 1, 1), HttpStatusCode.BadRequest)).Code());
        Assert.Equal("Agreement.DateInFuture", (await Batch(Today.AddDays(1), HttpStatusCode.BadRequest)).Code());

        Assert.Equal("Reviewed", (await GetAsync(safety)).Str("state"));
        Assert.Equal("Reviewed", (await GetAsync(forestry)).Str("state"));
        Assert.Equal(head, await AuditHeadAsync());
        await Batch(Today, HttpStatusCode.OK);
    }

    [Fact]
    public async Task StoredDatesAtTheEdgesOfTheCalendarNeverBreakAPage()
    {
        // Rows written before these rules (a termination dated 0001-01-01, a term to 9999-12-31) still read.
        var township = (await CreateTownshipAsync()).Id();
        var safetyMatter = await ScopedMatterAsync(Ids.Safety);
        var forestryMatter = await ScopedMatterAsync(Ids.Forestry);
        var early = (await InForceAsync(AgreementBody(Ids.Safety, township, [MatterItem(safetyMatter.Id)]))).Id();
        var endless = (await InForceAsync(AgreementBody(Ids.Forestry, township, [MatterItem(forestryMatter.Id)]))).Id();
        using (var scope = Host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
            await db.Agreements.IgnoreQueryFilters().Where(a => a.Id == early)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.State, AgreementState.Terminated).SetProperty(a => a.TerminatedOn, DateOnly.MinValue)
                    .SetProperty(a => a.TerminationReason, "旧数据"));
            await db.Agreements.IgnoreQueryFilters().Where(a => a.Id == endless)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.TermEnd, DateOnly.MaxValue));
            await scope.ServiceProvider.GetRequiredService<Entrust.Web.Platform.ReferenceCache>().ChangedAsync([nameof(Agreement)]);
        }
        var office = await As("office");

        Assert.Equal("Terminated", (await GetAsync(early)).Str("status"));
        Assert.Equal("InForce", (await GetAsync(endless)).Str("status"));
        Assert.Equal("9999-12-31", (await GetAsync(endless)).Str("termEnd"));
        var statuses = (await ListAsync("office", $"&township={township}")).ToDictionary(a => a.Id(), a => a.Str("status"));
        Assert.Equal(("Terminated", "InForce"), (statuses[early], statuses[endless]));
        var matrix = await office.GetAsync($"/api/matrix?township={township}").ExpectAsync(HttpStatusCode.OK);
        var cells = Assert.Single(matrix.GetProperty("rows").EnumerateArray()).GetProperty("cells").EnumerateArray().ToList();
        Assert.Equal(["InForce", "Terminated"], cells.Select(c => c.Str("status")).Order().ToArray());
        // Asking about a day at the calendar's ends is refused (EdgeDatesTests); the stored ones read.
        await office.GetAsync($"/api/matrix?township={township}&date=9999-12-31").ExpectStatusAsync(HttpStatusCode.BadRequest);
        using (var export = await office.GetAsync($"/api/matrix/export?township={township}"))
        {
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        }
        Assert.False((await EntitlementAsync(township, safetyMatter.Id)).GetProperty("allowed").GetBoolean());
        Assert.True((await EntitlementAsync(township, forestryMatter.Id, date: new DateOnly(2099, 12, 31))).GetProperty("allowed").GetBoolean());
        using (var document = await office.GetAsync($"/api/agreements/{endless}/document"))
        {
            Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        }
        var shown = (await Host.Anonymous().GetAsync($"/api/public/agreements?township={township}").ExpectAsync(HttpStatusCode.OK)).Items().ToList();
        Assert.Equal("区林业局", Assert.Single(shown).Str("departmentName"));
    }

    [Fact]
    public async Task AnAgreementKeepsPenaltyKindsBackAndEveryAnswerSaysWhich()
    {
        var township = (await CreateTownshipAsync()).Id();
        var penalty = await ScopedMatterAsync(Ids.Safety, kind: "Penalty");
        var inspection = await ScopedMatterAsync(Ids.Safety);
        var count = await AgreementCountAsync();

        var refused = await (await As("office")).PostAsJsonAsync("/api/agreements", AgreementBody(Ids.Safety, township,
            [new { matterId = inspection.Id, authority = "InspectionOnly", excludedPenalties = new[] { "LicenceRevoked" } }])).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Agreement.ExclusionWithoutPenalty", refused.Code());
        Assert.Contains("第二十条", refused.Str("detail"));
        Assert.Equal(count, await AgreementCountAsync());

        var agreement = await InForceAsync(AgreementBody(Ids.Safety, township,
            [new { matterId = penalty.Id, authority = "GeneralPenalty", fineCap = 5000m, excludedPenalties = new[] { "LicenceRevoked", "BusinessRestricted" } }]));

        string[] excluded = ["BusinessRestricted", "LicenceRevoked"];
        var matter = Assert.Single(agreement.GetProperty("matters").EnumerateArray());
        Assert.Equal(excluded, matter.GetProperty("excludedPenalties").EnumerateArray().Select(k => k.GetString()!).ToArray());
        var entitled = await EntitlementAsync(township, penalty.Id, "GeneralPenalty");
        Assert.True(entitled.GetProperty("allowed").GetBoolean());
        Assert.Equal(excluded, entitled.GetProperty("excludedPenalties").EnumerateArray().Select(k => k.GetString()!).ToArray());
        // A new version carries them over.
        var amended = await StepAsync(agreement.Id(), "amend");
        Assert.Equal(excluded, Assert.Single(amended.GetProperty("matters").EnumerateArray()).GetProperty("excludedPenalties")
            .EnumerateArray().Select(k => k.GetString()!).ToArray());

        using var response = await (await As("office")).GetAsync($"/api/agreements/{agreement.Id()}/document");
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = WordprocessingDocument.Open(stream, false);
        var text = string.Concat(document.MainDocumentPart!.Document!.Body!.Descendants<Text>().Select(t => t.Text));
        Assert.Contains("一般程序处罚（罚款不超过5000元；不得责令停产停业、责令关闭、限制从业、吊销许可证件）", text);
        var shown = Assert.Single((await Host.Anonymous().GetAsync($"/api/public/agreements?township={township}").ExpectAsync(HttpStatusCode.OK)).Items());
        Assert.Contains("不得责令停产停业", Assert.Single(shown.GetProperty("matters").EnumerateArray()).Str("authorityText"));
    }

    [Fact]
    public async Task TheDocumentNamesBothPartiesByTheFullLegalNamesTheCatalogueSets()
    {
        var office = await As("office");
        var department = await office.PostAsJsonAsync("/api/departments",
            new { code = UniqueCode("D"), name = "区全称局", legalName = "重庆市北碚区全称测试管理局" }).ExpectAsync(HttpStatusCode.Created);
        var township = await office.PostAsJsonAsync("/api/townships",
            new { code = UniqueCode("T"), name = "全称镇", kind = "Town", isPilot = false, legalName = "重庆市北碚区全称镇人民政府" })
            .ExpectAsync(HttpStatusCode.Created);
        var matter = await ScopedMatterAsync(department.Id());
        var agreement = await InForceAsync(AgreementBody(department.Id(), township.Id(), [MatterItem(matter.Id)]));

        using var response = await office.GetAsync($"/api/agreements/{agreement.Id()}/document");
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = WordprocessingDocument.Open(stream, false);
        var text = string.Concat(document.MainDocumentPart!.Document!.Body!.Descendants<Text>().Select(t => t.Text));
        Assert.Contains("重庆市北碚区全称测试管理局", text);
        Assert.Contains("重庆市北碚区全称镇人民政府", text);
    }

    [Fact]
    public async Task TheDocumentIsADocxNamingBothPartiesAndEveryMatter()
    {
        var xiemaSafety = await DemoAgreementAsync(Ids.Xiema, "区安监局");

        foreach (var userName in new[] { "office", "dept.safety", "town.xiema" })
        {
            using var response = await (await As(userName)).GetAsync($"/api/agreements/{xiemaSafety}/document");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType?.MediaType);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal("PK"u8.ToArray(), bytes[..2]);
            using var stream = new MemoryStream(bytes);
            using var document = WordprocessingDocument.Open(stream, false);
            var text = string.Concat(document.MainDocumentPart!.Document!.Body!.Descendants<Text>().Select(t => t.Text));
            Assert.Contains("重庆市北碚区安监局", text); // the demo's bodies by their full legal names
            Assert.Contains("重庆市北碚区歇马镇人民政府", text);
            Assert.Contains("198-02", text);
            Assert.Contains("QQ-04", text);
            Assert.DoesNotContain("AJ-09", text); // the coercive measure is never on it
        }
        await (await As("office")).GetAsync($"/api/agreements/{Guid.NewGuid()}/document").ExpectStatusAsync(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AgreementsApiTests_Sqlite(SqliteHost host) : AgreementsApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class AgreementsApiTests_Postgres(PostgresHost host) : AgreementsApiTests(host);
