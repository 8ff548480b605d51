using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Gaps;
using Entrust.Web.Features.Meetings;
using Entrust.Web.Features.Officers;
using Entrust.Web.Features.Reports;
using Entrust.Web.Platform;
using Microsoft.Extensions.Time.Testing;
using AgreementEntity = Entrust.Web.Features.Agreements.Agreement;
using CertificateEntity = Entrust.Web.Features.Officers.Certificate;
using MatterEntity = Entrust.Web.Features.Catalog.Matter;
using RuleSet = Entrust.Web.Features.Gaps.GapRules;
using ScopeRequestEntity = Entrust.Web.Features.Scope.ScopeRequest;

namespace Entrust.Tests.Rules;

/// <summary>
/// Each gap rule fires, doesn't fire, clears and reopens, as the clock moves over the same records: the gap's lifecycle
/// open → acknowledged → resolved / closed → reopened follows the findings of each day.
/// </summary>
public sealed class GapRules
{
    private static readonly Guid District = Guid.NewGuid();
    private static readonly Department Safety = new(District, "AJ", "区应急管理局");
    private static readonly Township Xiema = new(District, "500109112", "歇马镇", TownshipKind.Town, isPilot: true);
    private static readonly MatterEntity Roads = new(District,
        new MatterFields(Safety.Id, "QQ-04", "乡村道路安全检查", "work-safety", MatterKind.Inspection, "中华人民共和国安全生产法", "第六十五条",
            Entrustability.DistrictWide));

    private static readonly DateOnly Start = new(2026, 1, 1);
    private static readonly DateOnly End = new(2028, 12, 31);

    /// <summary>The clock of the scans: 2026-01-01 08:00 in Asia/Shanghai, moved by each test.</summary>
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private DateOnly Today => _clock.TodayInChina();

    private void MoveTo(DateOnly day) => _clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    private static AgreementEntity InForce(DateOnly? start = null, DateOnly? end = null, string number = "北碚委托〔2026〕1号")
    {
        var from = start ?? Start;
        var agreement = new AgreementEntity(Safety, Xiema, number,
            new AgreementTerms(AgreementMode.Entrustment, null, from, end ?? End, "甲方指导监督，乙方以甲方名义执法。", 20000m, "区财政拨付",
                true, true, true),
            [(Roads, Authority.InspectionOnly, (decimal?)null)]);
        var on = from.AddDays(-5);
        agreement.Submit(on);
        agreement.Review(on, "法制科", true);
        agreement.Sign(on, on, "区应急管理局", "歇马镇人民政府");
        agreement.Publish(on, on, "区政府网站");
        return agreement;
    }

    private static Officer OfficerOfXiema(string name = "张伟") =>
        new(District, OfficerUnit.OfTownship(Xiema.Id), new OfficerFields(name, Gender.Male, "11010519491231002X", "13812341234", "队员", StaffType.Established));

    private static CertificateEntity CertificateOf(Officer officer, DateOnly issuedOn, string domain = "work-safety") =>
        new(officer, "渝执" + Guid.NewGuid().ToString("N")[..8], [domain], issuedOn, QualificationSettings.Defaults(District), null);

    private sealed class Records
    {
        public List<AgreementEntity> Agreements { get; } = [InForce()];
        public List<Docking> Dockings { get; } = [];
        public List<Officer> Officers { get; } = [];
        public List<CertificateEntity> Certificates { get; } = [];
        public List<GapActivity> Activities { get; } = [];
        public List<ScopeRequestEntity> ScopeRequests { get; } = [];
        public List<GapOpenRecord> OpenRecords { get; } = [];
        public GapSettings Settings { get; set; } = GapSettings.Defaults(District);

        public Officer Holder(string name, DateOnly issuedOn)
        {
            var officer = OfficerOfXiema(name);
            Officers.Add(officer);
            Certificates.Add(CertificateOf(officer, issuedOn));
            return officer;
        }

        public List<GapReportDue> OpenReports { get; } = [];
        public List<ActionItem> OpenActionItems { get; } = [];

