using System.Globalization;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace Entrust.Web.Features.Training;

/// <summary>
/// The .xlsx plumbing the attendance sheet and the score sheet share: write rows under localized headers, read a file
/// back (headers and cells as text), and recognise a header in either language.
/// </summary>
public static class TrainingSheet
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const int MaxRows = 5_000;

    public sealed record Sheet(IReadOnlyList<string> Headers, IReadOnlyList<IDictionary<string, object?>> Rows);

    public static byte[] Write(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows, string sheetName)
    {
        var list = rows.Select(r => headers.Select((h, i) => (h, r[i] ?? "")).ToDictionary(p => p.h, p => p.Item2)).ToList();
        if (list.Count == 0)
        {
            // An empty class still gets its headers.
            list.Add(headers.ToDictionary(h => h, _ => (object)""));
        }
        using var stream = new MemoryStream();
        stream.SaveAs(list, sheetName: sheetName);
        return stream.ToArray();
    }

    /// <summary>Reads the first sheet; a file that isn't a workbook, or is too long, is refused as a whole.</summary>
    public static async Task<Sheet> ReadAsync(Stream file, CancellationToken ct)
    {
        using var copy = new MemoryStream();
        await file.CopyToAsync(copy, ct);
        try
        {
            copy.Position = 0;
            var headers = MiniExcel.GetColumns(copy, useHeaderRow: true).Select(h => h?.ToString()?.Trim() ?? "").ToList();
            copy.Position = 0;
            var rows = copy.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().Take(MaxRows + 1).ToList();
            if (rows.Count > MaxRows)
            {
                throw new RuleViolation("Import.TooManyRows", MaxRows) { Field = "file" };
            }
            return new Sheet(headers, rows);
        }
        catch (Exception e) when (e is not (OperationCanceledException or RuleViolation))
        {
            throw new RuleViolation("Import.NotXlsx") { Field = "file" };
        }
    }

    /// <summary>A cell as trimmed text; whole numbers without a decimal point (Excel stores typed digits as numbers).</summary>
    public static string Cell(IDictionary<string, object?> row, string? header)
    {
        if (header is null || !row.TryGetValue(header, out var value) || value is null)
        {
            return "";
        }
        return value switch
        {
            double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
            decimal m => m.ToString("0.##########", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture).Trim(),
            _ => value.ToString()?.Trim() ?? "",
        };
    }

    /// <summary>The file's header that means <paramref name="key"/> (its text in any language, or the key itself).</summary>
    public static string? Find(IReadOnlyList<string> headers, IStringLocalizer text, string key)
    {
        var names = Cultures.Supported.Select(c => { using var _ = new CultureScope(c); return text[key].Value; }).Append(key).ToHashSet();
        return headers.FirstOrDefault(names.Contains);
    }
}
