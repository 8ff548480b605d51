using Entrust.Web.Platform;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Reports;

/// <summary>The month's reports the user sees, with their state, due day and late signals; a month that has begun opens its drafts.</summary>
public sealed class IndexModel(ReportBook book, TimeProvider clock, IStringLocalizer<SharedResource> text) : ConsolePageModel(text)
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public ReportState? State { get; set; }

    public Month Shown { get; private set; }
    public IReadOnlyList<ReportRow> Reports { get; private set; } = [];
    public bool MayRollUp => book.MayRollUp;

    public async Task OnGetAsync(CancellationToken ct)
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
        Reports = await book.ListAsync(new ReportFilter(Shown, State: State), ct);
    }
}
