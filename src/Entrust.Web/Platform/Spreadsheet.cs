using System.Globalization;
using Entrust.Web.Features.Catalog;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace Entrust.Web.Platform;

/// <summary>
/// The one .xlsx plumbing of the files people fill in and send back (the matter catalogue, targets, the attendance and score
/// sheets): write rows under localized headers, read a file back (headers and cells as text; a file that isn't a workbook or is
/// too long refused whole), and recognise a header in either language. A list's export is <see cref="ListExport"/>'s.
/// </summary>
public static class Spreadsheet
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

    /// <summary>Reads the first sheet; a file that isn't a workbook, or is longer than <paramref name="maxRows"/>, is refused as a whole.</summary>
    public static async Task<Sheet> ReadAsync(Stream file, CancellationToken ct, int maxRows = MaxRows)
    {
        using var copy = new MemoryStream();
        await file.CopyToAsync(copy, ct);
        try
        {
            copy.Position = 0;
            var headers = (MiniExcel.GetColumns(copy, useHeaderRow: true) ?? []).Select(h => h?.ToString()?.Trim() ?? "").ToList();
            copy.Position = 0;
            var rows = copy.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().Take(maxRows + 1).ToList();
            if (rows.Count > maxRows)
            {
                throw new RuleViolation("Import.TooManyRows", maxRows) { Field = "file" };
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

/// <summary>One refused row of a batch (a PUT's item or a spreadsheet's row) and why, in the user's language.</summary>
public sealed record RowError(int Row, string Reason);

/// <summary>
/// A batch (attendance, scores, nominations, an import of matters or targets) refused whole: nothing was written.
/// <see cref="Rows"/> names every bad row; the API answers 400 with them (<see cref="ToProblem"/>), the pages list them.
/// </summary>
public sealed class RowsRejected(IReadOnlyList<RowError> rows) : Exception("rows rejected")
{
    public IReadOnlyList<RowError> Rows { get; } = rows;

    /// <summary>400 naming every refused row (<c>rows: [{row, reason}]</c>, and each as a line of <c>errors</c>).</summary>
    public ProblemHttpResult ToProblem(IStringLocalizer text, string detailKey = "Import.Rejected") =>
        TypedResults.Problem(text[detailKey, Rows.Count].Value, statusCode: 400, title: text["Import.RejectedTitle"].Value,
            extensions: new Dictionary<string, object?>
            {
                ["rows"] = Rows,
                ["errors"] = new Dictionary<string, string[]>
                {
                    [""] = Rows.Select(r => text["Import.RowPrefix", r.Row].Value + r.Reason).ToArray(),
                },
            });
}
