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
        plans.MapGet("/export", PlansExport);
        plans.MapPost("", Create);
        plans.MapGet("/{id:guid}", Get);
        plans.MapPut("/{id:guid}", Update);
        plans.MapPost("/{id:guid}/draw", DrawPlan);
        plans.MapPost("/{id:guid}/verify", Verify);
        plans.MapGet("/{id:guid}/export", Export);
        plans.MapPost("/{id:guid}/assignments/{assignmentId:guid}/publish", Publish);

        var conflicts = app.MapGroup("/api/officer-conflicts").RequireAuthorization(Api.Policy).WithTags("Random inspections");
        conflicts.MapGet("", Conflicts);
        conflicts.MapGet("/export", async (Guid? officer, Guid? target, string? sort, ConflictBook book, ListExport export, CancellationToken ct) =>
            ListExport.Answer(await book.ExportAsync(officer, target, new ListQuery { Sort = sort }, export, ct)));
        conflicts.MapPost("", AddConflict);
        conflicts.MapDelete("/{id:guid}", DeleteConflict);

        var items = app.MapGroup("/api/inspection-items").RequireAuthorization(Api.Policy).WithTags("Random inspections");
        items.MapGet("", Items);
        items.MapGet("/export", async (string? q, string? sort, InspectionItemBook book, ListExport export, IStringLocalizer<SharedResource> text,
            CancellationToken ct) => ListExport.Answer(await book.ExportAsync(q, new ListQuery { Sort = sort }, export, text, ct)));
        items.MapPost("", AddItem);
        items.MapDelete("/{id:guid}", RemoveItem);
        items.MapPost("/publish", PublishItems);

        app.MapGet("/api/public/inspections", PublicInspections.Get).AllowAnonymous().WithTags("Public");
        app.MapGet("/api/public/inspection-items", PublicInspectionItems.Get).AllowAnonymous().WithTags("Public");
    }

    public static async Task<Ok<List<InspectionItemDto>>> Items(InspectionItemBook book, CancellationToken ct) =>
        TypedResults.Ok(await book.ListAsync(ct));

    public static async Task<Results<Created<InspectionItemDto>, NotFound, ValidationProblem>> AddItem(InspectionItemInput input,
        InspectionItemBook book, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (!book.MayKeep)
        {
            throw new ForbiddenAction();
        }
        var errors = InspectionItemBook.Check(new FieldErrors(text), input);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        return await book.AddAsync(input, ct) is { } item ? TypedResults.Created($"/api/inspection-items/{item.Id}", item) : TypedResults.NotFound();
    }

    public static async Task<Results<NoContent, NotFound>> RemoveItem(Guid id, InspectionItemBook book, CancellationToken ct) =>
        await book.RemoveAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Ok<PublishedItems>> PublishItems(InspectionItemBook book, CancellationToken ct) =>
        TypedResults.Ok(await book.PublishAsync(ct));

    public static async Task<Ok<Paged<RandomPlanDto>>> List(RandomPlanState? state, string? q, int? page, int? pageSize, RandomPlanBook book,
        CancellationToken ct) =>
        TypedResults.Ok(await book.List(state, q).ToPagedAsync(page, pageSize, ct));

    /// <summary>
    /// The plans the /RandomPlans list shows for the same filter (<c>state</c>, <c>q</c>; <c>sort</c>: a column of the list), every
    /// page of it, as .xlsx.
    /// </summary>
    public static async Task<FileContentHttpResult> PlansExport(RandomPlanState? state, string? q, string? sort, RandomPlanBook book,
        ListExport export, IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        ListExport.Answer(await book.ListExportAsync(state, q, new ListQuery { Sort = sort }, export, text, ct));

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

    public static async Task<Results<FileContentHttpResult, NotFound>> Export(Guid id, RandomPlanBook book, IStringLocalizer<SharedResource> text,
        CancellationToken ct) =>
        await book.ExportAsync(id, text, ct) is { } file
            ? TypedResults.File(file, Spreadsheet.ContentType, $"random-plan-{id}.xlsx") : TypedResults.NotFound();

    public static async Task<Results<Ok<AssignmentDto>, NotFound>> Publish(Guid id, Guid assignmentId, PublishInput input, RandomPlanBook book,
        CancellationToken ct) =>
        await book.PublishAsync(id, assignmentId, input, ct) is not null ? await AssignmentAsync(book, id, assignmentId, ct) : TypedResults.NotFound();

    private static async Task<Results<Ok<AssignmentDto>, NotFound>> AssignmentAsync(RandomPlanBook book, Guid id, Guid assignmentId, CancellationToken ct) =>
        (await book.FindAsync(id, ct))?.Assignments.FirstOrDefault(a => a.Id == assignmentId) is { } a ? TypedResults.Ok(a) : TypedResults.NotFound();

    public static async Task<Ok<List<ConflictDto>>> Conflicts(Guid? officer, Guid? target, ConflictBook book, CancellationToken ct) =>
        TypedResults.Ok(await book.ListAsync(officer, target, ct));

    public static async Task<Results<Created<ConflictDto>, NotFound, ValidationProblem>> AddConflict(ConflictInput input, ConflictBook book,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (!book.MayKeep)
        {
            throw new ForbiddenAction();
        }
        var errors = book.Check(new FieldErrors(text), input);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        return await book.AddAsync(input, ct) is { } conflict
            ? TypedResults.Created($"/api/officer-conflicts/{conflict.Id}", conflict) : TypedResults.NotFound();
    }

    /// <summary>Withdraws a conflict recorded in error. Draws already made keep the conflicts they read (their recorded inputs).</summary>
    public static async Task<Results<NoContent, NotFound>> DeleteConflict(Guid id, ConflictBook book, CancellationToken ct) =>
        await book.DeleteAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
