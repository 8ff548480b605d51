using System.Globalization;
using Entrust.Web.Features.Calendar;

namespace Entrust.Web.Platform;

/// <summary>
/// A calendar month (year + month), the period of a monthly report: its first and last day (days are Asia/Shanghai's), "2026-06"
/// as text, and the due day of what is reported on it — the Nth working day of the next month on the district's calendar.
/// Stored as the number yyyymm (<see cref="Key"/>), which sorts as the months do.
/// </summary>
public readonly record struct Month : IComparable<Month>
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    public int Year { get; }
    public int Number { get; }

    /// <summary>Refuses (400) a year outside 2000–2100 or a month outside 1–12.</summary>
    public Month(int year, int number)
    {
        if (year is < FirstYear or > LastYear || number is < 1 or > 12)
        {
            throw new RuleViolation("Month.OutOfRange", $"{year:0000}-{number:00}", FirstYear, LastYear) { Field = "month" };
        }
        Year = year;
        Number = number;
    }

    public static Month Of(DateOnly day) => new(day.Year, day.Month);

    /// <summary>yyyymm: what the database keeps and sorts on.</summary>
    public int Key => Year * 100 + Number;

    public static Month FromKey(int key) => new(key / 100, key % 100);

    public DateOnly FirstDay => new(Year, Number, 1);

    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    public Month Next => Number == 12 ? new(Year + 1, 1) : new(Year, Number + 1);

    public Month Previous => Number == 1 ? new(Year - 1, 12) : new(Year, Number - 1);

    public Month SameMonthLastYear => new(Year - 1, Number);

    public bool Contains(DateOnly day) => day.Year == Year && day.Month == Number;

    /// <summary>The <paramref name="workingDay"/>th working day of the next month (the 5th by default): the day a report on this month is due.</summary>
    public DateOnly DueDay(WorkingDayCalendar calendar, int workingDay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingDay, 1);
        return calendar.AddWorkingDays(Next.FirstDay.AddDays(-1), workingDay);
    }

    /// <summary>The months from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public static IEnumerable<Month> Range(Month from, Month to)
    {
        for (var m = from; m.Key <= to.Key; m = m.Next)
        {
            yield return m;
        }
    }

    public override string ToString() => $"{Year:0000}-{Number:00}";

    /// <summary>"2026-06" (or "2026-6"); anything else, or a year outside 2000–2100, is refused with a 400 naming the field.</summary>
    public static Month Parse(string? text, string field = "month")
    {
        var parts = (text ?? "").Trim().Split('-');
        if (parts.Length == 2 && parts[0].Length == 4 && parts[1].Length is 1 or 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            if (year is < FirstYear or > LastYear || number is < 1 or > 12)
            {
                throw new RuleViolation("Month.OutOfRange", text!.Trim(), FirstYear, LastYear) { Field = field };
            }
            return new Month(year, number);
        }
        throw new RuleViolation("Month.Invalid", text ?? "") { Field = field };
    }

    public static bool TryParse(string? text, out Month month)
    {
        try
        {
            month = Parse(text);
            return true;
        }
        catch (RuleViolation)
        {
            month = default;
            return false;
        }
    }

    public int CompareTo(Month other) => Key.CompareTo(other.Key);

    public static bool operator <(Month a, Month b) => a.Key < b.Key;

    public static bool operator >(Month a, Month b) => a.Key > b.Key;

    public static bool operator <=(Month a, Month b) => a.Key <= b.Key;

    public static bool operator >=(Month a, Month b) => a.Key >= b.Key;
}
