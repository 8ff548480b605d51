using Entrust.Web.Platform;

namespace Entrust.Web.Features.Catalog;

public enum MatterKind
{
    Penalty = 0,    // 处罚
    Inspection = 1, // 检查
    Coercive = 2,   // 强制
}

/// <summary>How far a matter may be entrusted under the decree (the seed's "两不扩大").</summary>
public enum Entrustability
{
    NotEntrusted = 0, // 不委托
    PilotOnly = 1,    // 仅试点镇街
    DistrictWide = 2, // 全区铺开
}

/// <summary>An enforcement matter (执法事项) of the catalogue (权责清单), owned by one department.</summary>
public sealed class Matter
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid DepartmentId { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Domain { get; private set; } = "";
    public MatterKind Kind { get; private set; }
    public string LawName { get; private set; } = "";
    public string LawArticle { get; private set; } = "";
    public Entrustability Entrustability { get; private set; }
    public Department? Department { get; private set; }

    private Matter() { }

    public Matter(Guid districtId, MatterFields fields)
    {
        DistrictId = districtId;
        Update(fields);
    }

    /// <summary>
    /// Replaces the matter's fields. A coercive measure (行政强制措施) can't be entrusted (行政强制法 Art. 17),
    /// and every matter needs a legal basis (行政处罚法 Art. 20 ¶1).
    /// </summary>
    public void Update(MatterFields f)
    {
        Check(f);
        DepartmentId = f.DepartmentId;
        Code = f.Code.Trim();
        Name = f.Name.Trim();
        Domain = f.Domain;
        Kind = f.Kind;
        LawName = f.LawName.Trim();
        LawArticle = f.LawArticle.Trim();
        Entrustability = f.Entrustability;
    }

    /// <summary>
    /// Widening a matter's scope ("两不扩大") goes through a recorded scope decision, not through the catalogue
    /// form or import; narrowing it is allowed.
    /// </summary>
    public static void EnsureNotWidened(Matter existing, MatterFields f)
    {
        if (f.Entrustability > existing.Entrustability)
        {
            throw new RuleViolation("Scope.DecisionRequiredForMatter", existing.Code) { Field = "Entrustability" };
        }
    }

    /// <summary>Only a recorded scope decision calls this (<see cref="Scope.ScopeDecision"/>).</summary>
    internal void WidenScope(Entrustability to) => Entrustability = to;

    public static void Check(MatterFields f)
    {
        if (!Domains.IsKnown(f.Domain))
        {
            throw new RuleViolation("Matter.UnknownDomain", f.Domain) { Field = "Domain" };
        }
        if (string.IsNullOrWhiteSpace(f.LawName) || string.IsNullOrWhiteSpace(f.LawArticle))
        {
            throw new RuleViolation("Matter.LegalBasisRequired", f.Code) { Field = "LawName" };
        }
        if (f.Kind == MatterKind.Coercive && f.Entrustability != Entrustability.NotEntrusted)
        {
            throw new RuleViolation("Matter.CoerciveNotEntrustable", f.Code) { Field = "Entrustability" };
        }
    }
}

public sealed record MatterFields(
    Guid DepartmentId,
    string Code,
    string Name,
    string Domain,
    MatterKind Kind,
    string LawName,
    string LawArticle,
    Entrustability Entrustability);
