using System.Linq.Expressions;

namespace Entrust.Web.Features.Cases;

/// <summary>A step a user can take on a case; the resource key of its name is "CaseStep." and the member's name.</summary>
public enum CaseStep
{
    Investigate,
    AddEvidence,
    Classify,
    TakeLead,
    Notify,
    Representations,
    Waive,
    RequestHearing,
    HoldHearing,
    Review,
    Discuss,
    Decide,
    Deliver,
    Payment,
    DeferPayment,
    Execute,
    ReportForFiling,
    Close,
    Transfer,
    Extend,
    Publish,
    Withdraw,
    Remedy,
    RemedyOutcome,
    Refund,
    Recusal,
    RecusalDecision,
}

/// <summary>
/// The questions every reader of a case asks — which steps are open, is a payment or a publication still due, by when — answered
/// once here. Where a list filters on one in SQL, the expression stands beside the member it mirrors; a test runs both on the same
/// cases through the database (CaseStatusQueries).
/// </summary>
public sealed partial class Case
{
    /// <summary>The penalty the case carries out: the decided one, or the one a remedy changed it to.</summary>
    public Penalty? PenaltyInForce => ChangedPenalty ?? DecidedPenalty;

    /// <summary>A decision was taken and no remedy has revoked it, found it void or confirmed it unlawful (LAW 6).</summary>
    public bool DecisionStands => DecidedOn is not null && Overturned is null;

    // ---- the decision period ----

    /// <summary>No decision yet (nor transferred): the decision period runs (APL 60).</summary>
    public bool AwaitsDecision => State <= CaseState.Discussed;

    /// <summary>Closed or transferred to the judiciary: no step is taken on the case any more, no file added.</summary>
    public bool IsOver => State is CaseState.Closed or CaseState.Transferred;

    /// <summary>Not <see cref="IsOver"/>, for SQL.</summary>
    public static Expression<Func<Case, bool>> StillOpen() => c => c.State != CaseState.Closed && c.State != CaseState.Transferred;

    /// <summary>Concluded (结案: closed, or transferred to the judiciary) within [<paramref name="from"/>, <paramref name="to"/>], for SQL.</summary>
    public static Expression<Func<Case, bool>> ConcludedWithin(DateOnly from, DateOnly to) => c =>
        (c.State == CaseState.Closed && c.ClosedOn >= from && c.ClosedOn <= to)
        || (c.State == CaseState.Transferred && c.TransferredOn >= from && c.TransferredOn <= to);

    /// <summary>
    /// The officers who handled the case: every officer who took part in a step, the legal reviewer and the hearing's chair. None of
    /// them may review its file (案卷评查). Needs <see cref="Officers"/> loaded.
    /// </summary>
    public IReadOnlySet<Guid> HandlerIds =>
        Officers.Select(o => o.OfficerId).Concat(new[] { LegalReviewerId, HearingChairId }.OfType<Guid>()).ToHashSet();

    /// <summary>The decision is due within [<paramref name="from"/>, <paramref name="to"/>] (no lower bound when from is null).</summary>
    public bool IsDecisionDueWithin(DateOnly? from, DateOnly to) =>
        AwaitsDecision && (from == null || DecisionDueOn >= from) && DecisionDueOn <= to;

    /// <summary>As <see cref="IsDecisionDueWithin"/>, for the lists' SQL.</summary>
    public static Expression<Func<Case, bool>> DecisionDueWithin(DateOnly? from, DateOnly to) =>
        c => c.State <= CaseState.Discussed && (from == null || c.DecisionDueOn >= from) && c.DecisionDueOn <= to;

    /// <summary>Decided after the decision period (extensions counted) had run out (APL 60): the assessment counts it.</summary>
    public bool WasDecidedLate => DecidedOn > DecisionDueOn;

    /// <summary>As <see cref="WasDecidedLate"/>, for SQL.</summary>
    public static Expression<Func<Case, bool>> DecidedLate() => c => c.DecidedOn > c.DecisionDueOn;

    // ---- payment ----

    /// <summary>A fine of a standing decision delivered and not yet paid (APL 67): an overturned decision is never due (LAW 6).</summary>
    public bool AwaitsPayment => State == CaseState.Delivered && PaidOn == null && PaymentDueOn != null && Overturned == null;

    public bool IsPaymentDueWithin(DateOnly? from, DateOnly to) =>
        AwaitsPayment && (from == null || PaymentDueOn >= from) && PaymentDueOn <= to;

    /// <summary>As <see cref="IsPaymentDueWithin"/>, for the lists' SQL.</summary>
    public static Expression<Func<Case, bool>> PaymentDueWithin(DateOnly? from, DateOnly to) =>
        c => c.State == CaseState.Delivered && c.PaidOn == null && c.PaymentDueOn != null && c.Overturned == null
            && (from == null || c.PaymentDueOn >= from) && c.PaymentDueOn <= to;

