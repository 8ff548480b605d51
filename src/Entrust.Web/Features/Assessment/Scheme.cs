using Entrust.Web.Platform;

namespace Entrust.Web.Features.Assessment;

/// <summary>Which units an indicator scores: townships, departments or both.</summary>
[Flags]
public enum UnitKinds
{
    Township = 1,
    Department = 2,
    Both = Township | Department,
}

public enum IndicatorKind
{
    Automatic = 0, // computed from the records of the year
    Manual = 1,    // scored by the assessors, with evidence
}

/// <summary>
/// What an automatic indicator counts; each is a pure function of the year's records (<see cref="Scoring"/>, fed by
/// <see cref="AssessmentRecords"/>). There is deliberately no measure of fines or confiscations: they never count (LAW 28).
/// </summary>
public enum AutoMeasure
{
    UncertifiedActing = 0,     // an officer took part in an inspection or case without a certificate valid that day (LAW 10)
    DecisionsLate = 1,         // a decision after its due day, or none and the due day passed (APL 60)
    MajorWithoutReview = 2,    // a major case decided without legal review (APL 58)
    ConclusionRate = 3,        // cases filed in the year that are over, against the target rate
    ReconsiderationLost = 4,   // a decision revoked, changed, confirmed unlawful or void on reconsideration
    LitigationLost = 5,        // the same in litigation
    ReportsLate = 6,           // a monthly report submitted after its due day, or still not submitted
    GapsOpen = 7,              // an enforcement gap still open (or acknowledged) at the end of the period
    ActionItemsOverdue = 8,    // a meeting action item past its due day and not done
    PublicationLate = 9,       // a decision published after its due day, or its publication overdue (LAW 24)
    FileReviewGrades = 10,     // a reviewed case file graded 合格 (half the points per record) or 不合格 (案卷评查, FileReview)
    TrainingDays = 11,         // a certified officer present at training on fewer days of the year than the scheme's target (培训天数)
}

/// <summary>One line of the scheme's table: its section, code, name, the points it carries and how they are lost.</summary>
public sealed class Indicator
{
    public const int NameLength = 200;
    public const int CodeLength = 20;

    /// <summary>The training-days target is kept below this (the column holds 4 decimals and one whole digit); 60 学时 is 7.5 days.</summary>
    public const decimal MaxTrainingDays = 10m;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid SchemeId { get; private set; }
    public int Order { get; private set; }
    public string Section { get; private set; } = "";
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";

    /// <summary>The most the indicator can lose: its share of the 100 points.</summary>
    public decimal Points { get; private set; }
    public IndicatorKind Kind { get; private set; }
    public AutoMeasure? Measure { get; private set; }

    /// <summary>Points off per record found (for <see cref="AutoMeasure.ConclusionRate"/>: per 10 percentage points below the target).</summary>
    public decimal DeductPer { get; private set; }

    /// <summary>
    /// The target: the rate of <see cref="AutoMeasure.ConclusionRate"/> (0.9 = 90 %), or the days of training each officer needs in the
    /// year for <see cref="AutoMeasure.TrainingDays"/> (under <see cref="MaxTrainingDays"/>).
    /// </summary>
    public decimal? Target { get; private set; }
    public UnitKinds AppliesTo { get; private set; }

    private Indicator() { }

    internal Indicator(Scheme scheme, int order, IndicatorTerms t)
    {
        DistrictId = scheme.DistrictId;
        SchemeId = scheme.Id;
        Order = order;
        Section = t.Section.Trim();
        Code = t.Code.Trim();
        Name = t.Name.Trim();
        Points = t.Points;
        Kind = t.Kind;
        Measure = t.Kind == IndicatorKind.Automatic ? t.Measure : null;
        DeductPer = t.DeductPer;
        Target = t.Kind == IndicatorKind.Automatic && t.Measure is AutoMeasure.ConclusionRate or AutoMeasure.TrainingDays ? t.Target : null;
        AppliesTo = t.AppliesTo;
    }

    public bool Applies(UnitKind unit) => AppliesTo.HasFlag(unit == UnitKind.Township ? UnitKinds.Township : UnitKinds.Department);
}

/// <summary>An indicator as the office writes it.</summary>
public sealed record IndicatorTerms(string Section, string Code, string Name, decimal Points, IndicatorKind Kind, AutoMeasure? Measure,
    decimal DeductPer, decimal? Target, UnitKinds AppliesTo);

/// <summary>What a scheme is made of, besides its indicators: the erroneous-case points per side, and the appeal window.</summary>
/// <param name="GrantDeductsDepartment">Under 赋权 the township acts in its own name and alone bears an erroneous case, unless this is set.</param>
public sealed record SchemeTerms(int Year, IReadOnlyList<IndicatorTerms> Indicators, decimal ErroneousTownshipPoints,
    decimal ErroneousDepartmentPoints, bool GrantDeductsDepartment, int AppealWorkingDays);

