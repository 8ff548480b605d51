using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Assessment;

/// <summary>One unit's result: every point lost with a link to its record, the self-assessment and the appeal.</summary>
public sealed class ResultModel(AssessmentBook book, IStringLocalizer<SharedResource> text) : ConsolePageModel(text)
{
    public ResultDetail Result { get; private set; } = null!;

    [BindProperty] public string? AppealText { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await book.ResultAsync(id, ct) is not { } result)
        {
            return NotFound();
        }
        Result = result;
        return Page();
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
