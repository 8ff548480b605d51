using Entrust.Web.Features.Calendar;

namespace Entrust.Web.Features.Cases;

public enum CaseDeadlineKind
{
    Decision = 0,              // 90 days from filing plus approved extensions (APL 60)
    Representations = 1,       // the window left for representations after the notice (office's setting)
    HearingRequest = 2,        // 5 working days after the notice (APL 64)
    Delivery = 3,              // 7 working days after the decision (APL 61)
    Payment = 4,               // 15 days after delivery (APL 67)
    PublicWithdrawal = 5,      // 3 working days after a decision was changed or revoked (APL 48)
    Publication = 6,           // the office's window after a decision with social impact (LAW 24)
}

/// <summary>
/// A deadline of a case: its last day and the working days left until it, from today (negative once passed, zero on the day).
/// <paramref name="Provisional"/>: the span touches a year whose holiday schedule the office has not kept, so the count (and a
/// working-day due day) rests on the statutory holidays alone and may move once the schedule is entered.
/// </summary>
public sealed record CaseDeadline(CaseDeadlineKind Kind, DateOnly Due, int WorkingDaysLeft, bool Provisional = false)
{
    public bool IsOverdue(DateOnly today) => today > Due;
}

/// <summary>
/// The deadlines a case is running against and the next one, on the holiday calendar. Calendar-day periods (90 and 15 days) end on
/// their date; working-day periods were fixed when the step was taken, on the calendar of that day.
/// </summary>
public static class CaseDeadlines
{
    /// <summary>Every deadline still open on the case, earliest first.</summary>
    public static IReadOnlyList<CaseDeadline> Open(Case c, DateOnly today, WorkingDayCalendar calendar)
    {
        var open = new List<(CaseDeadlineKind Kind, DateOnly Due)>();
        if (c.AwaitsDecision)
        {
            open.Add((CaseDeadlineKind.Decision, c.DecisionDueOn));
        }
        if (c.AwaitsPartyResponse)
        {
            if (c.RepresentationsOn is null && c.RepresentationsUntil is { } representations && today <= representations)
            {
                open.Add((CaseDeadlineKind.Representations, representations));
            }
            if (c.HearingRequestUntil is { } hearing && today <= hearing)
            {
                open.Add((CaseDeadlineKind.HearingRequest, hearing));
            }
        }
        if (c.AwaitsDelivery)
        {
            open.Add((CaseDeadlineKind.Delivery, DeliveryDue(c.DecidedOn!.Value, calendar)));
        }
        if (c.AwaitsPayment && c.PaymentDueOn is { } payment)
        {
            open.Add((CaseDeadlineKind.Payment, payment));
        }
        if (c.AwaitsPublication && c.PublicationDueOn is { } publication)
        {
            open.Add((CaseDeadlineKind.Publication, publication));
        }
        if (c.AwaitsWithdrawal && c.WithdrawFromPublicBy is { } withdraw)
        {
            open.Add((CaseDeadlineKind.PublicWithdrawal, withdraw));
        }
        return open.OrderBy(d => d.Due).ThenBy(d => d.Kind)
            .Select(d => new CaseDeadline(d.Kind, d.Due, calendar.WorkingDaysBetween(today, d.Due), calendar.YearsMissing(today, d.Due).Count > 0))
            .ToList();
    }

    /// <summary>The deadline that comes first, or null when the case runs against none (closed, transferred, executed).</summary>
    public static CaseDeadline? Next(Case c, DateOnly today, WorkingDayCalendar calendar) => Open(c, today, calendar).FirstOrDefault();

    /// <summary>The day a decision is due: the decision period in calendar days from filing, plus approved extensions.</summary>
    public static DateOnly DecisionDue(DateOnly filedOn, int decisionDays, IEnumerable<int> extensionDays) =>
        filedOn.AddDays(decisionDays + extensionDays.Sum());

    public static DateOnly HearingRequestDue(DateOnly notifiedOn, WorkingDayCalendar calendar) =>
        calendar.AddWorkingDays(notifiedOn, CaseLaw.HearingRequestWorkingDays);

    public static DateOnly DeliveryDue(DateOnly decidedOn, WorkingDayCalendar calendar) =>
        calendar.AddWorkingDays(decidedOn, CaseLaw.DeliveryWorkingDays);

    public static DateOnly PaymentDue(DateOnly deliveredOn) => deliveredOn.AddDays(CaseLaw.PaymentDays);

    /// <summary>The earliest day a hearing may be held when the party is told on <paramref name="noticeOn"/>.</summary>
    public static DateOnly EarliestHearing(DateOnly noticeOn, WorkingDayCalendar calendar) =>
        calendar.AddWorkingDays(noticeOn, CaseLaw.HearingNoticeWorkingDays);
}
