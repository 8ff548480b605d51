using System.Text.Json;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Inspections;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entrust.Web.Features.Cases;

/// <summary>
/// A case is one row; the notified and decided penalties are optional complex properties (columns of the case, null until the
/// step). The officers, evidence, extensions and remedies are child tables loaded with the case; evidence files have their own
/// table, read only on download. Child ids are made by the domain, so EF adds them as new rows when they appear on a loaded case.
/// </summary>
internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public const int TextLength = 4000;
    public const int NameLength = 200;

    public void Configure(EntityTypeBuilder<Case> b)
    {
        b.ToTable("Cases");
        b.Property(x => x.Number).HasMaxLength(100);
        b.Property(x => x.ActingInNameOf).HasMaxLength(NameLength);
        b.Property(x => x.PartyName).HasMaxLength(NameLength);
        b.Property(x => x.PartyIdentifier).HasMaxLength(50);
        b.Property(x => x.PartyAddress).HasMaxLength(Case.PartyAddressLength);
        b.Property(x => x.Facts).HasMaxLength(TextLength);
        b.Property(x => x.NoticeText).HasMaxLength(TextLength);
        b.Property(x => x.Representations).HasMaxLength(TextLength);
        b.Property(x => x.HearingChairName).HasMaxLength(NameLength);
        b.Property(x => x.HearingRecord).HasMaxLength(TextLength);
        b.Property(x => x.LegalReviewerName).HasMaxLength(NameLength);
        b.Property(x => x.LegalReviewOpinion).HasMaxLength(TextLength);
        b.Property(x => x.DiscussionConclusion).HasMaxLength(TextLength);
        b.Property(x => x.DecisionNumber).HasMaxLength(100);
        b.Property(x => x.TransferredTo).HasMaxLength(NameLength);
        b.Property(x => x.TransferReason).HasMaxLength(TextLength);
        b.Property(x => x.ClassLoweredBy).HasMaxLength(NameLength);
        b.Property(x => x.ClassLoweringReason).HasMaxLength(TextLength);
        b.Property(x => x.OnTheSpotPlace).HasMaxLength(Case.PlaceLength);
        b.Property(x => x.PaymentDeferredBy).HasMaxLength(NameLength);
        b.Property(x => x.PaymentDeferralReason).HasMaxLength(TextLength);
        b.Property(x => x.AmountPaid).HasPrecision(14, 2);
        b.Property(x => x.LatePenaltyCharged).HasPrecision(14, 2);
        // Two users taking a step on the same case at once: the second save finds the version moved and answers 409.
        b.Property<int>(CaseBook.VersionProperty).IsConcurrencyToken();
        b.ComplexProperty(x => x.NotifiedPenalty, Penalty);
        b.ComplexProperty(x => x.DecidedPenalty, Penalty);
        b.ComplexProperty(x => x.ChangedPenalty, Penalty);
        b.Property(x => x.RefundDue).HasPrecision(14, 2);

        // A number is unique for the body the case is in the name of; the deadline lists of a township, a department (its
        // matters, or the cases it leads) and the district, by state and due day.
        b.HasIndex(x => new { x.ActingUnitId, x.Number }).IsUnique();
        b.HasIndex(x => new { x.DistrictId, x.TownshipId, x.State, x.DecisionDueOn });
        b.HasIndex(x => new { x.DistrictId, x.DepartmentId, x.State, x.DecisionDueOn });
        b.HasIndex(x => new { x.DistrictId, x.LeadDepartmentId, x.State, x.DecisionDueOn });
        b.HasIndex(x => new { x.DistrictId, x.State, x.DecisionDueOn });
        b.HasIndex(x => new { x.DistrictId, x.MustPublish, x.PublishedOn });
        // The statistics of a month not yet settled count a district's cases by the day of each step (filed, decided, paid,
        // transferred, closed): one range read each instead of every case of the district (issue 18's page budget).
        b.HasIndex(x => new { x.DistrictId, x.FiledOn });
        b.HasIndex(x => new { x.DistrictId, x.DecidedOn });
        b.HasIndex(x => new { x.DistrictId, x.PaidOn });
        b.HasIndex(x => new { x.DistrictId, x.TransferredOn });
        b.HasIndex(x => new { x.DistrictId, x.ClosedOn });
        b.HasIndex(x => x.InspectionId);
        b.HasIndex(x => x.MatterId);

        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Township>().WithMany().HasForeignKey(x => x.TownshipId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Matter>().WithMany().HasForeignKey(x => x.MatterId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(x => x.LeadDepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agreement>().WithMany().HasForeignKey(x => x.AgreementId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Inspection>().WithMany().HasForeignKey(x => x.InspectionId).OnDelete(DeleteBehavior.Restrict);

        b.HasMany(x => x.Officers).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Evidence).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Extensions).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Remedies).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Recusals).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Instalments).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Officers).AutoInclude();
        b.Navigation(x => x.Evidence).AutoInclude();
        b.Navigation(x => x.Extensions).AutoInclude();
        b.Navigation(x => x.Remedies).AutoInclude();
        b.Navigation(x => x.Recusals).AutoInclude();
        b.Navigation(x => x.Instalments).AutoInclude();
    }

    private static void Penalty(ComplexPropertyBuilder<Penalty> p)
    {
        p.Property(x => x.Fine).HasPrecision(14, 2);
        p.Property(x => x.Confiscation).HasPrecision(14, 2);
    }
}

