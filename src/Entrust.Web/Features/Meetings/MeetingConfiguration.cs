using Entrust.Web.Features.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entrust.Web.Features.Meetings;

internal sealed class MeetingMemberConfiguration : IEntityTypeConfiguration<MeetingMember>
{
    public void Configure(EntityTypeBuilder<MeetingMember> b)
    {
        b.Property(x => x.Name).HasMaxLength(MeetingMember.NameLength);
        b.Property(x => x.Post).HasMaxLength(MeetingMember.NameLength);
        b.Property(x => x.Phone).HasMaxLength(40);
        b.Property(x => x.UserName).HasMaxLength(100);
        b.HasIndex(x => new { x.DistrictId, x.From });
        b.HasIndex(x => x.TownshipId);
        b.HasIndex(x => x.DepartmentId);
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Township>().WithMany().HasForeignKey(x => x.TownshipId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> b)
    {
        b.Property(x => x.Title).HasMaxLength(Meeting.TitleLength);
        b.Property(x => x.Place).HasMaxLength(Meeting.TitleLength);
        b.Property(x => x.Chair).HasMaxLength(MeetingMember.NameLength);
        b.Property(x => x.Number).HasMaxLength(100);
        b.HasIndex(x => new { x.DistrictId, x.Day });
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(x => x.Participants, p =>
        {
            p.ToTable("MeetingParticipants");
            p.WithOwner().HasForeignKey("MeetingId");
            p.HasKey(x => x.Id);
            p.Property(x => x.Id).ValueGeneratedNever();
            p.Property(x => x.Unit).HasMaxLength(Meeting.TitleLength);
            p.Property(x => x.Person).HasMaxLength(MeetingMember.NameLength);
            p.Property(x => x.AbsenceReason).HasMaxLength(500);
            p.Property(x => x.Deputy).HasMaxLength(MeetingMember.NameLength);
            p.HasIndex(x => x.TownshipId);
            p.HasIndex(x => x.DepartmentId);
        });
        b.OwnsMany(x => x.Topics, t =>
        {
            t.ToTable("MeetingTopics");
            t.WithOwner().HasForeignKey("MeetingId");
            t.HasKey(x => x.Id);
            t.Property(x => x.Id).ValueGeneratedNever();
            t.Property(x => x.Title).HasMaxLength(Meeting.TitleLength);
            t.Property(x => x.ProposedBy).HasMaxLength(100);
            t.Property(x => x.Minutes).HasMaxLength(Meeting.TextLength);
            t.Property(x => x.Decisions).HasMaxLength(Meeting.TextLength);
        });
    }
}

internal sealed class ActionItemConfiguration : IEntityTypeConfiguration<ActionItem>
{
    public void Configure(EntityTypeBuilder<ActionItem> b)
    {
        b.Property(x => x.What).HasMaxLength(ActionItem.WhatLength);
        b.Property(x => x.RecordLink).HasMaxLength(300);
        b.Property(x => x.DoneBy).HasMaxLength(100);
        b.Property(x => x.Evidence).HasMaxLength(ActionItem.EvidenceLength);
        b.HasIndex(x => new { x.DistrictId, x.DoneOn, x.DueOn });
        b.HasIndex(x => new { x.TownshipId, x.DoneOn });
        b.HasIndex(x => new { x.DepartmentId, x.DoneOn });
        b.HasIndex(x => x.MeetingId);
        b.HasIndex(x => x.ScopeRequestId);
        b.HasIndex(x => x.AgreementId);
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Township>().WithMany().HasForeignKey(x => x.TownshipId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MeetingSettingsConfiguration : IEntityTypeConfiguration<MeetingSettings>
{
    public void Configure(EntityTypeBuilder<MeetingSettings> b)
    {
        b.Property(x => x.Place).HasMaxLength(Meeting.TitleLength);
        b.Property(x => x.Chair).HasMaxLength(MeetingMember.NameLength);
        b.HasIndex(x => x.DistrictId).IsUnique();
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
    }
}
