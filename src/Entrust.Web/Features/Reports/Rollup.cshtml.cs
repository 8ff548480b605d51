using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Reports;

/// <summary>The district's month for the office and the departments: every township × department, totals, change, who has not submitted.</summary>
public sealed class RollupModel(ReportBook book, TimeProvider clock, IStringLocalizer<SharedResource> text) : ConsolePageModel(text)
{
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }

    public RollupView View { get; private set; } = null!;
    public int DueWorkingDay { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var month = Platform.Month.Of(clock.TodayInChina());
        if (!string.IsNullOrWhiteSpace(Month))
        {
            try
            {
                month = Platform.Month.Parse(Month);
            }
            catch (RuleViolation v)
            {
                ModelState.AddModelError("", Text.Message(v));
            }
        }
        try
        {
            View = await book.RollupAsync(month, ct);
        }
        catch (ForbiddenAction)
        {
            return Forbid();
        }
        var user = HttpContext.RequestServices.GetRequiredService<CurrentUser>();
        DueWorkingDay = user.DistrictId is { } d ? await book.DueWorkingDayAsync(d, ct) : ReportSettings.DefaultDueWorkingDay;
        return Page();
    }
}
