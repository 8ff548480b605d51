using Entrust.Web.Features.Calendar;
using Entrust.Web.Platform;

namespace Entrust.Web.Features.Assessment;

public enum RoundState
{
    Scoring = 0,   // 自评和评分: units self-assess, assessors score, the office computes drafts
    Published = 1, // 已公布: the draft results are out, appeals within the window
    Final = 2,     // 已定稿: final results and ranking
}

/// <summary>
/// The year's assessment round (考核) of one district: it scores every township and department by the scheme it froze when it
/// started. Scoring → published (the appeal window runs N working days on the district's calendar) → final, once the window has
/// passed and every appeal is decided.
/// </summary>
public sealed class AssessmentRound
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public int Year { get; private set; }
    public Guid SchemeId { get; private set; }
    public RoundState State { get; private set; }
    public DateOnly StartedOn { get; private set; }
    public DateTimeOffset? ComputedAt { get; private set; }

    /// <summary>The last day whose records the computation counted.</summary>
    public DateOnly? ComputedThrough { get; private set; }
    public DateOnly? PublishedOn { get; private set; }
    public DateOnly? AppealUntil { get; private set; }
    public DateOnly? FinalisedOn { get; private set; }

    private AssessmentRound() { }

    /// <summary>Starts the year's round on <paramref name="scheme"/>, which is frozen from now on.</summary>
    public AssessmentRound(Scheme scheme, DateOnly today)
    {
        if (today.Year < scheme.Year)
        {
            throw new RuleViolation("Assessment.RoundTooEarly", scheme.Year) { Field = "Year" };
        }
        DistrictId = scheme.DistrictId;
        Year = scheme.Year;
        SchemeId = scheme.Id;
        StartedOn = today;
        scheme.Freeze(today);
    }

    public DateOnly From => new(Year, 1, 1);
    public DateOnly To => new(Year, 12, 31);

    /// <summary>The day the period is judged on: the day after the year, or today while the year runs.</summary>
    public static DateOnly AsOf(int year, DateOnly today) => today <= new DateOnly(year, 12, 31) ? today : new DateOnly(year + 1, 1, 1);

    public void EnsureScoring()
    {
        if (State != RoundState.Scoring)
        {
            throw RuleViolation.Conflict("Assessment.RoundNotScoring", new Text("RoundState." + State));
        }
    }

    public void Computed(DateTimeOffset at, DateOnly through)
    {
        EnsureScoring();
        ComputedAt = at;
        ComputedThrough = through;
    }

    /// <summary>The draft results go out to the units; appeals are open for <paramref name="workingDays"/> working days after today.</summary>
    public void Publish(DateOnly today, int workingDays, WorkingDayCalendar calendar)
    {
        EnsureScoring();
        if (ComputedAt is null)
        {
            throw RuleViolation.Conflict("Assessment.NotComputed");
        }
        State = RoundState.Published;
        PublishedOn = today;
        AppealUntil = calendar.AddWorkingDays(today, workingDays);
    }

    public bool AppealOpen(DateOnly today) => State == RoundState.Published && today <= AppealUntil;

    /// <summary>Final once the appeal window has passed and every appeal filed is decided.</summary>
    public void Finalise(DateOnly today, bool appealsPending)
    {
        if (State != RoundState.Published)
        {
            throw RuleViolation.Conflict("Assessment.RoundNotPublished", new Text("RoundState." + State));
        }
        if (today <= AppealUntil)
        {
            throw RuleViolation.Conflict("Assessment.AppealWindowOpen", AppealUntil!.Value.ToString("yyyy-MM-dd"));
        }
        if (appealsPending)
        {
            throw RuleViolation.Conflict("Assessment.AppealsPending");
        }
        State = RoundState.Final;
        FinalisedOn = today;
    }
}

public enum AppealState
{
    None = 0,
    Filed = 1,
    Accepted = 2, // 申诉成立: points restored
    Rejected = 3, // 申诉不成立
}

/// <summary>What a deduction is traced to.</summary>
public enum EvidenceKind
{
    Case = 0,
    Remedy = 1, // the id is the case's: its page shows the remedy and outcome
    Report = 2,
    Gap = 3,
    ActionItem = 4,
    Officer = 5,
    ErroneousCase = 6,
    Manual = 7,
    CaseFile = 8, // a reviewed case file (案卷评查): the id is the ReviewedFile's
}

