using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Entrust.Web.Features.Officers;

namespace Entrust.Web.Platform;

/// <summary>What kind of personal information a field holds, and so how it is masked.</summary>
public enum PersonalKind
{
    IdNumber,
    Phone,
    BankCard,
}

/// <summary>Marks an entity's field as personal information: masked wherever a reader may not see it in full (the audit trail too).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PersonalAttribute(PersonalKind kind) : Attribute
{
    public PersonalKind Kind { get; } = kind;
}

/// <summary>
/// The one home of who sees personal information in full and how it is masked otherwise (个人信息保护). The office and the admin
/// see ID numbers and phones in full; every other role — the auditor included — sees them masked: 5001**********1234,
/// 138****1234. The officer list and register, the officer page and the audit trail all ask here.
/// </summary>
public static class PersonalData
{
    public static bool RevealedTo(CurrentUser user) => user.Role is Roles.Admin or Roles.Office;

    public static string Mask(PersonalKind kind, string value) => kind switch
    {
        PersonalKind.IdNumber => IdNumbers.Mask(value),
        PersonalKind.Phone => Phones.Mask(value),
        PersonalKind.BankCard => IdNumbers.Mask(value),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    // An 18-character resident ID (the check character is checked), a bank card (16–19 digits, Luhn), a mobile number,
    // a landline with its area code; none inside a longer run of digits or letters.
    private static readonly System.Text.RegularExpressions.Regex IdPattern = new(@"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])");
    private static readonly System.Text.RegularExpressions.Regex CardPattern = new(@"(?<![0-9A-Za-z])\d{16,19}(?![0-9A-Za-z])");
    private static readonly System.Text.RegularExpressions.Regex MobilePattern = new(@"(?<![0-9A-Za-z])(?:\+?86[- ]?)?1[3-9]\d{9}(?![0-9A-Za-z])");
    private static readonly System.Text.RegularExpressions.Regex LandlinePattern = new(@"(?<![0-9A-Za-z])[(（]?0\d{2,3}[)）-]\s?\d{7,8}(?![0-9A-Za-z])");

    // The house-level part of a Chinese address — a door number after a road, lane, village or group (天生路2号, 三组15号, 龙凤桥街
    // 88号附3号) and what follows it (3栋2单元501室), or a building's number and its rooms (12栋3单元502室) — the part that finds
    // a home. The road, the village and everything coarser stay: the public still reads where, not at whose door.
    private static readonly System.Text.RegularExpressions.Regex AddressPattern = new(
        @"(?<=[路街巷道弄里村组社])\s?\d{1,5}(?:-\d{1,5})?号(?:附?\d{1,5}(?:-\d{1,5})?(?:号楼|栋|幢|单元|楼|层|室|号|户))*"
        + @"|(?<![0-9A-Za-z])\d{1,5}(?:号楼|栋|幢)(?:附?\d{1,5}(?:-\d{1,5})?(?:单元|楼|层|室|号|户))*");

    /// <summary>
    /// Free text to be published (a decision's facts) with every number that looks like personal information masked, for
    /// persons and organisations alike (a legal representative's ID and phone are as personal as a party's): resident IDs
    /// whose check character holds, bank cards whose Luhn digit holds, mobile and landline numbers, and an address's door,
    /// building and room numbers (天生路2号3栋501室 → 天生路**). It catches what has the shape; a name has none, and the office
    /// previews the text before publishing.
    /// </summary>
    public static string MaskText(string? text)
    {
        var result = text ?? "";
        result = IdPattern.Replace(result, m => IdNumbers.IsValid(m.Value) ? Mask(PersonalKind.IdNumber, m.Value) : m.Value);
        result = CardPattern.Replace(result, m => Luhn(m.Value) ? Mask(PersonalKind.BankCard, m.Value) : m.Value);
        result = MobilePattern.Replace(result, m => Mask(PersonalKind.Phone, m.Value));
        result = LandlinePattern.Replace(result, m => Mask(PersonalKind.Phone, m.Value));
        return AddressPattern.Replace(result, "**");
    }

    private static bool Luhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[^(i + 1)] - '0';
            sum += i % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
        }
        return sum % 10 == 0;
    }

    /// <summary>Per entity type (by name, as the audit trail records it), its personal fields.</summary>
    private static readonly Lazy<FrozenDictionary<string, Dictionary<string, PersonalKind>>> Fields = new(() =>
        typeof(PersonalData).Assembly.GetTypes()
            .Select(t => (t.Name, Fields: t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetCustomAttribute<PersonalAttribute>() is not null)
                .ToDictionary(p => p.Name, p => p.GetCustomAttribute<PersonalAttribute>()!.Kind)))
            .Where(t => t.Fields.Count > 0)
            .ToFrozenDictionary(t => t.Name, t => t.Fields));

    /// <summary>
    /// A recorded snapshot of an entity (the audit trail's JSON) as <paramref name="user"/> may read it: its personal fields
    /// masked unless the user sees them in full. The stored entry, and so its hash, is untouched.
    /// </summary>
    public static string? MaskSnapshot(string? json, string entityType, CurrentUser user)
    {
        if (json is null || RevealedTo(user) || !Fields.Value.TryGetValue(entityType, out var fields))
        {
            return json;
        }
        if (JsonNode.Parse(json) is not JsonObject values)
        {
            return json;
        }
        foreach (var (name, kind) in fields)
        {
            if (values[name] is JsonValue value && value.TryGetValue<string>(out var text))
            {
                values[name] = Mask(kind, text);
            }
        }
        return values.ToJsonString(Json);
    }

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
