using Entrust.Web.Features.Officers;
using Entrust.Web.Platform;

namespace Entrust.Web.Features.Training;

public enum SessionPart
{
    Morning = 0,   // 上午
    Afternoon = 1, // 下午
    Evening = 2,   // 晚上
}

public enum AttendanceMark
{
    Present = 0,   // 出勤
    Excused = 1,   // 请假
    Unexcused = 2, // 旷课
}

/// <summary>
/// A qualification training class (资格培训班) run by the office: several days, one or more sessions a day,
/// and the trainees their units nominated. Attendance is taken per session and trainee.
/// </summary>
public sealed class TrainingClass
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public string Name { get; private set; } = "";
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    public string Venue { get; private set; } = "";
    public string Teachers { get; private set; } = "";
    public List<TrainingSession> Sessions { get; private set; } = [];

    private TrainingClass() { }

    public TrainingClass(Guid districtId, TrainingClassFields fields)
    {
        DistrictId = districtId;
        Update(fields);
    }

    public void Update(TrainingClassFields f)
    {
        if (string.IsNullOrWhiteSpace(f.Name) || f.Name.Trim().Length > 100)
        {
            throw new RuleViolation("Training.NameRequired") { Field = "Name" };
        }
        if (f.EndsOn < f.StartsOn || f.EndsOn.DayNumber - f.StartsOn.DayNumber > 60)
        {
            throw new RuleViolation("Training.DatesInvalid") { Field = "EndsOn" };
        }
        if (Sessions.Any(s => s.Date < f.StartsOn || s.Date > f.EndsOn))
        {
            throw new RuleViolation("Training.SessionOutsideDates") { Field = "StartsOn" };
        }
        Name = f.Name.Trim();
        StartsOn = f.StartsOn;
        EndsOn = f.EndsOn;
        Venue = (f.Venue ?? "").Trim();
        Teachers = (f.Teachers ?? "").Trim();
    }

    public TrainingSession AddSession(DateOnly date, SessionPart part, string? topic, string? teacher)
    {
        if (date < StartsOn || date > EndsOn)
        {
            throw new RuleViolation("Training.SessionOutsideDates") { Field = "Date" };
        }
        if (Sessions.Any(s => s.Date == date && s.Part == part))
        {
            throw RuleViolation.Conflict("Training.SessionExists", date.ToString("yyyy-MM-dd"));
        }
        var session = new TrainingSession(this, date, part, topic, teacher);
        Sessions.Add(session);
        return session;
    }

    /// <summary>A morning and an afternoon session on every day of the class (the seed's pattern).</summary>
    public void AddDailySessions(params SessionPart[] parts)
    {
        for (var day = StartsOn; day <= EndsOn; day = day.AddDays(1))
        {
            foreach (var part in parts)
            {
                if (!Sessions.Any(s => s.Date == day && s.Part == part))
                {
                    AddSession(day, part, null, null);
                }
            }
        }
    }
}

public sealed record TrainingClassFields(string Name, DateOnly StartsOn, DateOnly EndsOn, string? Venue, string? Teachers);

public sealed class TrainingSession
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid TrainingClassId { get; private set; }
    public DateOnly Date { get; private set; }
    public SessionPart Part { get; private set; }
    public string? Topic { get; private set; }
    public string? Teacher { get; private set; }

    private TrainingSession() { }

    internal TrainingSession(TrainingClass owner, DateOnly date, SessionPart part, string? topic, string? teacher)
    {
        DistrictId = owner.DistrictId;
        TrainingClassId = owner.Id;
        Date = date;
        Part = part;
        Topic = string.IsNullOrWhiteSpace(topic) ? null : topic.Trim();
        Teacher = string.IsNullOrWhiteSpace(teacher) ? null : teacher.Trim();
    }
}

/// <summary>An officer nominated to a class by their unit. The unit columns copy the officer's for scoping.</summary>
public sealed class Trainee
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid TrainingClassId { get; private set; }
    public Guid OfficerId { get; private set; }
    public Guid? TownshipId { get; private set; }
    public Guid? DepartmentId { get; private set; }
    public DateTimeOffset NominatedAt { get; private set; }

    private Trainee() { }

    public Trainee(TrainingClass trainingClass, Officer officer, DateTimeOffset nominatedAt)
    {
        if (!officer.IsActive)
        {
            throw new RuleViolation("Training.OfficerNotActive", officer.Name) { Field = "OfficerId" };
        }
        if (officer.DistrictId != trainingClass.DistrictId)
        {
            throw new RuleViolation("Training.OfficerOtherDistrict", officer.Name) { Field = "OfficerId" };
        }
        DistrictId = trainingClass.DistrictId;
        TrainingClassId = trainingClass.Id;
        OfficerId = officer.Id;
        TownshipId = officer.TownshipId;
        DepartmentId = officer.DepartmentId;
        NominatedAt = nominatedAt.ToUniversalTime(); // PostgreSQL keeps timestamptz in UTC only
    }
}

/// <summary>One trainee's mark for one session. No row yet means attendance for that session was not taken.</summary>
public sealed class Attendance
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid TraineeId { get; private set; }
    public Guid SessionId { get; private set; }
    public Guid? TownshipId { get; private set; }
    public Guid? DepartmentId { get; private set; }
    public AttendanceMark Mark { get; private set; }
    public string? Note { get; private set; }

    private Attendance() { }

    public Attendance(Trainee trainee, TrainingSession session, AttendanceMark mark, string? note)
    {
        if (trainee.TrainingClassId != session.TrainingClassId)
        {
            throw new RuleViolation("Training.SessionOfOtherClass") { Field = "SessionId" };
        }
        DistrictId = trainee.DistrictId;
        TraineeId = trainee.Id;
        SessionId = session.Id;
        TownshipId = trainee.TownshipId;
        DepartmentId = trainee.DepartmentId;
        Set(mark, note);
    }

    public void Set(AttendanceMark mark, string? note)
    {
        if (!Enum.IsDefined(mark))
        {
            throw new RuleViolation("Training.MarkInvalid") { Field = "Mark" };
        }
        Mark = mark;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim().Length > 200 ? note.Trim()[..200] : note.Trim();
    }
}
