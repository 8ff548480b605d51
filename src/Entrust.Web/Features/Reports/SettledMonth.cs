using Entrust.Web.Data;
using Entrust.Web.Features.Calendar;
using Entrust.Web.Features.Cases;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Inspections;
using Entrust.Web.Features.Officers;
using Entrust.Web.Features.RandomInspections;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entrust.Web.Features.Reports;

/// <summary>
/// A settled month's figures of one district, kept (<see cref="ReportFigures"/>): every township × department's figures and every
/// township's certificate coverage, as JSON (whole, and in the statistics' shape), with the number of <see cref="ClosedMonthChange"/>s
/// of the district's month seen when they were computed. Not a record of anyone's work: not audited, rebuilt whenever that number moved.
/// </summary>
public sealed class SettledMonth : Audit.INotAudited
{
    public Guid DistrictId { get; init; }

    public int MonthKey { get; init; }

    public int Changes { get; init; }

    public string Content { get; init; } = "";

    /// <summary>
    /// The same month in the statistics' shape: per pair and matter the numbers they read (<see cref="StatisticsNumbers"/>) and the
    /// coverage, a small part of the size, so that a chart over two years parses numbers and not the whole report's lines. Empty, or
    /// kept with other columns, in a row kept before: the month is computed again.
    /// </summary>
    public string Statistics { get; init; } = "";

    public DateTimeOffset ComputedAt { get; init; }

    /// <summary>
    /// A month whose figures are kept: it ended before yesterday. A change to a record of a closed month (one that ended before today)
    /// is logged as a <see cref="ClosedMonthChange"/>; the day between the two leaves a save that started in the month time to commit.
    /// </summary>
    public static bool IsSettled(Month month, DateOnly today) => month.LastDay < today.AddDays(-1);
}

/// <summary>
/// A save changed records of a closed month of the district (<see cref="MonthKey"/>), or (<see cref="EveryMonth"/>) something every
/// month's figures read: a matter's department, a certificate, the holidays, a random plan. Append-only: the count per month is the
/// version a <see cref="SettledMonth"/> is kept under, and appending never waits for another save.
/// </summary>
public sealed class ClosedMonthChange : Audit.INotAudited
{
    public const int EveryMonth = 0;

    public long Id { get; private set; }

    public Guid DistrictId { get; init; }

    public int MonthKey { get; init; }
}

/// <summary>
/// Which months of which district a save changes the figures of, from the entries it saves (called by the audit interceptor before the
/// save, so the <see cref="ClosedMonthChange"/>s are written in its transaction). A record's month is that of the day that dates it in the
/// figures (an inspection's start, a case's filing, decision, closing, transfer and payment, an order's closing, a draw's day, an
/// assignment's inspection and publication); a changed record counts for the old and the new day, and only when what the figures read
/// of it changed. Only months before the current one are logged: the current month is never kept, so recording today's work logs nothing.
/// </summary>
public static class ClosedMonthLog
{
    private static readonly string[] InspectionReads =
        [nameof(Inspection.TownshipId), nameof(Inspection.DepartmentId), nameof(Inspection.MatterId), nameof(Inspection.Kind),
            nameof(Inspection.RandomPlanId), nameof(Inspection.Result), nameof(Inspection.ReinspectionOfOrderId)];

    private static readonly string[] CaseReads =
        [nameof(Case.TownshipId), nameof(Case.DepartmentId), nameof(Case.MatterId), nameof(Case.Procedure)];

