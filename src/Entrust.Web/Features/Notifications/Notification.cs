using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Gaps;
using Entrust.Web.Features.Meetings;
using Entrust.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entrust.Web.Features.Notifications;

public enum NotificationEvent
{
    GapOpened = 0,    // a new gap of the unit's
    GapReopened = 1,  // a gap of the unit's came back
    GapEscalated = 2, // a gap nobody acknowledged in time, to the office
    ReportReturned = 3, // a department returned the township's monthly report, to the township
    ReportLate = 4,     // a monthly report not submitted by its due day, to the township, the department and the office
    MeetingNotice = 5, // the notice of a meeting, to each invited unit
    ActionItemAssigned = 6, // an action item agreed at a meeting, to its owner unit
}

/// <summary>
/// One message of the bell (消息提醒): what happened, to which units. A gap opened or reopened goes to its two sides (the township
/// and the entrusting department, as the gap lists show them); an escalated gap goes to the office; a meeting's notice to each
/// invited unit, and an action item to its owner. Who reads it is the data
/// scope's, as for the gap itself; what each reader has read is their <see cref="NotificationRead"/> mark. A monthly report returned
/// goes to its township only (no department named, so the department that returned it does not hear of it again); a report flagged
/// late to its two sides and, as a second message, to the office.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid? TownshipId { get; private set; }
    public Guid? DepartmentId { get; private set; }

    /// <summary>To the district office (an escalation) rather than to the units concerned.</summary>
    public bool ForOffice { get; private set; }
    public NotificationEvent Event { get; private set; }
    public Guid? GapId { get; private set; }

    /// <summary>The monthly report it is about (<see cref="NotificationEvent.ReportReturned"/>, <see cref="NotificationEvent.ReportLate"/>).</summary>
    public Guid? ReportId { get; private set; }

    /// <summary>The meeting noticed, or the meeting whose action item is assigned.</summary>
    public Guid? MeetingId { get; private set; }
    public Guid? ActionItemId { get; private set; }

    /// <summary>When it was raised, UTC (a <see cref="DateTime"/>, which SQLite compares and orders).</summary>
    public DateTime CreatedAt { get; private set; }

    private Notification() { }

    public static Notification OfGap(Gap gap, NotificationEvent what, DateTimeOffset at) => new()
    {
        DistrictId = gap.DistrictId,
        TownshipId = gap.TownshipId,
        DepartmentId = gap.DepartmentId,
        ForOffice = what == NotificationEvent.GapEscalated,
        Event = what,
        GapId = gap.Id,
        CreatedAt = at.UtcDateTime,
    };

    /// <summary>A returned report, to its township.</summary>
    public static Notification Returned(MonthlyReport report, DateTimeOffset at) => new()
    {
        DistrictId = report.DistrictId,
        TownshipId = report.TownshipId,
        Event = NotificationEvent.ReportReturned,
        ReportId = report.Id,
        CreatedAt = at.UtcDateTime,
    };

    /// <summary>A report flagged late: one message to the township and the department, one to the office.</summary>
    public static IEnumerable<Notification> Late(MonthlyReport report, DateTimeOffset at) =>
        new[] { false, true }.Select(office => new Notification
        {
            DistrictId = report.DistrictId,
            TownshipId = report.TownshipId,
            DepartmentId = report.DepartmentId,
            ForOffice = office,
            Event = NotificationEvent.ReportLate,
            ReportId = report.Id,
            CreatedAt = at.UtcDateTime,
        });

    /// <summary>The notice of a meeting: one message to each invited department and township (other bodies have no accounts).</summary>
    public static IEnumerable<Notification> OfMeeting(Meeting meeting, DateTimeOffset at) =>
        meeting.Participants.Where(p => p.TownshipId != null || p.DepartmentId != null)
            .Select(p => new { p.TownshipId, p.DepartmentId }).Distinct()
            .Select(p => new Notification
            {
                DistrictId = meeting.DistrictId,
                TownshipId = p.TownshipId,
                DepartmentId = p.DepartmentId,
                Event = NotificationEvent.MeetingNotice,
                MeetingId = meeting.Id,
                CreatedAt = at.UtcDateTime,
            });

    /// <summary>An action item agreed at a meeting, to its owner unit.</summary>
    public static Notification OfActionItem(ActionItem item, DateTimeOffset at) => new()
    {
        DistrictId = item.DistrictId,
        TownshipId = item.TownshipId,
        DepartmentId = item.DepartmentId,
        Event = NotificationEvent.ActionItemAssigned,
        MeetingId = item.MeetingId,
        ActionItemId = item.Id,
        CreatedAt = at.UtcDateTime,
    };
}

/// <summary>How far a user has read the bell: everything raised up to <see cref="ReadThrough"/> is read.</summary>
public sealed class NotificationRead
{
    public Guid UserId { get; private set; }
    public DateTime ReadThrough { get; private set; }

    private NotificationRead() { }

    public NotificationRead(Guid userId, DateTimeOffset at)
    {
        UserId = userId;
        ReadThrough = at.UtcDateTime;
    }

    public void ReadAllAt(DateTimeOffset at) => ReadThrough = at.UtcDateTime;
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.HasIndex(x => new { x.DistrictId, x.ForOffice, x.CreatedAt });
        b.HasIndex(x => new { x.TownshipId, x.CreatedAt });
        b.HasIndex(x => new { x.DepartmentId, x.CreatedAt });
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Gap>().WithMany().HasForeignKey(x => x.GapId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<MonthlyReport>().WithMany().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ActionItem>().WithMany().HasForeignKey(x => x.ActionItemId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NotificationReadConfiguration : IEntityTypeConfiguration<NotificationRead>
{
    public void Configure(EntityTypeBuilder<NotificationRead> b) => b.HasKey(x => x.UserId);
}
