using Entrust.Web.Features.Demo;
using Calendar = Entrust.Web.Features.Calendar.WorkingDayCalendar;
using Statutory = Entrust.Web.Features.Calendar.StatutoryHolidays;

namespace Entrust.Tests.Rules;

/// <summary>
/// The statutory holidays known without a yearly schedule (全国年节及纪念日放假办法, 2025 revision): 13 days, lunar ones from the
/// lunisolar calendar. A year the office has not kept is counted on them, and its results are provisional.
/// </summary>
public sealed class StatutoryHolidays
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso);

    [Theory]
    [InlineData(2025, "2025-01-01", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-04-04", "2025-05-01", "2025-05-02",
        "2025-05-31", "2025-10-06", "2025-10-01", "2025-10-02", "2025-10-03")]
    [InlineData(2026, "2026-01-01", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-04-05", "2026-05-01", "2026-05-02",
        "2026-06-19", "2026-09-25", "2026-10-01", "2026-10-02", "2026-10-03")]
    // 2023 has a leap second month: 端午 and 中秋 fall in the months after it.
    [InlineData(2023, "2023-01-01", "2023-01-21", "2023-01-22", "2023-01-23", "2023-01-24", "2023-04-05", "2023-05-01", "2023-05-02",
        "2023-06-22", "2023-09-29", "2023-10-01", "2023-10-02", "2023-10-03")]
    public void TheThirteenDaysOfAYear(int year, params string[] expected) =>
        Assert.Equal(expected.Select(D).Order(), Statutory.For(year).Order());

    [Fact]
    public void EveryStatutoryHolidayIsOffInTheOfficialSchedulesShipped()
    {
        var official = DemoDistrict.HolidaySchedules(Guid.NewGuid()).Where(d => !d.IsWorkday).Select(d => d.Date).ToHashSet();
        foreach (var year in new[] { 2025, 2026 })
        {
            Assert.All(Statutory.For(year), day => Assert.Contains(day, official));
        }
    }

    [Fact]
    public void AYearNotKeptIsCountedOnTheStatutoryHolidaysAndIsProvisional()
    {
        // 2027 is not kept: 国庆 1–3 October (Friday to Sunday) is off, so seven working days from 30 September end on 12 October.
        var calendar = CaseFixtures.NationalDay2026;
        Assert.False(calendar.IsWorkingDay(D("2027-10-01")));
        Assert.Equal(D("2027-10-12"), calendar.AddWorkingDays(D("2027-09-30"), 7));
        Assert.True(calendar.IsProvisional(D("2027-10-12")));
        Assert.False(calendar.IsProvisional(D("2026-10-15")));
    }

    [Fact]
    public void AKeptYearFollowsTheOfficesScheduleAlone()
    {
        // The office kept 2026 without 清明 (a schedule it typed wrong): the kept schedule wins, the statute does not add to it.
        var calendar = new Calendar(new HashSet<DateOnly>(), new HashSet<DateOnly>(), new HashSet<int> { 2026 });
        Assert.True(calendar.IsWorkingDay(D("2026-10-01")));
        Assert.False(Calendar.Empty.IsWorkingDay(D("2026-10-01")));
    }

    [Fact]
    public void YearsOutsideTheCenturyHaveNoneAndNeverFail()
    {
        Assert.Empty(Statutory.For(1900));
        Assert.True(Calendar.Empty.IsWorkingDay(D("0001-01-01")));
    }
}