/// <summary>
/// One unit's result in a round: its self-assessment, the assessors' manual scores, the deductions (each traced to a record), the score
/// and rank, and its appeal with the office's decision.
/// </summary>
public sealed class UnitResult
{
    public const int TextLength = 2000;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid RoundId { get; private set; }
    public int Year { get; private set; }
    public UnitKind Kind { get; private set; }
    public Guid? TownshipId { get; private set; }
    public Guid? DepartmentId { get; private set; }
    public string UnitName { get; private set; } = "";
    public decimal Score { get; private set; } = Scheme.Base;
    public int Rank { get; private set; }

    public decimal? SelfScore { get; private set; }
    public string? SelfAssessment { get; private set; }
    public DateOnly? SelfAssessedOn { get; private set; }

    public AppealState Appeal { get; private set; }
    public string? AppealText { get; private set; }
    public DateOnly? AppealedOn { get; private set; }
    public string? AppealedBy { get; private set; }
    public string? AppealReply { get; private set; }
    public decimal AppealPointsRestored { get; private set; }
    public DateOnly? AppealDecidedOn { get; private set; }
    public string? AppealDecidedBy { get; private set; }

    public List<Deduction> Deductions { get; private set; } = [];
    public List<ManualScore> ManualScores { get; private set; } = [];

    private UnitResult() { }

    public UnitResult(AssessmentRound round, UnitKind kind, Guid unitId, string unitName)
    {
        DistrictId = round.DistrictId;
        RoundId = round.Id;
        Year = round.Year;
        Kind = kind;
        TownshipId = kind == UnitKind.Township ? unitId : null;
        DepartmentId = kind == UnitKind.Department ? unitId : null;
        UnitName = unitName;
    }

    public Guid UnitId => (TownshipId ?? DepartmentId)!.Value;

    /// <summary>The unit's self-assessment (自评): the score it gives itself and what shows it.</summary>
    public void SelfAssess(AssessmentRound round, decimal score, string? text, DateOnly today)
    {
        round.EnsureScoring();
        if (score is < 0 or > Scheme.Base)
        {
            throw new RuleViolation("Assessment.ScoreInvalid", Scheme.Base) { Field = "Score" };
        }
        SelfScore = score;
        SelfAssessment = Clean(text, "Text", required: true);
        SelfAssessedOn = today;
    }

    /// <summary>An assessor scores a manual indicator: the points it loses (0 to its points) and the evidence; a second score replaces the first.</summary>
    public void ScoreManual(AssessmentRound round, Indicator indicator, decimal deduct, string? evidence, string by, DateOnly today)
    {
        round.EnsureScoring();
        if (indicator.Kind != IndicatorKind.Manual || !indicator.Applies(Kind))
        {
            throw new RuleViolation("Assessment.NotManual", indicator.Code) { Field = "IndicatorCode" };
        }
        if (deduct < 0 || deduct > indicator.Points)
        {
            throw new RuleViolation("Assessment.DeductOutOfRange", indicator.Points) { Field = "Deduct" };
        }
        var cleaned = Clean(evidence, "Evidence", required: deduct > 0)!;
        ManualScores.RemoveAll(m => m.IndicatorCode == indicator.Code);
        ManualScores.Add(new ManualScore(this, indicator.Code, deduct, cleaned ?? "", by, today));
    }

    /// <summary>
    /// Brings the deductions to those computed now — only what changed: a deduction computed again exactly as it stands is kept, one no
    /// longer computed is removed, a new one added — and the score to what is left of the 100 (never below 0). A recompute over unchanged
    /// records writes nothing.
    /// </summary>
    public void Recompute(IEnumerable<DeductionLine> lines)
    {
        var wanted = lines.Select(l => new Deduction(this, l.Code, l.Name, l.Points, l.Evidence, l.EvidenceId, l.Label))
            .GroupBy(d => d.Key).ToDictionary(g => g.Key, g => new Queue<Deduction>(g));
        foreach (var d in Deductions.ToList())
        {
            if (!wanted.TryGetValue(d.Key, out var same) || !same.TryDequeue(out _))
            {
                Deductions.Remove(d);
            }
        }
        Deductions.AddRange(wanted.Values.SelectMany(q => q));
        Score = Math.Max(0m, Scheme.Base - Deductions.Sum(d => d.Points));
    }

