using Entrust.Web.Platform;

namespace Entrust.Web.Features.Training;

/// <summary>
/// An exam sitting (资格考试) for one or more classes: a paper with a full mark and a pass mark. Only eligible
/// trainees of those classes are scored (<see cref="Eligibility"/>); a score at or above the pass mark passes.
/// </summary>
public sealed class Exam
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public string Name { get; private set; } = "";
    public DateOnly HeldOn { get; private set; }
    public decimal FullMark { get; private set; } = 100;
    public decimal PassMark { get; private set; } = 60;
    public List<ExamClass> Classes { get; private set; } = [];

    private Exam() { }

    public Exam(Guid districtId, ExamFields fields, IEnumerable<TrainingClass> classes)
    {
        DistrictId = districtId;
        Update(fields);
        var list = classes.ToList();
        if (list.Count == 0)
        {
            throw new RuleViolation("Exam.ClassesRequired") { Field = "ClassIds" };
        }
        if (list.Any(c => c.DistrictId != districtId))
        {
            throw new RuleViolation("Exam.ClassOtherDistrict") { Field = "ClassIds" };
        }
        if (list.Any(c => c.EndsOn > fields.HeldOn))
        {
            throw new RuleViolation("Exam.BeforeClassEnds") { Field = "HeldOn" };
        }
        Classes = list.Select(c => new ExamClass(Id, c.Id)).ToList();
    }

    public void Update(ExamFields f)
    {
        if (string.IsNullOrWhiteSpace(f.Name) || f.Name.Trim().Length > 100)
        {
            throw new RuleViolation("Exam.NameRequired") { Field = "Name" };
        }
        if (f.FullMark is <= 0 or > 1000)
        {
            throw new RuleViolation("Exam.FullMarkInvalid") { Field = "FullMark" };
        }
        if (f.PassMark <= 0 || f.PassMark > f.FullMark)
        {
            throw new RuleViolation("Exam.PassMarkInvalid", Mark(f.FullMark)) { Field = "PassMark" };
        }
        Name = f.Name.Trim();
        HeldOn = f.HeldOn;
        FullMark = f.FullMark;
        PassMark = f.PassMark;
    }

    public bool Passes(decimal score) => score >= PassMark;

    /// <summary>A mark as a message says it: 100, 99.5 (a stored mark keeps its column's scale, which would read 100.0).</summary>
    private static string Mark(decimal mark) => mark.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Refuses a score outside 0..full mark (half points allowed).</summary>
    public void CheckScore(decimal score)
    {
        if (score < 0 || score > FullMark || decimal.Round(score * 2) != score * 2)
        {
            throw new RuleViolation("Exam.ScoreOutOfRange", Mark(FullMark)) { Field = "Score" };
        }
    }
}

public sealed record ExamFields(string Name, DateOnly HeldOn, decimal FullMark, decimal PassMark);

public sealed class ExamClass
{
    public Guid ExamId { get; private set; }
    public Guid TrainingClassId { get; private set; }

    private ExamClass() { }

    public ExamClass(Guid examId, Guid trainingClassId) => (ExamId, TrainingClassId) = (examId, trainingClassId);
}

/// <summary>One trainee's score in one exam. The unit columns copy the trainee's for scoping.</summary>
public sealed class ExamScore
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid ExamId { get; private set; }
    public Guid TraineeId { get; private set; }
    public Guid OfficerId { get; private set; }
    public Guid? TownshipId { get; private set; }
    public Guid? DepartmentId { get; private set; }
    public decimal Score { get; private set; }
    public bool Passed { get; private set; }

    private ExamScore() { }

    /// <summary>Scores an eligible trainee; <paramref name="eligibility"/> comes from <see cref="Eligibility.Of"/>.</summary>
    public ExamScore(Exam exam, Trainee trainee, EligibilityResult eligibility, decimal score)
    {
        if (!exam.Classes.Any(c => c.TrainingClassId == trainee.TrainingClassId))
        {
            throw new RuleViolation("Exam.TraineeNotInClasses") { Field = "TraineeId" };
        }
        if (!eligibility.Eligible)
        {
            throw new RuleViolation("Exam.TraineeBarred", eligibility.Excused, eligibility.Unexcused) { Field = "TraineeId" };
        }
        DistrictId = exam.DistrictId;
        ExamId = exam.Id;
        TraineeId = trainee.Id;
        OfficerId = trainee.OfficerId;
        TownshipId = trainee.TownshipId;
        DepartmentId = trainee.DepartmentId;
        Change(exam, score);
    }

    public void Change(Exam exam, decimal score)
    {
        exam.CheckScore(score);
        Score = score;
        Passed = exam.Passes(score);
    }
}
