using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Catalog;

/// <summary>A township with its internal offices and their leaders in charge; the office adds offices here.</summary>
public sealed class TownshipModel(Catalogue catalogue, IAuthorizationService authorization,
    IStringLocalizer<SharedResource> text) : PageModel
{
    public sealed class OfficeForm
    {
        public string? Name { get; set; }
        public string? LeaderInCharge { get; set; }
        public string? Phone { get; set; }
    }

    public TownshipRow Township { get; private set; } = null!;
    public List<OfficeRow> Offices { get; private set; } = [];
    [BindProperty] public OfficeForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostOfficeAsync(Guid id, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, PageAccess.CatalogueKeeper)).Succeeded)
        {
            return Forbid();
        }
        var input = new OfficeInput(Input.Name, Input.LeaderInCharge, Input.Phone);
        var errors = new FieldErrors(text).Check(input);
        if (!errors.Any)
        {
            try
            {
                if (await catalogue.AddOfficeAsync(id, input, ct) is null)
                {
                    return NotFound();
                }
                TempData["Flash"] = text["Flash.Saved", input.Name!].Value;
                return Redirect($"/Catalog/Township/{id}");
            }
            catch (RuleViolation v)
            {
                errors.Add("Name", v.MessageKey, v.Arguments);
            }
        }
        errors.CopyTo(ModelState);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await catalogue.TownshipAsync(id, ct) is not { } township)
        {
            return false;
        }
        Township = township;
        Offices = (await catalogue.OfficesAsync(id, ct))!;
        return true;
    }
}