    /// <summary>Each record type's dating days, and what the figures read with each.</summary>
    private static readonly Dictionary<Type, (string Day, string[] Reads)[]> Dated = new()
    {
        [typeof(Inspection)] = [(nameof(Inspection.StartedOn), InspectionReads)],
        [typeof(Case)] =
        [
            (nameof(Case.FiledOn), CaseReads),
            (nameof(Case.DecidedOn), [.. CaseReads, nameof(Case.DecidedPenalty)]),
            (nameof(Case.ClosedOn), CaseReads),
            (nameof(Case.TransferredOn), CaseReads),
            (nameof(Case.PaidOn), [.. CaseReads, nameof(Case.AmountPaid)]),
        ],
        [typeof(RectificationOrder)] =
            [(nameof(RectificationOrder.ClosedOn), [nameof(RectificationOrder.State), nameof(RectificationOrder.TownshipId),
                nameof(RectificationOrder.DepartmentId), nameof(RectificationOrder.MatterId)])],
        [typeof(CaseInstalment)] = [(nameof(CaseInstalment.PaidOn), [nameof(CaseInstalment.AmountPaid)])],
        [typeof(RandomDraw)] = [(nameof(RandomDraw.DrawDay), [nameof(RandomDraw.PlanId)])],
        [typeof(RandomAssignment)] =
        [
            (nameof(RandomAssignment.InspectedOn), [nameof(RandomAssignment.TownshipId), nameof(RandomAssignment.PlanId)]),
            (nameof(RandomAssignment.PublishedOn), [nameof(RandomAssignment.TownshipId), nameof(RandomAssignment.PlanId),
                nameof(RandomAssignment.InspectedOn)]),
        ],
    };

    /// <summary>Adds a <see cref="ClosedMonthChange"/> for each district and closed month (or every month) the pending changes touch.</summary>
    public static void Log(EntrustDbContext db, IReadOnlyList<EntityEntry> changes, DateOnly today)
    {
        var current = Month.Of(today).Key;
        var touched = new HashSet<(Guid District, int Month)>();
        var drawn = changes.Select(e => e.Entity).OfType<RandomDraw>().Select(d => d.PlanId).ToHashSet();
        // The save's changes were detected when they were listed: looking a row's parent up must not detect them all again for
        // each row (a draw saves thousands of assignments).
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in changes)
            {
                foreach (var (district, month) in Touched(db, entry, drawn))
                {
                    if (month == ClosedMonthChange.EveryMonth || month < current)
                    {
                        touched.Add((district, month));
                    }
                }
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
        foreach (var (district, month) in touched)
        {
            db.ClosedMonthChanges.Add(new ClosedMonthChange { DistrictId = district, MonthKey = month });
        }
    }

    private static IEnumerable<(Guid District, int Month)> Touched(EntrustDbContext db, EntityEntry entry, HashSet<Guid> drawn)
    {
        switch (entry.Entity)
        {
            case InspectionTarget or InspectionOfficer:
                {
                    // Owned rows: their inspection is tracked with them; a row added or removed changes the inspection's month.
                    var id = (Guid)entry.Property(nameof(Inspection) + "Id").CurrentValue!;
                    var owner = db.ChangeTracker.Entries<Inspection>().FirstOrDefault(i => i.Entity.Id == id);
                    return owner is null ? [] : Days(owner, nameof(Inspection.StartedOn)).Select(d => (owner.Entity.DistrictId, Month.Of(d).Key));
                }
            case CaseOfficer officer:
                return CaseDays(db, officer.CaseId, nameof(Case.FiledOn)).Select(d => (officer.DistrictId, Month.Of(d).Key));
            case RectificationOrder order when entry.State != EntityState.Modified || Changed(entry, nameof(RectificationOrder.InspectionId),
                    nameof(RectificationOrder.TownshipId), nameof(RectificationOrder.DepartmentId), nameof(RectificationOrder.MatterId)):
                // Issued with its inspection: counted in the inspection's month, as well as in its closing's.
                return OwnDays(entry).Concat(InspectionDays(db, order.InspectionId)).Select(d => (order.DistrictId, Month.Of(d).Key));
            case CaseInstalment instalment when entry.State != EntityState.Modified:
                // A case paid whole counts its payment only while it has no instalments.
                return OwnDays(entry).Concat(CaseDays(db, instalment.CaseId, nameof(Case.PaidOn))).Select(d => (instalment.DistrictId, Month.Of(d).Key));
            // Assignments come with their draw, in one save; one added or removed apart from it changes its plan's draw months.
            case RandomAssignment assignment when entry.State != EntityState.Modified && !drawn.Contains(assignment.PlanId):
                return [(assignment.DistrictId, ClosedMonthChange.EveryMonth)];
            case Matter matter when entry.State == EntityState.Deleted || Changed(entry, nameof(Matter.DepartmentId)):
                return [(matter.DistrictId, ClosedMonthChange.EveryMonth)];
            case RandomPlan plan when entry.State != EntityState.Added:
                return [(plan.DistrictId, ClosedMonthChange.EveryMonth)];
            case Certificate certificate:
                return [(certificate.DistrictId, ClosedMonthChange.EveryMonth)];
            case CalendarDay day:
                return [(day.DistrictId, ClosedMonthChange.EveryMonth)];
            default:
                return Dated.ContainsKey(entry.Metadata.ClrType)
                    ? OwnDays(entry).Select(d => ((Guid)entry.Property("DistrictId").CurrentValue!, Month.Of(d).Key))
                    : [];
        }
    }

