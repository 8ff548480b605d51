using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.RandomInspections;

public sealed record ConflictInput(Guid? OfficerId, Guid? TargetId, string? Reason);

public sealed record ConflictDto(Guid Id, Guid OfficerId, string OfficerName, Guid TargetId, string TargetName, string Reason, DateOnly RecordedOn,
    string RecordedBy);

public static class RandomInspectionsApi
{
    public static void MapRandomInspectionsApi(this IEndpointRouteBuilder app)
    {
        var plans = app.MapGroup("/api/random-plans").RequireAuthorization(Api.Policy).WithTags("Random inspections");
        plans.MapGet("", List);
        plans.MapPost("", Create);
        plans.MapGet("/{id:guid}", Get);
        plans.MapPut("/{id:guid}", Update);
        plans.MapPost("/{id:guid}/draw", DrawPlan);
        plans.MapPost("/{id:guid}/verify", Verify);
        plans.MapPost("/{id:guid}/assignments/{assignmentId:guid}/publish", Publish);

        var conflicts = app.MapGroup("/api/officer-conflicts").RequireAuthorization(Api.Policy).WithTags("Random inspections");
        conflicts.MapGet("", Conflicts);
        conflicts.MapPost("", AddConflict);
        conflicts.MapDelete("/{id:guid}", DeleteConflict);

        app.MapGet("/api/public/inspections", PublicInspections.Get).AllowAnonymous().WithTags("Public");
    }

    public static async Task<Ok<Paged<RandomPlanDto>>> List(RandomPlanState? state, string? q, int? page, int? pageSize, RandomPlanBook book,
        CancellationToken ct) =>
        TypedResults.Ok(await book.List(state, q).ToPagedAsync(page, pageSize, ct));

    public static async Task<Results<Ok<RandomPlanDetail>, NotFound>> Get(Guid id, RandomPlanBook book, CancellationToken ct) =>
        await book.FindAsync(id, ct) is { } plan ? TypedResults.Ok(plan) : TypedResults.NotFound();

    public static async Task<Results<Created<RandomPlanDetail>, NotFound, ValidationProblem>> Create(RandomPlanInput input, RandomPlanBook book,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (!book.MayPlan)
        {
            throw new ForbiddenAction();
        }
        var errors = await book.CheckAsync(new FieldErrors(text), input, ct);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        if (await book.CreateAsync(input, ct) is not { } plan)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Created($"/api/random-plans/{plan.Id}", (await book.FindAsync(plan.Id, ct))!);
    }

    public static async Task<Results<Ok<RandomPlanDetail>, NotFound, ValidationProblem>> Update(Guid id, RandomPlanInput input, RandomPlanBook book,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (await book.FindAsync(id, ct) is null)
        {
            return TypedResults.NotFound();
        }
        if (!book.MayPlan)
        {
            throw new ForbiddenAction();
        }
        var errors = await book.CheckAsync(new FieldErrors(text), input, ct);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        return await book.UpdateAsync(id, input, ct) is { } plan ? TypedResults.Ok((await book.FindAsync(plan.Id, ct))!) : TypedResults.NotFound();
    }

    public static async Task<Results<Ok<RandomPlanDetail>, NotFound>> DrawPlan(Guid id, RandomPlanBook book, CancellationToken ct) =>
        await book.DrawAsync(id, ct) is { } plan ? TypedResults.Ok((await book.FindAsync(plan.Id, ct))!) : TypedResults.NotFound();

    public static async Task<Results<Ok<VerifyAnswer>, NotFound>> Verify(Guid id, RandomPlanBook book, CancellationToken ct) =>
        await book.VerifyAsync(id, ct) is { } answer ? TypedResults.Ok(answer) : TypedResults.NotFound();

    public static async Task<Results<Ok<AssignmentDto>, NotFound>> Publish(Guid id, Guid assignmentId, PublishInput input, RandomPlanBook book,
        CancellationToken ct) =>
        await book.PublishAsync(id, assignmentId, input, ct) is not null ? await AssignmentAsync(book, id, assignmentId, ct) : TypedResults.NotFound();

