using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Reports;

/// <summary>
/// The district's month, or months from–to, for the office and the departments: every township × department, totals, the change on
/// the months just before and a year before, who has not submitted.
/// </summary>
public sealed class RollupModel(ReportBook book, TimeProvider clock, IStringLocalizer<SharedResource> text) : ConsolePageModel(text)
{
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    /// <summary>The township the summary is drafted for; none drafts the district's.</summary>
    [BindProperty(SupportsGet = true)] public Guid? Township { get; set; }

    public RollupView View { get; private set; } = null!;
    public int DueWorkingDay { get; private set; }

    public Task<IActionResult> OnGetAsync([FromServices] ReportSummary summary, CancellationToken ct) => DrawAsync(summary, false, ct);

    /// <summary>The page; with <paramref name="keepTyped"/> the paragraphs as posted, else those kept for the summary.</summary>
    private async Task<IActionResult> DrawAsync(ReportSummary summary, bool keepTyped, CancellationToken ct)
    {
        var (from, to) = (Platform.Month.Of(clock.TodayInChina()), Platform.Month.Of(clock.TodayInChina()));
        try
        {
            try
            {
                var (first, last) = ReportsApi.Range(Month, From, To, clock);
                View = await book.RollupAsync(first, last, ct);
                (from, to) = (first, last);
            }
            catch (RuleViolation v)
            {
                ModelState.AddModelError("", Text.Message(v));
                View = await book.RollupAsync(from, to, ct);
            }
            // The admin, of no district, reads the roll-up (of every district's office) but keeps no summary.
            if (!keepTyped && HttpContext.RequestServices.GetRequiredService<CurrentUser>().DistrictId is not null
                && await summary.WrittenAsync(from, to, Township, ct) is { } kept)
            {
                (Practice, NextSteps, DocumentNumber) = (kept.Practice, kept.NextSteps, kept.DocumentNumber);
            }
        }
        catch (ForbiddenAction)
        {
            return Forbid();
        }
        var user = HttpContext.RequestServices.GetRequiredService<CurrentUser>();
        DueWorkingDay = user.DistrictId is { } d ? await book.DueWorkingDayAsync(d, ct) : ReportSettings.DefaultDueWorkingDay;
        return Page();
    }

    /// <summary>The paragraphs for the summary (做法, 下一步): those kept for it when the page opens, those typed when it is posted.</summary>
    [BindProperty] public string? Practice { get; set; }
    [BindProperty] public string? NextSteps { get; set; }

    /// <summary>The summary's 文号, optional: kept with the paragraphs, printed under the title.</summary>
    [BindProperty] public string? DocumentNumber { get; set; }

    /// <summary>The summary as its document will read, after 预览; null until then.</summary>
    public SummaryPreview? Preview { get; private set; }

    /// <summary>The summary with the paragraphs written in the page; a text too long is refused (400).</summary>
    public Task<IActionResult> OnPostSummaryAsync([FromServices] ReportSummary summary, CancellationToken ct) =>
        SummaryAsync(summary, new SummaryText(Practice, NextSteps, DocumentNumber), ct);

    /// <summary>The half-year or annual summary of the range as .docx (<see cref="ReportSummary"/>), of the district or one township.</summary>
    public Task<IActionResult> OnGetSummaryAsync([FromServices] ReportSummary summary, CancellationToken ct) => SummaryAsync(summary, null, ct);

    /// <summary>Keeps the paragraphs typed for the summary (<see cref="ReportSummary.WriteAsync"/>) and opens the page again with them.</summary>
    public Task<IActionResult> OnPostSaveSummaryAsync([FromServices] ReportSummary summary, CancellationToken ct) =>
        RunAsync(async () =>
            {
                var (from, to) = ReportsApi.Range(Month, From, To, clock);
                return await summary.WriteAsync(from, to, Township, new SummaryText(Practice, NextSteps, DocumentNumber), ct);
            },
            _ => (Text["Reports.SummarySaved"], $"/Reports/Rollup?from={From}&to={To}&township={Township}#summary-text"),
            () => DrawAsync(summary, true, ct));

    /// <summary>The summary line by line with the paragraphs typed (not kept), shown under the form before the download.</summary>
    public async Task<IActionResult> OnPostPreviewSummaryAsync([FromServices] ReportSummary summary, CancellationToken ct)
    {
        try
        {
            var (from, to) = ReportsApi.Range(Month, From, To, clock);
            if (await summary.PreviewAsync(from, to, Township, new SummaryText(Practice, NextSteps, DocumentNumber), ct) is not { } preview)
            {
                return NotFound();
            }
            Preview = preview;
        }
        catch (RuleViolation v)
        {
            ModelState.AddModelError(v.Field is null ? "" : "Input." + v.Field, Text.Message(v));
        }
        catch (ForbiddenAction)
        {
            return Forbid();
        }
        return await DrawAsync(summary, true, ct);
    }

    /// <summary>The roll-up as .xlsx (a totals sheet and a sheet per township × department), as /api/reports/rollup/xlsx.</summary>
    public Task<IActionResult> OnGetXlsxAsync(CancellationToken ct) => FileAsync(async () =>
    {
        var (from, to) = ReportsApi.Range(Month, From, To, clock);
        var file = await book.RollupXlsxAsync(from, to, Text, ct);
        return File(file.Content, Spreadsheet.ContentType, file.FileName);
    });

    /// <summary>The roll-up as .docx, as /api/reports/rollup/docx.</summary>
    public Task<IActionResult> OnGetDocxAsync(CancellationToken ct) => FileAsync(async () =>
    {
        var (from, to) = ReportsApi.Range(Month, From, To, clock);
        var file = await book.RollupDocxAsync(from, to, Text, ct);
        return File(file.Content, ReportSummary.ContentType, file.FileName);
    });

    private async Task<IActionResult> FileAsync(Func<Task<IActionResult>> file)
    {
        try
        {
            return await file();
        }
        catch (RuleViolation v)
        {
            return BadRequest(Text.Message(v));
        }
        catch (ForbiddenAction)
        {
            return Forbid();
        }
    }

    private async Task<IActionResult> SummaryAsync(ReportSummary summary, SummaryText? written, CancellationToken ct)
    {
        try
        {
            var (from, to) = ReportsApi.Range(Month, From, To, clock);
            return await summary.DraftAsync(from, to, Township, written, ct) is { } draft
                ? File(draft.Content, ReportSummary.ContentType, draft.FileName)
                : NotFound();
        }
        catch (RuleViolation v)
        {
            return BadRequest(Text.Message(v));
        }
        catch (ForbiddenAction)
        {
            return Forbid();
        }
    }
}
