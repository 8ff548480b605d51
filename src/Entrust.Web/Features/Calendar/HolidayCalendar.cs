using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Calendar;

/// <summary>A district's holiday calendar as kept by its office, kept in the <see cref="ReferenceCache"/> until a day changes.</summary>
public sealed class HolidayCalendar(EntrustDbContext db, ReferenceCache cache)
{
    public sealed record YearSchedule(int Year, IReadOnlyList<DateOnly> Holidays, IReadOnlyList<DateOnly> Workdays);

    /// <summary>A day of the year's schedule as the console lists it: a day off (放假) or a weekend day worked (调休上班).</summary>
    public sealed record DayRow(DateOnly Date, DayOfWeek Weekday, bool IsWorkday);

    /// <summary>The list's orders: by date by default.</summary>
    public static readonly ListSort<DayRow> DaySorts = new ListSort<DayRow>("date")
        .By("date", d => d.Date).By("weekday", d => d.Weekday).By("kind", d => d.IsWorkday).Then(d => d.Date);

    /// <summary>The year's days the list's filter keeps: the days off (false), the make-up workdays (true) or both (none).</summary>
    public static IEnumerable<DayRow> Days(YearSchedule schedule, bool? workday) =>
        schedule.Holidays.Select(d => new DayRow(d, d.DayOfWeek, false)).Concat(schedule.Workdays.Select(d => new DayRow(d, d.DayOfWeek, true)))
            .Where(d => workday is null || d.IsWorkday == workday);

    /// <summary>
    /// The days the filter keeps, in the list's order, as .xlsx (<see cref="ListExport"/>): the /Catalog/Holidays export button and
    /// GET /api/holidays/{year}/export alike.
    /// </summary>
    public static Task<(byte[] Content, string FileName)> ExportAsync(YearSchedule schedule, bool? workday, ListQuery list, ListExport export,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        export.WriteAsync("Menu.Holidays", schedule.Year.ToString(), DaySorts.Apply(Days(schedule, workday), list.Sort), [
            new("Field.Date", d => d.Date),
            new("Field.Weekday", d => text["Weekday." + d.Weekday].Value),
            new("Field.Kind", d => text[d.IsWorkday ? "CalendarDay.Workday" : "CalendarDay.Holiday"].Value),
        ], ct);

    private static readonly string[] ReadFrom = [nameof(CalendarDay)];

    public Task<WorkingDayCalendar> ForDistrictAsync(Guid districtId, CancellationToken ct = default) =>
        cache.GetAsync("calendar", districtId, ReadFrom, async () =>
        {
            var days = await db.CalendarDays.IgnoreQueryFilters().AsNoTracking().Where(d => d.DistrictId == districtId)
                .Select(d => new { d.Date, d.IsWorkday }).ToListAsync(ct);
            return new WorkingDayCalendar(
                days.Where(d => !d.IsWorkday).Select(d => d.Date).ToHashSet(),
                days.Where(d => d.IsWorkday).Select(d => d.Date).ToHashSet(),
                days.Select(d => d.Date.Year).ToHashSet());
        });

    public async Task<YearSchedule> YearAsync(Guid districtId, int year, CancellationToken ct = default)
    {
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var days = await db.CalendarDays.AsNoTracking()
            .Where(d => d.DistrictId == districtId && d.Date >= first && d.Date <= last)
            .OrderBy(d => d.Date).Select(d => new { d.Date, d.IsWorkday }).ToListAsync(ct);
        return new YearSchedule(year, days.Where(d => !d.IsWorkday).Select(d => d.Date).ToList(),
            days.Where(d => d.IsWorkday).Select(d => d.Date).ToList());
    }

    /// <summary>Replaces one year's schedule. A date in the wrong year, listed twice, a "holiday" already a weekend day
    /// that is not part of a holiday run, or a make-up working day on a weekday is refused.</summary>
    public async Task SaveYearAsync(Guid districtId, YearSchedule schedule, CancellationToken ct = default)
    {
        var all = schedule.Holidays.Concat(schedule.Workdays).ToList();
        if (all.FirstOrDefault(d => d.Year != schedule.Year) is { } wrongYear && wrongYear != default)
        {
            throw new RuleViolation("Calendar.WrongYear", wrongYear.ToString("yyyy-MM-dd"), schedule.Year);
        }
        if (all.GroupBy(d => d).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new RuleViolation("Calendar.Twice", twice.Key.ToString("yyyy-MM-dd"));
        }
        if (schedule.Workdays.FirstOrDefault(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) is { } weekday && weekday != default)
        {
            throw new RuleViolation("Calendar.WorkdayNotWeekend", weekday.ToString("yyyy-MM-dd"));
        }
        var (first, last) = (new DateOnly(schedule.Year, 1, 1), new DateOnly(schedule.Year, 12, 31));
        await db.CalendarDays.Where(d => d.DistrictId == districtId && d.Date >= first && d.Date <= last).LoadAsync(ct);
        db.CalendarDays.RemoveRange(db.CalendarDays.Local.Where(d => d.DistrictId == districtId && d.Date >= first && d.Date <= last).ToList());
        db.CalendarDays.AddRange(schedule.Holidays.Select(d => new CalendarDay(districtId, d, isWorkday: false)));
        db.CalendarDays.AddRange(schedule.Workdays.Select(d => new CalendarDay(districtId, d, isWorkday: true)));
        await db.SaveChangesAsync(ct);
    }
}
