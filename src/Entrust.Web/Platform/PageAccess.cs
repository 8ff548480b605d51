using Entrust.Web.Features.Cases;
using Entrust.Web.Features.Inspections;
using Entrust.Web.Features.Training;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Entrust.Web.Platform;

/// <summary>
/// Who may open which console page: one policy per question, each asking the rule's own home (TrainingAccess, InspectionBook,
/// CaseBook), and the folders and pages they guard. The page answers 403 to anyone else, and the left menu
/// (Features/Shared/ConsoleMenu) evaluates these same policies to show an entry, so the menu never offers a page that refuses.
/// </summary>
public static class PageAccess
{
    public const string CatalogueKeeper = "page.catalogue-keeper";
    public const string UserKeeper = "page.user-keeper";
    public const string AuditReader = "page.audit-reader";
    public const string TrainingReader = "page.training-reader";
    public const string InspectionRecorder = "page.inspection-recorder";
    public const string CaseSettingsKeeper = "page.case-settings-keeper";
    public const string MeetingReader = "page.meeting-reader";
    public const string MeetingKeeper = "page.meeting-keeper";
    public const string MeetingSettingsKeeper = "page.meeting-settings-keeper";
    public const string ReportRollupReader = "page.report-rollup-reader";
    public const string NotificationReader = "page.notification-reader";
    public const string AssessmentReader = "page.assessment-reader";
    public const string ReportSettingsKeeper = "page.report-settings-keeper";
    public const string SecuritySettingsKeeper = "page.security-settings-keeper";

    public static AuthorizationBuilder AddPagePolicies(this AuthorizationBuilder auth) => auth
        .AddPolicy(CatalogueKeeper, p => p.RequireRole(Roles.Admin, Roles.Office))
        .AddPolicy(UserKeeper, p => p.RequireRole(Roles.Admin, Roles.Office))
        .AddPolicy(AuditReader, p => p.RequireRole(Roles.Admin, Roles.Office, Roles.Auditor))
        .AddPolicy(TrainingReader, p => p.RequireAssertion(c => TrainingAccess.MayRead(CurrentUser.FromPrincipal(c.User))))
        .AddPolicy(InspectionRecorder, p => p.RequireAssertion(c => InspectionBook.MayRecordAs(CurrentUser.FromPrincipal(c.User))))
        .AddPolicy(MeetingReader, p => p.RequireAssertion(c => Features.Meetings.MeetingBook.MayRead(CurrentUser.FromPrincipal(c.User))))
        .AddPolicy(MeetingKeeper, p => p.RequireAssertion(c => Features.Meetings.MeetingBook.MayKeepAs(CurrentUser.FromPrincipal(c.User))))
        .AddPolicy(MeetingSettingsKeeper, p => p.RequireAssertion(c => Features.Meetings.MeetingBook.MayKeepSettingsAs(CurrentUser.FromPrincipal(c.User))))
        .AddPolicy(ReportRollupReader, p => p.RequireAssertion(c => Features.Reports.ReportBook.MayRollUpAs(CurrentUser.FromPrincipal(c.User))))
        .AddPolicy(NotificationReader, p => p.RequireAssertion(c => Features.Notifications.NotificationBook.HasBellFor(CurrentUser.FromPrincipal(c.User))))
        .AddPolicy(AssessmentReader, p => p.RequireAssertion(c => Features.Assessment.AssessmentBook.MayReadAs(CurrentUser.FromPrincipal(c.User))))
        .AddPolicy(ReportSettingsKeeper, p => p.RequireAssertion(c => Features.Reports.ReportBook.MayKeepSettingsAs(CurrentUser.FromPrincipal(c.User))))
        .AddPolicy(SecuritySettingsKeeper, p => p.RequireAssertion(c => Features.Accounts.SecuritySettingsBook.MayKeepAs(CurrentUser.FromPrincipal(c.User))))
        .AddPolicy(CaseSettingsKeeper, p => p.RequireAssertion(c => CaseBook.MayKeepSettingsAs(CurrentUser.FromPrincipal(c.User))));

    /// <summary>The guarded folders and pages (paths under Features/; /Training holds /Exams too).</summary>
    public static void Guard(PageConventionCollection pages)
    {
        pages.AuthorizeFolder("/Catalog/Edit", CatalogueKeeper);
        pages.AuthorizeFolder("/Audit", AuditReader);
        pages.AuthorizeFolder("/Accounts/Users", UserKeeper);
        pages.AuthorizePage("/Accounts/Security", SecuritySettingsKeeper);
        pages.AuthorizeFolder("/Training", TrainingReader);
        pages.AuthorizeFolder("/Meetings", MeetingReader);
        pages.AuthorizePage("/Meetings/Settings", MeetingSettingsKeeper);
        pages.AuthorizePage("/Reports/Rollup", ReportRollupReader);
        pages.AuthorizeFolder("/Assessment", AssessmentReader);
        pages.AuthorizePage("/Reports/Statistics", ReportRollupReader);
        pages.AuthorizePage("/Reports/Settings", ReportSettingsKeeper);
        pages.AuthorizePage("/Agreements/BatchSign", CatalogueKeeper);
        pages.AuthorizePage("/Gaps/Simulate", CatalogueKeeper);
        pages.AuthorizePage("/Inspections/Record", InspectionRecorder);
        pages.AuthorizePage("/Cases/Settings", CaseSettingsKeeper);
        pages.AuthorizeFolder("/Notifications", NotificationReader);
    }
}
