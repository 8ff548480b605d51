using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Audit;

/// <summary>One field of a change: its name, and what it held before and after (null where that side has none).</summary>
public sealed record AuditChange(string Field, string? Before, string? After);

/// <summary>
/// An audit entry as a person reads it: who (the name and the unit, not the login), the record (its kind in Chinese, its
/// number or name, and the page it lives on) and the change, field by field, with names, states and dates as the console
/// shows them.
/// </summary>
public sealed record AuditLine(AuditDto Entry, string Person, string? Unit, string Kind, string? Record, string? Href, string Action,
    IReadOnlyList<AuditChange> Changes)
{
    /// <summary>The change as one line of text, for the export: 字段：前 → 后；…</summary>
    public string ChangeText => string.Join("；", Changes.Select(c => c.Before is null ? $"{c.Field}：{c.After}"
        : c.After is null ? $"{c.Field}：{c.Before}" : $"{c.Field}：{c.Before} → {c.After}"));
}

/// <summary>
/// Makes audit entries readable (issue 18 item 9): the snapshots the <see cref="AuditInterceptor"/> keeps are the record's
/// columns by their code names; this names each field in Chinese (<c>AuditField.{Type}.{Field}</c>, <c>CaseField.{Field}</c> for
/// a case's rows, <c>AuditField.{Field}</c>, <c>Field.{Field}</c>, and a name by the field's kind when none is written, never the
/// code name), shows a state by its name, a yes/no, a time in Shanghai, and a reference to another record by that record's
/// name or number. An added record lists what it was made with, a changed one only the fields that changed.
/// </summary>
public sealed partial class AuditReader(EntrustDbContext db, IStringLocalizer<SharedResource> text)
{
    /// <summary>The pages a record lives on, by its type: a link from the audit line.</summary>
    private static readonly Dictionary<string, string> Pages = new()
    {
        ["Case"] = "/Cases/Detail/{0}",
        ["Agreement"] = "/Agreements/Detail/{0}",
        ["Inspection"] = "/Inspections/Detail/{0}",
        ["Target"] = "/Targets/Detail/{0}",
        ["Meeting"] = "/Meetings/Detail/{0}",
        ["Officer"] = "/Officers/Detail?id={0}",
        ["TrainingClass"] = "/Training/Detail?id={0}",
        ["Exam"] = "/Exams/Detail?id={0}",
        ["RandomPlan"] = "/RandomPlans/Detail/{0}",
        ["Campaign"] = "/Campaigns/Detail/{0}",
        ["MonthlyReport"] = "/Reports/Detail/{0}",
        ["Township"] = "/Catalog/Township/{0}",
    };

    /// <summary>What a field holding another record's id refers to, by the field's name.</summary>
    private static readonly Dictionary<string, string> References = new()
    {
        ["DistrictId"] = "District",
        ["TownshipId"] = "Township",
        ["TownshipIds"] = "Township",
        ["DepartmentId"] = "Department",
        ["LeadDepartmentId"] = "Department",
        ["JointDepartmentIds"] = "Department",
        ["ActingUnitId"] = "Unit",
        ["OfficerId"] = "Officer",
        ["OfficerIds"] = "Officer",
        ["InspectorIds"] = "Officer",
        ["HearingChairId"] = "Officer",
        ["LegalReviewerId"] = "Officer",
        ["LegalReviewerIds"] = "Officer",
        ["Inspector1Id"] = "Officer",
        ["Inspector2Id"] = "Officer",
        ["Reviewer1Id"] = "Officer",
        ["Reviewer2Id"] = "Officer",
        ["DrawnReviewer1Id"] = "Officer",
        ["DrawnReviewer2Id"] = "Officer",
        ["MatterId"] = "Matter",
        ["MatterIds"] = "Matter",
        ["TargetId"] = "Target",
        ["MergedIntoId"] = "Target",
        ["AgreementId"] = "Agreement",
        ["AgreementIds"] = "Agreement",
        ["PreviousVersionId"] = "Agreement",
        ["CaseId"] = "Case",
        ["UserId"] = "User",
        ["MeetingId"] = "Meeting",
        ["TrainingClassId"] = "TrainingClass",
        ["ClassIds"] = "TrainingClass",
        ["ExamId"] = "Exam",
        ["RandomPlanId"] = "RandomPlan",
        ["PlanId"] = "RandomPlan",
        ["CampaignId"] = "Campaign",
        ["InternalOfficeId"] = "InternalOffice",
    };

