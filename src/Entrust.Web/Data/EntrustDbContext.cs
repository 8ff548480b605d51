using Entrust.Web.Features.Accounts;
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
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Data;

/// <summary>
/// The one unit of work. Provider-specific subclasses (<see cref="SqliteEntrustDbContext"/>,
/// <see cref="PostgresEntrustDbContext"/>) exist only to keep one migration set per database.
/// </summary>
public abstract class EntrustDbContext(DbContextOptions options, CurrentUserAccessor users) : IdentityUserContext<AppUser, Guid>(options)
{
    /// <summary>Read by the query filters in <see cref="DataScope"/>; EF re-reads it for every query.</summary>
    public CurrentUser User => users.Current;

    public DbSet<District> Districts => Set<District>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Township> Townships => Set<Township>();
    public DbSet<InternalOffice> InternalOffices => Set<InternalOffice>();
    public DbSet<Matter> Matters => Set<Matter>();
    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Decree> Decrees => Set<Decree>();
    public DbSet<ScopeDecision> ScopeDecisions => Set<ScopeDecision>();
    public DbSet<ScopeRequest> ScopeRequests => Set<ScopeRequest>();
    public DbSet<Agreement> Agreements => Set<Agreement>();
    public DbSet<AgreementMatter> AgreementMatters => Set<AgreementMatter>();
    public DbSet<Docking> Dockings => Set<Docking>();
    public DbSet<Officer> Officers => Set<Officer>();
    public DbSet<Certificate> Certificates => Set<Certificate>();
    public DbSet<QualificationSettings> QualificationSettings => Set<QualificationSettings>();
    public DbSet<TrainingClass> TrainingClasses => Set<TrainingClass>();
    public DbSet<TrainingSession> TrainingSessions => Set<TrainingSession>();
    public DbSet<Trainee> Trainees => Set<Trainee>();
    public DbSet<Attendance> Attendances => Set<Attendance>();
    public DbSet<Exam> Exams => Set<Exam>();
    public DbSet<ExamClass> ExamClasses => Set<ExamClass>();
    public DbSet<ExamScore> ExamScores => Set<ExamScore>();
    public DbSet<Target> Targets => Set<Target>();
    public DbSet<RandomPlan> RandomPlans => Set<RandomPlan>();
    public DbSet<InspectionItem> InspectionItems => Set<InspectionItem>();
    public DbSet<RandomDraw> RandomDraws => Set<RandomDraw>();
    public DbSet<RandomAssignment> RandomAssignments => Set<RandomAssignment>();
    public DbSet<OfficerConflict> OfficerConflicts => Set<OfficerConflict>();
    public DbSet<Inspection> Inspections => Set<Inspection>();
    public DbSet<InspectionFile> InspectionFiles => Set<InspectionFile>();
    public DbSet<RectificationOrder> RectificationOrders => Set<RectificationOrder>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<CaseOfficer> CaseOfficers => Set<CaseOfficer>();
    public DbSet<CaseEvidence> CaseEvidence => Set<CaseEvidence>();
    public DbSet<CaseEvidenceFile> CaseEvidenceFiles => Set<CaseEvidenceFile>();
    public DbSet<CaseExtension> CaseExtensions => Set<CaseExtension>();
    public DbSet<CaseInstalment> CaseInstalments => Set<CaseInstalment>();
    public DbSet<CaseRemedy> CaseRemedies => Set<CaseRemedy>();
    public DbSet<DistrictCaseSettings> CaseSettings => Set<DistrictCaseSettings>();
    public DbSet<NumberSequence> NumberSequences => Set<NumberSequence>();
    public DbSet<Gap> Gaps => Set<Gap>();
    public DbSet<Features.Notifications.Notification> Notifications => Set<Features.Notifications.Notification>();
    public DbSet<Features.Notifications.NotificationRead> NotificationReads => Set<Features.Notifications.NotificationRead>();
    public DbSet<Features.Notifications.NotificationDigest> NotificationDigests => Set<Features.Notifications.NotificationDigest>();
    public DbSet<GapEvent> GapEvents => Set<GapEvent>();
    public DbSet<GapScan> GapScans => Set<GapScan>();
    public DbSet<GapSettings> GapSettings => Set<GapSettings>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<MeetingMember> MeetingMembers => Set<MeetingMember>();
    public DbSet<ActionItem> ActionItems => Set<ActionItem>();
    public DbSet<MeetingSettings> MeetingSettings => Set<MeetingSettings>();
    public DbSet<MonthlyReport> MonthlyReports => Set<MonthlyReport>();
    public DbSet<MonthlyReportVersion> MonthlyReportVersions => Set<MonthlyReportVersion>();
    public DbSet<ReportSettings> ReportSettings => Set<ReportSettings>();
    public DbSet<WrittenSummary> WrittenSummaries => Set<WrittenSummary>();
    public DbSet<SettledMonth> SettledMonths => Set<SettledMonth>();
    public DbSet<ClosedMonthChange> ClosedMonthChanges => Set<ClosedMonthChange>();
    public DbSet<Features.Accounts.SecuritySettings> SecuritySettings => Set<Features.Accounts.SecuritySettings>();
    public DbSet<Features.Accounts.PasswordHistoryEntry> PasswordHistory => Set<Features.Accounts.PasswordHistoryEntry>();
    public DbSet<Features.Accounts.SignInLock> SignInLocks => Set<Features.Accounts.SignInLock>();
    public DbSet<Scheme> Schemes => Set<Scheme>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<AssessmentRound> AssessmentRounds => Set<AssessmentRound>();
    public DbSet<UnitResult> UnitResults => Set<UnitResult>();
    public DbSet<Deduction> Deductions => Set<Deduction>();
    public DbSet<ManualScore> ManualScores => Set<ManualScore>();
    public DbSet<ErroneousCase> ErroneousCases => Set<ErroneousCase>();
    public DbSet<FileReview> FileReviews => Set<FileReview>();
    public DbSet<ReviewedFile> ReviewedFiles => Set<ReviewedFile>();
    public DbSet<Accountability> Accountabilities => Set<Accountability>();
    public DbSet<Platform.IdempotentRequest> IdempotentRequests => Set<Platform.IdempotentRequest>();

    /// <summary>The tables (entity type names) saved since the last commit, kept by the audit interceptor for the
    /// <see cref="Platform.ReferenceCache"/>.</summary>
    internal HashSet<string> ChangedTables { get; } = [];

    /// <summary>The <c>Idempotency-Key</c> of the request this context serves, committed by its write's save
    /// (<see cref="Platform.IdempotencyInterceptor"/>); null outside a keyed request.</summary>
    public Platform.IdempotencyClaim? Idempotency { get; set; }

    /// <summary>One model per scope kind. The platform's options carry it already (built once, <see cref="Database"/>);
    /// contexts made by hand (design time, benchmarks) get it here.</summary>
    protected override void OnConfiguring(DbContextOptionsBuilder options)
    {
        var replaced = options.Options.FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()?.ReplacedServices;
        if (replaced?.ContainsKey((typeof(Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory), null)) != true)
        {
            options.ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, ScopeModelCacheKeyFactory>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(EntrustDbContext).Assembly);
        DataScope.Apply(builder, this);
    }
}

public sealed class SqliteEntrustDbContext(DbContextOptions<SqliteEntrustDbContext> options, CurrentUserAccessor users)
    : EntrustDbContext(options, users);

public sealed class PostgresEntrustDbContext(DbContextOptions<PostgresEntrustDbContext> options, CurrentUserAccessor users)
    : EntrustDbContext(options, users);
