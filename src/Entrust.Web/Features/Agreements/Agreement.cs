using System.Linq.Expressions;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;

namespace Entrust.Web.Features.Agreements;

public enum AgreementMode
{
    Entrustment = 0, // 委托: the township acts in the department's name (行政处罚法 Art. 20)
    Grant = 1,       // 赋权: the township acts in its own name (行政处罚法 Art. 24)
}

/// <summary>What the township may do with an entrusted matter; ordered from least to most.</summary>
public enum Authority
{
    InspectionOnly = 0, // 仅检查
    SummaryPenalty = 1, // 简易程序处罚
    GeneralPenalty = 2, // 一般程序处罚
}

public enum AgreementState
{
    Draft = 0,
    Submitted = 1,
    Reviewed = 2,
    Signed = 3,
    Published = 4,
    Terminated = 5,
}

/// <summary>What an agreement is on a given day, derived from its state, publication, term and termination.</summary>
public enum AgreementStatus
{
    Draft,
    Submitted,
    Reviewed,
    Signed,       // signed, not yet published: not in force (行政处罚法 Art. 20 ¶2)
    Pending,      // published, term not yet begun
    InForce,
    Expired,
    Terminated,
}

/// <summary>
/// A 委托执法协议书 between one department and one township (a township never entrusts: 行政处罚法 Art. 20 ¶4).
/// Its methods are the lifecycle draft → submitted → reviewed → signed → published (in force within its term)
/// → expired or terminated, and they refuse what the law refuses, whoever calls them.
/// </summary>
public sealed class Agreement
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public string Number { get; private set; } = "";
    public int Version { get; private set; } = 1;
    public Guid? PreviousVersionId { get; private set; }
    public Guid DepartmentId { get; private set; }
    public Guid TownshipId { get; private set; }
    public AgreementMode Mode { get; private set; }
    public string? GrantDecisionNumber { get; private set; }
    public DateOnly TermStart { get; private set; }
    public DateOnly TermEnd { get; private set; }
    public string RightsAndObligations { get; private set; } = "";
    public decimal? FundingAmount { get; private set; }
    public string? FundingNote { get; private set; }

    // The conditions of 行政处罚法 Art. 21, checked before signing.
    public bool HasPublicAffairsFunctions { get; private set; }
    public bool HasQualifiedStaff { get; private set; }
    public bool HasTechnicalMeans { get; private set; }

    public AgreementState State { get; private set; }
    public DateOnly? SubmittedOn { get; private set; }
    public DateOnly? ReviewedOn { get; private set; }
    public string? ReviewedBy { get; private set; }
    public DateOnly? SignedOn { get; private set; }
    public string? DepartmentSignatory { get; private set; }
    public string? TownshipSignatory { get; private set; }
    public DateOnly? PublishedOn { get; private set; }
    public string? PublicationPlace { get; private set; }
    public DateOnly? TerminatedOn { get; private set; }
    public string? TerminationReason { get; private set; }

    public List<AgreementMatter> Matters { get; private set; } = [];

    private Agreement() { }

    public Agreement(Department department, Township township, string number, AgreementTerms terms, IEnumerable<(Matter Matter, Authority Authority, decimal? FineCap)> matters)
        : this(department, township, number, terms, matters.Select(m => new EntrustedMatter(m.Matter, m.Authority, m.FineCap)))
    {
    }

    public Agreement(Department department, Township township, string number, AgreementTerms terms, IEnumerable<EntrustedMatter> matters)
    {
        if (department.DistrictId != township.DistrictId)
        {
            throw new RuleViolation("Agreement.OtherDistrict") { Field = "TownshipId" };
        }
        DistrictId = department.DistrictId;
        DepartmentId = department.Id;
        TownshipId = township.Id;
        Number = number;
        Revise(department, township, terms, matters);
    }

    public void Revise(Department department, Township township, AgreementTerms terms, IEnumerable<(Matter Matter, Authority Authority, decimal? FineCap)> matters) =>
        Revise(department, township, terms, matters.Select(m => new EntrustedMatter(m.Matter, m.Authority, m.FineCap)));

    /// <summary>Replaces a draft's terms and matters; only a draft can be changed (a signed one gets a new version).</summary>
    public void Revise(Department department, Township township, AgreementTerms terms, IEnumerable<EntrustedMatter> matters)
    {
        EnsureState(AgreementState.Draft);
        if (terms.TermEnd < terms.TermStart)
        {
            throw new RuleViolation("Agreement.TermEndsBeforeStart", terms.TermStart.ToString("yyyy-MM-dd"), terms.TermEnd.ToString("yyyy-MM-dd")) { Field = "TermEnd" };
        }
        if (terms.Mode == AgreementMode.Grant && string.IsNullOrWhiteSpace(terms.GrantDecisionNumber))
        {
            throw new RuleViolation("Agreement.GrantNeedsDecision") { Field = "GrantDecisionNumber" };
        }
        if (terms.FundingAmount is < 0)
        {
            throw new RuleViolation("Agreement.NegativeFunding") { Field = "FundingAmount" };
        }
        var list = matters.ToList();
        if (list.Count == 0)
        {
            throw new RuleViolation("Agreement.NoMatters") { Field = "Matters" };
        }
        if (list.GroupBy(m => m.Matter.Id).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new RuleViolation("Agreement.MatterTwice", twice.First().Matter.Code) { Field = "Matters" };
        }
        foreach (var m in list)
        {
            CheckMatter(department, township, m.Matter, m.Authority, m.FineCap, m.ExcludedPenalties);
        }

        Mode = terms.Mode;
        GrantDecisionNumber = terms.Mode == AgreementMode.Grant ? terms.GrantDecisionNumber!.Trim() : null;
        TermStart = terms.TermStart;
        TermEnd = terms.TermEnd;
        RightsAndObligations = terms.RightsAndObligations?.Trim() ?? "";
        FundingAmount = terms.FundingAmount;
        FundingNote = string.IsNullOrWhiteSpace(terms.FundingNote) ? null : terms.FundingNote.Trim();
        HasPublicAffairsFunctions = terms.HasPublicAffairsFunctions;
        HasQualifiedStaff = terms.HasQualifiedStaff;
        HasTechnicalMeans = terms.HasTechnicalMeans;
        Matters.Clear();
        Matters.AddRange(list.Select(m => new AgreementMatter(this, m)));
    }

    /// <summary>
    /// One matter on one agreement: the department's own power (Art. 20 ¶1), never a coercive measure (行政强制法
    /// Art. 17), inside the decree's scope, pilot-only matters only to pilot townships, and an inspection matter
    /// carries no penalty authority.
    /// </summary>
    public static void CheckMatter(Department department, Township township, Matter matter, Authority authority, decimal? fineCap,
        PenaltyKinds excluded = PenaltyKinds.None)
    {
        if (matter.Kind == MatterKind.Coercive)
        {
            throw new RuleViolation("Matter.CoerciveNotEntrustable", matter.Code) { Field = "Matters" };
        }
        if (matter.DepartmentId != department.Id)
        {
            throw new RuleViolation("Agreement.NotDepartmentsMatter", matter.Code, department.Name) { Field = "Matters" };
        }
        if (matter.Entrustability == Entrustability.NotEntrusted)
        {
            throw new RuleViolation("Agreement.OutsideScope", matter.Code) { Field = "Matters" };
        }
        if (matter.Entrustability == Entrustability.PilotOnly && !township.IsPilot)
        {
            throw new RuleViolation("Agreement.PilotOnly", matter.Code, township.Name) { Field = "Matters" };
        }
        if (!Enum.IsDefined(authority))
        {
            throw new RuleViolation("Validation.Invalid", "Authority") { Field = "Matters" };
        }
        if (matter.Kind == MatterKind.Inspection && authority != Authority.InspectionOnly)
        {
            throw new RuleViolation("Agreement.AuthorityBeyondMatter", matter.Code) { Field = "Matters" };
        }
        if (fineCap is <= 0 || (fineCap is not null && authority == Authority.InspectionOnly))
        {
            throw new RuleViolation("Agreement.BadFineCap", matter.Code) { Field = "Matters" };
        }
        if ((excluded & ~PenaltyKindSet.All) != 0)
        {
            throw new RuleViolation("Validation.Invalid", "ExcludedPenalties") { Field = "Matters" };
        }
        if (excluded != PenaltyKinds.None && authority == Authority.InspectionOnly)
        {
            // Nothing to keep back where no penalty is entrusted at all.
            throw new RuleViolation("Agreement.ExclusionWithoutPenalty", matter.Code) { Field = "Matters" };
        }
    }

    /// <summary>Submitted for review on <paramref name="on"/>, the day it is recorded; a draft sent back is submitted again after its review.</summary>
    public void Submit(DateOnly on)
    {
        EnsureState(AgreementState.Draft);
        NotBefore(on, ReviewedOn, "Field.SubmittedOn", "SubmittedOn", "Field.ReviewedOn");
        State = AgreementState.Submitted;
        SubmittedOn = on;
    }

    /// <summary>The office's review: passes it on to signing, or sends it back to draft with the reason.</summary>
    public void Review(DateOnly on, string reviewer, bool approved)
    {
        EnsureState(AgreementState.Submitted);
        NotBefore(on, SubmittedOn, "Field.ReviewedOn", "ReviewedOn", "Field.SubmittedOn");
        State = approved ? AgreementState.Reviewed : AgreementState.Draft;
        ReviewedOn = on;
        ReviewedBy = reviewer;
    }

    /// <summary>
    /// Signing needs the Art. 21 checklist complete and both signatories, and is dated between the review and
    /// <paramref name="today"/>: never before the review it follows, never ahead.
    /// </summary>
    public void Sign(DateOnly on, DateOnly today, string departmentSignatory, string townshipSignatory)
    {
        RuleViolation.ThrowAll(SigningProblems(on, today, departmentSignatory, townshipSignatory));
        State = AgreementState.Signed;
        SignedOn = on;
        DepartmentSignatory = departmentSignatory.Trim();
        TownshipSignatory = townshipSignatory.Trim();
    }

    /// <summary>
    /// Every refusal <see cref="Sign"/> would meet (nulls pass), so that a batch answers all its agreements' at once; one that is
    /// not waiting for its signature is refused for that alone.
    /// </summary>
    public IEnumerable<RuleViolation?> SigningProblems(DateOnly on, DateOnly today, string departmentSignatory, string townshipSignatory) =>
        State != AgreementState.Reviewed ? [StateConflict()] :
        [
            AfterToday(on, today, "Field.SignedOn", "SignedOn"),
            BeforeStep(on, ReviewedOn, "Field.SignedOn", "SignedOn", "Field.ReviewedOn"),
            HasPublicAffairsFunctions && HasQualifiedStaff && HasTechnicalMeans ? null : new RuleViolation("Agreement.ChecklistIncomplete", Number),
            string.IsNullOrWhiteSpace(departmentSignatory) ? new RuleViolation("Agreement.SignatoriesRequired") { Field = "DepartmentSignatory" } : null,
            string.IsNullOrWhiteSpace(townshipSignatory) ? new RuleViolation("Agreement.SignatoriesRequired") { Field = "TownshipSignatory" } : null,
        ];

    /// <summary>
    /// Publication by both parties (Art. 20 ¶2): an agreement is in force only once published, so publication is dated
    /// between the signing and <paramref name="today"/>.
    /// </summary>
    public void Publish(DateOnly on, DateOnly today, string place)
    {
        EnsureState(AgreementState.Signed);
        NotAfterToday(on, today, "Field.PublishedOn", "PublishedOn");
        if (on < SignedOn)
        {
            throw new RuleViolation("Agreement.PublishedBeforeSigned", Day(on), Day(SignedOn!.Value)) { Field = "PublishedOn" };
        }
        if (string.IsNullOrWhiteSpace(place))
        {
            throw new RuleViolation("Agreement.PublicationPlaceRequired") { Field = "PublicationPlace" };
        }
        State = AgreementState.Published;
        PublishedOn = on;
        PublicationPlace = place.Trim();
    }

    /// <summary>
    /// Ends a signed or published agreement from <paramref name="on"/> (that day it is no longer in force). It may be
    /// set ahead, but never reaches back over days the record already shows: not before <paramref name="today"/>, and
    /// not before the signing or the publication.
    /// </summary>
    public void Terminate(DateOnly on, DateOnly today, string reason)
    {
        if (State is not (AgreementState.Signed or AgreementState.Published))
        {
            throw StateConflict();
        }
        var floor = new[] { today, SignedOn ?? today, PublishedOn ?? today }.Max();
        if (on < floor)
        {
            throw new RuleViolation("Agreement.TerminationBackDated", Day(on), Day(floor)) { Field = "TerminatedOn" };
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new RuleViolation("Agreement.TerminationReasonRequired") { Field = "Reason" };
        }
        End(on, reason);
    }

    /// <summary>
    /// A new version, once published, ends this one the day it comes into force, never earlier than this one's own
    /// publication (or signing): the days this one was in force stay so.
    /// </summary>
    internal void ReplaceBy(Agreement next)
    {
        if (State is not (AgreementState.Signed or AgreementState.Published) || next.PublishedOn is not { } published)
        {
            throw StateConflict();
        }
        var from = new[] { next.TermStart, published, PublishedOn ?? SignedOn ?? published }.Max();
        End(from, $"由第{next.Version}版替代 / replaced by version {next.Version}");
    }

    private void End(DateOnly on, string reason)
    {
        State = AgreementState.Terminated;
        TerminatedOn = on;
        TerminationReason = reason.Trim();
    }

    private static void NotAfterToday(DateOnly on, DateOnly today, string fieldKey, string field) =>
        RuleViolation.ThrowAll([AfterToday(on, today, fieldKey, field)]);

    private static void NotBefore(DateOnly on, DateOnly? previous, string fieldKey, string field, string previousKey) =>
        RuleViolation.ThrowAll([BeforeStep(on, previous, fieldKey, field, previousKey)]);

    private static RuleViolation? AfterToday(DateOnly on, DateOnly today, string fieldKey, string field) => on > today
        ? new RuleViolation("Agreement.DateInFuture", new Text(fieldKey), Day(on), Day(today)) { Field = field }
        : null;

    private static RuleViolation? BeforeStep(DateOnly on, DateOnly? previous, string fieldKey, string field, string previousKey) =>
        previous is { } p && on < p
            ? new RuleViolation("Agreement.DateBeforePreviousStep", new Text(fieldKey), Day(on), new Text(previousKey), Day(p)) { Field = field }
            : null;

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");

    /// <summary>A signed agreement is changed by a new version: a draft copy that replaces this one once published.</summary>
    public Agreement Amend()
    {
        if (State is not (AgreementState.Signed or AgreementState.Published))
        {
            throw StateConflict();
        }
        var next = new Agreement
        {
            DistrictId = DistrictId,
            Number = Number,
            Version = Version + 1,
            PreviousVersionId = Id,
            DepartmentId = DepartmentId,
            TownshipId = TownshipId,
            Mode = Mode,
            GrantDecisionNumber = GrantDecisionNumber,
            TermStart = TermStart,
            TermEnd = TermEnd,
            RightsAndObligations = RightsAndObligations,
            FundingAmount = FundingAmount,
            FundingNote = FundingNote,
            HasPublicAffairsFunctions = HasPublicAffairsFunctions,
            HasQualifiedStaff = HasQualifiedStaff,
            HasTechnicalMeans = HasTechnicalMeans,
        };
        next.Matters.AddRange(Matters.Select(m => new AgreementMatter(next, m)));
        return next;
    }

    /// <summary>
    /// In force on <paramref name="day"/>: published by then (行政处罚法 Art. 20 ¶2), inside its term, and not yet terminated.
    /// The one rule every in-memory check asks; <see cref="InForceOnExpression"/> is the same rule for SQL, and a test holds
    /// the two together.
    /// </summary>
    public bool InForceOn(DateOnly day) =>
        PublishedOn is { } published && published <= day && TermStart <= day && day <= TermEnd && (TerminatedOn is not { } ended || day < ended);

    /// <summary><see cref="InForceOn"/> as a query filter: every SQL question about agreements in force uses this.</summary>
    public static Expression<Func<Agreement, bool>> InForceOnExpression(DateOnly day) =>
        a => a.PublishedOn != null && a.PublishedOn <= day && a.TermStart <= day && day <= a.TermEnd
            && (a.TerminatedOn == null || day < a.TerminatedOn);

    /// <summary>In force on at least one day from <paramref name="from"/> to <paramref name="to"/> (a month's report is due for it).</summary>
    public bool InForceDuring(DateOnly from, DateOnly to) =>
        PublishedOn is { } published && LastDayInForce is { } last && from <= to
        && new[] { published, TermStart, from }.Max() <= new[] { last, to }.Min();

    /// <summary>
    /// <see cref="InForceDuring"/> for SQL: some day lies at or after every lower bound (published, term start, from) and at or
    /// before every upper bound (term end, to) and before the termination — each lower bound below each upper one. A test holds it
    /// against <see cref="InForceOn"/> asked day by day.
    /// </summary>
    public static Expression<Func<Agreement, bool>> InForceDuringExpression(DateOnly from, DateOnly to) =>
        a => a.PublishedOn != null && from <= to
            && a.PublishedOn <= a.TermEnd && a.PublishedOn <= to && a.TermStart <= to && from <= a.TermEnd
            && (a.TerminatedOn == null || (a.PublishedOn < a.TerminatedOn && a.TermStart < a.TerminatedOn && from < a.TerminatedOn));

    /// <summary>The last day this agreement can be in force, or null when it never will be.</summary>
    public DateOnly? LastDayInForce => PublishedOn is null ? null : LastPossibleDay;

    public AgreementStatus StatusOn(DateOnly day) => State switch
    {
        AgreementState.Draft => AgreementStatus.Draft,
        AgreementState.Submitted => AgreementStatus.Submitted,
        AgreementState.Reviewed => AgreementStatus.Reviewed,
        AgreementState.Signed => AgreementStatus.Signed,
        _ when InForceOn(day) => AgreementStatus.InForce,
        AgreementState.Terminated when TerminatedOn <= day => AgreementStatus.Terminated,
        _ when day < TermStart || day < PublishedOn => AgreementStatus.Pending,
        _ => AgreementStatus.Expired,
    };

    /// <summary>Whether the two agreements could both be in force on one day for one matter.</summary>
    public bool OverlapsInTime(Agreement other) =>
        LastPossibleDay is { } end && other.LastPossibleDay is { } otherEnd && TermStart <= otherEnd && other.TermStart <= end;

    // Compared, never counted back from, so a termination stored as 0001-01-01 reads as "never" instead of failing.
    private DateOnly? LastPossibleDay => TerminatedOn is { } t && t <= TermEnd
        ? (t > TermStart ? t.AddDays(-1) : null)
        : TermEnd;

    private void EnsureState(AgreementState expected)
    {
        if (State != expected)
        {
            throw StateConflict();
        }
    }

    private RuleViolation StateConflict() => RuleViolation.Conflict("Agreement.WrongState", Number, new Text("AgreementState." + State));
}

