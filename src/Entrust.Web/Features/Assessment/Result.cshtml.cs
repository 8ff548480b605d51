using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Assessment;

/// <summary>One unit's result: every point lost with a link to its record, the self-assessment and the appeal.</summary>
public sealed class ResultModel(AssessmentBook book, IStringLocalizer<SharedResource> text) : ConsolePageModel(text)
{
    public ResultDetail Result { get; private set; } = null!;

    [BindProperty] public string? AppealText { get; set; }

    /// <summary>The self-assessment, manual-score and appeal-decision forms' fields, named as the books' inputs so refusals land beside them.</summary>
    public sealed class PageInput
    {
        public decimal Score { get; set; }
        public string? Text { get; set; }
        public string? IndicatorCode { get; set; }
        public decimal Deduct { get; set; }
        public string? Evidence { get; set; }
        public bool Accepted { get; set; }
        public decimal PointsRestored { get; set; }
        public string? Reply { get; set; }
    }

    [BindProperty] public PageInput Input { get; set; } = new();

    public bool IsOffice => book.IsOffice;

    /// <summary>The unit's own result while scoring: it may self-assess (with its evidence in the text).</summary>
    public bool MaySelfAssess => book.IsUnit && Result.RoundState == RoundState.Scoring;

    /// <summary>The manual indicators of the round's scheme that apply to this unit, for the assessors' form.</summary>
    public IReadOnlyList<IndicatorView> ManualIndicators { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await book.ResultAsync(id, ct) is not { } result)
        {
            return NotFound();
        }
        Result = result;
        if (IsOffice && result.RoundState == RoundState.Scoring && await book.RoundAsync(result.Year, ct) is { } round)
        {
            var unit = result.Result.Kind == UnitKind.Township ? UnitKinds.Township : UnitKinds.Department;
            ManualIndicators = [.. (await book.SchemesAsync(result.Year, ct)).Where(s => s.Id == round.SchemeId)
                .SelectMany(s => s.Indicators).Where(i => i.Kind == IndicatorKind.Manual && i.AppliesTo.HasFlag(unit))];
        }
        return Page();
    }

    public Task<IActionResult> OnPostSelfAssessAsync(Guid id, CancellationToken ct) =>
        WithResultAsync(id, r => book.SelfAssessAsync(r.Year, Input.Score, Input.Text, ct), "Assessment.SelfAssessed", ct);

    public Task<IActionResult> OnPostScoreAsync(Guid id, CancellationToken ct) =>
        WithResultAsync(id, r => book.ScoreAsync(r.Year, id, Input.IndicatorCode ?? "", Input.Deduct, Input.Evidence, ct), "Assessment.ScoredFlash", ct);

    public Task<IActionResult> OnPostDecideAppealAsync(Guid id, CancellationToken ct) =>
        WithResultAsync(id, r => book.DecideAppealAsync(r.Year, id, Input.Accepted, Input.PointsRestored, Input.Reply, ct), "Assessment.AppealDecided", ct);

    private async Task<IActionResult> WithResultAsync(Guid id, Func<ResultDetail, Task<ResultDetail?>> write, string flash, CancellationToken ct)
    {
        if (await book.ResultAsync(id, ct) is not { } result)
        {
            return NotFound();
        }
        return await RunAsync(() => write(result), _ => (Text[flash], $"/Assessment/Result/{id}"), async () => await OnGetAsync(id, ct));
    }

    public async Task<IActionResult> OnPostAppealAsync(Guid id, CancellationToken ct)
    {
        if (await book.ResultAsync(id, ct) is not { } result)
        {
            return NotFound();
        }
        return await RunAsync(() => book.AppealAsync(result.Year, AppealText, ct), r => (Text["Assessment.AppealFiled"], $"/Assessment/Result/{id}"),
            async () => await OnGetAsync(id, ct));
    }

    /// <summary>Where a deduction's record is shown.</summary>
    public static string? LinkOf(DeductionView d) => (d.EvidenceKind, d.EvidenceId) switch
    {
        (EvidenceKind.Case or EvidenceKind.Remedy, { } id) => $"/Cases/Detail/{id}",
        (EvidenceKind.Report, { } id) => $"/Reports/Detail/{id}",
        (EvidenceKind.Gap, _) => "/Gaps",
        (EvidenceKind.ActionItem, _) => "/Meetings",
        (EvidenceKind.Officer, { } id) => $"/Officers/Detail?id={id}",
        (EvidenceKind.ErroneousCase, { } id) => $"/Assessment/ErroneousCases#e-{id}",
        _ => null,
    };
}
