using Entrust.Web.Platform;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Reports;

/// <summary>The month's reports the user sees, with their state, due day and late signals; a month that has begun opens its drafts.</summary>
public sealed class IndexModel(ReportBook book, TimeProvider clock, ListExport export, IStringLocalizer<SharedResource> text)
    : ConsolePageModel(text)
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public ReportState? State { get; set; }

    public Month Shown { get; private set; }
    [Microsoft.AspNetCore.Mvc.FromQuery] public ListQuery Listing { get; set; } = new();
    public Paged<ReportRow> Reports { get; private set; } = new([], 0, 1, PagingExtensions.DefaultPageSize);
    public bool MayRollUp => book.MayRollUp;

    public async Task OnGetAsync(CancellationToken ct) => Reports = (await RowsAsync(ct)).ToPaged(Listing);

    /// <summary>The month's reports the filter shows, in the list's order, as .xlsx (<see cref="ListExport"/>).</summary>
    public async Task<Microsoft.AspNetCore.Mvc.IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var (content, name) = await book.ExportAsync(Filter(), Listing.Sort, export, Text, ct);
        return File(content, Spreadsheet.ContentType, name);
    }

    /// <summary>The month's reports the filter keeps, in the asked order (<see cref="ReportBook.Sorts"/>), as GET /api/reports lists them.</summary>
    private async Task<IReadOnlyList<ReportRow>> RowsAsync(CancellationToken ct) => await book.ListAsync(Filter(), Listing.Sort, ct);

    /// <summary>The filter: the month asked (this month when none, or when the one typed can't be read: its error shown), the state.</summary>
    private ReportFilter Filter()
    {
        Shown = Platform.Month.Of(clock.TodayInChina());
        if (!string.IsNullOrWhiteSpace(Month))
        {
            try
            {
                Shown = Platform.Month.Parse(Month);
            }
            catch (RuleViolation v)
            {
                ModelState.AddModelError("", Text.Message(v));
            }
        }
        return new ReportFilter(Shown, State: State);
    }
}