    /// <summary>The fields that name a record, in the order tried.</summary>
    private static readonly string[] Naming = ["Number", "CaseNumber", "DocumentNumber", "Name", "Title", "DisplayName", "UserName", "Code"];

    /// <summary>For a record with no name of its own (a case's evidence), the record it belongs to, in the order tried.</summary>
    private static readonly string[] Parents = ["CaseId", "AgreementId", "InspectionId", "MeetingId", "TrainingClassId", "ExamId", "OfficerId", "TargetId"];

    /// <summary>Identity's own bookkeeping, derived from the fields shown (the login in capitals) or meaning nothing to a reader.</summary>
    private static readonly HashSet<string> Derived = ["NormalizedUserName", "NormalizedEmail", "ConcurrencyStamp", "SecurityStamp"];

    [GeneratedRegex(@"^sha256:([0-9a-f]{64}) \((\d+) (bytes|chars)\)$")]
    private static partial Regex Digest();

    public async Task<List<AuditLine>> ReadAsync(IReadOnlyList<AuditDto> entries, CancellationToken ct)
    {
        var parsed = entries.Select(e => (Entry: e, Type: EntityType(e.EntityType), Before: Parse(e.Before), After: Parse(e.After))).ToList();

        var logins = entries.Select(e => e.UserName).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => logins.Contains(u.UserName!))
            .Select(u => new { u.UserName, u.DisplayName, u.TownshipId, u.DepartmentId, u.DistrictId }).ToListAsync(ct);
        var persons = people.ToDictionary(p => p.UserName!, StringComparer.Ordinal);

        var wanted = new Dictionary<string, HashSet<Guid>>();
        void Want(string kind, Guid id) => (wanted.TryGetValue(kind, out var set) ? set : wanted[kind] = []).Add(id);
        foreach (var p in people)
        {
            if (p.TownshipId is { } t) { Want("Township", t); }
            if (p.DepartmentId is { } d) { Want("Department", d); }
            if (p.DistrictId is { } s) { Want("District", s); }
        }
        foreach (var (entry, type, before, after) in parsed)
        {
            if (Guid.TryParse(entry.EntityId, out var own))
            {
                Want(entry.EntityType, own);
            }
            foreach (var snapshot in new[] { before, after })
            {
                if (snapshot is { ValueKind: JsonValueKind.Object } s)
                {
                    Collect(s, Want);
                }
            }
        }
        var names = await NamesAsync(wanted, ct);

