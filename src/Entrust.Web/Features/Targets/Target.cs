using Entrust.Web.Features.Officers;
using Entrust.Web.Platform;

namespace Entrust.Web.Features.Targets;

/// <summary>What a regulated target is; the kinds the seed's inspections cover, and the places a township watches.</summary>
public enum TargetKind
{
    Enterprise = 0,         // 企业
    IndividualBusiness = 1, // 个体工商户
    FarmStay = 2,           // 农家乐
    Restaurant = 3,         // 餐饮服务单位
    SchoolCanteen = 4,      // 学校食堂
    CoalMine = 5,           // 煤矿
    NonCoalMine = 6,        // 非煤矿山
    FireworksSeller = 7,    // 烟花爆竹经营
    RoadSection = 8,        // 路段
    ForestArea = 9,         // 林区
    RiverSection = 10,      // 河段
    ConstructionSite = 11,  // 建筑工地
    PublicPlace = 12,       // 公共场所
    Other = 13,             // 其他
}

public enum RiskLevel
{
    Low = 0,
    Medium = 1,
    High = 2,
}

public sealed record TargetFields(string Name, TargetKind Kind, string Address, string? CreditCode, string? Contact, string? Phone,
    RiskLevel RiskLevel, bool HasComplaints, bool IsAbnormal);

/// <summary>
/// A regulated target (监管对象) of one township: a shop, a restaurant, a mine, a school canteen, or a place such as a
/// road section or a forest area. Inspections name it by <see cref="Id"/>. A duplicate is never deleted: it is merged
/// into the target that stays (<see cref="MergedIntoId"/>), disappears from lists and searches, and whoever holds its
/// id (an inspection recorded against it) follows <see cref="MergedIntoId"/> to the target that stays.
/// </summary>
public sealed class Target
{
    public const int NameLength = 100;
    public const int AddressLength = 200;
    public const int ContactLength = 50;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid TownshipId { get; private set; }
    public string Name { get; private set; } = "";
    public TargetKind Kind { get; private set; }
    public string Address { get; private set; } = "";

    /// <summary>统一社会信用代码 (GB 32100), for the targets that have one; unique in the district among targets not merged.</summary>
    public string? CreditCode { get; private set; }
    public string? Contact { get; private set; }
    public string? Phone { get; private set; }
    public RiskLevel RiskLevel { get; private set; }
    public bool HasComplaints { get; private set; }

    /// <summary>Listed in the register of abnormal operations (经营异常名录).</summary>
    public bool IsAbnormal { get; private set; }
    public Guid? MergedIntoId { get; private set; }
    public DateTimeOffset? MergedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    private Target() { }

    public Target(Guid districtId, Guid townshipId, TargetFields fields, DateTimeOffset createdAt)
    {
        DistrictId = districtId;
        TownshipId = townshipId;
        // PostgreSQL keeps instants in UTC only.
        CreatedAt = createdAt.ToUniversalTime();
        Update(fields);
    }

    public bool IsMerged => MergedIntoId is not null;

    public void Update(TargetFields f)
    {
        EnsureNotMerged();
        foreach (var (field, key, arguments) in Problems(f))
        {
            throw new RuleViolation(key, arguments) { Field = field };
        }
        Name = f.Name.Trim();
        Kind = f.Kind;
        Address = f.Address.Trim();
        CreditCode = CreditCodes.Normalize(f.CreditCode);
        Contact = Blank(f.Contact);
        Phone = Blank(f.Phone);
        RiskLevel = f.RiskLevel;
        HasComplaints = f.HasComplaints;
        IsAbnormal = f.IsAbnormal;
    }

    /// <summary>The office moves a target recorded under the wrong township; its district never changes.</summary>
    public void MoveTo(Guid townshipId)
    {
        EnsureNotMerged();
        TownshipId = townshipId;
    }

    /// <summary>
    /// Merges this duplicate into <paramref name="into"/>, which keeps its own fields and takes over what counts against
    /// this one: complaints, an abnormal listing, a higher risk. Only within one township.
    /// </summary>
    public void MergeInto(Target into, DateTimeOffset at)
    {
        if (into.Id == Id)
        {
            throw new RuleViolation("Target.MergeIntoItself") { Field = "IntoId" };
        }
        EnsureNotMerged();
        into.EnsureNotMerged();
        if (into.TownshipId != TownshipId)
        {
            throw new RuleViolation("Target.MergeAcrossTownships", Name, into.Name) { Field = "IntoId" };
        }
        MergedIntoId = into.Id;
        MergedAt = at.ToUniversalTime();
        into.HasComplaints |= HasComplaints;
        into.IsAbnormal |= IsAbnormal;
        into.RiskLevel = (RiskLevel)Math.Max((int)into.RiskLevel, (int)RiskLevel);
    }

    /// <summary>When the target this one was merged into is merged in turn, this one points at the survivor too (no chains).</summary>
    public void FollowMerge(Target survivor)
    {
        if (MergedIntoId is null)
        {
            throw new InvalidOperationException("Only a merged target follows a merge.");
        }
        MergedIntoId = survivor.Id;
    }

    private void EnsureNotMerged()
    {
        if (IsMerged)
        {
            throw RuleViolation.Conflict("Target.Merged", Name);
        }
    }

    /// <summary>Every field rule, in form order: the domain throws the first; forms and the API list them all.</summary>
    public static IEnumerable<(string Field, string Key, object[] Arguments)> Problems(TargetFields f)
    {
        if (string.IsNullOrWhiteSpace(f.Name))
        {
            yield return ("Name", "Validation.Required", [new Text("Field.Name")]);
        }
        else if (f.Name.Trim().Length > NameLength)
        {
            yield return ("Name", "Validation.TooLong", [new Text("Field.Name"), NameLength]);
        }
        if (!Enum.IsDefined(f.Kind))
        {
            yield return ("Kind", "Validation.Choose", [new Text("Field.Kind")]);
        }
        if (string.IsNullOrWhiteSpace(f.Address))
        {
            yield return ("Address", "Validation.Required", [new Text("Field.Address")]);
        }
        else if (f.Address.Trim().Length > AddressLength)
        {
            yield return ("Address", "Validation.TooLong", [new Text("Field.Address"), AddressLength]);
        }
        if (CreditCodes.Normalize(f.CreditCode) is { } code && !CreditCodes.IsValid(code))
        {
            yield return ("CreditCode", "Target.CreditCodeInvalid", [code]);
        }
        if (f.Contact?.Trim().Length > ContactLength)
        {
            yield return ("Contact", "Validation.TooLong", [new Text("Field.Contact"), ContactLength]);
        }
        if (Blank(f.Phone) is { } phone && !Phones.IsValid(phone))
        {
            yield return ("Phone", "Target.PhoneInvalid", [phone]);
        }
        if (!Enum.IsDefined(f.RiskLevel))
        {
            yield return ("RiskLevel", "Validation.Choose", [new Text("Field.RiskLevel")]);
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