        public GapRecords Build() => new([new MatterFacts(Roads.Id, District, Safety.Id, Roads.Domain)], Agreements, Dockings, Officers,
            Certificates, Activities, ScopeRequests, OpenRecords, Settings, [.. OpenReports.Where(r => r.Report.IsOpen)],
            [.. OpenActionItems.Where(a => a.IsOpen)]);
    }

    /// <summary>A district with its pair of qualified holders and its docking, so that only the rule under test finds anything.</summary>
    private static Records Quiet()
    {
        var records = new Records();
        records.Holder("张伟", Start);
        records.Holder("李强", Start);
        records.Dockings.Add(new Docking(District, Xiema.Id, Safety.Id, Guid.NewGuid()));
        return records;
    }

    private static IReadOnlyList<GapFinding> Of(GapKind kind, GapRecords records, DateOnly day) =>
        [.. RuleSet.Find(records, day).Where(f => f.Kind == kind)];

    private readonly Dictionary<(GapKind, string), Gap> _stored = [];

    /// <summary>One scan on the clock's day: the findings brought into the stored gaps, as <c>GapScanner</c> does.</summary>
    private GapChanges Scan(Records records)
    {
        var changes = GapLedger.Apply(District, _stored, RuleSet.Find(records.Build(), Today), Today, _clock.GetUtcNow(),
            new GapEscalation(Calendar, GapSettings.DefaultEscalationWorkingDays));
        foreach (var gap in changes.Added)
        {
            _stored[(gap.Kind, gap.Key)] = gap;
        }
        return changes;
    }

    /// <summary>Weekends rest, no holiday: the escalation's working days.</summary>
    private static readonly Entrust.Web.Features.Calendar.WorkingDayCalendar Calendar = Entrust.Web.Features.Calendar.WorkingDayCalendar.Empty;

    private Gap Stored(GapKind kind) => Assert.Single(_stored.Values, g => g.Kind == kind);

    // ---- dormant entrusted matter

    [Fact]
    public void AMatterWithNoActByTheTownshipForNinetyDaysIsDormantSinceItCameIntoForce()
    {
        var found = Assert.Single(Of(GapKind.DormantMatter, Quiet().Build(), Start.AddDays(90)));

        Assert.Equal(Start, found.Since);
        Assert.Equal(Xiema.Id, found.TownshipId);
        Assert.Equal(Safety.Id, found.DepartmentId);
        Assert.Equal(Roads.Id, found.MatterId);
        Assert.Equal(["90", "90", ""], found.Figures);
        Assert.Equal(GapSeverity.Medium, found.Severity);
        Assert.Empty(Of(GapKind.DormantMatter, Quiet().Build(), Start.AddDays(89)));
    }

    [Fact]
    public void AnInspectionByTheTownshipKeepsTheMatterAwake()
    {
        var records = Quiet();
        records.Activities.Add(new GapActivity(Xiema.Id, Roads.Id, Start.AddDays(30), ByTownship: true));

        Assert.Empty(Of(GapKind.DormantMatter, records.Build(), Start.AddDays(119)));
        Assert.Equal(Start.AddDays(30), Assert.Single(Of(GapKind.DormantMatter, records.Build(), Start.AddDays(120))).Since);
    }

    [Fact]
    public void TheDepartmentActingThereItselfDoesNotWakeTheMatterButIsShown()
    {
        var records = Quiet();
        records.Activities.Add(new GapActivity(Xiema.Id, Roads.Id, Start.AddDays(40), ByTownship: false));

        var found = Assert.Single(Of(GapKind.DormantMatter, records.Build(), Start.AddDays(200)));
        Assert.Equal("2026-02-10", found.Figures[2]);
        Assert.Equal(GapSeverity.High, found.Severity);
    }

    [Fact]
    public void TheOfficesFigureForTheDomainDecidesWhenAMatterIsDormant()
    {
        var records = Quiet();
        records.Settings.Set(90, new Dictionary<string, int> { ["work-safety"] = 180 });

        Assert.Empty(Of(GapKind.DormantMatter, records.Build(), Start.AddDays(179)));
        Assert.Single(Of(GapKind.DormantMatter, records.Build(), Start.AddDays(180)));
    }

