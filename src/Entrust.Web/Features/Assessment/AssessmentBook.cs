using Entrust.Web.Data;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Calendar;
using Entrust.Web.Features.Cases;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Assessment;

public sealed record IndicatorView(string Section, string Code, string Name, decimal Points, IndicatorKind Kind, AutoMeasure? Measure,
    decimal DeductPer, decimal? Target, UnitKinds AppliesTo);

public sealed record SchemeView(Guid Id, int Year, int Version, bool Frozen, DateOnly? FrozenOn, decimal ErroneousTownshipPoints,
    decimal ErroneousDepartmentPoints, bool GrantDeductsDepartment, int AppealWorkingDays, string CreatedBy, DateOnly CreatedOn,
    IReadOnlyList<IndicatorView> Indicators);

public sealed record ResultRow(Guid Id, UnitKind Kind, Guid UnitId, string UnitName, decimal Score, int Rank, decimal? SelfScore,
    AppealState Appeal);

public sealed record RoundView(int Year, RoundState State, Guid SchemeId, int SchemeVersion, DateOnly StartedOn, DateOnly? ComputedThrough,
    DateOnly? PublishedOn, DateOnly? AppealUntil, DateOnly? FinalisedOn, IReadOnlyList<ResultRow> Results);

public sealed record DeductionView(Guid Id, string IndicatorCode, string IndicatorName, decimal Points, EvidenceKind EvidenceKind,
    Guid? EvidenceId, string Label);

public sealed record ManualScoreView(string IndicatorCode, decimal Deduct, string Evidence, string ScoredBy, DateOnly ScoredOn);

/// <summary>A unit's result: every point lost with the record it is traced to, its self-assessment and its appeal.</summary>
public sealed record ResultDetail(ResultRow Result, int Year, RoundState RoundState, string? SelfAssessment, DateOnly? SelfAssessedOn,
    string? AppealText, DateOnly? AppealedOn, string? AppealReply, decimal AppealPointsRestored, DateOnly? AppealDecidedOn,
    DateOnly? AppealUntil, IReadOnlyList<DeductionView> Deductions, IReadOnlyList<ManualScoreView> ManualScores, bool MayAppeal);

public sealed record CandidateView(Guid CaseId, string CaseNumber, Guid TownshipId, Guid DepartmentId, Agreements.AgreementMode Mode,
    RemedyOutcome? Overturned, bool Changed, ErroneousSource Source = ErroneousSource.Remedy, Guid? ReviewedFileId = null);

public sealed record ErroneousView(Guid Id, Guid CaseId, string CaseNumber, Guid TownshipId, Guid DepartmentId, Agreements.AgreementMode Mode,
    ErroneousSource Source, RemedyOutcome? Outcome, ErroneousDecision Decision, FaultKind? Fault, string Reasons, string? DecisionNumber,
    DateOnly DecidedOn, string DecidedBy);

public sealed record ErroneousList(IReadOnlyList<CandidateView> Candidates, IReadOnlyList<ErroneousView> Decided);

/// <summary>
/// The year-end assessment's use cases, shared by the /Assessment pages and /api/assessment. The office keeps schemes, decides
/// erroneous cases, starts, computes, publishes and finalises the round, scores manual indicators and decides appeals; a township or a
/// department self-assesses and appeals its own result; the auditor reads all. Which result a user sees is the data scope's (a unit its
/// own; other units' results do not exist for it).
/// </summary>
public sealed class AssessmentBook(EntrustDbContext db, CurrentUser user, TimeProvider clock, AssessmentRecords records, HolidayCalendar calendars)
{
    public bool IsOffice => user.Role == Roles.Office && user.DistrictId is not null;

    /// <summary>A township or a department: the only result it sees is its own, which it self-assesses and appeals.</summary>
    public bool IsUnit => user.Role is Roles.Township or Roles.Department;

    /// <summary>The annual report is the office's draft; the auditor reads it too.</summary>
    public bool MayReport => user.Role is Roles.Office or Roles.Auditor;

    /// <summary>Who may open the assessment pages: the office and the auditor (all), a department or a township (its own).</summary>
    public static bool MayReadAs(CurrentUser u) => u.Role is Roles.Office or Roles.Auditor or Roles.Department or Roles.Township;

    private Guid District => user.DistrictId ?? throw new ForbiddenAction();

    private void EnsureOffice()
    {
        if (!IsOffice)
        {
            throw new ForbiddenAction();
        }
    }

