using System.Globalization;
using Entrust.Web.Platform;

namespace Entrust.Web.Features.Training;

/// <summary>
/// Who may do what with training and exams. The office (and the admin) runs classes, attendance and exams;
/// townships and departments nominate their own officers and read their own trainees' rows (the query filters
/// decide which rows); the auditor reads. Officers and anyone else: 403.
/// </summary>
public static class TrainingAccess
{
    public static bool MayRun(CurrentUser user) => user.Role is Roles.Admin or Roles.Office;

    public static bool MayRead(CurrentUser user) =>
        user.Role is Roles.Admin or Roles.Office or Roles.Auditor or Roles.Department or Roles.Township;

    public static bool MayNominate(CurrentUser user) =>
        user.Role is Roles.Admin or Roles.Office or Roles.Department or Roles.Township;

    public static void EnsureRun(CurrentUser user)
    {
        if (!MayRun(user))
        {
            throw new ForbiddenAction();
        }
    }

    public static void EnsureRead(CurrentUser user)
    {
        if (!MayRead(user))
        {
            throw new ForbiddenAction();
        }
    }

    public static void EnsureNominate(CurrentUser user)
    {
        if (!MayNominate(user))
        {
            throw new ForbiddenAction();
        }
    }
}

/// <summary>What people type for a mark or a session's part, in either language, on a page, in JSON or in a spreadsheet.</summary>
public static class TrainingWords
{
    private static readonly Dictionary<string, AttendanceMark> MarkWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Present"] = AttendanceMark.Present,
        ["出勤"] = AttendanceMark.Present,
        ["到"] = AttendanceMark.Present,
        ["√"] = AttendanceMark.Present,
        ["✓"] = AttendanceMark.Present,
        ["✔"] = AttendanceMark.Present,
        ["Excused"] = AttendanceMark.Excused,
        ["请假"] = AttendanceMark.Excused,
        ["假"] = AttendanceMark.Excused,
        ["Unexcused"] = AttendanceMark.Unexcused,
        ["旷课"] = AttendanceMark.Unexcused,
        ["旷"] = AttendanceMark.Unexcused,
        ["Absent"] = AttendanceMark.Unexcused,
    };

    private static readonly Dictionary<string, SessionPart> PartWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Morning"] = SessionPart.Morning,
        ["上午"] = SessionPart.Morning,
        ["AM"] = SessionPart.Morning,
        ["Afternoon"] = SessionPart.Afternoon,
        ["下午"] = SessionPart.Afternoon,
        ["PM"] = SessionPart.Afternoon,
        ["Evening"] = SessionPart.Evening,
        ["晚上"] = SessionPart.Evening,
    };

    public static bool TryMark(string? text, out AttendanceMark mark) => MarkWords.TryGetValue((text ?? "").Trim(), out mark);

    public static bool TryPart(string? text, out SessionPart part) => PartWords.TryGetValue((text ?? "").Trim(), out part);

    /// <summary>A session's column header: <c>2026-03-02 上午</c>.</summary>
    public static string SessionHeader(DateOnly date, string partText) => $"{date:yyyy-MM-dd} {partText}";

    /// <summary>Reads <c>2026-03-02 上午</c> (or <c>2026/3/2 Morning</c>) back into a day and a part.</summary>
    public static bool TrySession(string header, out DateOnly date, out SessionPart part)
    {
        date = default;
        part = default;
        var pieces = header.Trim().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return pieces.Length == 2
            && DateOnly.TryParseExact(pieces[0], ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy.M.d"], CultureInfo.InvariantCulture,
                DateTimeStyles.None, out date)
            && TryPart(pieces[1], out part);
    }
}
