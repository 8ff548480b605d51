namespace Entrust.Web.Platform;

/// <summary>
/// One stage of a record's step bar (issue 18: 立案 → … → 结案 on a case, 起草 → 提交 → 审核 → 签订 → 公开 on an agreement), drawn by
/// <c>_StepBar</c>: done with the day it was reached; the first stage not done is the current one. <see cref="Stop"/> marks the
/// stage that took the record off its usual course (终止, 移送司法机关), drawn red.
/// </summary>
public sealed record Stage(string LabelKey, bool Done, DateOnly? On = null, bool Stop = false)
{
    public static Stage Reached(string labelKey, DateOnly? on) => new(labelKey, on is not null, on);
}
