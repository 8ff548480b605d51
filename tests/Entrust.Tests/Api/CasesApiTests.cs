using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Entrust.Tests.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Tests.Api;

/// <summary>
/// /api/cases: filing (general and summary), every step through the API, the law's refusals (400 naming the rule, 409 naming the
/// state; nothing written), evidence files, remedies, the deadline list, settings, and scope. Each test makes its own officers of
/// 歇马镇 certified in forestry 20 days ago; the demo entitles 歇马镇 to 对滥伐林木行为的处罚 (198-05) with general-procedure
/// authority. The platform's day is Wednesday 25 November 2026, so a case's steps are dated in the 19 days before it.
/// </summary>
public abstract class CasesApiTests(HostFixture host) : OfficerTest(host)
{
    private sealed record Crew(Guid Matter, Guid First, Guid Second);

    private async Task<Crew> CrewAsync()
    {
        var matter = await DemoMatterAsync("198-05");
        return new Crew(matter, await CertifiedAsync("案甲"), await CertifiedAsync("案乙"));
    }

    private async Task<Guid> CertifiedAsync(string name)
    {
        var officer = await PassedOfficerAsync(Ids.Xiema, name + Guid.NewGuid().ToString("N")[..4]);
        await (await As("office")).PostAsJsonAsync("/api/certificates",
            new { officerId = officer, domains = new[] { "forestry" }, issuedOn = Day(Today.AddDays(-20)) }).ExpectAsync(HttpStatusCode.Created);
        return officer;
    }

    private DateOnly Ago(int days) => Today.AddDays(-days);

    private object Filing(Crew c, int daysAgo = 19, Guid[]? officers = null, Guid? matter = null, Guid? township = null,
        DateOnly? actOn = null, bool major = false, Guid? inspectionId = null, string? number = null, string partyKind = "Person",
        string? partyIdentifier = null, string? partyAddress = null) => new
        {
            townshipId = township,
            matterId = matter ?? c.Matter,
            inspectionId,
            number,
            partyKind,
            partyName = "刘某",
            partyIdentifier = partyIdentifier ?? NewIdNumber(),
            partyAddress,
            facts = "未经批准擅自砍伐集体林木3立方米",
            actOn = Day(actOn ?? Ago(daysAgo + 5)),
            filedOn = Day(Ago(daysAgo)),
            officerIds = officers ?? [c.First, c.Second],
            isMajor = major,
        };

