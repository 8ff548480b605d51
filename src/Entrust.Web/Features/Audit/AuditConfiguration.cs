using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entrust.Web.Features.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasKey(x => x.Sequence);
        // Numbered by the database: writers never wait for one another (the sealer orders the chain afterwards).
        b.Property(x => x.Sequence).ValueGeneratedOnAdd();
        b.Ignore(x => x.IsSealed);
        b.Property(x => x.UserName).HasMaxLength(100);
        b.Property(x => x.EntityType).HasMaxLength(100);
        b.Property(x => x.EntityId).HasMaxLength(100);
        b.Property(x => x.Action).HasMaxLength(20);
        b.Property(x => x.PreviousHash).HasMaxLength(64);
        b.Property(x => x.Hash).HasMaxLength(64);
        // One entry per place in the chain: a second sealer racing the first fails instead of forking it.
        b.HasIndex(x => x.Link).IsUnique();
        // The sealer's queue: the entries not yet linked, oldest first.
        b.HasIndex(x => x.Sequence).HasFilter("\"Link\" IS NULL").HasDatabaseName("IX_AuditEntries_Unsealed");
        b.HasIndex(x => new { x.DistrictId, x.At });
        // The audit list filters by district and reads newest first.
        b.HasIndex(x => new { x.DistrictId, x.Sequence });
        b.HasIndex(x => new { x.EntityType, x.EntityId });
        // The minute's gap scan asks each district for an entry linked after its last scan, or not linked yet: one seek each.
        b.HasIndex(x => new { x.DistrictId, x.Link });
    }
}
