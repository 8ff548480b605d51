using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Catalog.Edit;

public sealed class TownshipModel(EntrustDbContext db, Catalogue catalogue, IStringLocalizer<SharedResource> text) : PageModel
{
    public sealed class InputModel
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public TownshipKind Kind { get; set; }
        public bool IsPilot { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty] public Guid? DistrictId { get; set; }
    public Guid? Id { get; private set; }
    public List<(Guid Id, string Name)> Districts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (id is { } existing)
        {
            var t = await db.Townships.AsNoTracking().FirstOrDefaultAsync(x => x.Id == existing, ct);
            if (t is null)
            {
                return NotFound();
            }
            Id = t.Id;
            Input = new InputModel { Code = t.Code, Name = t.Name, Kind = t.Kind, IsPilot = t.IsPilot };
        }
        Districts = await catalogue.DistrictChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        var input = new TownshipInput(Input.Code, Input.Name, Input.Kind, Input.IsPilot, DistrictId);
        var errors = new FieldErrors(text).Check(input);
        if (!errors.Any)
        {
            try
            {
                var saved = id is { } existing
                    ? await catalogue.UpdateTownshipAsync(existing, input, ct)
                    : await catalogue.CreateTownshipAsync(input, ct);
                if (saved is null)
                {
                    return NotFound();
                }
                TempData["Flash"] = text["Flash.Saved", input.Name!].Value;
                return Redirect($"/Catalog/Township/{saved.Id}");
            }
            catch (RuleViolation v)
            {
                errors.Add(v.Field ?? "Code", v.MessageKey, v.Arguments);
            }
        }
        errors.CopyTo(ModelState);
        Districts = await catalogue.DistrictChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        try
        {
            if (!await catalogue.DeleteTownshipAsync(id, ct))
            {
                return NotFound();
            }
            TempData["Flash"] = text["Flash.Deleted"].Value;
            return Redirect("/Catalog/Townships");
        }
        catch (RuleViolation v)
        {
            TempData["Flash"] = text.Message(v);
            return Redirect($"/Catalog/Township/{id}");
        }
    }
}
