using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Calendar;
using Entrust.Web.Features.Officers;
using Entrust.Web.Platform;

namespace Entrust.Web.Features.Cases;

/// <summary>Where a case stands. The bracketed steps of the general procedure are taken only when the law calls for them.</summary>
public enum CaseState
{
    Filed = 0,             // 立案
    Investigating = 1,     // 调查取证
    Notified = 2,          // 告知
    HearingRequested = 3,  // 申请听证
    HearingHeld = 4,       // 已听证
    LegalReviewed = 5,     // 法制审核
    Discussed = 6,         // 集体讨论
    Decided = 7,           // 作出决定
    Delivered = 8,         // 送达
    Executed = 9,          // 执行完毕
    Closed = 10,           // 结案
    Transferred = 11,      // 移送司法机关 (terminal)
}

public enum CaseProcedure
{
    General = 0, // 普通程序
    Summary = 1, // 简易程序 (APL 51)
}

public enum PartyKind
{
    Person = 0,       // 公民
    Organisation = 1, // 法人或者其他组织
}

public enum DeliveryMethod
{
    OnTheSpot = 0,       // 当场交付
    Direct = 1,          // 直接送达
    Left = 2,            // 留置送达
    Post = 3,            // 邮寄送达
    Electronic = 4,      // 电子送达 (only with consent, APL 61)
    PublicNotice = 5,    // 公告送达
}

/// <summary>The party (当事人): a person with an ID number or an organisation with its unified credit code.</summary>
public sealed record CaseParty(PartyKind Kind, string Name, string Identifier, string? Address = null);

/// <summary>What filing needs: the matter, the party, the act and when it was found.</summary>
public sealed record CaseFiling(
    Guid DistrictId,
    Guid TownshipId,
    Guid MatterId,
    string Number,
    CaseParty Party,
    string Facts,
    DateOnly ActOn,
    DateOnly? ActEndedOn,
    bool HarmsLifeHealthOrFinance,
    DateOnly FoundOn,
    DateOnly FiledOn,
    Guid? InspectionId = null,
    Guid? LeadDepartmentId = null,
    Guid DepartmentId = default);

/// <summary>An officer taking part in a step with the answer to "may they act on this matter that day?" (<see cref="OfficerPowers"/>).</summary>
/// <param name="RecusedFrom">The target or party the officer has an approved recusal against (LAW 11), which bars them from the case.</param>
public sealed record ActingOfficer(Guid OfficerId, string Name, MayActAnswer Answer, string? RecusedFrom = null);

public sealed record NoticeFacts(DateOnly On, Penalty Penalty, string FactsReasonsAndBasis);

public sealed record HearingFacts(DateOnly NoticeOn, DateOnly HeldOn, Guid ChairId, string ChairName, string Record);

public sealed record LegalReviewFacts(DateOnly On, Guid ReviewerId, string ReviewerName, bool ReviewerQualified, string Opinion);

/// <param name="SocialImpact">The decision has social impact and must be published (LAW 24, APL 48).</param>
public sealed record DecisionFacts(DateOnly On, string Number, Penalty Penalty, bool SocialImpact = false);

public sealed record DeliveryFacts(DateOnly On, DeliveryMethod Method, DateOnly? ElectronicConsentOn = null);

/// <summary>
/// Who lowers a case's class (major or complex → not), when and why. <see cref="MayApprove"/>: the account is the office's, or the
/// leading department's when a department leads (LAW 19); a township alone may not.
/// </summary>
public sealed record ClassLowering(DateOnly On, string By, bool MayApprove, string Reason);

/// <summary>
/// An extension of the decision period as approved (APL 60): the day, how many days, the approving account and whether it holds
/// that authority (the acting body's own account), and why.
/// </summary>
public sealed record ExtensionFacts(DateOnly ApprovedOn, int Days, string ApprovedBy, bool ApproverHoldsAuthority, string Reason);

/// <summary>
/// 暂缓或者分期缴纳 (APL 66 ¶2), one shape for both: the party applied, the acting body approved (the account and whether it holds that
/// authority) the day it is recorded, and what remains of the fine falls due in <see cref="Instalments"/> — one for a deferral (the
/// whole, later), several for payment by instalments.
/// </summary>
public sealed record PaymentPlan(DateOnly AppliedOn, DateOnly ApprovedOn, string ApprovedBy, bool ApproverHoldsAuthority, string Reason,
    IReadOnlyList<InstalmentTerm> Instalments);

/// <summary>One instalment of a payment plan: the amount due on the day.</summary>
public sealed record InstalmentTerm(DateOnly DueOn, decimal Amount);

/// <summary>Where and at what time a summary decision was made on the spot (APL 52 ¶2): both are printed on the decision.</summary>
public sealed record OnTheSpotFacts(string? Place, TimeOnly? Time);

