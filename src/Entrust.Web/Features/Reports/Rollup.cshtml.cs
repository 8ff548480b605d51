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

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (from, to) = (Platform.Month.Of(clock.TodayInChina()), Platform.Month.Of(clock.TodayInChina()));
        try
        {
            (from, to) = ReportsApi.Range(Month, From, To, clock);
            View = await book.RollupAsync(from, to, ct);
        }
        catch (RuleViolation v)
        {
            ModelState.AddModelError("", Text.Message(v));
            View = await book.RollupAsync(Platform.Month.Of(clock.TodayInChina()), ct);
        }
        catch (ForbiddenAction)
        {
            return Forbid();
        }
        var user = HttpContext.RequestServices.GetRequiredService<CurrentUser>();
        DueWorkingDay = user.DistrictId is { } d ? await book.DueWorkingDayAsync(d, ct) : ReportSettings.DefaultDueWorkingDay;
        return Page();
    }

    /// <summary>The office's paragraphs for the summary (做法, 下一步), posted with the download.</summary>
    [BindProperty] public string? Practice { get; set; }
    [BindProperty] public string? NextSteps { get; set; }

    /// <summary>The summary with the paragraphs written in the page; a text too long is refused (400).</summary>
    public Task<IActionResult> OnPostSummaryAsync([FromServices] ReportSummary summary, CancellationToken ct) =>
        SummaryAsync(summary, new SummaryText(Practice, NextSteps), ct);

    /// <summary>The half-year or annual summary of the range as .docx (<see cref="ReportSummary"/>), of the district or one township.</summary>
    public Task<IActionResult> OnGetSummaryAsync([FromServices] ReportSummary summary, CancellationToken ct) => SummaryAsync(summary, null, ct);

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
