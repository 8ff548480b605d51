using System.Linq.Expressions;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Assessment;
using Entrust.Web.Features.Audit;
using Entrust.Web.Features.Calendar;
using Entrust.Web.Features.Cases;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Gaps;
using Entrust.Web.Features.Inspections;
using Entrust.Web.Features.Meetings;
using Entrust.Web.Features.Officers;
using Entrust.Web.Features.RandomInspections;
using Entrust.Web.Features.Reports;
using Entrust.Web.Features.Scope;
using Entrust.Web.Features.Targets;
using Entrust.Web.Features.Training;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Entrust.Web.Data;

/// <summary>
/// Who sees which rows, in one place. Every query through <see cref="EntrustDbContext"/> is filtered
/// by the current user's district and, for department and township users, their unit. A row outside
/// the scope does not exist for that user: reading or changing it by id answers 404.
/// </summary>
/// <remarks>
/// SQLite can use no index for <c>@AllDistricts OR DistrictId = @DistrictId</c> and reads every district's rows.
/// So a context whose user belongs to one district when its model is chosen gets a second model, the same filters
/// with <c>AllDistricts</c> taken as false (<c>DistrictId = @DistrictId</c>, served by the (DistrictId, …) indexes).
/// Should the user change later in the request, that model only shows less, never more.
/// <para>Accounts (<c>AppUser</c>) carry no filter: signing in looks an account up before anyone is known. Which
/// accounts a user may keep is decided in one place instead, <c>Features/Accounts/UserDirectory</c>.</para>
/// </remarks>
public static class DataScope
{
    /// <summary>Whether <paramref name="db"/> gets the district users' model (see remarks).</summary>
    public static bool ForOneDistrict(EntrustDbContext db) => db.User is { AllDistricts: false, DistrictId: not null };

