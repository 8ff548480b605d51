using Entrust.Web.Features.Officers;

namespace Entrust.Web.Features.Training;

/// <summary>Whether a trainee may sit the exam, and the counts that decide it (shown to the trainee and the unit).</summary>
public sealed record EligibilityResult(bool Eligible, int Excused, int Unexcused, string? ReasonKey);

/// <summary>
/// The seed's rule, thresholds set by the office: 请假两次以上 (excused absences ≥ the excused threshold) or
/// 旷课一次 (unexcused absences ≥ the unexcused threshold) bars the trainee from the exam.
/// </summary>
public static class Eligibility
{
    public static EligibilityResult Of(IEnumerable<AttendanceMark> marks, QualificationSettings settings)
    {
        int excused = 0, unexcused = 0;
        foreach (var mark in marks)
        {
            if (mark == AttendanceMark.Excused)
            {
                excused++;
            }
            else if (mark == AttendanceMark.Unexcused)
            {
                unexcused++;
            }
        }
        var reason = unexcused >= settings.UnexcusedAbsencesThatBar ? "Eligibility.BarredUnexcused"
            : excused >= settings.ExcusedAbsencesThatBar ? "Eligibility.BarredExcused"
            : null;
        return new EligibilityResult(reason is null, excused, unexcused, reason);
    }
}