    [Fact]
    public void AMatterNotInForceIsNeverDormant()
    {
        var records = Quiet();
        records.Agreements[0].Terminate(Start.AddDays(10), Start.AddDays(10), "乡镇机构调整");

        Assert.Empty(Of(GapKind.DormantMatter, records.Build(), Start.AddDays(200)));
    }

    [Fact]
    public void ADormantMatterClearsWhenTheTownshipInspectsAndReopensWhenItFallsSilentAgain()
    {
        var records = Quiet();
        MoveTo(Start.AddDays(90));
        Assert.Equal(1, Scan(records).Opened);
        var gap = Stored(GapKind.DormantMatter);
        Assert.Equal(GapState.Open, gap.State);

        MoveTo(Start.AddDays(95));
        records.Activities.Add(new GapActivity(Xiema.Id, Roads.Id, Start.AddDays(94), ByTownship: true));
        Assert.Equal(1, Scan(records).Resolved);
        Assert.Equal(GapState.Resolved, gap.State);
        Assert.Equal(Start.AddDays(95), gap.ResolvedOn);

        MoveTo(Start.AddDays(94 + 90));
        Assert.Equal(1, Scan(records).Reopened);
        Assert.Equal(GapState.Open, gap.State);
        Assert.Equal(Start.AddDays(94), gap.Since);
        Assert.Equal(1, gap.TimesReopened);
        Assert.Equal([GapState.Open, GapState.Resolved, GapState.Open], gap.History.Select(h => h.State));
    }

    // ---- no qualified pair

    [Fact]
    public void TwoQualifiedHoldersThroughTheNextSixtyDaysAreNoGap() =>
        Assert.Empty(Of(GapKind.NoQualifiedPair, Quiet().Build(), Start.AddDays(30)));

    [Fact]
    public void OneQualifiedHolderIsAGapTodaySinceTheTownshipHeldTheDomain()
    {
        var records = new Records();
        records.Holder("张伟", Start);

        var found = Assert.Single(Of(GapKind.NoQualifiedPair, records.Build(), Start.AddDays(30)));
        Assert.Equal(GapSeverity.High, found.Severity);
        Assert.Equal(Start, found.Since);
        Assert.Equal("work-safety", found.Domain);
        Assert.Equal(["1", "1", "2026-01-01"], found.Figures);
    }

    [Fact]
    public void ACertificateFallingDueForReviewWithinSixtyDaysIsAComingGap()
    {
        var records = Quiet();
        records.Holder("王芳", Start.AddMonths(-11)); // reviewed never: her review falls due within the window
        records.Officers.RemoveAt(1);
        records.Certificates.RemoveAt(1);

        var day = Start.AddDays(10);
        var found = Assert.Single(Of(GapKind.NoQualifiedPair, records.Build(), day));
        Assert.Equal(GapSeverity.Medium, found.Severity);
        Assert.Equal(Start.AddMonths(1).AddDays(1), found.Since);
        Assert.Equal("2", found.Figures[0]);
        Assert.Equal("1", found.Figures[1]);
    }

    [Fact]
    public void AnOfficerWhoLeavesOpensTheGapAndANewHolderResolvesIt()
    {
        var records = Quiet();
        MoveTo(Start.AddDays(20));
        Scan(records);
        Assert.DoesNotContain(_stored.Values, g => g.Kind == GapKind.NoQualifiedPair);

        records.Officers[1].Leave(Start.AddDays(25), "调离");
        MoveTo(Start.AddDays(30));
        Scan(records);
        var gap = Stored(GapKind.NoQualifiedPair);
        Assert.Equal(Start.AddDays(25), gap.Since);

        records.Holder("赵敏", Start.AddDays(40));
        MoveTo(Start.AddDays(40));
        Assert.Equal(1, Scan(records).Resolved);
        Assert.Equal(GapState.Resolved, gap.State);
    }

    // ---- agreement about to lapse

