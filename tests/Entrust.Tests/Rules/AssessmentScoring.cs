using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Assessment;
using Entrust.Web.Features.Cases;
using Entrust.Web.Platform;
using static Entrust.Tests.Rules.CaseFixtures;

namespace Entrust.Tests.Rules;

/// <summary>
/// The assessment's rules without a database (LAW 27–29): the scheme is a 100-point table, never about fine money (LAW 28) and frozen
/// once scoring starts; each automatic indicator's deduction; the conclusion rate; the erroneous case's double deduction (双扣分制) on the
/// township and the entrusting department, the township alone under 赋权; the appeal window in working days.
/// </summary>
public sealed class AssessmentScoring
{
    private static readonly Guid District = Guid.NewGuid();
    private static readonly Guid TownshipA = Guid.NewGuid();
    private static readonly Guid TownshipB = Guid.NewGuid();
    private static readonly Guid Department = Guid.NewGuid();

    private static Scheme DefaultScheme(bool grantDeductsDepartment = false) =>
        new(District, 1, Scheme.Default(2026) with { GrantDeductsDepartment = grantDeductsDepartment }, "office", D("2026-11-25"));

    private static Indicator Of(Scheme s, AutoMeasure m) => s.Indicators.Single(i => i.Measure == m);

    private static EvidenceRow Row(UnitKind kind, Guid unit, string label) => new(kind, unit, EvidenceKind.Case, Guid.NewGuid(), label);

    private static RuleViolation Refused(Action act, string key)
    {
        var e = Assert.Throws<RuleViolation>(act);
        Assert.Equal(key, e.MessageKey);
        return e;
    }

    [Fact]
    public void TheDefaultSchemeIsAHundredPointTableWithDocumentsAndFilesManual()
    {
        var s = DefaultScheme();
        Assert.Equal(100m, s.Indicators.Sum(i => i.Points));
        Assert.Equal(IndicatorKind.Manual, s.Find("C1")!.Kind);
        Assert.Contains("案卷", s.Find("C1")!.Name);
        Assert.Equal(0.9m, Of(s, AutoMeasure.ConclusionRate).Target);
        Assert.Equal(3m, Of(s, AutoMeasure.TrainingDays).Target);
        Assert.Equal("A1", Of(s, AutoMeasure.TrainingDays).Code);
        Assert.Equal(2m, Of(s, AutoMeasure.ReconsiderationLost).DeductPer);
        Assert.Equal(3m, Of(s, AutoMeasure.LitigationLost).DeductPer);
        Assert.Equal(5m, s.ErroneousTownshipPoints);
        Assert.Equal(3m, s.ErroneousDepartmentPoints);
        Assert.False(s.GrantDeductsDepartment);
    }

    /// <summary>LAW 28 (APL 74 ¶3): an indicator on fine revenue or a fine target is refused, and nothing is made.</summary>
    [Theory]
    [InlineData("罚没收入完成情况")]
    [InlineData("完成年度罚款任务")]
    [InlineData("罚款金额同比增长")]
    [InlineData("Fine revenue collected")]
    public void AnIndicatorOnFineMoneyIsRefused(string name)
    {
        var terms = Scheme.Default(2026);
        var first = terms.Indicators[0];
        var changed = terms with { Indicators = [first with { Name = name }, .. terms.Indicators.Skip(1)] };
        var e = Refused(() => _ = new Scheme(District, 1, changed, "office", D("2026-11-25")), "Assessment.FineIndicatorRefused");
        Assert.Equal(name, e.Arguments[0]);
    }

    [Fact]
    public void ATableThatIsNotAHundredPointsIsRefused()
    {
        var terms = Scheme.Default(2026);
        Refused(() => _ = new Scheme(District, 1, terms with { Indicators = terms.Indicators.Skip(1).ToList() }, "office", D("2026-11-25")),
            "Assessment.PointsNotHundred");
    }

