using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Reports;

/// <summary>The office's report settings: the working day of the next month its district's monthly reports are due.</summary>
public sealed class SettingsModel(ReportBook book, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> text)
    : ConsolePageModel(text)
{
    /// <summary>The body PUT /api/reports/settings takes.</summary>
    [BindProperty] public ReportsApi.ReportSettingsInput Input { get; set; } = new(ReportSettings.DefaultDueWorkingDay);

    /// <summary>This month's reports and the day they are due under the setting in force.</summary>
    public Month ThisMonth { get; private set; }
    public DateOnly DueOn { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!book.MayKeepSettings)
        {
            return Forbid();
        }
        Input = new(await book.DueWorkingDayAsync(user.DistrictId!.Value, ct));
        return await RedrawAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!book.MayKeepSettings)
        {
            return Forbid();
        }
        if (!ModelState.IsValid)
        {
            return await RedrawAsync(ct);
        }
        return await RunAsync<object>(async () => await book.SetDueWorkingDayAsync(Input.DueWorkingDay, ct),
            _ => (Text["Reports.SettingsSaved"].Value, "/Reports/Settings"), () => RedrawAsync(ct));
    }

    private async Task<IActionResult> RedrawAsync(CancellationToken ct)
    {
        ThisMonth = Platform.Month.Of(clock.TodayInChina());
        DueOn = await book.DueDayAsync(user.DistrictId!.Value, ThisMonth, ct);
        return Page();
    }
}
