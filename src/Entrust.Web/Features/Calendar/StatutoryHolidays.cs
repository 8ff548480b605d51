using System.Collections.Concurrent;
using System.Globalization;

namespace Entrust.Web.Features.Calendar;

/// <summary>
/// The statutory public holidays of a year as fixed by 《全国年节及纪念日放假办法》 (revised 2024, in force from 2025): 元旦 1 January,
/// 春节 the lunar new year's eve and the first three days of the first month, 清明 the day of the Qingming solar term, 劳动节 1–2 May,
/// 端午 the fifth of the fifth month, 中秋 the fifteenth of the eighth month, 国庆 1–3 October — 13 days. These are known for
/// any year; the State Council's yearly schedule adds the bridging days and the make-up working days (调休), which are not. A
/// year the office has not kept is counted on these days alone, and its results are provisional.
/// </summary>
/// <remarks>
/// Lunar dates come from .NET's <see cref="ChineseLunisolarCalendar"/> (1901–2100): a year with a leap month numbers the months
/// after it one higher, so the fifth and eighth months are found through <see cref="ChineseLunisolarCalendar.GetLeapMonth(int, int)"/>.
/// Qingming is the solar term at 15° of the sun's longitude, 4 or 5 April this century; the day comes from the usual 21st-century
/// formula ⌊Y×0.2422 + 4.81⌋ − ⌊Y/4⌋ (Y = year mod 100), exact from 2000 to 2099.
/// </remarks>
public static class StatutoryHolidays
{
    private static readonly ChineseLunisolarCalendar Lunar = new();
    private static readonly ConcurrentDictionary<int, IReadOnlySet<DateOnly>> Years = new();

    /// <summary>Whether <paramref name="day"/> is a statutory holiday in its year.</summary>
    public static bool Contains(DateOnly day) => For(day.Year).Contains(day);

    /// <summary>The 13 statutory holidays of <paramref name="year"/>; none outside 2000–2099, where the rules above don't reach.</summary>
    public static IReadOnlySet<DateOnly> For(int year) => year is < 2000 or > 2099 ? None : Years.GetOrAdd(year, Compute);

    private static readonly IReadOnlySet<DateOnly> None = new HashSet<DateOnly>();

    private static IReadOnlySet<DateOnly> Compute(int year)
    {
        var newYear = LunarDay(year, 1, 1);
        var days = new HashSet<DateOnly>
        {
            new(year, 1, 1),
            newYear.AddDays(-1), newYear, newYear.AddDays(1), newYear.AddDays(2),
            new(year, 4, QingmingDay(year)),
            new(year, 5, 1), new(year, 5, 2),
            LunarDay(year, 5, 5),
            LunarDay(year, 8, 15),
            new(year, 10, 1), new(year, 10, 2), new(year, 10, 3),
        };
        return days;
    }

    /// <summary>The Gregorian day of lunar <paramref name="month"/>/<paramref name="day"/> in the lunar year that starts in <paramref name="year"/>.</summary>
    private static DateOnly LunarDay(int year, int month, int day)
    {
        var leap = Lunar.GetLeapMonth(year);
        var index = leap > 0 && month >= leap ? month + 1 : month;
        return DateOnly.FromDateTime(Lunar.ToDateTime(year, index, day, 0, 0, 0, 0));
    }

    private static int QingmingDay(int year)
    {
        var y = year % 100;
        return (int)Math.Floor(y * 0.2422 + 4.81) - y / 4;
    }
}