    /// <summary>Scoring starts, the scheme is frozen: it refuses any change from then on.</summary>
    [Fact]
    public void StartingTheRoundFreezesTheScheme()
    {
        var s = DefaultScheme();
        s.EnsureNotFrozen();
        var round = new AssessmentRound(s, D("2026-11-25"));
        Assert.Equal(D("2026-11-25"), s.FrozenOn);
        Assert.Equal(s.Id, round.SchemeId);
        Assert.Equal(409, Refused(s.EnsureNotFrozen, "Assessment.SchemeFrozen").StatusCode);
    }

    [Fact]
    public void PerRecordDeductsEachRecordUpToTheIndicatorsPoints()
    {
        var s = DefaultScheme();
        var reports = Of(s, AutoMeasure.ReportsLate); // 1 point each, 10 at most, townships only
        var rows = Enumerable.Range(1, 12).Select(i => Row(UnitKind.Township, TownshipA, $"2026-{i:00}"))
            .Append(Row(UnitKind.Township, TownshipB, "2026-03"))
            .Append(Row(UnitKind.Department, Department, "not for departments"))
            .ToList();
        var lines = Scoring.PerRecord(reports, rows).ToList();
        Assert.Equal(10m, lines.Where(l => l.UnitId == TownshipA).Sum(l => l.Points));
        Assert.Equal(12, lines.Count(l => l.UnitId == TownshipA)); // every record listed, those past the cap at 0
        Assert.Equal(1m, lines.Single(l => l.UnitId == TownshipB).Points);
        Assert.DoesNotContain(lines, l => l.UnitId == Department);
        Assert.All(lines, l => Assert.NotNull(l.EvidenceId));
    }

    [Fact]
    public void ReconsiderationCostsTwoAndALostLawsuitThree()
    {
        var s = DefaultScheme();
        var two = Scoring.PerRecord(Of(s, AutoMeasure.ReconsiderationLost), [Row(UnitKind.Township, TownshipA, "复议撤销")]).Single();
        var three = Scoring.PerRecord(Of(s, AutoMeasure.LitigationLost), [Row(UnitKind.Township, TownshipA, "诉讼败诉")]).Single();
        Assert.Equal(2m, two.Points);
        Assert.Equal(3m, three.Points);
    }

    [Fact]
    public void GapsAndMeetingItemsCountForBothSides()
    {
        var s = DefaultScheme();
        foreach (var m in new[] { AutoMeasure.GapsOpen, AutoMeasure.ActionItemsOverdue, AutoMeasure.UncertifiedActing })
        {
            var lines = Scoring.PerRecord(Of(s, m), [Row(UnitKind.Township, TownshipA, "a"), Row(UnitKind.Department, Department, "b")]).ToList();
            Assert.Equal(2, lines.Count);
        }
        foreach (var m in new[] { AutoMeasure.DecisionsLate, AutoMeasure.MajorWithoutReview, AutoMeasure.PublicationLate })
        {
            Assert.Single(Scoring.PerRecord(Of(s, m), [Row(UnitKind.Township, TownshipA, "a"), Row(UnitKind.Department, Department, "b")]));
        }
    }

    /// <summary>90 % target, a point off per 10 percentage points or part of them below.</summary>
    [Theory]
    [InlineData(10, 10, 0)]
    [InlineData(10, 9, 0)]
    [InlineData(20, 17, 1)] // 85 %
    [InlineData(10, 8, 1)]  // 80 %
    [InlineData(10, 7, 2)]  // 70 %
    [InlineData(3, 2, 3)]   // 66.7 %
    [InlineData(7, 5, 2)]   // 71.4 %: the seed's 计划生育 half-year
    [InlineData(0, 0, 0)]   // nothing filed: no rate
    [InlineData(10, 0, 9)]  // 0 %
    public void TheConclusionRateLosesAPointPerTenPercentBelowNinety(int filed, int over, int lost)
    {
        Assert.Equal(lost, Scoring.ConclusionRateLoss(filed, over, 0.9m, 1m, 10m));
    }

