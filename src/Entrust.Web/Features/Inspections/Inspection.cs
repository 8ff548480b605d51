using Entrust.Web.Platform;

namespace Entrust.Web.Features.Inspections;

public enum InspectionKind
{
    Routine = 0,  // 日常: the township leads
    Campaign = 1, // 专项: the department leads, the township assists
    Joint = 2,    // 联合: several departments
}

public enum InspectionResult
{
    NoProblem = 0,            // 未发现问题
    RectificationOrdered = 1, // 责令整改
    CaseToBeFiled = 2,        // 拟立案
}

/// <summary>
/// One inspection (检查) of one or more targets on one matter in one township: who, when, what was found, and the result.
/// <see cref="DepartmentId"/> is the matter's department, copied so that a department's view is one indexed filter.
/// A re-inspection names the rectification order it follows (<see cref="ReinspectionOfOrderId"/>); a drawn random inspection
/// names its plan (<see cref="RandomPlanId"/>, no foreign key: the plans are another feature's).
/// </summary>
public sealed class Inspection
{
    public const int FindingsLength = 2000;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid TownshipId { get; private set; }
    public Guid MatterId { get; private set; }
    public Guid DepartmentId { get; private set; }
    public InspectionKind Kind { get; private set; }
    public Guid? CampaignId { get; private set; }
    public Guid? RandomPlanId { get; private set; }

    /// <summary>For a joint inspection, the departments that join the matter's own.</summary>
    public List<Guid> JointDepartmentIds { get; private set; } = [];

    /// <summary>When the inspection began; kept in UTC (PostgreSQL keeps instants in UTC only).</summary>
    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>The day the inspection took place, in Asia/Shanghai: what lists filter and sort on (SQLite can't compare instants).</summary>
    public DateOnly StartedOn { get; private set; }
    public string Findings { get; private set; } = "";
    public InspectionResult Result { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public Guid? ReinspectionOfOrderId { get; private set; }

    public List<InspectionTarget> Targets { get; private set; } = [];

    /// <summary>How many targets it covered, kept beside them (they never change after recording): the work list shows and sorts
    /// by it without counting a district's inspection targets for every page.</summary>
    public int TargetCount { get; private set; }

    public List<InspectionOfficer> Officers { get; private set; } = [];

    private Inspection() { }

    public Inspection(Guid districtId, Guid townshipId, Guid matterId, Guid departmentId, InspectionKind kind, Guid? campaignId,
        IEnumerable<Guid> jointDepartmentIds, DateTimeOffset startedAt, string findings, InspectionResult result,
        IEnumerable<Guid> targetIds, IEnumerable<Guid> officerIds, DateTimeOffset recordedAt, string recordedBy,
        Guid? reinspectionOfOrderId = null, Guid? randomPlanId = null)
    {
        DistrictId = districtId;
        TownshipId = townshipId;
        MatterId = matterId;
        DepartmentId = departmentId;
        Kind = kind;
        CampaignId = campaignId;
        JointDepartmentIds = [.. jointDepartmentIds.Distinct()];
        StartedAt = startedAt.ToUniversalTime();
        StartedOn = DayInChina(StartedAt);
        Findings = findings.Trim();
        Result = result;
        Targets = [.. targetIds.Distinct().Select(t => new InspectionTarget(t))];
        TargetCount = Targets.Count;
        Officers = [.. officerIds.Distinct().Select(o => new InspectionOfficer(o))];
        RecordedAt = recordedAt.ToUniversalTime();
        RecordedBy = recordedBy;
        ReinspectionOfOrderId = reinspectionOfOrderId;
        RandomPlanId = randomPlanId;
    }

    public DateOnly Day => StartedOn;

    /// <summary>Marks the inspection as one drawn by a random-inspection plan (双随机).</summary>
    public void DrawnBy(Guid planId) => RandomPlanId = planId;

    public static DateOnly DayInChina(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime.AddHours(8));

    /// <summary>A re-inspection follows a failed inspection only: one that passed has nothing to rectify.</summary>
    public void EnsureFailed()
    {
        if (Result != InspectionResult.RectificationOrdered)
        {
            throw RuleViolation.Conflict("Inspection.PassedNotReinspected");
        }
    }
}

/// <summary>A target the inspection covered (a joint food-hygiene inspection covers several establishments).</summary>
public sealed class InspectionTarget(Guid targetId)
{
    public Guid TargetId { get; private set; } = targetId;
}

/// <summary>An officer who took part; an inspection has at least two (LAW 10).</summary>
public sealed class InspectionOfficer(Guid officerId)
{
    public Guid OfficerId { get; private set; } = officerId;
}

/// <summary>A photo or document attached to an inspection: a <see cref="StoredFile"/>, like a case's evidence files.</summary>
public sealed class InspectionFile : StoredFile
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid InspectionId { get; private set; }
    public Guid DistrictId { get; private set; }
    public Guid TownshipId { get; private set; }
    public Guid DepartmentId { get; private set; }

    private InspectionFile() { }

    public InspectionFile(Inspection inspection, string name, string contentType, byte[] content, DateTimeOffset at, string by)
        : base(name, contentType, content, at, by)
    {
        InspectionId = inspection.Id;
        DistrictId = inspection.DistrictId;
        TownshipId = inspection.TownshipId;
        DepartmentId = inspection.DepartmentId;
    }
}

/// <summary>What a file is, read from its first bytes (never from its name): the types an inspection may keep.</summary>
public static class FileSniffer
{
    public static string? ContentType(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }
        if (head.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }
        // ISO base media file: size(4) "ftyp" brand(4); HEIF images name one of these brands.
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = System.Text.Encoding.ASCII.GetString(head[8..12]);
            if (brand is "heic" or "heix" or "hevc" or "hevx" or "heim" or "heis")
            {
                return "image/heic";
            }
            if (brand is "mif1" or "msf1")
            {
                return "image/heif";
            }
        }
        return null;
    }
}