    // ---- publication (LAW 24, APL 48) ----

    /// <summary>
    /// A decision with social impact still to be published: not yet published, not taken off by a remedy's outcome, and the case not
    /// transferred to the judiciary (which stops the case where it is).
    /// </summary>
    public bool AwaitsPublication => MustPublish && PublishedOn == null && WithdrawFromPublicBy == null && State != CaseState.Transferred;

    public bool IsPublicationDueWithin(DateOnly? from, DateOnly to) =>
        AwaitsPublication && (from == null || PublicationDueOn >= from) && PublicationDueOn <= to;

    /// <summary>As <see cref="IsPublicationDueWithin"/>, for the lists' SQL.</summary>
    public static Expression<Func<Case, bool>> PublicationDueWithin(DateOnly? from, DateOnly to) =>
        c => c.MustPublish && c.PublishedOn == null && c.WithdrawFromPublicBy == null && c.State != CaseState.Transferred
            && (from == null || c.PublicationDueOn >= from) && c.PublicationDueOn <= to;

    /// <summary>Publication overdue on <paramref name="today"/>: its day has passed.</summary>
    public bool IsPublicationOverdue(DateOnly today) => IsPublicationDueWithin(null, today.AddDays(-1));

    /// <summary>As <see cref="IsPublicationOverdue"/>, for the lists' SQL.</summary>
    public static Expression<Func<Case, bool>> PublicationOverdue(DateOnly today) => PublicationDueWithin(null, today.AddDays(-1));

    /// <summary>Published after its publication day (LAW 24).</summary>
    public bool WasPublishedLate => PublishedOn > PublicationDueOn;

    /// <summary>As <see cref="WasPublishedLate"/>, for SQL.</summary>
    public static Expression<Func<Case, bool>> PublishedLate() => c => c.PublishedOn > c.PublicationDueOn;

    /// <summary>A published decision changed or overturned, not yet recorded as taken off the public page (APL 48 ¶2).</summary>
    public bool AwaitsWithdrawal => WithdrawFromPublicBy != null && WithdrawnFromPublicOn == null;

    /// <summary>As <see cref="AwaitsWithdrawal"/>, for the lists' SQL.</summary>
    public static Expression<Func<Case, bool>> AwaitingWithdrawal() => c => c.WithdrawFromPublicBy != null && c.WithdrawnFromPublicOn == null;

    /// <summary>
    /// The decision stands on the public page: one to be published, published, and neither changed nor overturned since (a remedy's
    /// outcome takes it off at once, whether or not the withdrawal has been recorded yet).
    /// </summary>
    public bool IsOnPublicPage => MustPublish && DecidedOn != null && PublishedOn != null && WithdrawFromPublicBy == null && WithdrawnFromPublicOn == null;

    /// <summary>As <see cref="IsOnPublicPage"/>, for the public page's SQL.</summary>
    public static Expression<Func<Case, bool>> OnPublicPage() =>
        c => c.MustPublish && c.DecidedOn != null && c.PublishedOn != null && c.WithdrawFromPublicBy == null && c.WithdrawnFromPublicOn == null;

    /// <summary>A published decision taken off the public page by a remedy's outcome: its withdrawal is stated publicly, with the reason.</summary>
    public bool IsWithdrawnFromPublicPage => PublishedOn != null && WithdrawFromPublicBy != null;

    /// <summary>As <see cref="IsWithdrawnFromPublicPage"/>, for the public page's SQL.</summary>
    public static Expression<Func<Case, bool>> WithdrawnFromPublicPage() => c => c.PublishedOn != null && c.WithdrawFromPublicBy != null;

    // ---- the short working-day windows (CaseDeadlines computes their days on the calendar) ----

    /// <summary>Notified and the rights not waived: the party's representations or hearing request may still come in (APL 44, 63).</summary>
    public bool AwaitsPartyResponse => State == CaseState.Notified && RightsWaivedOn == null;

    /// <summary>A standing decision still to be delivered within 7 working days (APL 61).</summary>
    public bool AwaitsDelivery => State == CaseState.Decided && DecisionStands;

    /// <summary>As <see cref="AwaitsPartyResponse"/> or <see cref="AwaitsDelivery"/>, for the deadline list's SQL prefilter.</summary>
    public static Expression<Func<Case, bool>> AwaitingPartyResponseOrDelivery() =>
        c => (c.State == CaseState.Notified && c.RightsWaivedOn == null)
            || (c.State == CaseState.Decided && c.DecidedOn != null && c.Overturned == null);

    /// <summary>The money recorded for refund is still to be paid back.</summary>
    public bool AwaitsRefund => RefundDue > 0 && RefundedOn == null;

