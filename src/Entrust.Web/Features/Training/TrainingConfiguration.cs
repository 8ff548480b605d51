using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Officers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entrust.Web.Features.Training;

internal sealed class TrainingClassConfiguration : IEntityTypeConfiguration<TrainingClass>
{
    public void Configure(EntityTypeBuilder<TrainingClass> b)
    {
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Venue).HasMaxLength(200);
        b.Property(x => x.Teachers).HasMaxLength(500);
        b.HasIndex(x => new { x.DistrictId, x.StartsOn });
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Sessions).WithOne().HasForeignKey(s => s.TrainingClassId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TrainingSessionConfiguration : IEntityTypeConfiguration<TrainingSession>
{
    public void Configure(EntityTypeBuilder<TrainingSession> b)
    {
        b.Property(x => x.Topic).HasMaxLength(200);
        b.Property(x => x.Teacher).HasMaxLength(50);
        b.HasIndex(x => new { x.TrainingClassId, x.Date, x.Part }).IsUnique();
    }
}

internal sealed class TraineeConfiguration : IEntityTypeConfiguration<Trainee>
{
    public void Configure(EntityTypeBuilder<Trainee> b)
    {
        b.HasIndex(x => new { x.TrainingClassId, x.OfficerId }).IsUnique();
        b.HasIndex(x => x.OfficerId);
        b.HasOne<TrainingClass>().WithMany().HasForeignKey(x => x.TrainingClassId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Officer>().WithMany().HasForeignKey(x => x.OfficerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AttendanceConfiguration : IEntityTypeConfiguration<Attendance>
{
    public void Configure(EntityTypeBuilder<Attendance> b)
    {
        b.ToTable("Attendances");
        b.Property(x => x.Note).HasMaxLength(200);
        b.HasIndex(x => new { x.TraineeId, x.SessionId }).IsUnique();
        b.HasIndex(x => x.SessionId);
        b.HasOne<Trainee>().WithMany().HasForeignKey(x => x.TraineeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<TrainingSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ExamConfiguration : IEntityTypeConfiguration<Exam>
{
    public void Configure(EntityTypeBuilder<Exam> b)
    {
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.FullMark).HasPrecision(6, 1);
        b.Property(x => x.PassMark).HasPrecision(6, 1);
        b.HasIndex(x => new { x.DistrictId, x.HeldOn });
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Classes).WithOne().HasForeignKey(c => c.ExamId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ExamClassConfiguration : IEntityTypeConfiguration<ExamClass>
{
    public void Configure(EntityTypeBuilder<ExamClass> b)
    {
        b.HasKey(x => new { x.ExamId, x.TrainingClassId });
        b.HasOne<TrainingClass>().WithMany().HasForeignKey(x => x.TrainingClassId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ExamScoreConfiguration : IEntityTypeConfiguration<ExamScore>
{
    public void Configure(EntityTypeBuilder<ExamScore> b)
    {
        b.Property(x => x.Score).HasPrecision(6, 1);
        b.HasIndex(x => new { x.ExamId, x.TraineeId }).IsUnique();
        b.HasIndex(x => x.OfficerId);
        b.HasOne<Exam>().WithMany().HasForeignKey(x => x.ExamId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Trainee>().WithMany().HasForeignKey(x => x.TraineeId).OnDelete(DeleteBehavior.Restrict);
    }
}
