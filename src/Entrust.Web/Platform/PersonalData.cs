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
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

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
