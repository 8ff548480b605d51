using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Officers;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Officers;

/// <summary>
/// Certificates in the user's scope with their validity today; for the office, the issue form (officers who passed and hold no
/// current certificate) and the changes. Every step is <see cref="CertificateBook"/>'s; a refusal is shown and changes nothing.
/// </summary>
public sealed class CertificatesModel(EntrustDbContext db, CertificateBook book, IStringLocalizer<SharedResource> text, ListExport export)
    : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public CertificateValidity? Validity { get; set; }
    [BindProperty(SupportsGet = true)] public bool Expiring { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [FromQuery] public ListQuery Listing { get; set; } = new();

    [BindProperty] public IssueInput Input { get; set; } = new(null, [], null, null);
    [BindProperty] public string? Reason { get; set; }

    public Paged<CertificateRow> Result { get; private set; } = new([], 0, 1, 20);
    public List<Choice> Townships { get; private set; } = [];
    public List<Choice> Departments { get; private set; } = [];
    public List<CertificateCandidate> Candidates { get; private set; } = [];
    public bool MayIssue => book.MayIssue;
    public DateOnly Today => book.Today;

    private CertificateFilter Filter => new(null, Unit, Validity, Expiring, Q, null, null);

    /// <summary>The expiring ones soonest first unless another order is asked.</summary>
    private ListQuery Ordered => CertificateBook.Ordered(Filter, Listing);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>What the filter shows, as .xlsx (<see cref="ListExport"/>).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var (content, name) = await book.ExportAsync(Filter, Listing, export, text, ct);
        return File(content, Spreadsheet.ContentType, name);
    }

    public async Task<IActionResult> OnPostIssueAsync(CancellationToken ct)
    {
        try
        {
            var certificate = await book.IssueAsync(Input, ct);
            TempData["Flash"] = text["Flash.CertificateIssued", certificate.Number].Value;
            return Redirect("/Certificates?q=" + Uri.EscapeDataString(certificate.Number));
        }
        catch (RuleViolation v)
        {
            db.ChangeTracker.Clear();
            // Each refusal beside its field of the issue form; one that names none (a certificate already held) above the page.
            foreach (var refused in v.All)
            {
                ModelState.AddModelError(refused.Field is null ? "" : "Input." + refused.Field, text.Message(refused));
            }
        }
        catch (ForbiddenAction)
        {
            return Forbid();
        }
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostSuspendAsync(Guid id, CancellationToken ct) =>
        StepAsync(() => book.SuspendAsync(id, Reason, ct), "Flash.CertificateSuspended", ct);

    public Task<IActionResult> OnPostReinstateAsync(Guid id, CancellationToken ct) =>
        StepAsync(() => book.ReinstateAsync(id, Reason, ct), "Flash.CertificateReinstated", ct);

    public Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct) =>
        StepAsync(() => book.RevokeAsync(id, Reason, ct), "Flash.CertificateRevoked", ct);

    public Task<IActionResult> OnPostReviewAsync(Guid id, bool passed, CancellationToken ct) =>
        StepAsync(() => book.ReviewAsync(id, passed, Reason, ct), passed ? "Flash.CertificateReviewPassed" : "Flash.CertificateReviewFailed", ct);

    private async Task<IActionResult> StepAsync(Func<Task<Certificate?>> step, string flashKey, CancellationToken ct)
    {
        try
        {
            var certificate = await step();
            if (certificate is null)
            {
                return NotFound();
            }
            TempData["Flash"] = text[flashKey, certificate.Number].Value;
            return Redirect("/Certificates?q=" + Uri.EscapeDataString(certificate.Number));
        }
        catch (RuleViolation v)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", text.Message(v));
        }
        catch (ForbiddenAction)
        {
            return Forbid();
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Result = await (await book.QueryAsync(Filter, ct)).ToPagedAsync(Ordered, CertificateBook.Sorts, ct);
        (Townships, Departments) = await Choice.PartiesAsync(db, ct);
        if (MayIssue)
        {
            Candidates = await book.CandidatesAsync(ct);
        }
    }

    public static IEnumerable<Domains.Domain> AllDomains => Domains.All;
}