/// <summary>
/// A penalty case (行政处罚案件) on a matter a township holds by agreement, from filing to closing or transfer, and the remedies
/// after the decision. Each step is a method that takes its facts and refuses what the Administrative Penalty Law refuses,
/// naming the rule (<see cref="CaseRule"/>); a step the state forbids is a 409. Nothing is read from the database here: the
/// entitlement, the officers' may-act answers, the settings and the holiday calendar are the caller's inputs.
/// </summary>
public sealed partial class Case
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid TownshipId { get; private set; }
    public Guid MatterId { get; private set; }

    /// <summary>The matter's department (the entrusting one), copied so that a department's view is one indexed filter.</summary>
    public Guid DepartmentId { get; private set; }
    public Guid? InspectionId { get; private set; }

    /// <summary>The department leading a major case (联动执法), the township assisting; null when the township leads.</summary>
    public Guid? LeadDepartmentId { get; private set; }
    public string Number { get; private set; } = "";
    public CaseProcedure Procedure { get; private set; }
    public CaseState State { get; private set; }

    // The standing the case was filed under, from the entitlement: under 委托 in the department's name, under 赋权 the township's.
    public Guid AgreementId { get; private set; }
    public AgreementMode Mode { get; private set; }
    public Guid ActingUnitId { get; private set; }
    public string ActingInNameOf { get; private set; } = "";

    public PartyKind PartyKind { get; private set; }
    public string PartyName { get; private set; } = "";
    public string PartyIdentifier { get; private set; } = "";

    public const int PartyAddressLength = 200;

    /// <summary>The party's address (住所), which the decision states (APL 59 (一)); optional at filing, as a party found on the spot may give none.</summary>
    public string? PartyAddress { get; private set; }
    public string Facts { get; private set; } = "";
    public DateOnly ActOn { get; private set; }
    public DateOnly? ActEndedOn { get; private set; }
    public bool HarmsLifeHealthOrFinance { get; private set; }
    public DateOnly FoundOn { get; private set; }
    public DateOnly LimitationLastDay { get; private set; }
    public DateOnly FiledOn { get; private set; }
    public DateOnly DecisionDueOn { get; private set; }
    public bool IsMajor { get; private set; }
    public bool IsComplex { get; private set; }

    /// <summary>The intended or decided penalty makes the case major by the office's rule (<see cref="Penalty.MakesMajor"/>), marked or not.</summary>
    public bool IsMajorByRule { get; private set; }

    /// <summary>The last lowering of the case's class: the day, the approving account and the reason (LAW 19).</summary>
    public DateOnly? ClassLoweredOn { get; private set; }
    public string? ClassLoweredBy { get; private set; }
    public string? ClassLoweringReason { get; private set; }

    public const int PlaceLength = 200;

    /// <summary>Where and when on that day a summary decision was made (APL 52 ¶2).</summary>
    public string? OnTheSpotPlace { get; private set; }
    public TimeOnly? OnTheSpotTime { get; private set; }

    public DateOnly? InvestigationStartedOn { get; private set; }

    public DateOnly? NotifiedOn { get; private set; }
    public Penalty? NotifiedPenalty { get; private set; }
    public string? NoticeText { get; private set; }
    public DateOnly? RepresentationsUntil { get; private set; }
    public bool HearingOffered { get; private set; }
    public DateOnly? HearingRequestUntil { get; private set; }
    public DateOnly? RepresentationsOn { get; private set; }
    public string? Representations { get; private set; }
    public DateOnly? RightsWaivedOn { get; private set; }

    public DateOnly? HearingRequestedOn { get; private set; }
    public DateOnly? HearingNoticeOn { get; private set; }
    public DateOnly? HearingHeldOn { get; private set; }
    public Guid? HearingChairId { get; private set; }
    public string? HearingChairName { get; private set; }
    public string? HearingRecord { get; private set; }

    public DateOnly? LegalReviewOn { get; private set; }
    public Guid? LegalReviewerId { get; private set; }
    public string? LegalReviewerName { get; private set; }
    public string? LegalReviewOpinion { get; private set; }

    public DateOnly? DiscussedOn { get; private set; }
    public string? DiscussionConclusion { get; private set; }

    public DateOnly? DecidedOn { get; private set; }
    public string? DecisionNumber { get; private set; }
    public Penalty? DecidedPenalty { get; private set; }

    /// <summary>A decision with social impact is published (LAW 24, APL 48) by <see cref="PublicationDueOn"/>.</summary>
    public bool MustPublish { get; private set; }
    public DateOnly? PublicationDueOn { get; private set; }
    public DateOnly? PublishedOn { get; private set; }

    public DateOnly? DeliveredOn { get; private set; }
    public DeliveryMethod? DeliveryMethod { get; private set; }

    /// <summary>Delivered after the 7 working days (APL 61): recorded as it happened, and flagged.</summary>
    public bool DeliveredLate { get; private set; }
    public DateOnly? ElectronicConsentOn { get; private set; }
    public DateOnly? PaymentDueOn { get; private set; }
    public DateOnly? PaidOn { get; private set; }

    /// <summary>
    /// The latest payment plan (a deferral or instalments) the party applied for and the acting body approved (APL 66 ¶2): the
    /// application day, the approval day and account, and why; the plan's instalments are <see cref="Instalments"/>.
    /// </summary>
    public DateOnly? PaymentDeferralAppliedOn { get; private set; }
    public DateOnly? PaymentDeferredOn { get; private set; }
    public string? PaymentDeferredBy { get; private set; }
    public string? PaymentDeferralReason { get; private set; }
    public decimal? AmountPaid { get; private set; }
    public decimal? LatePenaltyCharged { get; private set; }
    public DateOnly? ExecutedOn { get; private set; }
    public DateOnly? ReportedForFilingOn { get; private set; }
    public DateOnly? ClosedOn { get; private set; }

    public DateOnly? TransferredOn { get; private set; }
    public string? TransferredTo { get; private set; }
    public string? TransferReason { get; private set; }

    /// <summary>A changed, revoked or unlawful-confirmed decision: the assessment decides whether it was an erroneous case (执法错案).</summary>
    public bool IsErroneousCandidate { get; private set; }
    public DateOnly? WithdrawFromPublicBy { get; private set; }
    public DateOnly? WithdrawnFromPublicOn { get; private set; }

    /// <summary>The penalty a remedy changed the decision to (变更); from then on it is the one paid, executed and printed.</summary>
    public Penalty? ChangedPenalty { get; private set; }

    /// <summary>Revoked, confirmed void or confirmed unlawful on reconsideration or in court: the decision is no longer enforced (LAW 6).</summary>
    public RemedyOutcome? Overturned { get; private set; }
    public DateOnly? OverturnedOn { get; private set; }

    /// <summary>Money paid beyond what the decision in force asks (all of it once the decision is overturned), to be refunded.</summary>
    public decimal? RefundDue { get; private set; }
    public DateOnly? RefundedOn { get; private set; }

    public List<CaseOfficer> Officers { get; private set; } = [];
    public List<CaseEvidence> Evidence { get; private set; } = [];
    public List<CaseExtension> Extensions { get; private set; } = [];
    public List<CaseRemedy> Remedies { get; private set; } = [];

    private Case() { }

    /// <summary>
    /// 立案 under the general procedure: the township must hold the matter with general-procedure authority on the day (APL 38,
    /// 20), the act must still be within the limitation period (APL 36), and two officers who may act take the case (APL 42).
    /// </summary>
    public Case(CaseFiling filing, Entitlement? entitlement, IReadOnlyList<ActingOfficer> officers, CaseSettings settings)
        : this(filing, entitlement, Authority.GeneralPenalty, officers, settings)
    {
    }

    private Case(CaseFiling filing, Entitlement? entitlement, Authority needed, IReadOnlyList<ActingOfficer> officers, CaseSettings settings)
    {
        Require((filing.Number, "Number"), (filing.Party.Name, "PartyName"), (filing.Party.Identifier, "PartyIdentifier"), (filing.Facts, "Facts"));
        if (!Enum.IsDefined(filing.Party.Kind))
        {
            throw new RuleViolation("Validation.Invalid", new Text("CaseField.PartyKind")) { Field = "PartyKind" };
        }
        if (filing.ActOn > filing.FoundOn || filing.FoundOn > filing.FiledOn || filing.ActEndedOn < filing.ActOn)
        {
            throw new RuleViolation("Case.DatesOutOfOrder") { Field = "ActOn" };
        }
        var granted = CheckEntitlement(entitlement, needed, null);
        var limitation = Limitation.Check(filing.ActOn, filing.ActEndedOn, filing.FoundOn, filing.HarmsLifeHealthOrFinance);
        if (!limitation.WithinLimit)
        {
            throw CaseRule.Limitation.RefuseAt("ActOn", "Case.LimitationPassed", Day(limitation.CountsFrom), limitation.Years, Day(limitation.LastDay));
        }
        var acting = TwoWhoMayAct(officers, CaseRule.Officers);

        DistrictId = filing.DistrictId;
        TownshipId = filing.TownshipId;
        MatterId = filing.MatterId;
        DepartmentId = filing.DepartmentId;
        InspectionId = filing.InspectionId;
        LeadDepartmentId = filing.LeadDepartmentId;
        Number = filing.Number.Trim();
        AgreementId = granted.AgreementId!.Value;
        Mode = granted.Mode!.Value;
        ActingUnitId = granted.ActingUnitId!.Value;
        ActingInNameOf = granted.ActingInNameOf!;
        PartyKind = filing.Party.Kind;
        PartyName = filing.Party.Name.Trim();
        PartyIdentifier = filing.Party.Identifier.Trim();
        PartyAddress = string.IsNullOrWhiteSpace(filing.Party.Address) ? null : filing.Party.Address.Trim();
        Facts = filing.Facts.Trim();
        ActOn = filing.ActOn;
        ActEndedOn = filing.ActEndedOn;
        HarmsLifeHealthOrFinance = filing.HarmsLifeHealthOrFinance;
        FoundOn = filing.FoundOn;
        LimitationLastDay = limitation.LastDay;
        FiledOn = filing.FiledOn;
        DecisionDueOn = filing.FiledOn.AddDays(settings.DecisionDays);
        State = CaseState.Filed;
        AddOfficers(acting, CaseState.Filed);
    }

    /// <summary>
    /// 简易程序 (APL 51, 52): a warning or a fine up to 200 RMB (person) / 3,000 RMB (organisation), decided on the spot by two
    /// officers the day the act is found; anything more goes through the general procedure. The case starts decided and is
    /// delivered on the spot; it closes only once reported for filing.
    /// </summary>
    public static Case DecideOnTheSpot(CaseFiling filing, string decisionNumber, Penalty penalty, Entitlement? entitlement,
        IReadOnlyList<ActingOfficer> officers, CaseSettings settings, OnTheSpotFacts spot)
    {
        ArgumentNullException.ThrowIfNull(spot);
        if (string.IsNullOrWhiteSpace(spot.Place))
        {
            throw CaseRule.SummaryFiling.RefuseAt("Place", "Case.SummaryNeedsPlace");
        }
        if (spot.Place.Trim().Length > PlaceLength)
        {
            throw new RuleViolation("Validation.TooLong", new Text("CaseField.Place"), PlaceLength) { Field = "Place" };
        }
        if (spot.Time is null)
        {
            throw CaseRule.SummaryFiling.RefuseAt("Time", "Case.SummaryNeedsTime");
        }
        if (!penalty.IsValid)
        {
            throw new RuleViolation("Validation.Invalid", new Text("CaseField.Penalty")) { Field = "Penalty" };
        }
        if (!penalty.FitsSummaryProcedure(filing.Party.Kind))
        {
            throw CaseRule.Summary.RefuseAt("Penalty", "Case.SummaryBeyondLimit",
                filing.Party.Kind == PartyKind.Person ? CaseLaw.SummaryFinePerson : CaseLaw.SummaryFineOrganisation);
        }
        Require(decisionNumber, "DecisionNumber");
        var summary = new Case(filing, entitlement, Authority.SummaryPenalty, officers, settings);
        CheckFineCap(entitlement!, penalty);
        summary.Procedure = CaseProcedure.Summary;
        summary.State = CaseState.Decided;
        summary.DecidedOn = filing.FiledOn;
        summary.DecisionNumber = decisionNumber.Trim();
        summary.DecidedPenalty = penalty;
        summary.OnTheSpotPlace = spot.Place.Trim();
        summary.OnTheSpotTime = spot.Time;
        foreach (var officer in summary.Officers)
        {
            officer.Step = CaseState.Decided;
        }
        return summary;
    }

    /// <summary>
    /// Marks the case major (重大) or complex (疑难复杂) before the decision: both need legal review, and collective discussion
    /// (APL 58, 57). Anyone who writes the case may raise its class; lowering it needs a reason and the approval of the office, or of
    /// the leading department when a department leads, recorded on the case; a case major by rule stays major.
    /// </summary>
    public void Classify(bool major, bool complex, ClassLowering? lowering = null)
    {
        EnsureIn(CaseState.Filed, CaseState.Investigating, CaseState.Notified, CaseState.HearingRequested, CaseState.HearingHeld,
            CaseState.LegalReviewed, CaseState.Discussed);
        var lowers = (IsMajor && !major) || (IsComplex && !complex);
        if (lowers)
        {
            var field = IsMajor && !major ? "IsMajor" : "IsComplex";
            if (lowering is not { MayApprove: true })
            {
                throw CaseRule.LegalReview.RefuseAt(field, LeadDepartmentId is null ? "Case.LoweringNeedsOffice" : "Case.LoweringNeedsLead");
            }
            if (IsMajorByRule && !major)
            {
                throw CaseRule.LegalReview.RefuseAt("IsMajor", "Case.MajorByRule");
            }
            Require((lowering.Reason, "Reason"), (lowering.By, "ApprovedBy"));
            NotBefore(lowering.On, FiledOn);
            ClassLoweredOn = lowering.On;
            ClassLoweredBy = lowering.By.Trim();
            ClassLoweringReason = lowering.Reason.Trim();
        }
        IsMajor = major;
        IsComplex = complex;
    }

    /// <summary>
    /// 联动执法: the department that owns the matter takes the lead of a major case before the decision, the township assisting.
    /// </summary>
    public void TakeLead(Guid departmentId)
    {
        EnsureIn(CaseState.Filed, CaseState.Investigating, CaseState.Notified, CaseState.HearingRequested, CaseState.HearingHeld,
            CaseState.LegalReviewed, CaseState.Discussed);
        if (!IsMajor && !IsMajorByRule)
        {
            throw RuleViolation.Conflict("Case.LeadOnlyMajor", Number);
        }
        if (departmentId != DepartmentId)
        {
            throw new RuleViolation("Case.LeadNotOwner") { Field = "DepartmentId" };
        }
        LeadDepartmentId = departmentId;
    }

    /// <summary>调查取证 starts with two officers who may act (APL 42, 55).</summary>
    public void BeginInvestigation(DateOnly on, IReadOnlyList<ActingOfficer> officers)
    {
        EnsureIn(CaseState.Filed);
        NotBefore(on, FiledOn);
        var acting = TwoWhoMayAct(officers, CaseRule.Investigation);
        State = CaseState.Investigating;
        InvestigationStartedOn = on;
        AddOfficers(acting, CaseState.Investigating);
    }

    /// <summary>An item of evidence, gathered by two officers who may act (APL 55).</summary>
    public CaseEvidence AddEvidence(DateOnly collectedOn, string kind, string description, IReadOnlyList<ActingOfficer> officers)
    {
        EnsureIn(CaseState.Investigating);
        NotBefore(collectedOn, InvestigationStartedOn!.Value);
        Require((kind, "Kind"), (description, "Description"));
        var acting = TwoWhoMayAct(officers, CaseRule.Investigation);
        var item = new CaseEvidence(this, collectedOn, kind.Trim(), description.Trim(), acting.Select(o => o.OfficerId));
        Evidence.Add(item);
        AddOfficers(acting, CaseState.Investigating);
        return item;
    }

    /// <summary>
    /// 告知 (APL 44): the intended penalty, facts, reasons and basis, and the party's rights. Needs evidence (APL 40). Sets the window
    /// for representations and, when the penalty opens a hearing (APL 63), the 5 working days to ask for one.
    /// </summary>
    public void Notify(NoticeFacts notice, CaseSettings settings, WorkingDayCalendar calendar, Entitlement? entitlement = null)
    {
        EnsureIn(CaseState.Investigating);
        NotBefore(notice.On, InvestigationStartedOn!.Value);
        if (Evidence.Count == 0)
        {
            throw CaseRule.Evidence.Refuse("Case.NoEvidence");
        }
        if (!notice.Penalty.IsValid || notice.Penalty.IsNone)
        {
            throw new RuleViolation("Validation.Invalid", new Text("CaseField.Penalty")) { Field = "Penalty" };
        }
        Require(notice.FactsReasonsAndBasis, "FactsReasonsAndBasis");
        if (entitlement is { Allowed: true })
        {
            CheckExcludedKinds(entitlement, notice.Penalty); // never tell the party of a penalty the township may not impose
        }
        State = CaseState.Notified;
        NotifiedOn = notice.On;
        NotifiedPenalty = notice.Penalty;
        NoticeText = notice.FactsReasonsAndBasis.Trim();
        RepresentationsUntil = calendar.AddWorkingDays(notice.On, settings.RepresentationWorkingDays);
        HearingOffered = notice.Penalty.OpensHearing(PartyKind, settings);
        IsMajorByRule = notice.Penalty.MakesMajor(PartyKind, settings);
        HearingRequestUntil = HearingOffered ? calendar.AddWorkingDays(notice.On, CaseLaw.HearingRequestWorkingDays) : null;
    }

    /// <summary>陈述、申辩 (APL 45): recorded; they can never make the penalty heavier.</summary>
    public void RecordRepresentations(DateOnly on, string summary)
    {
        EnsureIn(CaseState.Notified, CaseState.HearingRequested, CaseState.HearingHeld);
        NotBefore(on, NotifiedOn!.Value);
        Require(summary, "Representations");
        RepresentationsOn = on;
        Representations = summary.Trim();
    }

    /// <summary>The party states in writing that they give up representations and a hearing (APL 62): the decision need not wait.</summary>
    public void RecordWaiver(DateOnly on)
    {
        EnsureIn(CaseState.Notified);
        NotBefore(on, NotifiedOn!.Value);
        RightsWaivedOn = on;
    }

    /// <summary>申请听证: only where the penalty opens a hearing (APL 63), within 5 working days of the notice (APL 64 (一)).</summary>
    public void RequestHearing(DateOnly on)
    {
        EnsureIn(CaseState.Notified);
        NotBefore(on, NotifiedOn!.Value);
        if (!HearingOffered)
        {
            throw CaseRule.HearingRight.Refuse("Case.HearingNotAvailable");
        }
        if (RightsWaivedOn is not null)
        {
            throw CaseRule.HearingRight.Refuse("Case.HearingWaived", Day(RightsWaivedOn.Value));
        }
        if (on > HearingRequestUntil)
        {
            throw CaseRule.HearingProcedure.RefuseAt("On", "Case.HearingRequestLate", Day(HearingRequestUntil!.Value));
        }
        State = CaseState.HearingRequested;
        HearingRequestedOn = on;
    }

    /// <summary>
    /// 听证 (APL 64): the party told 7 working days ahead, chaired by someone who did not take part in the investigation.
    /// </summary>
    public void HoldHearing(HearingFacts hearing, WorkingDayCalendar calendar)
    {
        EnsureIn(CaseState.HearingRequested);
        NotBefore(hearing.NoticeOn, HearingRequestedOn!.Value);
        var earliest = calendar.AddWorkingDays(hearing.NoticeOn, CaseLaw.HearingNoticeWorkingDays);
        if (hearing.HeldOn < earliest)
        {
            throw CaseRule.HearingProcedure.RefuseAt("HeldOn", "Case.HearingNoticeTooShort", Day(hearing.NoticeOn), Day(earliest));
        }
        if (Officers.Any(o => o.OfficerId == hearing.ChairId && o.Step is CaseState.Filed or CaseState.Investigating))
        {
            throw CaseRule.HearingProcedure.RefuseAt("ChairId", "Case.ChairInvestigated", hearing.ChairName);
        }
        Require((hearing.ChairName, "ChairName"), (hearing.Record, "Record"));
        State = CaseState.HearingHeld;
        HearingNoticeOn = hearing.NoticeOn;
        HearingHeldOn = hearing.HeldOn;
        HearingChairId = hearing.ChairId;
        HearingChairName = hearing.ChairName.Trim();
        HearingRecord = hearing.Record.Trim();
    }

    /// <summary>Legal review is needed for major (marked or by rule), heard and complex cases (APL 58).</summary>
    public bool NeedsLegalReview => IsMajor || IsMajorByRule || IsComplex || HearingHeldOn is not null;

    /// <summary>Collective discussion by the body's leaders is needed for major (marked or by rule) and complex cases (APL 57 ¶2).</summary>
    public bool NeedsCollectiveDiscussion => IsMajor || IsMajorByRule || IsComplex;

    /// <summary>法制审核 (APL 58) by a reviewer the office has qualified who did not investigate the case, after notice and any hearing.</summary>
    public void RecordLegalReview(LegalReviewFacts review)
    {
        if (State == CaseState.HearingRequested)
        {
            throw CaseRule.HearingProcedure.Conflict("Case.HearingPending", State);
        }
        EnsureIn(CaseState.Notified, CaseState.HearingHeld);
        NotBefore(review.On, HearingHeldOn ?? NotifiedOn!.Value);
        if (!review.ReviewerQualified)
        {
            throw CaseRule.LegalReview.RefuseAt("ReviewerId", "Case.ReviewerNotQualified", review.ReviewerName);
        }
        if (Officers.Any(o => o.OfficerId == review.ReviewerId && o.Step is CaseState.Filed or CaseState.Investigating))
        {
            throw CaseRule.LegalReview.RefuseAt("ReviewerId", "Case.ReviewerInvestigated", review.ReviewerName);
        }
        Require((review.ReviewerName, "ReviewerName"), (review.Opinion, "Opinion"));
        State = CaseState.LegalReviewed;
        LegalReviewOn = review.On;
        LegalReviewerId = review.ReviewerId;
        LegalReviewerName = review.ReviewerName.Trim();
        LegalReviewOpinion = review.Opinion.Trim();
    }

    /// <summary>集体讨论 (APL 57 ¶2): after the legal review where one is needed.</summary>
    public void RecordCollectiveDiscussion(DateOnly on, string conclusion)
    {
        if (State == CaseState.HearingRequested)
        {
            throw CaseRule.HearingProcedure.Conflict("Case.HearingPending", State);
        }
        EnsureIn(CaseState.Notified, CaseState.HearingHeld, CaseState.LegalReviewed);
        NotBefore(on, LegalReviewOn ?? HearingHeldOn ?? NotifiedOn!.Value);
        if (NeedsLegalReview && LegalReviewOn is null)
        {
            throw CaseRule.LegalReview.Conflict("Case.LegalReviewRequired", State);
        }
        Require(conclusion, "Conclusion");
        State = CaseState.Discussed;
        DiscussedOn = on;
        DiscussionConclusion = conclusion.Trim();
    }

    /// <summary>
    /// 作出决定. Refused without standing on the day (APL 38), after the decision period without an approved extension (APL 60),
    /// without notice (APL 44), before the party's windows close unless waived (APL 62, 64), with a hearing asked for and not held
    /// (APL 63), without legal review or collective discussion where needed (APL 58, 57), or heavier than notified (APL 45, 44).
    /// </summary>
    public void Decide(DecisionFacts decision, Entitlement? entitlement) => Decide(decision, entitlement, null, null);

    /// <summary>
    /// As <see cref="Decide(DecisionFacts, Entitlement?)"/>; a decision with social impact is to be published within the office's
    /// publication window in working days (LAW 24), which needs the settings and the holiday calendar.
    /// </summary>
    public void Decide(DecisionFacts decision, Entitlement? entitlement, CaseSettings? settings, WorkingDayCalendar? calendar)
    {
        if (decision.SocialImpact && (settings is null || calendar is null))
        {
            throw new ArgumentException("A decision to publish needs the settings and the calendar.", nameof(settings));
        }
        if (State is CaseState.Filed or CaseState.Investigating)
        {
            throw CaseRule.Notice.Conflict("Case.NoPriorNotice", State);
        }
        if (State == CaseState.HearingRequested)
        {
            throw CaseRule.HearingProcedure.Conflict("Case.HearingPending", State);
        }
        EnsureIn(CaseState.Notified, CaseState.HearingHeld, CaseState.LegalReviewed, CaseState.Discussed);
        NotBefore(decision.On, DiscussedOn ?? LegalReviewOn ?? HearingHeldOn ?? NotifiedOn!.Value);
        Require(decision.Number, "DecisionNumber");
        if (!decision.Penalty.IsValid)
        {
            throw new RuleViolation("Validation.Invalid", new Text("CaseField.Penalty")) { Field = "Penalty" };
        }
        CheckEntitlement(entitlement, Authority.GeneralPenalty, decision.Penalty);
        if (decision.On > DecisionDueOn)
        {
            throw CaseRule.DecisionPeriod.RefuseAt("On", "Case.DecisionOverdue", Day(FiledOn), Day(DecisionDueOn));
        }
        if (RightsWaivedOn is null)
        {
            if (RepresentationsOn is null && decision.On <= RepresentationsUntil)
            {
                throw CaseRule.Representations.RefuseAt("On", "Case.RepresentationWindowOpen", Day(RepresentationsUntil!.Value));
            }
            if (HearingOffered && HearingRequestedOn is null && decision.On <= HearingRequestUntil)
            {
                throw CaseRule.HearingProcedure.RefuseAt("On", "Case.HearingWindowOpen", Day(HearingRequestUntil!.Value));
            }
        }
        // Major by rule is judged again on the decided penalty, with the office's figures of the day.
        var majorByRule = IsMajorByRule || decision.Penalty.MakesMajor(PartyKind, settings ?? CaseSettings.Defaults);
        if ((NeedsLegalReview || majorByRule) && LegalReviewOn is null)
        {
            throw CaseRule.LegalReview.Conflict("Case.LegalReviewRequired", State);
        }
        if ((NeedsCollectiveDiscussion || majorByRule) && DiscussedOn is null)
        {
            throw CaseRule.Discussion.Conflict("Case.DiscussionRequired", State);
        }
        if (decision.Penalty.IsHeavierThan(NotifiedPenalty!))
        {
            throw RepresentationsOn is not null || HearingHeldOn is not null
                ? CaseRule.NoHeavier.RefuseAt("Penalty", "Case.HeavierAfterRepresentations")
                : CaseRule.Notice.RefuseAt("Penalty", "Case.HeavierThanNotified");
        }
        State = CaseState.Decided;
        DecidedOn = decision.On;
        DecisionNumber = decision.Number.Trim();
        DecidedPenalty = decision.Penalty;
        IsMajorByRule = majorByRule;
        MustPublish = decision.SocialImpact;
        PublicationDueOn = decision.SocialImpact ? calendar!.AddWorkingDays(decision.On, settings!.PublicationWorkingDays) : null;
    }

    /// <summary>
    /// 公示 (LAW 24, APL 48): a decision with social impact published on the public page, once, on or after the decision. A late
    /// publication is recorded as it happened (the list shows it overdue); a decision already withdrawn is not published again.
    /// </summary>
    public void Publish(DateOnly on)
    {
        if (DecidedOn is null || !MustPublish)
        {
            throw CaseRule.Withdrawal.Conflict("Case.NothingToPublish", State);
        }
        if (PublishedOn is not null || WithdrawFromPublicBy is not null)
        {
            throw CaseRule.Withdrawal.Conflict("Case.AlreadyPublished", State);
        }
        if (!AwaitsPublication)
        {
            // A case transferred to the judiciary stops there: its decision is no longer published (the deadline list agrees).
            throw CaseRule.Withdrawal.Conflict("Case.NothingToPublish", State);
        }
        NotBefore(on, DecidedOn.Value);
        PublishedOn = on;
    }

    /// <summary>
    /// 延长办案期限 (APL 60): only as a recorded, approved decision of the acting body, taken before the period ends and recorded the
    /// day it is approved (no back-dating), each at most the office's maximum of days, and no more of them than the office allows —
    /// for the case's sector (<paramref name="domain"/>, the matter's) where the office set a figure for it, else in general.
    /// </summary>
    public CaseExtension Extend(ExtensionFacts extension, DateOnly recordedOn, CaseSettings settings, string? domain = null)
    {
        ArgumentNullException.ThrowIfNull(extension);
        EnsureIn(CaseState.Filed, CaseState.Investigating, CaseState.Notified, CaseState.HearingRequested, CaseState.HearingHeld,
            CaseState.LegalReviewed, CaseState.Discussed);
        if (!extension.ApproverHoldsAuthority)
        {
            throw CaseRule.DecisionPeriod.RefuseAt("ApprovedBy", "Case.ExtensionApproverNotAuthorised", ActingInNameOf);
        }
        Require((extension.ApprovedBy, "ApprovedBy"), (extension.Reason, "Reason"));
        if (extension.ApprovedOn != recordedOn)
        {
            throw CaseRule.DecisionPeriod.RefuseAt("ApprovedOn", "Case.ExtensionBackDated", Day(extension.ApprovedOn), Day(recordedOn));
        }
        if (extension.Days <= 0 || extension.Days > settings.MaxExtensionDays)
        {
            throw CaseRule.DecisionPeriod.RefuseAt("Days", "Case.ExtensionTooLong", settings.MaxExtensionDays);
        }
        var (limit, sector) = settings.ExtensionLimitFor(domain);
        if (Extensions.Count >= limit)
        {
            throw sector
                ? CaseRule.DecisionPeriod.RefuseAt("Days", "Case.ExtensionLimitSector", limit, Catalog.Domains.Name(domain!))
                : CaseRule.DecisionPeriod.RefuseAt("Days", "Case.ExtensionLimit", limit);
        }
        if (extension.ApprovedOn > DecisionDueOn)
        {
            throw CaseRule.DecisionPeriod.RefuseAt("ApprovedOn", "Case.ExtensionTooLate", Day(DecisionDueOn));
        }
        NotBefore(extension.ApprovedOn, FiledOn);
        var added = new CaseExtension(this, extension.ApprovedOn, extension.Days, extension.ApprovedBy.Trim(), extension.Reason.Trim(),
            DecisionDueOn);
        Extensions.Add(added);
        DecisionDueOn = DecisionDueOn.AddDays(extension.Days);
        return added;
    }

    /// <summary>
    /// 送达 (APL 61): on the spot, or within 7 working days of the decision; electronically only with the party's recorded consent.
    /// A delivery after the 7 working days is recorded as it happened and flagged (<see cref="DeliveredLate"/>): refusing it would
    /// leave the case unable to close. A summary decision is handed over on the spot (APL 52). Starts the 15 days to pay (APL 67).
    /// </summary>
    public void Deliver(DeliveryFacts delivery, WorkingDayCalendar calendar)
    {
        EnsureStands();
        EnsureIn(CaseState.Decided);
        NotBefore(delivery.On, DecidedOn!.Value);
        if (!Enum.IsDefined(delivery.Method))
        {
            throw new RuleViolation("Validation.Invalid", new Text("CaseField.Method")) { Field = "Method" };
        }
        if (Procedure == CaseProcedure.Summary && (delivery.Method != Cases.DeliveryMethod.OnTheSpot || delivery.On != DecidedOn))
        {
            throw CaseRule.SummaryFiling.RefuseAt("Method", "Case.SummaryNotOnTheSpot");
        }
        if (delivery.Method == Cases.DeliveryMethod.OnTheSpot && delivery.On != DecidedOn)
        {
            throw CaseRule.Delivery.RefuseAt("Method", "Case.OnTheSpotSameDay");
        }
        var latest = calendar.AddWorkingDays(DecidedOn.Value, CaseLaw.DeliveryWorkingDays);
        if (delivery.Method == Cases.DeliveryMethod.Electronic && (delivery.ElectronicConsentOn is not { } consent || consent > delivery.On))
        {
            throw CaseRule.Delivery.RefuseAt("Method", "Case.ElectronicWithoutConsent");
        }
        State = CaseState.Delivered;
        DeliveredOn = delivery.On;
        DeliveryMethod = delivery.Method;
        DeliveredLate = delivery.On > latest;
        ElectronicConsentOn = delivery.Method == Cases.DeliveryMethod.Electronic ? delivery.ElectronicConsentOn : null;
        PaymentDueOn = PenaltyInForce!.Fine > 0 ? delivery.On.AddDays(CaseLaw.PaymentDays) : null;
    }

    /// <summary>The instalments of the payment plan in force (APL 66 ¶2), in order; none when the fine is paid at once.</summary>
    public List<CaseInstalment> Instalments { get; private set; } = [];

    /// <summary>What remains of the fine in force: the fine less the instalments already paid.</summary>
    public decimal FineOutstanding => (PenaltyInForce?.Fine ?? 0m) - Instalments.Where(i => i.PaidOn != null).Sum(i => i.Amount);

    /// <summary>The next instalment to pay, if the fine is being paid by a plan.</summary>
    public CaseInstalment? NextInstalment => Instalments.Where(i => i.PaidOn == null).MinBy(i => i.Number);

    /// <summary>
    /// 缴纳罚款: the fine and any late penalty (APL 72 (一)) paid in full — or, under a payment plan, the next instalment and its own
    /// late penalty, counted from its due day; the next instalment's day is then the one due. Once the whole fine is paid the case is
    /// executed unless a further part of the penalty remains to be carried out (<see cref="RecordExecution"/>).
    /// </summary>
    public void RecordPayment(DateOnly paidOn, decimal amount)
    {
        EnsureStands();
        EnsureIn(CaseState.Delivered);
        NotBefore(paidOn, DeliveredOn!.Value);
        var penalty = PenaltyInForce!;
        if (penalty.Fine <= 0 || PaidOn is not null || PaymentDueOn is null)
        {
            throw RuleViolation.Conflict("Case.NothingToPay", Number);
        }
        var instalment = NextInstalment;
        var principal = instalment?.Amount ?? penalty.Fine;
        var late = LatePenalty.Compute(principal, instalment?.DueOn ?? PaymentDueOn.Value, paidOn);
        var owed = principal + late;
        if (amount < owed)
        {
            throw CaseRule.Payment.RefuseAt("Amount", "Case.PaymentShort", owed, late);
        }
        AmountPaid = (AmountPaid ?? 0m) + amount;
        LatePenaltyCharged = (LatePenaltyCharged ?? 0m) + late;
        if (instalment is not null)
        {
            if (instalment.PaidBefore(paidOn, Instalments) is { } earlier)
            {
                NotBefore(paidOn, earlier);
            }
            instalment.Pay(paidOn, amount, late);
            if (NextInstalment is { } next)
            {
                PaymentDueOn = next.DueOn;
                return;
            }
        }
        PaidOn = paidOn;
        if (penalty.Confiscation == 0 && penalty.Measure == PenaltyMeasure.None)
        {
            State = CaseState.Executed;
            ExecutedOn = paidOn;
        }
    }

    /// <summary>
    /// 暂缓或者分期缴纳罚款 (APL 66 ¶2): on the party's application, made after delivery, approved by the acting body's account the day
    /// it is recorded (no back-dating), what remains of the fine falls due by the plan: each instalment more than nothing, their days
    /// in order, none before the day now due and the last after it, together exactly what remains. Instalments already paid stay; a
    /// new plan replaces the unpaid ones. The late penalty (APL 72) then counts per instalment from its own day.
    /// </summary>
    public void ArrangePayment(PaymentPlan plan, DateOnly recordedOn)
    {
        ArgumentNullException.ThrowIfNull(plan);
        EnsureStands();
        EnsureIn(CaseState.Delivered);
        if (PenaltyInForce!.Fine <= 0 || PaidOn is not null || PaymentDueOn is not { } dueOn)
        {
            throw RuleViolation.Conflict("Case.NothingToPay", Number);
        }
        if (!plan.ApproverHoldsAuthority)
        {
            throw CaseRule.PaymentDeferral.RefuseAt("ApprovedBy", "Case.DeferralApproverNotAuthorised", ActingInNameOf);
        }
        Require((plan.ApprovedBy, "ApprovedBy"), (plan.Reason, "Reason"));
        NotBefore(plan.AppliedOn, DeliveredOn!.Value);
        NotBefore(plan.ApprovedOn, plan.AppliedOn);
        if (plan.ApprovedOn != recordedOn)
        {
            throw CaseRule.PaymentDeferral.RefuseAt("ApprovedOn", "Case.DeferralBackDated", Day(plan.ApprovedOn), Day(recordedOn));
        }
        var terms = plan.Instalments;
        if (terms.Count == 0 || terms.Count > CaseLaw.MaxInstalments)
        {
            throw CaseRule.PaymentDeferral.RefuseAt("Instalments", "Case.InstalmentsCount", CaseLaw.MaxInstalments);
        }
        for (var k = 0; k < terms.Count; k++)
        {
            if (terms[k].Amount <= 0 || decimal.Round(terms[k].Amount, 2) != terms[k].Amount)
            {
                throw CaseRule.PaymentDeferral.RefuseAt("Instalments", "Case.InstalmentAmount", k + 1);
            }
            if (terms[k].DueOn < dueOn)
            {
                throw CaseRule.PaymentDeferral.RefuseAt("Instalments", "Case.InstalmentBeforeDue", k + 1, Day(dueOn));
            }
            if (k > 0 && terms[k].DueOn <= terms[k - 1].DueOn)
            {
                throw CaseRule.PaymentDeferral.RefuseAt("Instalments", "Case.InstalmentsOrder", k + 1);
            }
        }
        if (terms[^1].DueOn <= dueOn)
        {
            throw CaseRule.PaymentDeferral.RefuseAt(terms.Count == 1 ? "NewDueOn" : "Instalments", "Case.DeferralNotLater", Day(dueOn));
        }
        var outstanding = FineOutstanding;
        if (terms.Sum(t => t.Amount) != outstanding)
        {
            throw CaseRule.PaymentDeferral.RefuseAt("Instalments", "Case.InstalmentsSum", terms.Sum(t => t.Amount), outstanding);
        }
        PaymentDeferralAppliedOn = plan.AppliedOn;
        PaymentDeferredOn = plan.ApprovedOn;
        PaymentDeferredBy = plan.ApprovedBy.Trim();
        PaymentDeferralReason = plan.Reason.Trim();
        Instalments.RemoveAll(i => i.PaidOn == null);
        var number = Instalments.Count;
        foreach (var t in terms)
        {
            Instalments.Add(new CaseInstalment(this, ++number, t.DueOn, t.Amount));
        }
        PaymentDueOn = NextInstalment!.DueOn;
    }

    /// <summary>The rest of the penalty carried out (confiscation, licence measure); the fine, if any, must be paid first.</summary>
    public void RecordExecution(DateOnly on)
    {
        EnsureStands();
        EnsureIn(CaseState.Delivered);
        NotBefore(on, DeliveredOn!.Value);
        if (!PenaltyInForce!.NeedsExecution)
        {
            throw RuleViolation.Conflict("Case.NothingToExecute", Number);
        }
        if (PenaltyInForce.Fine > 0 && PaidOn is null)
        {
            throw CaseRule.Payment.Refuse("Case.FineUnpaid");
        }
        State = CaseState.Executed;
        ExecutedOn = on;
    }

    /// <summary>备案 of a summary decision with the body the officers belong to (APL 52).</summary>
    public void ReportForFiling(DateOnly on)
    {
        if (Procedure != CaseProcedure.Summary)
        {
            throw RuleViolation.Conflict("Case.NotSummary", Number);
        }
        EnsureIn(CaseState.Decided, CaseState.Delivered, CaseState.Executed);
        NotBefore(on, DecidedOn!.Value);
        ReportedForFilingOn = on;
    }

    /// <summary>
    /// 结案: once executed, or once delivered when nothing remains to carry out (a warning, no penalty). A decision overturned on
    /// reconsideration or in court (LAW 6) is not carried out: its case closes as overturned — from decided, delivered or executed,
    /// once any money paid has been refunded — and keeps the outcome that ended it (<see cref="Overturned"/>).
    /// </summary>
    public void Close(DateOnly on)
    {
        if (Overturned is not null)
        {
            EnsureIn(CaseState.Decided, CaseState.Delivered, CaseState.Executed);
            if (RefundDue > 0 && RefundedOn is null)
            {
                throw CaseRule.Overturned.Conflict("Case.RefundPending", State, RefundDue.Value);
            }
            NotBefore(on, RefundedOn ?? OverturnedOn!.Value);
        }
        else
        {
            if (State == CaseState.Delivered && PenaltyInForce!.NeedsExecution)
            {
                throw CaseRule.Payment.Conflict("Case.NotExecuted", State);
            }
            EnsureIn(CaseState.Delivered, CaseState.Executed);
            NotBefore(on, ExecutedOn ?? DeliveredOn!.Value);
        }
        if (Procedure == CaseProcedure.Summary && ReportedForFilingOn is null)
        {
            throw CaseRule.SummaryFiling.Refuse("Case.SummaryNotReported");
        }
        State = CaseState.Closed;
        ClosedOn = on;
    }

    /// <summary>移送 (APL 27): a suspected crime goes to the judicial authorities and the case stops there.</summary>
    public void TransferToJudiciary(DateOnly on, string receivingBody, string reason)
    {
        if (IsOver)
        {
            throw CaseRule.Transfer.Conflict("Case.CannotTransfer", State);
        }
        NotBefore(on, FiledOn);
        Require((receivingBody, "ReceivingBody"), (reason, "Reason"));
        State = CaseState.Transferred;
        TransferredOn = on;
        TransferredTo = receivingBody.Trim();
        TransferReason = reason.Trim();
    }

    /// <summary>行政复议 or 行政诉讼 against the decision, with the body that hears it.</summary>
    public CaseRemedy RecordRemedy(RemedyKind kind, DateOnly filedOn, string body)
    {
        if (DecidedOn is null)
        {
            throw RuleViolation.Conflict("Case.NoDecisionToChallenge", Number, new Text("CaseState." + State));
        }
        if (!Enum.IsDefined(kind))
        {
            throw new RuleViolation("Validation.Invalid", new Text("CaseField.Kind")) { Field = "Kind" };
        }
        NotBefore(filedOn, DecidedOn.Value);
        Require(body, "Body");
        var remedy = new CaseRemedy(this, kind, filedOn, body.Trim());
        Remedies.Add(remedy);
        return remedy;
    }

    /// <summary>
    /// The outcome of a remedy (LAW 6). 撤销, 确认无效 and 确认违法 end the decision's enforcement: it can no longer be delivered,
    /// paid or executed, and whatever was paid is recorded for refund. 变更 names the new penalty, never heavier than the one in
    /// force (行政复议法 Art. 63, 行政诉讼法 Art. 77); from then on the amount due, the late penalty and the documents follow it, and
    /// what was paid beyond it is recorded for refund. Any of the four takes a published decision off the public page within 3
    /// working days with its reason stated (APL 48 ¶2) and makes the case a candidate erroneous case for the assessment.
    /// </summary>
    public void RecordRemedyOutcome(Guid remedyId, RemedyOutcome outcome, DateOnly on, WorkingDayCalendar calendar, Penalty? changedTo = null)
    {
        var remedy = Remedies.FirstOrDefault(r => r.Id == remedyId)
            ?? throw new RuleViolation("Case.RemedyNotFound") { Field = "RemedyId" };
        if (remedy.Outcome != RemedyOutcome.Pending)
        {
            throw RuleViolation.Conflict("Case.RemedyAlreadyDecided", new Text("RemedyOutcome." + remedy.Outcome));
        }
        if (outcome == RemedyOutcome.Pending || !Enum.IsDefined(outcome))
        {
            throw new RuleViolation("Validation.Invalid", new Text("CaseField.Outcome")) { Field = "Outcome" };
        }
        NotBefore(on, remedy.FiledOn);
        if (outcome == RemedyOutcome.Changed)
        {
            EnsureStands();
            if (changedTo is null)
            {
                throw CaseRule.Overturned.RefuseAt("ChangedPenalty", "Case.ChangedPenaltyRequired");
            }
            if (!changedTo.IsValid)
            {
                throw new RuleViolation("Validation.Invalid", new Text("CaseField.ChangedPenalty")) { Field = "ChangedPenalty" };
            }
            if (changedTo.IsHeavierThan(PenaltyInForce!))
            {
                throw CaseRule.NoHeavierChange.RefuseAt("ChangedPenalty", "Case.ChangedHeavier");
            }
        }
        else if (changedTo is not null)
        {
            throw CaseRule.Overturned.RefuseAt("ChangedPenalty", "Case.PenaltyOnlyWhenChanged", new Text("RemedyOutcome." + outcome));
        }
        remedy.Outcome = outcome;
        remedy.DecidedOn = on;
        if (outcome == RemedyOutcome.Upheld)
        {
            return;
        }
        IsErroneousCandidate = true;
        if (MustPublish)
        {
            var by = calendar.AddWorkingDays(on, CaseLaw.WithdrawalWorkingDays);
            WithdrawFromPublicBy = WithdrawFromPublicBy is { } earlier && earlier < by ? earlier : by;
        }
        if (outcome == RemedyOutcome.Changed)
        {
            ApplyChange(changedTo!, on);
        }
        else if (Overturned is null)
        {
            Overturned = outcome;
            OverturnedOn = on;
            RefundDue = AmountPaid is > 0 ? AmountPaid : null;
        }
    }

    /// <summary>The decision in force becomes <paramref name="changed"/>: what remains due follows it, what was paid beyond it is refunded.</summary>
    private void ApplyChange(Penalty changed, DateOnly on)
    {
        ChangedPenalty = changed;
        if (PaidOn is null && Instalments.Any(i => i.PaidOn != null))
        {
            // Part paid by instalments: what remains of the changed fine is due, at once, on the next day of the plan.
            var principalPaid = Instalments.Where(i => i.PaidOn != null).Sum(i => i.Amount);
            Instalments.RemoveAll(i => i.PaidOn == null);
            if (changed.Fine > principalPaid)
            {
                Instalments.Add(new CaseInstalment(this, Instalments.Count + 1, PaymentDueOn!.Value, changed.Fine - principalPaid));
            }
            else
            {
                PaidOn = Instalments.Max(i => i.PaidOn);
                RefundDue = principalPaid > changed.Fine ? principalPaid - changed.Fine : null;
            }
        }
        else if (PaidOn is { } paidOn && AmountPaid is { } paid)
        {
            var owed = changed.Fine + (PaymentDueOn is { } due ? LatePenalty.Compute(changed.Fine, due, paidOn) : 0m);
            RefundDue = paid > owed ? paid - owed : null;
        }
        else if (State == CaseState.Delivered && changed.Fine <= 0)
        {
            PaymentDueOn = null;
        }
        // Paid, and nothing else left to carry out under the changed decision: the case is executed.
        if (State == CaseState.Delivered && PaidOn is not null && changed.Fine > 0 && changed.Confiscation == 0
            && changed.Measure == PenaltyMeasure.None)
        {
            State = CaseState.Executed;
            ExecutedOn = on;
        }
    }

    /// <summary>
    /// 退还: the money recorded for refund after the decision was overturned or lowered is paid back to the party (国家赔偿法 Art. 36),
    /// whatever the state of the case, once.
    /// </summary>
    public void RecordRefund(DateOnly on)
    {
        if (RefundDue is not > 0 || RefundedOn is not null)
        {
            throw RuleViolation.Conflict("Case.NothingToRefund", Number);
        }
        NotBefore(on, Remedies.Where(r => r.DecidedOn is not null).Max(r => r.DecidedOn!.Value));
        RefundedOn = on;
    }

    /// <summary>The decision taken off the public page (APL 48).</summary>
    public void RecordWithdrawalFromPublic(DateOnly on)
    {
        if (WithdrawFromPublicBy is null || WithdrawnFromPublicOn is not null)
        {
            throw RuleViolation.Conflict("Case.NothingToWithdraw", Number);
        }
        WithdrawnFromPublicOn = on;
    }

    /// <summary>The last day the party may apply for reconsideration (60 days, 行政复议法 Art. 20) from delivery.</summary>
    public DateOnly? ReconsiderationUntil => DeliveredOn?.AddDays(CaseLaw.ReconsiderationDays);

    /// <summary>The last day the party may sue (6 months, 行政诉讼法 Art. 46) from delivery.</summary>
    public DateOnly? LitigationUntil => DeliveredOn?.AddMonths(CaseLaw.LitigationMonths);

    private static Entitlement CheckEntitlement(Entitlement? entitlement, Authority needed, Penalty? penalty)
    {
        if (entitlement is not { Allowed: true })
        {
            var reason = entitlement?.ReasonKey ?? "Entitlement.NoAgreement";
            throw CaseRule.Standing.Refuse(reason, [.. entitlement?.ReasonArguments ?? []]);
        }
        if (entitlement.Authority < needed)
        {
            throw CaseRule.Authority.Refuse("Case.AuthorityBelowProcedure", entitlement.AgreementNumber ?? "",
                new Text("Authority." + entitlement.Authority), new Text("Authority." + needed));
        }
        if (penalty is not null)
        {
            CheckFineCap(entitlement, penalty);
        }
        return entitlement;
    }

    private static void CheckFineCap(Entitlement entitlement, Penalty penalty)
    {
        if (entitlement.FineCap is { } cap && penalty.Fine > cap)
        {
            throw CaseRule.Authority.RefuseAt("Penalty", "Case.FineAboveCap", entitlement.AgreementNumber ?? "", cap);
        }
        CheckExcludedKinds(entitlement, penalty);
    }

    /// <summary>A kind of penalty the agreement keeps back from the township on the matter (APL 20 ¶2, 38).</summary>
    private static void CheckExcludedKinds(Entitlement entitlement, Penalty penalty)
    {
        if ((penalty.Kinds & entitlement.ExcludedPenalties).Each() is [var kind, ..])
        {
            throw CaseRule.Authority.RefuseAt("Penalty", "Case.PenaltyKindExcluded", entitlement.AgreementNumber ?? "", new Text("PenaltyKinds." + kind));
        }
    }

    private List<ActingOfficer> TwoWhoMayAct(IReadOnlyList<ActingOfficer> officers, CaseRule rule)
    {
        var distinct = officers.DistinctBy(o => o.OfficerId).ToList();
        EnsureNoneRecused(distinct);
        if (distinct.FirstOrDefault(o => !o.Answer.MayAct) is { } barred)
        {
            throw rule.RefuseAt("Officers", "Case.OfficerMayNotAct", barred.Name);
        }
        if (distinct.Count < MayAct.OfficersPerAct)
        {
            throw rule.RefuseAt("Officers", "Case.TwoOfficersRequired", distinct.Count);
        }
        return distinct;
    }

    // ---- 回避 (APL 43) ----

    public List<CaseRecusal> Recusals { get; private set; } = [];

    /// <summary>
    /// A recusal application by the party or the officer, recorded on the case until the case is over; one undecided application
    /// per officer at a time. The officer keeps acting until the head of the body approves it.
    /// </summary>
    public CaseRecusal ApplyForRecusal(RecusalApplication application)
    {
        EnsureNotOver();
        if (!Enum.IsDefined(application.By))
        {
            throw new RuleViolation("Validation.Invalid", new Text("CaseField.AppliedBy")) { Field = "AppliedBy" };
        }
        Require(application.Reason, "Reason");
        if (application.Reason.Trim().Length > CaseRecusal.ReasonLength)
        {
            throw new RuleViolation("Validation.TooLong", new Text("CaseField.Reason"), CaseRecusal.ReasonLength) { Field = "Reason" };
        }
        NotBefore(application.On, FiledOn);
        if (Recusals.Any(r => r.OfficerId == application.OfficerId && r.Approved is null or true))
        {
            throw CaseRule.Recusal.Conflict("Case.RecusalPending", State, application.OfficerName);
        }
        var recusal = new CaseRecusal(this, application);
        Recusals.Add(recusal);
        return recusal;
    }

    /// <summary>The decision by the head of the acting body (APL 43 ¶2), on or after the application, once.</summary>
    public void DecideRecusal(Guid recusalId, RecusalDecision decision)
    {
        EnsureNotOver();
        var recusal = Recusals.Single(r => r.Id == recusalId);
        if (recusal.Approved is not null)
        {
            throw CaseRule.Recusal.Conflict("Case.RecusalDecided", State, recusal.OfficerName);
        }
        if (string.IsNullOrWhiteSpace(decision.DecidedBy))
        {
            throw CaseRule.Recusal.RefuseAt("DecidedBy", "Case.RecusalNeedsHead");
        }
        if (decision.DecidedBy.Trim().Length > CaseRecusal.NameLength)
        {
            throw new RuleViolation("Validation.TooLong", new Text("CaseField.DecidedBy"), CaseRecusal.NameLength) { Field = "DecidedBy" };
        }
        NotBefore(decision.On, recusal.AppliedOn);
        recusal.Decide(decision);
    }

    /// <summary>Refuses an officer recused from the case, or from its party or target (LAW 11): a hearing chair, a reviewer, any step.</summary>
    public void EnsureNoneRecused(IEnumerable<ActingOfficer> officers)
    {
        foreach (var officer in officers)
        {
            if (officer.RecusedFrom is { } from)
            {
                throw CaseRule.Recusal.RefuseAt("Officers", "Case.OfficerRecusedFromParty", officer.Name, from);
            }
            if (Recusals.FirstOrDefault(r => r.OfficerId == officer.OfficerId && r.Approved == true) is { } approved)
            {
                throw CaseRule.Recusal.RefuseAt("Officers", "Case.OfficerRecused", officer.Name, Day(approved.DecidedOn!.Value));
            }
        }
    }

    internal void EnsureNotOver()
    {
        if (IsOver)
        {
            throw RuleViolation.Conflict("Case.WrongState", Number, new Text("CaseState." + State));
        }
    }

    private void AddOfficers(IEnumerable<ActingOfficer> officers, CaseState step)
    {
        foreach (var officer in officers)
        {
            if (!Officers.Any(o => o.OfficerId == officer.OfficerId && o.Step == step))
            {
                Officers.Add(new CaseOfficer(this, officer.OfficerId, officer.Name.Trim(), step));
            }
        }
    }

    /// <summary>A decision overturned on reconsideration or in court is not carried out (LAW 6): refused naming the outcome.</summary>
    private void EnsureStands()
    {
        if (Overturned is { } outcome)
        {
            throw CaseRule.Overturned.Conflict("Case.DecisionOverturned", State, Number, new Text("RemedyOutcome." + outcome),
                Day(OverturnedOn!.Value));
        }
    }

    private void EnsureIn(params CaseState[] allowed)
    {
        if (!allowed.Contains(State))
        {
            throw RuleViolation.Conflict("Case.WrongState", Number, new Text("CaseState." + State));
        }
    }

    private static void NotBefore(DateOnly on, DateOnly previous)
    {
        if (on < previous)
        {
            throw new RuleViolation("Case.StepBeforePrevious", Day(on), Day(previous)) { Field = "On" };
        }
    }

    private static void Require(string? value, string field) => Require((value, field));

    /// <summary>Every blank field of a step refused at once, each beside its own field.</summary>
    private static void Require(params (string? Value, string Field)[] fields) =>
        RuleViolation.ThrowAll(fields.Select(f => string.IsNullOrWhiteSpace(f.Value) ? Missing(f.Field) : null));

    /// <summary>A required field left blank, named by its label (<c>CaseField.*</c>).</summary>
    public static RuleViolation Missing(string field) => new("Validation.Required", new Text("CaseField." + field)) { Field = field };

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");
}