    // ---- schemes ----

    public async Task<IReadOnlyList<SchemeView>> SchemesAsync(int? year, CancellationToken ct = default)
    {
        var query = db.Schemes.AsNoTracking().Include(s => s.Indicators).AsQueryable();
        if (year is { } y)
        {
            query = query.Where(s => s.Year == y);
        }
        return [.. (await query.OrderByDescending(s => s.Year).ThenByDescending(s => s.Version).ToListAsync(ct)).Select(View)];
    }

    /// <summary>
    /// A new version of the year's scheme (the default when no indicators are given). Refused once the year's round has started: the
    /// round scores by the version it froze, and a later version would only mislead.
    /// </summary>
    public async Task<SchemeView> CreateSchemeAsync(SchemeTerms terms, CancellationToken ct = default)
    {
        EnsureOffice();
        if (await db.AssessmentRounds.AnyAsync(r => r.Year == terms.Year, ct))
        {
            var frozen = await db.Schemes.Where(s => s.Year == terms.Year && s.FrozenOn != null).Select(s => s.Version).FirstOrDefaultAsync(ct);
            throw RuleViolation.Conflict("Assessment.SchemeFrozen", terms.Year, frozen);
        }
        var version = await db.Schemes.Where(s => s.Year == terms.Year).Select(s => (int?)s.Version).MaxAsync(ct) ?? 0;
        var scheme = new Scheme(District, version + 1, terms, user.UserName, clock.TodayInChina());
        db.Schemes.Add(scheme);
        await db.SaveChangesAsync(ct);
        return View(scheme);
    }

    private static SchemeView View(Scheme s) => new(s.Id, s.Year, s.Version, s.IsFrozen, s.FrozenOn, s.ErroneousTownshipPoints,
        s.ErroneousDepartmentPoints, s.GrantDeductsDepartment, s.AppealWorkingDays, s.CreatedBy, s.CreatedOn,
        [.. s.Indicators.OrderBy(i => i.Order).Select(i => new IndicatorView(i.Section, i.Code, i.Name, i.Points, i.Kind, i.Measure, i.DeductPer,
            i.Target, i.AppliesTo))]);

    // ---- erroneous cases ----

    /// <summary>The candidates not yet decided (cases a remedy changed or overturned) and the decisions taken, as the reader's scope shows them.</summary>
    /// <summary>
    /// The erroneous-case candidates among <paramref name="cases"/>: a remedy changed or overturned the decision and the office has
    /// not decided on it in <paramref name="decided"/> (the list here and the meeting's pack read them with this one rule).
    /// </summary>
    public static IQueryable<Case> Candidates(IQueryable<Case> cases, IQueryable<ErroneousCase> decided) =>
        cases.Where(c => c.IsErroneousCandidate && !decided.Any(e => e.CaseId == c.Id));

    public async Task<ErroneousList> ErroneousAsync(CancellationToken ct = default)
    {
        var decided = await db.ErroneousCases.AsNoTracking().OrderByDescending(e => e.DecidedOn).ToListAsync(ct);
        var candidates = await Candidates(db.Cases.AsNoTracking(), db.ErroneousCases)
            .OrderBy(c => c.Number)
            .Select(c => new CandidateView(c.Id, c.Number, c.TownshipId, c.DepartmentId, c.Mode, c.Overturned, c.ChangedPenalty != null))
            .ToListAsync(ct);
        // A file graded 不合格 in the case-file review makes its case a candidate too (once, whatever the number of reviews).
        var failed = await (from f in db.ReviewedFiles.AsNoTracking()
                            join c in db.Cases.AsNoTracking() on f.CaseId equals c.Id
                            where f.Grade == FileGrade.Fail && !c.IsErroneousCandidate && !db.ErroneousCases.Any(e => e.CaseId == c.Id)
                            orderby c.Number
                            select new CandidateView(c.Id, c.Number, c.TownshipId, c.DepartmentId, c.Mode, c.Overturned, c.ChangedPenalty != null,
                                ErroneousSource.CaseFileReview, f.Id)).ToListAsync(ct);
        candidates.AddRange(failed.DistinctBy(f => f.CaseId));
        return new ErroneousList(candidates, [.. decided.Select(View)]);
    }

