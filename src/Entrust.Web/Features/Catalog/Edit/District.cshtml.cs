using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Catalog.Edit;

/// <summary>Adds or renames a district: the admin alone, who stands above the districts (the office only reads its own).</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class DistrictModel(EntrustDbContext db, Catalogue catalogue, IStringLocalizer<SharedResource> text) : PageModel
{
    public sealed class InputModel
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public Guid? Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (id is { } existing)
        {
            var d = await db.Districts.AsNoTracking().FirstOrDefaultAsync(x => x.Id == existing, ct);
            if (d is null)
            {
                return NotFound();
            }
            Id = d.Id;
            Input = new InputModel { Code = d.Code, Name = d.Name };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        var input = new DistrictInput(Input.Code, Input.Name);
        var errors = new FieldErrors(text).Check(input);
        if (!errors.Any)
        {
            try
            {
                if (id is { } existing)
                {
                    if (await catalogue.UpdateDistrictAsync(existing, input, ct) is null)
                    {
                        return NotFound();
                    }
                }
                else
                {
                    await catalogue.CreateDistrictAsync(input, ct);
                }
                TempData["Flash"] = text["Flash.Saved", input.Name!].Value;
                return Redirect("/Catalog/Districts");
            }
            catch (RuleViolation v)
            {
                errors.Add(v.Field ?? "Code", v.MessageKey, v.Arguments);
            }
        }
        errors.CopyTo(ModelState);
        return Page();
    }
}
