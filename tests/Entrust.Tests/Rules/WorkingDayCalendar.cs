using Entrust.Web.Features.Demo;
using Calendar = Entrust.Web.Features.Calendar.WorkingDayCalendar;

namespace Entrust.Tests.Rules;

/// <summary>Working-day arithmetic (行政处罚法 Art. 85): weekends and public holidays are rest days, 调休 Saturdays are not.</summary>
public sealed class WorkingDayCalendar
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso);

    /// <summary>国庆 and 中秋 2026, the same calendar the case rule tests count on.</summary>
    private static readonly Calendar NationalDay2026 = CaseFixtures.NationalDay2026;

    [Fact]
    public void SevenWorkingDaysAcrossNationalDayEndOnTheFifteenth() =>
        Assert.Equal(D("2026-10-15"), NationalDay2026.AddWorkingDays(D("2026-09-30"), 7));

    [Fact]
    public void WithoutTheOfficesScheduleTheSameSevenDaysSkipOnlyTheStatutoryHolidays() =>
        // 1 and 2 October (Thursday, Friday) are statutory holidays; the bridging days and the make-up Saturday are not known.
        Assert.Equal(D("2026-10-13"), Calendar.Empty.AddWorkingDays(D("2026-09-30"), 7));

    [Fact]
    public void TheMakeUpSaturdayIsAWorkingDayAndTheHolidayWeekdaysAreNot()
    {
        Assert.True(NationalDay2026.IsWorkingDay(D("2026-10-10")));   // Saturday, 调休上班
        Assert.False(NationalDay2026.IsWorkingDay(D("2026-10-11")));  // an ordinary Sunday
        Assert.False(NationalDay2026.IsWorkingDay(D("2026-10-05")));  // Monday inside 国庆
        Assert.True(NationalDay2026.IsWorkingDay(D("2026-10-08")));   // Thursday after it
    }

    [Fact]
    public void AWeekAcrossNationalDayHasThreeWorkingDaysCountingTheMakeUpSaturday() =>
        // 5–11 October: Mon–Wed are holidays, Thu and Fri are worked, Saturday 10th is worked, Sunday is not.
        Assert.Equal(3, NationalDay2026.WorkingDaysBetween(D("2026-10-04"), D("2026-10-11")));

    [Fact]
    public void TheStartDayIsNotCounted()
    {
        // Monday 2 November: one working day from it is Tuesday, not Monday itself.
        Assert.Equal(D("2026-11-03"), NationalDay2026.AddWorkingDays(D("2026-11-02"), 1));
        Assert.Equal(D("2026-11-02"), NationalDay2026.AddWorkingDays(D("2026-11-02"), 0));
        Assert.Equal(0, NationalDay2026.WorkingDaysBetween(D("2026-11-02"), D("2026-11-02")));
    }

    [Fact]
    public void OneWorkingDayFromAFridayIsTheMonday() =>
        Assert.Equal(D("2026-11-09"), NationalDay2026.AddWorkingDays(D("2026-11-06"), 1));

    [Fact]
    public void WorkingDaysBetweenCountsTheEndDayAndNotTheStartDay()
    {
        Assert.Equal(7, NationalDay2026.WorkingDaysBetween(D("2026-09-30"), D("2026-10-15")));
        Assert.Equal(6, NationalDay2026.WorkingDaysBetween(D("2026-09-30"), D("2026-10-14")));
    }

    [Fact]
    public void WorkingDaysBetweenIsNegativeWhenTheEndComesFirst() =>
        Assert.Equal(-7, NationalDay2026.WorkingDaysBetween(D("2026-10-15"), D("2026-09-30")));

    [Fact]
    public void AddingAndCountingAgree()
    {
        for (var days = 0; days <= 30; days++)
        {
            var end = NationalDay2026.AddWorkingDays(D("2026-09-18"), days);
            Assert.Equal(days, NationalDay2026.WorkingDaysBetween(D("2026-09-18"), end));
            Assert.True(days == 0 || NationalDay2026.IsWorkingDay(end), $"{days} working days ended on a rest day, {end}");
        }
    }

    [Fact]
    public void ANegativePeriodIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NationalDay2026.AddWorkingDays(D("2026-10-01"), -1));

    [Fact]
    public void YearsWithoutAScheduleAreNamed()
    {
        Assert.Equal([2027], NationalDay2026.YearsMissing(D("2026-12-20"), D("2027-01-10")));
        Assert.Empty(NationalDay2026.YearsMissing(D("2026-01-01"), D("2026-12-31")));
    }

    [Fact]
    public void TheShippedScheduleGivesTheLawsExample()
    {
        var days = DemoDistrict.HolidaySchedules(Guid.NewGuid()).ToList();
        var shipped = new Calendar(
            days.Where(d => !d.IsWorkday).Select(d => d.Date).ToHashSet(),
            days.Where(d => d.IsWorkday).Select(d => d.Date).ToHashSet(),
            days.Select(d => d.Date.Year).ToHashSet());

        Assert.Equal(D("2026-10-15"), shipped.AddWorkingDays(D("2026-09-30"), 7));
        Assert.Equal(new HashSet<int> { 2025, 2026 }, shipped.YearsKept);
        // 春节 2026: 15–23 February off, Saturday 14 and Saturday 28 worked.
        Assert.True(shipped.IsWorkingDay(D("2026-02-14")));
        Assert.False(shipped.IsWorkingDay(D("2026-02-16")));
        Assert.True(shipped.IsWorkingDay(D("2026-02-28")));
    }
}
