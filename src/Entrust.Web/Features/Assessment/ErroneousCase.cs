using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Cases;
using Entrust.Web.Platform;

namespace Entrust.Web.Features.Assessment;

public enum UnitKind
{
    Township = 0,
    Department = 1,
}

/// <summary>Where a candidate erroneous case came from.</summary>
public enum ErroneousSource
{
    Remedy = 0,         // a reconsideration or lawsuit revoked, changed, or confirmed the decision unlawful or void
    CaseFileReview = 1, // a case file graded 不合格 in the case-file review (案卷评查, FileReview)
}

/// <summary>The kind of fault the office names when it confirms an erroneous case (执法错案).</summary>
public enum FaultKind
{
    FactsUnclear = 0,      // 认定事实不清、证据不足
    WrongLaw = 1,          // 适用法律错误
    ProcedureViolated = 2, // 违反法定程序
    BeyondAuthority = 3,   // 超越职权（超出委托权限）
    AbuseOfPower = 4,      // 滥用职权
    ClearlyUnfair = 5,     // 处罚明显不当
    Other = 6,
}

/// <summary>The office's decision on a candidate.</summary>
public enum ErroneousDecision
{
    Confirmed = 0, // 确认为执法错案
    Dismissed = 1, // 不认定
}

/// <summary>A deduction an erroneous case brings to one unit.</summary>
public sealed record UnitDeduction(UnitKind Kind, Guid UnitId, decimal Points);

/// <summary>
/// The office's decision on whether a case was an erroneous case (执法错案), with its reasons and, when confirmed, the kind of fault
/// and the number of the confirming decision. A confirmed one on an entrusted matter deducts from the township AND from the entrusting
/// department (双扣分制, LAW 29): the department bears the legal consequences of what is done in its name (LAW 6); under 赋权 the township
/// acts in its own name and alone bears it, unless the scheme says otherwise (<see cref="DeductionsUnder"/>). The entrustment mode is
/// the one the case was filed under (<see cref="Case.Mode"/>, from the agreement's entitlement that day).
/// </summary>
public sealed class ErroneousCase
{
    public const int ReasonsLength = 2000;
    public const int NumberLength = 100;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid CaseId { get; private set; }
    public string CaseNumber { get; private set; } = "";
    public Guid TownshipId { get; private set; }
    public Guid DepartmentId { get; private set; }
    public AgreementMode Mode { get; private set; }
    public ErroneousSource Source { get; private set; }

    /// <summary>The remedy outcome that made it a candidate (the first one that was not 维持).</summary>
    public RemedyOutcome? Outcome { get; private set; }
    public ErroneousDecision Decision { get; private set; }
    public FaultKind? Fault { get; private set; }
    public string Reasons { get; private set; } = "";

    /// <summary>The number of the office's decision confirming it (认定决定书文号), to which each deduction links.</summary>
    public string? DecisionNumber { get; private set; }
    public DateOnly DecidedOn { get; private set; }
    public string DecidedBy { get; private set; } = "";

    private ErroneousCase() { }

    /// <summary>
    /// The office decides on a candidate: a case a remedy changed or overturned (<see cref="Case.IsErroneousCandidate"/>), or whose file
    /// failed the case-file review (<paramref name="failedReviewOn"/>, the day it was graded 不合格). Confirming
    /// needs the reasons, the kind of fault and the decision's number; dismissing needs the reasons.
    /// </summary>
    public static ErroneousCase Decide(Case c, ErroneousDecision decision, FaultKind? fault, string? reasons, string? decisionNumber,
        DateOnly on, DateOnly today, string by, DateOnly? failedReviewOn = null)
    {
        if (!c.IsErroneousCandidate && failedReviewOn is null)
        {
            throw new RuleViolation("Assessment.NotACandidate", c.Number) { Field = "CaseId" };
        }
        if (!Enum.IsDefined(decision))
        {
            throw new RuleViolation("Validation.Choose", new Text("AssessmentField.Decision")) { Field = "Decision" };
        }
        if (string.IsNullOrWhiteSpace(reasons) || reasons.Trim().Length > ReasonsLength)
        {
            throw new RuleViolation("Assessment.ReasonsRequired", ReasonsLength) { Field = "Reasons" };
        }
        if (decision == ErroneousDecision.Confirmed)
        {
            if (fault is not { } f || !Enum.IsDefined(f))
            {
                throw new RuleViolation("Assessment.FaultRequired") { Field = "Fault" };
            }
            if (string.IsNullOrWhiteSpace(decisionNumber) || decisionNumber.Trim().Length > NumberLength)
            {
                throw new RuleViolation("Assessment.DecisionNumberRequired") { Field = "DecisionNumber" };
            }
        }
        var outcome = c.Remedies.Where(r => r.Outcome is not (RemedyOutcome.Pending or RemedyOutcome.Upheld))
            .OrderBy(r => r.DecidedOn).Select(r => (RemedyOutcome?)r.Outcome).FirstOrDefault();
        var outcomeOn = c.Remedies.Where(r => r.Outcome is not (RemedyOutcome.Pending or RemedyOutcome.Upheld))
            .Min(r => r.DecidedOn);
        var since = c.IsErroneousCandidate ? outcomeOn : failedReviewOn;
        if (on > today || (since is { } after && on < after))
        {
            throw new RuleViolation("Assessment.DecidedOnInvalid") { Field = "DecidedOn" };
        }
        return new ErroneousCase
        {
            DistrictId = c.DistrictId,
            CaseId = c.Id,
            CaseNumber = c.Number,
            TownshipId = c.TownshipId,
            DepartmentId = c.DepartmentId,
            Mode = c.Mode,
            Source = c.IsErroneousCandidate ? ErroneousSource.Remedy : ErroneousSource.CaseFileReview,
            Outcome = outcome,
            Decision = decision,
            Fault = decision == ErroneousDecision.Confirmed ? fault : null,
            Reasons = reasons.Trim(),
            DecisionNumber = decision == ErroneousDecision.Confirmed ? decisionNumber!.Trim() : null,
            DecidedOn = on,
            DecidedBy = by,
        };
    }

    public bool IsConfirmed => Decision == ErroneousDecision.Confirmed;

    /// <summary>
    /// 双扣分制 (LAW 29): a confirmed erroneous case deducts the scheme's township points from the township and, on an entrusted matter
    /// (委托), the scheme's department points from the entrusting department; under 赋权 only the township, unless the scheme extends it.
    /// A dismissed candidate deducts nothing.
    /// </summary>
    public IReadOnlyList<UnitDeduction> DeductionsUnder(Scheme scheme) =>
        Deductions(IsConfirmed, Mode, TownshipId, DepartmentId, scheme);

    public static IReadOnlyList<UnitDeduction> Deductions(bool confirmed, AgreementMode mode, Guid township, Guid department, Scheme scheme)
    {
        if (!confirmed)
        {
            return [];
        }
        var both = mode == AgreementMode.Entrustment || scheme.GrantDeductsDepartment;
        return both
            ? [new(UnitKind.Township, township, scheme.ErroneousTownshipPoints), new(UnitKind.Department, department, scheme.ErroneousDepartmentPoints)]
            : [new(UnitKind.Township, township, scheme.ErroneousTownshipPoints)];
    }
}
