using Entrust.Web.Features.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entrust.Web.Features.Reports;

internal sealed class MonthlyReportConfiguration : IEntityTypeConfiguration<MonthlyReport>
{
    public void Configure(EntityTypeBuilder<MonthlyReport> b)
    {
        b.Ignore(x => x.Month);
        b.Ignore(x => x.IsOpen);
        b.Property(x => x.Remarks).HasMaxLength(MonthlyReport.RemarksLength);
        b.Property(x => x.DepartmentComment).HasMaxLength(MonthlyReport.CommentLength);
        b.Property(x => x.SubmittedBy).HasMaxLength(256);
        b.Property(x => x.AnsweredBy).HasMaxLength(256);
        // One report per township, department and month; a district's month, a department's and a township's lists.
        b.HasIndex(x => new { x.TownshipId, x.DepartmentId, x.MonthKey }).IsUnique();
        b.HasIndex(x => new { x.DistrictId, x.MonthKey });
        b.HasIndex(x => new { x.DepartmentId, x.MonthKey });
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Township>().WithMany().HasForeignKey(x => x.TownshipId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Versions).WithOne().HasForeignKey(v => v.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Versions).AutoInclude();
    }
}

internal sealed class MonthlyReportVersionConfiguration : IEntityTypeConfiguration<MonthlyReportVersion>
{
    public void Configure(EntityTypeBuilder<MonthlyReportVersion> b)
    {
        // Added to a loaded report: a key set by the entity must read as new.
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Remarks).HasMaxLength(MonthlyReport.RemarksLength);
        b.Property(x => x.DepartmentComment).HasMaxLength(MonthlyReport.CommentLength);
        b.Property(x => x.SubmittedBy).HasMaxLength(256);
        b.Property(x => x.AnsweredBy).HasMaxLength(256);
        b.HasIndex(x => new { x.ReportId, x.Version }).IsUnique();
    }
}

internal sealed class ReportSettingsConfiguration : IEntityTypeConfiguration<ReportSettings>
{
    public void Configure(EntityTypeBuilder<ReportSettings> b)
    {
        b.HasIndex(x => x.DistrictId).IsUnique();
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WrittenSummaryConfiguration : IEntityTypeConfiguration<WrittenSummary>
{
    public void Configure(EntityTypeBuilder<WrittenSummary> b)
    {
        b.Ignore(x => x.Text);
        b.Property(x => x.Key).HasMaxLength(100);
        b.Property(x => x.Practice).HasMaxLength(SummaryText.Length);
        b.Property(x => x.NextSteps).HasMaxLength(SummaryText.Length);
        b.Property(x => x.DocumentNumber).HasMaxLength(SummaryText.NumberLength);
        b.Property(x => x.WrittenBy).HasMaxLength(256);
        // One per district and summary (period, township, department).
        b.HasIndex(x => new { x.DistrictId, x.Key }).IsUnique();
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Township>().WithMany().HasForeignKey(x => x.TownshipId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
