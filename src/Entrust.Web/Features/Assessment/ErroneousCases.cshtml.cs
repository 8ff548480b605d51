using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Assessment;

/// <summary>执法错案: the candidates (cases a remedy changed or overturned) and the office's decisions, with the office's form.</summary>
public sealed class ErroneousCasesModel(AssessmentBook book, IStringLocalizer<SharedResource> text) : ConsolePageModel(text)
{
    public ErroneousList List { get; private set; } = null!;
    public bool IsOffice => book.IsOffice;

    [BindProperty] public AssessmentApi.ErroneousInput? Input { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => List = await book.ErroneousAsync(ct);

    public Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        RunAsync(() => book.DecideErroneousAsync(Input!.CaseId, Input.Decision.OrUnchosen(), Input.Fault, Input.Reasons, Input.DecisionNumber, Input.DecidedOn, ct),
            e => (Text["Assessment.ErroneousDecided", e.CaseNumber], "/Assessment/ErroneousCases"),
            async () =>
            {
                await OnGetAsync(ct);
                return Page();
            });
}