public sealed record AgreementTerms(
    AgreementMode Mode,
    string? GrantDecisionNumber,
    DateOnly TermStart,
    DateOnly TermEnd,
    string? RightsAndObligations,
    decimal? FundingAmount,
    string? FundingNote,
    bool HasPublicAffairsFunctions,
    bool HasQualifiedStaff,
    bool HasTechnicalMeans);

/// <summary>A matter as a drafter lists it on an agreement: the authority, an optional fine cap and the penalty kinds kept back.</summary>
public sealed record EntrustedMatter(Matter Matter, Authority Authority, decimal? FineCap, PenaltyKinds ExcludedPenalties = PenaltyKinds.None);

/// <summary>One matter of an agreement with the authority given and its legal basis as at signing.</summary>
public sealed class AgreementMatter
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid AgreementId { get; private set; }
    public Guid MatterId { get; private set; }
    public Authority Authority { get; private set; }
    public decimal? FineCap { get; private set; }
    /// <summary>Kinds of penalty the township may not impose on this matter (no licence revocation, no 责令停产停业 …).</summary>
    public PenaltyKinds ExcludedPenalties { get; private set; }
    public string LawName { get; private set; } = "";
    public string LawArticle { get; private set; } = "";

    private AgreementMatter() { }

    internal AgreementMatter(Agreement agreement, EntrustedMatter entrusted)
    {
        DistrictId = agreement.DistrictId;
        AgreementId = agreement.Id;
        MatterId = entrusted.Matter.Id;
        Authority = entrusted.Authority;
        FineCap = entrusted.FineCap;
        ExcludedPenalties = entrusted.ExcludedPenalties;
        LawName = entrusted.Matter.LawName;
        LawArticle = entrusted.Matter.LawArticle;
    }

    internal AgreementMatter(Agreement agreement, AgreementMatter copy)
    {
        DistrictId = agreement.DistrictId;
        AgreementId = agreement.Id;
        MatterId = copy.MatterId;
        Authority = copy.Authority;
        FineCap = copy.FineCap;
        ExcludedPenalties = copy.ExcludedPenalties;
        LawName = copy.LawName;
        LawArticle = copy.LawArticle;
    }
}
