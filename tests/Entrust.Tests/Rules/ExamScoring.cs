using Entrust.Web.Features.Officers;
using Entrust.Web.Features.Training;
using Entrust.Web.Platform;
using ExamEntity = Entrust.Web.Features.Training.Exam;

namespace Entrust.Tests.Rules;

/// <summary>An exam's marks, the range of a score, the pass mark's edge, and the eligibility a score needs.</summary>
public sealed class ExamScoring
{
    private static readonly Guid District = Guid.NewGuid();
    private static readonly DateOnly Start = new(2026, 3, 2);

    private static TrainingClass Class()
    {
        var c = new TrainingClass(District, new TrainingClassFields("第一期资格培训班", Start, Start.AddDays(2), "区委党校", "张老师"));
        c.AddDailySessions(SessionPart.Morning, SessionPart.Afternoon);
        return c;
    }

    private static ExamEntity Exam(TrainingClass c, decimal full = 100, decimal pass = 60) =>
        new(District, new ExamFields("执法资格考试", Start.AddDays(3), full, pass), [c]);

    private static Trainee TraineeOf(TrainingClass c)
    {
        var first17 = "50010919900101123";
        var officer = new Officer(District, OfficerUnit.OfTownship(Guid.NewGuid()),
            new OfficerFields("王芳", Gender.Female, first17 + IdNumbers.CheckCharacterOf(first17), "13800001234", "综治办干事", StaffType.Established));
        return new Trainee(c, officer, DateTimeOffset.UnixEpoch);
    }

    private static readonly EligibilityResult Eligible = new(true, 0, 0, null);

    [Fact]
    public void TheClassHasAMorningAndAnAfternoonSessionEachDay() => Assert.Equal(6, Class().Sessions.Count);

    [Theory]
    [InlineData(0)]
    [InlineData(59.5)]
    [InlineData(60)]
    [InlineData(100)]
    public void AScoreFromZeroToTheFullMarkIsTaken(decimal score)
    {
        var c = Class();
        var exam = Exam(c);
        var entry = new ExamScore(exam, TraineeOf(c), Eligible, score);
        Assert.Equal(score, entry.Score);
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(100.5)]
    [InlineData(101)]
    [InlineData(70.3)]
    public void AScoreOutsideTheRangeOrNotInHalfPointsIsRefused(decimal score)
    {
        var c = Class();
        var refused = Assert.Throws<RuleViolation>(() => new ExamScore(Exam(c), TraineeOf(c), Eligible, score));
        Assert.Equal("Exam.ScoreOutOfRange", refused.MessageKey);
        Assert.Equal("Score", refused.Field);
    }

    [Theory]
    [InlineData(59.5, false)]
    [InlineData(60, true)]
    [InlineData(60.5, true)]
    public void TheExactPassMarkPasses(decimal score, bool passed)
    {
        var c = Class();
        Assert.Equal(passed, new ExamScore(Exam(c), TraineeOf(c), Eligible, score).Passed);
    }

    [Fact]
    public void ChangingAScoreDecidesPassingAgain()
    {
        var c = Class();
        var exam = Exam(c);
        var entry = new ExamScore(exam, TraineeOf(c), Eligible, 75);
        entry.Change(exam, 40);
        Assert.False(entry.Passed);
        Assert.Throws<RuleViolation>(() => entry.Change(exam, 120));
        Assert.Equal(40, entry.Score);
    }

    [Theory]
    [InlineData(100, 0)]
    [InlineData(100, 100.5)]
    [InlineData(0, 0)]
    [InlineData(1000.5, 60)]
    public void APassMarkOutsideZeroToTheFullMarkIsRefused(decimal full, decimal pass)
    {
        var refused = Assert.Throws<RuleViolation>(() => Exam(Class(), full, pass));
        Assert.Contains(refused.MessageKey, new[] { "Exam.PassMarkInvalid", "Exam.FullMarkInvalid" });
    }

    [Fact]
    public void APassMarkEqualToTheFullMarkIsAllowed() => Assert.Equal(100, Exam(Class(), 100, 100).PassMark);

    [Fact]
    public void AnExamBeforeTheClassEndsIsRefused()
    {
        var c = Class();
        var refused = Assert.Throws<RuleViolation>(() => new ExamEntity(District, new ExamFields("考试", c.EndsOn.AddDays(-1), 100, 60), [c]));
        Assert.Equal("Exam.BeforeClassEnds", refused.MessageKey);
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(0, 1)]
    public void ABarredTraineeCantBeScored(int excused, int unexcused)
    {
        var c = Class();
        var barred = new EligibilityResult(false, excused, unexcused, unexcused > 0 ? "Eligibility.BarredUnexcused" : "Eligibility.BarredExcused");
        var refused = Assert.Throws<RuleViolation>(() => new ExamScore(Exam(c), TraineeOf(c), barred, 90));
        Assert.Equal("Exam.TraineeBarred", refused.MessageKey);
        Assert.Equal([excused, unexcused], refused.Arguments.Cast<int>().ToArray());
    }

    [Fact]
    public void ATraineeOfAnotherClassCantBeScored()
    {
        var refused = Assert.Throws<RuleViolation>(() => new ExamScore(Exam(Class()), TraineeOf(Class()), Eligible, 90));
        Assert.Equal("Exam.TraineeNotInClasses", refused.MessageKey);
    }
}
