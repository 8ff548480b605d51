using Entrust.Web.Features.Cases;
using Entrust.Web.Features.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entrust.Web.Features.Assessment;

internal sealed class SchemeConfiguration : IEntityTypeConfiguration<Scheme>
{
    public void Configure(EntityTypeBuilder<Scheme> b)
    {
        b.Ignore(x => x.IsFrozen);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.Property(x => x.ErroneousTownshipPoints).HasPrecision(6, 2);
        b.Property(x => x.ErroneousDepartmentPoints).HasPrecision(6, 2);
        // One version number per district and year.
        b.HasIndex(x => new { x.DistrictId, x.Year, x.Version }).IsUnique();
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Indicators).WithOne().HasForeignKey(i => i.SchemeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Section).HasMaxLength(Indicator.NameLength);
        b.Property(x => x.Code).HasMaxLength(Indicator.CodeLength);
        b.Property(x => x.Name).HasMaxLength(Indicator.NameLength);
        b.Property(x => x.Points).HasPrecision(6, 2);
        b.Property(x => x.DeductPer).HasPrecision(6, 2);
        b.Property(x => x.Target).HasPrecision(5, 4);
        b.HasIndex(x => new { x.SchemeId, x.Code }).IsUnique();
    }
}

internal sealed class AssessmentRoundConfiguration : IEntityTypeConfiguration<AssessmentRound>
{
    public void Configure(EntityTypeBuilder<AssessmentRound> b)
    {
        b.Ignore(x => x.From);
        b.Ignore(x => x.To);
        // One round per district and year.
        b.HasIndex(x => new { x.DistrictId, x.Year }).IsUnique();
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Scheme>().WithMany().HasForeignKey(x => x.SchemeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class UnitResultConfiguration : IEntityTypeConfiguration<UnitResult>
{
    public void Configure(EntityTypeBuilder<UnitResult> b)
    {
        b.Ignore(x => x.UnitId);
        b.Property(x => x.UnitName).HasMaxLength(200);
        b.Property(x => x.Score).HasPrecision(6, 2);
        b.Property(x => x.SelfScore).HasPrecision(6, 2);
        b.Property(x => x.AppealPointsRestored).HasPrecision(6, 2);
        b.Property(x => x.SelfAssessment).HasMaxLength(UnitResult.TextLength);
        b.Property(x => x.AppealText).HasMaxLength(UnitResult.TextLength);
        b.Property(x => x.AppealReply).HasMaxLength(UnitResult.TextLength);
        b.Property(x => x.AppealedBy).HasMaxLength(256);
        b.Property(x => x.AppealDecidedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.RoundId, x.TownshipId, x.DepartmentId }).IsUnique();
        b.HasIndex(x => new { x.DistrictId, x.Year });
        b.HasOne<AssessmentRound>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Township>().WithMany().HasForeignKey(x => x.TownshipId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Deductions).WithOne().HasForeignKey(d => d.UnitResultId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.ManualScores).WithOne().HasForeignKey(d => d.UnitResultId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DeductionConfiguration : IEntityTypeConfiguration<Deduction>
{
    public void Configure(EntityTypeBuilder<Deduction> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.IndicatorCode).HasMaxLength(Indicator.CodeLength);
        b.Property(x => x.IndicatorName).HasMaxLength(Indicator.NameLength);
        b.Property(x => x.Points).HasPrecision(6, 2);
        b.Property(x => x.Label).HasMaxLength(Deduction.LabelLength);
        b.HasIndex(x => new { x.EvidenceKind, x.EvidenceId });
    }
}

internal sealed class ManualScoreConfiguration : IEntityTypeConfiguration<ManualScore>
{
    public void Configure(EntityTypeBuilder<ManualScore> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.IndicatorCode).HasMaxLength(Indicator.CodeLength);
        b.Property(x => x.Deduct).HasPrecision(6, 2);
        b.Property(x => x.Evidence).HasMaxLength(UnitResult.TextLength);
        b.Property(x => x.ScoredBy).HasMaxLength(256);
    }
}

internal sealed class ErroneousCaseConfiguration : IEntityTypeConfiguration<ErroneousCase>
{
    public void Configure(EntityTypeBuilder<ErroneousCase> b)
    {
        b.Ignore(x => x.IsConfirmed);
        b.Property(x => x.CaseNumber).HasMaxLength(100);
        b.Property(x => x.Reasons).HasMaxLength(ErroneousCase.ReasonsLength);
        b.Property(x => x.DecisionNumber).HasMaxLength(ErroneousCase.NumberLength);
        b.Property(x => x.DecidedBy).HasMaxLength(256);
        // One decision per case.
        b.HasIndex(x => x.CaseId).IsUnique();
        b.HasIndex(x => new { x.DistrictId, x.DecidedOn });
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Township>().WithMany().HasForeignKey(x => x.TownshipId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FileReviewConfiguration : IEntityTypeConfiguration<FileReview>
{
    public void Configure(EntityTypeBuilder<FileReview> b)
    {
        b.Ignore(x => x.SeedValue);
        b.Property(x => x.Domain).HasMaxLength(FileReview.DomainLength);
        b.Property(x => x.Hash).HasMaxLength(64);
        b.Property(x => x.DrawnBy).HasMaxLength(256);
        // One draw per township, year and domain: drawing again until the sample pleases is not a draw.
        b.HasIndex(x => new { x.DistrictId, x.TownshipId, x.Year, x.Domain }).IsUnique();
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Township>().WithMany().HasForeignKey(x => x.TownshipId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Files).WithOne().HasForeignKey(f => f.FileReviewId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReviewedFileConfiguration : IEntityTypeConfiguration<ReviewedFile>
{
    public void Configure(EntityTypeBuilder<ReviewedFile> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Ignore(x => x.Scores);
        b.Property(x => x.CaseNumber).HasMaxLength(100);
        b.Property(x => x.Findings).HasMaxLength(ReviewedFile.FindingsLength);
        b.Property(x => x.ReviewedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.DistrictId, x.Year, x.Grade });
        b.HasIndex(x => x.CaseId);
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Officers.Officer>().WithMany().HasForeignKey(x => x.Reviewer1Id).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Officers.Officer>().WithMany().HasForeignKey(x => x.Reviewer2Id).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AccountabilityConfiguration : IEntityTypeConfiguration<Accountability>
{
    public void Configure(EntityTypeBuilder<Accountability> b)
    {
        b.Ignore(x => x.ActsOnCertificate);
        b.Property(x => x.OfficerName).HasMaxLength(100);
        b.Property(x => x.Facts).HasMaxLength(Accountability.TextLength);
        b.Property(x => x.Statement).HasMaxLength(Accountability.TextLength);
        b.Property(x => x.DecisionNumber).HasMaxLength(Accountability.NumberLength);
        b.Property(x => x.DecisionReasons).HasMaxLength(Accountability.TextLength);
        b.Property(x => x.AppealText).HasMaxLength(Accountability.TextLength);
        b.Property(x => x.AppealReply).HasMaxLength(Accountability.TextLength);
        b.Property(x => x.OpenedBy).HasMaxLength(256);
        b.Property(x => x.DecidedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.DistrictId, x.OpenedOn });
        b.HasIndex(x => x.OfficerId);
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Officers.Officer>().WithMany().HasForeignKey(x => x.OfficerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}
