using Entrust.Web.Features.Officers;
using Entrust.Web.Features.Targets;
using Entrust.Web.Platform;

namespace Entrust.Web.Features.RandomInspections;

public enum RandomPlanState
{
    Draft = 0,
    Drawn = 1,
    Published = 2,
}

public enum InspectionOutcome
{
    NoProblem = 0,           // 未发现问题
    RectificationOrdered = 1, // 责令整改
    CaseToBeFiled = 2,       // 立案查处
}

/// <summary>What a plan's form or request sets; everything but the owner, which the matter decides.</summary>
public sealed record RandomPlanFields(string Name, Guid MatterId, IReadOnlyList<Guid> TownshipIds, IReadOnlyList<TargetKind> TargetKinds,
    RiskLevel? MinRiskLevel, decimal? Proportion, int? Count, double ComplaintWeight, double AbnormalWeight, IReadOnlyList<Guid> InspectorIds,
    int PublicationWorkingDays);

/// <summary>
/// A random-inspection plan (双随机抽查计划, LAW 26): which matter, which targets may be drawn (townships, kinds, a lowest risk
/// level; empty lists mean all), how many (a proportion or a count), how much more likely targets with complaints or an
/// abnormal listing are, and the inspector pool. It is changed only as a draft; the draw fixes it.
/// </summary>
public sealed class RandomPlan
{
    public const int NameLength = 100;
    public const int DefaultPublicationWorkingDays = 20;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }

    /// <summary>The department that plans, or null for the district's office.</summary>
    public Guid? DepartmentId { get; private set; }
    public string Name { get; private set; } = "";
    public Guid MatterId { get; private set; }
    public List<Guid> TownshipIds { get; private set; } = [];
    public List<TargetKind> TargetKinds { get; private set; } = [];
    public RiskLevel? MinRiskLevel { get; private set; }
    public decimal? Proportion { get; private set; }
    public int? Count { get; private set; }
    public double ComplaintWeight { get; private set; } = 1;
    public double AbnormalWeight { get; private set; } = 1;
    public List<Guid> InspectorIds { get; private set; } = [];
    public int PublicationWorkingDays { get; private set; } = DefaultPublicationWorkingDays;
    public RandomPlanState State { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    private RandomPlan() { }

    public RandomPlan(Guid districtId, Guid? departmentId, RandomPlanFields fields, DateTimeOffset createdAt)
    {
        DistrictId = districtId;
        DepartmentId = departmentId;
        CreatedAt = createdAt.ToUniversalTime();
        Set(fields);
    }

    public void Update(RandomPlanFields fields)
    {
        if (State != RandomPlanState.Draft)
        {
            throw RuleViolation.Conflict("RandomPlan.NotDraft", Name);
        }
        Set(fields);
    }

    private void Set(RandomPlanFields f)
    {
        foreach (var (field, key, args) in Problems(f))
        {
            throw new RuleViolation(key, args) { Field = field };
        }
        Name = f.Name.Trim();
        MatterId = f.MatterId;
        TownshipIds = f.TownshipIds.Distinct().ToList();
        TargetKinds = f.TargetKinds.Distinct().ToList();
        MinRiskLevel = f.MinRiskLevel;
        Proportion = f.Count is null ? f.Proportion : null;
        Count = f.Count;
        ComplaintWeight = f.ComplaintWeight;
        AbnormalWeight = f.AbnormalWeight;
        InspectorIds = f.InspectorIds.Distinct().ToList();
        PublicationWorkingDays = f.PublicationWorkingDays;
    }

    /// <summary>The weight of a target in this plan's draw: the complaint and abnormal-listing weights multiply.</summary>
    public double WeightOf(bool hasComplaints, bool isAbnormal) =>
        (hasComplaints ? ComplaintWeight : 1) * (isAbnormal ? AbnormalWeight : 1);

    public void MarkDrawn()
    {
        if (State != RandomPlanState.Draft)
        {
            throw RuleViolation.Conflict("RandomPlan.AlreadyDrawn", Name);
        }
        State = RandomPlanState.Drawn;
    }

    /// <summary>Published once every drawn target's result is published.</summary>
    public void MarkPublished() => State = RandomPlanState.Published;

    public static IEnumerable<(string Field, string Key, object[] Arguments)> Problems(RandomPlanFields f)
    {
        if (string.IsNullOrWhiteSpace(f.Name))
        {
            yield return ("Name", "Validation.Required", [new Text("Field.Name")]);
        }
        else if (f.Name.Trim().Length > NameLength)
        {
            yield return ("Name", "Validation.TooLong", [new Text("Field.Name"), NameLength]);
        }
        if (f.MatterId == Guid.Empty)
        {
            yield return ("MatterId", "Validation.Required", [new Text("Field.MatterId")]);
        }
        if (f.TargetKinds.Any(k => !Enum.IsDefined(k)))
        {
            yield return ("TargetKinds", "Validation.Invalid", [new Text("Field.TargetKinds")]);
        }
        if (f.MinRiskLevel is { } risk && !Enum.IsDefined(risk))
        {
            yield return ("MinRiskLevel", "Validation.Invalid", [new Text("Field.MinRiskLevel")]);
        }
        if (f.Count is null && f.Proportion is null)
        {
            yield return ("Proportion", "RandomPlan.SizeRequired", []);
        }
        if (f.Count is { } n && n < 1)
        {
            yield return ("Count", "RandomPlan.CountInvalid", []);
        }
        if (f.Count is null && f.Proportion is { } p && (p <= 0 || p > 1))
        {
            yield return ("Proportion", "RandomPlan.ProportionInvalid", []);
        }
        if (!(f.ComplaintWeight >= 1) || f.ComplaintWeight > 100)
        {
            yield return ("ComplaintWeight", "RandomPlan.WeightInvalid", [new Text("Field.ComplaintWeight")]);
        }
        if (!(f.AbnormalWeight >= 1) || f.AbnormalWeight > 100)
        {
            yield return ("AbnormalWeight", "RandomPlan.WeightInvalid", [new Text("Field.AbnormalWeight")]);
        }
        if (f.InspectorIds.Distinct().Count() < MayAct.OfficersPerAct)
        {
            yield return ("InspectorIds", "RandomPlan.PoolTooSmall", []);
        }
        if (f.PublicationWorkingDays is < 1 or > 60)
        {
            yield return ("PublicationWorkingDays", "RandomPlan.PublicationDaysInvalid", []);
        }
    }
}

