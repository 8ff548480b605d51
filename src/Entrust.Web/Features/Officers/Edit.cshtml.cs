using Entrust.Web.Data;
using Entrust.Web.Features.Officers;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Officers;

/// <summary>Registers an officer or changes one's particulars; <see cref="OfficerRegistry"/> and the officer decide what is allowed.</summary>
public sealed class EditModel(EntrustDbContext db, OfficerRegistry registry, CurrentUser user, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty] public OfficerInput Input { get; set; } = new(null, null, null, null, null, null, null, null);

    /// <summary>The form's one choice of unit, a township or a department; the post sends it as the input's one or the other.</summary>
    [BindProperty] public Guid? UnitId { get; set; }
    public Guid? Id { get; private set; }
    public string? UnitName { get; private set; }
    public List<Choice> Townships { get; private set; } = [];
    public List<Choice> Departments { get; private set; } = [];

    /// <summary>Those who see ID numbers masked leave them empty to keep them.</summary>
    public bool Reveals => registry.RevealsPersonalData;

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (!registry.MayRegister)
        {
            return Forbid();
        }
        if (id is { } existing)
        {
            var officer = await db.Officers.AsNoTracking().FirstOrDefaultAsync(o => o.Id == existing, ct);
            if (officer is null)
            {
                return NotFound();
            }
            if (!registry.MayManage(officer))
            {
                return Forbid();
            }
            Id = existing;
            UnitId = officer.TownshipId ?? officer.DepartmentId;
            Input = new OfficerInput(officer.TownshipId, officer.DepartmentId, officer.Name, officer.Gender, Reveals ? officer.IdNumber : null,
                Reveals ? officer.Phone : null, officer.Post, officer.StaffType);
        }
        else
        {
            // Gender and staff type start on 请选择: a default would be saved unseen.
            UnitId = user.TownshipId ?? user.DepartmentId;
        }
        await LoadListsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        await LoadListsAsync(ct);
        var input = Input with
        {
            TownshipId = Townships.Any(t => t.Id == UnitId) ? UnitId : null,
            DepartmentId = Departments.Any(d => d.Id == UnitId) ? UnitId : null,
        };
        try
        {
            var saved = id is { } existing ? await registry.UpdateAsync(existing, input, ct) : await registry.CreateAsync(input, ct);
            if (saved is null)
            {
                return NotFound();
            }
            TempData["Flash"] = text["Flash.Saved", saved.Name].Value;
            return Redirect($"/Officers/Detail?id={saved.Id}");
        }
        catch (RuleViolation v)
        {
            foreach (var refusal in v.All)
            {
                ModelState.AddModelError(refusal.Field switch
                {
                    "TownshipId" or "DepartmentId" => nameof(UnitId),
                    null => "",
                    var field => "Input." + field,
                }, text.Message(refusal));
            }
        }
        catch (ForbiddenAction)
        {
            return Forbid();
        }
        return Page();
    }

    /// <summary>The units the user registers officers for: the office any of its district, a township or department its own.</summary>
    private async Task LoadListsAsync(CancellationToken ct)
    {
        var (townships, departments) = await Choice.PartiesAsync(db, ct);
        Townships = user.Role == Roles.Department ? [] : townships.Where(t => user.TownshipId is null || t.Id == user.TownshipId).ToList();
        Departments = user.Role == Roles.Township ? [] : departments.Where(d => user.DepartmentId is null || d.Id == user.DepartmentId).ToList();
        if (Id is { } id)
        {
            var unit = await db.Officers.AsNoTracking().Where(o => o.Id == id).Select(o => o.TownshipId ?? o.DepartmentId).FirstOrDefaultAsync(ct);
            UnitName = townships.Concat(departments).FirstOrDefault(c => c.Id == unit)?.Name;
        }
    }
}