        var lines = new List<AuditLine>(parsed.Count);
        foreach (var (entry, type, before, after) in parsed)
        {
            var person = entry.UserName == CurrentUser.System.UserName ? text["Audit.SystemUser"].Value
                : persons.TryGetValue(entry.UserName, out var p) && p.DisplayName.Length > 0 ? p.DisplayName : entry.UserName;
            string? unit = null;
            if (persons.TryGetValue(entry.UserName, out var who))
            {
                unit = new[] { who.TownshipId, who.DepartmentId, who.DistrictId }.Select(id => id is { } g ? names.GetValueOrDefault(g) : null)
                    .FirstOrDefault(n => n is not null);
            }
            var (record, href) = Record(entry, before ?? after, after ?? before, names);
            lines.Add(new AuditLine(entry, person, unit, TypeName(entry.EntityType), record, href,
                text["Audit.Action." + entry.Action].Value, Changes(entry.Action, type, before, after, names)));
        }
        return lines;
    }

    /// <summary>The Chinese name of a record type; a type with none is named by the generic word, never by its code name.</summary>
    public string TypeName(string type) => Found("Entity." + type) ?? text["Audit.Record"].Value;

    /// <summary>A field's Chinese name (<see cref="AuditReader"/> names the order of the keys tried).</summary>
    public string FieldName(string type, string field)
    {
        if (field.Contains('.'))
        {
            var parts = field.Split('.', 2);
            return FieldName(type, parts[0]) + "·" + FieldName(type, parts[1]);
        }
        return Found($"AuditField.{type}.{field}")
            ?? (type.StartsWith("Case", StringComparison.Ordinal) ? Found("CaseField." + field) : null)
            ?? Found("AuditField." + field)
            ?? Found("Field." + field)
            ?? text[field.EndsWith("Id", StringComparison.Ordinal) || field.EndsWith("Ids", StringComparison.Ordinal) ? "Audit.Field.Reference"
                : field.EndsWith("On", StringComparison.Ordinal) ? "Audit.Field.Day"
                : field.EndsWith("At", StringComparison.Ordinal) ? "Audit.Field.Time" : "Audit.Field.Other"].Value;
    }

    /// <summary>Whether a field has a name of its own (not the generic one), for the test that every audited field has.</summary>
    public bool HasName(string type, string field) =>
        field.Contains('.') ? field.Split('.', 2) is var parts && HasName(type, parts[0]) && HasName(type, parts[1])
        : Found($"AuditField.{type}.{field}") is not null
          || (type.StartsWith("Case", StringComparison.Ordinal) && Found("CaseField." + field) is not null)
          || Found("AuditField." + field) is not null || Found("Field." + field) is not null;

    private string? Found(string key)
    {
        var value = text[key];
        return value.ResourceNotFound ? null : value.Value;
    }

    private IEntityType? EntityType(string name) =>
        db.Model.GetEntityTypes().FirstOrDefault(t => t.ClrType.Name == name && !t.HasSharedClrType);

    private static JsonElement? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<JsonElement>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Collect(JsonElement snapshot, Action<string, Guid> want)
    {
        foreach (var field in snapshot.EnumerateObject())
        {
            if (References.TryGetValue(field.Name, out var kind))
            {
                foreach (var id in Ids(field.Value))
                {
                    if (kind == "Unit")
                    {
                        want("Township", id);
                        want("Department", id);
                    }
                    else
                    {
                        want(kind, id);
                    }
                }
            }
            else if (field.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var row in field.Value.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object))
                {
                    Collect(row, want);
                }
            }
        }
    }

    private static IEnumerable<Guid> Ids(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String when Guid.TryParse(value.GetString(), out var id) => [id],
        JsonValueKind.Array => value.EnumerateArray().SelectMany(Ids),
        _ => [],
    };

    /// <summary>The names of the records the entries refer to, each kind in one query, as far as the reader's scope shows them.</summary>
    private async Task<Dictionary<Guid, string>> NamesAsync(Dictionary<string, HashSet<Guid>> wanted, CancellationToken ct)
    {
        var names = new Dictionary<Guid, string>();
        foreach (var (kind, set) in wanted)
        {
            var ids = set.ToList();
            var found = kind switch
            {
                "District" => await db.Districts.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, Name = x.Name }).ToListAsync(ct),
                "Township" => await db.Townships.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, Name = x.Name }).ToListAsync(ct),
                "Department" => await db.Departments.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, Name = x.Name }).ToListAsync(ct),
                "InternalOffice" => await db.InternalOffices.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, Name = x.Name }).ToListAsync(ct),
                "Officer" => await db.Officers.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, Name = x.Name }).ToListAsync(ct),
                "Matter" => await db.Matters.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, Name = x.Name }).ToListAsync(ct),
                "Target" => await db.Targets.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, Name = x.Name }).ToListAsync(ct),
                "Agreement" => await db.Agreements.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, Name = x.Number }).ToListAsync(ct),
                "Case" => await db.Cases.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, Name = x.Number }).ToListAsync(ct),
                "Meeting" => await db.Meetings.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, Name = x.Title }).ToListAsync(ct),
                "TrainingClass" => await db.TrainingClasses.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, Name = x.Name }).ToListAsync(ct),
                "Exam" => await db.Exams.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, Name = x.Name }).ToListAsync(ct),
                "RandomPlan" => await db.RandomPlans.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, Name = x.Name }).ToListAsync(ct),
                "Campaign" => await db.Campaigns.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, Name = x.Name }).ToListAsync(ct),
                "User" => await db.Users.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, Name = x.DisplayName }).ToListAsync(ct),
                _ => [],
            };
            foreach (var f in found.Where(f => !string.IsNullOrEmpty(f.Name)))
            {
                names[f.Id] = f.Name;
            }
        }
        return names;
    }

    /// <summary>The record's name or number and its page; a record without either is named by the record it belongs to.</summary>
    private (string? Record, string? Href) Record(AuditDto entry, JsonElement? first, JsonElement? last, Dictionary<Guid, string> names)
    {
        var own = Guid.TryParse(entry.EntityId, out var id) ? id : (Guid?)null;
        var href = own is { } o && Pages.TryGetValue(entry.EntityType, out var page) ? string.Format(CultureInfo.InvariantCulture, page, o) : null;
        var name = own is { } n && names.TryGetValue(n, out var known) ? known : null;
        if (name is null && last is { ValueKind: JsonValueKind.Object } snapshot)
        {
            name = Naming.Select(f => snapshot.TryGetProperty(f, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null)
                .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v) && v != "***");
        }
        if ((name is null || href is null) && (last ?? first) is { ValueKind: JsonValueKind.Object } values)
        {
            foreach (var parent in Parents)
            {
                if (values.TryGetProperty(parent, out var v) && v.ValueKind == JsonValueKind.String && Guid.TryParse(v.GetString(), out var pid)
                    && References.TryGetValue(parent, out var kind))
                {
                    var parentName = names.GetValueOrDefault(pid);
                    var parentHref = Pages.TryGetValue(kind, out var parentPage) ? string.Format(CultureInfo.InvariantCulture, parentPage, pid) : null;
                    if (parentName is null && parentHref is null)
                    {
                        continue;
                    }
                    name ??= parentName is null ? null : $"{TypeName(kind)} {parentName}";
                    href ??= parentHref;
                    break;
                }
            }
        }
        return (name, href);
    }

    private List<AuditChange> Changes(string action, IEntityType? type, JsonElement? before, JsonElement? after, Dictionary<Guid, string> names)
    {
        var typeName = type?.ClrType.Name ?? "";
        var old = Fields(before);
        var now = Fields(after);
        var changes = new List<AuditChange>();
        foreach (var field in old.Keys.Union(now.Keys).Where(f => f != "Id" && !Derived.Contains(f)).Order(StringComparer.Ordinal))
        {
            var was = old.GetValueOrDefault(field);
            var @is = now.GetValueOrDefault(field);
            if (action == "Modified" && was.ValueKind == @is.ValueKind && was.GetRawText() == @is.GetRawText())
            {
                continue;
            }
            var shownBefore = before is null ? null : Value(type, field, was, names);
            var shownAfter = after is null ? null : Value(type, field, @is, names);
            if (action != "Modified" && (shownBefore ?? shownAfter) is null or "")
            {
                continue;
            }
            changes.Add(new AuditChange(FieldName(typeName, field), shownBefore is null && before is not null ? Empty : shownBefore,
                shownAfter is null && after is not null ? Empty : shownAfter));
        }
        return changes;
    }

    private string Empty => text["Audit.Empty"].Value;

    private static Dictionary<string, JsonElement> Fields(JsonElement? snapshot) =>
        snapshot is { ValueKind: JsonValueKind.Object } s ? s.EnumerateObject().ToDictionary(p => p.Name, p => p.Value) : [];

    /// <summary>A field's value as the console shows it; null for none.</summary>
    private string? Value(IEntityType? type, string field, JsonElement value, Dictionary<Guid, string> names)
    {
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return null;
        }
        var clr = ClrType(type, field);
        if (value.ValueKind == JsonValueKind.Array)
        {
            var owned = type?.FindNavigation(field)?.TargetEntityType;
            var items = value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.Object
                ? string.Join("，", item.EnumerateObject().Where(p => p.Name != "Id")
                    .Select(p => (Name: FieldName((owned ?? type)?.ClrType.Name ?? "", p.Name), Value: Value(owned, p.Name, p.Value, names)))
                    .Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}：{p.Value}"))
                : Scalar(field, Element(clr), item, names)).OfType<string>().Where(s => s.Length > 0).ToList();
            return items.Count == 0 ? null : string.Join(items.Any(i => i.Contains('：')) ? "；" : "、", items);
        }
        return Scalar(field, clr, value, names);
    }

    private string? Scalar(string field, Type? clr, JsonElement value, Dictionary<Guid, string> names)
    {
        var type = clr is null ? null : Nullable.GetUnderlyingType(clr) ?? clr;
        switch (value.ValueKind)
        {
            case JsonValueKind.True:
            case JsonValueKind.False:
                return text[value.GetBoolean() ? "Answer.Yes" : "Answer.No"].Value;
            case JsonValueKind.Number when type is { IsEnum: true } && value.TryGetInt64(out var number):
                return EnumName(type, number);
            case JsonValueKind.Number:
                return value.GetRawText();
            case JsonValueKind.String:
                var s = value.GetString() ?? "";
                if (References.ContainsKey(field) && Guid.TryParse(s, out var id))
                {
                    return names.TryGetValue(id, out var name) ? name : s;
                }
                if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
                {
                    return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                        ? at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : s;
                }
                if (Coded(field, s) is { } coded)
                {
                    return coded;
                }
                if (Digest().Match(s) is { Success: true } digest)
                {
                    return text["Audit.Digest", long.Parse(digest.Groups[2].Value, CultureInfo.InvariantCulture), digest.Groups[1].Value[..12]].Value;
                }
                return s.Length > 500 ? s[..500] + "…" : s;
            default:
                return value.GetRawText();
        }
    }

    /// <summary>
    /// A code kept as text, by its name: a role, an enforcement domain, or a value named for its field
    /// (<c>AuditValue.{Field}.{Code}</c>: a scan's trigger, the language, Identity's token names); null for other text.
    /// </summary>
    private string? Coded(string field, string code) => field switch
    {
        "Role" => Found("Role." + code),
        "Domain" or "Domains" when Catalog.Domains.IsKnown(code) => Catalog.Domains.Name(code),
        _ => Found($"AuditValue.{field}.{code}"),
    };

    /// <summary>A state or kind by its Chinese name (<c>{Enum}.{Member}</c>); flags by their names joined; the number when unnamed.</summary>
    private string EnumName(Type type, long number)
    {
        var value = Enum.ToObject(type, number);
        var members = value.ToString()!.Split(", ");
        if (members.Any(m => long.TryParse(m, out _) || m.StartsWith('-')))
        {
            return number.ToString(CultureInfo.InvariantCulture);
        }
        var named = members.Select(m => Found($"{type.Name}.{m}")).ToList();
        return named.All(n => n is not null) ? string.Join("、", named) : number.ToString(CultureInfo.InvariantCulture);
    }

    private static Type? ClrType(IEntityType? type, string field)
    {
        if (type is null)
        {
            return null;
        }
        if (field.Contains('.'))
        {
            var parts = field.Split('.', 2);
            return type.FindComplexProperty(parts[0])?.ComplexType.FindProperty(parts[1])?.ClrType;
        }
        return type.FindProperty(field)?.ClrType;
    }

    private static Type? Element(Type? collection) =>
        collection is null ? null : collection.IsArray ? collection.GetElementType()
        : collection.IsGenericType ? collection.GetGenericArguments()[0] : null;
}
