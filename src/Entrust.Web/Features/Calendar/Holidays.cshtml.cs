using Entrust.Web.Features.Calendar;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Calendar;

/// <summary>
/// The holiday calendar of one year as a list of its days off and its make-up workdays (sorted, paged and exported as every console
/// list), the working-day calculator, and (for the office) the year's editor.
/// </summary>
public sealed class HolidaysModel(HolidayCalendar calendar, Catalogue catalogue, TimeProvider clock, ListExport export,
    IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? District { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public int? Days { get; set; }
    /// <summary>The list's filter: the days off (false), the make-up workdays (true) or both (none).</summary>
    [BindProperty(SupportsGet = true)] public bool? Workday { get; set; }
    [FromQuery] public ListQuery Listing { get; set; } = new();
    [BindProperty] public string? HolidaysText { get; set; }
    [BindProperty] public string? WorkdaysText { get; set; }

    public HolidayCalendar.YearSchedule Schedule { get; private set; } = new(0, [], []);
    public DateOnly? Result { get; private set; }
    public IReadOnlyList<int> YearsMissing { get; private set; } = [];
    public List<(Guid Id, string Name)> Districts { get; private set; } = [];
    public Paged<HolidayCalendar.DayRow> Shown { get; private set; } = new([], 0, 1, PagingExtensions.DefaultPageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (From is { } from && Days is >= 0 and <= 3660)
        {
            var cal = await calendar.ForDistrictAsync(await catalogue.TargetDistrictAsync(District, ct), ct);
            Result = cal.AddWorkingDays(from, Days.Value);
            YearsMissing = cal.YearsMissing(from, Result.Value);
        }
        else if (From is not null || Days is not null)
        {
            ModelState.AddModelError("Days", text["Validation.Range", text["Field.Days"].Value, 0, 3660]);
        }
        return Page();
    }

    /// <summary>The days the filter shows, in the list's order, as .xlsx (<see cref="HolidayCalendar.ExportAsync"/>).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var (content, name) = await HolidayCalendar.ExportAsync(Schedule, Workday, Listing, export, text, ct);
        return File(content, Spreadsheet.ContentType, name);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CurrentUser.FromPrincipal(User).MayKeepCatalogue)
        {
            return Forbid();
        }
        var year = Year ?? Today.Year;
        var holidays = Parse(HolidaysText, "HolidaysText");
        var workdays = Parse(WorkdaysText, "WorkdaysText");
        if (ModelState.IsValid)
        {
            try
            {
                await calendar.SaveYearAsync(await catalogue.TargetDistrictAsync(District, ct), new(year, holidays, workdays), ct);
                TempData["Flash"] = text["Flash.Saved", year].Value;
                return Redirect($"/Catalog/Holidays?year={year}&district={District}");
            }
            catch (RuleViolation v)
            {
                ModelState.AddModelError("HolidaysText", text.Message(v));
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    private DateOnly Today => clock.TodayInChina();

    private List<DateOnly> Parse(string? value, string field)
    {
        var days = new List<DateOnly>();
        foreach (var token in (value ?? "").Split([' ', ',', '，', '\n', '\r', '\t', '、'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (DateOnly.TryParseExact(token, "yyyy-MM-dd", out var d))
            {
                days.Add(d);
            }
            else
            {
                ModelState.AddModelError(field, text["Calendar.BadDate", token]);
            }
        }
        return days;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Year ??= Today.Year;
        Districts = await catalogue.DistrictChoicesAsync(ct);
        District ??= Districts.Count > 0 ? Districts[0].Id : null;
        if (District is null && CurrentUser.FromPrincipal(User).DistrictId is null)
        {
            return;
        }
        Schedule = await calendar.YearAsync(await catalogue.TargetDistrictAsync(District, ct), Year.Value, ct);
        HolidaysText ??= string.Join(" ", Schedule.Holidays.Select(d => d.ToString("yyyy-MM-dd")));
        WorkdaysText ??= string.Join(" ", Schedule.Workdays.Select(d => d.ToString("yyyy-MM-dd")));
        Shown = HolidayCalendar.Days(Schedule, Workday).ToPaged(Listing, HolidayCalendar.DaySorts);
    }
}
