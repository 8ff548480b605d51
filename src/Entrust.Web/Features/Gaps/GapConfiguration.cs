using Entrust.Web.Features.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entrust.Web.Features.Gaps;

internal sealed class GapConfiguration : IEntityTypeConfiguration<Gap>
{
    public void Configure(EntityTypeBuilder<Gap> b)
    {
        b.Property(x => x.Key).HasMaxLength(120);
        b.Property(x => x.Domain).HasMaxLength(50);
        b.Property(x => x.AcknowledgedBy).HasMaxLength(100);
        b.Property(x => x.AcknowledgementNote).HasMaxLength(Gap.NoteLength);
        b.Property(x => x.ClosedBy).HasMaxLength(100);
        b.Property(x => x.CloseReason).HasMaxLength(Gap.NoteLength);
        // One gap per district, kind and subject: the scan updates it, never adds a second.
        b.HasIndex(x => new { x.DistrictId, x.Kind, x.Key }).IsUnique();
        b.HasIndex(x => new { x.DistrictId, x.State });
        b.HasIndex(x => new { x.TownshipId, x.State });
        b.HasIndex(x => new { x.DepartmentId, x.State });
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.History).WithOne().HasForeignKey(e => e.GapId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GapEventConfiguration : IEntityTypeConfiguration<GapEvent>
{
    public void Configure(EntityTypeBuilder<GapEvent> b)
    {
        // Added to a loaded gap's history: a key set by the entity must read as new.
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.By).HasMaxLength(100);
        b.Property(x => x.Note).HasMaxLength(Gap.NoteLength);
        b.HasIndex(x => x.GapId);
    }
}

internal sealed class GapScanConfiguration : IEntityTypeConfiguration<GapScan>
{
    public void Configure(EntityTypeBuilder<GapScan> b)
    {
        b.Property(x => x.Trigger).HasMaxLength(20);
        b.Property(x => x.Error).HasMaxLength(2000);
        b.HasIndex(x => new { x.DistrictId, x.StartedAt });
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GapSettingsConfiguration : IEntityTypeConfiguration<GapSettings>
{
    public void Configure(EntityTypeBuilder<GapSettings> b)
    {
        b.HasIndex(x => x.DistrictId).IsUnique();
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
    }
}