    [Fact]
    public void AnAgreementEndingWithinSixtyDaysWithoutSuccessorIsAboutToLapse()
    {
        var records = Quiet();
        var found = Assert.Single(Of(GapKind.AgreementLapsing, records.Build(), End.AddDays(-60)));
        Assert.Equal(End.AddDays(-60), found.Since);
        Assert.Equal(["2028-12-31", "60", "北碚委托〔2026〕1号"], found.Figures);
        Assert.Empty(Of(GapKind.AgreementLapsing, records.Build(), End.AddDays(-61)));
        Assert.Equal(GapSeverity.High, Assert.Single(Of(GapKind.AgreementLapsing, records.Build(), End.AddDays(-15))).Severity);
    }

    [Fact]
    public void ASuccessorDraftedClearsTheLapseAndItsTerminationReopensIt()
    {
        var records = Quiet();
        MoveTo(End.AddDays(-50));
        Scan(records);
        var gap = Stored(GapKind.AgreementLapsing);

        var successor = new AgreementEntity(Safety, Xiema, "北碚委托〔2028〕9号",
            new AgreementTerms(AgreementMode.Entrustment, null, End.AddDays(1), End.AddYears(3), "续签。", null, null, true, true, true),
            [(Roads, Authority.InspectionOnly, (decimal?)null)]);
        records.Agreements.Add(successor);
        MoveTo(End.AddDays(-40));
        Scan(records);
        Assert.Equal(GapState.Resolved, gap.State);

        records.Agreements.Remove(successor);
        MoveTo(End.AddDays(-30));
        Scan(records);
        Assert.Equal(GapState.Open, gap.State);
        Assert.Equal(1, gap.TimesReopened);
    }

    // ---- an agreement ended with records still open

    [Fact]
    public void ATerminatedAgreementWithACaseStillOpenUnderItNeedsTheDepartmentToTakeItOver()
    {
        var records = Quiet();
        var agreement = records.Agreements[0];
        var caseId = Guid.NewGuid();
        records.OpenRecords.Add(new GapOpenRecord(true, caseId, Xiema.Id, Roads.Id, agreement.Id, Start.AddDays(20)));
        records.OpenRecords.Add(new GapOpenRecord(false, Guid.NewGuid(), Xiema.Id, Roads.Id, null, Start.AddDays(30)));
        var ends = Start.AddDays(100);
        agreement.Terminate(ends, ends, "乡镇机构调整");

        Assert.Empty(Of(GapKind.EndedWithOpenRecords, records.Build(), ends.AddDays(-1)));
        var found = Assert.Single(Of(GapKind.EndedWithOpenRecords, records.Build(), ends));
        Assert.Equal(ends, found.Since);
        Assert.Equal(GapSeverity.High, found.Severity);
        Assert.Equal(agreement.Id, found.AgreementId);
        Assert.Equal(Safety.Id, found.DepartmentId);
        Assert.Equal([agreement.Number, ends.AddDays(-1).ToString("yyyy-MM-dd"), "1", "1"], found.Figures);
        Assert.Contains($"/Cases/Detail/{caseId}", found.Evidence);
    }

    [Fact]
    public void AnOpenOrderAloneIsMediumAndClosingTheRecordsResolvesTheGap()
    {
        var records = Quiet();
        var agreement = records.Agreements[0];
        records.OpenRecords.Add(new GapOpenRecord(false, Guid.NewGuid(), Xiema.Id, Roads.Id, null, Start.AddDays(30)));
        var ends = Start.AddDays(100);
        agreement.Terminate(ends, ends, "乡镇机构调整");
        MoveTo(ends);

        Scan(records);
        Assert.Equal(GapSeverity.Medium, Stored(GapKind.EndedWithOpenRecords).Severity);

        records.OpenRecords.Clear();
        MoveTo(ends.AddDays(1));
        Scan(records);
        Assert.Equal(GapState.Resolved, Stored(GapKind.EndedWithOpenRecords).State);
    }