/// <summary>
/// A draw as it happened (LAW 26: log every draw so that it can be re-checked): the seed, the inputs in the order the draw
/// read them (candidates with their weights, the pool, the conflicts that applied, the count), who drew and when, the
/// officers left out of the pool because they could not act on the matter that day, and a SHA-256 of inputs and result.
/// </summary>
public sealed class RandomDraw : Entrust.Web.Features.Audit.IBatchRecord
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid? DepartmentId { get; private set; }
    public Guid PlanId { get; private set; }
    public long Seed { get; private set; }
    public int Count { get; private set; }
    public DateOnly DrawDay { get; private set; }

    /// <summary>The inputs as JSON (<see cref="DrawInputs"/>): kept whole, so that verifying needs nothing that may change since.</summary>
    public string Inputs { get; private set; } = "";
    public string Hash { get; private set; } = "";
    public DateTimeOffset DrawnAt { get; private set; }
    public string DrawnBy { get; private set; } = "";

    private RandomDraw() { }

    public RandomDraw(RandomPlan plan, ulong seed, int count, DateOnly drawDay, string inputs, string hash, DateTimeOffset drawnAt, string drawnBy)
    {
        DistrictId = plan.DistrictId;
        DepartmentId = plan.DepartmentId;
        PlanId = plan.Id;
        Seed = unchecked((long)seed);
        Count = count;
        DrawDay = drawDay;
        Inputs = inputs;
        Hash = hash;
        DrawnAt = drawnAt.ToUniversalTime();
        DrawnBy = drawnBy;
    }

    public ulong SeedValue => unchecked((ulong)Seed);
}

/// <summary>
/// The recorded inputs of a draw, in the order the draw read them. <see cref="Powers"/> (who may act in which township) and
/// the candidates' townships are absent (null) in draws recorded before the draw asked them; those re-run without.
/// </summary>
public sealed record DrawInputs(List<DrawCandidate> Candidates, List<Guid> Pool, List<DrawConflict> Conflicts, List<Guid> Excluded,
    List<DrawPower>? Powers = null);

/// <summary>What a plan's page shows of its draw's <see cref="DrawInputs"/>: the number of candidates (read as one JSON element, not
/// as 50,000 objects) and the inspectors left out.</summary>
public sealed record DrawInputsShown(System.Text.Json.JsonElement Candidates, List<Guid> Excluded)
{
    public int CandidateCount => Candidates.GetArrayLength();
}

