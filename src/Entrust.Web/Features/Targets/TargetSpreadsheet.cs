using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace Entrust.Web.Features.Targets;

/// <summary>
/// Regulated targets as an .xlsx file: the template, the export and the import. An import only adds, and is all or
/// nothing: every row is checked first (township, kind, credit code and its check character, duplicates within the file
/// and against the district's targets in use), and one bad row rejects the file with each bad row's number and reason.
/// </summary>
public sealed class TargetSpreadsheet(EntrustDbContext db, TargetRegistry registry, CurrentUser user, TimeProvider clock,
    IStringLocalizer<SharedResource> text)
{
    public const int MaxRows = 20_000;

    public sealed record ImportResult(int Added);

    // Header keys; the file's headers are the localized texts of Field.<key> in either language, or the key itself.
    private static readonly string[] Columns =
        ["TownshipId", "Name", "Kind", "Address", "CreditCode", "Contact", "Phone", "RiskLevel", "HasComplaints", "IsAbnormal"];

    private string Header(string column) => text["Field." + column].Value;

    public static string KindText(TargetKind kind, IStringLocalizer text) => text["TargetKind." + kind].Value;
    public static string RiskText(RiskLevel risk, IStringLocalizer text) => text["RiskLevel." + risk].Value;
    private string YesNo(bool value) => text[value ? "Answer.Yes" : "Answer.No"].Value;

    public async Task<byte[]> ExportAsync(TargetFilter filter, CancellationToken ct)
    {
        var rows = await registry.Search(filter).ToListAsync(ct);
        return Write(rows.Select(t => Row(t.TownshipName, t.Name, KindText(t.Kind, text), t.Address, t.CreditCode ?? "", t.Contact ?? "",
            t.Phone ?? "", RiskText(t.RiskLevel, text), YesNo(t.HasComplaints), YesNo(t.IsAbnormal))));
    }

    public byte[] Template() => Write([Row("歇马镇", "重庆市北碚区歇马镇好运来农家乐", KindText(TargetKind.FarmStay, text), "歇马镇卫星村3组",
        "92500109MA5U7HJX19", "刘德明", "13908312345", RiskText(RiskLevel.Medium, text), YesNo(false), YesNo(false))]);

    private Dictionary<string, object> Row(params string[] values) =>
        Columns.Select((c, i) => (Header(c), (object)values[i])).ToDictionary(p => p.Item1, p => p.Item2);

    private static byte[] Write(IEnumerable<Dictionary<string, object>> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.ToList(), sheetName: "监管对象");
        return stream.ToArray();
    }

    public async Task<ImportResult> ImportAsync(Stream file, Guid? requestedDistrict, CancellationToken ct)
    {
        if (!registry.MayWrite)
        {
            throw new ForbiddenAction();
        }
        var districtId = await DistrictAsync(requestedDistrict, ct);
        var rows = (await Spreadsheet.ReadAsync(file, ct, MaxRows)).Rows;

        // The townships the user may keep targets in: a township user's own, the office's whole district.
        var townships = await db.Townships.AsNoTracking().Where(t => t.DistrictId == districtId)
            .Select(t => new { t.Id, t.Code, t.Name }).ToListAsync(ct);
        var townshipByKey = new Dictionary<string, Guid>();
        foreach (var t in townships)
        {
            townshipByKey.TryAdd(t.Name, t.Id);
            townshipByKey.TryAdd(t.Code, t.Id);
        }
        // Credit codes are unique in the district whichever township holds them: every filter off, the district by hand.
        var codesInUse = await (from t in db.Targets.IgnoreQueryFilters()
                                join town in db.Townships on t.TownshipId equals town.Id
                                where t.DistrictId == districtId && t.CreditCode != null && t.MergedIntoId == null
                                select new { t.CreditCode, t.Name, Township = town.Name }).ToListAsync(ct);
        var codeHolders = codesInUse.ToDictionary(c => c.CreditCode!, c => (c.Name, c.Township));
        var namesInUse = (await db.Targets.AsNoTracking().Where(t => t.DistrictId == districtId && t.MergedIntoId == null)
            .Select(t => new { t.TownshipId, t.Name, t.Address }).ToListAsync(ct))
            .Select(t => (t.TownshipId, t.Name, t.Address)).ToHashSet();

        var kinds = Lookup(Enum.GetValues<TargetKind>(), k => "TargetKind." + k);
        var risks = Lookup(Enum.GetValues<RiskLevel>(), r => "RiskLevel." + r);
        var answers = Lookup([true, false], b => b ? "Answer.Yes" : "Answer.No");
        foreach (var (alias, value) in new[] { ("true", true), ("false", false), ("1", true), ("0", false), ("Y", true), ("N", false), ("", false) })
        {
            answers.TryAdd(alias, value);
        }
        var headerAliases = Columns.ToDictionary(c => c, c => AllTexts("Field." + c).Append(c).ToHashSet());

        var errors = new List<RowError>();
        var codesInFile = new Dictionary<string, int>();
        var namesInFile = new Dictionary<(Guid, string, string), int>();
        var parsed = new List<(Guid TownshipId, TargetFields Fields)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var excelRow = i + 2; // row 1 holds the headers
            string Cell(string column)
            {
                foreach (var alias in headerAliases[column])
                {
                    if (rows[i].TryGetValue(alias, out var v) && v is not null)
                    {
                        return v.ToString()!.Trim();
                    }
                }
                return "";
            }
            if (Columns.All(c => Cell(c).Length == 0))
            {
                continue;
            }
            var rowErrors = new List<string>();
            if (!townshipByKey.TryGetValue(Cell("TownshipId"), out var townshipId))
            {
                rowErrors.Add(text["Target.ImportUnknownTownship", Cell("TownshipId")]);
            }
            if (!kinds.TryGetValue(Cell("Kind"), out var kind))
            {
                rowErrors.Add(text["Target.ImportUnknownKind", Cell("Kind")]);
            }
            var risk = RiskLevel.Low;
            if (Cell("RiskLevel").Length > 0 && !risks.TryGetValue(Cell("RiskLevel"), out risk))
            {
                rowErrors.Add(text["Target.ImportUnknownRisk", Cell("RiskLevel")]);
            }
            bool Flag(string column)
            {
                if (answers.TryGetValue(Cell(column), out var value))
                {
                    return value;
                }
                rowErrors.Add(text["Target.ImportNotYesNo", Header(column), Cell(column)]);
                return false;
            }
            var fields = new TargetFields(Cell("Name"), Enum.IsDefined(kind) ? kind : TargetKind.Other, Cell("Address"), Cell("CreditCode"),
                Cell("Contact"), Cell("Phone"), risk, Flag("HasComplaints"), Flag("IsAbnormal"));
            foreach (var (_, key, args) in Target.Problems(fields))
            {
                rowErrors.Add(text.Message(new RuleViolation(key, args)));
            }
            if (CreditCodes.Normalize(fields.CreditCode) is { } code && CreditCodes.IsValid(code))
            {
                if (codesInFile.TryGetValue(code, out var first))
                {
                    rowErrors.Add(text["Target.ImportDuplicateCodeInFile", code, first]);
                }
                else
                {
                    codesInFile[code] = excelRow;
                }
                if (codeHolders.TryGetValue(code, out var holder))
                {
                    rowErrors.Add(text["Target.DuplicateCreditCode", code, holder.Name, holder.Township]);
                }
            }
            if (townshipId != Guid.Empty && fields.Name.Length > 0 && fields.Address.Length > 0)
            {
                var key = (townshipId, fields.Name.Trim(), fields.Address.Trim());
                if (namesInFile.TryGetValue(key, out var first))
                {
                    rowErrors.Add(text["Target.ImportDuplicateNameInFile", key.Item2, first]);
                }
                else
                {
                    namesInFile[key] = excelRow;
                }
                if (namesInUse.Contains(key))
                {
                    rowErrors.Add(text["Target.ImportNameInUse", key.Item2, key.Item3]);
                }
            }
            if (rowErrors.Count > 0)
            {
                errors.AddRange(rowErrors.Select(r => new RowError(excelRow, r)));
                continue;
            }
            parsed.Add((townshipId, fields));
        }
        if (rows.Count == 0 || (parsed.Count == 0 && errors.Count == 0))
        {
            errors.Add(new RowError(1, text["Import.Empty"]));
        }
        if (errors.Count > 0)
        {
            throw new RowsRejected(errors);
        }

        var now = clock.GetUtcNow();
        db.Targets.AddRange(parsed.Select(p => new Target(districtId, p.TownshipId, p.Fields, now)));
        await db.SaveChangesAsync(ct);
        return new ImportResult(parsed.Count);
    }

    /// <summary>The district an import goes to: the user's own; the admin names one.</summary>
    private async Task<Guid> DistrictAsync(Guid? requested, CancellationToken ct)
    {
        if (user.DistrictId is { } own)
        {
            return own;
        }
        if (requested is { } id && await db.Districts.AnyAsync(d => d.Id == id, ct))
        {
            return id;
        }
        throw new RuleViolation("Catalogue.DistrictRequired") { Field = "DistrictId" };
    }

    /// <summary>A value by its name in either language or by its enum name, case-insensitively.</summary>
    private Dictionary<string, T> Lookup<T>(IEnumerable<T> values, Func<T, string> key) where T : notnull
    {
        var map = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in values)
        {
            foreach (var name in AllTexts(key(value)).Append(value.ToString()!))
            {
                map.TryAdd(name, value);
            }
        }
        return map;
    }

    private IEnumerable<string> AllTexts(string key) =>
        Cultures.Supported.Select(c => { using var _ = new CultureScope(c); return text[key].Value; }).ToList();
}
