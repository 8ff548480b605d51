namespace Entrust.Web.Features.Catalog;

/// <summary>A district (区县): the top unit of data ownership. Every tenant row carries its id.</summary>
public sealed class District
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";

    private District() { }

    public District(string code, string name)
    {
        Code = code;
        Name = name;
    }

    public void Rename(string code, string name)
    {
        Code = code;
        Name = name;
    }
}

/// <summary>A district department (区级执法部门) that owns enforcement matters and may entrust them.</summary>
public sealed class Department
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    /// <summary>The legal section (法制科) or its chief's contact, shown to townships.</summary>
    public string? LegalSectionContact { get; private set; }

    /// <summary>The full legal name official documents carry (重庆市北碚区林业局); null when the catalogue has none yet.</summary>
    public string? LegalName { get; private set; }

    public const int LegalNameLength = 100;

    /// <summary>The name official documents print: the legal name, else the short name.</summary>
    public string DocumentName => DocumentNameOf(LegalName, Name);

    public static string DocumentNameOf(string? legalName, string name) => string.IsNullOrWhiteSpace(legalName) ? name : legalName;

    private Department() { }

    public Department(Guid districtId, string code, string name, string? legalSectionContact = null, string? legalName = null)
    {
        DistrictId = districtId;
        Update(code, name, legalSectionContact, legalName);
    }

    public void Update(string code, string name, string? legalSectionContact, string? legalName = null)
    {
        Code = code.Trim();
        Name = name.Trim();
        LegalSectionContact = string.IsNullOrWhiteSpace(legalSectionContact) ? null : legalSectionContact.Trim();
        LegalName = string.IsNullOrWhiteSpace(legalName) ? null : legalName.Trim();
    }
}

public enum TownshipKind
{
    Town = 0,   // 镇
    Street = 1, // 街道
}

/// <summary>A township or street (镇街). Pilot townships may receive pilot-only matters.</summary>
public sealed class Township
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public TownshipKind Kind { get; private set; }
    public bool IsPilot { get; private set; }

    public List<InternalOffice> Offices { get; private set; } = [];

    /// <summary>The full legal name official documents carry (重庆市北碚区歇马镇人民政府); null when the catalogue has none yet.</summary>
    public string? LegalName { get; private set; }

    public const int LegalNameLength = 100;

    /// <summary>The body that signs and, under a grant, acts: 歇马镇人民政府, 天生街道办事处.</summary>
    public string GovernmentName => GovernmentNameOf(Name, Kind);

    public static string GovernmentNameOf(string name, TownshipKind kind) => name + (kind == TownshipKind.Street ? "办事处" : "人民政府");

    /// <summary>The name official documents print: the legal name, else the government's short name (歇马镇人民政府).</summary>
    public string DocumentName => DocumentNameOf(LegalName, Name, Kind);

    public static string DocumentNameOf(string? legalName, string name, TownshipKind kind) =>
        string.IsNullOrWhiteSpace(legalName) ? GovernmentNameOf(name, kind) : legalName;

    private Township() { }

    public Township(Guid districtId, string code, string name, TownshipKind kind, bool isPilot, string? legalName = null)
    {
        DistrictId = districtId;
        Code = code.Trim();
        Name = name.Trim();
        Kind = kind;
        IsPilot = isPilot;
        LegalName = string.IsNullOrWhiteSpace(legalName) ? null : legalName.Trim();
    }

    /// <summary>
    /// Changes the township. Becoming a pilot widens the scope ("两不扩大"), so it is refused here and done
    /// only by a recorded scope decision (<see cref="MakePilot"/>); leaving the pilot scheme is allowed.
    /// </summary>
    public void Update(string code, string name, TownshipKind kind, bool isPilot, string? legalName = null)
    {
        if (isPilot && !IsPilot)
        {
            throw new Platform.RuleViolation("Scope.DecisionRequiredForPilot", name.Trim()) { Field = "IsPilot" };
        }
        Code = code.Trim();
        Name = name.Trim();
        Kind = kind;
        IsPilot = isPilot;
        LegalName = string.IsNullOrWhiteSpace(legalName) ? null : legalName.Trim();
    }

    internal void MakePilot() => IsPilot = true;
}

/// <summary>An internal office (内设机构) of a township, such as 综治办, with its leader in charge (分管领导).</summary>
public sealed class InternalOffice
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid TownshipId { get; private set; }
    public string Name { get; private set; } = "";
    public string? LeaderInCharge { get; private set; }
    public string? Phone { get; private set; }

    private InternalOffice() { }

    public InternalOffice(Township township, string name, string? leaderInCharge, string? phone = null)
    {
        DistrictId = township.DistrictId;
        TownshipId = township.Id;
        Update(name, leaderInCharge, phone);
    }

    public void Update(string name, string? leaderInCharge, string? phone)
    {
        Name = name.Trim();
        LeaderInCharge = string.IsNullOrWhiteSpace(leaderInCharge) ? null : leaderInCharge.Trim();
        Phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
    }
}
