using Entrust.Web.Features.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entrust.Web.Features.Officers;

internal sealed class OfficerConfiguration : IEntityTypeConfiguration<Officer>
{
    public void Configure(EntityTypeBuilder<Officer> b)
    {
        b.Property(x => x.Name).HasMaxLength(50);
        b.Property(x => x.IdNumber).HasMaxLength(18);
        b.Property(x => x.Phone).HasMaxLength(20);
        b.Property(x => x.Post).HasMaxLength(50);
        b.Property(x => x.StatusReason).HasMaxLength(500);
        b.HasIndex(x => new { x.DistrictId, x.IdNumber }).IsUnique();
        b.HasIndex(x => new { x.DistrictId, x.TownshipId, x.Status });
        b.HasIndex(x => new { x.DistrictId, x.DepartmentId, x.Status });
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Township>().WithMany().HasForeignKey(x => x.TownshipId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("CK_Officers_OneUnit",
            "(\"TownshipId\" IS NULL) <> (\"DepartmentId\" IS NULL)"));
    }
}

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> b)
    {
        b.Property(x => x.Number).HasMaxLength(50);
        b.Property(x => x.StateReason).HasMaxLength(500);
        b.PrimitiveCollection(x => x.Domains);
        // Certificate numbers are unique across the platform (a number names one certificate anywhere).
        b.HasIndex(x => x.Number).IsUnique();
        b.HasIndex(x => new { x.DistrictId, x.TownshipId, x.ExpiresOn });
        b.HasIndex(x => new { x.DistrictId, x.DepartmentId, x.ExpiresOn });
        b.HasIndex(x => x.OfficerId);
        b.HasOne<Officer>().WithMany().HasForeignKey(x => x.OfficerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class QualificationSettingsConfiguration : IEntityTypeConfiguration<QualificationSettings>
{
    public void Configure(EntityTypeBuilder<QualificationSettings> b)
    {
        b.Property(x => x.CertificateNumberFormat).HasMaxLength(40);
        b.HasIndex(x => x.DistrictId).IsUnique();
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
    }
}