/// <summary>An officer who took part in a step (the steps of filing and investigation make them investigators, APL 64).</summary>
public sealed class CaseOfficer
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid CaseId { get; private set; }
    public Guid OfficerId { get; private set; }
    public string Name { get; private set; } = "";
    public CaseState Step { get; internal set; }

    private CaseOfficer() { }

    internal CaseOfficer(Case @case, Guid officerId, string name, CaseState step)
    {
        DistrictId = @case.DistrictId;
        CaseId = @case.Id;
        OfficerId = officerId;
        Name = name;
        Step = step;
    }
}

/// <summary>An item of evidence (证据); its files come with the persistence of cases.</summary>
public sealed class CaseEvidence
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid CaseId { get; private set; }
    public DateOnly CollectedOn { get; private set; }
    public string Kind { get; private set; } = "";
    public string Description { get; private set; } = "";
    public List<Guid> OfficerIds { get; private set; } = [];

    private CaseEvidence() { }

    internal CaseEvidence(Case @case, DateOnly collectedOn, string kind, string description, IEnumerable<Guid> officerIds)
    {
        DistrictId = @case.DistrictId;
        CaseId = @case.Id;
        CollectedOn = collectedOn;
        Kind = kind;
        Description = description;
        OfficerIds = [.. officerIds];
    }
}