    [Fact]
    public void TheConclusionRateDeductionStatesItsFigures()
    {
        var s = DefaultScheme();
        var line = Assert.Single(Scoring.ConclusionRate(Of(s, AutoMeasure.ConclusionRate), [new(TownshipA, 7, 5), new(TownshipB, 10, 10)]));
        Assert.Equal(TownshipA, line.UnitId);
        Assert.Equal(2m, line.Points);
        Assert.Contains("立案7件，结案5件", line.Label);
    }

    /// <summary>A case of 歇马镇 on a matter the department entrusted (委托), decided, then revoked on reconsideration.</summary>
    private static Case Overturned(AgreementMode mode = AgreementMode.Entrustment)
    {
        var c = File(entitlement: Entitled(mode: mode));
        c.BeginInvestigation(FiledOn, Two);
        c.AddEvidence(D("2026-09-02"), "现场笔录", "经营场所无卫生许可证", Two);
        c.Notify(new NoticeFacts(D("2026-09-03"), Penalty.FineOf(1000m), "事实、理由、依据及陈述申辩权利"), Settings, NationalDay2026);
        c.Decide(new DecisionFacts(D("2026-09-30"), mode == AgreementMode.Grant ? "歇马镇罚决字〔2026〕1号" : "北碚卫罚〔2026〕12号",
            Penalty.FineOf(1000m)), Entitled(mode: mode));
        var remedy = c.RecordRemedy(RemedyKind.Reconsideration, D("2026-10-12"), "重庆市北碚区人民政府");
        c.RecordRemedyOutcome(remedy.Id, RemedyOutcome.Revoked, D("2026-11-02"), NationalDay2026);
        return c;
    }

    private static ErroneousCase Confirmed(Case c) =>
        ErroneousCase.Decide(c, ErroneousDecision.Confirmed, FaultKind.FactsUnclear, "认定事实不清，证据不足", "北碚法制〔2026〕3号",
            D("2026-11-20"), D("2026-11-25"), "office");

    /// <summary>双扣分制 (LAW 29): an erroneous case on an entrusted matter deducts from the township AND the entrusting department.</summary>
    [Fact]
    public void AnErroneousEntrustedCaseDeductsFromTheTownshipAndTheDepartment()
    {
        var c = Overturned();
        var e = Confirmed(c);
        var deductions = e.DeductionsUnder(DefaultScheme());
        Assert.Equal(2, deductions.Count);
        Assert.Contains(new UnitDeduction(UnitKind.Township, c.TownshipId, 5m), deductions);
        Assert.Contains(new UnitDeduction(UnitKind.Department, c.DepartmentId, 3m), deductions);
        var lines = Scoring.Erroneous(DefaultScheme(), [e]).ToList();
        Assert.All(lines, l => Assert.Equal(e.Id, l.EvidenceId));
        Assert.All(lines, l => Assert.Contains("北碚法制〔2026〕3号", l.Label));
    }

    /// <summary>Under 赋权 the township acts in its own name: it alone bears the erroneous case, unless the scheme says otherwise.</summary>
    [Fact]
    public void UnderAGrantOnlyTheTownshipLosesPointsUnlessTheSchemeSaysOtherwise()
    {
        var e = Confirmed(Overturned(AgreementMode.Grant));
        Assert.Equal(AgreementMode.Grant, e.Mode);
        var only = Assert.Single(e.DeductionsUnder(DefaultScheme()));
        Assert.Equal(UnitKind.Township, only.Kind);
        Assert.Equal(2, e.DeductionsUnder(DefaultScheme(grantDeductsDepartment: true)).Count);
    }

    [Fact]
    public void ADismissedCandidateDeductsNothing()
    {
        var e = ErroneousCase.Decide(Overturned(), ErroneousDecision.Dismissed, null, "复议因程序瑕疵撤销，办案人员无过错", null, D("2026-11-20"),
            D("2026-11-25"), "office");
        Assert.Empty(e.DeductionsUnder(DefaultScheme()));
    }

