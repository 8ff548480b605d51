using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Scope;

public static class ScopeApi
{
    public sealed record DecreeDto(Guid Id, string Number, string Title, DateOnly IssuedOn);
    public sealed record ScopeMatterDto(Guid Id, string Code, string Name, string DepartmentName, Entrustability Entrustability);
    public sealed record PilotDto(Guid Id, string Name);
    public sealed record DecisionDto(Guid Id, ScopeChange Change, Guid? MatterId, Guid? TownshipId, string DocumentNumber, DateOnly DecidedOn,
        string Reason, string DecidedBy);
    public sealed record ScopeDto(IReadOnlyList<DecreeDto> Decrees, IReadOnlyList<ScopeMatterDto> Matters, IReadOnlyList<PilotDto> PilotTownships,
        IReadOnlyList<DecisionDto> Decisions);
    public sealed record DecisionInput(ScopeChange Change, Guid? MatterId, Guid? TownshipId, string? DocumentNumber, DateOnly? DecidedOn, string? Reason);
    public sealed record ScopeRequestInput(Guid? TownshipId, Guid? MatterId, string? RequestedPower, string? Reason);
    public sealed record ApproveInput(ScopeChange Change, Guid? MatterId, string? DocumentNumber, DateOnly? DecidedOn, string? Reason);
    public sealed record RejectInput(string? Reason);
    public sealed record ScopeRequestDto(Guid Id, Guid TownshipId, string TownshipName, Guid? MatterId, string RequestedPower, string Reason,
        DateOnly RequestedOn, ScopeRequestState State, DateOnly? DecidedOn, string? DecisionReason);

    public static void MapScopeApi(this IEndpointRouteBuilder app)
    {
        var scope = app.MapGroup("/api/scope").RequireAuthorization(Api.Policy).WithTags("Scope");
        scope.MapGet("", Get);
        scope.MapPost("/decisions", Decide).RequireAuthorization(Api.CatalogueKeeper);
        var requests = app.MapGroup("/api/scope-requests").RequireAuthorization(Api.Policy).WithTags("Scope");
        requests.MapGet("", Requests);
        requests.MapPost("", Request);
        requests.MapPost("/{id:guid}/approve", Approve).RequireAuthorization(Api.CatalogueKeeper);
        requests.MapPost("/{id:guid}/reject", Reject).RequireAuthorization(Api.CatalogueKeeper);
    }

    public static async Task<Ok<ScopeDto>> Get(EntrustDbContext db, CancellationToken ct)
    {
        var decrees = await db.Decrees.AsNoTracking().OrderBy(d => d.IssuedOn).Select(d => new DecreeDto(d.Id, d.Number, d.Title, d.IssuedOn)).ToListAsync(ct);
        var matters = await db.Matters.AsNoTracking().Where(m => m.Entrustability != Entrustability.NotEntrusted).OrderBy(m => m.Code)
            .Select(m => new ScopeMatterDto(m.Id, m.Code, m.Name, m.Department!.Name, m.Entrustability)).ToListAsync(ct);
        var pilots = await db.Townships.AsNoTracking().Where(t => t.IsPilot).OrderBy(t => t.Code).Select(t => new PilotDto(t.Id, t.Name)).ToListAsync(ct);
        var decisions = await db.ScopeDecisions.AsNoTracking().OrderByDescending(d => d.DecidedOn)
            .Select(d => new DecisionDto(d.Id, d.Change, d.MatterId, d.TownshipId, d.DocumentNumber, d.DecidedOn, d.Reason, d.DecidedBy)).ToListAsync(ct);
        return TypedResults.Ok(new ScopeDto(decrees, matters, pilots, decisions));
    }

    private static FieldErrors CheckDecision(FieldErrors e, string? documentNumber, DateOnly? decidedOn, string? reason) => e
        .Required("DocumentNumber", documentNumber, 100).Required("DecidedOn", decidedOn?.ToString()).Required("Reason", reason, 1000);

    /// <summary>Applies a scope decision: a matter into scope (pilots or district-wide) or a new pilot township.</summary>
    public static async Task<ScopeDecision> ApplyAsync(EntrustDbContext db, CurrentUser user, ScopeChange change, Guid? matterId, Guid? townshipId,
        string documentNumber, DateOnly decidedOn, string reason, CancellationToken ct)
    {
        ScopeDecision decision;
        if (change == ScopeChange.AddPilotTownship)
        {
            var township = await db.Townships.FirstOrDefaultAsync(t => t.Id == townshipId, ct)
                ?? throw new RuleViolation("Agreement.UnknownTownship") { Field = "TownshipId" };
            decision = ScopeDecision.ForPilot(township, documentNumber, decidedOn, reason, user.UserName);
        }
        else
        {
            var matter = await db.Matters.FirstOrDefaultAsync(m => m.Id == matterId, ct)
                ?? throw new RuleViolation("Agreement.UnknownMatter", matterId?.ToString() ?? "") { Field = "MatterId" };
            var to = change == ScopeChange.MakeMatterDistrictWide ? Entrustability.DistrictWide : Entrustability.PilotOnly;
            decision = ScopeDecision.ForMatter(matter, to, documentNumber, decidedOn, reason, user.UserName);
        }
        db.ScopeDecisions.Add(decision);
        return decision;
    }