    /// <summary>
    /// A target's file (/Targets/Detail) lists its inspections and the cases about it — the one filed from its inspection and the
    /// one whose party bears its credit code — and not a case about someone else; each linked to its page.
    /// </summary>
    [Fact]
    public async Task ATargetsFileListsItsInspectionsAndTheCasesAboutIt()
    {
        var c = await CrewAsync();
        var first17 = "91500109MA" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant();
        var code = first17 + Entrust.Web.Features.Targets.CreditCodes.CheckCharacterOf(first17);
        var target = (await (await As("office")).PostAsJsonAsync("/api/targets", new
        {
            townshipId = Ids.Xiema,
            name = "林场" + Guid.NewGuid().ToString("N")[..6],
            kind = "Enterprise",
            address = "歇马镇虎头村",
            creditCode = code,
            riskLevel = "Low",
        }).ExpectAsync(HttpStatusCode.Created)).Id();
        var inspection = (await (await As("town.xiema")).PostAsJsonAsync("/api/inspections", new
        {
            matterId = c.Matter,
            kind = "Routine",
            startedAt = Host.Clock.GetUtcNow().AddDays(-19).AddHours(-1),
            targetIds = new[] { target },
            officerIds = new[] { c.First, c.Second },
            findings = "发现滥伐林木",
            result = "CaseToBeFiled",
        }).ExpectAsync(HttpStatusCode.Created)).GetProperty("inspection").Id();
        var fromInspection = (await FileAsync(Filing(c, inspectionId: inspection))).GetProperty("case");
        var byCode = (await FileAsync(Filing(c, partyKind: "Organisation", partyIdentifier: code))).GetProperty("case");
        var other = (await FileAsync(Filing(c))).GetProperty("case");

        var page = await (await ConsoleSignIn.SignInAsync(Host, "town.xiema")).GetStringAsync($"/Targets/Detail/{target}");

        Assert.Contains($"data-inspection=\"{inspection}\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Cases/Detail/{fromInspection.Id()}\">{WebUtility.HtmlEncode(fromInspection.Str("number"))}</a>", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Cases/Detail/{byCode.Id()}\">{WebUtility.HtmlEncode(byCode.Str("number"))}</a>", page, StringComparison.Ordinal);
        Assert.DoesNotContain(other.Id().ToString(), page, StringComparison.Ordinal);
        var inspectionPage = await (await ConsoleSignIn.SignInAsync(Host, "town.xiema")).GetStringAsync($"/Inspections/Detail/{inspection}");
        Assert.Contains($"href=\"/Targets/Detail/{target}\"", inspectionPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePartysAddressIsKeptWithTheCase()
    {
        var c = await CrewAsync();
        var id = CaseId(await FileAsync(Filing(c, partyAddress: " 北碚区歇马镇凤凰村3组 ")));
        Assert.Equal("北碚区歇马镇凤凰村3组", (await Get(id)).GetProperty("case").Str("partyAddress"));
    }

    private Task<int> CaseCountAsync() => Host.WithDbAsync(db => db.Cases.IgnoreQueryFilters().CountAsync());

    private async Task<JsonElement> FileAsync(object body, string userName = "town.xiema") =>
        await (await As(userName)).PostAsJsonAsync("/api/cases", body).ExpectAsync(HttpStatusCode.Created);

    private async Task<JsonElement> RefusedFilingAsync(object body, string userName = "town.xiema", string? language = null,
        HttpStatusCode status = HttpStatusCode.BadRequest, string path = "/api/cases")
    {
        var before = await CaseCountAsync();
        var problem = await (await As(userName, language)).PostAsJsonAsync(path, body).ExpectAsync(status);
        Assert.Equal(before, await CaseCountAsync());
        return problem;
    }

    private async Task<JsonElement> Step(Guid id, string step, object body, string userName = "town.xiema",
        HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await As(userName)).PostAsJsonAsync($"/api/cases/{id}/{step}", body).ExpectAsync(expected);

    /// <summary>A refused step changes nothing: the case reads the same before and after.</summary>
    private async Task<JsonElement> Refused(Guid id, string step, object body, HttpStatusCode status, string userName = "town.xiema")
    {
        var before = (await Get(id)).GetProperty("case").GetRawText();
        var problem = await Step(id, step, body, userName, status);
        Assert.Equal(before, (await Get(id)).GetProperty("case").GetRawText());
        return problem;
    }

    private async Task<JsonElement> Get(Guid id, string userName = "office") =>
        await (await As(userName)).GetAsync($"/api/cases/{id}").ExpectAsync(HttpStatusCode.OK);

    private static Guid CaseId(JsonElement view) => view.GetProperty("case").Id();

    private static string State(JsonElement view) => view.GetProperty("case").Str("state");

    /// <summary>Filed, investigated and with one item of evidence, 19 days ago.</summary>
    private async Task<(Crew Crew, Guid Id)> InvestigatedAsync(bool major = false)
    {
        var c = await CrewAsync();
        var id = CaseId(await FileAsync(Filing(c, major: major)));
        await Step(id, "investigate", new { on = Day(Ago(19)), officerIds = new[] { c.First, c.Second } });
        await (await As("town.xiema")).PostAsJsonAsync($"/api/cases/{id}/evidence", new
        {
            collectedOn = Day(Ago(19)),
            kind = "现场勘验笔录",
            description = "伐区现场伐桩12个",
            officerIds = new[] { c.First, c.Second },
        }).ExpectAsync(HttpStatusCode.Created);
        return (c, id);
    }

    private static object Notice(DateOnly on, decimal fine = 1000m) =>
        new { on = Day(on), penalty = new { warning = false, fine }, factsReasonsAndBasis = "依据《森林法》第七十六条，拟处罚款" };

    [Fact]
    public async Task AGeneralProcedureCaseGoesFromFilingToClosing()
    {
        var (c, id) = await InvestigatedAsync();
        var view = await Get(id, "town.xiema");
        Assert.Equal("Investigating", State(view));
        // Under 委托 the case is in the entrusting department's name, and numbered in its sequence.
        Assert.Equal("区林业局", view.GetProperty("case").Str("actingInNameOf"));
        Assert.StartsWith("区林业局立字〔2026〕", view.GetProperty("case").Str("number"));
        Assert.True(view.GetProperty("mayWrite").GetBoolean());
        Assert.Single(view.GetProperty("case").GetProperty("evidence").EnumerateArray());

        await Step(id, "notify", Notice(Ago(18)));
        await Step(id, "representations", new { on = Day(Ago(17)), summary = "当事人称系误伐" });
        // The representations were made: the decision need not wait for the window to close.
        var decided = await Step(id, "decide", new { on = Day(Ago(16)), penalty = new { warning = false, fine = 800m }, socialImpact = true });
        Assert.Equal("Decided", State(decided));
        Assert.StartsWith("区林业局罚决字〔2026〕", decided.GetProperty("case").Str("decisionNumber"));
        Assert.True(decided.GetProperty("case").GetProperty("mustPublish").GetBoolean());
        await Step(id, "deliver", new { on = Day(Ago(15)), method = "Direct" });
        await Step(id, "publish", new { on = Day(Ago(14)) });
        var paid = await Step(id, "record-payment", new { paidOn = Day(Ago(10)), amount = 800m });
        Assert.Equal("Executed", State(paid));
        var closed = await Step(id, "close", new { on = Day(Ago(9)) });
        Assert.Equal("Closed", State(closed));
        Assert.Empty(closed.GetProperty("deadlines").EnumerateArray());

        var audit = await AuditOfAsync("Case", id);
        Assert.True(audit.Count >= 8);
        var list = await (await As("town.xiema")).GetAsync($"/api/cases?state=Closed&matter={c.Matter}&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(list.Items(), r => r.Id() == id);
        var filed = await (await As("town.xiema")).GetAsync($"/api/cases?state=Filed&matter={c.Matter}&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(filed.Items(), r => r.Id() == id);
    }

    [Fact]
    public async Task AMajorCaseIsNotDecidedWithoutLegalReviewAndDiscussion()
    {
        var (c, id) = await InvestigatedAsync(major: true);
        await Step(id, "notify", Notice(Ago(18)));
        await Step(id, "waive", new { on = Day(Ago(18)) });
        var decision = new { on = Day(Ago(17)), penalty = new { warning = false, fine = 1000m } };
        var noReview = await Refused(id, "decide", decision, HttpStatusCode.Conflict);
        Assert.Equal("Case.LegalReviewRequired", noReview.Code());
        Http.AssertChinese(noReview.Str("detail"));
        Assert.Contains("已告知", noReview.Str("detail"));

        // A reviewer the office has not qualified is refused; once qualified, the review stands.
        var reviewer = await OfficerOfAsync(Ids.Xiema, "法审" + Guid.NewGuid().ToString("N")[..4]);
        var review = new { on = Day(Ago(17)), reviewerId = reviewer, opinion = "事实清楚，证据确凿，程序合法" };
        Assert.Equal("Case.ReviewerNotQualified", (await Refused(id, "review", review, HttpStatusCode.BadRequest)).Code());
        var settings = await (await As("office")).GetAsync("/api/cases/settings").ExpectAsync(HttpStatusCode.OK);
        var other = await OfficerOfAsync(Ids.Xiema, "法审" + Guid.NewGuid().ToString("N")[..4]);
        var reviewers = settings.GetProperty("legalReviewerIds").EnumerateArray().Select(e => e.GetGuid()).Append(reviewer).Append(other).Append(c.First)
            .ToArray();
        await (await As("office")).PutAsJsonAsync("/api/cases/settings", new
        {
            hearingFinePerson = 5000m,
            hearingFineOrganisation = 50000m,
            decisionDays = 90,
            maxExtensionDays = 30,
            representationWorkingDays = 5,
            publicationWorkingDays = 7,
            legalReviewerIds = reviewers,
        }).ExpectAsync(HttpStatusCode.OK);
        // Qualified, but one of the case's investigators: refused, as a hearing chair would be.
        var investigator = await Refused(id, "review", review with { reviewerId = c.First }, HttpStatusCode.BadRequest);
        Assert.Equal("Case.ReviewerInvestigated", investigator.Code());
        Assert.Contains("第五十八条", investigator.Str("detail"));
        // Qualified, but recused from the case by its head's decision (LAW 11, APL 43): refused like any officer of a step.
        var recusal = (await Step(id, "recusals", new { appliedBy = "Party", officerId = reviewer, on = Day(Ago(17)), reason = "当事人称其为近亲属" }))
            .GetProperty("case").GetProperty("recusals").EnumerateArray().Single(r => r.GetProperty("officerId").GetGuid() == reviewer).Id();
        await Step(id, $"recusals/{recusal}/decision", new { on = Day(Ago(17)), decidedBy = "区林业局局长", approved = true });
        var recused = await Refused(id, "review", review, HttpStatusCode.BadRequest);
        Assert.Equal("Case.OfficerRecused", recused.Code());
        Assert.Contains("第四十三条", recused.Str("detail"));
        review = review with { reviewerId = other };
        Assert.Equal("LegalReviewed", State(await Step(id, "review", review)));

        Assert.Equal("Case.DiscussionRequired", (await Refused(id, "decide", decision, HttpStatusCode.Conflict)).Code());
        await Step(id, "discuss", new { on = Day(Ago(16)), conclusion = "同意罚款一千元" });
        Assert.Equal("Decided", State(await Step(id, "decide", decision with { on = Day(Ago(16)) })));
    }

    [Fact]
    public async Task AHeardCaseNeedsAChairWhoDidNotInvestigate()
    {
        var (c, id) = await InvestigatedAsync();
        var notified = await Step(id, "notify", Notice(Ago(19), fine: 10000m));
        Assert.True(notified.GetProperty("case").GetProperty("hearingOffered").GetBoolean());
        await Step(id, "request-hearing", new { on = Day(Ago(18)) });
        var investigator = new { noticeOn = Day(Ago(17)), heldOn = Day(Ago(5)), chairId = c.First, record = "听证笔录" };
        Assert.Equal("Case.ChairInvestigated", (await Refused(id, "hold-hearing", investigator, HttpStatusCode.BadRequest)).Code());
        var chair = await OfficerOfAsync(Ids.Xiema, "主持" + Guid.NewGuid().ToString("N")[..4]);
        var held = await Step(id, "hold-hearing", investigator with { chairId = chair });
        Assert.Equal("HearingHeld", State(held));
        // Heard: the decision waits for the legal review.
        Assert.Equal("Case.LegalReviewRequired",
            (await Refused(id, "decide", new { on = Day(Ago(4)), penalty = new { warning = false, fine = 8000m } }, HttpStatusCode.Conflict)).Code());
    }

    [Fact]
    public async Task AConfiscationIsCarriedOutBeforeTheCaseCloses()
    {
        var (_, id) = await InvestigatedAsync();
        var confiscation = new { warning = false, fine = 0m, confiscation = 3000m };
        await Step(id, "notify", new { on = Day(Ago(18)), penalty = confiscation, factsReasonsAndBasis = "拟没收违法所得" });
        await Step(id, "waive", new { on = Day(Ago(18)) });
        await Step(id, "decide", new { on = Day(Ago(17)), penalty = confiscation });
        await Step(id, "deliver", new { on = Day(Ago(16)), method = "Direct" });
        Assert.Equal("Case.NotExecuted", (await Refused(id, "close", new { on = Day(Ago(15)) }, HttpStatusCode.Conflict)).Code());
        Assert.Equal("Case.NothingToPay", (await Refused(id, "record-payment", new { paidOn = Day(Ago(15)), amount = 3000m }, HttpStatusCode.Conflict)).Code());
        Assert.Equal("Executed", State(await Step(id, "execute", new { on = Day(Ago(15)) })));
        Assert.Equal("Closed", State(await Step(id, "close", new { on = Day(Ago(14)) })));
    }

    [Fact]
    public async Task AStepTheStateForbidsIs409NamingTheState()
    {
        var c = await CrewAsync();
        var id = CaseId(await FileAsync(Filing(c)));
        var problem = await Refused(id, "notify", Notice(Ago(18)), HttpStatusCode.Conflict);
        Assert.Equal("Case.WrongState", problem.Code());
        Assert.Contains("已立案", problem.Str("detail"));
        var en = await (await As("town.xiema", "en")).PostAsJsonAsync($"/api/cases/{id}/close", new { on = Day(Ago(1)) })
            .ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("\"Filed\"", en.Str("detail"));
        // No decision without notice: the rule is named.
        var noNotice = await Refused(id, "decide", new { on = Day(Ago(1)), penalty = new { warning = true } }, HttpStatusCode.Conflict);
        Assert.Equal("Case.NoPriorNotice", noNotice.Code());
        Assert.Contains("第四十四条", noNotice.Str("detail"));
    }

    [Fact]
    public async Task BadFilingsAreRefusedInChineseAndNothingIsWritten()
    {
        var c = await CrewAsync();
        var empty = await RefusedFilingAsync(new { partyKind = "Person" });
        Assert.Contains("MatterId", empty.ErrorFields());
        Assert.Contains("PartyName", empty.ErrorFields());
        Assert.Contains("Facts", empty.ErrorFields());
        Assert.Contains("Officers", empty.ErrorFields());
        Http.AssertChinese(empty.ErrorsFor("PartyName")[0]);

        var badId = await RefusedFilingAsync(Filing(c, partyIdentifier: "110105194912310021"));
        Assert.Contains("PartyIdentifier", badId.ErrorFields());
        var badCode = await RefusedFilingAsync(Filing(c, partyKind: "Organisation", partyIdentifier: "91500109MA5U5XXX0X"));
        Assert.Contains("PartyIdentifier", badCode.ErrorFields());
        var longAddress = await RefusedFilingAsync(Filing(c, partyAddress: new string('路', Entrust.Web.Features.Cases.Case.PartyAddressLength + 1)));
        Assert.Equal("PartyAddress", Assert.Single(longAddress.ErrorFields()));

        var one = await RefusedFilingAsync(Filing(c, officers: [c.First]));
        Assert.Equal("Case.TwoOfficersRequired", one.Code());
        var uncertified = await OfficerOfAsync(Ids.Xiema, "无证" + Guid.NewGuid().ToString("N")[..4]);
        Assert.Equal("Case.OfficerMayNotAct", (await RefusedFilingAsync(Filing(c, officers: [c.First, uncertified]))).Code());

        var old = await RefusedFilingAsync(Filing(c, actOn: Ago(19).AddYears(-2).AddDays(-1)));
        Assert.Equal("Case.LimitationPassed", old.Code());
        Assert.Contains("第三十六条", old.Str("detail"));

        // 卫生 has not signed with 歇马镇: no standing, the entitlement's reason given.
        var notEntitled = await RefusedFilingAsync(Filing(c, matter: await DemoMatterAsync("198-07")));
        Assert.StartsWith("Entitlement.", notEntitled.Code());
        Http.AssertChinese(notEntitled.Str("detail"));

        var future = await RefusedFilingAsync(Filing(c, daysAgo: -1));
        Assert.Equal("Case.FutureDate", future.Code());

        var first = await FileAsync(Filing(c, number: "区林业局立字〔2026〕测" + UniqueCode("") + "号"));
        var taken = await RefusedFilingAsync(Filing(c, number: first.GetProperty("case").Str("number")), status: HttpStatusCode.Conflict);
        Assert.Equal("Case.NumberTaken", taken.Code());

        // Only townships and departments file.
        await RefusedFilingAsync(Filing(c, township: Ids.Xiema), userName: "office", status: HttpStatusCode.Forbidden);
        await RefusedFilingAsync(Filing(c, township: Ids.Xiema), userName: "auditor", status: HttpStatusCode.Forbidden);
    }

    private const string Series = "区林业局立字〔2026〕";

    private static int InSeries(JsonElement filed)
    {
        var number = filed.GetProperty("case").Str("number");
        Assert.StartsWith(Series, number);
        return int.Parse(number[Series.Length..].TrimEnd('号'), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task CasesFiledAtTheSameMomentGetDistinctNumbersInSequence()
    {
        var c = await CrewAsync();
        var before = InSeries(await FileAsync(Filing(c)));
        var client = await As("town.xiema");
        var filings = Enumerable.Range(0, 10).Select(async _ =>
        {
            var response = await client.PostAsJsonAsync("/api/cases", Filing(c));
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }).ToList();
        var done = await Task.WhenAll(filings);
        Assert.All(done, d => Assert.True(d.StatusCode == HttpStatusCode.Created, $"{d.StatusCode}: {d.Body}"));
        var numbers = done.Select(d => InSeries(JsonDocument.Parse(d.Body).RootElement)).Order().ToList();
        Assert.Equal(Enumerable.Range(before + 1, 10), numbers);
    }

    [Fact]
    public async Task TheNumberSeriesContinuesAfterTheNumbersAlreadyIssued()
    {
        var c = await CrewAsync();
        InSeries(await FileAsync(Filing(c)));
        // As before the series was kept: the documents carry numbers, no sequence row does.
        var highest = await Host.WithDbAsync(async db =>
        {
            await db.NumberSequences.IgnoreQueryFilters().Where(s => s.Kind == Entrust.Web.Platform.NumberKinds.Case).ExecuteDeleteAsync();
            var numbers = await db.Cases.IgnoreQueryFilters().Where(x => x.Number.StartsWith(Series)).Select(x => x.Number).ToListAsync();
            return Entrust.Web.Platform.NumberSequences.Highest(Series, numbers);
        });
        Assert.True(highest > 0);
        Assert.Equal(highest + 1, InSeries(await FileAsync(Filing(c))));
        Assert.Equal(highest + 2, InSeries(await FileAsync(Filing(c))));
    }

    [Fact]
    public async Task ANumberGivenByHandAheadOfTheSeriesIsPassedOverAndARefusedFilingGivesItsNumberBack()
    {
        var c = await CrewAsync();
        var n = InSeries(await FileAsync(Filing(c)));
        Assert.Equal(n + 1, InSeries(await FileAsync(Filing(c, number: $"{Series}{n + 1}号"))));
        Assert.Equal(n + 2, InSeries(await FileAsync(Filing(c))));
        // Refused by the domain after its number was taken: the number is not spent.
        Assert.Equal("Case.LimitationPassed", (await RefusedFilingAsync(Filing(c, actOn: Ago(19).AddYears(-2).AddDays(-1)))).Code());
        Assert.Equal(n + 3, InSeries(await FileAsync(Filing(c))));
    }

    [Fact]
    public async Task ACaseFiledFromAnInspectionMustBeOfItsTownshipAndMatter()
    {
        var c = await CrewAsync();
        var target = (await (await As("office")).PostAsJsonAsync("/api/targets", new
        {
            townshipId = Ids.Xiema,
            name = "林区" + Guid.NewGuid().ToString("N")[..6],
            kind = "ForestArea",
            address = "歇马镇虎头村",
            riskLevel = "Low",
        }).ExpectAsync(HttpStatusCode.Created)).Id();
        async Task<Guid> Inspect(string result) => (await (await As("town.xiema")).PostAsJsonAsync("/api/inspections", new
        {
            matterId = c.Matter,
            kind = "Routine",
            startedAt = Host.Clock.GetUtcNow().AddDays(-19).AddHours(-1),
            targetIds = new[] { target },
            officerIds = new[] { c.First, c.Second },
            findings = "发现滥伐林木",
            result,
        }).ExpectAsync(HttpStatusCode.Created)).GetProperty("inspection").Id();

        var found = await Inspect("CaseToBeFiled");
        var view = await FileAsync(Filing(c, inspectionId: found));
        Assert.Equal(found, view.GetProperty("case").GetProperty("inspectionId").GetGuid());

        var nothing = await Inspect("NoProblem");
        Assert.Equal("Case.InspectionFoundNothing", (await RefusedFilingAsync(Filing(c, inspectionId: nothing))).Code());
        var otherMatter = await RefusedFilingAsync(Filing(c, inspectionId: found, matter: await DemoMatterAsync("198-02")));
        Assert.Equal("Case.InspectionMismatch", otherMatter.Code());
        Assert.Equal("Case.UnknownInspection", (await RefusedFilingAsync(Filing(c, inspectionId: Guid.NewGuid()))).Code());
    }

    [Fact]
    public async Task TheSummaryProcedureDecidesOnTheSpotWithinItsReach()
    {
        var c = await CrewAsync();
        object Body(decimal fine, string? place = "北碚区歇马镇凤凰村3组林地", string? time = "10:30:00") => new
        {
            matterId = c.Matter,
            partyKind = "Person",
            partyName = "王某",
            partyIdentifier = NewIdNumber(),
            facts = "擅自砍伐林木一株",
            on = Day(Ago(3)),
            time,
            place,
            officerIds = new[] { c.First, c.Second },
            penalty = new { warning = true, fine },
        };
        // The time and the place are stated on the decision (APL 52 ¶2): none, nothing is written.
        var noPlace = await RefusedFilingAsync(Body(100m, place: " "), path: "/api/cases/summary");
        Assert.Contains("第五十二条", noPlace.GetProperty("errors").GetProperty("Place")[0].GetString());
        // Entered three days later, the time is not the moment of entry: it must be given.
        var noTime = await RefusedFilingAsync(Body(100m, time: null), path: "/api/cases/summary");
        Assert.Contains("第五十二条", noTime.GetProperty("errors").GetProperty("Time")[0].GetString());
        var beyond = await RefusedFilingAsync(Body(500m), path: "/api/cases/summary");
        Assert.Equal("Case.SummaryBeyondLimit", beyond.Code());
        Assert.Contains("200", beyond.Str("detail"));
        await RefusedFilingAsync(Body(50m), userName: "dept.forestry", status: HttpStatusCode.Forbidden, path: "/api/cases/summary");

        var created = await (await As("town.xiema")).PostAsJsonAsync("/api/cases/summary", Body(100m)).ExpectAsync(HttpStatusCode.Created);
        var id = CaseId(created);
        Assert.Equal("Summary", created.GetProperty("case").Str("procedure"));
        Assert.Equal("Delivered", State(created));
        Assert.Equal("OnTheSpot", created.GetProperty("case").Str("deliveryMethod"));
        Assert.Equal(("北碚区歇马镇凤凰村3组林地", "10:30:00"),
            (created.GetProperty("case").Str("onTheSpotPlace"), created.GetProperty("case").Str("onTheSpotTime")));
        // Fined: paid first; then reported for filing before it closes (APL 52).
        Assert.Equal("Case.NotExecuted", (await Refused(id, "close", new { on = Day(Ago(1)) }, HttpStatusCode.Conflict)).Code());
        await Step(id, "record-payment", new { paidOn = Day(Ago(2)), amount = 100m });
        Assert.Equal("Case.SummaryNotReported", (await Refused(id, "close", new { on = Day(Ago(1)) }, HttpStatusCode.BadRequest)).Code());
        await Step(id, "report-for-filing", new { on = Day(Ago(2)) });
        Assert.Equal("Closed", State(await Step(id, "close", new { on = Day(Ago(1)) })));
        // Only a summary case is reported for filing.
        var (_, general) = await InvestigatedAsync();
        Assert.Equal("Case.NotSummary", (await Refused(general, "report-for-filing", new { on = Day(Ago(1)) }, HttpStatusCode.Conflict)).Code());
    }

    [Fact]
    public async Task EvidenceFilesAreKeptByTheirContent()
    {
        var (c, id) = await InvestigatedAsync();
        var evidenceId = (await Get(id)).GetProperty("case").GetProperty("evidence")[0].Id();
        var town = await As("town.xiema");
        static MultipartFormDataContent Files(params (string Name, byte[] Bytes)[] files)
        {
            var form = new MultipartFormDataContent();
            foreach (var (name, bytes) in files)
            {
                var content = new ByteArrayContent(bytes);
                content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
                form.Add(content, "files", name);
            }
            return form;
        }
        var kept = await town.PostAsync($"/api/cases/{id}/evidence/{evidenceId}/files", Files(("伐桩.jpg", Rules.Inspection.Jpeg)))
            .ExpectAsync(HttpStatusCode.OK);
        var fileId = kept.Items().Single().Id();
        Assert.Equal("image/jpeg", kept.Items().Single().Str("contentType"));
        var download = await town.GetAsync($"/api/cases/{id}/files/{fileId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Rules.Inspection.Jpeg, await download.Content.ReadAsByteArrayAsync());
        Assert.Single((await Get(id)).GetProperty("files").EnumerateArray());

        var exe = await town.PostAsync($"/api/cases/{id}/evidence/{evidenceId}/files", Files(("照片2.jpg", Rules.Inspection.Jpeg), ("照片.jpg", Rules.Inspection.Exe)))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Inspection.FileTypeNotAllowed", exe.Code());
        Assert.Single((await Get(id)).GetProperty("files").EnumerateArray());
        await town.PostAsync($"/api/cases/{id}/evidence/{Guid.NewGuid()}/files", Files(("x.jpg", Rules.Inspection.Jpeg)))
            .ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("town.tiansheng")).GetAsync($"/api/cases/{id}/files/{fileId}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("town.tiansheng")).PostAsync($"/api/cases/{id}/evidence/{evidenceId}/files", Files(("x.jpg", Rules.Inspection.Jpeg)))
            .ExpectStatusAsync(HttpStatusCode.NotFound);

        // Evidence needs two officers who may act.
        var before = (await Get(id)).GetProperty("case").GetProperty("evidence").GetArrayLength();
        var one = await town.PostAsJsonAsync($"/api/cases/{id}/evidence", new
        {
            collectedOn = Day(Ago(18)),
            kind = "询问笔录",
            description = "询问当事人",
            officerIds = new[] { c.First },
        }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Case.TwoOfficersRequired", one.Code());
        Assert.Equal(before, (await Get(id)).GetProperty("case").GetProperty("evidence").GetArrayLength());
    }

    [Fact]
    public async Task ScopeHidesOtherTownshipsCasesAndShowsDepartmentsTheirMatters()
    {
        var (c, id) = await InvestigatedAsync();
        await (await As("town.tiansheng")).GetAsync($"/api/cases/{id}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("town.tiansheng")).PostAsJsonAsync($"/api/cases/{id}/notify", Notice(Ago(18))).ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("dept.safety")).GetAsync($"/api/cases/{id}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("office2")).GetAsync($"/api/cases/{id}").ExpectStatusAsync(HttpStatusCode.NotFound);
        var otherList = await (await As("town.tiansheng")).GetAsync("/api/cases?pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(otherList.Items(), r => r.Id() == id);

        // The forestry department sees the case on its matter but does not take the township's steps; the office and the
        // auditor read only.
        var forestry = await Get(id, "dept.forestry");
        Assert.False(forestry.GetProperty("mayWrite").GetBoolean());
        var deptList = await (await As("dept.forestry")).GetAsync($"/api/cases?matter={c.Matter}&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(deptList.Items(), r => r.Id() == id);
        await Refused(id, "notify", Notice(Ago(18)), HttpStatusCode.Forbidden, "dept.forestry");
        await Refused(id, "notify", Notice(Ago(18)), HttpStatusCode.Forbidden, "office");
        await Refused(id, "notify", Notice(Ago(18)), HttpStatusCode.Forbidden, "auditor");
        await Get(id, "auditor");
    }

    [Fact]
    public async Task ADepartmentLeadsAMajorCaseAndTheTownshipAssists()
    {
        var (c, id) = await InvestigatedAsync();
        // Not major: the department can't take it over.
        Assert.Equal("Case.LeadOnlyMajor", (await Refused(id, "lead", new { }, HttpStatusCode.Conflict, "dept.forestry")).Code());
        await Step(id, "classify", new { isMajor = true, isComplex = false });
        await (await As("dept.safety")).PostAsJsonAsync($"/api/cases/{id}/lead", new { }).ExpectStatusAsync(HttpStatusCode.NotFound);
        var led = await Step(id, "lead", new { }, "dept.forestry");
        Assert.NotNull(led.GetProperty("leadDepartmentName").GetString());
        Assert.True(led.GetProperty("mayWrite").GetBoolean());

        // The township assists with evidence but no longer takes the steps.
        await Refused(id, "notify", Notice(Ago(18)), HttpStatusCode.Forbidden);
        var assisted = await (await As("town.xiema")).PostAsJsonAsync($"/api/cases/{id}/evidence", new
        {
            collectedOn = Day(Ago(18)),
            kind = "询问笔录",
            description = "询问当事人",
            officerIds = new[] { c.First, c.Second },
        }).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(2, assisted.GetProperty("case").GetProperty("evidence").GetArrayLength());
        Assert.False(assisted.GetProperty("mayWrite").GetBoolean());
        Assert.Equal("Notified", State(await Step(id, "notify", Notice(Ago(17)), "dept.forestry")));

        // A department files a major case itself, and leads it; an ordinary one it leaves to the township.
        var filed = await FileAsync(Filing(c, township: Ids.Xiema, major: true), "dept.forestry");
        Assert.Equal(await DemoDepartmentAsync("LY"), filed.GetProperty("case").GetProperty("leadDepartmentId").GetGuid());
        await RefusedFilingAsync(Filing(c, township: Ids.Xiema), "dept.forestry", status: HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task TransferExtensionAndRemediesAreRecorded()
    {
        var (c, id) = await InvestigatedAsync();
        // Approved by the entrusting department's account (委托), the day it is recorded.
        var extended = await Step(id, "extend", new { days = 30, reason = "案情复杂" }, "dept.forestry");
        Assert.Equal(Day(Ago(19).AddDays(120)), extended.GetProperty("case").Str("decisionDueOn"));
        Assert.Equal("Case.ExtensionTooLong",
            (await Refused(id, "extend", new { days = 31, reason = "复杂" }, HttpStatusCode.BadRequest, "dept.forestry")).Code());
        Assert.Equal("Validation.Required",
            (await Refused(id, "transfer", new { on = Day(Ago(17)), receivingBody = "", reason = "涉嫌滥伐林木罪" }, HttpStatusCode.BadRequest)).Code());
        var transferred = await Step(id, "transfer", new { on = Day(Ago(17)), receivingBody = "重庆市公安局北碚区分局", reason = "涉嫌滥伐林木罪" });
        Assert.Equal("Transferred", State(transferred));
        Assert.Equal("Case.WrongState", (await Refused(id, "notify", Notice(Ago(16)), HttpStatusCode.Conflict)).Code());

        // A decided case goes to reconsideration; revoked, it is a candidate erroneous case and leaves the public page.
        var (_, decided) = await InvestigatedAsync();
        await Step(decided, "notify", Notice(Ago(19)));
        await Step(decided, "waive", new { on = Day(Ago(19)) });
        await Step(decided, "decide", new { on = Day(Ago(18)), penalty = new { warning = false, fine = 1000m }, socialImpact = true });
        await Step(decided, "deliver", new { on = Day(Ago(18)), method = "Direct" });
        await Step(decided, "publish", new { on = Day(Ago(17)) });
        var remedy = await (await As("office")).PostAsJsonAsync($"/api/cases/{decided}/remedies",
            new { kind = "Reconsideration", filedOn = Day(Ago(10)), body = "重庆市北碚区人民政府" }).ExpectAsync(HttpStatusCode.Created);
        var remedyId = remedy.GetProperty("case").GetProperty("remedies")[0].Id();
        await (await As("auditor")).PostAsJsonAsync($"/api/cases/{decided}/remedies/{remedyId}/outcome", new { outcome = "Revoked", on = Day(Ago(2)) })
            .ExpectStatusAsync(HttpStatusCode.Forbidden);
        await (await As("town.xiema")).PostAsJsonAsync($"/api/cases/{decided}/remedies/{Guid.NewGuid()}/outcome", new { outcome = "Revoked", on = Day(Ago(2)) })
            .ExpectStatusAsync(HttpStatusCode.NotFound);
        var revoked = await (await As("office")).PostAsJsonAsync($"/api/cases/{decided}/remedies/{remedyId}/outcome",
            new { outcome = "Revoked", on = Day(Ago(2)) }).ExpectAsync(HttpStatusCode.OK);
        Assert.True(revoked.GetProperty("case").GetProperty("isErroneousCandidate").GetBoolean());
        Assert.Contains(revoked.GetProperty("deadlines").EnumerateArray(), d => d.Str("kind") == "PublicWithdrawal");
        var withdrawn = await Step(decided, "withdraw", new { on = Day(Ago(1)) });
        Assert.Equal(Day(Ago(1)), withdrawn.GetProperty("case").Str("withdrawnFromPublicOn"));
    }

    [Fact]
    public async Task ATownshipCannotLowerACasesClassTheOfficeCanWithAReasonRecorded()
    {
        var (_, id) = await InvestigatedAsync(major: true);
        var unmark = new { isMajor = false, isComplex = false, reason = "情节轻微" };
        var township = await Refused(id, "classify", unmark, HttpStatusCode.BadRequest);
        Assert.Equal("Case.LoweringNeedsOffice", township.Code());
        Assert.Contains("第五十八条", township.Str("detail"));
        Assert.Equal("Validation.Required", (await Refused(id, "classify", unmark with { reason = " " }, HttpStatusCode.BadRequest, "office")).Code());
        await Refused(id, "classify", unmark, HttpStatusCode.Forbidden, "auditor");

        var lowered = (await Step(id, "classify", unmark, "office")).GetProperty("case");
        Assert.False(lowered.GetProperty("isMajor").GetBoolean());
        Assert.Equal(("office", "情节轻微", Day(Today)), (lowered.Str("classLoweredBy"), lowered.Str("classLoweringReason"), lowered.Str("classLoweredOn")));
        // The township may raise it again; lowering needs the office once more.
        Assert.True((await Step(id, "classify", new { isMajor = true, isComplex = false })).GetProperty("case").GetProperty("isMajor").GetBoolean());
    }

    [Fact]
    public async Task APenaltyThatMakesTheCaseMajorNeedsLegalReviewUnmarked()
    {
        var (_, id) = await InvestigatedAsync();
        var notified = (await Step(id, "notify", Notice(Ago(18), fine: 60000m))).GetProperty("case");
        Assert.False(notified.GetProperty("isMajor").GetBoolean());
        Assert.True(notified.GetProperty("isMajorByRule").GetBoolean());
        await Step(id, "waive", new { on = Day(Ago(18)) });
        var refused = await Refused(id, "decide", new { on = Day(Ago(17)), penalty = new { warning = false, fine = 60000m } }, HttpStatusCode.Conflict);
        Assert.Equal("Case.LegalReviewRequired", refused.Code());
        // Marked major as well, the office cannot mark it down: the penalty makes it major.
        await Step(id, "classify", new { isMajor = true, isComplex = false });
        Assert.Equal("Case.MajorByRule",
            (await Refused(id, "classify", new { isMajor = false, isComplex = false, reason = "不重大" }, HttpStatusCode.BadRequest, "office")).Code());
    }

    [Fact]
    public async Task AnExtensionIsTheActingBodysRecordedTheDayAndLimitedInNumber()
    {
        var (_, id) = await InvestigatedAsync();
        var township = await Refused(id, "extend", new { days = 10, reason = "需鉴定" }, HttpStatusCode.BadRequest);
        Assert.Equal("Case.ExtensionApproverNotAuthorised", township.Code());
        Assert.Contains("区林业局", township.Str("detail"));
        var backDated = await Refused(id, "extend", new { approvedOn = Day(Ago(1)), days = 10, reason = "需鉴定" }, HttpStatusCode.BadRequest,
            "dept.forestry");
        Assert.Equal("Case.ExtensionBackDated", backDated.Code());
        Assert.Contains("第六十条", backDated.Str("detail"));

        var first = (await Step(id, "extend", new { days = 10, reason = "需鉴定" }, "dept.forestry")).GetProperty("case");
        Assert.Equal("dept.forestry", first.GetProperty("extensions")[0].Str("approvedBy"));
        Assert.Equal(Day(Today), first.GetProperty("extensions")[0].Str("approvedOn"));
        await Step(id, "extend", new { days = 10, reason = "补充鉴定" }, "dept.forestry");
        // The office allows two by default.
        var third = await Refused(id, "extend", new { days = 10, reason = "再次延期" }, HttpStatusCode.BadRequest, "dept.forestry");
        Assert.Equal("Case.ExtensionLimit", third.Code());
        Assert.Equal(Day(Ago(19).AddDays(110)), (await Get(id)).GetProperty("case").Str("decisionDueOn"));
    }

    [Fact]
    public async Task TheOfficeSetsTheNumberOfExtensionsPerSectorAndItIsRefusedBeyondItNamingTheRule()
    {
        var reviewers = (await (await As("office")).GetAsync("/api/cases/settings").ExpectAsync(HttpStatusCode.OK))
            .GetProperty("legalReviewerIds").EnumerateArray().Select(e => e.GetGuid()).ToArray();
        object Body(object? bySector) => new
        {
            hearingFinePerson = 5000m,
            hearingFineOrganisation = 50000m,
            decisionDays = 90,
            maxExtensionDays = 30,
            representationWorkingDays = 5,
            publicationWorkingDays = 7,
            legalReviewerIds = reviewers,
            maxExtensions = 2,
            maxExtensionsByDomain = bySector,
        };
        Assert.Equal("Matter.UnknownDomain", (await (await As("office")).PutAsJsonAsync("/api/cases/settings",
            Body(new Dictionary<string, int> { ["no-such-sector"] = 1 })).ExpectAsync(HttpStatusCode.BadRequest)).Code());
        Assert.Equal("Validation.Range", (await (await As("office")).PutAsJsonAsync("/api/cases/settings",
            Body(new Dictionary<string, int> { ["forestry"] = 11 })).ExpectAsync(HttpStatusCode.BadRequest)).Code());
        var saved = await (await As("office")).PutAsJsonAsync("/api/cases/settings",
            Body(new Dictionary<string, int> { ["forestry"] = 1, ["food-hygiene"] = 3 })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, saved.GetProperty("settings").GetProperty("maxExtensionsByDomain").GetProperty("forestry").GetInt32());
        try
        {
            // A forestry case: one extension, where the general limit would allow two.
            var (_, id) = await InvestigatedAsync();
            await Step(id, "extend", new { days = 10, reason = "需鉴定" }, "dept.forestry");
            var second = await Refused(id, "extend", new { days = 10, reason = "补充鉴定" }, HttpStatusCode.BadRequest, "dept.forestry");
            Assert.Equal("Case.ExtensionLimitSector", second.Code());
            Assert.Contains("林业", second.Str("detail"));
            Assert.Contains("1 次", second.Str("detail"));
            Assert.Contains("第六十条", second.Str("detail"));
        }
        finally
        {
            await (await As("office")).PutAsJsonAsync("/api/cases/settings", Body(null)).ExpectAsync(HttpStatusCode.OK);
        }
        var reset = (await (await As("office")).GetAsync("/api/cases/settings").ExpectAsync(HttpStatusCode.OK)).GetProperty("settings");
        Assert.True(!reset.TryGetProperty("maxExtensionsByDomain", out var bySector) || bySector.ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task ALateDeliveryIsRecordedAndFlagged()
    {
        var (_, id) = await InvestigatedAsync();
        await Step(id, "notify", Notice(Ago(19)));
        await Step(id, "waive", new { on = Day(Ago(19)) });
        await Step(id, "decide", new { on = Day(Ago(19)), penalty = new { warning = false, fine = 1000m } });
        // Seven working days after the decision have passed: the delivery is still recorded, and shown late.
        var delivered = (await Step(id, "deliver", new { on = Day(Ago(2)), method = "Direct" })).GetProperty("case");
        Assert.Equal("Delivered", delivered.Str("state"));
        Assert.True(delivered.GetProperty("deliveredLate").GetBoolean());
        await Step(id, "record-payment", new { paidOn = Day(Ago(1)), amount = 1000m });
        Assert.Equal("Closed", State(await Step(id, "close", new { on = Day(Today) })));
    }

    [Fact]
    public async Task AFineIsDeferredOnApplicationWithTheActingBodysApproval()
    {
        var (_, id) = await InvestigatedAsync();
        await Step(id, "notify", Notice(Ago(19)));
        await Step(id, "waive", new { on = Day(Ago(19)) });
        await Step(id, "decide", new { on = Day(Ago(19)), penalty = new { warning = false, fine = 1000m } });
        await Step(id, "deliver", new { on = Day(Ago(18)), method = "Direct" });
        var deferral = new { appliedOn = Day(Ago(2)), newDueOn = Day(Today.AddDays(30)), reason = "当事人经济困难" };
        var township = await Refused(id, "defer-payment", deferral, HttpStatusCode.BadRequest);
        Assert.Equal("Case.DeferralApproverNotAuthorised", township.Code());
        Assert.Contains("第六十六条", township.Str("detail"));
        Assert.Equal("Case.DeferralNotLater",
            (await Refused(id, "defer-payment", deferral with { newDueOn = Day(Ago(3)) }, HttpStatusCode.BadRequest, "dept.forestry")).Code());

        var deferred = (await Step(id, "defer-payment", deferral, "dept.forestry")).GetProperty("case");
        Assert.Equal(Day(Today.AddDays(30)), deferred.Str("paymentDueOn"));
        Assert.Equal(("dept.forestry", Day(Today)), (deferred.Str("paymentDeferredBy"), deferred.Str("paymentDeferredOn")));
        // One shape with instalments: a deferral is a plan of one instalment, the whole fine on the new day.
        Assert.Equal((Day(Today.AddDays(30)), 1000m), (deferred.GetProperty("instalments")[0].Str("dueOn"),
            deferred.GetProperty("instalments")[0].GetProperty("amount").GetDecimal()));
        // Due 15 days after delivery, the fine would now owe a late penalty; deferred, it owes none.
        Assert.Equal("Executed", State(await Step(id, "record-payment", new { paidOn = Day(Today), amount = 1000m })));
    }

    [Fact]
    public async Task AFineIsPaidByInstalmentsOnApplicationWithTheActingBodysApprovalAndTheLastExecutesTheCase()
    {
        var (_, id) = await InvestigatedAsync();
        await Step(id, "notify", Notice(Ago(19)));
        await Step(id, "waive", new { on = Day(Ago(19)) });
        await Step(id, "decide", new { on = Day(Ago(19)), penalty = new { warning = false, fine = 1000m } });
        await Step(id, "deliver", new { on = Day(Ago(18)), method = "Direct" });
        // Due three days ago: 400 then, 300 yesterday, 300 in a month.
        object Plan(decimal last) => new
        {
            appliedOn = Day(Ago(4)),
            reason = "当事人经济困难，申请分期缴纳",
            instalments = new object[]
            {
                new { dueOn = Day(Ago(3)), amount = 400m }, new { dueOn = Day(Ago(1)), amount = 300m },
                new { dueOn = Day(Today.AddDays(30)), amount = last },
            },
        };
        var township = await Refused(id, "payment-plan", Plan(300m), HttpStatusCode.BadRequest);
        Assert.Equal("Case.DeferralApproverNotAuthorised", township.Code());
        var short_ = await Refused(id, "payment-plan", Plan(200m), HttpStatusCode.BadRequest, "dept.forestry");
        Assert.Equal("Case.InstalmentsSum", short_.Code());
        Assert.Contains("第六十六条", short_.Str("detail"));
        Assert.Equal(0, await Host.WithDbAsync(db => db.CaseInstalments.IgnoreQueryFilters().CountAsync(i => i.CaseId == id)));

        var planned = (await Step(id, "payment-plan", Plan(300m), "dept.forestry")).GetProperty("case");
        Assert.Equal(3, planned.GetProperty("instalments").GetArrayLength());
        Assert.Equal(("dept.forestry", Day(Today)), (planned.Str("paymentDeferredBy"), planned.Str("paymentDeferredOn")));
        Assert.Equal(Day(Ago(3)), planned.Str("paymentDueOn"));
        var first = (await Step(id, "record-payment", new { paidOn = Day(Ago(3)), amount = 400m })).GetProperty("case");
        Assert.Equal(("Delivered", Day(Ago(1))), (first.Str("state"), first.Str("paymentDueOn")));
        // The second, a day late: 3 % of its own 300 yuan.
        Assert.Equal("Case.PaymentShort",
            (await Refused(id, "record-payment", new { paidOn = Day(Today), amount = 300m }, HttpStatusCode.BadRequest)).Code());
        var second = (await Step(id, "record-payment", new { paidOn = Day(Today), amount = 309m })).GetProperty("case");
        Assert.Equal(9m, second.GetProperty("instalments").EnumerateArray().Single(i => i.GetProperty("number").GetInt32() == 2)
            .GetProperty("latePenalty").GetDecimal());
        Assert.Equal(Day(Today.AddDays(30)), second.Str("paymentDueOn"));
        var last = (await Step(id, "record-payment", new { paidOn = Day(Today), amount = 300m })).GetProperty("case");
        Assert.Equal("Executed", last.Str("state"));
        Assert.Equal(1009m, last.GetProperty("amountPaid").GetDecimal());
        Assert.Equal("Closed", State(await Step(id, "close", new { on = Day(Today) })));
    }

    /// <summary>
    /// The deadline list as the console shows it (issue 18): a case is a row per open deadline (the late case's payment and its
    /// publication), so the rows are the deadlines, not the cases. They sort, page and export like every list; the late case keeps
    /// both its rows in every order, and the sheet has its number twice.
    /// </summary>
    [Theory]
    [InlineData("due")]
    [InlineData("number")]
    [InlineData("state")]
    public async Task TheDeadlineListSortsPagesAndExportsEveryDeadlineOfACase(string key)
    {
        var (c, late, _) = await LateAndSoonCasesAsync();

        var office = await ConsoleSignIn.SignInAsync(Host, "office");
        await ListPagesTests.SortsPagesAndExportsAsync(office, "/Cases/Deadlines", "data-deadline", key, $"matter={c.Matter}");
        foreach (var order in new[] { key, "-" + key })
        {
            var page = await office.GetStringAsync($"/Cases/Deadlines?matter={c.Matter}&sort={order}&size=200");
            Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(page, $"data-case=\"{late}\"").Count);
        }
        var shown = await office.GetStringAsync($"/Cases/Deadlines?matter={c.Matter}&size=200");
        var number = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(shown, $"href=\"/Cases/Detail/{late}\">([^<]+)</a>").Groups[1].Value);
        using var xlsx = await office.GetAsync($"/Cases/Deadlines?matter={c.Matter}&sort={key}&handler=Export");
        var numbers = MiniExcelLibs.MiniExcel.Query(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), useHeaderRow: false).Skip(3)
            .Cast<IDictionary<string, object?>>().Select(r => r["E"]?.ToString()).ToList();
        Assert.Equal(2, numbers.Count(n => n == number));
    }

    /// <summary>
    /// A case decided and delivered 19 days ago, with a fine and a social impact (its payment and its publication now overdue), and
    /// a case whose notice was served today (its representations due soon).
    /// </summary>
    private async Task<(Crew Crew, Guid Late, Guid Soon)> LateAndSoonCasesAsync()
    {
        var (c, late) = await InvestigatedAsync();
        await Step(late, "notify", Notice(Ago(19)));
        await Step(late, "waive", new { on = Day(Ago(19)) });
        await Step(late, "decide", new { on = Day(Ago(19)), penalty = new { warning = false, fine = 1000m }, socialImpact = true });
        await Step(late, "deliver", new { on = Day(Ago(19)), method = "Direct" });
        var (_, soon) = await InvestigatedAsync();
        await Step(soon, "notify", Notice(Today));
        return (c, late, soon);
    }

    [Fact]
    public async Task TheDeadlineListShowsOverdueAndDueSoonCasesToThoseWhoSeeThem()
    {
        var (c, late, soon) = await LateAndSoonCasesAsync();
        // Delivered five days ago: the fine is due in ten days, within ten working days.
        var (_, paying) = await InvestigatedAsync();
        await Step(paying, "notify", Notice(Ago(19)));
        await Step(paying, "waive", new { on = Day(Ago(19)) });
        await Step(paying, "decide", new { on = Day(Ago(6)), penalty = new { warning = false, fine = 1000m } });
        await Step(paying, "deliver", new { on = Day(Ago(5)), method = "Direct" });

        var town = await (await As("town.xiema")).GetAsync($"/api/cases/deadlines?matter={c.Matter}&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        var rows = town.Items().ToList();
        // Paid within 15 days of delivery (APL 67) and published within 7 working days: both passed.
        Assert.Contains(rows, r => r.GetProperty("caseId").GetGuid() == late && r.Str("kind") == "Payment" && r.GetProperty("overdue").GetBoolean());
        Assert.Contains(rows, r => r.GetProperty("caseId").GetGuid() == late && r.Str("kind") == "Publication" && r.GetProperty("overdue").GetBoolean());
        var representations = rows.Single(r => r.GetProperty("caseId").GetGuid() == soon && r.Str("kind") == "Representations");
        Assert.Equal(5, representations.GetProperty("workingDaysLeft").GetInt32());
        Assert.False(representations.GetProperty("overdue").GetBoolean());
        Assert.DoesNotContain(rows, r => r.GetProperty("caseId").GetGuid() == soon && r.Str("kind") == "Decision");
        Assert.True(town.GetProperty("overdue").GetInt32() >= 2);
        // Paged: one row a page, the counts still those of the whole list.
        var first = await (await As("town.xiema")).GetAsync($"/api/cases/deadlines?matter={c.Matter}&pageSize=1").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(rows[0].GetProperty("caseId").GetGuid(), first.Items().Single().GetProperty("caseId").GetGuid());
        Assert.Equal((rows.Count, town.GetProperty("overdue").GetInt32()), (first.GetProperty("total").GetInt32(), first.GetProperty("overdue").GetInt32()));
        var second = await (await As("town.xiema")).GetAsync($"/api/cases/deadlines?matter={c.Matter}&pageSize=1&page=2").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(rows[1].GetProperty("caseId").GetGuid(), second.Items().Single().GetProperty("caseId").GetGuid());

        var overdueList = await (await As("town.xiema")).GetAsync($"/api/cases?overdue=true&matter={c.Matter}&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(overdueList.Items(), r => r.Id() == late);
        Assert.DoesNotContain(overdueList.Items(), r => r.Id() == soon);
        Assert.DoesNotContain(overdueList.Items(), r => r.Id() == paying);
        var dueSoon = await (await As("town.xiema")).GetAsync($"/api/cases?dueSoon=true&matter={c.Matter}&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(dueSoon.Items(), r => r.Id() == paying);
        Assert.DoesNotContain(dueSoon.Items(), r => r.Id() == late);
        var payment = rows.Single(r => r.GetProperty("caseId").GetGuid() == paying);
        Assert.Equal(("Payment", Day(Ago(5).AddDays(15))), (payment.Str("kind"), payment.Str("due")));
        var number = (await Get(paying)).GetProperty("case").Str("number");
        var found = await (await As("town.xiema")).GetAsync($"/api/cases?q={Uri.EscapeDataString(number)}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(paying, found.Items().Single().Id());

        var department = await (await As("dept.forestry")).GetAsync("/api/cases/deadlines?pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(department.Items(), r => r.GetProperty("caseId").GetGuid() == late);
        var office = await (await As("office")).GetAsync($"/api/cases/deadlines?township={Ids.Xiema}&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(office.Items(), r => r.GetProperty("caseId").GetGuid() == soon);
        var other = await (await As("town.tiansheng")).GetAsync("/api/cases/deadlines?pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(other.Items(), r => r.GetProperty("caseId").GetGuid() == late);
        var safety = await (await As("dept.safety")).GetAsync("/api/cases/deadlines?pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(safety.Items(), r => r.GetProperty("caseId").GetGuid() == late);
    }

    [Fact]
    public async Task OnlyTheOfficeKeepsTheSettingsWithinTheLaw()
    {
        var defaults = await (await As("town.xiema")).GetAsync("/api/cases/settings").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(7, defaults.GetProperty("settings").GetProperty("publicationWorkingDays").GetInt32());
        object Body(int decisionDays) => new
        {
            hearingFinePerson = 5000m,
            hearingFineOrganisation = 50000m,
            decisionDays,
            maxExtensionDays = 30,
            representationWorkingDays = 5,
            publicationWorkingDays = 7,
            legalReviewerIds = Array.Empty<Guid>(),
        };
        await (await As("town.xiema")).PutAsJsonAsync("/api/cases/settings", Body(90)).ExpectStatusAsync(HttpStatusCode.Forbidden);
        var tooLong = await (await As("office2")).PutAsJsonAsync("/api/cases/settings", Body(120)).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Validation.Range", tooLong.Code());
        Http.AssertChinese(tooLong.Str("detail"));
        var unknown = await (await As("office2")).PutAsJsonAsync("/api/cases/settings", new
        {
            hearingFinePerson = 5000m,
            hearingFineOrganisation = 50000m,
            decisionDays = 60,
            maxExtensionDays = 30,
            representationWorkingDays = 5,
            publicationWorkingDays = 7,
            legalReviewerIds = new[] { Guid.NewGuid() },
        }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Case.UnknownOfficer", unknown.Code());
        var saved = await (await As("office2")).PutAsJsonAsync("/api/cases/settings", Body(60)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(60, saved.GetProperty("settings").GetProperty("decisionDays").GetInt32());
        // Another district's settings are its own.
        Assert.Equal(90, (await (await As("office")).GetAsync("/api/cases/settings").ExpectAsync(HttpStatusCode.OK))
            .GetProperty("settings").GetProperty("decisionDays").GetInt32());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CasesApiTests_Sqlite(SqliteHost host) : CasesApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class CasesApiTests_Postgres(PostgresHost host) : CasesApiTests(host);
