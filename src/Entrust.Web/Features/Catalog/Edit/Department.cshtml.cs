using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Catalog.Edit;

public sealed class DepartmentModel(EntrustDbContext db, Catalogue catalogue, IStringLocalizer<SharedResource> text) : PageModel
{
    public sealed class InputModel
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? LegalSectionContact { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty] public Guid? DistrictId { get; set; }
    public Guid? Id { get; private set; }
    public List<(Guid Id, string Name)> Districts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (id is { } existing)
        {
            var d = await db.Departments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == existing, ct);
            if (d is null)
            {
                return NotFound();
            }
            Id = d.Id;
            Input = new InputModel { Code = d.Code, Name = d.Name, LegalSectionContact = d.LegalSectionContact };
        }
        await LoadDistrictsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        var input = new DepartmentInput(Input.Code, Input.Name, Input.LegalSectionContact, DistrictId);
        var errors = new FieldErrors(text).Check(input);
        if (!errors.Any)
        {
            try
            {
                if (id is { } existing)
                {
                    if (await catalogue.UpdateDepartmentAsync(existing, input, ct) is null)
                    {
                        return NotFound();
                    }
                }
                else
                {
                    await catalogue.CreateDepartmentAsync(input, ct);
                }
                TempData["Flash"] = text["Flash.Saved", input.Name!].Value;
                return Redirect("/Catalog/Departments");
            }
            catch (RuleViolation v)
            {
                errors.Add(v.Field ?? "", v.MessageKey, v.Arguments);
            }
        }
        errors.CopyTo(ModelState);
        await LoadDistrictsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        try
        {
            if (!await catalogue.DeleteDepartmentAsync(id, ct))
            {
                return NotFound();
            }
            TempData["Flash"] = text["Flash.Deleted"].Value;
        }
        catch (RuleViolation v)
        {
            TempData["Flash"] = text.Message(v);
        }
        return Redirect("/Catalog/Departments");
    }

    private async Task LoadDistrictsAsync(CancellationToken ct)
    {
        Districts = await catalogue.DistrictChoicesAsync(ct);
    }
}
