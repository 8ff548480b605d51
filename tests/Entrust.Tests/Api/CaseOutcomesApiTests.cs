using System.Linq.Expressions;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entrust.Tests.Hosting;
using Entrust.Web.Features.Cases;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Tests.Api;

/// <summary>
/// Issue 12 through the API on both databases: an overturned decision is not enforced and its money is refunded (LAW 6), a changed
/// one carries its new penalty, a published decision changed or overturned is withdrawn with its reason stated (LAW 24), numbers are
/// in the acting body's name (LAW 5), and the status questions (open steps, publication and payment due) have one answer — the
/// lists' SQL expressions agree with the case's members on the same cases. Each refusal changes nothing.
/// </summary>
public abstract class CaseOutcomesApiTests(HostFixture host) : OfficerTest(host)
{
    private sealed record Crew(Guid Matter, Guid First, Guid Second);

    private async Task<Crew> CrewAsync()
    {
        var matter = await DemoMatterAsync("198-05");
        return new Crew(matter, await CertifiedAsync("果甲"), await CertifiedAsync("果乙"));
    }

    private async Task<Guid> CertifiedAsync(string name)
    {
        var officer = await PassedOfficerAsync(Ids.Xiema, name + Guid.NewGuid().ToString("N")[..4]);
        await (await As("office")).PostAsJsonAsync("/api/certificates",
            new { officerId = officer, domains = new[] { "forestry" }, issuedOn = Day(Today.AddDays(-20)) }).ExpectAsync(HttpStatusCode.Created);
        return officer;
    }

    private DateOnly Ago(int days) => Today.AddDays(-days);

    private object Filing(Crew c, string? number = null, int filedAgo = 19) => new
    {
        matterId = c.Matter,
        number,
        partyKind = "Person",
        partyName = "刘某",
        partyIdentifier = NewIdNumber(),
        facts = "未经批准擅自砍伐集体林木3立方米",
        actOn = Day(Ago(filedAgo + 5)),
        filedOn = Day(Ago(filedAgo)),
        officerIds = new[] { c.First, c.Second },
    };

    private Task<int> CaseCountAsync() => Host.WithDbAsync(db => db.Cases.IgnoreQueryFilters().CountAsync());

    private async Task<JsonElement> Step(Guid id, string step, object body, string userName = "town.xiema",
        HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await As(userName)).PostAsJsonAsync($"/api/cases/{id}/{step}", body).ExpectAsync(expected);

    /// <summary>A refused step changes nothing: the case reads the same before and after.</summary>
    private async Task<JsonElement> Refused(Guid id, string step, object body, HttpStatusCode status, string userName = "town.xiema")
    {
        var before = (await Get(id)).GetProperty("case").GetRawText();
        var problem = await Step(id, step, body, userName, status);
        Assert.Equal(before, (await Get(id)).GetProperty("case").GetRawText());
        Http.AssertChinese(problem.Str("detail"));
        return problem;
    }

    private async Task<JsonElement> Get(Guid id, string userName = "office") =>
        await (await As(userName)).GetAsync($"/api/cases/{id}").ExpectAsync(HttpStatusCode.OK);

    private static IEnumerable<string> Steps(JsonElement view) => view.GetProperty("steps").EnumerateArray().Select(s => s.GetString()!);

    /// <summary>Filed 19 days ago, investigated, with evidence, notified and the rights waived, decided <paramref name="decidedAgo"/> days ago.</summary>
    private async Task<Guid> DecidedAsync(Crew c, int decidedAgo = 18, bool publish = true, decimal fine = 1000m)
    {
        var id = await NotifiedAsync(c, fine);
        await Step(id, "waive", new { on = Day(Ago(19)) });
        await Step(id, "decide", new { on = Day(Ago(decidedAgo)), penalty = new { warning = false, fine }, socialImpact = publish });
        return id;
    }

