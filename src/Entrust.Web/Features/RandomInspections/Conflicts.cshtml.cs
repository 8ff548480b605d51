using Entrust.Web.Data;
using Entrust.Web.Features.RandomInspections;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.RandomInspections;

/// <summary>
/// 回避: the recorded conflicts between officers and targets that the draw respects (GET/POST/DELETE /api/officer-conflicts):
/// the list, a form to add one, and a button to withdraw one recorded in error. The target list is narrowed by name.
/// </summary>
public sealed class ConflictsModel(ConflictBook book, EntrustDbContext db, ListExport export, IStringLocalizer<SharedResource> text) : PageModel
{
    public const int MaxChoices = 200;

    /// <summary>The page of the list shown, in the asked order.</summary>
    public Paged<ConflictDto> Conflicts { get; private set; } = new([], 0, 1, PagingExtensions.DefaultPageSize);
    public List<Features.Officers.PickerOfficer> Officers { get; private set; } = [];
    public List<Choice> Targets { get; private set; } = [];
    public bool MayKeep => book.MayKeep;

    [BindProperty(SupportsGet = true)] public string? TargetQuery { get; set; }
    [BindProperty] public Guid? OfficerId { get; set; }
    [BindProperty] public Guid? TargetId { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public Guid? ConflictId { get; set; }
    [FromQuery] public ListQuery Listing { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>The conflicts the user sees, in the list's order, as .xlsx (<see cref="ConflictBook.ExportAsync"/>).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var (content, name) = await book.ExportAsync(null, null, Listing, export, ct);
        return File(content, Spreadsheet.ContentType, name);
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (!book.MayKeep)
        {
            return Forbid();
        }
        var input = new ConflictInput(OfficerId, TargetId, Reason);
        var errors = book.Check(new FieldErrors(text), input);
        if (!errors.Any)
        {
            try
            {
                if (await book.AddAsync(input, ct) is null)
                {
                    return NotFound();
                }
                TempData["Flash"] = text["Conflicts.Added"].Value;
                return RedirectToPage("/RandomInspections/Conflicts");
            }
            catch (RuleViolation v)
            {
                errors.Add(v);
            }
        }
        // Keyed by the form's own names, so that each shows beside its field.
        errors.CopyTo(ModelState, "");
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        if (!book.MayKeep)
        {
            return Forbid();
        }
        if (!await book.DeleteAsync(ConflictId ?? Guid.Empty, ct))
        {
            return NotFound();
        }
        TempData["Flash"] = text["Conflicts.Removed"].Value;
        return RedirectToPage("/RandomInspections/Conflicts");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Conflicts = (await book.ListAsync(null, null, ct)).ToPaged(Listing, ConflictBook.Sorts);
        if (!book.MayKeep)
        {
            return;
        }
        Officers = await Features.Officers.OfficerPicker.WithUnits(db, db.Officers.AsNoTracking().Where(Features.Officers.Officer.Active()))
            .Take(ConflictBook.MaxRows).ToListAsync(ct);
        var targets = db.Targets.AsNoTracking().Where(t => t.MergedIntoId == null);
        if (!string.IsNullOrWhiteSpace(TargetQuery))
        {
            var q = TargetQuery.Trim();
            targets = targets.Where(t => t.Name.Contains(q));
        }
        Targets = await targets.OrderBy(t => t.Name).Take(MaxChoices).Select(t => new Choice(t.Id, t.Name)).ToListAsync(ct);
    }
}