/// <summary>
/// One drawn target with its two inspectors. <see cref="InspectionId"/> names the inspection recorded for it (recorded
/// through the inspections feature with this assignment named); its day and result are copied here, where the publication
/// (一公开) reads them.
/// </summary>
public sealed class RandomAssignment : Entrust.Web.Features.Audit.IBatchRow
{
    public const int SummaryLength = 500;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid? DepartmentId { get; private set; }
    public Guid PlanId { get; private set; }
    public Guid TownshipId { get; private set; }
    public Guid TargetId { get; private set; }
    public Guid Inspector1Id { get; private set; }
    public Guid Inspector2Id { get; private set; }
    public int Order { get; private set; }
    public Guid? InspectionId { get; private set; }
    public DateOnly? InspectedOn { get; private set; }
    public InspectionOutcome? Result { get; private set; }
    public string? Summary { get; private set; }
    public DateOnly? PublishedOn { get; private set; }

    private RandomAssignment() { }

    public RandomAssignment(RandomPlan plan, Guid townshipId, DrawnAssignment drawn)
    {
        DistrictId = plan.DistrictId;
        DepartmentId = plan.DepartmentId;
        PlanId = plan.Id;
        TownshipId = townshipId;
        TargetId = drawn.TargetId;
        Inspector1Id = drawn.Inspector1Id;
        Inspector2Id = drawn.Inspector2Id;
        Order = drawn.Order;
    }

    public DrawnAssignment AsDrawn() => new(Order, TargetId, Inspector1Id, Inspector2Id);

    public void RecordResult(DateOnly inspectedOn, InspectionOutcome result, string? summary, DateOnly today, DateOnly drawDay)
    {
        if (PublishedOn is not null)
        {
            throw RuleViolation.Conflict("RandomAssignment.AlreadyPublished");
        }
        if (!Enum.IsDefined(result))
        {
            throw new RuleViolation("Validation.Invalid", new Text("Field.Result")) { Field = "Result" };
        }
        if (inspectedOn > today)
        {
            throw new RuleViolation("RandomAssignment.InspectedInFuture") { Field = "InspectedOn" };
        }
        if (inspectedOn < drawDay)
        {
            throw new RuleViolation("RandomAssignment.InspectedBeforeDraw") { Field = "InspectedOn" };
        }
        if (summary?.Trim().Length > SummaryLength)
        {
            throw new RuleViolation("Validation.TooLong", new Text("Field.Summary"), SummaryLength) { Field = "Summary" };
        }
        InspectedOn = inspectedOn;
        Result = result;
        Summary = string.IsNullOrWhiteSpace(summary) ? null : summary.Trim();
    }

    public void Publish(DateOnly on, DateOnly today)
    {
        if (Result is null || InspectedOn is null)
        {
            throw RuleViolation.Conflict("RandomAssignment.NoResult");
        }
        if (PublishedOn is not null)
        {
            throw RuleViolation.Conflict("RandomAssignment.AlreadyPublished");
        }
        if (on > today || on < InspectedOn)
        {
            throw new RuleViolation("RandomAssignment.PublishedOnInvalid") { Field = "PublishedOn" };
        }
        PublishedOn = on;
    }

    /// <summary>
    /// Links the inspection recorded for this assignment and takes its day and result; refused (409) when an inspection is
    /// already linked or the result is already published.
    /// </summary>
    public void LinkInspection(Guid inspectionId, DateOnly inspectedOn, InspectionOutcome result, string? summary, DateOnly today, DateOnly drawDay)
    {
        if (InspectionId is not null)
        {
            throw RuleViolation.Conflict("RandomAssignment.AlreadyLinked");
        }
        RecordResult(inspectedOn, result, summary, today, drawDay);
        InspectionId = inspectionId;
    }
}

/// <summary>A recorded conflict of interest (回避/利害关系, LAW 11): the officer is never drawn to inspect that target.</summary>
public sealed class OfficerConflict
{
    public const int ReasonLength = 200;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid OfficerId { get; private set; }
    public Guid TargetId { get; private set; }
    public Guid TownshipId { get; private set; }
    public string Reason { get; private set; } = "";
    public DateOnly RecordedOn { get; private set; }
    public string RecordedBy { get; private set; } = "";

    private OfficerConflict() { }

    public OfficerConflict(Guid districtId, Guid officerId, Guid targetId, Guid townshipId, string reason, DateOnly recordedOn, string recordedBy)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new RuleViolation("Validation.Required", new Text("Field.Reason")) { Field = "Reason" };
        }
        if (reason.Trim().Length > ReasonLength)
        {
            throw new RuleViolation("Validation.TooLong", new Text("Field.Reason"), ReasonLength) { Field = "Reason" };
        }
        DistrictId = districtId;
        OfficerId = officerId;
        TargetId = targetId;
        TownshipId = townshipId;
        Reason = reason.Trim();
        RecordedOn = recordedOn;
        RecordedBy = recordedBy;
    }
}
