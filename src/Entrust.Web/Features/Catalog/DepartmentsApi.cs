using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Catalog;

/// <summary>/api/departments: one-line handlers over <see cref="Catalogue"/>.</summary>
public static class DepartmentsApi
{
    public static void MapDepartmentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/departments").RequireAuthorization(Api.Policy).WithTags("Catalogue");
        api.MapGet("", async (string? q, Catalogue catalogue, CancellationToken ct) => TypedResults.Ok(await catalogue.DepartmentsAsync(q, ct)));
        api.MapGet("/export", async (string? q, string? sort, Catalogue catalogue, ListExport export, CancellationToken ct) =>
            ListExport.Answer(await catalogue.DepartmentsExportAsync(q, new ListQuery { Sort = sort }, export, ct)));
        api.MapGet("/{id:guid}", Get);
        api.MapPost("", Create).RequireAuthorization(Api.CatalogueKeeper);
        api.MapPut("/{id:guid}", Update).RequireAuthorization(Api.CatalogueKeeper);
        api.MapDelete("/{id:guid}", Delete).RequireAuthorization(Api.CatalogueKeeper);
    }

    public static async Task<Results<Ok<DepartmentRow>, NotFound>> Get(Guid id, Catalogue catalogue, CancellationToken ct) =>
        await catalogue.DepartmentAsync(id, ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound();

    public static async Task<Results<Created<DepartmentRow>, ValidationProblem>> Create(DepartmentInput input, Catalogue catalogue,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (new FieldErrors(text).Check(input) is { Any: true } errors)
        {
            return errors.ToProblem();
        }
        var created = await catalogue.CreateDepartmentAsync(input, ct);
        return TypedResults.Created($"/api/departments/{created.Id}", (await catalogue.DepartmentAsync(created.Id, ct))!);
    }

    public static async Task<Results<Ok<DepartmentRow>, NotFound, ValidationProblem>> Update(Guid id, DepartmentInput input, Catalogue catalogue,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        new FieldErrors(text).Check(input) is { Any: true } errors ? errors.ToProblem()
        : await catalogue.UpdateDepartmentAsync(id, input, ct) is null ? TypedResults.NotFound()
        : TypedResults.Ok((await catalogue.DepartmentAsync(id, ct))!);

    public static async Task<Results<NoContent, NotFound>> Delete(Guid id, Catalogue catalogue, CancellationToken ct) =>
        await catalogue.DeleteDepartmentAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
