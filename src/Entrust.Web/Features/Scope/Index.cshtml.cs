using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Scope;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Scope;

/// <summary>
/// The scope ("两不扩大"): the decree, the matters it allows, the pilot townships and the office's decisions that widen
/// it; the townships' requests for powers outside it and the office's answers. The handlers are /api/scope's.
/// </summary>
public sealed class IndexModel(EntrustDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    public sealed class DecisionForm
    {
        public ScopeChange Change { get; set; }
        public Guid? MatterId { get; set; }
        public Guid? TownshipId { get; set; }
        public string? DocumentNumber { get; set; }
        public DateOnly? DecidedOn { get; set; }
        public string? Reason { get; set; }
    }

    public sealed class RequestForm
    {
        public Guid? TownshipId { get; set; }
        public Guid? MatterId { get; set; }
        public string? RequestedPower { get; set; }
        public string? Reason { get; set; }
    }

    public sealed record MatterName(Guid Id, string Code, string Name, Entrustability Entrustability, MatterKind Kind);

    [BindProperty] public DecisionForm Decision { get; set; } = new();
    [BindProperty] public RequestForm NewRequest { get; set; } = new();

    public ScopeApi.ScopeDto Scope { get; private set; } = null!;
    public List<ScopeApi.ScopeRequestDto> Requests { get; private set; } = [];
    public Dictionary<Guid, MatterName> Matters { get; private set; } = [];
    public List<Choice> Townships { get; private set; } = [];
    public Dictionary<Guid, string> TownshipNames { get; private set; } = [];
    public bool IsOffice => user.MayKeepCatalogue;
    public bool MayRequest => user.Role is Roles.Township or Roles.Office or Roles.Admin;
    public bool IsTownship => user.Role == Roles.Township;
    public DateOnly Today => clock.TodayInChina();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostDecisionAsync(CancellationToken ct) => OfficeOnlyAsync(async () =>
        Errors(await ScopeApi.Decide(new ScopeApi.DecisionInput(Decision.Change, Decision.MatterId, Decision.TownshipId, Decision.DocumentNumber,
            Decision.DecidedOn, Decision.Reason), db, user, text, ct), "Decision."), "Flash.ScopeDecided", ct);

    public async Task<IActionResult> OnPostRequestAsync(CancellationToken ct)
    {
        if (!MayRequest)
        {
            return Forbid();
        }
        return await RunAsync(async () =>
        {
            var result = await ScopeApi.Request(new ScopeApi.ScopeRequestInput(NewRequest.TownshipId, NewRequest.MatterId, NewRequest.RequestedPower,
                NewRequest.Reason), db, user, clock, text, ct);
            return result.Result is NotFound ? null : Errors(result, "NewRequest.");
        }, "Flash.ScopeRequested", ct);
    }

    public Task<IActionResult> OnPostApproveAsync(Guid id, ScopeChange change, string? documentNumber, DateOnly? decidedOn, string? reason,
        CancellationToken ct) => OfficeOnlyAsync(async () =>
        {
            var result = await ScopeApi.Approve(id, new ScopeApi.ApproveInput(change, null, documentNumber, decidedOn, reason), db, user, clock, text, ct);
            return result.Result is NotFound ? null : Errors(result, "");
        }, "Flash.ScopeRequestApproved", ct);

    public Task<IActionResult> OnPostRejectAsync(Guid id, string? reason, CancellationToken ct) => OfficeOnlyAsync(async () =>
        {
            var result = await ScopeApi.Reject(id, new ScopeApi.RejectInput(reason), db, clock, text, ct);
            return result.Result is NotFound ? null : Errors(result, "");
        }, "Flash.ScopeRequestRejected", ct);

    private async Task<IActionResult> OfficeOnlyAsync(Func<Task<bool?>> action, string flashKey, CancellationToken ct) =>
        IsOffice ? await RunAsync(action, flashKey, ct) : Forbid();

    /// <summary>Runs one handler of the API; true when it succeeded, false when it answered field errors, null for not found.</summary>
    private async Task<IActionResult> RunAsync(Func<Task<bool?>> action, string flashKey, CancellationToken ct)
    {
        try
        {
            switch (await action())
            {
                case null:
                    return NotFound();
                case true:
                    TempData["Flash"] = text[flashKey].Value;
                    return Redirect("/Scope");
            }
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

    /// <summary>Copies an API answer's validation errors onto the page; true when there were none.</summary>
    private bool Errors(IResult result, string prefix)
    {
        if (result is not INestedHttpResult { Result: ValidationProblem problem })
        {
            return true;
        }
        foreach (var (field, messages) in problem.ProblemDetails.Errors)
        {
            foreach (var message in messages)
            {
                ModelState.AddModelError(prefix + field, message);
            }
        }
        return false;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Scope = (await ScopeApi.Get(db, ct)).Value!;
        Requests = (await ScopeApi.Requests(db, null, ct)).Value!;
        Matters = await db.Matters.AsNoTracking()
            .Select(m => new MatterName(m.Id, m.Code, m.Name, m.Entrustability, m.Kind)).ToDictionaryAsync(m => m.Id, ct);
        (Townships, _) = await Choice.PartiesAsync(db, ct);
        TownshipNames = Townships.ToDictionary(t => t.Id, t => t.Name);
        Decision.DecidedOn ??= Today;
    }
}
