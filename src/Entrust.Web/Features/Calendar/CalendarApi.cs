using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Calendar;

public static class CalendarApi
{
    public sealed record WorkdaysResult(DateOnly From, int Days, DateOnly Date, IReadOnlyList<int> YearsWithoutCalendar);
    public sealed record YearInput(List<DateOnly>? Holidays, List<DateOnly>? Workdays);

    public static void MapCalendarApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(Api.Policy).WithTags("Holiday calendar");
        api.MapGet("/holidays/{year:int}", GetYear);
        api.MapGet("/holidays/{year:int}/export", ExportYear);
        api.MapPut("/holidays/{year:int}", PutYear).RequireAuthorization(Api.CatalogueKeeper);
        api.MapGet("/workdays/add", Add);
    }

    public static async Task<Results<Ok<HolidayCalendar.YearSchedule>, ValidationProblem>> GetYear(
        int year, Guid? district, Catalogue catalogue, HolidayCalendar calendar, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (BadYear(year, text) is { } refused)
        {
            return refused;
        }
        var districtId = await catalogue.TargetDistrictAsync(district, ct);
        return TypedResults.Ok(await calendar.YearAsync(districtId, year, ct));
    }

    /// <summary>
    /// The year's days off and make-up workdays as the /Catalog/Holidays list shows them (<c>workday</c>: only the make-up workdays
    /// when true, only the days off when false; <c>sort</c>: a column of the list), as .xlsx.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportYear(int year, Guid? district, bool? workday, string? sort,
        Catalogue catalogue, HolidayCalendar calendar, ListExport export, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (BadYear(year, text) is { } refused)
        {
            return refused;
        }
        var schedule = await calendar.YearAsync(await catalogue.TargetDistrictAsync(district, ct), year, ct);
        return ListExport.Answer(await HolidayCalendar.ExportAsync(schedule, workday, new ListQuery { Sort = sort }, export, text, ct));
    }

    public static async Task<Results<Ok<HolidayCalendar.YearSchedule>, ValidationProblem>> PutYear(
        int year, YearInput input, Guid? district, Catalogue catalogue, HolidayCalendar calendar,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (BadYear(year, text) is { } refused)
        {
            return refused;
        }
        var districtId = await catalogue.TargetDistrictAsync(district, ct);
        await calendar.SaveYearAsync(districtId, new HolidayCalendar.YearSchedule(year, input.Holidays ?? [], input.Workdays ?? []), ct);
        return TypedResults.Ok(await calendar.YearAsync(districtId, year, ct));
    }

    /// <summary>The years the calendar keeps (2000–2100); another is refused naming the year.</summary>
    private static ValidationProblem? BadYear(int year, IStringLocalizer<SharedResource> text) =>
        year is < 2000 or > 2100 ? new FieldErrors(text).Invalid("Year").ToProblem() : null;

    /// <summary>GET /api/workdays/add?from=2026-09-30&amp;days=7 → 2026-10-15: the start day is not counted.</summary>
    public static async Task<Results<Ok<WorkdaysResult>, ValidationProblem>> Add(
        DateOnly? from, int? days, Guid? district, Catalogue catalogue, HolidayCalendar calendar,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var errors = new FieldErrors(text);
        if (from is null)
        {
            errors.Required("From", null);
        }
        if (days is null or < 0 or > 3660)
        {
            errors.Add("Days", "Validation.Range", text["Field.Days"].Value, 0, 3660);
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var districtId = await catalogue.TargetDistrictAsync(district, ct);
        var cal = await calendar.ForDistrictAsync(districtId, ct);
        var end = cal.AddWorkingDays(from!.Value, days!.Value);
        return TypedResults.Ok(new WorkdaysResult(from.Value, days.Value, end, cal.YearsMissing(from.Value, end)));
    }
}
