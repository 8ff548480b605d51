using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Catalog.Edit;

/// <summary>
/// The one shape of the catalogue's edit pages: the form binds the <see cref="Catalogue"/>'s own input record (the API's body),
/// checked by the same <see cref="CatalogueValidation"/>; a refusal is shown beside its field and nothing is saved; a row out
/// of sight is 404. A page says how to read, save and delete its record and where to go afterwards. A new record's district
/// (<see cref="IPlacedInDistrict"/>), and what a page checks against stored records, are checked with the other fields, so every
/// refusal stands beside its field at once.
/// </summary>
public abstract class CatalogEditModel<TInput>(IStringLocalizer<SharedResource> text, Catalogue catalogue) : PageModel where TInput : class
{
    private TInput? _input;

    /// <summary>The catalogue the page keeps its record through.</summary>
    protected Catalogue Catalogue { get; } = catalogue;

    [BindProperty] public TInput Input { get => _input ??= Empty; set => _input = value; }

    public Guid? Id { get; private set; }

    /// <summary>The form of a new record.</summary>
    protected abstract TInput Empty { get; }

    protected abstract string ListUrl { get; }

    /// <summary>Where a refusal without a field of its own is shown.</summary>
    protected virtual string UnnamedField => "";

    /// <summary>The record as the form shows it; null when out of sight.</summary>
    protected abstract Task<TInput?> ReadAsync(Guid id, CancellationToken ct);

    protected abstract FieldErrors Check(FieldErrors errors, TInput input);

    /// <summary>Creates (no id) or changes the record: its id and the name the flash names; null when out of sight.</summary>
    protected abstract Task<(Guid Id, string Name)?> SaveAsync(Guid? id, TInput input, CancellationToken ct);

    /// <summary>False when out of sight.</summary>
    protected virtual Task<bool> DeleteAsync(Guid id, CancellationToken ct) => Task.FromResult(false);

    protected virtual string SavedUrl(Guid id) => ListUrl;

    /// <summary>Where a refused deletion goes back to.</summary>
    protected virtual string UndeletedUrl(Guid id) => ListUrl;

    /// <summary>The form's checks that read stored records (a matter's department of its district), answered with its others.</summary>
    protected virtual Task CheckStoredAsync(FieldErrors errors, Guid? id, TInput input, CancellationToken ct) => Task.CompletedTask;

    /// <summary>The form's choices.</summary>
    protected virtual Task LoadAsync(CancellationToken ct) => Task.CompletedTask;

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (id is { } existing)
        {
            if (await ReadAsync(existing, ct) is not { } found)
            {
                return NotFound();
            }
            (Id, Input) = (existing, found);
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        var errors = Check(new FieldErrors(text), Input);
        if (id is null && Input is IPlacedInDistrict placed)
        {
            await Catalogue.CheckDistrictAsync(errors, placed.DistrictId, ct);
        }
        await CheckStoredAsync(errors, id, Input, ct);
        if (!errors.Any)
        {
            try
            {
                if (await SaveAsync(id, Input, ct) is not { } saved)
                {
                    return NotFound();
                }
                TempData["Flash"] = text["Flash.Saved", saved.Name].Value;
                return Redirect(SavedUrl(saved.Id));
            }
            catch (RuleViolation v)
            {
                errors.Add(v, UnnamedField);
            }
        }
        errors.CopyTo(ModelState);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        try
        {
            if (!await DeleteAsync(id, ct))
            {
                return NotFound();
            }
            TempData["Flash"] = text["Flash.Deleted"].Value;
            return Redirect(ListUrl);
        }
        catch (RuleViolation v)
        {
            TempData["Flash"] = text.Message(v);
            return Redirect(UndeletedUrl(id));
        }
    }
}
