using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Catalog.Edit;

public sealed class MatterModel(EntrustDbContext db, Catalogue catalogue, IStringLocalizer<SharedResource> text) : PageModel
{
    public sealed class InputModel
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public Guid? DepartmentId { get; set; }
        public string? Domain { get; set; }
        public MatterKind Kind { get; set; } = MatterKind.Inspection;
        public string? LawName { get; set; }
        public string? LawArticle { get; set; }
        public Entrustability Entrustability { get; set; } = Entrustability.NotEntrusted;

        public MatterInput ToInput() => new(Code, Name, DepartmentId, Domain, Kind, LawName, LawArticle, Entrustability);
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty] public Guid? DistrictId { get; set; }
    public Guid? Id { get; private set; }
    public List<(Guid Id, string Name)> Departments { get; private set; } = [];
    public List<(Guid Id, string Name)> Districts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (id is { } existing)
        {
            var m = await db.Matters.AsNoTracking().FirstOrDefaultAsync(x => x.Id == existing, ct);
            if (m is null)
            {
                return NotFound();
            }
            Id = m.Id;
            Input = new InputModel
            {
                Code = m.Code,
                Name = m.Name,
                DepartmentId = m.DepartmentId,
                Domain = m.Domain,
                Kind = m.Kind,
                LawName = m.LawName,
                LawArticle = m.LawArticle,
                Entrustability = m.Entrustability,
            };
        }
        await LoadListsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        var input = Input.ToInput() with { DistrictId = DistrictId };
        var errors = new FieldErrors(text).Check(input);
        if (!errors.Any)
        {
            try
            {
                if (id is { } existing)
                {
                    if (await catalogue.UpdateMatterAsync(existing, input, ct) is null)
                    {
                        return NotFound();
                    }
                }
                else
                {
                    await catalogue.CreateMatterAsync(input, ct);
                }
                TempData["Flash"] = text["Flash.Saved", input.Code!].Value;
                return Redirect("/Catalog/Matters");
            }
            catch (RuleViolation v)
            {
                errors.Add(v.Field ?? "", v.MessageKey, v.Arguments);
            }
        }
        errors.CopyTo(ModelState);
        await LoadListsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        try
        {
            if (!await catalogue.DeleteMatterAsync(id, ct))
            {
                return NotFound();
            }
            TempData["Flash"] = text["Flash.Deleted"].Value;
        }
        catch (RuleViolation v)
        {
            TempData["Flash"] = text.Message(v);
        }
        return Redirect("/Catalog/Matters");
    }

    private async Task LoadListsAsync(CancellationToken ct)
    {
        Departments = (await db.Departments.AsNoTracking().OrderBy(d => d.Code).Select(d => new { d.Id, d.Name }).ToListAsync(ct))
            .Select(d => (d.Id, d.Name)).ToList();
        Districts = await catalogue.DistrictChoicesAsync(ct);
    }
}
