using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace Entrust.Web.Features.Catalog;

/// <summary>
/// The matter catalogue (权责清单) as an .xlsx file: the template, the export and the import. An import
/// is all or nothing: every row is checked first, and one bad row rejects the file with each bad row's
/// number and reason (<see cref="RowsRejected"/>). Codes already in the catalogue are updated, new codes are added.
/// </summary>
public sealed class MatterSpreadsheet(EntrustDbContext db, Catalogue catalogue, IStringLocalizer<SharedResource> text)
{
    /// <summary>Kept for the callers not yet moved to <see cref="Spreadsheet.ContentType"/>.</summary>
    public const string ContentType = Spreadsheet.ContentType;
    public const int MaxRows = 20_000;

    public sealed record ImportResult(int Added, int Updated);

    // Header keys; the file's headers are the localized texts of these keys in either language.
    private static readonly string[] Columns =
        ["Code", "Name", "Department", "Domain", "Kind", "LawName", "LawArticle", "Entrustability"];

    private string Header(string column) => text["Field." + column].Value;

    public static string KindText(MatterKind kind, IStringLocalizer text) => text["MatterKind." + kind].Value;
    public static string EntrustabilityText(Entrustability e, IStringLocalizer text) => text["Entrustability." + e].Value;

    /// <summary>The matters the list's filter shows, in the list's order (its <c>sort</c>), as a file the import takes back.</summary>
    public async Task<byte[]> ExportAsync(MatterFilter filter, string? sort, CancellationToken ct)
    {
        var rows = await catalogue.MattersForExportAsync(filter, sort, ct);
        return Write(rows.Select(m => Row(m.Code, m.Name, m.DepartmentName, Domains.Name(m.Domain),
            KindText(m.Kind, text), m.LawName, m.LawArticle, EntrustabilityText(m.Entrustability, text))));
    }

    public byte[] Template() => Write([Row("XM-001", "对未取得许可从事经营活动的处罚", "区安监局", Domains.Name("work-safety"),
        KindText(MatterKind.Penalty, text), "中华人民共和国安全生产法", "第九十五条", EntrustabilityText(Entrustability.DistrictWide, text))]);

    private Dictionary<string, object> Row(params string[] values) =>
        Columns.Select((c, i) => (Header(c), (object)values[i])).ToDictionary(p => p.Item1, p => p.Item2);

