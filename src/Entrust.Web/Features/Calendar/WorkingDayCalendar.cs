namespace Entrust.Web.Features.Calendar;

/// <summary>
/// China's working-day arithmetic. Where the law counts 2, 3, 5 or 7 days they are working days
/// (行政处罚法 Art. 85): weekends are rest days unless declared make-up working days (调休上班), public
/// holidays are rest days, and the day a period starts from is not counted. A year whose schedule the office has not kept
/// is counted on the statutory holidays alone (<see cref="StatutoryHolidays"/>): its results are provisional
/// (<see cref="YearsMissing"/>), since the make-up working days of that year are not yet known.
/// </summary>
public sealed class WorkingDayCalendar(
    IReadOnlySet<DateOnly> holidays,
    IReadOnlySet<DateOnly> makeUpWorkdays,
    IReadOnlySet<int> yearsKept)
{
    public static readonly WorkingDayCalendar Empty = new(new HashSet<DateOnly>(), new HashSet<DateOnly>(), new HashSet<int>());

    public IReadOnlySet<int> YearsKept => yearsKept;

    public bool IsWorkingDay(DateOnly day) =>
        makeUpWorkdays.Contains(day)
        || (!holidays.Contains(day) && day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
            && (yearsKept.Contains(day.Year) || !StatutoryHolidays.Contains(day)));

    /// <summary>The day on which a period of <paramref name="days"/> working days that starts from <paramref name="from"/> ends.</summary>
    public DateOnly AddWorkingDays(DateOnly from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var day = from;
        for (var counted = 0; counted < days;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }
        return day;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>; negative when <paramref name="to"/> is earlier.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WorkingDaysBetween(to, from);
        }
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>Whether <paramref name="day"/> falls in a year the office has not kept, so that a deadline on it may still move.</summary>
    public bool IsProvisional(DateOnly day) => !yearsKept.Contains(day.Year);

    /// <summary>Years the span touches for which the office has not kept a schedule; results there count only the statutory holidays.</summary>
    public IReadOnlyList<int> YearsMissing(DateOnly from, DateOnly to) =>
        Enumerable.Range(Math.Min(from.Year, to.Year), Math.Abs(to.Year - from.Year) + 1).Where(y => !yearsKept.Contains(y)).ToList();
}
