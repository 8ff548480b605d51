using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Officers;
using Entrust.Web.Features.Targets;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entrust.Web.Features.Inspections;

internal sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
{
    public void Configure(EntityTypeBuilder<Inspection> b)
    {
        b.Property(x => x.Findings).HasMaxLength(Inspection.FindingsLength);
        b.Property(x => x.RecordedBy).HasMaxLength(256);
        b.Ignore(x => x.Day);
        // A township's list by month, and a department's view of its matters.
        b.HasIndex(x => new { x.DistrictId, x.TownshipId, x.StartedOn });
        b.HasIndex(x => new { x.DistrictId, x.DepartmentId, x.StartedOn });
        // The office's work list, newest first (StartedOn, then Id, read backwards): a page without sorting the district's inspections.
        b.HasIndex(x => new { x.DistrictId, x.StartedOn, x.Id });
        // The gap monitor's last act per township and matter (and the simulator's, for a few matters), read from the index alone.
        b.HasIndex(x => new { x.DistrictId, x.MatterId, x.TownshipId, x.Kind, x.StartedOn });
        b.HasIndex(x => x.CampaignId);
        b.HasIndex(x => x.RandomPlanId);
        b.HasIndex(x => x.ReinspectionOfOrderId);
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Township>().WithMany().HasForeignKey(x => x.TownshipId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Matter>().WithMany().HasForeignKey(x => x.MatterId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(x => x.Targets, t =>
        {
            t.ToTable("InspectionTargets");
            t.WithOwner().HasForeignKey("InspectionId");
            t.HasKey("InspectionId", nameof(InspectionTarget.TargetId));
            t.HasIndex(x => x.TargetId);
            t.HasOne<Target>().WithMany().HasForeignKey(x => x.TargetId).OnDelete(DeleteBehavior.Restrict);
        });
        b.OwnsMany(x => x.Officers, o =>
        {
            o.ToTable("InspectionOfficers");
            o.WithOwner().HasForeignKey("InspectionId");
            o.HasKey("InspectionId", nameof(InspectionOfficer.OfficerId));
            o.HasIndex(x => x.OfficerId);
            o.HasOne<Officer>().WithMany().HasForeignKey(x => x.OfficerId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}

internal sealed class InspectionFileConfiguration : IEntityTypeConfiguration<InspectionFile>
{
    public void Configure(EntityTypeBuilder<InspectionFile> b)
    {
        StoredFile.Configure(b);
        b.HasIndex(x => x.InspectionId);
        b.HasOne<Inspection>().WithMany().HasForeignKey(x => x.InspectionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RectificationOrderConfiguration : IEntityTypeConfiguration<RectificationOrder>
{
    public void Configure(EntityTypeBuilder<RectificationOrder> b)
    {
        b.Property(x => x.Requirement).HasMaxLength(RectificationOrder.RequirementLength);
        b.HasIndex(x => new { x.DistrictId, x.TownshipId, x.State, x.Deadline });
        b.HasIndex(x => new { x.DistrictId, x.DepartmentId, x.State, x.Deadline });
        b.HasIndex(x => x.InspectionId);
        b.HasOne<Inspection>().WithMany().HasForeignKey(x => x.InspectionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Inspection>().WithMany().HasForeignKey(x => x.ReinspectionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Target>().WithMany().HasForeignKey(x => x.TargetId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> b)
    {
        b.Property(x => x.Name).HasMaxLength(Campaign.NameLength);
        b.HasIndex(x => new { x.DistrictId, x.DepartmentId, x.StartsOn });
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
