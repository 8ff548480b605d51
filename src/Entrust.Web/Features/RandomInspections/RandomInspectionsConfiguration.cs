using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Officers;
using Entrust.Web.Features.Targets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entrust.Web.Features.RandomInspections;

internal sealed class RandomPlanConfiguration : IEntityTypeConfiguration<RandomPlan>
{
    public void Configure(EntityTypeBuilder<RandomPlan> b)
    {
        b.Property(x => x.Name).HasMaxLength(RandomPlan.NameLength);
        b.Property(x => x.Proportion).HasPrecision(5, 4);
        b.PrimitiveCollection(x => x.TownshipIds);
        b.PrimitiveCollection(x => x.TargetKinds);
        b.PrimitiveCollection(x => x.InspectorIds);
        b.HasIndex(x => new { x.DistrictId, x.DepartmentId, x.CreatedAt });
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Matter>().WithMany().HasForeignKey(x => x.MatterId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InspectionItemConfiguration : IEntityTypeConfiguration<InspectionItem>
{
    public void Configure(EntityTypeBuilder<InspectionItem> b)
    {
        b.Property(x => x.Basis).HasMaxLength(InspectionItem.BasisLength);
        b.Property(x => x.Content).HasMaxLength(InspectionItem.ContentLength);
        b.Property(x => x.PublishedBy).HasMaxLength(256);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        // A matter is listed once per district.
        b.HasIndex(x => new { x.DistrictId, x.MatterId }).IsUnique();
        b.HasIndex(x => x.MatterId);
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Matter>().WithMany().HasForeignKey(x => x.MatterId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RandomDrawConfiguration : IEntityTypeConfiguration<RandomDraw>
{
    public void Configure(EntityTypeBuilder<RandomDraw> b)
    {
        b.Property(x => x.Hash).HasMaxLength(64);
        b.Property(x => x.DrawnBy).HasMaxLength(256);
        b.Ignore(x => x.SeedValue);
        // One draw per plan: a plan is drawn once and then fixed.
        b.HasIndex(x => x.PlanId).IsUnique();
        b.HasIndex(x => x.DistrictId);
        b.HasOne<RandomPlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RandomAssignmentConfiguration : IEntityTypeConfiguration<RandomAssignment>
{
    public void Configure(EntityTypeBuilder<RandomAssignment> b)
    {
        b.Property(x => x.Summary).HasMaxLength(RandomAssignment.SummaryLength);
        b.HasIndex(x => new { x.PlanId, x.Order }).IsUnique();
        // A township's assignments; the public list of a district's published results.
        b.HasIndex(x => new { x.DistrictId, x.TownshipId });
        b.HasIndex(x => new { x.DistrictId, x.PublishedOn });
        // No foreign key to inspections: that table arrives with the inspections feature.
        b.HasIndex(x => x.InspectionId);
        b.HasOne<RandomPlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Target>().WithMany().HasForeignKey(x => x.TargetId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Officer>().WithMany().HasForeignKey(x => x.Inspector1Id).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Officer>().WithMany().HasForeignKey(x => x.Inspector2Id).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OfficerConflictConfiguration : IEntityTypeConfiguration<OfficerConflict>
{
    public void Configure(EntityTypeBuilder<OfficerConflict> b)
    {
        b.Property(x => x.Reason).HasMaxLength(OfficerConflict.ReasonLength);
        b.Property(x => x.RecordedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.DistrictId, x.OfficerId, x.TargetId }).IsUnique();
        b.HasIndex(x => x.TargetId);
        b.HasOne<Officer>().WithMany().HasForeignKey(x => x.OfficerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Target>().WithMany().HasForeignKey(x => x.TargetId).OnDelete(DeleteBehavior.Restrict);
    }
}