    [Fact]
    public void OnlyACandidateMayBeDecidedAndAConfirmationNeedsTheFaultReasonsAndNumber()
    {
        var standing = Decided();
        Refused(() => Confirmed(standing), "Assessment.NotACandidate");
        var c = Overturned();
        Refused(() => ErroneousCase.Decide(c, ErroneousDecision.Confirmed, null, "理由", "北碚法制〔2026〕3号", D("2026-11-20"), D("2026-11-25"), "o"),
            "Assessment.FaultRequired");
        Refused(() => ErroneousCase.Decide(c, ErroneousDecision.Confirmed, FaultKind.WrongLaw, " ", "北碚法制〔2026〕3号", D("2026-11-20"),
            D("2026-11-25"), "o"), "Assessment.ReasonsRequired");
        Refused(() => ErroneousCase.Decide(c, ErroneousDecision.Confirmed, FaultKind.WrongLaw, "理由", null, D("2026-11-20"), D("2026-11-25"), "o"),
            "Assessment.DecisionNumberRequired");
        // Not before the remedy's outcome (2 November).
        Refused(() => ErroneousCase.Decide(c, ErroneousDecision.Confirmed, FaultKind.WrongLaw, "理由", "北碚法制〔2026〕3号", D("2026-10-30"),
            D("2026-11-25"), "o"), "Assessment.DecidedOnInvalid");
    }

    /// <summary>The appeal window is N working days after publication on the calendar: 5 from Wednesday 30 September end on Tuesday 13 October (1–7 October off, Saturday 10 October worked).</summary>
    [Fact]
    public void TheAppealWindowRunsWorkingDaysAndClosesAfterIt()
    {
        var round = new AssessmentRound(DefaultScheme(), D("2026-09-01"));
        var result = new UnitResult(round, UnitKind.Township, TownshipA, "歇马镇");
        round.Computed(DateTimeOffset.UtcNow, D("2026-09-30"));
        round.Publish(D("2026-09-30"), 5, NationalDay2026);
        Assert.Equal(D("2026-10-13"), round.AppealUntil);
        Refused(() => round.Finalise(D("2026-10-13"), appealsPending: false), "Assessment.AppealWindowOpen");
        Refused(() => result.FileAppeal(round, "结案率计算有误", "town", D("2026-10-14")), "Assessment.AppealClosed");
        result.FileAppeal(round, "结案率计算有误", "town", D("2026-10-13"));
        Refused(() => round.Finalise(D("2026-10-14"), appealsPending: true), "Assessment.AppealsPending");
        round.Finalise(D("2026-10-14"), appealsPending: false);
        Assert.Equal(RoundState.Final, round.State);
    }

    [Fact]
    public void AnAcceptedAppealRestoresNoMoreThanWasDeducted()
    {
        var round = new AssessmentRound(DefaultScheme(), D("2026-11-25"));
        var result = new UnitResult(round, UnitKind.Township, TownshipA, "歇马镇");
        result.Recompute([new DeductionLine(UnitKind.Township, TownshipA, "E1", "月报", 2m, EvidenceKind.Report, Guid.NewGuid(), "2026-10月报")]);
        Assert.Equal(98m, result.Score);
        round.Computed(DateTimeOffset.UtcNow, D("2026-11-25"));
        round.Publish(D("2026-11-25"), 5, NationalDay2026);
        result.FileAppeal(round, "10月报按时报送，系系统故障", "town", D("2026-11-26"));
        Refused(() => result.DecideAppeal(round, true, 3m, "部分成立", "office", D("2026-11-27")), "Assessment.RestoredInvalid");
        Refused(() => result.DecideAppeal(round, false, 1m, "不成立", "office", D("2026-11-27")), "Assessment.RestoredInvalid");
        result.DecideAppeal(round, true, 1m, "部分成立", "office", D("2026-11-27"));
        Assert.Equal(99m, result.Score);
        Assert.Equal(AppealState.Accepted, result.Appeal);
    }

