using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Cases;
using Entrust.Web.Features.Gaps;
using Entrust.Web.Features.Inspections;
using Entrust.Web.Features.Meetings;
using Entrust.Web.Features.Officers;
using Entrust.Web.Features.Reports;
using Entrust.Web.Features.Scope;

namespace Entrust.Web.Features.Shared;

/// <summary>
/// The console's one set of signal colours (site.css, "Signals"), chosen here for every state a page shows: red for overdue,
/// refused, revoked and escalated; amber for due soon, late, waiting on someone and suspended; green for in force, done and
/// passed; grey for what ended in the ordinary way or has not started. A state not named here shows in the plain tag colour.
/// </summary>
public static class Signals
{
    public const string Red = "signal-red";
    public const string Amber = "signal-amber";
    public const string Green = "signal-green";
    public const string Grey = "signal-grey";

    /// <summary>The signal of a state, a result or a severity.</summary>
    public static string Of(Enum state) => state switch
    {
        AgreementStatus.InForce or ScopeRequestState.Approved or ReportState.Acknowledged or GapState.Resolved
            or OrderState.Completed or InspectionResult.NoProblem or CertificateValidity.Valid or OfficerStatus.Active
            or CaseState.Executed or CaseState.Closed or MeetingState.Issued => Green,
        AgreementStatus.Submitted or AgreementStatus.Reviewed or ScopeRequestState.Pending or ReportState.Submitted
            or GapState.Open or OrderState.Open or InspectionResult.RectificationOrdered or CertificateValidity.NotYetIssued
            or CertificateValidity.Suspended or GapSeverity.Medium => Amber,
        AgreementStatus.Terminated or ScopeRequestState.Rejected or ReportState.Returned or OrderState.Escalated
            or InspectionResult.CaseToBeFiled or CertificateValidity.Revoked or CertificateValidity.ReviewOverdue
            or GapSeverity.High => Red,
        AgreementStatus.Draft or AgreementStatus.Expired or ReportState.Draft or GapState.Closed or CertificateValidity.Expired
            or OfficerStatus.Transferred or OfficerStatus.Left or CaseState.Transferred or MeetingState.Planned => Grey,
        _ => "",
    };

    /// <summary>A deadline by the working days left: overdue red, due today or within <paramref name="soon"/> days amber.</summary>
    public static string OfDaysLeft(int daysLeft, int soon = CaseBook.DueSoonWorkingDays) =>
        daysLeft < 0 ? Red : daysLeft <= soon ? Amber : "";

    /// <summary>A yes/no flag that is bad news when set (overdue, late, barred): red, else nothing.</summary>
    public static string RedIf(bool flag) => flag ? Red : "";
}