    [Fact]
    public void RecordsOnAMatterAnotherAgreementGivesTheTownshipTodayAreCarriedOnAndAnOrderIssuedAfterTheEndIsNotItsOwn()
    {
        var records = Quiet();
        var first = records.Agreements[0];
        var ends = Start.AddDays(100);
        first.Terminate(ends, ends, "重新签订");
        records.OpenRecords.Add(new GapOpenRecord(true, Guid.NewGuid(), Xiema.Id, Roads.Id, first.Id, Start.AddDays(20)));
        records.Agreements.Add(InForce(ends, End, "北碚委托〔2026〕9号"));

        Assert.Empty(Of(GapKind.EndedWithOpenRecords, records.Build(), ends.AddDays(10)));

        records.Agreements.RemoveAt(1);
        records.OpenRecords.Clear();
        records.OpenRecords.Add(new GapOpenRecord(false, Guid.NewGuid(), Xiema.Id, Roads.Id, null, ends.AddDays(3)));
        Assert.Empty(Of(GapKind.EndedWithOpenRecords, records.Build(), ends.AddDays(10)));
    }

    // ---- escalation to the office

    [Fact]
    public void AGapNobodyAcknowledgesForFiveWorkingDaysEscalatesToTheOfficeAndReopeningStartsAgain()
    {
        var records = Quiet();
        var opened = Start.AddDays(90);
        MoveTo(opened);
        Scan(records);
        var due = Calendar.AddWorkingDays(opened, GapSettings.DefaultEscalationWorkingDays);

        MoveTo(due.AddDays(-1));
        Assert.Equal(0, Scan(records).Escalated);
        Assert.Null(Stored(GapKind.DormantMatter).EscalatedOn);

        MoveTo(due);
        Assert.Equal(1, Scan(records).Escalated);
        var gap = Stored(GapKind.DormantMatter);
        Assert.Equal(due, gap.EscalatedOn);
        Assert.True(gap.IsEscalated);
        Assert.Equal(Gap.Escalation, gap.History[^1].Note);
        MoveTo(due.AddDays(1));
        Assert.Equal(0, Scan(records).Escalated);

        // An act clears it, a long silence brings it back: open anew, not escalated, counting from the reopening.
        records.Activities.Add(new GapActivity(Xiema.Id, Roads.Id, due.AddDays(1), ByTownship: true));
        Scan(records);
        Assert.Equal(GapState.Resolved, gap.State);
        MoveTo(due.AddDays(91));
        Scan(records);
        Assert.Equal(GapState.Open, gap.State);
        Assert.Null(gap.EscalatedOn);
        Assert.Equal(due.AddDays(91), gap.OpenedOn);
    }

    [Fact]
    public void AGapAcknowledgedInTimeNeverEscalates()
    {
        var records = Quiet();
        var opened = Start.AddDays(90);
        MoveTo(opened);
        Scan(records);
        Stored(GapKind.DormantMatter).Acknowledge("town.xiema", "本周安排检查", opened, _clock.GetUtcNow());

        MoveTo(Calendar.AddWorkingDays(opened, 20));
        Assert.Equal(0, Scan(records).Escalated);
        Assert.Null(Stored(GapKind.DormantMatter).EscalatedOn);
    }

    // ---- no docking

    [Fact]
    public void AnAgreementInForceWithoutADockedOfficeIsAGapUntilOneIsDocked()
    {
        var records = Quiet();
        records.Dockings.Clear();
        MoveTo(Start.AddDays(3));
        var found = Assert.Single(Of(GapKind.NoDocking, records.Build(), Today));
        Assert.Equal(Start, found.Since);
        Scan(records);

        records.Dockings.Add(new Docking(District, Xiema.Id, Safety.Id, Guid.NewGuid()));
        MoveTo(Start.AddDays(4));
        Scan(records);
        Assert.Equal(GapState.Resolved, Stored(GapKind.NoDocking).State);
        Assert.Empty(Of(GapKind.NoDocking, records.Build(), Today));
    }

    // ---- undecided scope request

