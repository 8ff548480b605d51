using Entrust.Web.Platform;

namespace Entrust.Web.Features.Officers;

public enum Gender
{
    Male = 0,   // 男
    Female = 1, // 女
}

/// <summary>How the officer is employed. Only established staff in post may hold an enforcement certificate.</summary>
public enum StaffType
{
    Established = 0, // 在编在职
    Contract = 1,    // 合同制/聘用
    Auxiliary = 2,   // 协管员/辅助人员
}

public enum OfficerStatus
{
    Active = 0,      // 在岗
    Transferred = 1, // 调离
    Left = 2,        // 离职
}

/// <summary>
/// An enforcement officer (执法人员) of one unit: a township (or street) or a district department, never both.
/// Transfer and leaving are one-way: the officer stays on record (their past acts name them) but no longer acts;
/// <see cref="OfficerRegistry"/> revokes their certificates the same day.
/// </summary>
public sealed class Officer
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid? TownshipId { get; private set; }
    public Guid? DepartmentId { get; private set; }
    public string Name { get; private set; } = "";
    public Gender Gender { get; private set; }
    [Personal(PersonalKind.IdNumber)] public string IdNumber { get; private set; } = "";
    [Personal(PersonalKind.Phone)] public string Phone { get; private set; } = "";
    public string Post { get; private set; } = "";
    public StaffType StaffType { get; private set; }
    public OfficerStatus Status { get; private set; }
    public DateOnly? StatusChangedOn { get; private set; }
    public string? StatusReason { get; private set; }

    private Officer() { }

    public Officer(Guid districtId, OfficerUnit unit, OfficerFields fields)
    {
        DistrictId = districtId;
        (TownshipId, DepartmentId) = (unit.TownshipId, unit.DepartmentId);
        Update(fields);
    }

    public bool IsActive => Status == OfficerStatus.Active;

    /// <summary><see cref="IsActive"/> for the database (the pickers offer only officers in post).</summary>
    public static System.Linq.Expressions.Expression<Func<Officer, bool>> Active() => o => o.Status == OfficerStatus.Active;

    /// <summary>In post on the day: active now, or transferred or gone only after it (their earlier acts stand).</summary>
    public bool ActiveOn(DateOnly day) => IsActive || (StatusChangedOn is { } changed && day < changed);

    /// <summary><see cref="ActiveOn"/> for the database (coverage counts only officers in post that day, as may-act does).</summary>
    public static System.Linq.Expressions.Expression<Func<Officer, bool>> ActiveOnDay(DateOnly day) =>
        o => o.Status == OfficerStatus.Active || o.StatusChangedOn > day;

    /// <summary>Only established staff in post may hold an enforcement certificate (LAW 10).</summary>
    public bool MayHoldCertificate => IsActive && StaffType == StaffType.Established;

    /// <summary><see cref="MayHoldCertificate"/> for the database (the exam's passes waiting for a certificate).</summary>
    public static System.Linq.Expressions.Expression<Func<Officer, bool>> MayHoldCertificates() =>
        o => o.Status == OfficerStatus.Active && o.StaffType == StaffType.Established;

    public void Update(OfficerFields f)
    {
        Validate(f);
        Name = f.Name.Trim();
        Gender = f.Gender;
        IdNumber = f.IdNumber.Trim().ToUpperInvariant();
        Phone = f.Phone.Trim();
        Post = f.Post.Trim();
        StaffType = f.StaffType;
    }

    /// <summary>调离: the officer goes to another post outside enforcement; their certificates end the same day.</summary>
    public void Transfer(DateOnly on, string reason) => End(OfficerStatus.Transferred, on, reason);

    /// <summary>离职: the officer leaves; their certificates end the same day.</summary>
    public void Leave(DateOnly on, string reason) => End(OfficerStatus.Left, on, reason);

    private void End(OfficerStatus status, DateOnly on, string reason)
    {
        if (!IsActive)
        {
            throw RuleViolation.Conflict("Officer.NotActive", Name);
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new RuleViolation("Officer.ReasonRequired") { Field = "Reason" };
        }
        Status = status;
        StatusChangedOn = on;
        StatusReason = reason.Trim();
    }

    private static void Validate(OfficerFields f) => RuleViolation.ThrowAll(Problems(f));

    /// <summary>Every field refused (nulls are fields that pass), so that a form shows each beside its field in one answer.</summary>
    public static IEnumerable<RuleViolation?> Problems(OfficerFields f) =>
    [
        string.IsNullOrWhiteSpace(f.Name) || f.Name.Trim().Length > 50 ? new RuleViolation("Officer.NameRequired") { Field = "Name" } : null,
        !Enum.IsDefined(f.Gender) ? new RuleViolation("Officer.GenderInvalid") { Field = "Gender" } : null,
        !IdNumbers.IsValid(f.IdNumber) ? new RuleViolation("Officer.IdNumberInvalid") { Field = "IdNumber" } : null,
        !Phones.IsValid(f.Phone) ? new RuleViolation("Officer.PhoneInvalid") { Field = "Phone" } : null,
        string.IsNullOrWhiteSpace(f.Post) || f.Post.Trim().Length > 50 ? new RuleViolation("Officer.PostRequired") { Field = "Post" } : null,
        !Enum.IsDefined(f.StaffType) ? new RuleViolation("Officer.StaffTypeInvalid") { Field = "StaffType" } : null,
    ];
}

/// <summary>The unit an officer belongs to: exactly one of a township and a department.</summary>
public sealed record OfficerUnit(Guid? TownshipId, Guid? DepartmentId)
{
    public static OfficerUnit OfTownship(Guid id) => new(id, null);
    public static OfficerUnit OfDepartment(Guid id) => new(null, id);
    public bool IsValid => (TownshipId is null) != (DepartmentId is null);
}

public sealed record OfficerFields(string Name, Gender Gender, string IdNumber, string Phone, string Post, StaffType StaffType);

/// <summary>Resident identity numbers (GB 11643): 17 digits and a check character, shown masked except to the office.</summary>
public static class IdNumbers
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    public static bool IsValid(string? value)
    {
        var v = value?.Trim().ToUpperInvariant();
        if (v is null || v.Length != 18 || !v[..17].All(char.IsAsciiDigit))
        {
            return false;
        }
        return v[17] == CheckCharacterOf(v[..17]);
    }

    public static char CheckCharacterOf(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }
        return CheckCharacters[sum % 11];
    }

    /// <summary>5001**********1234: the first four and the last four characters.</summary>
    public static string Mask(string value) =>
        value.Length <= 8 ? new string('*', value.Length) : value[..4] + new string('*', value.Length - 8) + value[^4..];
}

/// <summary>Mobile (11 digits, 1xx) or landline (area code and number) phone numbers.</summary>
public static class Phones
{
    public static bool IsValid(string? value)
    {
        var v = value?.Trim();
        return v is { Length: >= 7 and <= 20 } && v.All(c => char.IsAsciiDigit(c) || c == '-') && v.Count(char.IsAsciiDigit) >= 7;
    }

    /// <summary>138****1234: the first three and the last four digits.</summary>
    public static string Mask(string value) =>
        value.Length <= 7 ? new string('*', value.Length) : value[..3] + new string('*', value.Length - 7) + value[^4..];
}
