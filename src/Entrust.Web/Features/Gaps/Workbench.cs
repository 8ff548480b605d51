using Entrust.Web.Data;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Cases;
using Entrust.Web.Features.Inspections;
using Entrust.Web.Features.Meetings;
using Entrust.Web.Features.Officers;
using Entrust.Web.Features.Reports;
using Entrust.Web.Features.Scope;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Gaps;

/// <summary>One to-do of the workbench: what, how many, and the page where it is done.</summary>
public sealed record WorkbenchTodo(string Key, string Title, int Count, string Link);

public sealed record WorkbenchGapCount(GapKind Kind, string Name, int Count);

/// <summary>One week of the workbench's trend: its Monday, the gaps opened and those cleared in it.</summary>
public sealed record GapWeek(DateOnly Monday, int Opened, int Cleared);

/// <summary>The workbench (工作台) of the signed-in user's role: to-dos, open gaps by kind, the first open gaps and the 12-week trend.</summary>
public sealed record WorkbenchView(string Role, IReadOnlyList<WorkbenchTodo> Todos, IReadOnlyList<WorkbenchGapCount> OpenGapsByKind,
    IReadOnlyList<GapView> OpenGaps, IReadOnlyList<GapWeek> Trend);

/// <summary>
/// The home page of each role, shared by the home page and <c>GET /api/workbench</c>. Every count runs through the user's data
/// scope and through the rule's own home (<see cref="Case.DecisionDueWithin"/>, <see cref="RectificationOrder.OverdueOn"/>,
/// <see cref="Certificate.ValidOnDay"/>); a fixed number of queries per role.
/// </summary>
public sealed class Workbench(EntrustDbContext db, CurrentUser user, TimeProvider clock, GapBook gaps, IStringLocalizer<SharedResource> text)
{
    public const int TrendWeeks = 12;

    public async Task<WorkbenchView> GetAsync(CancellationToken ct = default)
    {
        var today = clock.TodayInChina();
        List<WorkbenchTodo> todos = [];
        async Task Add(string key, string link, IQueryable<object> rows) => todos.Add(new(key, text["Todo." + key], await rows.CountAsync(ct), link));

        switch (user.Role)
        {
            case Roles.Office or Roles.Admin:
                await Add("AgreementsToReview", "/Agreements?State=Submitted", db.Agreements.Where(a => a.State == AgreementState.Submitted));
                await Add("ScopeRequests", "/Scope", db.ScopeRequests.Where(r => r.State == ScopeRequestState.Pending));
                await Add("DecisionsDue", "/Cases/Deadlines", db.Cases.Where(Case.DecisionDueWithin(null, today.AddDays(10))));
                await Add("RectificationsOverdue", "/Rectifications?Overdue=true", db.RectificationOrders.Where(RectificationOrder.OverdueOn(today)));
                await Add("GapsEscalated", "/Gaps?escalated=true", db.Gaps.Where(Gap.Escalated()));
                await Add("ReportsOverdue", "/Reports/Rollup?Month=" + Month.Of(today).Previous,
                    db.MonthlyReports.Where(r => r.MonthKey == Month.Of(today).Previous.Key).Where(MonthlyReport.Open()));
                await Add("ReportsFlaggedLate", "/Reports/Rollup?Month=" + Month.Of(today).Previous,
                    db.MonthlyReports.Where(r => r.FlaggedLateOn != null).Where(MonthlyReport.Open()));
                break;
            case Roles.Department:
                await Add("DraftsToSubmit", "/Agreements?State=Draft", db.Agreements.Where(a => a.State == AgreementState.Draft));
                await Add("CasesLed", "/Cases", db.Cases.Where(c => c.LeadDepartmentId == user.DepartmentId).Where(Case.StillOpen()));
                await Add("DecisionsDue", "/Cases/Deadlines", db.Cases.Where(Case.DecisionDueWithin(null, today.AddDays(10))));
                await Add("ReportsToAcknowledge", "/Reports?State=Submitted", db.MonthlyReports.Where(r => r.State == ReportState.Submitted));
                break;
            case Roles.Township:
                await Add("RectificationsOverdue", "/Rectifications?Overdue=true", db.RectificationOrders.Where(RectificationOrder.OverdueOn(today)));
                await Add("DecisionsDue", "/Cases/Deadlines", db.Cases.Where(Case.DecisionDueWithin(null, today.AddDays(10))));
                await Add("AssignmentsOpen", "/RandomPlans", db.RandomAssignments.Where(a => a.InspectionId == null));
                await Add("InspectionsToday", "/Inspections", db.Inspections.Where(i => i.StartedOn == today));
                // Last month's reports are due early this month; a returned one waits for its new version.
                await Add("ReportsToSubmit", "/Reports?Month=" + Month.Of(today).Previous,
                    db.MonthlyReports.Where(r => r.MonthKey == Month.Of(today).Previous.Key && r.State == ReportState.Draft));
                await Add("ReportsReturned", "/Reports?State=Returned", db.MonthlyReports.Where(r => r.State == ReportState.Returned));
                await Add("ReportsFlaggedLate", "/Reports?Month=" + Month.Of(today).Previous,
                    db.MonthlyReports.Where(r => r.FlaggedLateOn != null).Where(MonthlyReport.Open()));
                break;
            case Roles.Officer:
                await Add("InspectionsToday", "/Inspections", db.Inspections.Where(i => i.StartedOn == today && i.Officers.Any(o => o.OfficerId == user.OfficerId)));
                await Add("CertificatesExpiring", "/Certificates", db.Certificates.Where(c => c.OfficerId == user.OfficerId)
                    .Where(Certificate.ValidOnDay(today)).Where(c => c.ExpiresOn <= today.AddDays(GapRules.LookAheadDays) || c.ReviewDueOn <= today.AddDays(GapRules.LookAheadDays)));
                break;
            case Roles.Auditor:
                await Add("AuditUnsealed", "/Audit", db.AuditEntries.Where(a => a.Link == null));
                await Add("DecisionsDue", "/Cases/Deadlines", db.Cases.Where(Case.DecisionDueWithin(null, today)));
                break;
        }
        // Meetings: the unit's open action items and the meetings it is called to (the notice); the office, the overdue items.
        switch (user.Role)
        {
            case Roles.Office or Roles.Admin:
                await Add("ActionItemsOverdue", "/Meetings", db.ActionItems.Where(ActionItem.OverdueOn(today)));
                break;
            case Roles.Department or Roles.Township:
                await Add("ActionItemsOpen", "/Meetings", db.ActionItems.Where(ActionItem.Open()));
                await Add("MeetingsNotified", "/Meetings", db.Meetings.Where(m => m.State == MeetingState.Notified && m.Day >= today));
                break;
        }
        var byKind = await gaps.OpenByKindAsync(ct);
        var open = user.Role == Roles.Officer ? [] : (await gaps.ListAsync(new GapFilter(State: GapState.Open), 1, 10, ct)).Items;
        var trend = user.Role == Roles.Officer ? [] : await gaps.WeeklyAsync(TrendWeeks, ct);
        return new WorkbenchView(user.Role ?? "", todos,
            [.. Enum.GetValues<GapKind>().Select(k => new WorkbenchGapCount(k, text["GapKind." + k], byKind.GetValueOrDefault(k)))], open, trend);
    }
}
