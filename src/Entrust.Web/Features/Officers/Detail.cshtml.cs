using Entrust.Web.Data;
using Entrust.Web.Features.Officers;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Officers;

/// <summary>One officer: particulars (masked for all but the office), certificates, transfer or leaving, and the may-act check.</summary>
public sealed class DetailModel(EntrustDbContext db, OfficerRegistry registry, IStringLocalizer<SharedResource> text)
    : PageModel
{
    public sealed record MatterChoice(Guid Id, string Code, string Name);

    public OfficerDto Officer { get; private set; } = null!;
    public bool MayManage { get; private set; }
    public List<MatterChoice> Matters { get; private set; } = [];
    public List<Choice> Townships { get; private set; } = [];
    public DateOnly Today => registry.Today;

    [BindProperty(SupportsGet = true)] public Guid? Matter { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Date { get; set; }

    /// <summary>The township where the act happens (LAW 10); a township officer's own by default, none (anywhere) for a department's.</summary>
    [BindProperty(SupportsGet = true)] public Guid? Township { get; set; }
    public MayActAnswer? Answer { get; private set; }
    public string? AnswerText { get; private set; }

    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (Matter is null)
        {
            Township ??= Officer.TownshipId;
        }
        if (Matter is { } matter)
        {
            Answer = await registry.MayActAsync(id, matter, Township, Date, ct);
            AnswerText = Answer is null ? null : Answer.MayAct ? text["MayAct.Yes"].Value : Answer.Message(text);
        }
        return Page();
    }

    public Task<IActionResult> OnPostTransferAsync(Guid id, CancellationToken ct) =>
        EndAsync(id, () => registry.TransferAsync(id, Reason, ct), "Flash.OfficerTransferred", ct);

    public Task<IActionResult> OnPostLeaveAsync(Guid id, CancellationToken ct) =>
        EndAsync(id, () => registry.LeaveAsync(id, Reason, ct), "Flash.OfficerLeft", ct);

    private async Task<IActionResult> EndAsync(Guid id, Func<Task<Officer?>> end, string flashKey, CancellationToken ct)
    {
        try
        {
            var officer = await end();
            if (officer is null)
            {
                return NotFound();
            }
            TempData["Flash"] = text[flashKey, officer.Name].Value;
            return Redirect($"/Officers/Detail?id={id}");
        }
        catch (RuleViolation v)
        {
            db.ChangeTracker.Clear();
            // The reason's refusal beside it; one about the officer (no longer serving) above the page.
            ModelState.AddModelError(v.Field == nameof(Reason) ? nameof(Reason) : "", text.Message(v));
        }
        catch (ForbiddenAction)
        {
            return Forbid();
        }
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await registry.DetailAsync(id, ct) is not { } officer)
        {
            return false;
        }
        Officer = officer;
        var entity = await db.Officers.AsNoTracking().FirstAsync(o => o.Id == id, ct);
        MayManage = registry.MayManage(entity);
        // A department officer acts on the department's matters; a township officer on any the district may entrust.
        var matters = db.Matters.AsNoTracking();
        if (officer.DepartmentId is { } department)
        {
            matters = matters.Where(m => m.DepartmentId == department);
        }
        Matters = await matters.OrderBy(m => m.Code).Select(m => new MatterChoice(m.Id, m.Code, m.Name)).ToListAsync(ct);
        // The townships the user sees: the act's place is asked (a township's officer acts in their own township only).
        Townships = await db.Townships.AsNoTracking().OrderBy(t => t.Code).Select(t => new Choice(t.Id, t.Name)).ToListAsync(ct);
        return true;
    }
}
