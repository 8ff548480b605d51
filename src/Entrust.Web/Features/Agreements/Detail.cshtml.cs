using Entrust.Web.Data;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Agreements;

/// <summary>
/// One agreement with the steps its state and the user's role allow. Each step is <see cref="AgreementBook"/>'s;
/// a refusal is shown on the page and changes nothing: a step that takes input (sign, publish, terminate) is a small form
/// in a dialog, and its refusal opens that dialog again with each error beside its field and what was typed kept.
/// </summary>
public sealed class DetailModel(EntrustDbContext db, AgreementBook book, Meetings.MeetingBook meetings, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty] public SignInput Sign { get; set; } = new(null, null, null);
    [BindProperty] public PublishInput Publish { get; set; } = new(null, null);
    [BindProperty] public TerminateInput Terminate { get; set; } = new(null, null);
    public AgreementDto Agreement { get; private set; } = null!;
    public List<AgreementVersion> Versions { get; private set; } = [];

    /// <summary>The meeting whose decision proposed this agreement, if one did (the page links back).</summary>
    public Meetings.MeetingOrigin? Origin { get; private set; }
    public DateOnly Today => book.Today;

    /// <summary>The office manages every agreement of its district, a department its own; townships only read.</summary>
    public bool MayManage => book.MayManage(Agreement.DepartmentId);

    public bool IsOffice => book.IsOffice;

    /// <summary>The step (Sign, Publish, Terminate) whose dialog sent a refused post: drawn open, its errors under "Step.Field"
    /// (or "Step" for a refusal that names no field).</summary>
    public string? RefusedStep { get; private set; }

    /// <summary>起草 → 提交 → 审核 → 签订 → 公开 by the state reached (a draft sent back is a draft again), and 终止 when it ended.</summary>
    public static List<Stage> StagesOf(AgreementDto a)
    {
        var ended = a.State == AgreementState.Terminated;
        Stage Step(string key, AgreementState reached, DateOnly? on) =>
            ended ? Stage.Reached(key, on) : new(key, a.State >= reached, a.State >= reached ? on : null);
        List<Stage> stages =
        [
            new("Stage.Draft", true), Step("Stage.Submit", AgreementState.Submitted, a.SubmittedOn),
            Step("Stage.Review", AgreementState.Reviewed, a.ReviewedOn), Step("Stage.Sign", AgreementState.Signed, a.SignedOn),
            Step("Stage.Publish", AgreementState.Published, a.PublishedOn),
        ];
        if (ended)
        {
            stages.Add(new("Stage.Terminate", true, a.TerminatedOn, Stop: true));
        }
        return stages;
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetDocumentAsync(Guid id, CancellationToken ct) =>
        await book.DocumentAsync(id, ct) is { } file ? File(file.Content, AgreementDocument.ContentType, file.FileName) : NotFound();

    public Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, () => book.SubmitAsync(id, ct), "Flash.AgreementSubmitted", ct);

    public Task<IActionResult> OnPostReviewAsync(Guid id, bool approved, CancellationToken ct) =>
        StepAsync(id, () => book.ReviewAsync(id, approved, ct), approved ? "Flash.AgreementReviewPassed" : "Flash.AgreementSentBack", ct);

    public Task<IActionResult> OnPostSignAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, () => book.SignAsync(id, Sign, ct), "Flash.AgreementSigned", ct, nameof(Sign));

    public Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, () => book.PublishAsync(id, Publish, ct), "Flash.AgreementPublished", ct, nameof(Publish));

    public Task<IActionResult> OnPostTerminateAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, () => book.TerminateAsync(id, Terminate, ct), "Flash.AgreementTerminated", ct, nameof(Terminate));

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

    /// <summary>Runs one step; afterwards shows the agreement the step produced (a new version for an amendment).
    /// <paramref name="form"/> names the dialog that sent it, if one did.</summary>
    private async Task<IActionResult> StepAsync(Guid id, Func<Task<Agreement?>> step, string flashKey, CancellationToken ct, string? form = null)
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
            return await RefusedAsync(id, v, ct, form);
        }
        catch (ForbiddenAction)
        {
            return Forbid();
        }
    }

    private async Task<IActionResult> RefusedAsync(Guid id, RuleViolation v, CancellationToken ct, string? form = null)
    {
        // The refused step saved nothing; forget what it changed in memory so the page shows the stored agreement.
        db.ChangeTracker.Clear();
        RefusedStep = form;
        var key = form is null ? "" : v.Field is null ? form : $"{form}.{v.Field}";
        ModelState.AddModelError(key, text.Message(v));
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await book.GetAsync(id, ct) is not { } agreement)
        {
            return false;
        }
        Agreement = agreement;
        Versions = await book.VersionsAsync(agreement, ct);
        Origin = (await meetings.OriginsAsync([id], ct)).GetValueOrDefault(id);
        return true;
    }
}
