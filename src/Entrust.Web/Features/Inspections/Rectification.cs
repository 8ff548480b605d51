using System.Linq.Expressions;
using Entrust.Web.Platform;

namespace Entrust.Web.Features.Inspections;

public enum OrderState
{
    Open = 0,      // 整改中
    Completed = 1, // 已整改
    Escalated = 2, // 转立案
}

/// <summary>
/// A rectification order (责令整改) of one target after a failed inspection: what must be done by when. A re-inspection
/// closes it, completed when nothing is found any more, escalated when a case is to be filed. Open past its deadline, it is
/// overdue.
/// </summary>
public sealed class RectificationOrder
{
    public const int RequirementLength = 1000;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid TownshipId { get; private set; }
    public Guid DepartmentId { get; private set; }
    public Guid MatterId { get; private set; }
    public Guid InspectionId { get; private set; }
    public Guid TargetId { get; private set; }
    public string Requirement { get; private set; } = "";
    public DateOnly Deadline { get; private set; }
    public OrderState State { get; private set; }
    public Guid? ReinspectionId { get; private set; }
    public DateOnly? ClosedOn { get; private set; }

    private RectificationOrder() { }

    public RectificationOrder(Inspection inspection, Guid targetId, string requirement, DateOnly deadline)
    {
        if (string.IsNullOrWhiteSpace(requirement))
        {
            throw new RuleViolation("Validation.Required", new Text("Field.Requirement")) { Field = "Orders" };
        }
        if (deadline <= inspection.Day)
        {
            throw new RuleViolation("Rectification.DeadlineNotAfter", deadline.ToString("yyyy-MM-dd"), inspection.Day.ToString("yyyy-MM-dd"))
            {
                Field = "Orders",
            };
        }
        DistrictId = inspection.DistrictId;
        TownshipId = inspection.TownshipId;
        DepartmentId = inspection.DepartmentId;
        MatterId = inspection.MatterId;
        InspectionId = inspection.Id;
        TargetId = targetId;
        Requirement = requirement.Trim();
        Deadline = deadline;
    }

    public bool IsOverdue(DateOnly today) => State == OrderState.Open && Deadline < today;

    /// <summary><see cref="IsOverdue"/> for SQL (the workbench's count).</summary>
    public static System.Linq.Expressions.Expression<Func<RectificationOrder, bool>> OverdueOn(DateOnly today) =>
        o => o.State == OrderState.Open && o.Deadline < today;

    /// <summary>
    /// Overdue as things stood at the start of <paramref name="day"/>: not closed before that day and its deadline passed. For today
    /// it agrees with <see cref="IsOverdue"/> but for an order closed today; a monthly report asks it for the day after the month, so
    /// that an order put right later still counts as overdue in the month it was.
    /// </summary>
    public bool WasOverdueOn(DateOnly day) => (ClosedOn == null || ClosedOn >= day) && Deadline < day;

    /// <summary><see cref="WasOverdueOn"/> for SQL (the monthly report's figures).</summary>
    public static System.Linq.Expressions.Expression<Func<RectificationOrder, bool>> OverdueAsOf(DateOnly day) =>
        o => (o.ClosedOn == null || o.ClosedOn >= day) && o.Deadline < day;

    /// <summary>Closes the order with the re-inspection's result: completed when it passed, escalated when a case is to be filed.</summary>
    public void Close(Inspection reinspection)
    {
        if (State != OrderState.Open)
        {
            throw RuleViolation.Conflict("Rectification.Closed");
        }
        State = reinspection.Result switch
        {
            InspectionResult.NoProblem => OrderState.Completed,
            InspectionResult.CaseToBeFiled => OrderState.Escalated,
            _ => throw new RuleViolation("Rectification.ReinspectionMustDecide") { Field = "Result" },
        };
        ReinspectionId = reinspection.Id;
        ClosedOn = reinspection.Day;
    }
}

/// <summary>
/// A special campaign (专项行动) a department runs over a period, on some of its matters, in some townships; the townships
/// assist. A campaign inspection falls inside the period, on one of the matters, in one of the townships.
/// </summary>
public sealed class Campaign
{
    public const int NameLength = 100;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid DepartmentId { get; private set; }
    public string Name { get; private set; } = "";
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    public List<Guid> MatterIds { get; private set; } = [];
    public List<Guid> TownshipIds { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }

    private Campaign() { }

    public Campaign(Guid districtId, Guid departmentId, string name, DateOnly startsOn, DateOnly endsOn, IEnumerable<Guid> matterIds,
        IEnumerable<Guid> townshipIds, DateTimeOffset createdAt)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new RuleViolation("Validation.Required", new Text("Field.Name")) { Field = "Name" };
        }
        if (endsOn < startsOn)
        {
            throw new RuleViolation("Campaign.EndsBeforeStart") { Field = "EndsOn" };
        }
        DistrictId = districtId;
        DepartmentId = departmentId;
        Name = name.Trim().Length > NameLength ? name.Trim()[..NameLength] : name.Trim();
        StartsOn = startsOn;
        EndsOn = endsOn;
        MatterIds = [.. matterIds.Distinct()];
        TownshipIds = [.. townshipIds.Distinct()];
        if (MatterIds.Count == 0)
        {
            throw new RuleViolation("Validation.Required", new Text("Field.Matters")) { Field = "MatterIds" };
        }
        if (TownshipIds.Count == 0)
        {
            throw new RuleViolation("Validation.Required", new Text("Field.Townships")) { Field = "TownshipIds" };
        }
        CreatedAt = createdAt.ToUniversalTime();
    }

    /// <summary>
    /// The one rule "the campaign's inspections": every inspection recorded under it, its re-inspections included (they carry its
    /// id, as <c>InspectionBook.ReinspectAsync</c> copies it). The campaign's count, its page's list and GET /api/inspections?campaign=
    /// all filter with this; the monthly figures count re-inspections apart, so the campaign shows how many of its count they are.
    /// </summary>
    public static readonly Expression<Func<Inspection, Guid, bool>> Holds = (i, campaignId) => i.CampaignId == campaignId;

    /// <summary><see cref="Holds"/> for one campaign.</summary>
    public static Expression<Func<Inspection, bool>> InspectionsOf(Guid campaignId) => Predicates.Bind(Holds, campaignId);

    /// <summary>Null when an inspection of <paramref name="matterId"/> in <paramref name="townshipId"/> on <paramref name="day"/> belongs to the campaign; else the refusal.</summary>
    public RuleViolation? Refuses(Guid matterId, Guid townshipId, DateOnly day) =>
        day < StartsOn || day > EndsOn
            ? new RuleViolation("Campaign.OutsidePeriod", Name, StartsOn.ToString("yyyy-MM-dd"), EndsOn.ToString("yyyy-MM-dd")) { Field = "StartedAt" }
            : !MatterIds.Contains(matterId) ? new RuleViolation("Campaign.MatterNotInCampaign", Name) { Field = "MatterId" }
            : !TownshipIds.Contains(townshipId) ? new RuleViolation("Campaign.TownshipNotInCampaign", Name) { Field = "TownshipId" }
            : null;
}
