using Entrust.Tests.Hosting;
using Entrust.Web.Data;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Calendar;
using Entrust.Web.Features.Cases;
using Entrust.Web.Features.Officers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entrust.Tests.Api;

/// <summary>
/// A case written and read back on each provider: every step's facts, the penalties (absent, none, a fine), the child rows,
/// the evidence officers (a primitive collection) and an evidence file.
/// </summary>
public abstract class CasePersistenceTests(HostFixture host) : ApiTest(host)
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso);

    private sealed record Standing(Guid District, Guid Township, Guid Matter, Guid Department, Guid Agreement, ActingOfficer First,
        ActingOfficer Second);

    private Task<Standing> StandingAsync() => Host.WithDbAsync(async db =>
    {
        var agreement = await db.Agreements.AsNoTracking().Include(a => a.Matters)
            .FirstAsync(a => a.TownshipId == Ids.Xiema && a.Matters.Count > 0);
        var matterId = agreement.Matters[0].MatterId;
        var department = await db.Matters.Where(m => m.Id == matterId).Select(m => m.DepartmentId).SingleAsync();
        var officers = await db.Officers.AsNoTracking().Where(o => o.TownshipId == Ids.Xiema).OrderBy(o => o.Id).Take(2).ToListAsync();
        return new Standing(agreement.DistrictId, Ids.Xiema, matterId, department, agreement.Id,
            new ActingOfficer(officers[0].Id, officers[0].Name, MayActAnswer.Yes), new ActingOfficer(officers[1].Id, officers[1].Name, MayActAnswer.Yes));
    });

    private static Entitlement Entitled(Standing s) =>
        new(true, null, [], s.Agreement, "北碚委托〔2026〕1号", AgreementMode.Entrustment, Authority.GeneralPenalty, null, s.Department, "重庆市北碚区林业局");

    private static Case File(Standing s, CaseParty party, DateOnly filedOn) =>
        new(new CaseFiling(s.District, s.Township, s.Matter, "北碚林立〔2026〕" + Guid.NewGuid().ToString("N")[..8] + "号", party,
            "擅自在林区野外用火", filedOn.AddDays(-10), null, false, filedOn, filedOn, DepartmentId: s.Department),
            Entitled(s), [s.First, s.Second], CaseSettings.Defaults);

    private async Task<Case> ReadAsync(Guid id) =>
        await Host.WithDbAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == id));

    [Fact]
    public async Task AGeneralProcedureCaseIsReadBackAsWritten()
    {
        var s = await StandingAsync();
        var calendar = WorkingDayCalendar.Empty;
        var officers = new[] { s.First, s.Second };
        var c = File(s, new CaseParty(PartyKind.Organisation, "歇马某农家乐有限公司", "91500109MA5U5XXX0X"), D("2026-06-01"));
        c.BeginInvestigation(D("2026-06-01"), officers);
        var evidence = c.AddEvidence(D("2026-06-02"), "现场笔录", "林区内有焚烧痕迹", officers);
        c.Classify(major: true, complex: false);
        c.Extend(new ExtensionFacts(D("2026-06-02"), 30, "局长王某", true, "案情复杂"), D("2026-06-02"), CaseSettings.Defaults);
        c.Notify(new NoticeFacts(D("2026-06-03"), Penalty.FineOf(60000m), "事实、理由、依据及权利"), CaseSettings.Defaults, calendar);
        c.RequestHearing(D("2026-06-05"));
        var chair = Guid.NewGuid();
        c.HoldHearing(new HearingFacts(D("2026-06-08"), D("2026-06-18"), chair, "陈主持", "听证笔录"), calendar);
        c.RecordLegalReview(new LegalReviewFacts(D("2026-06-19"), Guid.NewGuid(), "法制审核员", true, "同意"));
        c.RecordCollectiveDiscussion(D("2026-06-22"), "同意处罚");
        c.Decide(new DecisionFacts(D("2026-06-23"), "北碚林罚〔2026〕" + Guid.NewGuid().ToString("N")[..6] + "号", Penalty.FineOf(50000m), SocialImpact: true),
            Entitled(s), CaseSettings.Defaults, calendar);
        c.Deliver(new DeliveryFacts(D("2026-06-24"), DeliveryMethod.Electronic, D("2026-06-23")), calendar);
        c.Publish(D("2026-06-25"));
        c.RecordPayment(D("2026-07-01"), 50000m);
        c.Close(D("2026-07-02"));
        byte[] photo = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3];
        await Host.WithDbAsync(async db =>
        {
            db.Cases.Add(c);
            db.CaseEvidenceFiles.Add(new CaseEvidenceFile(evidence, "现场.jpg", "image/jpeg", photo, Host.Clock.GetUtcNow(), "test"));
            return await db.SaveChangesAsync();
        });

        // A remedy recorded later on the loaded case is added as a new row.
        var remedyId = await Host.WithDbAsync(async db =>
        {
            var loaded = await db.Cases.SingleAsync(x => x.Id == c.Id);
            var remedy = loaded.RecordRemedy(RemedyKind.Reconsideration, D("2026-07-10"), "重庆市北碚区人民政府");
            await db.SaveChangesAsync();
            return remedy.Id;
        });
        await Host.WithDbAsync(async db =>
        {
            var loaded = await db.Cases.SingleAsync(x => x.Id == c.Id);
            loaded.RecordRemedyOutcome(remedyId, RemedyOutcome.Upheld, D("2026-08-01"), calendar);
            return await db.SaveChangesAsync();
        });

        var read = await ReadAsync(c.Id);
        Assert.Equal(CaseState.Closed, read.State);
        Assert.Equal(s.Department, read.DepartmentId);
        Assert.Equal(c.Number, read.Number);
        Assert.Equal(PartyKind.Organisation, read.PartyKind);
        Assert.Equal("91500109MA5U5XXX0X", read.PartyIdentifier);
        Assert.Equal(D("2026-05-22"), read.ActOn);
        Assert.Equal(D("2028-05-22"), read.LimitationLastDay);
        Assert.Equal(D("2026-06-01").AddDays(90 + 30), read.DecisionDueOn);
        Assert.True(read.IsMajor);
        Assert.Equal(Penalty.FineOf(60000m), read.NotifiedPenalty);
        Assert.Equal(Penalty.FineOf(50000m), read.DecidedPenalty);
        Assert.True(read.HearingOffered);
        Assert.Equal(chair, read.HearingChairId);
        Assert.Equal("同意", read.LegalReviewOpinion);
        Assert.Equal(D("2026-06-22"), read.DiscussedOn);
        Assert.Equal(c.DecisionNumber, read.DecisionNumber);
        Assert.True(read.MustPublish);
        Assert.Equal(D("2026-07-02"), read.PublicationDueOn);
        Assert.Equal(D("2026-06-25"), read.PublishedOn);
        Assert.Equal(DeliveryMethod.Electronic, read.DeliveryMethod);
        Assert.Equal(D("2026-06-23"), read.ElectronicConsentOn);
        Assert.Equal(D("2026-07-09"), read.PaymentDueOn);
        Assert.Equal(50000m, read.AmountPaid);
        Assert.Equal(0m, read.LatePenaltyCharged);
        Assert.Equal(D("2026-07-02"), read.ClosedOn);
        Assert.Equal(AgreementMode.Entrustment, read.Mode);
        Assert.Equal("重庆市北碚区林业局", read.ActingInNameOf);

        Assert.Equal(
            c.Officers.Select(o => (o.OfficerId, o.Step)).OrderBy(o => o.OfficerId).ThenBy(o => o.Step),
            read.Officers.Select(o => (o.OfficerId, o.Step)).OrderBy(o => o.OfficerId).ThenBy(o => o.Step));
        var item = Assert.Single(read.Evidence);
        Assert.Equal(evidence.Id, item.Id);
        Assert.Equal(new[] { s.First.OfficerId, s.Second.OfficerId }.Order(), item.OfficerIds.Order());
        var extension = Assert.Single(read.Extensions);
        Assert.Equal((30, D("2026-08-30")), (extension.Days, extension.PreviousDueOn));
        var remedyRead = Assert.Single(read.Remedies);
        Assert.Equal((RemedyOutcome.Upheld, D("2026-08-01")), (remedyRead.Outcome, remedyRead.DecidedOn));

        // The audit trail keeps the penalties, columns of the case like any other.
        var audit = await Host.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.EntityType == "Case" && a.EntityId == c.Id.ToString()).Select(a => a.After).ToListAsync());
        Assert.Contains(audit, after => after!.Contains("\"DecidedPenalty.Fine\":50000", StringComparison.Ordinal));

        var file = await Host.WithDbAsync(db => db.CaseEvidenceFiles.AsNoTracking().SingleAsync(f => f.CaseId == c.Id));
        Assert.Equal(photo, file.Content);
        Assert.Equal(evidence.Id, file.EvidenceId);
    }

    [Fact]
    public async Task NoPenaltyIsNotAnAbsentPenalty()
    {
        var s = await StandingAsync();
        var officers = new[] { s.First, s.Second };
        var filed = File(s, new CaseParty(PartyKind.Person, "刘某", "11010519491231002X"), D("2026-06-01"));
        var decided = File(s, new CaseParty(PartyKind.Person, "王某", "11010519491231002X"), D("2026-06-01"));
        decided.BeginInvestigation(D("2026-06-01"), officers);
        decided.AddEvidence(D("2026-06-02"), "询问笔录", "当事人陈述", officers);
        decided.Notify(new NoticeFacts(D("2026-06-03"), Penalty.WarningOnly, "事实、理由、依据及权利"), CaseSettings.Defaults,
            WorkingDayCalendar.Empty);
        decided.RecordWaiver(D("2026-06-03"));
        decided.Decide(new DecisionFacts(D("2026-06-04"), "北碚林不罚〔2026〕" + Guid.NewGuid().ToString("N")[..6] + "号", Penalty.None), Entitled(s));
        await Host.WithDbAsync(async db =>
        {
            db.Cases.AddRange(filed, decided);
            return await db.SaveChangesAsync();
        });

        var readFiled = await ReadAsync(filed.Id);
        Assert.Null(readFiled.NotifiedPenalty);
        Assert.Null(readFiled.DecidedPenalty);
        Assert.Empty(readFiled.Evidence);
        var readDecided = await ReadAsync(decided.Id);
        Assert.Equal(Penalty.WarningOnly, readDecided.NotifiedPenalty);
        Assert.Equal(Penalty.None, readDecided.DecidedPenalty);
        Assert.False(readDecided.MustPublish);
        Assert.Equal(D("2026-06-03"), readDecided.RightsWaivedOn);
    }

    [Fact]
    public async Task AStepOnAStaleCaseIsRefused()
    {
        var s = await StandingAsync();
        var c = File(s, new CaseParty(PartyKind.Person, "刘某", "11010519491231002X"), D("2026-06-01"));
        await Host.WithDbAsync(async db =>
        {
            db.Cases.Add(c);
            return await db.SaveChangesAsync();
        });
        using var first = Host.Services.CreateScope();
        using var second = Host.Services.CreateScope();
        var one = first.ServiceProvider.GetRequiredService<EntrustDbContext>();
        var two = second.ServiceProvider.GetRequiredService<EntrustDbContext>();
        var mine = await one.Cases.SingleAsync(x => x.Id == c.Id);
        var theirs = await two.Cases.SingleAsync(x => x.Id == c.Id);
        mine.BeginInvestigation(D("2026-06-02"), [s.First, s.Second]);
        one.Entry(mine).Property<int>(CaseBook.VersionProperty).CurrentValue++;
        await one.SaveChangesAsync();
        theirs.TransferToJudiciary(D("2026-06-02"), "重庆市公安局北碚区分局", "涉嫌滥伐林木罪");
        two.Entry(theirs).Property<int>(CaseBook.VersionProperty).CurrentValue++;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => two.SaveChangesAsync());
        Assert.Equal(CaseState.Investigating, (await ReadAsync(c.Id)).State);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CasePersistenceTests_Sqlite(SqliteHost host) : CasePersistenceTests(host);

[Collection(PostgresCollection.Name)]
public sealed class CasePersistenceTests_Postgres(PostgresHost host) : CasePersistenceTests(host);