    /// <summary>Filed 19 days ago, investigated, with evidence, notified the same day.</summary>
    private async Task<Guid> NotifiedAsync(Crew c, decimal fine = 1000m)
    {
        var id = (await (await As("town.xiema")).PostAsJsonAsync("/api/cases", Filing(c)).ExpectAsync(HttpStatusCode.Created))
            .GetProperty("case").Id();
        await Step(id, "investigate", new { on = Day(Ago(19)), officerIds = new[] { c.First, c.Second } });
        await (await As("town.xiema")).PostAsJsonAsync($"/api/cases/{id}/evidence", new
        {
            collectedOn = Day(Ago(19)),
            kind = "现场勘验笔录",
            description = "伐区现场伐桩12个",
            officerIds = new[] { c.First, c.Second },
        }).ExpectAsync(HttpStatusCode.Created);
        await Step(id, "notify", new { on = Day(Ago(19)), penalty = new { warning = false, fine }, factsReasonsAndBasis = "依据《森林法》第七十六条，拟处罚款" });
        return id;
    }

    private async Task<Guid> RemedyAsync(Guid id, string kind = "Reconsideration", int filedAgo = 10)
    {
        var view = await (await As("office")).PostAsJsonAsync($"/api/cases/{id}/remedies",
            new { kind, filedOn = Day(Ago(filedAgo)), body = "重庆市北碚区人民政府" }).ExpectAsync(HttpStatusCode.Created);
        return view.GetProperty("case").GetProperty("remedies").EnumerateArray().Last().Id();
    }

    private async Task<JsonElement> OutcomeAsync(Guid id, Guid remedy, object body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await As("office")).PostAsJsonAsync($"/api/cases/{id}/remedies/{remedy}/outcome", body).ExpectAsync(expected);

    private async Task<string> DistrictCodeAsync() =>
        await Host.WithDbAsync(db => (
            from t in db.Townships.IgnoreQueryFilters()
            join d in db.Districts.IgnoreQueryFilters() on t.DistrictId equals d.Id
            where t.Id == Ids.Xiema
            select d.Code).SingleAsync());