    /// <summary>A round recomputes only what changed: a deduction computed again is the one kept, a gone one removed, a new one added.</summary>
    [Fact]
    public void ARecomputeKeepsTheDeductionsThatDidNotChange()
    {
        var s = DefaultScheme();
        var round = new AssessmentRound(s, D("2026-11-25"));
        var result = new UnitResult(round, UnitKind.Township, TownshipA, "歇马镇");
        var e1 = Of(s, AutoMeasure.ReportsLate);
        var rows = new[] { Row(UnitKind.Township, TownshipA, "1月报逾期"), Row(UnitKind.Township, TownshipA, "2月报逾期") };
        result.Recompute(Scoring.PerRecord(e1, rows));
        var before = result.Deductions.ToList();
        result.Recompute(Scoring.PerRecord(e1, rows));
        Assert.Equal(before.Select(d => d.Id).Order(), result.Deductions.Select(d => d.Id).Order());
        result.Recompute(Scoring.PerRecord(e1, [rows[1], Row(UnitKind.Township, TownshipA, "3月报逾期")]));
        Assert.Contains(result.Deductions, d => d.Id == before.Single(b => b.Label == "2月报逾期").Id);
        Assert.DoesNotContain(result.Deductions, d => d.Label == "1月报逾期");
        Assert.Contains(result.Deductions, d => d.Label == "3月报逾期");
        Assert.Equal(98m, result.Score);
    }

