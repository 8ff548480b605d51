using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Reports;

/// <summary>
/// The statistics of a range of months (default the last six): the district's figures month by month, per township and per domain,
/// the rectification and random-inspection completion rates and the entrusted matters used of those held. Each chart is drawn by
/// wwwroot/js/statistics.js from <see cref="OnGetDataAsync"/> and has its table beside it; the tables export to .xlsx.
/// </summary>
public sealed class StatisticsModel(ReportStatistics statistics, ListExport export, EntrustDbContext db, TimeProvider clock,
    IStringLocalizer<SharedResource> text) : ConsolePageModel(text)
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    /// <summary>One township's statistics; none: the district's. A township the reader does not see is 404.</summary>
    [BindProperty(SupportsGet = true)] public Guid? Township { get; set; }

    /// <summary>The townships the reader sees, for the township select.</summary>
    public IReadOnlyList<(Guid Id, string Name)> Townships { get; private set; } = [];

    /// <summary>Which table the export writes: "township" (default), "department", "month", "coverage" or "exercised".</summary>
    [BindProperty(SupportsGet = true)] public string? By { get; set; }

    public StatisticsView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    /// <summary>The figures the charts draw, as JSON (the console's cookie does not reach /api).</summary>
    public async Task<IActionResult> OnGetDataAsync(CancellationToken ct) => await LoadAsync(ct) ?? new JsonResult(new
    {
        View.From,
        View.To,
        Measures = View.Measures.Select(m => new { Key = m, Name = Text["Measure." + m].Value }),
        View.ByMonth,
        View.ByTownship,
        View.ByDepartment,
        View.Coverage,
        Labels = new
        {
            Coverage = Text["Statistics.Coverage"].Value,
            Held = Text["Statistics.MattersHeld"].Value,
            Used = Text["Statistics.MattersUsed"].Value,
            Rectification = Text["Statistics.RectificationRate"].Value,
            Random = Text["Statistics.RandomRate"].Value,
        },
    });

    /// <summary>The table by township (or by domain) as it is shown, as .xlsx (<see cref="ListExport"/>).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        var (content, name) = await ReportStatistics.ExportAsync(View, By, export, ct);
        return File(content, ListExport.ContentType, name);
    }

    /// <summary>Null when loaded; otherwise what to answer (403).</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var (from, to) = ReportStatistics.DefaultRange(clock);
        try
        {
            if (!string.IsNullOrWhiteSpace(From) || !string.IsNullOrWhiteSpace(To))
            {
                (from, to) = ReportsApi.Range(null, From, To, clock);
            }
            if (await statistics.ComputeAsync(from, to, Township, ct) is not { } view)
            {
                return NotFound();
            }
            View = view;
        }
        catch (RuleViolation v)
        {
            ModelState.AddModelError("", Text.Message(v));
            (from, to) = ReportStatistics.DefaultRange(clock);
            View = await statistics.ComputeAsync(from, to, Township, ct) ?? await statistics.ComputeAsync(from, to, ct);
        }
        catch (ForbiddenAction)
        {
            return Forbid();
        }
        Townships = [.. (await db.Townships.AsNoTracking().OrderBy(t => t.Code).Select(t => new { t.Id, t.Name }).ToListAsync(ct))
            .Select(t => (t.Id, t.Name))];
        return null;
    }
}