    [Fact]
    public async Task ARevokedDecisionIsNotPaidExecutedOrClosedAsValidAndItsPublicationIsWithdrawnWithItsReason()
    {
        var c = await CrewAsync();
        var id = await DecidedAsync(c);
        await Step(id, "deliver", new { on = Day(Ago(18)), method = "Direct" });
        await Step(id, "publish", new { on = Day(Ago(17)) });
        var remedy = await RemedyAsync(id);
        var revoked = await OutcomeAsync(id, remedy, new { outcome = "Revoked", on = Day(Ago(5)) });
        Assert.Equal("Revoked", revoked.GetProperty("case").Str("overturned"));
        // The township that writes the case is offered no payment, only to close it as revoked.
        var township = await Get(id, "town.xiema");
        Assert.DoesNotContain("Payment", Steps(township));
        Assert.Contains("Close", Steps(township));

        var payment = await Refused(id, "record-payment", new { paidOn = Day(Ago(4)), amount = 1000m }, HttpStatusCode.Conflict);
        Assert.Equal("Case.DecisionOverturned", payment.Code());
        Assert.Contains("撤销", payment.Str("detail"));
        Assert.Contains("第二十条", payment.Str("detail"));
        Assert.Equal("Case.DecisionOverturned",
            (await Refused(id, "execute", new { on = Day(Ago(4)) }, HttpStatusCode.Conflict)).Code());

        // Its payment fell due three days ago, yet no list calls it overdue: the decision is no longer enforced.
        var overdue = await (await As("town.xiema")).GetAsync($"/api/cases?overdue=true&matter={c.Matter}&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(overdue.Items(), r => r.Id() == id);
        var deadlines = await (await As("town.xiema")).GetAsync($"/api/cases/deadlines?matter={c.Matter}&pageSize=500").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(deadlines.Items(), r => r.GetProperty("caseId").GetGuid() == id && r.Str("kind") == "Payment");

        // Off the public page, a statement of why in its place; nothing of the party.
        var number = revoked.GetProperty("case").Str("decisionNumber");
        var district = await DistrictCodeAsync();
        var client = Host.Anonymous();
        var published = await client.GetAsync($"/api/public/decisions?district={district}&q={Uri.EscapeDataString(number)}").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(published.Items());
        var withdrawn = await client.GetAsync($"/api/public/decisions/withdrawn?district={district}&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        var statement = Assert.Single(withdrawn.Items(), w => w.Str("decisionNumber") == number);
        Assert.Equal(("Revoked", "Reconsideration", Day(Ago(5))), (statement.Str("outcome"), statement.Str("remedyKind"), statement.Str("outcomeOn")));
        Assert.False(statement.TryGetProperty("partyName", out _));

        // It ends closed as revoked, the outcome kept.
        var closed = await Step(id, "close", new { on = Day(Ago(3)) });
        Assert.Equal(("Closed", "Revoked"), (closed.GetProperty("case").Str("state"), closed.GetProperty("case").Str("overturned")));
    }

    [Fact]
    public async Task MoneyPaidOnADecisionFoundVoidIsRefundedBeforeTheCaseCloses()
    {
        var c = await CrewAsync();
        var id = await DecidedAsync(c, publish: false);
        await Step(id, "deliver", new { on = Day(Ago(18)), method = "Direct" });
        await Step(id, "record-payment", new { paidOn = Day(Ago(12)), amount = 1000m });
        var remedy = await RemedyAsync(id, "Litigation");
        var voided = await OutcomeAsync(id, remedy, new { outcome = "ConfirmedVoid", on = Day(Ago(3)) });
        Assert.Equal(1000m, voided.GetProperty("case").GetProperty("refundDue").GetDecimal());
        Assert.Contains("Refund", Steps(voided));
        Assert.DoesNotContain("Close", Steps(voided));
        Assert.Equal("Case.RefundPending", (await Refused(id, "close", new { on = Day(Ago(2)) }, HttpStatusCode.Conflict)).Code());
        // Refunds are the remedies' recorder's: the auditor reads only.
        await (await As("auditor")).PostAsJsonAsync($"/api/cases/{id}/refund", new { on = Day(Ago(2)) }).ExpectStatusAsync(HttpStatusCode.Forbidden);
        var refunded = await Step(id, "refund", new { on = Day(Ago(2)) }, "office");
        Assert.Equal(Day(Ago(2)), refunded.GetProperty("case").Str("refundedOn"));
        Assert.Equal("Case.NothingToRefund", (await Refused(id, "refund", new { on = Day(Ago(1)) }, HttpStatusCode.Conflict, "office")).Code());
        Assert.Equal("Closed", (await Step(id, "close", new { on = Day(Ago(1)) })).GetProperty("case").Str("state"));
    }

    [Fact]
    public async Task AChangedOutcomeNamesItsPenaltyAndTheAmountDueFollowsIt()
    {
        var c = await CrewAsync();
        var id = await DecidedAsync(c, publish: false);
        await Step(id, "deliver", new { on = Day(Ago(18)), method = "Direct" });
        var remedy = await RemedyAsync(id);
        var before = (await Get(id)).GetProperty("case").GetRawText();
        var bare = await OutcomeAsync(id, remedy, new { outcome = "Changed", on = Day(Ago(5)) }, HttpStatusCode.BadRequest);
        Assert.Equal(("Case.ChangedPenaltyRequired", "ChangedPenalty"), (bare.Code(), bare.GetProperty("errors").EnumerateObject().Single().Name));
        var heavier = await OutcomeAsync(id, remedy, new { outcome = "Changed", on = Day(Ago(5)), changedPenalty = new { warning = false, fine = 2000m } },
            HttpStatusCode.BadRequest);
        Assert.Equal("Case.ChangedHeavier", heavier.Code());
        Assert.Equal(before, (await Get(id)).GetProperty("case").GetRawText());

        var changed = await OutcomeAsync(id, remedy, new { outcome = "Changed", on = Day(Ago(5)), changedPenalty = new { warning = false, fine = 600m } });
        Assert.Equal(600m, changed.GetProperty("case").GetProperty("changedPenalty").GetProperty("fine").GetDecimal());
        Assert.Equal(600m, changed.GetProperty("case").GetProperty("penaltyInForce").GetProperty("fine").GetDecimal());
        var shortPaid = await Refused(id, "record-payment", new { paidOn = Day(Ago(4)), amount = 599m }, HttpStatusCode.BadRequest);
        Assert.Equal("Case.PaymentShort", shortPaid.Code());
        Assert.Equal("Executed", (await Step(id, "record-payment", new { paidOn = Day(Ago(4)), amount = 600m })).GetProperty("case").Str("state"));
        // The decision document from then on states the changed penalty, not the one first decided.
        using var document = await (await As("town.xiema")).GetAsync($"/api/cases/{id}/documents/decision");
        var text = await CaseDocumentsApiTests.DocxTextAsync(document);
        Assert.Contains("（¥600）", text);
        Assert.DoesNotContain("（¥1,000）", text);
    }

    [Fact]
    public async Task ANumberGivenInAnotherBodysNameIsRefusedAndNothingIsWritten()
    {
        var c = await CrewAsync();
        var before = await CaseCountAsync();
        // Under 委托 歇马镇 acts in 区林业局's name: a case number in its own name is refused.
        var filing = await (await As("town.xiema")).PostAsJsonAsync("/api/cases", Filing(c, "歇马镇立字〔2026〕1号")).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Case.NumberNotInName", filing.Code());
        Assert.Contains("区林业局", filing.Str("detail"));
        Http.AssertChinese(filing.Str("detail"));
        var summary = await (await As("town.xiema")).PostAsJsonAsync("/api/cases/summary", new
        {
            matterId = c.Matter,
            partyKind = "Person",
            partyName = "王某",
            partyIdentifier = NewIdNumber(),
            facts = "擅自砍伐林木一株",
            officerIds = new[] { c.First, c.Second },
            decisionNumber = "歇马镇简罚〔2026〕1号",
            place = "歇马镇虎头村",
            penalty = new { warning = true, fine = 100m },
        }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Case.NumberNotInName", summary.Code());
        Assert.Equal(before, await CaseCountAsync());

        var kept = await (await As("town.xiema")).PostAsJsonAsync("/api/cases", Filing(c, $"区林业局立字〔2026〕测{Guid.NewGuid():N}号"))
            .ExpectAsync(HttpStatusCode.Created);
        var id = kept.GetProperty("case").Id();
        Assert.StartsWith("区林业局立字〔2026〕测", kept.GetProperty("case").Str("number"));
        await Step(id, "investigate", new { on = Day(Ago(19)), officerIds = new[] { c.First, c.Second } });
        await (await As("town.xiema")).PostAsJsonAsync($"/api/cases/{id}/evidence",
            new { collectedOn = Day(Ago(19)), kind = "书证", description = "采伐记录", officerIds = new[] { c.First, c.Second } })
            .ExpectAsync(HttpStatusCode.Created);
        await Step(id, "notify", new { on = Day(Ago(19)), penalty = new { warning = false, fine = 500m }, factsReasonsAndBasis = "拟处罚款" });
        await Step(id, "waive", new { on = Day(Ago(19)) });
        var decision = await Refused(id, "decide", new { on = Day(Ago(18)), number = "歇马镇罚决字〔2026〕1号", penalty = new { warning = false, fine = 500m } },
            HttpStatusCode.BadRequest);
        Assert.Equal("Case.NumberNotInName", decision.Code());
    }

    [Fact]
    public async Task ADecisionConfirmedUnlawfulLeavesThePublicPageWithinThreeWorkingDaysWithItsReason()
    {
        var c = await CrewAsync();
        var id = await DecidedAsync(c);
        await Step(id, "deliver", new { on = Day(Ago(18)), method = "Direct" });
        await Step(id, "publish", new { on = Day(Ago(17)) });
        var number = (await Get(id)).GetProperty("case").Str("decisionNumber");
        var district = await DistrictCodeAsync();
        var client = Host.Anonymous();
        async Task<IEnumerable<JsonElement>> PublishedAsync() =>
            (await client.GetAsync($"/api/public/decisions?district={district}&q={Uri.EscapeDataString(number)}").ExpectAsync(HttpStatusCode.OK)).Items();
        Assert.Single(await PublishedAsync());

        // 确认违法 in court (APL 48 ¶2, LAW 24): off the public page at once, due to be withdrawn within 3 working days, not enforced.
        var remedy = await RemedyAsync(id, "Litigation");
        var unlawful = await OutcomeAsync(id, remedy, new { outcome = "ConfirmedUnlawful", on = Day(Ago(5)) });
        Assert.Equal("ConfirmedUnlawful", unlawful.GetProperty("case").Str("overturned"));
        Assert.Contains(unlawful.GetProperty("deadlines").EnumerateArray(), d => d.Str("kind") == "PublicWithdrawal");
        Assert.Contains("Withdraw", Steps(unlawful));
        Assert.Empty(await PublishedAsync());
        var withdrawn = await client.GetAsync($"/api/public/decisions/withdrawn?district={district}&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        var statement = Assert.Single(withdrawn.Items(), w => w.Str("decisionNumber") == number);
        Assert.Equal(("ConfirmedUnlawful", "Litigation"), (statement.Str("outcome"), statement.Str("remedyKind")));
        var payment = await Refused(id, "record-payment", new { paidOn = Day(Ago(4)), amount = 1000m }, HttpStatusCode.Conflict);
        Assert.Equal("Case.DecisionOverturned", payment.Code());
        Assert.Contains("确认违法", payment.Str("detail"));

        // Withdrawn on the third working day: no longer due anywhere.
        var done = await Step(id, "withdraw", new { on = Day(Ago(4)) }, "office");
        Assert.Equal(Day(Ago(4)), done.GetProperty("case").Str("withdrawnFromPublicOn"));
        Assert.DoesNotContain(done.GetProperty("deadlines").EnumerateArray(), d => d.Str("kind") == "PublicWithdrawal");
        var deadlines = await (await As("town.xiema")).GetAsync($"/api/cases/deadlines?matter={c.Matter}&pageSize=500").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(deadlines.Items(), r => r.GetProperty("caseId").GetGuid() == id);
    }

    /// <summary>A new forestry penalty matter, in scope district-wide and given to 歇马镇 with general-procedure authority from today.</summary>
    private async Task<Guid> OwnPenaltyMatterAsync(string mode = "Entrustment", string[]? excluded = null)
    {
        var matter = (await (await As("office")).PostAsJsonAsync("/api/matters", MatterBody(Ids.Forestry, UniqueCode("P"), kind: "Penalty",
            entrustability: "NotEntrusted", domain: "forestry", lawName: "中华人民共和国森林法", lawArticle: "第七十六条", name: "测试处罚事项"))
            .ExpectAsync(HttpStatusCode.Created)).Id();
        await DecideAsync("MakeMatterDistrictWide", matter);
        await InForceAsync(AgreementBody(Ids.Forestry, Ids.Xiema, [new { matterId = matter, authority = "GeneralPenalty", excludedPenalties = excluded }],
            start: Ago(60), mode: mode, grantDecisionNumber: mode == "Grant" ? "渝府发〔2025〕12号" : null));
        return matter;
    }

    [Fact]
    public async Task APenaltyKindTheAgreementKeepsBackIsNeverNotifiedToTheParty()
    {
        var c = await CrewAsync() with { Matter = await OwnPenaltyMatterAsync(excluded: ["LicenceRevoked"]) };
        // The agreement is published today (never back-dated), so the case is filed, investigated and notified today.
        var id = (await (await As("town.xiema")).PostAsJsonAsync("/api/cases", Filing(c, filedAgo: 0)).ExpectAsync(HttpStatusCode.Created))
            .GetProperty("case").Id();
        await Step(id, "investigate", new { on = Day(Today), officerIds = new[] { c.First, c.Second } });
        await (await As("town.xiema")).PostAsJsonAsync($"/api/cases/{id}/evidence",
            new { collectedOn = Day(Today), kind = "书证", description = "采伐记录", officerIds = new[] { c.First, c.Second } })
            .ExpectAsync(HttpStatusCode.Created);
        var revocation = await Refused(id, "notify", new
        {
            on = Day(Today),
            penalty = new { warning = false, fine = 500m, measure = "LicenceRevoked" },
            factsReasonsAndBasis = "拟吊销林木采伐许可证",
        }, HttpStatusCode.BadRequest);
        Assert.Equal("Case.PenaltyKindExcluded", revocation.Code());
        Assert.Contains("吊销", revocation.Str("detail"));
        Assert.Contains("第二十条", revocation.Str("detail"));
        // The kinds it keeps are the township's to impose.
        Assert.Equal("Notified", (await Step(id, "notify", new { on = Day(Today), penalty = new { warning = false, fine = 500m }, factsReasonsAndBasis = "拟处罚款" }))
            .GetProperty("case").Str("state"));
    }

    [Fact]
    public async Task UnderAGrantTheNumbersAreInTheTownshipsOwnName()
    {
        var matter = await OwnPenaltyMatterAsync("Grant");
        var c = await CrewAsync() with { Matter = matter };
        var inNameOf = (await EntitlementAsync(Ids.Xiema, matter, "GeneralPenalty")).Str("actingInNameOf");
        Assert.NotEqual("区林业局", inNameOf);
        var before = await CaseCountAsync();
        // 赋权 (APL 24): the township acts in its own name, so a number in the department's name is refused (LAW 5).
        var refused = await (await As("town.xiema")).PostAsJsonAsync("/api/cases", Filing(c, $"区林业局立字〔2026〕测{Guid.NewGuid():N}号", filedAgo: 0))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Case.NumberNotInName", refused.Code());
        Assert.Contains(inNameOf, refused.Str("detail"));
        Assert.Contains("第二十条", refused.Str("detail"));
        Assert.Equal(before, await CaseCountAsync());
        var filed = await (await As("town.xiema")).PostAsJsonAsync("/api/cases", Filing(c, filedAgo: 0)).ExpectAsync(HttpStatusCode.Created);
        Assert.StartsWith(inNameOf + "立字〔", filed.GetProperty("case").Str("number"));
    }

    [Fact]
    public async Task ADecidedCaseLaterTransferredIsDueForPublicationNowhere()
    {
        var c = await CrewAsync();
        // Decided 19 days ago with social impact: its publication day (7 working days on) has passed.
        var id = await DecidedAsync(c, decidedAgo: 19);
        var transferred = await Step(id, "transfer", new { on = Day(Ago(9)), receivingBody = "重庆市公安局北碚区分局", reason = "涉嫌滥伐林木罪" });
        Assert.DoesNotContain("Publish", Steps(transferred));
        Assert.DoesNotContain(transferred.GetProperty("deadlines").EnumerateArray(), d => d.Str("kind") == "Publication");
        var overdue = await (await As("town.xiema")).GetAsync($"/api/cases?overdue=true&matter={c.Matter}&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(overdue.Items(), r => r.Id() == id);
        var deadlines = await (await As("town.xiema")).GetAsync($"/api/cases/deadlines?matter={c.Matter}&pageSize=500").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(deadlines.Items(), r => r.GetProperty("caseId").GetGuid() == id);
        Assert.Equal("Case.NothingToPublish", (await Refused(id, "publish", new { on = Day(Ago(1)) }, HttpStatusCode.Conflict)).Code());
    }

    [Fact]
    public async Task TheListsExpressionsAndTheCasesMembersAgreeOnTheDatabase()
    {
        var c = await CrewAsync();
        List<Guid> ids = [];
        // A decision to publish, overdue; one published; one transferred after the decision; one revoked after publication.
        ids.Add(await DecidedAsync(c, decidedAgo: 19));
        var published = await DecidedAsync(c, decidedAgo: 2);
        await Step(published, "publish", new { on = Day(Ago(1)) });
        ids.Add(published);
        var transferred = await DecidedAsync(c, decidedAgo: 19);
        await Step(transferred, "transfer", new { on = Day(Ago(9)), receivingBody = "重庆市公安局北碚区分局", reason = "涉嫌犯罪" });
        ids.Add(transferred);
        var revoked = await DecidedAsync(c, decidedAgo: 18);
        await Step(revoked, "deliver", new { on = Day(Ago(18)), method = "Direct" });
        await Step(revoked, "publish", new { on = Day(Ago(17)) });
        await OutcomeAsync(revoked, await RemedyAsync(revoked), new { outcome = "Revoked", on = Day(Ago(5)) });
        ids.Add(revoked);
        // A fine delivered and unpaid, overdue; one due soon; one paid; a case still awaiting its decision.
        var unpaid = await DecidedAsync(c, decidedAgo: 18, publish: false);
        await Step(unpaid, "deliver", new { on = Day(Ago(18)), method = "Direct" });
        ids.Add(unpaid);
        var soon = await DecidedAsync(c, decidedAgo: 5, publish: false);
        await Step(soon, "deliver", new { on = Day(Ago(5)), method = "Direct" });
        ids.Add(soon);
        var paid = await DecidedAsync(c, decidedAgo: 5, publish: false);
        await Step(paid, "deliver", new { on = Day(Ago(5)), method = "Direct" });
        await Step(paid, "record-payment", new { paidOn = Day(Ago(4)), amount = 1000m });
        ids.Add(paid);
        ids.Add((await (await As("town.xiema")).PostAsJsonAsync("/api/cases", Filing(c)).ExpectAsync(HttpStatusCode.Created)).GetProperty("case").Id());
        // One notified, the party's windows open; one revoked after publication whose withdrawal is recorded.
        ids.Add(await NotifiedAsync(c));
        var withdrawn = await DecidedAsync(c, decidedAgo: 18);
        await Step(withdrawn, "deliver", new { on = Day(Ago(18)), method = "Direct" });
        await Step(withdrawn, "publish", new { on = Day(Ago(17)) });
        await OutcomeAsync(withdrawn, await RemedyAsync(withdrawn), new { outcome = "ConfirmedUnlawful", on = Day(Ago(5)) });
        await Step(withdrawn, "withdraw", new { on = Day(Ago(4)) });
        ids.Add(withdrawn);

        (DateOnly? From, DateOnly To)[] windows =
            [(null, Ago(1)), (Today, Today.AddDays(14)), (null, Today.AddDays(120)), (Ago(30), Ago(10)), (Ago(4), Ago(4))];
        (string Name, Func<DateOnly?, DateOnly, Expression<Func<Case, bool>>> Query, Func<Case, DateOnly?, DateOnly, bool> Member)[] questions =
        [
            ("publication", Case.PublicationDueWithin, (x, from, to) => x.IsPublicationDueWithin(from, to)),
            ("payment", Case.PaymentDueWithin, (x, from, to) => x.IsPaymentDueWithin(from, to)),
            ("decision", Case.DecisionDueWithin, (x, from, to) => x.IsDecisionDueWithin(from, to)),
        ];
        var cases = await Host.WithDbAsync(db => db.Cases.IgnoreQueryFilters().AsNoTracking().Where(x => ids.Contains(x.Id)).ToListAsync());
        Assert.Equal(ids.Count, cases.Count);
        var someTrue = 0;
        foreach (var (name, query, member) in questions)
        {
            foreach (var (from, to) in windows)
            {
                var inSql = await Host.WithDbAsync(db => db.Cases.IgnoreQueryFilters().Where(x => ids.Contains(x.Id)).Where(query(from, to))
                    .Select(x => x.Id).ToListAsync());
                var inMemory = cases.Where(x => member(x, from, to)).Select(x => x.Id).ToList();
                Assert.True(inSql.Order().SequenceEqual(inMemory.Order()), $"{name} within {from}..{to}: SQL and member disagree");
                someTrue += inMemory.Count;
            }
        }
        // The questions without a window: each SQL expression and its member give the same cases, and each finds at least one.
        (string Name, Expression<Func<Case, bool>> Query, Func<Case, bool> Member)[] states =
        [
            ("awaits withdrawal", Case.AwaitingWithdrawal(), x => x.AwaitsWithdrawal),
            ("on the public page", Case.OnPublicPage(), x => x.IsOnPublicPage),
            ("withdrawn from the public page", Case.WithdrawnFromPublicPage(), x => x.IsWithdrawnFromPublicPage),
            ("party response or delivery", Case.AwaitingPartyResponseOrDelivery(), x => x.AwaitsPartyResponse || x.AwaitsDelivery),
        ];
        foreach (var (name, query, member) in states)
        {
            var inSql = await Host.WithDbAsync(db => db.Cases.IgnoreQueryFilters().Where(x => ids.Contains(x.Id)).Where(query)
                .Select(x => x.Id).ToListAsync());
            var inMemory = cases.Where(member).Select(x => x.Id).ToList();
            Assert.True(inSql.Order().SequenceEqual(inMemory.Order()), $"{name}: SQL and member disagree");
            Assert.NotEmpty(inMemory);
        }
        Assert.True(cases.Single(x => x.Id == revoked).AwaitsWithdrawal);
        Assert.False(cases.Single(x => x.Id == withdrawn).AwaitsWithdrawal);
        Assert.True(cases.Single(x => x.Id == withdrawn).IsWithdrawnFromPublicPage);
        Assert.True(cases.Single(x => x.Id == published).IsOnPublicPage);
        Assert.False(cases.Single(x => x.Id == revoked).IsOnPublicPage);
        // The table is not trivially empty: the overdue publication and the overdue payment are each found.
        Assert.True(cases.Single(x => x.Id == ids[0]).IsPublicationOverdue(Today));
        Assert.True(cases.Single(x => x.Id == unpaid).IsPaymentDueWithin(null, Ago(1)));
        Assert.False(cases.Single(x => x.Id == revoked).AwaitsPayment);
        Assert.True(someTrue > 5);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CaseOutcomesApiTests_Sqlite(SqliteHost host) : CaseOutcomesApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class CaseOutcomesApiTests_Postgres(PostgresHost host) : CaseOutcomesApiTests(host);
