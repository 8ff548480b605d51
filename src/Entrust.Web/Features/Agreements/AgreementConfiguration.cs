using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Scope;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entrust.Web.Features.Agreements;

internal sealed class AgreementConfiguration : IEntityTypeConfiguration<Agreement>
{
    public void Configure(EntityTypeBuilder<Agreement> b)
    {
        b.Property(x => x.Number).HasMaxLength(64);
        b.Property(x => x.GrantDecisionNumber).HasMaxLength(100);
        b.Property(x => x.RightsAndObligations).HasMaxLength(8000);
        b.Property(x => x.FundingAmount).HasPrecision(14, 2);
        b.Property(x => x.FundingNote).HasMaxLength(500);
        b.Property(x => x.ReviewedBy).HasMaxLength(100);
        b.Property(x => x.DepartmentSignatory).HasMaxLength(50);
        b.Property(x => x.TownshipSignatory).HasMaxLength(50);
        b.Property(x => x.PublicationPlace).HasMaxLength(200);
        b.Property(x => x.TerminationReason).HasMaxLength(500);
        b.HasIndex(x => new { x.DistrictId, x.Number, x.Version }).IsUnique();
        b.HasIndex(x => new { x.TownshipId, x.DepartmentId });
        b.HasIndex(x => new { x.DepartmentId, x.State });
        b.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Township>().WithMany().HasForeignKey(x => x.TownshipId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Matters).WithOne().HasForeignKey(m => m.AgreementId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AgreementMatterConfiguration : IEntityTypeConfiguration<AgreementMatter>
{
    public void Configure(EntityTypeBuilder<AgreementMatter> b)
    {
        b.Property(x => x.FineCap).HasPrecision(14, 2);
        b.Property(x => x.LawName).HasMaxLength(200);
        b.Property(x => x.LawArticle).HasMaxLength(100);
        b.HasIndex(x => new { x.AgreementId, x.MatterId }).IsUnique();
        b.HasIndex(x => x.MatterId);
        b.HasOne<Matter>().WithMany().HasForeignKey(x => x.MatterId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DockingConfiguration : IEntityTypeConfiguration<Docking>
{
    public void Configure(EntityTypeBuilder<Docking> b)
    {
        b.HasIndex(x => new { x.TownshipId, x.DepartmentId }).IsUnique();
        b.HasIndex(x => x.DistrictId);
        b.HasOne<InternalOffice>().WithMany().HasForeignKey(x => x.InternalOfficeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DecreeConfiguration : IEntityTypeConfiguration<Decree>
{
    public void Configure(EntityTypeBuilder<Decree> b)
    {
        b.Property(x => x.Number).HasMaxLength(100);
        b.Property(x => x.Title).HasMaxLength(200);
        b.HasIndex(x => x.DistrictId);
    }
}

internal sealed class ScopeDecisionConfiguration : IEntityTypeConfiguration<ScopeDecision>
{
    public void Configure(EntityTypeBuilder<ScopeDecision> b)
    {
        b.Property(x => x.DocumentNumber).HasMaxLength(100);
        b.Property(x => x.Reason).HasMaxLength(1000);
        b.Property(x => x.DecidedBy).HasMaxLength(100);
        b.HasIndex(x => x.DistrictId);
    }
}

internal sealed class ScopeRequestConfiguration : IEntityTypeConfiguration<ScopeRequest>
{
    public void Configure(EntityTypeBuilder<ScopeRequest> b)
    {
        b.Property(x => x.RequestedPower).HasMaxLength(200);
        b.Property(x => x.Reason).HasMaxLength(1000);
        b.Property(x => x.DecisionReason).HasMaxLength(1000);
        b.HasIndex(x => new { x.DistrictId, x.State });
        b.HasOne<Township>().WithMany().HasForeignKey(x => x.TownshipId).OnDelete(DeleteBehavior.Restrict);
    }
}
