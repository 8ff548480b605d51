using Entrust.Web.Platform;

namespace Entrust.Web.Features.Reports;

public enum ReportState
{
    Draft = 0,        // 待报送: the township reviews the live figures and writes its remarks
    Submitted = 1,    // 已报送: figures frozen, waiting for the department
    Acknowledged = 2, // 已确认
    Returned = 3,     // 已退回: the department's comment says what to change; the township submits a new version
}

/// <summary>
/// A township's monthly report (委托执法报表) to one entrusting department: "歇马镇每个月要向相关区级部门上报委托执法报表". The figures
/// are compiled from the records (<see cref="ReportFigures"/>) and frozen as JSON when the township submits, with its remarks; the
/// department acknowledges it or returns it with a comment, and a resubmission is a new version, the earlier kept in
/// <see cref="Versions"/>. A submission after the due day is allowed and recorded as late.
/// </summary>
public sealed class MonthlyReport
{
    public const int RemarksLength = 2000;
    public const int CommentLength = 1000;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid TownshipId { get; private set; }
    public Guid DepartmentId { get; private set; }

    /// <summary>The month as yyyymm (<see cref="Platform.Month.Key"/>).</summary>
    public int MonthKey { get; private set; }
    public ReportState State { get; private set; }

    /// <summary>How many times it was submitted: 0 as a first draft, then the number of the version in force.</summary>
    public int Version { get; private set; }
    public string? Remarks { get; private set; }
    public string? SubmittedBy { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public DateOnly? SubmittedOn { get; private set; }

    /// <summary>The due day when it was submitted, and whether the submission came after it.</summary>
    public DateOnly? DueOn { get; private set; }
    public bool SubmittedLate { get; private set; }

    /// <summary>
    /// The day the nightly job found it not submitted after its due day (<see cref="FlagLate"/>); kept once set, so that lists and the
    /// workbench can ask SQL for late reports without the district's calendar.
    /// </summary>
    public DateOnly? FlaggedLateOn { get; private set; }

    /// <summary>The figures as submitted: <see cref="FigureLine"/>s as JSON.</summary>
    public string? Snapshot { get; private set; }
    public string? DepartmentComment { get; private set; }
    public string? AnsweredBy { get; private set; }
    public DateOnly? AnsweredOn { get; private set; }
    public List<MonthlyReportVersion> Versions { get; private set; } = [];

    private MonthlyReport() { }

    public MonthlyReport(Guid districtId, Guid townshipId, Guid departmentId, Month month)
    {
        DistrictId = districtId;
        TownshipId = townshipId;
        DepartmentId = departmentId;
        MonthKey = month.Key;
    }

    public Month Month => Month.FromKey(MonthKey);

    /// <summary>The township may still change and submit it.</summary>
    public bool IsOpen => State is ReportState.Draft or ReportState.Returned;

    /// <summary><see cref="IsOpen"/> for the database (the gap scan's overdue reports).</summary>
    public static System.Linq.Expressions.Expression<Func<MonthlyReport, bool>> Open() =>
        r => r.State == ReportState.Draft || r.State == ReportState.Returned;

    /// <summary>Not submitted and the due day has passed (a returned report counts as not submitted).</summary>
    public bool IsOverdue(DateOnly dueOn, DateOnly today) => IsOpen && today > dueOn;

    /// <summary>Flags it late when it is overdue and not flagged yet; true when it was flagged now.</summary>
    public bool FlagLate(DateOnly dueOn, DateOnly today)
    {
        if (FlaggedLateOn is not null || !IsOverdue(dueOn, today))
        {
            return false;
        }
        FlaggedLateOn = today;
        return true;
    }

    /// <summary>Keeps the township's remarks without submitting.</summary>
    public void SaveRemarks(string? remarks)
    {
        EnsureOpen();
        Remarks = CleanRemarks(remarks);
    }

    /// <summary>
    /// Submits the figures as they stand, with the remarks: version 1, or the next one after a return (the earlier version is kept).
    /// Late when <paramref name="today"/> is after <paramref name="dueOn"/>: recorded, not refused.
    /// </summary>
    public void Submit(string? remarks, string snapshot, string by, DateTimeOffset at, DateOnly today, DateOnly dueOn)
    {
        EnsureOpen();
        Remarks = CleanRemarks(remarks);
        Version++;
        State = ReportState.Submitted;
        Snapshot = snapshot;
        SubmittedBy = by;
        SubmittedAt = at.ToUniversalTime();
        SubmittedOn = today;
        DueOn = dueOn;
        SubmittedLate = today > dueOn;
        DepartmentComment = null;
        AnsweredBy = null;
        AnsweredOn = null;
        Versions.Add(new MonthlyReportVersion(this));
    }

    public void Acknowledge(string? comment, string by, DateOnly today) => Answer(ReportState.Acknowledged, comment, by, today);

    /// <summary>Returned with the department's comment, which is required: the township must know what to change.</summary>
    public void Return(string? comment, string by, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(comment))
        {
            throw new RuleViolation("Report.CommentRequired") { Field = "Comment" };
        }
        Answer(ReportState.Returned, comment, by, today);
    }