    public static void Apply(ModelBuilder builder, EntrustDbContext db)
    {
        var oneDistrict = ForOneDistrict(db);
        void Filter<T>(Expression<Func<T, bool>> filter) where T : class =>
            builder.Entity<T>().HasQueryFilter(oneDistrict ? (Expression<Func<T, bool>>)new NotAllDistricts().Visit(filter) : filter);

        Filter<District>(d => db.User.AllDistricts || d.Id == db.User.DistrictId);
        Filter<Department>(d => db.User.AllDistricts || d.DistrictId == db.User.DistrictId);
        Filter<Township>(t =>
            (db.User.AllDistricts || t.DistrictId == db.User.DistrictId)
            && (db.User.TownshipId == null || t.Id == db.User.TownshipId));
        Filter<InternalOffice>(o =>
            (db.User.AllDistricts || o.DistrictId == db.User.DistrictId)
            && (db.User.TownshipId == null || o.TownshipId == db.User.TownshipId));
        // A department user sees the matters it owns; townships see their district's catalogue.
        Filter<Matter>(m =>
            (db.User.AllDistricts || m.DistrictId == db.User.DistrictId)
            && (db.User.DepartmentId == null || m.DepartmentId == db.User.DepartmentId));
        Filter<CalendarDay>(c => db.User.AllDistricts || c.DistrictId == db.User.DistrictId);
        Filter<NumberSequence>(s => db.User.AllDistricts || s.DistrictId == db.User.DistrictId);
        Filter<AuditEntry>(a => db.User.AllDistricts || a.DistrictId == db.User.DistrictId);
        Filter<Decree>(d => db.User.AllDistricts || d.DistrictId == db.User.DistrictId);
        Filter<ScopeDecision>(d => db.User.AllDistricts || d.DistrictId == db.User.DistrictId);
        Filter<ScopeRequest>(r =>
            (db.User.AllDistricts || r.DistrictId == db.User.DistrictId)
            && (db.User.TownshipId == null || r.TownshipId == db.User.TownshipId));
        // An agreement is seen by its district, its department (own column) and its township (own row).
        Filter<Agreement>(a =>
            (db.User.AllDistricts || a.DistrictId == db.User.DistrictId)
            && (db.User.DepartmentId == null || a.DepartmentId == db.User.DepartmentId)
            && (db.User.TownshipId == null || a.TownshipId == db.User.TownshipId));
        Filter<AgreementMatter>(m => db.User.AllDistricts || m.DistrictId == db.User.DistrictId);
        Filter<Docking>(d =>
            (db.User.AllDistricts || d.DistrictId == db.User.DistrictId)
            && (db.User.DepartmentId == null || d.DepartmentId == db.User.DepartmentId)
            && (db.User.TownshipId == null || d.TownshipId == db.User.TownshipId));

        // Officers and certificates: a township (and its officers) sees its own; a department sees its own and the
        // townships' (they act in its name under entrustment); the office, the auditor and the admin see the district.
        Filter<Officer>(o =>
            (db.User.AllDistricts || o.DistrictId == db.User.DistrictId)
            && (db.User.TownshipId == null || o.TownshipId == db.User.TownshipId)
            && (db.User.DepartmentId == null || o.DepartmentId == db.User.DepartmentId || o.TownshipId != null));
        Filter<Certificate>(c =>
            (db.User.AllDistricts || c.DistrictId == db.User.DistrictId)
            && (db.User.TownshipId == null || c.TownshipId == db.User.TownshipId)
            && (db.User.DepartmentId == null || c.DepartmentId == db.User.DepartmentId || c.TownshipId != null));
        Filter<QualificationSettings>(s => db.User.AllDistricts || s.DistrictId == db.User.DistrictId);
        // Classes, their sessions and exams are the district's; trainees, marks and scores are their unit's.
        Filter<TrainingClass>(c => db.User.AllDistricts || c.DistrictId == db.User.DistrictId);
        Filter<TrainingSession>(s => db.User.AllDistricts || s.DistrictId == db.User.DistrictId);
        Filter<Exam>(e => db.User.AllDistricts || e.DistrictId == db.User.DistrictId);
        Filter<Trainee>(t =>
            (db.User.AllDistricts || t.DistrictId == db.User.DistrictId)
            && (db.User.TownshipId == null || t.TownshipId == db.User.TownshipId)
            && (db.User.DepartmentId == null || t.DepartmentId == db.User.DepartmentId));
        Filter<Attendance>(a =>
            (db.User.AllDistricts || a.DistrictId == db.User.DistrictId)
            && (db.User.TownshipId == null || a.TownshipId == db.User.TownshipId)
            && (db.User.DepartmentId == null || a.DepartmentId == db.User.DepartmentId));
        Filter<ExamScore>(s =>
            (db.User.AllDistricts || s.DistrictId == db.User.DistrictId)
            && (db.User.TownshipId == null || s.TownshipId == db.User.TownshipId)
            && (db.User.DepartmentId == null || s.DepartmentId == db.User.DepartmentId));
        // Regulated targets are a township's: its users and officers see its own; departments (whose matters are
        // inspected on them), the office and the auditor see the district's.
        Filter<Target>(t =>
            (db.User.AllDistricts || t.DistrictId == db.User.DistrictId)
            && (db.User.TownshipId == null || t.TownshipId == db.User.TownshipId));
        // Random inspections: a department sees its own plans and draws, the office and the auditor the district's;
        // townships see the district's plans but only the drawn assignments on their own targets, and no draw records.
        Filter<RandomPlan>(p =>
            (db.User.AllDistricts || p.DistrictId == db.User.DistrictId)
            && (db.User.DepartmentId == null || p.DepartmentId == db.User.DepartmentId));
        // The random-inspection item list: a department sees the entries on its own matters; townships, the office and the
        // auditor the district's (the published entries are public anyway).
        Filter<InspectionItem>(i =>
            (db.User.AllDistricts || i.DistrictId == db.User.DistrictId)
            && (db.User.DepartmentId == null || i.DepartmentId == db.User.DepartmentId));
        Filter<RandomDraw>(d =>
            (db.User.AllDistricts || d.DistrictId == db.User.DistrictId)
            && (db.User.DepartmentId == null || d.DepartmentId == db.User.DepartmentId)
            && db.User.TownshipId == null);
        Filter<RandomAssignment>(a =>
            (db.User.AllDistricts || a.DistrictId == db.User.DistrictId)
            && (db.User.DepartmentId == null || a.DepartmentId == db.User.DepartmentId)
            && (db.User.TownshipId == null || a.TownshipId == db.User.TownshipId));
        Filter<OfficerConflict>(c =>
            (db.User.AllDistricts || c.DistrictId == db.User.DistrictId)
            && (db.User.TownshipId == null || c.TownshipId == db.User.TownshipId));
        // Inspections, their files and rectification orders: a township (and its officers) sees its own; a department the
        // rows on its own matters (DepartmentId is the matter's); the office and the auditor the district.
        Filter<Inspection>(i =>
            (db.User.AllDistricts || i.DistrictId == db.User.DistrictId)
            && (db.User.TownshipId == null || i.TownshipId == db.User.TownshipId)
            && (db.User.DepartmentId == null || i.DepartmentId == db.User.DepartmentId));
        Filter<InspectionFile>(f =>
            (db.User.AllDistricts || f.DistrictId == db.User.DistrictId)
            && (db.User.TownshipId == null || f.TownshipId == db.User.TownshipId)
            && (db.User.DepartmentId == null || f.DepartmentId == db.User.DepartmentId));
        Filter<RectificationOrder>(o =>
            (db.User.AllDistricts || o.DistrictId == db.User.DistrictId)
            && (db.User.TownshipId == null || o.TownshipId == db.User.TownshipId)
            && (db.User.DepartmentId == null || o.DepartmentId == db.User.DepartmentId));
        // A department sees its own campaigns; townships (which assist), the office and the auditor the district's.
        Filter<Campaign>(c =>
            (db.User.AllDistricts || c.DistrictId == db.User.DistrictId)
            && (db.User.DepartmentId == null || c.DepartmentId == db.User.DepartmentId));
        // Cases: a township (and its officers) sees its own; a department the cases on its matters (it is the entrusting one)
        // and the cases it leads (联动执法); the office and the auditor the district. The rows of a case (officers, evidence and
        // its files, extensions, remedies) are reached only through a case the user sees, so their filter is the district's.
        Filter<Case>(c =>
            (db.User.AllDistricts || c.DistrictId == db.User.DistrictId)
            && (db.User.TownshipId == null || c.TownshipId == db.User.TownshipId)
            && (db.User.DepartmentId == null || c.DepartmentId == db.User.DepartmentId || c.LeadDepartmentId == db.User.DepartmentId));
        Filter<CaseOfficer>(o => db.User.AllDistricts || o.DistrictId == db.User.DistrictId);
        Filter<CaseEvidence>(e => db.User.AllDistricts || e.DistrictId == db.User.DistrictId);
        Filter<CaseEvidenceFile>(f => db.User.AllDistricts || f.DistrictId == db.User.DistrictId);
        Filter<CaseExtension>(e => db.User.AllDistricts || e.DistrictId == db.User.DistrictId);
        Filter<CaseInstalment>(e => db.User.AllDistricts || e.DistrictId == db.User.DistrictId);
        Filter<CaseRemedy>(r => db.User.AllDistricts || r.DistrictId == db.User.DistrictId);
        Filter<CaseRecusal>(r => db.User.AllDistricts || r.DistrictId == db.User.DistrictId);
        Filter<DistrictCaseSettings>(s => db.User.AllDistricts || s.DistrictId == db.User.DistrictId);
        // Gaps are seen by both sides: a township (and its officers) its own; a department those on its matters (a gap without a
        // department — turnover, a request for a power no department holds — is the township's and the office's); the office and
        // the auditor the district. A gap's history and the scans are reached through the gap or by the office: the district's.
        Filter<Gap>(g =>
            (db.User.AllDistricts || g.DistrictId == db.User.DistrictId)
            && (db.User.TownshipId == null || g.TownshipId == db.User.TownshipId)
            && (db.User.DepartmentId == null || g.DepartmentId == db.User.DepartmentId));
        // The bell: a notification is read where its gap is (the township, the department, the office of the district).
        Filter<Features.Notifications.Notification>(n =>
            (db.User.AllDistricts || n.DistrictId == db.User.DistrictId)
            && (db.User.TownshipId == null || n.TownshipId == db.User.TownshipId)
            && (db.User.DepartmentId == null || n.DepartmentId == db.User.DepartmentId));
        Filter<GapEvent>(e => db.User.AllDistricts || e.DistrictId == db.User.DistrictId);
        Filter<GapScan>(s => db.User.AllDistricts || s.DistrictId == db.User.DistrictId);
        Filter<GapSettings>(s => db.User.AllDistricts || s.DistrictId == db.User.DistrictId);
        // Meetings: the office and the auditor see the district's; a department or a township (and its officers) the meetings it is
        // invited to, its own standing members and the action items it owns.
        Filter<Meeting>(m =>
            (db.User.AllDistricts || m.DistrictId == db.User.DistrictId)
            && (db.User.TownshipId == null || m.Participants.Any(p => p.TownshipId == db.User.TownshipId))
            && (db.User.DepartmentId == null || m.Participants.Any(p => p.DepartmentId == db.User.DepartmentId)));
        Filter<MeetingMember>(m =>
            (db.User.AllDistricts || m.DistrictId == db.User.DistrictId)
            && (db.User.TownshipId == null || m.TownshipId == db.User.TownshipId)
            && (db.User.DepartmentId == null || m.DepartmentId == db.User.DepartmentId));
        Filter<ActionItem>(a =>
            (db.User.AllDistricts || a.DistrictId == db.User.DistrictId)
            && (db.User.TownshipId == null || a.TownshipId == db.User.TownshipId)
            && (db.User.DepartmentId == null || a.DepartmentId == db.User.DepartmentId));
        Filter<MeetingSettings>(s => db.User.AllDistricts || s.DistrictId == db.User.DistrictId);
        // Monthly reports: a township (and its officers) sees its own, a department those made to it, the office and the auditor the
        // district's. A report's versions are reached through the report; the settings are the district's.
        Filter<MonthlyReport>(r =>
            (db.User.AllDistricts || r.DistrictId == db.User.DistrictId)
            && (db.User.TownshipId == null || r.TownshipId == db.User.TownshipId)
            && (db.User.DepartmentId == null || r.DepartmentId == db.User.DepartmentId));
        Filter<MonthlyReportVersion>(v => db.User.AllDistricts || v.DistrictId == db.User.DistrictId);
        Filter<ReportSettings>(s => db.User.AllDistricts || s.DistrictId == db.User.DistrictId);
        // The paragraphs written for a summary: a township reads its own, a department its own, the office and the auditor the district's.
        Filter<SettledMonth>(m => db.User.AllDistricts || m.DistrictId == db.User.DistrictId);
        Filter<ClosedMonthChange>(c => db.User.AllDistricts || c.DistrictId == db.User.DistrictId);
        Filter<WrittenSummary>(w =>
            (db.User.AllDistricts || w.DistrictId == db.User.DistrictId)
            && (db.User.TownshipId == null || w.TownshipId == db.User.TownshipId)
            && (db.User.DepartmentId == null || w.DepartmentId == db.User.DepartmentId));
        Filter<Features.Accounts.SecuritySettings>(s => db.User.AllDistricts || s.DistrictId == db.User.DistrictId);
        // Signing in reads and writes these before anyone is known (IgnoreQueryFilters); the admin sees every district's.
        Filter<Features.Accounts.SignInLock>(l => db.User.AllDistricts || l.DistrictId == db.User.DistrictId);
        // Assessment: schemes and rounds are the district's (every unit knows the rules it is scored by). A unit's result is its own:
        // a township (and its officers) sees its township's, a department its department's, the office and the auditor all; the rows
        // of a result are reached through it. An erroneous case is seen by its township, its department and the district.
        Filter<Scheme>(s => db.User.AllDistricts || s.DistrictId == db.User.DistrictId);
        Filter<Indicator>(i => db.User.AllDistricts || i.DistrictId == db.User.DistrictId);
        Filter<AssessmentRound>(r => db.User.AllDistricts || r.DistrictId == db.User.DistrictId);
        Filter<UnitResult>(r =>
            (db.User.AllDistricts || r.DistrictId == db.User.DistrictId)
            && (db.User.TownshipId == null || r.TownshipId == db.User.TownshipId)
            && (db.User.DepartmentId == null || r.DepartmentId == db.User.DepartmentId));
        Filter<Deduction>(d => db.User.AllDistricts || d.DistrictId == db.User.DistrictId);
        Filter<ManualScore>(m => db.User.AllDistricts || m.DistrictId == db.User.DistrictId);
        Filter<ErroneousCase>(e =>
            (db.User.AllDistricts || e.DistrictId == db.User.DistrictId)
            && (db.User.TownshipId == null || e.TownshipId == db.User.TownshipId)
            && (db.User.DepartmentId == null || e.DepartmentId == db.User.DepartmentId));
        // Case-file reviews: a township sees its own draws and files, a department the files of its matters, the district all.
        Filter<FileReview>(r =>
            (db.User.AllDistricts || r.DistrictId == db.User.DistrictId)
            && (db.User.TownshipId == null || r.TownshipId == db.User.TownshipId));
        Filter<ReviewedFile>(f =>
            (db.User.AllDistricts || f.DistrictId == db.User.DistrictId)
            && (db.User.TownshipId == null || f.TownshipId == db.User.TownshipId)
            && (db.User.DepartmentId == null || f.DepartmentId == db.User.DepartmentId));
        // Fault accountability: a township or a department sees the records of its own officers, the district all.
        Filter<Accountability>(a =>
            (db.User.AllDistricts || a.DistrictId == db.User.DistrictId)
            && (db.User.TownshipId == null || a.TownshipId == db.User.TownshipId)
            && (db.User.DepartmentId == null || a.DepartmentId == db.User.DepartmentId));
    }

    private sealed class NotAllDistricts : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node) =>
            node.Member.DeclaringType == typeof(CurrentUser) && node.Member.Name == nameof(CurrentUser.AllDistricts)
                ? Expression.Constant(false)
                : base.VisitMember(node);
    }
}

/// <summary>One model per kind of scope (<see cref="DataScope.ForOneDistrict"/>), not one per context type.</summary>
internal sealed class ScopeModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), designTime, context is EntrustDbContext db && DataScope.ForOneDistrict(db));
}