internal sealed class CaseOfficerConfiguration : IEntityTypeConfiguration<CaseOfficer>
{
    public void Configure(EntityTypeBuilder<CaseOfficer> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(CaseConfiguration.NameLength);
        b.HasIndex(x => new { x.CaseId, x.OfficerId, x.Step }).IsUnique();
        b.HasIndex(x => x.OfficerId);
        b.HasOne<Officers.Officer>().WithMany().HasForeignKey(x => x.OfficerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseEvidenceConfiguration : IEntityTypeConfiguration<CaseEvidence>
{
    public void Configure(EntityTypeBuilder<CaseEvidence> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Kind).HasMaxLength(50);
        b.Property(x => x.Description).HasMaxLength(CaseConfiguration.TextLength);
        b.PrimitiveCollection(x => x.OfficerIds);
        b.HasIndex(x => x.CaseId);
    }
}

internal sealed class CaseInstalmentConfiguration : IEntityTypeConfiguration<CaseInstalment>
{
    public void Configure(EntityTypeBuilder<CaseInstalment> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Amount).HasPrecision(14, 2);
        b.Property(x => x.AmountPaid).HasPrecision(14, 2);
        b.Property(x => x.LatePenalty).HasPrecision(14, 2);
        b.HasIndex(x => new { x.CaseId, x.Number });
    }
}

internal sealed class CaseExtensionConfiguration : IEntityTypeConfiguration<CaseExtension>
{
    public void Configure(EntityTypeBuilder<CaseExtension> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ApprovedBy).HasMaxLength(CaseConfiguration.NameLength);
        b.Property(x => x.Reason).HasMaxLength(CaseConfiguration.TextLength);
        b.HasIndex(x => x.CaseId);
    }
}

internal sealed class CaseRemedyConfiguration : IEntityTypeConfiguration<CaseRemedy>
{
    public void Configure(EntityTypeBuilder<CaseRemedy> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Body).HasMaxLength(CaseConfiguration.NameLength);
        b.HasIndex(x => x.CaseId);
        // The assessment counts remedies by outcome in a district.
        b.HasIndex(x => new { x.DistrictId, x.Outcome });
    }
}

internal sealed class CaseEvidenceFileConfiguration : IEntityTypeConfiguration<CaseEvidenceFile>
{
    public void Configure(EntityTypeBuilder<CaseEvidenceFile> b)
    {
        StoredFile.Configure(b);
        b.HasIndex(x => new { x.CaseId, x.EvidenceId });
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<CaseEvidence>().WithMany().HasForeignKey(x => x.EvidenceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DistrictCaseSettingsConfiguration : IEntityTypeConfiguration<DistrictCaseSettings>
{
    public void Configure(EntityTypeBuilder<DistrictCaseSettings> b)
    {
        b.ToTable("CaseSettings");
        b.Property(x => x.HearingFinePerson).HasPrecision(14, 2);
        b.Property(x => x.HearingFineOrganisation).HasPrecision(14, 2);
        // A district that set its figures before the major-case thresholds and the extension count existed gets the defaults.
        b.Property(x => x.MajorFinePerson).HasPrecision(14, 2).HasDefaultValue(CaseSettings.DefaultMajorFinePerson);
        b.Property(x => x.MajorFineOrganisation).HasPrecision(14, 2).HasDefaultValue(CaseSettings.DefaultMajorFineOrganisation);
        b.Property(x => x.MaxExtensions).HasDefaultValue(CaseSettings.DefaultMaxExtensions);
        b.PrimitiveCollection(x => x.LegalReviewerIds);
        // The per-sector figures as one JSON text: read and written whole with the row.
        b.Property(x => x.MaxExtensionsByDomain).HasConversion(
            v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
            v => JsonSerializer.Deserialize<Dictionary<string, int>>(v, (JsonSerializerOptions?)null) ?? new Dictionary<string, int>(),
            new ValueComparer<Dictionary<string, int>>((a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                v => v.Aggregate(0, (h, p) => HashCode.Combine(h, p.Key, p.Value)), v => new Dictionary<string, int>(v)))
            .HasDefaultValue(new Dictionary<string, int>()).IsRequired();
        b.HasIndex(x => x.DistrictId).IsUnique();
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
    }
}