    private static byte[] Write(IEnumerable<Dictionary<string, object>> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.ToList(), sheetName: "权责清单");
        return stream.ToArray();
    }

    public async Task<ImportResult> ImportAsync(Stream file, Guid? requestedDistrict, CancellationToken ct)
    {
        var districtId = await catalogue.TargetDistrictAsync(requestedDistrict, ct);
        var rows = (await Spreadsheet.ReadAsync(file, ct, MaxRows)).Rows;

        var departments = await db.Departments.IgnoreQueryFilters().AsNoTracking().Where(d => d.DistrictId == districtId)
            .Select(d => new { d.Id, d.Code, d.Name }).ToListAsync(ct);
        var departmentByKey = new Dictionary<string, Guid>();
        foreach (var d in departments)
        {
            departmentByKey.TryAdd(d.Code, d.Id);
            departmentByKey.TryAdd(d.Name, d.Id);
        }
        var existing = await db.Matters.IgnoreQueryFilters().Where(m => m.DistrictId == districtId).ToDictionaryAsync(m => m.Code, ct);
        var kinds = AllLanguages(k => "MatterKind." + k, Enum.GetValues<MatterKind>())
            .Concat(Enum.GetValues<MatterKind>().Select(k => (k.ToString(), k))).DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2);
        var scopes = AllLanguages(e => "Entrustability." + e, Enum.GetValues<Entrustability>())
            .Concat(Enum.GetValues<Entrustability>().Select(e => (e.ToString(), e))).DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2);

        var headerAliases = Columns.ToDictionary(c => c, c => AllTexts("Field." + c).Append(c).ToHashSet());
        var errors = new List<RowError>();
        var seen = new HashSet<string>();
        var parsed = new List<MatterFields>();
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
            var values = Columns.Select(Cell).ToArray();
            if (values.All(string.IsNullOrEmpty))
            {
                continue;
            }
            var rowErrors = new List<string>();
            var code = Cell("Code");
            if (code.Length == 0)
            {
                rowErrors.Add(text["Import.Missing", Header("Code")]);
            }
            else if (!seen.Add(code))
            {
                rowErrors.Add(text["Import.DuplicateCode", code]);
            }
            if (Cell("Name").Length == 0)
            {
                rowErrors.Add(text["Import.Missing", Header("Name")]);
            }
            if (!departmentByKey.TryGetValue(Cell("Department"), out var departmentId))
            {
                rowErrors.Add(text["Import.UnknownDepartment", Cell("Department")]);
            }
            var domain = Domains.Find(Cell("Domain"));
            if (domain is null)
            {
                rowErrors.Add(text["Matter.UnknownDomain", Cell("Domain")]);
            }
            if (!kinds.TryGetValue(Cell("Kind"), out var kind))
            {
                rowErrors.Add(text["Import.UnknownKind", Cell("Kind")]);
            }
            if (Cell("LawName").Length == 0 || Cell("LawArticle").Length == 0)
            {
                rowErrors.Add(text["Matter.LegalBasisRequired", code]);
            }
            if (!scopes.TryGetValue(Cell("Entrustability"), out var scope))
            {
                rowErrors.Add(text["Import.UnknownEntrustability", Cell("Entrustability")]);
            }
            else if (kind == MatterKind.Coercive && scope != Entrustability.NotEntrusted)
            {
                rowErrors.Add(text["Matter.CoerciveNotEntrustable", code]);
            }
            if (code.Length > 64 || Cell("Name").Length > 200 || Cell("LawName").Length > 200 || Cell("LawArticle").Length > 100)
            {
                rowErrors.Add(text["Import.TooLong"]);
            }
            if (existing.TryGetValue(code, out var current) && scope > current.Entrustability)
            {
                rowErrors.Add(text["Scope.DecisionRequiredForMatter", code]);
            }
            if (rowErrors.Count > 0)
            {
                errors.AddRange(rowErrors.Select(r => new RowError(excelRow, r)));
                continue;
            }
            parsed.Add(new MatterFields(departmentId, code, Cell("Name"), domain!.Code, kind, Cell("LawName"), Cell("LawArticle"), scope));
        }
        if (rows.Count == 0 || (parsed.Count == 0 && errors.Count == 0))
        {
            errors.Add(new RowError(1, text["Import.Empty"]));
        }
        if (errors.Count > 0)
        {
            throw new RowsRejected(errors);
        }

        int added = 0, updated = 0;
        foreach (var fields in parsed)
        {
            if (existing.TryGetValue(fields.Code, out var matter))
            {
                matter.Update(fields);
                updated++;
            }
            else
            {
                db.Matters.Add(new Matter(districtId, fields));
                added++;
            }
        }
        await db.SaveChangesAsync(ct);
        return new ImportResult(added, updated);
    }

    private IEnumerable<string> AllTexts(string key) =>
        Cultures.Supported.Select(c => { using var _ = new CultureScope(c); return text[key].Value; });

    private IEnumerable<(string, T)> AllLanguages<T>(Func<T, string> key, IEnumerable<T> values) =>
        values.SelectMany(v => AllTexts(key(v)).Select(t => (t, v)));
}

/// <summary>Switches the UI culture for a few lookups, then restores it.</summary>
internal sealed class CultureScope : IDisposable
{
    private readonly System.Globalization.CultureInfo _previous = System.Globalization.CultureInfo.CurrentUICulture;

    public CultureScope(System.Globalization.CultureInfo culture) => System.Globalization.CultureInfo.CurrentUICulture = culture;

    public void Dispose() => System.Globalization.CultureInfo.CurrentUICulture = _previous;
}