/// <summary>One instalment of a payment plan (APL 66 ¶2): its number, day and amount; once paid, when, how much and the late penalty.</summary>
public sealed class CaseInstalment
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid CaseId { get; private set; }
    public int Number { get; private set; }
    public DateOnly DueOn { get; private set; }
    public decimal Amount { get; private set; }
    public DateOnly? PaidOn { get; private set; }
    public decimal? AmountPaid { get; private set; }
    public decimal? LatePenalty { get; private set; }

    private CaseInstalment() { }

    internal CaseInstalment(Case @case, int number, DateOnly dueOn, decimal amount)
    {
        DistrictId = @case.DistrictId;
        CaseId = @case.Id;
        Number = number;
        DueOn = dueOn;
        Amount = amount;
    }

    /// <summary>The day an earlier instalment was paid, when it is after <paramref name="paidOn"/>: payments are recorded in order.</summary>
    internal DateOnly? PaidBefore(DateOnly paidOn, IEnumerable<CaseInstalment> all) =>
        all.Where(i => i.PaidOn > paidOn).Max(i => i.PaidOn);

    internal void Pay(DateOnly paidOn, decimal amount, decimal latePenalty)
    {
        PaidOn = paidOn;
        AmountPaid = amount;
        LatePenalty = latePenalty;
    }
}