    [Fact]
    public void AScopeRequestUndecidedAfterThirtyDaysIsAGapUntilDecided()
    {
        var records = Quiet();
        var request = new ScopeRequestEntity(Xiema, null, "森林防火", "辖区林地面积大", Start);
        records.ScopeRequests.Add(request);

        Assert.Empty(Of(GapKind.ScopeRequestUndecided, records.Build(), Start.AddDays(30)));
        MoveTo(Start.AddDays(31));
        var found = Assert.Single(Of(GapKind.ScopeRequestUndecided, records.Build(), Today));
        Assert.Equal(["31", "森林防火"], found.Figures);
        Assert.Null(found.DepartmentId);
        Scan(records);

        request.Reject(Start.AddDays(40), "不具备承接条件");
        MoveTo(Start.AddDays(40));
        Scan(records);
        Assert.Equal(GapState.Resolved, Stored(GapKind.ScopeRequestUndecided).State);
    }

    // ---- turnover

    [Fact]
    public void LosingAQuarterOfTheCertifiedOfficersInNinetyDaysIsTurnover()
    {
        var records = Quiet();
        records.Holder("王芳", Start);
        records.Holder("赵敏", Start);
        var day = Start.AddDays(200);
        Assert.Empty(Of(GapKind.Turnover, records.Build(), day));

        records.Officers[3].Leave(day.AddDays(-10), "辞职");
        var found = Assert.Single(Of(GapKind.Turnover, records.Build(), day));
        Assert.Equal(["1", "4"], found.Figures);
        Assert.Equal(day.AddDays(-10), found.Since);
        // Ninety days after the departure it is history, no longer turnover.
        Assert.Empty(Of(GapKind.Turnover, records.Build(), day.AddDays(81)));
    }

    [Fact]
    public void LosingOneOfFiveIsNotTurnover()
    {
        var records = Quiet();
        records.Holder("王芳", Start);
        records.Holder("赵敏", Start);
        records.Holder("孙丽", Start);
        var day = Start.AddDays(200);
        records.Officers[4].Transfer(day.AddDays(-10), "调任");

        Assert.Empty(Of(GapKind.Turnover, records.Build(), day));
    }

    // ---- lifecycle

    [Fact]
    public void AScanRunTwiceOnTheSameDayChangesNothing()
    {
        var records = Quiet();
        records.Dockings.Clear();
        MoveTo(Start.AddDays(90));
        var first = Scan(records);
        var history = _stored.Values.Sum(g => g.History.Count);

        var second = Scan(records);

        Assert.Equal(2, first.Opened);
        Assert.Equal(2, second.Found);
        Assert.Equal((0, 0, 0), (second.Opened, second.Reopened, second.Resolved));
        Assert.Equal(history, _stored.Values.Sum(g => g.History.Count));
    }

    [Fact]
    public void AnAcknowledgedGapKeepsWhoAndTheNoteAndStillResolvesOnItsOwn()
    {
        var records = Quiet();
        records.Dockings.Clear();
        MoveTo(Start.AddDays(3));
        Scan(records);
        var gap = Stored(GapKind.NoDocking);

        gap.Acknowledge("town.xiema", "已安排综合执法办对接", Today, _clock.GetUtcNow());
        Assert.Equal(("town.xiema", "已安排综合执法办对接"), (gap.AcknowledgedBy, gap.AcknowledgementNote));
        Assert.Equal(409, Assert.Throws<RuleViolation>(() => gap.Acknowledge("town.xiema", null, Today, _clock.GetUtcNow())).StatusCode);

        records.Dockings.Add(new Docking(District, Xiema.Id, Safety.Id, Guid.NewGuid()));
        MoveTo(Start.AddDays(5));
        Scan(records);
        Assert.Equal([GapState.Open, GapState.Acknowledged, GapState.Resolved], gap.History.Select(h => h.State));
    }

