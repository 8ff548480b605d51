using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;

namespace Entrust.Web.Features.Scope;

/// <summary>The decree (e.g. 市政府198号令) whose matters a district may entrust to its townships.</summary>
public sealed class Decree
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public string Number { get; private set; } = "";
    public string Title { get; private set; } = "";
    public DateOnly IssuedOn { get; private set; }

    private Decree() { }

    public Decree(Guid districtId, string number, string title, DateOnly issuedOn)
    {
        DistrictId = districtId;
        Number = number.Trim();
        Title = title.Trim();
        IssuedOn = issuedOn;
    }
}

public enum ScopeChange
{
    AddMatterForPilots = 0,   // 事项纳入试点范围
    MakeMatterDistrictWide = 1, // 事项全区铺开
    AddPilotTownship = 2,     // 新增试点镇街
}

/// <summary>
/// A recorded decision of the office that widens the scope (the seed's "两不扩大": no new pilot townships and no
/// matters beyond the decree, except by such a decision). Applying it is the only way scope grows.
/// </summary>
public sealed class ScopeDecision
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public ScopeChange Change { get; private set; }
    public Guid? MatterId { get; private set; }
    public Guid? TownshipId { get; private set; }
    public string DocumentNumber { get; private set; } = "";
    public DateOnly DecidedOn { get; private set; }
    public string Reason { get; private set; } = "";
    public string DecidedBy { get; private set; } = "";

    private ScopeDecision() { }

    private ScopeDecision(Guid districtId, ScopeChange change, Guid? matterId, Guid? townshipId, string documentNumber,
        DateOnly decidedOn, string reason, string decidedBy)
    {
        DistrictId = districtId;
        Change = change;
        MatterId = matterId;
        TownshipId = townshipId;
        DocumentNumber = documentNumber.Trim();
        DecidedOn = decidedOn;
        Reason = reason.Trim();
        DecidedBy = decidedBy;
    }

    /// <summary>Widens a matter's scope; a coercive measure can't be brought into scope (行政强制法 Art. 17).</summary>
    public static ScopeDecision ForMatter(Matter matter, Entrustability to, string documentNumber, DateOnly decidedOn, string reason, string decidedBy)
    {
        if (matter.Kind == MatterKind.Coercive)
        {
            throw new RuleViolation("Matter.CoerciveNotEntrustable", matter.Code) { Field = "MatterId" };
        }
        if (to <= matter.Entrustability)
        {
            throw new RuleViolation("Scope.AlreadyInScope", matter.Code) { Field = "MatterId" };
        }
        matter.WidenScope(to);
        return new ScopeDecision(matter.DistrictId,
            to == Entrustability.DistrictWide ? ScopeChange.MakeMatterDistrictWide : ScopeChange.AddMatterForPilots,
            matter.Id, null, documentNumber, decidedOn, reason, decidedBy);
    }

    public static ScopeDecision ForPilot(Township township, string documentNumber, DateOnly decidedOn, string reason, string decidedBy)
    {
        if (township.IsPilot)
        {
            throw new RuleViolation("Scope.AlreadyPilot", township.Name) { Field = "TownshipId" };
        }
        township.MakePilot();
        return new ScopeDecision(township.DistrictId, ScopeChange.AddPilotTownship, null, township.Id, documentNumber, decidedOn, reason, decidedBy);
    }
}

public enum ScopeRequestState
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
}

/// <summary>A township's request for a power outside scope (the seed names 市政管理 and 森林防火), decided by the office.</summary>
public sealed class ScopeRequest
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid TownshipId { get; private set; }
    public Guid? MatterId { get; private set; }
    public string RequestedPower { get; private set; } = "";
    public string Reason { get; private set; } = "";
    public DateOnly RequestedOn { get; private set; }
    public ScopeRequestState State { get; private set; }
    public DateOnly? DecidedOn { get; private set; }
    public string? DecisionReason { get; private set; }
    public Guid? ScopeDecisionId { get; private set; }

    private ScopeRequest() { }

    public ScopeRequest(Township township, Guid? matterId, string requestedPower, string reason, DateOnly requestedOn)
    {
        DistrictId = township.DistrictId;
        TownshipId = township.Id;
        MatterId = matterId;
        RequestedPower = requestedPower.Trim();
        Reason = reason.Trim();
        RequestedOn = requestedOn;
    }

    public void Approve(ScopeDecision decision, DateOnly on, string reason)
    {
        EnsurePending();
        State = ScopeRequestState.Approved;
        DecidedOn = on;
        DecisionReason = reason.Trim();
        ScopeDecisionId = decision.Id;
    }

    public void Reject(DateOnly on, string reason)
    {
        EnsurePending();
        State = ScopeRequestState.Rejected;
        DecidedOn = on;
        DecisionReason = reason.Trim();
    }

    /// <summary>A request is decided once; a second decision is refused before anything else is done.</summary>
    public void EnsurePending()
    {
        if (State != ScopeRequestState.Pending)
        {
            throw RuleViolation.Conflict("ScopeRequest.AlreadyDecided", new Text("ScopeRequestState." + State));
        }
    }
}
