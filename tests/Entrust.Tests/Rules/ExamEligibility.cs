using Entrust.Web.Features.Officers;
using Entrust.Web.Features.Training;

namespace Entrust.Tests.Rules;

/// <summary>
/// The seed's rule (请假两次以上或旷课一次者不得参加考试) at each edge of its thresholds, and with thresholds the office set.
/// </summary>
public sealed class ExamEligibility
{
    private static readonly QualificationSettings Seed = QualificationSettings.Defaults(Guid.NewGuid());

    private static AttendanceMark[] Marks(int present, int excused, int unexcused) =>
        [.. Enumerable.Repeat(AttendanceMark.Present, present), .. Enumerable.Repeat(AttendanceMark.Excused, excused),
            .. Enumerable.Repeat(AttendanceMark.Unexcused, unexcused)];

    private static QualificationSettings Custom(int excused, int unexcused)
    {
        var settings = new QualificationSettings(Guid.NewGuid());
        settings.Update(new QualificationFields(excused, unexcused, "渝执{year}{seq:5}", 3, 12, 60, 40));
        return settings;
    }

    [Fact]
    public void FullAttendanceIsEligible()
    {
        var result = Eligibility.Of(Marks(6, 0, 0), Seed);
        Assert.True(result.Eligible);
        Assert.Null(result.ReasonKey);
        Assert.Equal((0, 0), (result.Excused, result.Unexcused));
    }

    [Fact]
    public void NoMarksYetIsEligible() => Assert.True(Eligibility.Of([], Seed).Eligible);

    [Fact]
    public void OneExcusedAbsenceIsStillEligible()
    {
        var result = Eligibility.Of(Marks(5, 1, 0), Seed);
        Assert.True(result.Eligible);
        Assert.Equal(1, result.Excused);
    }

    [Fact]
    public void TwoExcusedAbsencesBarTheExam()
    {
        var result = Eligibility.Of(Marks(4, 2, 0), Seed);
        Assert.False(result.Eligible);
        Assert.Equal("Eligibility.BarredExcused", result.ReasonKey);
        Assert.Equal(2, result.Excused);
    }

    [Fact]
    public void OneUnexcusedAbsenceBarsTheExam()
    {
        var result = Eligibility.Of(Marks(5, 0, 1), Seed);
        Assert.False(result.Eligible);
        Assert.Equal("Eligibility.BarredUnexcused", result.ReasonKey);
        Assert.Equal(1, result.Unexcused);
    }

    [Fact]
    public void AnUnexcusedAbsenceIsTheReasonWhenBothBar()
    {
        var result = Eligibility.Of(Marks(3, 2, 1), Seed);
        Assert.False(result.Eligible);
        Assert.Equal("Eligibility.BarredUnexcused", result.ReasonKey);
        Assert.Equal((2, 1), (result.Excused, result.Unexcused));
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    public void TheOfficesExcusedThresholdDecides(int excused, bool barred)
    {
        var result = Eligibility.Of(Marks(1, excused, 0), Custom(excused: 3, unexcused: 1));
        Assert.Equal(!barred, result.Eligible);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public void TheOfficesUnexcusedThresholdDecides(int unexcused, bool barred)
    {
        var result = Eligibility.Of(Marks(1, 0, unexcused), Custom(excused: 2, unexcused: 2));
        Assert.Equal(!barred, result.Eligible);
        Assert.Equal(barred ? "Eligibility.BarredUnexcused" : null, result.ReasonKey);
    }
}
