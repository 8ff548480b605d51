using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Gaps;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entrust.Web.Features.Notifications;

public enum NotificationEvent
{
    GapOpened = 0,    // a new gap of the unit's
    GapReopened = 1,  // a gap of the unit's came back
    GapEscalated = 2, // a gap nobody acknowledged in time, to the office
}

/// <summary>
/// One message of the bell (消息提醒): what happened, to which units. A gap opened or reopened goes to its two sides (the township
/// and the entrusting department, as the gap lists show them); an escalated gap goes to the office. Who reads it is the data
/// scope's, as for the gap itself; what each reader has read is their <see cref="NotificationRead"/> mark.
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
    }
}

internal sealed class NotificationReadConfiguration : IEntityTypeConfiguration<NotificationRead>
{
    public void Configure(EntityTypeBuilder<NotificationRead> b) => b.HasKey(x => x.UserId);
}
