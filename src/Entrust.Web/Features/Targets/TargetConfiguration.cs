using Entrust.Web.Features.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entrust.Web.Features.Targets;

internal sealed class TargetConfiguration : IEntityTypeConfiguration<Target>
{
    public void Configure(EntityTypeBuilder<Target> b)
    {
        b.Property(x => x.Name).HasMaxLength(Target.NameLength);
        b.Property(x => x.Address).HasMaxLength(Target.AddressLength);
        b.Property(x => x.CreditCode).HasMaxLength(CreditCodes.Length);
        b.Property(x => x.Contact).HasMaxLength(Target.ContactLength);
        b.Property(x => x.Phone).HasMaxLength(20);
        b.Ignore(x => x.IsMerged);
        // A township's list, by name; and the district's list, by township then name.
        b.HasIndex(x => new { x.DistrictId, x.TownshipId, x.Name });
        // The filter bar's and a random-inspection plan's "all fireworks sellers of the district".
        b.HasIndex(x => new { x.DistrictId, x.Kind });
        // One credit code per district among targets still in use; a merged duplicate keeps its code for the record.
        b.HasIndex(x => new { x.DistrictId, x.CreditCode }).IsUnique()
            .HasFilter("\"CreditCode\" IS NOT NULL AND \"MergedIntoId\" IS NULL");
        b.HasIndex(x => x.MergedIntoId);
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Township>().WithMany().HasForeignKey(x => x.TownshipId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Target>().WithMany().HasForeignKey(x => x.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
    }
}