    /// <summary>The days that date the record in the figures, old and new, that the save changes the figures of.</summary>
    private static IEnumerable<DateOnly> OwnDays(EntityEntry entry) =>
        Dated.TryGetValue(entry.Metadata.ClrType, out var dated)
            ? dated.Where(d => entry.State != EntityState.Modified || Changed(entry, [d.Day, .. d.Reads])).SelectMany(d => Days(entry, d.Day))
            : [];

    private static IEnumerable<DateOnly> Days(EntityEntry entry, string day)
    {
        var property = entry.Property(day);
        var values = entry.State switch
        {
            EntityState.Added => [property.CurrentValue],
            EntityState.Deleted => [property.OriginalValue],
            _ => new[] { property.OriginalValue, property.CurrentValue },
        };
        return values.OfType<DateOnly>().Distinct();
    }

    private static bool Changed(EntityEntry entry, params string[] names) => names.Any(name =>
        entry.Metadata.FindProperty(name) is not null ? entry.Property(name).IsModified
        : entry.Metadata.FindComplexProperty(name) is not null && entry.ComplexProperty(name).Properties.Any(p => p.IsModified));

    // The parent's day, from the tracked parent when it is (it usually is: its steps load it), else read.
    private static IEnumerable<DateOnly> CaseDays(EntrustDbContext db, Guid caseId, string day) =>
        db.ChangeTracker.Entries<Case>().FirstOrDefault(c => c.Entity.Id == caseId) is { } tracked
            ? Days(tracked, day)
            : day == nameof(Case.FiledOn)
                ? db.Cases.IgnoreQueryFilters().Where(c => c.Id == caseId).Select(c => (DateOnly?)c.FiledOn).ToList().OfType<DateOnly>()
                : db.Cases.IgnoreQueryFilters().Where(c => c.Id == caseId).Select(c => c.PaidOn).ToList().OfType<DateOnly>();

    private static IEnumerable<DateOnly> InspectionDays(EntrustDbContext db, Guid inspectionId) =>
        db.ChangeTracker.Entries<Inspection>().FirstOrDefault(i => i.Entity.Id == inspectionId) is { } tracked
            ? Days(tracked, nameof(Inspection.StartedOn))
            : db.Inspections.IgnoreQueryFilters().Where(i => i.Id == inspectionId).Select(i => i.StartedOn).ToList();

}

internal sealed class SettledMonthConfiguration : IEntityTypeConfiguration<SettledMonth>
{
    public void Configure(EntityTypeBuilder<SettledMonth> b)
    {
        b.ToTable("SettledMonths");
        b.HasKey(x => new { x.DistrictId, x.MonthKey });
    }
}

internal sealed class ClosedMonthChangeConfiguration : IEntityTypeConfiguration<ClosedMonthChange>
{
    public void Configure(EntityTypeBuilder<ClosedMonthChange> b)
    {
        b.ToTable("ClosedMonthChanges");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedOnAdd();
        b.HasIndex(x => new { x.DistrictId, x.MonthKey });
    }
}