/// <summary>
/// The year's scoring scheme (考核方案) set by the office: a table of indicators worth 100 points together, each automatic or manual,
/// and the erroneous-case deductions (双扣分制, LAW 29). A new version is a new scheme, the earlier kept; the round freezes the version
/// it scores by when scoring starts, after which the scheme is never changed. An indicator on fines or confiscations is refused (LAW 28).
/// </summary>
public sealed class Scheme
{
    public const decimal Base = 100m;
    public const int MaxAppealWorkingDays = 30;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public int Year { get; private set; }
    public int Version { get; private set; }
    public decimal ErroneousTownshipPoints { get; private set; }
    public decimal ErroneousDepartmentPoints { get; private set; }
    public bool GrantDeductsDepartment { get; private set; }
    public int AppealWorkingDays { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateOnly CreatedOn { get; private set; }

    /// <summary>The day scoring started on it; from then on it is never changed.</summary>
    public DateOnly? FrozenOn { get; private set; }
    public List<Indicator> Indicators { get; private set; } = [];

    private Scheme() { }

    /// <summary>A new scheme (version <paramref name="version"/> of the year's), checked as a whole: nothing is kept of a refused one.</summary>
    public Scheme(Guid districtId, int version, SchemeTerms terms, string by, DateOnly today)
    {
        Check(terms);
        DistrictId = districtId;
        Year = terms.Year;
        Version = version;
        ErroneousTownshipPoints = terms.ErroneousTownshipPoints;
        ErroneousDepartmentPoints = terms.ErroneousDepartmentPoints;
        GrantDeductsDepartment = terms.GrantDeductsDepartment;
        AppealWorkingDays = terms.AppealWorkingDays;
        CreatedBy = by;
        CreatedOn = today;
        Indicators = [.. terms.Indicators.Select((t, i) => new Indicator(this, i + 1, t))];
    }

    public bool IsFrozen => FrozenOn is not null;

    /// <summary>Scoring starts: the scheme is fixed from now on.</summary>
    public void Freeze(DateOnly today) => FrozenOn ??= today;

    /// <summary>Refuses any change once frozen: a new version is the way, and only before the year's round has started.</summary>
    public void EnsureNotFrozen()
    {
        if (IsFrozen)
        {
            throw RuleViolation.Conflict("Assessment.SchemeFrozen", Year, Version);
        }
    }

    public Indicator? Find(string code) => Indicators.FirstOrDefault(i => i.Code == code);

    // Words that make an indicator about fine money (罚没收入, 罚款任务 …). LAW 28 / APL 74 ¶3: fines and confiscations never count.
    private static readonly string[] FineWords =
    [
        "罚没", "罚款额", "罚款金额", "罚款数", "罚款任务", "罚款指标", "罚款目标", "罚款收入", "罚款收缴", "收缴罚款", "没收金额", "创收", "收入",
        "fine revenue", "fine target", "fines collected", "fine amount", "revenue", "confiscation",
    ];

    /// <summary>True when the indicator's name or section is about fine money (LAW 28).</summary>
    public static bool IsAboutFines(string text) =>
        FineWords.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));

    private static void Check(SchemeTerms t)
    {
        if (t.Year is < 2000 or > 2100)
        {
            throw new RuleViolation("Validation.Invalid", new Text("Field.Year")) { Field = "Year" };
        }
        if (t.Indicators.Count == 0)
        {
            throw new RuleViolation("Assessment.NoIndicators") { Field = "Indicators" };
        }
        foreach (var i in t.Indicators)
        {
            if (string.IsNullOrWhiteSpace(i.Code) || string.IsNullOrWhiteSpace(i.Name) || string.IsNullOrWhiteSpace(i.Section)
                || i.Code.Trim().Length > Indicator.CodeLength || i.Name.Trim().Length > Indicator.NameLength
                || i.Section.Trim().Length > Indicator.NameLength)
            {
                throw new RuleViolation("Assessment.IndicatorIncomplete", i.Code ?? "") { Field = "Indicators" };
            }
            if (IsAboutFines(i.Name) || IsAboutFines(i.Section))
            {
                throw new RuleViolation("Assessment.FineIndicatorRefused", i.Name) { Field = "Indicators" };
            }
            if (i.Points <= 0 || i.DeductPer < 0 || (i.AppliesTo & UnitKinds.Both) == 0 || !Enum.IsDefined(i.Kind))
            {
                throw new RuleViolation("Assessment.IndicatorInvalid", i.Code) { Field = "Indicators" };
            }
            if (i.Kind == IndicatorKind.Automatic
                && (i.Measure is not { } m || !Enum.IsDefined(m) || i.DeductPer <= 0
                    || (m == AutoMeasure.ConclusionRate && i.Target is not (> 0 and <= 1))
                    || (m == AutoMeasure.TrainingDays && i.Target is not (> 0 and < Indicator.MaxTrainingDays))))
            {
                throw new RuleViolation("Assessment.IndicatorInvalid", i.Code) { Field = "Indicators" };
            }
        }
        if (t.Indicators.Select(i => i.Code.Trim()).Distinct().Count() != t.Indicators.Count)
        {
            throw new RuleViolation("Assessment.IndicatorCodesRepeat") { Field = "Indicators" };
        }
        if (t.Indicators.Sum(i => i.Points) != Base)
        {
            throw new RuleViolation("Assessment.PointsNotHundred", t.Indicators.Sum(i => i.Points)) { Field = "Indicators" };
        }
        if (t.ErroneousTownshipPoints < 0 || t.ErroneousDepartmentPoints < 0)
        {
            throw new RuleViolation("Assessment.IndicatorInvalid", "ERR") { Field = "ErroneousTownshipPoints" };
        }
        if (t.AppealWorkingDays is < 1 or > MaxAppealWorkingDays)
        {
            throw new RuleViolation("Assessment.AppealDaysInvalid", MaxAppealWorkingDays) { Field = "AppealWorkingDays" };
        }
    }

    /// <summary>
    /// The default scheme, after common practice in district assessments of administrative enforcement: training and certificates,
    /// case handling, documents and files, case quality, and the routine work (reports, gaps, meeting items, publication); the
    /// erroneous case deducts 5 from the township and 3 from the entrusting department; appeals within 5 working days. Training (A1) counts
    /// each certified officer present at training on fewer than 3 days of the year; the case-file review's grades (案卷评查) score C2; the
    /// documents' form (C1) is manual.
    /// </summary>
    public static SchemeTerms Default(int year)
    {
        const string training = "培训与持证", handling = "案件办理", files = "文书与案卷", quality = "案件质量", routine = "日常工作";
        IndicatorTerms Auto(string section, string code, string name, decimal points, AutoMeasure m, decimal per, UnitKinds to, decimal? target = null) =>
            new(section, code, name, points, IndicatorKind.Automatic, m, per, target, to);
        IndicatorTerms Manual(string section, string code, string name, decimal points, UnitKinds to) =>
            new(section, code, name, points, IndicatorKind.Manual, null, 0m, null, to);
        return new SchemeTerms(year,
        [
            Auto(training, "A1", "持证执法人员年度培训不少于3天，每缺1人扣1分", 5m, AutoMeasure.TrainingDays, 1m, UnitKinds.Both, 3m),
            Auto(training, "A2", "无未取得执法证人员从事执法活动", 10m, AutoMeasure.UncertifiedActing, 2m, UnitKinds.Both),
            Auto(handling, "B1", "办案程序合法，按期作出处罚决定", 10m, AutoMeasure.DecisionsLate, 1m, UnitKinds.Township),
            Auto(handling, "B2", "重大案件经法制审核", 5m, AutoMeasure.MajorWithoutReview, 2m, UnitKinds.Township),
            Auto(handling, "B3", "结案率达到90%，每低10个百分点扣1分", 10m, AutoMeasure.ConclusionRate, 1m, UnitKinds.Township, 0.9m),
            Manual(files, "C1", "执法文书和案卷制作规范", 5m, UnitKinds.Township),
            Auto(files, "C2", "案卷评查结果，每卷不合格扣3分、合格扣1.5分", 10m, AutoMeasure.FileReviewGrades, 3m, UnitKinds.Township),
            Auto(quality, "D1", "行政复议被撤销、变更或确认违法，每件扣2分", 10m, AutoMeasure.ReconsiderationLost, 2m, UnitKinds.Township),
            Auto(quality, "D2", "行政诉讼败诉，每件扣3分", 10m, AutoMeasure.LitigationLost, 3m, UnitKinds.Township),
            Auto(routine, "E1", "委托执法月报按时报送", 10m, AutoMeasure.ReportsLate, 1m, UnitKinds.Township),
            Auto(routine, "E2", "执法空档及时消除", 5m, AutoMeasure.GapsOpen, 1m, UnitKinds.Both),
            Auto(routine, "E3", "联席会议议定事项按期办结", 5m, AutoMeasure.ActionItemsOverdue, 1m, UnitKinds.Both),
            Auto(routine, "E4", "处罚决定按时公示", 5m, AutoMeasure.PublicationLate, 1m, UnitKinds.Township),
        ], ErroneousTownshipPoints: 5m, ErroneousDepartmentPoints: 3m, GrantDeductsDepartment: false, AppealWorkingDays: 5);
    }
}