    public void Ranked(int rank) => Rank = rank;

    /// <summary>The unit appeals (申诉) its published result within the window, once.</summary>
    public void FileAppeal(AssessmentRound round, string? text, string by, DateOnly today)
    {
        if (!round.AppealOpen(today))
        {
            throw RuleViolation.Conflict("Assessment.AppealClosed");
        }
        if (Appeal != AppealState.None)
        {
            throw RuleViolation.Conflict("Assessment.AppealAlreadyFiled");
        }
        AppealText = Clean(text, "Text", required: true);
        Appeal = AppealState.Filed;
        AppealedOn = today;
        AppealedBy = by;
    }

    /// <summary>The office decides the appeal with a reply; an accepted one restores points (never above 100).</summary>
    public void DecideAppeal(AssessmentRound round, bool accepted, decimal pointsRestored, string? reply, string by, DateOnly today)
    {
        if (round.State != RoundState.Published)
        {
            throw RuleViolation.Conflict("Assessment.RoundNotPublished", new Text("RoundState." + round.State));
        }
        if (Appeal != AppealState.Filed)
        {
            throw RuleViolation.Conflict("Assessment.NoAppeal");
        }
        if (pointsRestored < 0 || (!accepted && pointsRestored != 0) || pointsRestored > Deductions.Sum(d => d.Points))
        {
            throw new RuleViolation("Assessment.RestoredInvalid") { Field = "PointsRestored" };
        }
        AppealReply = Clean(reply, "Reply", required: true);
        Appeal = accepted ? AppealState.Accepted : AppealState.Rejected;
        AppealPointsRestored = pointsRestored;
        AppealDecidedOn = today;
        AppealDecidedBy = by;
        Score = Math.Min(Scheme.Base, Score + pointsRestored);
    }

    private static string? Clean(string? text, string field, bool required)
    {
        if (required && string.IsNullOrWhiteSpace(text))
        {
            throw new RuleViolation("Validation.Required", new Text("AssessmentField." + field)) { Field = field };
        }
        if (text?.Trim().Length > TextLength)
        {
            throw new RuleViolation("Validation.TooLong", new Text("AssessmentField." + field), TextLength) { Field = field };
        }
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }
}

/// <summary>Points a unit lost on one indicator for one record (a case, a remedy, a report …), or for an assessor's manual score.</summary>
public sealed class Deduction
{
    public const int LabelLength = 500;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid UnitResultId { get; private set; }
    public string IndicatorCode { get; private set; } = "";
    public string IndicatorName { get; private set; } = "";
    public decimal Points { get; private set; }
    public EvidenceKind EvidenceKind { get; private set; }
    public Guid? EvidenceId { get; private set; }
    public string Label { get; private set; } = "";

    private Deduction() { }

    internal Deduction(UnitResult result, string code, string name, decimal points, EvidenceKind kind, Guid? evidenceId, string label)
    {
        DistrictId = result.DistrictId;
        UnitResultId = result.Id;
        IndicatorCode = code;
        IndicatorName = name;
        Points = points;
        EvidenceKind = kind;
        EvidenceId = evidenceId;
        Label = label.Length > LabelLength ? label[..LabelLength] : label;
    }

    /// <summary>What makes two deductions the same: the indicator, the points and the record they are for.</summary>
    internal (string, string, decimal, EvidenceKind, Guid?, string) Key => (IndicatorCode, IndicatorName, Points, EvidenceKind, EvidenceId, Label);
}

/// <summary>An assessor's score of a manual indicator for one unit: points lost and the evidence.</summary>
public sealed class ManualScore
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid UnitResultId { get; private set; }
    public string IndicatorCode { get; private set; } = "";
    public decimal Deduct { get; private set; }
    public string Evidence { get; private set; } = "";
    public string ScoredBy { get; private set; } = "";
    public DateOnly ScoredOn { get; private set; }

    private ManualScore() { }

    internal ManualScore(UnitResult result, string code, decimal deduct, string evidence, string by, DateOnly on)
    {
        DistrictId = result.DistrictId;
        UnitResultId = result.Id;
        IndicatorCode = code;
        Deduct = deduct;
        Evidence = evidence;
        ScoredBy = by;
        ScoredOn = on;
    }
}
