using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Targets;

public static class TargetsApi
{
    public static void MapTargetsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/targets").RequireAuthorization(Api.Policy).WithTags("Targets");
        api.MapGet("", List);
        api.MapGet("/{id:guid}", Get);
        api.MapPost("", Create);
        api.MapPut("/{id:guid}", Update);
        api.MapPost("/{id:guid}/merge", Merge);
        api.MapGet("/export", Export);
        api.MapGet("/template", Template);
        // Bearer-only: no cookie reaches this endpoint, so there is no cross-site form to forge.
        api.MapPost("/import", Import).DisableAntiforgery();
    }

    public static async Task<Ok<Paged<TargetDto>>> List([AsParameters] TargetFilter filter, TargetRegistry registry, CancellationToken ct) =>
        TypedResults.Ok(await registry.Search(filter).ToPagedAsync(filter.Page, filter.PageSize, ct));

    public static async Task<Results<Ok<TargetDto>, NotFound>> Get(Guid id, TargetRegistry registry, CancellationToken ct) =>
        await registry.FindAsync(id, ct) is { } t ? TypedResults.Ok(t) : TypedResults.NotFound();

    public static async Task<Results<Created<TargetDto>, NotFound, ValidationProblem>> Create(TargetInput input, TargetRegistry registry,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (!registry.MayWrite)
        {
            throw new ForbiddenAction();
        }
        var errors = registry.Check(new FieldErrors(text), input);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        if (await registry.CreateAsync(input, ct) is not { } created)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Created($"/api/targets/{created.Id}", (await registry.FindAsync(created.Id, ct))!);
    }

    public static async Task<Results<Ok<TargetDto>, NotFound, ValidationProblem>> Update(Guid id, TargetInput input, TargetRegistry registry,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        // An existing target keeps its township unless one is named.
        var errors = registry.Check(new FieldErrors(text), input with { TownshipId = input.TownshipId ?? Guid.Empty });
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        return await registry.UpdateAsync(id, input, ct) is { } updated
            ? TypedResults.Ok((await registry.FindAsync(updated.Id, ct))!) : TypedResults.NotFound();
    }

    /// <summary>Merges target {id} into {intoId}; answers the target that stays.</summary>
    public static async Task<Results<Ok<TargetDto>, NotFound>> Merge(Guid id, MergeInput input, TargetRegistry registry, CancellationToken ct) =>
        await registry.MergeAsync(id, input.IntoId, ct) is { } survivor
            ? TypedResults.Ok((await registry.FindAsync(survivor.Id, ct))!) : TypedResults.NotFound();

    public static async Task<FileContentHttpResult> Export([AsParameters] TargetFilter filter, TargetSpreadsheet sheet, CancellationToken ct) =>
        TypedResults.File(await sheet.ExportAsync(filter, ct), Spreadsheet.ContentType, "targets.xlsx");

    public static FileContentHttpResult Template(TargetSpreadsheet sheet) =>
        TypedResults.File(sheet.Template(), Spreadsheet.ContentType, "targets-template.xlsx");

    public sealed record ImportResponse(int Added);

    public static Task<Results<Ok<ImportResponse>, ProblemHttpResult>> Import(
        IFormFile? file, Guid? district, TargetSpreadsheet sheet, IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        SpreadsheetImport.ApiAsync(file, text, stream => sheet.ImportAsync(stream, district, ct), r => new ImportResponse(r.Added));
}