    // ---- steps ----

    /// <summary>
    /// The steps the case's state and record allow now, whoever asks (who may take each is <see cref="CaseBook"/>'s). The pages
    /// show these and no others; each step's method still refuses what the law refuses on the facts given.
    /// </summary>
    public IReadOnlySet<CaseStep> OpenSteps()
    {
        var open = new HashSet<CaseStep>();
        void When(bool condition, CaseStep step)
        {
            if (condition)
            {
                open.Add(step);
            }
        }
        var beforeDecision = AwaitsDecision;
        When(beforeDecision, CaseStep.Classify);
        When(beforeDecision, CaseStep.Extend);
        When(beforeDecision && IsMajor && LeadDepartmentId == null, CaseStep.TakeLead);
        When(State == CaseState.Filed, CaseStep.Investigate);
        When(State == CaseState.Investigating, CaseStep.AddEvidence);
        When(State == CaseState.Investigating, CaseStep.Notify);
        When(State is CaseState.Notified or CaseState.HearingRequested or CaseState.HearingHeld, CaseStep.Representations);
        When(AwaitsPartyResponse, CaseStep.Waive);
        When(AwaitsPartyResponse && HearingOffered, CaseStep.RequestHearing);
        When(State == CaseState.HearingRequested, CaseStep.HoldHearing);
        When(NeedsLegalReview && LegalReviewOn == null && State is CaseState.Notified or CaseState.HearingHeld, CaseStep.Review);
        When(NeedsCollectiveDiscussion && DiscussedOn == null && (LegalReviewOn != null || !NeedsLegalReview)
            && State is CaseState.Notified or CaseState.HearingHeld or CaseState.LegalReviewed, CaseStep.Discuss);
        When(State is CaseState.Notified or CaseState.HearingHeld or CaseState.LegalReviewed or CaseState.Discussed, CaseStep.Decide);

        var stands = DecisionStands;
        var penalty = PenaltyInForce;
        When(AwaitsDelivery, CaseStep.Deliver);
        When(AwaitsPayment && penalty is { Fine: > 0 }, CaseStep.Payment);
        When(AwaitsPayment && penalty is { Fine: > 0 }, CaseStep.DeferPayment);
        When(stands && State == CaseState.Delivered && penalty is { NeedsExecution: true } && (penalty.Fine <= 0 || PaidOn != null),
            CaseStep.Execute);
        var reported = Procedure == CaseProcedure.General || ReportedForFilingOn != null;
        When(Procedure == CaseProcedure.Summary && ReportedForFilingOn == null
            && State is CaseState.Decided or CaseState.Delivered or CaseState.Executed, CaseStep.ReportForFiling);
        When(reported && (stands
                ? State == CaseState.Executed || (State == CaseState.Delivered && penalty is { NeedsExecution: false })
                : Overturned != null && State is CaseState.Decided or CaseState.Delivered or CaseState.Executed && !AwaitsRefund),
            CaseStep.Close);
        When(!IsOver, CaseStep.Transfer);
        When(DecidedOn != null && AwaitsPublication, CaseStep.Publish);
        When(AwaitsWithdrawal, CaseStep.Withdraw);
        When(DecidedOn != null && State != CaseState.Transferred, CaseStep.Remedy);
        When(Remedies.Any(r => r.Outcome == RemedyOutcome.Pending), CaseStep.RemedyOutcome);
        When(AwaitsRefund, CaseStep.Refund);
        When(!IsOver, CaseStep.Recusal);
        When(!IsOver && Recusals.Any(r => r.Approved == null), CaseStep.RecusalDecision);
        return open;
    }
}

/// <summary>
/// Case and decision numbers (LAW 5): in the name of the body the case acts in — under 委托 the entrusting department, under 赋权
/// the township — so a number always begins with that body's name, as the generator makes them: 区林业局立字〔2026〕3号,
/// 区林业局罚决字〔2026〕3号. A number given by hand in another body's name is refused.
/// </summary>
public static class CaseNumbers
{
    public static string CasePrefix(string actingInNameOf, int year) => $"{actingInNameOf}立字〔{year}〕";

    public static string DecisionPrefix(string actingInNameOf, int year) => $"{actingInNameOf}罚决字〔{year}〕";

    /// <summary>A given number that does not begin with the acting body's name is refused, naming the body it must carry.</summary>
    public static string InNameOf(string given, string actingInNameOf, string field)
    {
        var number = given.Trim();
        if (!number.StartsWith(actingInNameOf, StringComparison.Ordinal) || number.Length == actingInNameOf.Length)
        {
            throw CaseRule.Naming.RefuseAt(field, "Case.NumberNotInName", number, actingInNameOf);
        }
        return number;
    }
}
