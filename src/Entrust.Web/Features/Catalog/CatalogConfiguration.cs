using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entrust.Web.Features.Catalog;

internal sealed class DistrictConfiguration : IEntityTypeConfiguration<District>
{
    public void Configure(EntityTypeBuilder<District> b)
    {
        b.Property(x => x.Code).HasMaxLength(32);
        b.Property(x => x.Name).HasMaxLength(100);
        b.HasIndex(x => x.Code).IsUnique();
    }
}

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> b)
    {
        b.Property(x => x.Code).HasMaxLength(32);
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.LegalSectionContact).HasMaxLength(200);
        b.Property(x => x.LegalName).HasMaxLength(Department.LegalNameLength);
        b.Ignore(x => x.DocumentName);
        b.HasIndex(x => new { x.DistrictId, x.Code }).IsUnique();
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TownshipConfiguration : IEntityTypeConfiguration<Township>
{
    public void Configure(EntityTypeBuilder<Township> b)
    {
        b.Property(x => x.Code).HasMaxLength(32);
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.LegalName).HasMaxLength(Township.LegalNameLength);
        b.Ignore(x => x.GovernmentName);
        b.Ignore(x => x.DocumentName);
        b.HasIndex(x => new { x.DistrictId, x.Code }).IsUnique();
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Offices).WithOne().HasForeignKey(o => o.TownshipId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InternalOfficeConfiguration : IEntityTypeConfiguration<InternalOffice>
{
    public void Configure(EntityTypeBuilder<InternalOffice> b)
    {
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.LeaderInCharge).HasMaxLength(50);
        b.Property(x => x.Phone).HasMaxLength(30);
        b.HasIndex(x => new { x.TownshipId, x.Name }).IsUnique();
        b.HasIndex(x => x.DistrictId);
    }
}

internal sealed class MatterConfiguration : IEntityTypeConfiguration<Matter>
{
    public void Configure(EntityTypeBuilder<Matter> b)
    {
        b.Property(x => x.Code).HasMaxLength(64);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Domain).HasMaxLength(32);
        b.Property(x => x.LawName).HasMaxLength(200);
        b.Property(x => x.LawArticle).HasMaxLength(100);
        b.HasIndex(x => new { x.DistrictId, x.Code }).IsUnique();
        b.HasIndex(x => new { x.DistrictId, x.DepartmentId });
        b.HasIndex(x => new { x.DistrictId, x.Domain });
        b.HasOne(x => x.Department).WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
    }
}
