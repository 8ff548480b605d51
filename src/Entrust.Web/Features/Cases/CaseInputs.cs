namespace Entrust.Web.Features.Cases;

// What a page or an API client sends for each use case of CaseBook. Every field is optional in the type so that a missing one is
// answered with a field error in the user's language rather than a deserialisation failure. A missing date is today (Asia/Shanghai).

/// <summary>A penalty as sent: a warning, a fine and a confiscation in RMB, and at most one further measure.</summary>
public sealed record PenaltyInput(bool Warning, decimal? Fine, decimal? Confiscation, PenaltyMeasure Measure = PenaltyMeasure.None)
{
    public Penalty ToPenalty() => new(Warning, Fine ?? 0m, Confiscation ?? 0m, Measure);
}

/// <summary>
/// 立案 (general procedure). A township user's own township is the default; a department user files as the lead of a major case and
/// names the township. <see cref="Number"/> is generated per acting body and year when empty. <see cref="ActContinues"/> with no
/// <see cref="ActEndedOn"/> is an act still going on when found.
/// </summary>
public sealed record CaseFileInput(
    Guid? TownshipId,
    Guid? MatterId,
    Guid? InspectionId,
    string? Number,
    PartyKind PartyKind,
    string? PartyName,
    string? PartyIdentifier,
    string? Facts,
    DateOnly? ActOn,
    DateOnly? ActEndedOn,
    bool ActContinues,
    bool HarmsLifeHealthOrFinance,
    DateOnly? FoundOn,
    DateOnly? FiledOn,
    List<Guid>? OfficerIds,
    bool IsMajor = false,
    bool IsComplex = false,
    string? PartyAddress = null);

/// <summary>
/// 简易程序: the filing's facts and the penalty decided and handed over on the spot, the day the act is found, with the place and the
/// time (APL 52 ¶2). The time is the moment of recording when the decision is dated today and none is given.
/// </summary>
public sealed record SummaryCaseInput(
    Guid? TownshipId,
    Guid? MatterId,
    Guid? InspectionId,
    string? Number,
    PartyKind PartyKind,
    string? PartyName,
    string? PartyIdentifier,
    string? Facts,
    DateOnly? ActOn,
    DateOnly? On,
    List<Guid>? OfficerIds,
    string? DecisionNumber,
    PenaltyInput? Penalty,
    string? PartyAddress = null,
    string? Place = null,
    TimeOnly? Time = null);

public sealed record OfficersStepInput(DateOnly? On, List<Guid>? OfficerIds);

public sealed record EvidenceInput(DateOnly? CollectedOn, string? Kind, string? Description, List<Guid>? OfficerIds);

/// <summary>
/// Marks or unmarks the case major or complex. Lowering the class needs <see cref="Reason"/> and is the office's (or the leading
/// department's) to approve; <see cref="On"/> is today when not given.
/// </summary>
public sealed record ClassifyInput(bool IsMajor, bool IsComplex, string? Reason = null, DateOnly? On = null);

public sealed record NoticeInput(DateOnly? On, PenaltyInput? Penalty, string? FactsReasonsAndBasis);

public sealed record RepresentationsInput(DateOnly? On, string? Summary);

public sealed record DateInput(DateOnly? On);

public sealed record HearingInput(DateOnly? NoticeOn, DateOnly? HeldOn, Guid? ChairId, string? Record);

public sealed record ReviewInput(DateOnly? On, Guid? ReviewerId, string? Opinion);

public sealed record DiscussionInput(DateOnly? On, string? Conclusion);

public sealed record DecisionInput(DateOnly? On, string? Number, PenaltyInput? Penalty, bool SocialImpact);

public sealed record DeliveryInput(DateOnly? On, DeliveryMethod Method, DateOnly? ElectronicConsentOn);

public sealed record PaymentInput(DateOnly? PaidOn, decimal? Amount);

/// <summary>暂缓缴纳 (APL 66): the day the party applied, the new due day and why; approved by the account recording it, today. A payment
/// plan of one instalment: what remains of the fine, on the new day.</summary>
public sealed record PaymentDeferralInput(DateOnly? AppliedOn, DateOnly? NewDueOn, string? Reason);

/// <summary>分期缴纳 (APL 66): the day the party applied, why, and the instalments (day and amount, in order, together what remains of
/// the fine); approved by the account recording it, today.</summary>
public sealed record PaymentPlanInput(DateOnly? AppliedOn, string? Reason, List<InstalmentInput>? Instalments);

public sealed record InstalmentInput(DateOnly? DueOn, decimal? Amount);

public sealed record TransferInput(DateOnly? On, string? ReceivingBody, string? Reason);

/// <summary>An extension approved by the acting body's account that records it, dated the day it is recorded (today when not given).</summary>
public sealed record ExtensionInput(DateOnly? ApprovedOn, int? Days, string? Reason);

public sealed record RemedyInput(RemedyKind Kind, DateOnly? FiledOn, string? Body);

/// <summary>A remedy's outcome; a <see cref="RemedyOutcome.Changed"/> one names the penalty the decision was changed to.</summary>
public sealed record RemedyOutcomeInput(RemedyOutcome Outcome, DateOnly? On, PenaltyInput? ChangedPenalty = null);

/// <summary>
/// The office's settings for cases, and the officers it has qualified for legal review. The major-case fines and the number of
/// extensions are the defaults when not given; <c>MaxExtensionsByDomain</c> sets the number of extensions for a sector's cases
/// (domain code → number), in place of the general one.
/// </summary>
public sealed record CaseSettingsInput(
    decimal HearingFinePerson,
    decimal HearingFineOrganisation,
    int DecisionDays,
    int MaxExtensionDays,
    int RepresentationWorkingDays,
    int PublicationWorkingDays,
    List<Guid>? LegalReviewerIds,
    decimal? MajorFinePerson = null,
    decimal? MajorFineOrganisation = null,
    int? MaxExtensions = null,
    Dictionary<string, int>? MaxExtensionsByDomain = null);

/// <summary>The lists' filter: state, matter, township, procedure; overdue or due soon (10 working days) on the decision, payment
/// or publication deadline; a text search on number and party.</summary>
public sealed record CaseFilter(CaseState? State, Guid? Matter, Guid? Township, CaseProcedure? Procedure, bool? Overdue, bool? DueSoon,
    string? Q, int? Page, int? PageSize);

/// <summary>The deadline list's filter: township and matter; <c>within</c> working days (10 by default); the page (50 rows by default).</summary>
public sealed record DeadlineFilter(Guid? Township, Guid? Matter, int? Within, int? Page = null, int? PageSize = null);
