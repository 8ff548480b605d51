namespace Entrust.Web.Features.Assessment;

/// <summary>How a grant (赋权) was used in the year (LAW 8: a grant is evaluated periodically).</summary>
public enum GrantRating
{
    Good = 0,   // 良好: used, on time, nothing overturned or failed
    Fair = 1,   // 一般: used, with late decisions, failed case files or a conclusion rate below the scheme's target
    Poor = 2,   // 较差: a decision overturned on reconsideration or litigation, or an erroneous case confirmed
    Unused = 3, // 未使用: no case filed under it in the year
}

/// <summary>What the rating feeds: whether the grant continues.</summary>
public enum GrantAdvice
{
    Continue = 0, // 继续赋权
    Rectify = 1,  // 限期整改后继续
    Review = 2,   // 提请评估调整或收回
}

/// <summary>
/// A grant's year counted from the records: cases filed under it and how many are over (<see cref="Cases.Case.StillOpen"/> not true),
/// decisions late (the B1 records), decisions lost on reconsideration or litigation (the D1/D2 records), confirmed erroneous cases and
/// case files graded 不合格.
/// </summary>
public sealed record GrantUse(int Filed, int Over, int DecidedLate, int Overturned, int Erroneous, int FilesFailed);

public sealed record GrantEvaluationView(Guid AgreementId, string Number, int Version, Guid TownshipId, string Township, Guid DepartmentId,
    string Department, string? GrantDecisionNumber, GrantUse Use, GrantRating Rating, GrantAdvice Advice);

/// <summary>The rating of a grant's use in the year, pure: the records counted in, a rating and what it advises out.</summary>
public static class GrantEvaluation
{
    /// <summary>
    /// Poor (review the grant) when a decision under it was overturned or an erroneous case confirmed; unused (review) when no case was
    /// filed; fair (rectify) when a decision was late, a file failed its review, or fewer cases are over than
    /// <paramref name="conclusionTarget"/> (the scheme's conclusion-rate target, none when the scheme has no such indicator); else good.
    /// </summary>
    public static (GrantRating Rating, GrantAdvice Advice) Rate(GrantUse use, decimal? conclusionTarget)
    {
        if (use.Overturned > 0 || use.Erroneous > 0)
        {
            return (GrantRating.Poor, GrantAdvice.Review);
        }
        if (use.Filed == 0)
        {
            return (GrantRating.Unused, GrantAdvice.Review);
        }
        var belowTarget = conclusionTarget is { } target && (decimal)use.Over / use.Filed < target;
        return use.DecidedLate > 0 || use.FilesFailed > 0 || belowTarget
            ? (GrantRating.Fair, GrantAdvice.Rectify)
            : (GrantRating.Good, GrantAdvice.Continue);
    }
}