    private void Answer(ReportState state, string? comment, string by, DateOnly today)
    {
        if (State != ReportState.Submitted)
        {
            throw RuleViolation.Conflict("Report.NotSubmitted", new Text("ReportState." + State));
        }
        if (comment?.Trim().Length > CommentLength)
        {
            throw new RuleViolation("Validation.TooLong", new Text("Field.Comment"), CommentLength) { Field = "Comment" };
        }
        State = state;
        DepartmentComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        AnsweredBy = by;
        AnsweredOn = today;
        Versions.Single(v => v.Version == Version).Answered(state, DepartmentComment, by, today);
    }

    private void EnsureOpen()
    {
        if (!IsOpen)
        {
            throw RuleViolation.Conflict("Report.NotOpen", new Text("ReportState." + State));
        }
    }

    private static string? CleanRemarks(string? remarks)
    {
        if (remarks?.Trim().Length > RemarksLength)
        {
            throw new RuleViolation("Validation.TooLong", new Text("Field.Remarks"), RemarksLength) { Field = "Remarks" };
        }
        return string.IsNullOrWhiteSpace(remarks) ? null : remarks.Trim();
    }
}

/// <summary>One submission of a report as it was: its remarks, figures and the department's answer. Never changed but by that answer.</summary>
public sealed class MonthlyReportVersion
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid ReportId { get; private set; }
    public int Version { get; private set; }
    public string? Remarks { get; private set; }
    public string Snapshot { get; private set; } = "";
    public string SubmittedBy { get; private set; } = "";
    public DateTimeOffset SubmittedAt { get; private set; }
    public DateOnly SubmittedOn { get; private set; }
    public bool SubmittedLate { get; private set; }
    public ReportState? Answer { get; private set; }
    public string? DepartmentComment { get; private set; }
    public string? AnsweredBy { get; private set; }
    public DateOnly? AnsweredOn { get; private set; }

    private MonthlyReportVersion() { }

    internal MonthlyReportVersion(MonthlyReport report)
    {
        DistrictId = report.DistrictId;
        ReportId = report.Id;
        Version = report.Version;
        Remarks = report.Remarks;
        Snapshot = report.Snapshot!;
        SubmittedBy = report.SubmittedBy!;
        SubmittedAt = report.SubmittedAt!.Value;
        SubmittedOn = report.SubmittedOn!.Value;
        SubmittedLate = report.SubmittedLate;
    }

    internal void Answered(ReportState answer, string? comment, string by, DateOnly on)
    {
        Answer = answer;
        DepartmentComment = comment;
        AnsweredBy = by;
        AnsweredOn = on;
    }
}

/// <summary>The office's settings for its district's reports: the working day of the next month a report is due (default the 5th).</summary>
public sealed class ReportSettings
{
    public const int DefaultDueWorkingDay = 5;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public int DueWorkingDay { get; private set; } = DefaultDueWorkingDay;

    private ReportSettings() { }

    public ReportSettings(Guid districtId, int dueWorkingDay)
    {
        DistrictId = districtId;
        Set(dueWorkingDay);
    }

    public void Set(int dueWorkingDay)
    {
        if (dueWorkingDay is < 1 or > 20)
        {
            throw new RuleViolation("Report.DueWorkingDayInvalid") { Field = "DueWorkingDay" };
        }
        DueWorkingDay = dueWorkingDay;
    }
}