    private static async Task<Results<Ok<AssignmentDto>, NotFound>> AssignmentAsync(RandomPlanBook book, Guid id, Guid assignmentId, CancellationToken ct) =>
        (await book.FindAsync(id, ct))?.Assignments.FirstOrDefault(a => a.Id == assignmentId) is { } a ? TypedResults.Ok(a) : TypedResults.NotFound();

    public static async Task<Ok<List<ConflictDto>>> Conflicts(Guid? officer, Guid? target, EntrustDbContext db, CancellationToken ct)
    {
        var conflicts = db.OfficerConflicts.AsNoTracking();
        if (officer is { } o)
        {
            conflicts = conflicts.Where(c => c.OfficerId == o);
        }
        if (target is { } t)
        {
            conflicts = conflicts.Where(c => c.TargetId == t);
        }
        var list = await conflicts.OrderBy(c => c.RecordedOn).ThenBy(c => c.Id).Take(1000).ToListAsync(ct);
        // Names past the filters, by id, in queries of their own (IgnoreQueryFilters() would lift the conflicts' filter too).
        var officerIds = list.Select(c => c.OfficerId).Distinct().ToList();
        var targetIds = list.Select(c => c.TargetId).Distinct().ToList();
        var officers = await db.Officers.IgnoreQueryFilters().Where(x => officerIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var targets = await db.Targets.IgnoreQueryFilters().Where(x => targetIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var rows = list.Select(c => new ConflictDto(c.Id, c.OfficerId, officers[c.OfficerId], c.TargetId, targets[c.TargetId], c.Reason, c.RecordedOn,
            c.RecordedBy)).ToList();
        return TypedResults.Ok(rows);
    }

    public static async Task<Results<Created<ConflictDto>, NotFound, ValidationProblem>> AddConflict(ConflictInput input, EntrustDbContext db,
        CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (user.Role is not (Roles.Admin or Roles.Office or Roles.Department or Roles.Township))
        {
            throw new ForbiddenAction();
        }
        var errors = new FieldErrors(text).Required("OfficerId", input.OfficerId?.ToString()).Required("TargetId", input.TargetId?.ToString())
            .Required("Reason", input.Reason, OfficerConflict.ReasonLength);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var officer = await db.Officers.AsNoTracking().Where(o => o.Id == input.OfficerId).Select(o => new { o.DistrictId, o.Name }).FirstOrDefaultAsync(ct);
        var target = await db.Targets.AsNoTracking().Where(t => t.Id == input.TargetId).Select(t => new { t.DistrictId, t.TownshipId, t.Name })
            .FirstOrDefaultAsync(ct);
        if (officer is null || target is null || officer.DistrictId != target.DistrictId)
        {
            return TypedResults.NotFound();
        }
        if (await db.OfficerConflicts.AnyAsync(c => c.OfficerId == input.OfficerId && c.TargetId == input.TargetId, ct))
        {
            throw RuleViolation.Conflict("OfficerConflict.Exists", officer.Name, target.Name);
        }
        var conflict = new OfficerConflict(target.DistrictId, input.OfficerId!.Value, input.TargetId!.Value, target.TownshipId, input.Reason!,
            clock.TodayInChina(), user.UserName);
        db.OfficerConflicts.Add(conflict);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/officer-conflicts/{conflict.Id}", new ConflictDto(conflict.Id, conflict.OfficerId, officer.Name,
            conflict.TargetId, target.Name, conflict.Reason, conflict.RecordedOn, conflict.RecordedBy));
    }

    /// <summary>Withdraws a conflict recorded in error. Draws already made keep the conflicts they read (their recorded inputs).</summary>
    public static async Task<Results<NoContent, NotFound>> DeleteConflict(Guid id, EntrustDbContext db, CurrentUser user, CancellationToken ct)
    {
        var conflict = await db.OfficerConflicts.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (conflict is null)
        {
            return TypedResults.NotFound();
        }
        if (user.Role is not (Roles.Admin or Roles.Office or Roles.Department or Roles.Township))
        {
            throw new ForbiddenAction();
        }
        db.OfficerConflicts.Remove(conflict);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