/// <summary>An approved extension of the decision period (APL 60), with the due date it replaced.</summary>
public sealed class CaseExtension
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid CaseId { get; private set; }
    public DateOnly ApprovedOn { get; private set; }
    public int Days { get; private set; }
    public string ApprovedBy { get; private set; } = "";
    public string Reason { get; private set; } = "";
    public DateOnly PreviousDueOn { get; private set; }

    private CaseExtension() { }

    internal CaseExtension(Case @case, DateOnly approvedOn, int days, string approvedBy, string reason, DateOnly previousDueOn)
    {
        DistrictId = @case.DistrictId;
        CaseId = @case.Id;
        ApprovedOn = approvedOn;
        Days = days;
        ApprovedBy = approvedBy;
        Reason = reason;
        PreviousDueOn = previousDueOn;
    }
}

public enum RemedyKind
{
    Reconsideration = 0, // 行政复议 (respondent: the entrusting department under 委托, ARL 19)
    Litigation = 1,      // 行政诉讼
}

public enum RemedyOutcome
{
    Pending = 0,
    Upheld = 1,            // 维持 / 驳回
    Changed = 2,           // 变更
    Revoked = 3,           // 撤销
    ConfirmedUnlawful = 4, // 确认违法
    ConfirmedVoid = 5,     // 确认无效 (APL 38)
}

/// <summary>A reconsideration or lawsuit against the decision and its outcome.</summary>
public sealed class CaseRemedy
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid CaseId { get; private set; }
    public RemedyKind Kind { get; private set; }
    public DateOnly FiledOn { get; private set; }
    public string Body { get; private set; } = "";
    public RemedyOutcome Outcome { get; internal set; }
    public DateOnly? DecidedOn { get; internal set; }

    private CaseRemedy() { }

    internal CaseRemedy(Case @case, RemedyKind kind, DateOnly filedOn, string body)
    {
        DistrictId = @case.DistrictId;
        CaseId = @case.Id;
        Kind = kind;
        FiledOn = filedOn;
        Body = body;
    }
}
