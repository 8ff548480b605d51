using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entrust.Web.Features.Cases;

/// <summary>Who asked for an officer's recusal (APL 43): the party, or the officer themselves.</summary>
public enum RecusalApplicant
{
    Party = 0,   // 当事人申请
    Officer = 1, // 执法人员自行申请
}

/// <summary>A recusal application on a case as recorded: who applied, when, about which officer, why.</summary>
public sealed record RecusalApplication(RecusalApplicant By, Guid OfficerId, string OfficerName, DateOnly On, string Reason);

/// <summary>The decision on it by the head of the acting body (行政机关负责人, APL 43 ¶2): who, when, approved or not.</summary>
public sealed record RecusalDecision(DateOnly On, string DecidedBy, bool Approved);

/// <summary>
/// 回避 on one case (APL 43): the application and the decision by the head of the acting body. Once approved, the officer takes
/// no later step of the case (<see cref="Case.ApplyForRecusal"/>, <see cref="Case.DecideRecusal"/>).
/// </summary>
public sealed class CaseRecusal
{
    public const int ReasonLength = 500;
    public const int NameLength = 100;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid CaseId { get; private set; }
    public Guid OfficerId { get; private set; }
    public string OfficerName { get; private set; } = "";
    public RecusalApplicant AppliedBy { get; private set; }
    public DateOnly AppliedOn { get; private set; }
    public string Reason { get; private set; } = "";
    public DateOnly? DecidedOn { get; private set; }
    public string? DecidedBy { get; private set; }

    /// <summary>Null until decided.</summary>
    public bool? Approved { get; private set; }

    private CaseRecusal() { }

    internal CaseRecusal(Case @case, RecusalApplication a)
    {
        DistrictId = @case.DistrictId;
        CaseId = @case.Id;
        OfficerId = a.OfficerId;
        OfficerName = a.OfficerName.Trim();
        AppliedBy = a.By;
        AppliedOn = a.On;
        Reason = a.Reason.Trim();
    }

    internal void Decide(RecusalDecision d)
    {
        DecidedOn = d.On;
        DecidedBy = d.DecidedBy.Trim();
        Approved = d.Approved;
    }
}

internal sealed class CaseRecusalConfiguration : IEntityTypeConfiguration<CaseRecusal>
{
    public void Configure(EntityTypeBuilder<CaseRecusal> b)
    {
        b.ToTable("CaseRecusals");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.OfficerName).HasMaxLength(CaseRecusal.NameLength);
        b.Property(x => x.DecidedBy).HasMaxLength(CaseRecusal.NameLength);
        b.Property(x => x.Reason).HasMaxLength(CaseRecusal.ReasonLength);
        b.HasIndex(x => x.CaseId);
        b.HasOne<Officers.Officer>().WithMany().HasForeignKey(x => x.OfficerId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A recusal application as a form or an API body sends it.</summary>
public sealed record RecusalInput(RecusalApplicant? AppliedBy, Guid? OfficerId, DateOnly? On, string? Reason);

/// <summary>The head's decision on an application as a form or an API body sends it.</summary>
public sealed record RecusalDecisionInput(DateOnly? On, string? DecidedBy, bool? Approved);