    /// <summary>The training-days indicator needs its days per officer (more than 0, under 10); each officer short of them costs a point.</summary>
    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(10)]
    public void ATrainingDaysIndicatorNeedsItsDays(int? days)
    {
        var terms = Scheme.Default(2026);
        var changed = terms with { Indicators = [terms.Indicators[0] with { Target = days }, .. terms.Indicators.Skip(1)] };
        Refused(() => new Scheme(District, 1, changed, "office", D("2026-11-25")), "Assessment.IndicatorInvalid");
    }

    [Fact]
    public void EachOfficerShortOfTheTrainingDaysCostsAPoint()
    {
        var a1 = Of(DefaultScheme(), AutoMeasure.TrainingDays);
        var rows = Enumerable.Range(1, 7).Select(i => new EvidenceRow(UnitKind.Township, TownshipA, EvidenceKind.Officer, Guid.NewGuid(), $"执法人员{i} 2026年参加培训1天（要求3天）"))
            .Append(new EvidenceRow(UnitKind.Department, Department, EvidenceKind.Officer, Guid.NewGuid(), "部门执法人员 2026年参加培训0天（要求3天）"))
            .ToList();
        var lines = Scoring.PerRecord(a1, rows).ToList();
        Assert.Equal(5m, lines.Where(l => l.UnitId == TownshipA).Sum(l => l.Points)); // capped at A1's 5 points, all seven listed
        Assert.Equal(7, lines.Count(l => l.UnitId == TownshipA));
        Assert.Equal(1m, Assert.Single(lines, l => l.UnitId == Department).Points);
    }

    /// <summary>赋权评估 (LAW 8): overturned or erroneous is poor, unused is up for review, late, failed or below the target is fair.</summary>
    [Theory]
    [InlineData(10, 10, 0, 1, 0, 0, GrantRating.Poor, GrantAdvice.Review)]
    [InlineData(10, 10, 0, 0, 1, 0, GrantRating.Poor, GrantAdvice.Review)]
    [InlineData(0, 0, 0, 0, 0, 0, GrantRating.Unused, GrantAdvice.Review)]
    [InlineData(10, 10, 1, 0, 0, 0, GrantRating.Fair, GrantAdvice.Rectify)]
    [InlineData(10, 10, 0, 0, 0, 1, GrantRating.Fair, GrantAdvice.Rectify)]
    [InlineData(10, 8, 0, 0, 0, 0, GrantRating.Fair, GrantAdvice.Rectify)]
    [InlineData(10, 9, 0, 0, 0, 0, GrantRating.Good, GrantAdvice.Continue)]
    public void AGrantIsRatedByItsUse(int filed, int over, int late, int overturned, int erroneous, int failed, GrantRating rating, GrantAdvice advice)
    {
        Assert.Equal((rating, advice), GrantEvaluation.Rate(new GrantUse(filed, over, late, overturned, erroneous, failed), 0.9m));
    }

    [Fact]
    public void WithoutAConclusionTargetARateDoesNotCount() =>
        Assert.Equal(GrantRating.Good, GrantEvaluation.Rate(new GrantUse(10, 1, 0, 0, 0, 0), null).Rating);

    [Fact]
    public void AManualScoreNeedsEvidenceAndStaysWithinTheIndicatorsPoints()
    {
        var s = DefaultScheme();
        var round = new AssessmentRound(s, D("2026-11-25"));
        var result = new UnitResult(round, UnitKind.Township, TownshipA, "歇马镇");
        var files = s.Find("C1")!;
        Refused(() => result.ScoreManual(round, files, 16m, "案卷评查", "office", D("2026-11-25")), "Assessment.DeductOutOfRange");
        Refused(() => result.ScoreManual(round, files, 2m, null, "office", D("2026-11-25")), "Validation.Required");
        Refused(() => result.ScoreManual(round, s.Find("E1")!, 2m, "x", "office", D("2026-11-25")), "Assessment.NotManual");
        result.ScoreManual(round, files, 2m, "评查3卷，1卷文书不规范", "office", D("2026-11-25"));
        result.Recompute(Scoring.Manual(s, result));
        Assert.Equal(98m, result.Score);
    }

    /// <summary>案卷评查: 90 and above 优秀, 60 and above 合格, below 60 不合格; no point on body and standing fails whatever the rest.</summary>
    [Theory]
    [InlineData(new[] { 15, 25, 20, 20, 10, 10 }, FileGrade.Excellent)]
    [InlineData(new[] { 15, 22, 18, 18, 9, 8 }, FileGrade.Excellent)]
    [InlineData(new[] { 15, 22, 18, 18, 9, 7 }, FileGrade.Pass)]
    [InlineData(new[] { 10, 15, 10, 15, 5, 5 }, FileGrade.Pass)]
    [InlineData(new[] { 10, 15, 10, 15, 5, 4 }, FileGrade.Fail)]
    [InlineData(new[] { 0, 25, 20, 20, 10, 10 }, FileGrade.Fail)]
    public void AFileIsGradedByItsChecklist(int[] scores, FileGrade grade)
    {
        Assert.Equal(100, Checklist.Max.Sum());
        Assert.Equal(grade, Checklist.Grade(scores));
    }

    /// <summary>The documents-and-files indicator (C2): 3 points per failed file, 1.5 per file that only passed, none for 优秀, capped.</summary>
    [Fact]
    public void FileGradesDeductPerFileUpToTheIndicatorsPoints()
    {
        var files = Of(DefaultScheme(), AutoMeasure.FileReviewGrades);
        (EvidenceRow, FileGrade) File(Guid unit, FileGrade g, string label) => (Row(UnitKind.Township, unit, label), g);
        var lines = Scoring.FileGrades(files,
        [
            File(TownshipA, FileGrade.Fail, "1"), File(TownshipA, FileGrade.Pass, "2"), File(TownshipA, FileGrade.Excellent, "3"),
            File(TownshipB, FileGrade.Fail, "1"), File(TownshipB, FileGrade.Fail, "2"), File(TownshipB, FileGrade.Fail, "3"),
            File(TownshipB, FileGrade.Fail, "4"),
        ]).ToList();
        Assert.Equal(4.5m, lines.Where(l => l.UnitId == TownshipA).Sum(l => l.Points));
        Assert.Equal(2, lines.Count(l => l.UnitId == TownshipA));
        Assert.Equal(10m, lines.Where(l => l.UnitId == TownshipB).Sum(l => l.Points));
        Assert.Equal(4, lines.Count(l => l.UnitId == TownshipB)); // the fourth still listed, at 1
    }

    [Fact]
    public void EqualScoresShareARank()
    {
        var (a, b, c, d) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var ranks = Scoring.Ranks([(a, 97m), (b, 99m), (c, 97m), (d, 90m)]);
        Assert.Equal([1, 2, 2, 4], new[] { ranks[b], ranks[a], ranks[c], ranks[d] });
    }
}
