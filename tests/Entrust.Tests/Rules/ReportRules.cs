using Entrust.Web.Features.Reports;
using Entrust.Web.Platform;

namespace Entrust.Tests.Rules;

/// <summary>The month type (parse, range, first and last day, due working day) and the report's own refusals.</summary>
public class ReportRules
{
    /// <summary>The roll-up reads a period as the sum of its months (kept months as kept): each of its measures must add up so.</summary>
    [Fact]
    public void EveryRollupMeasureAddsUpOverMonths()
    {
        Assert.All(ReportBook.RollupMeasures, m => Assert.True(ReportFigures.AddsUpOverMonths(new FigureLine(default, "", "", m, 1)), m));
        Assert.False(ReportFigures.AddsUpOverMonths(new FigureLine(default, "", "", Measures.TargetsCovered, 1)));
    }

    /// <summary>The roll-up reads its periods in the statistics' shape: every headline must be one of its columns.</summary>
    [Fact]
    public void EveryRollupMeasureIsAColumnOfTheStatisticsShape() =>
        Assert.All(ReportBook.RollupMeasures, m => Assert.Contains(m, StatisticsNumbers.Columns));

    [Fact]
    public void AMonthKnowsItsDaysAndItsDueDay()
    {
        var june = Month.Parse("2026-06");
        Assert.Equal(new DateOnly(2026, 6, 1), june.FirstDay);
        Assert.Equal(new DateOnly(2026, 6, 30), june.LastDay);
        Assert.Equal("2026-06", june.ToString());
        Assert.Equal(new Month(2025, 12), new Month(2026, 1).Previous);
        Assert.Equal(new Month(2025, 6), june.SameMonthLastYear);
        Assert.Equal(202606, june.Key);
        // The 5th working day of July 2026: 1, 2, 3, 6, 7 July.
        Assert.Equal(new DateOnly(2026, 7, 7), june.DueDay(Entrust.Web.Features.Calendar.WorkingDayCalendar.Empty, 5));
        Assert.Equal(new DateOnly(2026, 7, 1), june.DueDay(Entrust.Web.Features.Calendar.WorkingDayCalendar.Empty, 1));
    }

    [Theory]
    [InlineData("1999-12", "Month.OutOfRange")]
    [InlineData("2101-01", "Month.OutOfRange")]
    [InlineData("2026-00", "Month.OutOfRange")]
    [InlineData("2026/06", "Month.Invalid")]
    [InlineData("", "Month.Invalid")]
    public void AMonthOutsideTheRangeOrMalformedIsRefused(string text, string key)
    {
        var refused = Assert.Throws<RuleViolation>(() => Month.Parse(text));
        Assert.Equal(key, refused.MessageKey);
        Assert.Equal(400, refused.StatusCode);
        Assert.Throws<RuleViolation>(() => new Month(1999, 1));
    }

    [Fact]
    public void ASubmissionAfterTheDueDayIsRecordedLateAndAReturnNeedsAComment()
    {
        var report = new MonthlyReport(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new Month(2026, 6));
        var due = new DateOnly(2026, 7, 7);
        report.Submit("说明", "[]", "town", DateTimeOffset.UtcNow, due.AddDays(1), due);
        Assert.True(report.SubmittedLate);
        Assert.Equal(1, report.Version);
        Assert.Equal("Report.CommentRequired", Assert.Throws<RuleViolation>(() => report.Return(" ", "dept", due.AddDays(2))).MessageKey);
        Assert.Equal(409, Assert.Throws<RuleViolation>(() => report.Submit(null, "[]", "town", DateTimeOffset.UtcNow, due, due)).StatusCode);
        report.Return("请补充", "dept", due.AddDays(2));
        report.Submit("第二版", "[]", "town", DateTimeOffset.UtcNow, due.AddDays(3), due);
        Assert.Equal([1, 2], report.Versions.Select(v => v.Version));
        Assert.Equal(ReportState.Returned, report.Versions[0].Answer);
    }
}