    public async Task<ErroneousView?> ErroneousCaseAsync(Guid id, CancellationToken ct = default) =>
        await db.ErroneousCases.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct) is { } e ? View(e) : null;

    /// <summary>The office confirms a candidate as an erroneous case (with reasons and the kind of fault) or dismisses it; once per case.</summary>
    public async Task<ErroneousView?> DecideErroneousAsync(Guid caseId, ErroneousDecision decision, FaultKind? fault, string? reasons,
        string? decisionNumber, DateOnly? on, CancellationToken ct = default)
    {
        EnsureOffice();
        var c = await db.Cases.AsNoTracking().Include(x => x.Remedies).FirstOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null)
        {
            return null;
        }
        if (await db.ErroneousCases.AnyAsync(e => e.CaseId == caseId, ct))
        {
            throw RuleViolation.Conflict("Assessment.AlreadyDecided", c.Number);
        }
        var today = clock.TodayInChina();
        var failedOn = await db.ReviewedFiles.AsNoTracking().Where(f => f.CaseId == caseId && f.Grade == FileGrade.Fail)
            .MinAsync(f => f.ReviewedOn, ct);
        var e = ErroneousCase.Decide(c, decision, fault, reasons, decisionNumber, on ?? today, today, user.UserName, failedOn);
        db.ErroneousCases.Add(e);
        await db.SaveChangesAsync(ct);
        return View(e);
    }

    private static ErroneousView View(ErroneousCase e) => new(e.Id, e.CaseId, e.CaseNumber, e.TownshipId, e.DepartmentId, e.Mode, e.Source,
        e.Outcome, e.Decision, e.Fault, e.Reasons, e.DecisionNumber, e.DecidedOn, e.DecidedBy);

    // ---- the round ----

    public async Task<RoundView?> RoundAsync(int year, CancellationToken ct = default)
    {
        var round = await db.AssessmentRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Year == year, ct);
        if (round is null)
        {
            return null;
        }
        var version = await db.Schemes.AsNoTracking().Where(s => s.Id == round.SchemeId).Select(s => s.Version).FirstAsync(ct);
        var results = await db.UnitResults.AsNoTracking().Where(r => r.RoundId == round.Id)
            .OrderBy(r => r.Kind).ThenBy(r => r.Rank).ThenBy(r => r.UnitName)
            .Select(r => new ResultRow(r.Id, r.Kind, r.TownshipId ?? r.DepartmentId!.Value, r.UnitName, r.Score, r.Rank, r.SelfScore, r.Appeal))
            .ToListAsync(ct);
        return new RoundView(round.Year, round.State, round.SchemeId, version, round.StartedOn, round.ComputedThrough, round.PublishedOn,
            round.AppealUntil, round.FinalisedOn, results);
    }

    /// <summary>
    /// The office starts the year's round on the latest version of the year's scheme (the default, as version 1, when there is none) and
    /// freezes it; every township and department of the district gets its result.
    /// </summary>
    public async Task<RoundView> StartRoundAsync(int year, CancellationToken ct = default)
    {
        EnsureOffice();
        if (await db.AssessmentRounds.AnyAsync(r => r.Year == year, ct))
        {
            throw RuleViolation.Conflict("Assessment.RoundExists", year);
        }
        var today = clock.TodayInChina();
        var scheme = await db.Schemes.Where(s => s.Year == year).OrderByDescending(s => s.Version).FirstOrDefaultAsync(ct);
        if (scheme is null)
        {
            scheme = new Scheme(District, 1, Scheme.Default(year), user.UserName, today);
            db.Schemes.Add(scheme);
        }
        var round = new AssessmentRound(scheme, today);
        db.AssessmentRounds.Add(round);
        foreach (var t in await db.Townships.AsNoTracking().Select(t => new { t.Id, t.Name }).ToListAsync(ct))
        {
            db.UnitResults.Add(new UnitResult(round, UnitKind.Township, t.Id, t.Name));
        }
        foreach (var d in await db.Departments.AsNoTracking().Select(d => new { d.Id, d.Name }).ToListAsync(ct))
        {
            db.UnitResults.Add(new UnitResult(round, UnitKind.Department, d.Id, d.Name));
        }
        await db.SaveChangesAsync(ct);
        return (await RoundAsync(year, ct))!;
    }

    /// <summary>
    /// Computes the draft results from the year's records: each automatic indicator by one query for the whole district
    /// (<see cref="AssessmentRecords"/>), scored by <see cref="Scoring"/>; the manual scores; the confirmed erroneous cases (双扣分制). Every
    /// deduction is traced to its record; ranks are within townships and within departments. Only while scoring.
    /// </summary>
    public async Task<RoundView?> ComputeAsync(int year, CancellationToken ct = default)
    {
        EnsureOffice();
        var round = await db.AssessmentRounds.FirstOrDefaultAsync(r => r.Year == year, ct);
        if (round is null)
        {
            return null;
        }
        round.EnsureScoring();
        var scheme = await db.Schemes.AsNoTracking().Include(s => s.Indicators).FirstAsync(s => s.Id == round.SchemeId, ct);
        var today = clock.TodayInChina();
        var asOf = AssessmentRound.AsOf(year, today);
        var lines = new List<DeductionLine>();
        foreach (var indicator in scheme.Indicators.Where(i => i.Kind == IndicatorKind.Automatic).OrderBy(i => i.Order))
        {
            lines.AddRange(indicator.Measure switch
            {
                AutoMeasure.ConclusionRate => Scoring.ConclusionRate(indicator, await records.ConclusionAsync(round.DistrictId, year, ct)),
                AutoMeasure.FileReviewGrades => Scoring.FileGrades(indicator, await records.FileGradesAsync(round.DistrictId, year, ct)),
                AutoMeasure.TrainingDays => Scoring.PerRecord(indicator,
                    await records.TrainingDaysAsync(round.DistrictId, year, asOf, indicator.Target ?? 0m, ct)),
                _ => Scoring.PerRecord(indicator, await records.FindAsync(round.DistrictId, indicator.Measure!.Value, year, asOf, ct)),
            });
        }
        var erroneous = await db.ErroneousCases.AsNoTracking()
            .Where(e => e.Decision == ErroneousDecision.Confirmed && e.DecidedOn >= round.From && e.DecidedOn <= round.To).ToListAsync(ct);
        lines.AddRange(Scoring.Erroneous(scheme, erroneous));
        var byUnit = lines.ToLookup(l => (l.Kind, l.UnitId));

        var results = await db.UnitResults.Include(r => r.Deductions).Include(r => r.ManualScores).Where(r => r.RoundId == round.Id).ToListAsync(ct);
        foreach (var r in results)
        {
            r.Recompute(byUnit[(r.Kind, r.UnitId)].Concat(Scoring.Manual(scheme, r)));
        }
        Rank(results);
        round.Computed(clock.GetUtcNow(), asOf < round.To ? asOf : round.To);
        await db.SaveChangesAsync(ct);
        return await RoundAsync(year, ct);
    }

    private static void Rank(List<UnitResult> results)
    {
        foreach (var kind in results.GroupBy(r => r.Kind))
        {
            var ranks = Scoring.Ranks(kind.Select(r => (r.Id, r.Score)));
            foreach (var r in kind)
            {
                r.Ranked(ranks[r.Id]);
            }
        }
    }

    public async Task<ResultDetail?> ResultAsync(Guid id, CancellationToken ct = default)
    {
        var r = await db.UnitResults.AsNoTracking().Include(x => x.Deductions).Include(x => x.ManualScores).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null)
        {
            return null;
        }
        var round = await db.AssessmentRounds.AsNoTracking().FirstAsync(x => x.Id == r.RoundId, ct);
        var today = clock.TodayInChina();
        return new ResultDetail(new ResultRow(r.Id, r.Kind, r.UnitId, r.UnitName, r.Score, r.Rank, r.SelfScore, r.Appeal), r.Year, round.State,
            r.SelfAssessment, r.SelfAssessedOn, r.AppealText, r.AppealedOn, r.AppealReply, r.AppealPointsRestored, r.AppealDecidedOn,
            round.AppealUntil,
            [.. r.Deductions.OrderBy(d => d.IndicatorCode, StringComparer.Ordinal).ThenBy(d => d.Label, StringComparer.Ordinal)
                .Select(d => new DeductionView(d.Id, d.IndicatorCode, d.IndicatorName, d.Points, d.EvidenceKind, d.EvidenceId, d.Label))],
            [.. r.ManualScores.OrderBy(m => m.IndicatorCode, StringComparer.Ordinal)
                .Select(m => new ManualScoreView(m.IndicatorCode, m.Deduct, m.Evidence, m.ScoredBy, m.ScoredOn))],
            IsOwn(r) && round.AppealOpen(today) && r.Appeal == AppealState.None);
    }

    private bool IsOwn(UnitResult r) =>
        (user.Role == Roles.Township && r.TownshipId is { } t && t == user.TownshipId)
        || (user.Role == Roles.Department && r.DepartmentId is { } d && d == user.DepartmentId);

    /// <summary>The unit's own result in the year's round, for its self-assessment and appeal.</summary>
    private async Task<(AssessmentRound Round, UnitResult Result)?> OwnAsync(int year, CancellationToken ct)
    {
        if (user.Role is not (Roles.Township or Roles.Department))
        {
            throw new ForbiddenAction();
        }
        var round = await db.AssessmentRounds.FirstOrDefaultAsync(r => r.Year == year, ct);
        if (round is null)
        {
            return null;
        }
        var result = await db.UnitResults.Include(r => r.Deductions).FirstOrDefaultAsync(r => r.RoundId == round.Id
            && (user.Role == Roles.Township ? r.TownshipId == user.TownshipId : r.DepartmentId == user.DepartmentId), ct);
        return result is null ? null : (round, result);
    }

    public async Task<ResultDetail?> SelfAssessAsync(int year, decimal score, string? text, CancellationToken ct = default)
    {
        if (await OwnAsync(year, ct) is not var (round, result))
        {
            return null;
        }
        result.SelfAssess(round, score, text, clock.TodayInChina());
        await db.SaveChangesAsync(ct);
        return await ResultAsync(result.Id, ct);
    }

    public async Task<ResultDetail?> AppealAsync(int year, string? text, CancellationToken ct = default)
    {
        if (await OwnAsync(year, ct) is not var (round, result))
        {
            return null;
        }
        result.FileAppeal(round, text, user.UserName, clock.TodayInChina());
        await db.SaveChangesAsync(ct);
        return await ResultAsync(result.Id, ct);
    }

    /// <summary>An assessor (the office) scores a manual indicator of one unit, with the evidence; counted at the next compute.</summary>
    public async Task<ResultDetail?> ScoreAsync(int year, Guid resultId, string code, decimal deduct, string? evidence, CancellationToken ct = default)
    {
        EnsureOffice();
        var (round, result) = await OfficeResultAsync(year, resultId, ct) ?? default;
        if (result is null)
        {
            return null;
        }
        var scheme = await db.Schemes.AsNoTracking().Include(s => s.Indicators).FirstAsync(s => s.Id == round!.SchemeId, ct);
        if (string.IsNullOrWhiteSpace(code))
        {
            throw new RuleViolation("Validation.Required", new Text("Assessment.Indicator")) { Field = "IndicatorCode" };
        }
        var indicator = scheme.Find(code) ?? throw new RuleViolation("Assessment.NoSuchIndicator", code) { Field = "IndicatorCode" };
        result.ScoreManual(round!, indicator, deduct, evidence, user.UserName, clock.TodayInChina());
        await db.SaveChangesAsync(ct);
        return await ResultAsync(result.Id, ct);
    }

    public async Task<ResultDetail?> DecideAppealAsync(int year, Guid resultId, bool accepted, decimal pointsRestored, string? reply,
        CancellationToken ct = default)
    {
        EnsureOffice();
        var (round, result) = await OfficeResultAsync(year, resultId, ct) ?? default;
        if (result is null)
        {
            return null;
        }
        result.DecideAppeal(round!, accepted, pointsRestored, reply, user.UserName, clock.TodayInChina());
        await db.SaveChangesAsync(ct);
        return await ResultAsync(result.Id, ct);
    }

    private async Task<(AssessmentRound, UnitResult)?> OfficeResultAsync(int year, Guid resultId, CancellationToken ct)
    {
        var round = await db.AssessmentRounds.FirstOrDefaultAsync(r => r.Year == year, ct);
        var result = round is null ? null
            : await db.UnitResults.Include(r => r.Deductions).Include(r => r.ManualScores)
                .FirstOrDefaultAsync(r => r.Id == resultId && r.RoundId == round.Id, ct);
        return result is null ? null : (round!, result);
    }

    /// <summary>The office publishes the draft results: the appeal window runs the scheme's working days on the district's calendar.</summary>
    public async Task<RoundView?> PublishAsync(int year, CancellationToken ct = default)
    {
        EnsureOffice();
        var round = await db.AssessmentRounds.FirstOrDefaultAsync(r => r.Year == year, ct);
        if (round is null)
        {
            return null;
        }
        var days = await db.Schemes.Where(s => s.Id == round.SchemeId).Select(s => s.AppealWorkingDays).FirstAsync(ct);
        round.Publish(clock.TodayInChina(), days, await calendars.ForDistrictAsync(round.DistrictId, ct));
        await db.SaveChangesAsync(ct);
        return await RoundAsync(year, ct);
    }

    /// <summary>Final results and ranking, once the appeal window has passed and every appeal is decided.</summary>
    public async Task<RoundView?> FinaliseAsync(int year, CancellationToken ct = default)
    {
        EnsureOffice();
        var round = await db.AssessmentRounds.FirstOrDefaultAsync(r => r.Year == year, ct);
        if (round is null)
        {
            return null;
        }
        var results = await db.UnitResults.Where(r => r.RoundId == round.Id).ToListAsync(ct);
        round.Finalise(clock.TodayInChina(), results.Any(r => r.Appeal == AppealState.Filed));
        Rank(results);
        await db.SaveChangesAsync(ct);
        return await RoundAsync(year, ct);
    }

    // ---- the grants' evaluation (LAW 8) ----

    /// <summary>
    /// The round's section on grants (赋权评估): every grant the reader sees that was in force during the year
    /// (<see cref="Agreement.InForceDuringExpression"/>; its versions together, by number), its use counted from the records through the
    /// same queries as the indicators (<see cref="AssessmentRecords"/>), rated by <see cref="GrantEvaluation.Rate"/> against the conclusion
    /// target of the round's scheme. Null when the year has no round.
    /// </summary>
    public async Task<IReadOnlyList<GrantEvaluationView>?> GrantsAsync(int year, CancellationToken ct = default)
    {
        var round = await db.AssessmentRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Year == year, ct);
        if (round is null)
        {
            return null;
        }
        var grants = await db.Agreements.AsNoTracking().Where(a => a.Mode == AgreementMode.Grant)
            .Where(Agreement.InForceDuringExpression(round.From, round.To)).ToListAsync(ct);
        if (grants.Count == 0)
        {
            return [];
        }
        var target = await db.Schemes.AsNoTracking().Where(s => s.Id == round.SchemeId).SelectMany(s => s.Indicators)
            .Where(i => i.Measure == AutoMeasure.ConclusionRate).Select(i => i.Target).FirstOrDefaultAsync(ct);
        var ids = grants.Select(g => g.Id).ToList();
        var cases = db.Cases.IgnoreQueryFilters().AsNoTracking().Where(c => c.DistrictId == round.DistrictId && ids.Contains(c.AgreementId));
        var filed = await cases.Where(c => c.FiledOn >= round.From && c.FiledOn <= round.To).Select(c => new { c.Id, c.AgreementId }).ToListAsync(ct);
        var open = (await cases.Where(c => c.FiledOn >= round.From && c.FiledOn <= round.To).Where(Case.StillOpen()).Select(c => c.Id)
            .ToListAsync(ct)).ToHashSet();
        var agreementOf = (await cases.Select(c => new { c.Id, c.AgreementId }).ToListAsync(ct)).ToDictionary(c => c.Id, c => c.AgreementId);
        var caseIds = agreementOf.Keys.ToList();
        var asOf = AssessmentRound.AsOf(year, clock.TodayInChina());
        async Task<List<Guid>> RecordsOf(AutoMeasure measure) => [.. (await records.FindAsync(round.DistrictId, measure, year, asOf, ct))
            .Where(r => r.Kind == UnitKind.Township && r.EvidenceId is { } id && agreementOf.ContainsKey(id)).Select(r => r.EvidenceId!.Value)];
        var late = (await RecordsOf(AutoMeasure.DecisionsLate)).Distinct().ToList();
        var lost = (await RecordsOf(AutoMeasure.ReconsiderationLost)).Concat(await RecordsOf(AutoMeasure.LitigationLost)).ToList();
        var erroneous = await db.ErroneousCases.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.DistrictId == round.DistrictId && e.Decision == ErroneousDecision.Confirmed && e.DecidedOn >= round.From
                && e.DecidedOn <= round.To && caseIds.Contains(e.CaseId)).Select(e => e.CaseId).ToListAsync(ct);
        var failed = await db.ReviewedFiles.IgnoreQueryFilters().AsNoTracking()
            .Where(f => f.DistrictId == round.DistrictId && f.Year == year && f.Grade == FileGrade.Fail && caseIds.Contains(f.CaseId))
            .Select(f => f.CaseId).ToListAsync(ct);

        var townships = await db.Townships.IgnoreQueryFilters().AsNoTracking().Where(t => t.DistrictId == round.DistrictId)
            .ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var departments = await db.Departments.IgnoreQueryFilters().AsNoTracking().Where(d => d.DistrictId == round.DistrictId)
            .ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        return [.. grants.GroupBy(g => g.Number).Select(versions =>
        {
            var all = versions.Select(v => v.Id).ToHashSet();
            var latest = versions.MaxBy(v => v.Version)!;
            int Count(IEnumerable<Guid> caseList) => caseList.Count(c => all.Contains(agreementOf[c]));
            var mine = filed.Where(c => all.Contains(c.AgreementId)).ToList();
            var use = new GrantUse(mine.Count, mine.Count(c => !open.Contains(c.Id)), Count(late), Count(lost), Count(erroneous.Distinct()),
                Count(failed.Distinct()));
            var (rating, advice) = GrantEvaluation.Rate(use, target);
            return new GrantEvaluationView(latest.Id, latest.Number, latest.Version, latest.TownshipId, townships.GetValueOrDefault(latest.TownshipId) ?? "",
                latest.DepartmentId, departments.GetValueOrDefault(latest.DepartmentId) ?? "", latest.GrantDecisionNumber, use, rating, advice);
        }).OrderBy(g => g.Rating == GrantRating.Good).ThenBy(g => g.Township, StringComparer.Ordinal).ThenBy(g => g.Number, StringComparer.Ordinal)];
    }

    // ---- the results sheet and the annual report ----

    /// <summary>The year's results as the reader sees them (ranked), as .xlsx through the one list export.</summary>
    public async Task<(byte[] Content, string FileName)?> ResultsXlsxAsync(int year, ListExport export, IStringLocalizer<SharedResource> text,
        CancellationToken ct = default)
    {
        if (await RoundAsync(year, ct) is not { } round)
        {
            return null;
        }
        ExportColumn<ResultRow>[] columns =
        [
            new("Assessment.Rank", r => r.Rank),
            new("Assessment.Unit", r => r.UnitName),
            new("Assessment.UnitKind", r => text["UnitKind." + r.Kind].Value),
            new("Assessment.Score", r => r.Score),
            new("Assessment.Deducted", r => Scheme.Base - r.Score),
            new("Assessment.SelfScore", r => r.SelfScore),
            new("Assessment.Appeal", r => text["AppealState." + r.Appeal].Value),
        ];
        return await export.WriteAsync("Assessment.Sheet", year.ToString(System.Globalization.CultureInfo.InvariantCulture), round.Results, columns, ct);
    }

    /// <summary>The office and the auditor: the annual report to the people's government (LAW 27), drafted from the round's records.</summary>
    public async Task<(byte[] Content, string FileName)?> AnnualReportAsync(int year, IStringLocalizer<SharedResource> text, CancellationToken ct = default)
    {
        if (!MayReport)
        {
            throw new ForbiddenAction();
        }
        if (await RoundAsync(year, ct) is not { } round)
        {
            return null;
        }
        var district = await db.Districts.AsNoTracking().Where(d => d.Id == District).Select(d => d.Name).FirstAsync(ct);
        var deductions = await (from d in db.Deductions.AsNoTracking()
                                join r in db.UnitResults on d.UnitResultId equals r.Id
                                where r.Year == year && d.Points > 0
                                select new { d.IndicatorCode, d.IndicatorName, d.Points }).ToListAsync(ct);
        var totals = deductions.GroupBy(d => (d.IndicatorCode, d.IndicatorName)).OrderBy(g => g.Key.IndicatorCode, StringComparer.Ordinal)
            .Select(g => new IndicatorTotal(g.Key.IndicatorCode, g.Key.IndicatorName, g.Count(), g.Sum(d => d.Points))).ToList();
        var erroneous = (await db.ErroneousCases.AsNoTracking().ToListAsync(ct)).Select(View).ToList();
        var model = new AnnualReportModel(district, round, totals, erroneous, clock.TodayInChina(), await GrantsAsync(year, ct) ?? []);
        return (AssessmentDocuments.AnnualReport(model, text), text["Assessment.Doc.Title", district, year].Value + ".docx");
    }
}