    public static async Task<Results<Created<DecisionDto>, ValidationProblem>> Decide(DecisionInput input, EntrustDbContext db, CurrentUser user,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var errors = CheckDecision(new FieldErrors(text), input.DocumentNumber, input.DecidedOn, input.Reason);
        if (!Enum.IsDefined(input.Change))
        {
            errors.Invalid("Change");
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var d = await ApplyAsync(db, user, input.Change, input.MatterId, input.TownshipId, input.DocumentNumber!, input.DecidedOn!.Value, input.Reason!, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created("/api/scope", new DecisionDto(d.Id, d.Change, d.MatterId, d.TownshipId, d.DocumentNumber, d.DecidedOn, d.Reason, d.DecidedBy));
    }

    // Filters go on the entity before the projection: EF can't translate a Where on the constructed record.
    private static IQueryable<ScopeRequestDto> RequestRows(EntrustDbContext db, Guid? id = null, ScopeRequestState? state = null) =>
        from r in db.ScopeRequests.AsNoTracking()
        where (id == null || r.Id == id) && (state == null || r.State == state)
        join t in db.Townships on r.TownshipId equals t.Id
        orderby r.RequestedOn descending
        select new ScopeRequestDto(r.Id, r.TownshipId, t.Name, r.MatterId, r.RequestedPower, r.Reason, r.RequestedOn, r.State, r.DecidedOn, r.DecisionReason);

    public static async Task<Ok<List<ScopeRequestDto>>> Requests(EntrustDbContext db, ScopeRequestState? state, CancellationToken ct)
    {
        return TypedResults.Ok(await RequestRows(db, state: state).ToListAsync(ct));
    }

    /// <summary>A township asks for a power outside scope; the office may also record one on a township's behalf.</summary>
    public static async Task<Results<Created<ScopeRequestDto>, ValidationProblem, NotFound>> Request(ScopeRequestInput input, EntrustDbContext db,
        CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var errors = new FieldErrors(text).Required("RequestedPower", input.RequestedPower, 200).Required("Reason", input.Reason, 1000);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        if (user.Role is not (Roles.Township or Roles.Office or Roles.Admin))
        {
            throw new ForbiddenAction();
        }
        var townshipId = user.TownshipId ?? input.TownshipId;
        var township = await db.Townships.FirstOrDefaultAsync(t => t.Id == townshipId, ct);
        if (township is null)
        {
            return TypedResults.NotFound();
        }
        if (input.MatterId is { } m && !await db.Matters.AnyAsync(x => x.Id == m && x.DistrictId == township.DistrictId, ct))
        {
            throw new RuleViolation("Agreement.UnknownMatter", m.ToString()) { Field = "MatterId" };
        }
        var request = new ScopeRequest(township, input.MatterId, input.RequestedPower!, input.Reason!, clock.TodayInChina());
        db.ScopeRequests.Add(request);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/scope-requests/{request.Id}", await RequestRows(db, request.Id).FirstAsync(ct));
    }

    /// <summary>Approving records the scope decision that widens the scope; the request and the decision are saved together.</summary>
    public static async Task<Results<Ok<ScopeRequestDto>, ValidationProblem, NotFound>> Approve(Guid id, ApproveInput input, EntrustDbContext db,
        CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var errors = CheckDecision(new FieldErrors(text), input.DocumentNumber, input.DecidedOn, input.Reason);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var request = await db.ScopeRequests.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
        {
            return TypedResults.NotFound();
        }
        request.EnsurePending();
        var decision = await ApplyAsync(db, user, input.Change, input.MatterId ?? request.MatterId, request.TownshipId,
            input.DocumentNumber!, input.DecidedOn!.Value, input.Reason!, ct);
        request.Approve(decision, clock.TodayInChina(), input.Reason!);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await RequestRows(db, id).FirstAsync(ct));
    }

    public static async Task<Results<Ok<ScopeRequestDto>, ValidationProblem, NotFound>> Reject(Guid id, RejectInput input, EntrustDbContext db,
        TimeProvider clock, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var errors = new FieldErrors(text).Required("Reason", input.Reason, 1000);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var request = await db.ScopeRequests.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
        {
            return TypedResults.NotFound();
        }
        request.Reject(clock.TodayInChina(), input.Reason!);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await RequestRows(db, id).FirstAsync(ct));
    }
}
