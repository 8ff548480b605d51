using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Reports;

/// <summary>The files a report and a roll-up are filed as: the report's .docx, the roll-up's .xlsx (a sheet per report, a totals sheet) and .docx.</summary>
public sealed partial class ReportBook
{
    /// <summary>The report as .docx on the official pages (<see cref="ReportDocuments.Report"/>); null (404) as for <see cref="GetAsync"/>.</summary>
    public async Task<(string FileName, byte[] Content)?> DocxAsync(Guid id, IStringLocalizer text, CancellationToken ct = default)
    {
        if (await GetAsync(id, ct) is not { } detail)
        {
            return null;
        }
        var r = detail.Report;
        return ($"{r.TownshipName}-{r.DepartmentName}-{r.Month}.docx", ReportDocuments.Report(detail, text));
    }

    /// <summary>
    /// The roll-up as .xlsx: a sheet per township × department in the report's layout (<see cref="ReportSheet"/>), each titled with its
    /// unit and period, and a totals sheet first. Who may, and which rows, as <see cref="RollupAsync(Month, Month, CancellationToken)"/>.
    /// </summary>
    public async Task<(string FileName, byte[] Content)> RollupXlsxAsync(Month from, Month to, IStringLocalizer text, CancellationToken ct = default)
    {
        var (view, figures) = await RollupWithFiguresAsync(from, to, full: true, ct);
        var unit = await RollupUnitAsync(ct);
        var title = text["Rollup.Title", unit, view.Month].Value;
        var reports = view.Rows.Select(r => (Sheet: $"{r.TownshipName}-{r.DepartmentName}",
            Title: text["Report.SheetTitle", r.TownshipName, r.DepartmentName, view.Month].Value,
            Figures: figures.GetValueOrDefault(new Pair(r.TownshipId, r.DepartmentId), Figures.Empty)));
        var totals = (Sheet: text["Report.Total"].Value, Title: title, Figures: Figures.Sum(view.Rows.Select(r =>
            figures.GetValueOrDefault(new Pair(r.TownshipId, r.DepartmentId), Figures.Empty))));
        return ($"{title}.xlsx", ReportSheet.WriteBook([totals, .. reports], text));
    }

    /// <summary>The roll-up as .docx on the official pages (<see cref="ReportDocuments.Rollup"/>); who may as for the roll-up.</summary>
    public async Task<(string FileName, byte[] Content)> RollupDocxAsync(Month from, Month to, IStringLocalizer text, CancellationToken ct = default)
    {
        var view = await RollupAsync(from, to, ct);
        var title = text["Rollup.Title", await RollupUnitAsync(ct), view.Month].Value;
        return ($"{title}.docx", ReportDocuments.Rollup(title, view, text));
    }

    /// <summary>Whose roll-up it is: the district's, and a department's own within it.</summary>
    private async Task<string> RollupUnitAsync(CancellationToken ct)
    {
        var district = await db.Districts.IgnoreQueryFilters().Where(d => d.Id == user.DistrictId).Select(d => d.Name).FirstOrDefaultAsync(ct) ?? "";
        var department = user.DepartmentId is { } id
            ? await db.Departments.IgnoreQueryFilters().Where(d => d.Id == id).Select(d => d.Name).FirstOrDefaultAsync(ct)
            : null;
        return district + department;
    }
}
