using Entrust.Web.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace Entrust.Web.Platform;

/// <summary>A list's column: its header (a resource key) and the cell of a row.</summary>
public sealed record ExportColumn<T>(string Header, Func<T, object?> Cell);

/// <summary>
/// The one way a console list goes to .xlsx: the rows the list's filter shows (the same query as the page, up to
/// <see cref="MaxRows"/>), under a title row (the list's name), a line naming the user's unit, the period the filter covers
/// and the day of the export, then the header row and one row per record. Every list's export button (<c>?handler=Export</c>
/// with the page's own query) and its API export call this. Sheets that are also import files (the matter catalogue,
/// targets) keep their own header-first layout through <see cref="Spreadsheet"/>.
/// </summary>
public sealed class ListExport(EntrustDbContext db, CurrentUser user, IStringLocalizer<SharedResource> text, TimeProvider clock)
{
    /// <summary>Kept for the callers not yet moved to <see cref="Spreadsheet.ContentType"/>.</summary>
    public const string ContentType = Spreadsheet.ContentType;
    public const int MaxRows = 5_000;

    /// <summary>A list's export as its API endpoint answers it: the same workbook and file name as the page's export button.</summary>
    public static FileContentHttpResult Answer((byte[] Content, string FileName) file) =>
        TypedResults.File(file.Content, ContentType, file.FileName);

    /// <summary>The workbook and its file name (the title and the day: 检查记录-2026-12-02.xlsx).</summary>
    public async Task<(byte[] Content, string FileName)> WriteAsync<T>(string titleKey, string? period, IQueryable<T> rows,
        IReadOnlyList<ExportColumn<T>> columns, CancellationToken ct) =>
        await WriteAsync(titleKey, period, await rows.Take(MaxRows).ToListAsync(ct), columns, ct);

    public async Task<(byte[] Content, string FileName)> WriteAsync<T>(string titleKey, string? period, IReadOnlyList<T> rows,
        IReadOnlyList<ExportColumn<T>> columns, CancellationToken ct)
    {
        var title = text[titleKey].Value;
        var today = clock.TodayInChina();
        var heading = string.Join("　", new[]
        {
            text["Export.Unit", await UnitAsync(ct)].Value,
            period is null ? null : text["Export.Period", period].Value,
            text["Export.On", today.ToString("yyyy-MM-dd")].Value,
            text["Export.Count", rows.Count].Value,
        }.Where(s => s is not null));
        var sheet = new List<Dictionary<string, object?>>
        {
            Line(columns.Count, title),
            Line(columns.Count, heading),
            Line(columns.Count, [.. columns.Select(c => (object?)text[c.Header].Value)]),
        };
        sheet.AddRange(rows.Select(r => Line(columns.Count, [.. columns.Select(c => c.Cell(r))])));
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(sheet, printHeader: false, sheetName: Truncate(title), cancellationToken: ct);
        return (stream.ToArray(), $"{title}-{today:yyyy-MM-dd}.xlsx");
    }

    /// <summary>The user's unit as the sheet names it: township, department or district (the admin: all districts).</summary>
    private async Task<string> UnitAsync(CancellationToken ct)
    {
        if (user.TownshipId is { } township)
        {
            return await db.Townships.IgnoreQueryFilters().Where(t => t.Id == township).Select(t => t.Name).FirstOrDefaultAsync(ct) ?? "";
        }
        if (user.DepartmentId is { } department)
        {
            return await db.Departments.IgnoreQueryFilters().Where(d => d.Id == department).Select(d => d.Name).FirstOrDefaultAsync(ct) ?? "";
        }
        if (user.DistrictId is { } district)
        {
            return await db.Districts.IgnoreQueryFilters().Where(d => d.Id == district).Select(d => d.Name).FirstOrDefaultAsync(ct) ?? "";
        }
        return text["Export.AllDistricts"].Value;
    }

    private Dictionary<string, object?> Line(int width, params object?[] cells) =>
        Enumerable.Range(0, Math.Max(width, 1)).ToDictionary(i => Column(i), i => i < cells.Length ? Cell(cells[i]) : null);

    private object? Cell(object? value) => value switch
    {
        DateOnly d => d.ToString("yyyy-MM-dd"),
        DateTimeOffset t => t.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm"),
        bool b => text[b ? "Answer.Yes" : "Answer.No"].Value,
        _ => value,
    };

    private static string Column(int i) => i < 26 ? ((char)('A' + i)).ToString() : Column(i / 26 - 1) + (char)('A' + i % 26);

    private static string Truncate(string name) => name.Length > 31 ? name[..31] : name;
}