    [Fact]
    public void AClosedGapStaysClosedWhileTheConditionLastsAndReopensWhenItReturns()
    {
        var records = Quiet();
        records.Dockings.Clear();
        MoveTo(Start.AddDays(3));
        Scan(records);
        var gap = Stored(GapKind.NoDocking);

        var refused = Assert.Throws<RuleViolation>(() => gap.Close("office", " ", Today, _clock.GetUtcNow()));
        Assert.Equal("Gap.CloseNeedsReason", refused.MessageKey);
        Assert.Equal(GapState.Open, gap.State);

        gap.Close("office", "该镇并入天生街道，对接随合并办理", Today, _clock.GetUtcNow());
        MoveTo(Start.AddDays(4));
        Scan(records);
        Assert.Equal(GapState.Closed, gap.State);

        var docking = new Docking(District, Xiema.Id, Safety.Id, Guid.NewGuid());
        records.Dockings.Add(docking);
        MoveTo(Start.AddDays(5));
        Scan(records);
        Assert.Equal(GapState.Closed, gap.State);

        records.Dockings.Remove(docking);
        MoveTo(Start.AddDays(6));
        Assert.Equal(1, Scan(records).Reopened);
        Assert.Equal(GapState.Open, gap.State);
        Assert.Equal([GapState.Open, GapState.Closed, GapState.Open], gap.History.Select(h => h.State));
    }

    // ---- deadlines of the other features: monthly reports and meeting action items

    [Fact]
    public void AMonthlyReportNotSubmittedByItsDueDayIsAGapOfBothSidesUntilSubmitted()
    {
        var records = Quiet();
        var month = new Month(2026, 3);
        var due = new DateOnly(2026, 4, 8);
        var report = new MonthlyReport(District, Xiema.Id, Safety.Id, month);
        records.OpenReports.Add(new GapReportDue(report, due));

        Assert.Empty(Of(GapKind.ReportOverdue, records.Build(), due));
        MoveTo(due.AddDays(1));
        var found = Assert.Single(Of(GapKind.ReportOverdue, records.Build(), Today));
        Assert.Equal((Xiema.Id, Safety.Id, due.AddDays(1)), (found.TownshipId!.Value, found.DepartmentId!.Value, found.Since));
        Assert.Equal(["2026-03", "2026-04-08"], found.Figures);
        Assert.Equal([$"/Reports/Detail/{report.Id}"], found.Evidence);
        Scan(records);

        report.Submit("本月无新增问题", "[]", "town.xiema", _clock.GetUtcNow(), Today, due);
        MoveTo(due.AddDays(2));
        Scan(records);
        Assert.Equal(GapState.Resolved, Stored(GapKind.ReportOverdue).State);

        // Returned with comments, it is the township's to submit again: the gap reopens.
        report.Return("请补充整改数据", "dept.safety", Today);
        MoveTo(due.AddDays(3));
        Assert.Equal(1, Scan(records).Reopened);
    }

    [Fact]
    public void AMeetingActionItemOpenPastItsDueDayIsAGapOfItsOwnerUntilDone()
    {
        var records = Quiet();
        var meeting = new Meeting(District, MeetingKind.Monthly, "十月法制科长联席会", new DateOnly(2026, 10, 20), new TimeOnly(9, 30), "区司法局三楼会议室", "区司法局",
            [new MeetingParticipant(null, Safety.Id, null, "区应急管理局", "王明")], "本月委托执法工作");
        var due = new DateOnly(2026, 11, 30);
        var item = ActionItem.Agreed(meeting, null, "组织歇马镇安全生产执法培训", Safety.Id, null, due);
        records.OpenActionItems.Add(item);

        Assert.Empty(Of(GapKind.ActionItemOverdue, records.Build(), due));
        MoveTo(due.AddDays(1));
        var found = Assert.Single(Of(GapKind.ActionItemOverdue, records.Build(), Today));
        Assert.Equal(Safety.Id, found.DepartmentId);
        Assert.Null(found.TownshipId);
        Assert.Equal(due.AddDays(1), found.Since);
        Assert.Equal($"/Meetings/Detail/{meeting.Id}", found.Evidence[0]);
        Scan(records);

        item.MarkDone("dept.safety", "培训通知及签到表", Today);
        MoveTo(due.AddDays(2));
        Scan(records);
        Assert.Equal(GapState.Resolved, Stored(GapKind.ActionItemOverdue).State);
    }
}
