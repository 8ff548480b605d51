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

/// <summary>
/// The one shape of an import (matters, targets, a class's sign-in sheet, an exam's scores): no file is refused before anything
/// is read; the book reads the file and writes all or nothing; a <see cref="RowsRejected"/> names every bad row; a file that is not
/// a workbook or is too long is a <see cref="RuleViolation"/> on <c>file</c>. The API answers 200 with what was written, 400 with
/// the rows (404 when the class or exam is out of sight); a page redirects with its flash, or lists the rows beside the upload.
/// </summary>
public static class SpreadsheetImport
{
    /// <summary>POST .../import of a list (matters, targets): 200 with <paramref name="respond"/>'s body, or 400.</summary>
    public static async Task<Results<Ok<TResponse>, ProblemHttpResult>> ApiAsync<TResult, TResponse>(IFormFile? file,
        IStringLocalizer text, Func<Stream, Task<TResult>> import, Func<TResult, TResponse> respond) where TResult : class
    {
        var (result, refused) = await RunAsync<TResult>(file, text, async stream => await import(stream));
        return refused is not null ? refused : TypedResults.Ok(respond(result!));
    }

    /// <summary>POST .../{id}/import into one record (a class, an exam): as <see cref="ApiAsync"/>, and 404 when the import finds no record.</summary>
    public static async Task<Results<Ok<TResponse>, NotFound, ProblemHttpResult>> ApiIntoAsync<TResult, TResponse>(IFormFile? file,
        IStringLocalizer text, Func<Stream, Task<TResult?>> import, Func<TResult, TResponse> respond) where TResult : class
    {
        var (result, refused) = await RunAsync(file, text, import);
        return refused is not null ? refused : result is null ? TypedResults.NotFound() : TypedResults.Ok(respond(result));
    }

    /// <summary>
    /// A page's upload: the result, or why the file was refused (<see cref="PageOutcome{T}.FileError"/>: no file, not a workbook,
    /// too long) or which rows (<see cref="PageOutcome{T}.Rows"/>); nothing was written unless there is a result.
    /// </summary>
    public static async Task<PageOutcome<TResult>> PageAsync<TResult>(IFormFile? file, IStringLocalizer text, Func<Stream, Task<TResult>> import)
        where TResult : class
    {
        if (file is null || file.Length == 0)
        {
            return new(null, text["Import.NoFile"].Value, []);
        }
        try
        {
            await using var stream = file.OpenReadStream();
            return new(await import(stream), null, []);
        }
        catch (RowsRejected rejected)
        {
            return new(null, null, rejected.Rows);
        }
        catch (RuleViolation v)
        {
            return new(null, text.Message(v), []);
        }
    }

    public sealed record PageOutcome<TResult>(TResult? Result, string? FileError, IReadOnlyList<RowError> Rows) where TResult : class;

    private static async Task<(TResult? Result, ProblemHttpResult? Refused)> RunAsync<TResult>(IFormFile? file, IStringLocalizer text,
        Func<Stream, Task<TResult?>> import) where TResult : class
    {
        if (file is null || file.Length == 0)
        {
            return (null, TypedResults.Problem(text["Import.NoFile"].Value, statusCode: 400, title: text["Error.Validation"].Value));
        }
        await using var stream = file.OpenReadStream();
        try
        {
            return (await import(stream), null);
        }
        catch (RowsRejected rejected)
        {
            return (null, rejected.ToProblem(text));
        }
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
