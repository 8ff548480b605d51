using Entrust.Web.Data;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Agreements;

/// <summary>
/// One agreement with the steps its state and the user's role allow. Each step is <see cref="AgreementBook"/>'s;
/// a refusal is shown on the page and changes nothing.
/// </summary>
public sealed class DetailModel(EntrustDbContext db, AgreementBook book, CurrentUser user, IStringLocalizer<SharedResource> text) : PageModel
{
    public sealed class StepForm
    {
        public DateOnly? On { get; set; }
        public string? DepartmentSignatory { get; set; }
        public string? TownshipSignatory { get; set; }
        public string? Place { get; set; }
        public string? Reason { get; set; }
    }

    public sealed record VersionLink(Guid Id, int Version, AgreementState State);

    [BindProperty] public StepForm Input { get; set; } = new();
    public AgreementsApi.AgreementDto Agreement { get; private set; } = null!;
    public List<VersionLink> Versions { get; private set; } = [];
    public DateOnly Today => book.Today;

    /// <summary>The office manages every agreement of its district, a department its own; townships only read.</summary>
    public bool MayManage => user.Role is Roles.Admin or Roles.Office
        || (user.Role == Roles.Department && user.DepartmentId == Agreement.DepartmentId);

    public bool IsOffice => user.Role is Roles.Admin or Roles.Office;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetDocumentAsync(Guid id, CancellationToken ct)
    {
        var dto = await AgreementsApi.DetailAsync(db, id, book.Today, ct);
        if (dto is null)
        {
            return NotFound();
        }
        var bytes = AgreementDocument.Render(await AgreementsApi.DocumentModelAsync(db, dto, ct));
        return File(bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"{dto.Number}-v{dto.Version}.docx");
    }

    public Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, () => book.SubmitAsync(id, ct), "Flash.AgreementSubmitted", ct);

    public Task<IActionResult> OnPostReviewAsync(Guid id, bool approved, CancellationToken ct) =>
        StepAsync(id, () => book.ReviewAsync(id, approved, ct), approved ? "Flash.AgreementReviewPassed" : "Flash.AgreementSentBack", ct);

    public Task<IActionResult> OnPostSignAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, () => book.SignAsync(id, new SignInput(Input.On, Input.DepartmentSignatory, Input.TownshipSignatory), ct), "Flash.AgreementSigned", ct);

    public Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, () => book.PublishAsync(id, Input.On, Input.Place, ct), "Flash.AgreementPublished", ct);

    public Task<IActionResult> OnPostTerminateAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, () => book.TerminateAsync(id, Input.On, Input.Reason, ct), "Flash.AgreementTerminated", ct);

    public Task<IActionResult> OnPostAmendAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, () => book.AmendAsync(id, ct), "Flash.AgreementAmended", ct);

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        try
        {
            if (!await book.DeleteDraftAsync(id, ct))
            {
                return NotFound();
            }
            TempData["Flash"] = text["Flash.Deleted"].Value;
            return Redirect("/Agreements");
        }
        catch (RuleViolation v)
        {
            return await RefusedAsync(id, v, ct);
        }
        catch (ForbiddenAction)
        {
            return Forbid();
        }
    }

    /// <summary>Runs one step; afterwards shows the agreement the step produced (a new version for an amendment).</summary>
    private async Task<IActionResult> StepAsync(Guid id, Func<Task<Agreement?>> step, string flashKey, CancellationToken ct)
    {
        try
        {
            var agreement = await step();
            if (agreement is null)
            {
                return NotFound();
            }
            TempData["Flash"] = text[flashKey, agreement.Number].Value;
            return Redirect($"/Agreements/Detail/{agreement.Id}");
        }
        catch (RuleViolation v)
        {
            return await RefusedAsync(id, v, ct);
        }
        catch (ForbiddenAction)
        {
            return Forbid();
        }
    }

    private async Task<IActionResult> RefusedAsync(Guid id, RuleViolation v, CancellationToken ct)
    {
        // The refused step saved nothing; forget what it changed in memory so the page shows the stored agreement.
        db.ChangeTracker.Clear();
        ModelState.AddModelError("", text.Message(v));
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await AgreementsApi.DetailAsync(db, id, book.Today, ct) is not { } agreement)
        {
            return false;
        }
        Agreement = agreement;
        // The chain of versions: back through PreviousVersionId, forward through the versions that name this one.
        var all = await db.Agreements.AsNoTracking().Where(a => a.Number == agreement.Number && a.DepartmentId == agreement.DepartmentId
                && a.TownshipId == agreement.TownshipId)
            .OrderBy(a => a.Version).Select(a => new VersionLink(a.Id, a.Version, a.State)).ToListAsync(ct);
        Versions = all.Count > 1 ? all : [];
        return true;
    }
}
