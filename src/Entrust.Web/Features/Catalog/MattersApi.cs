using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Catalog;

public static class MattersApi
{
    public static void MapMattersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/matters").RequireAuthorization(Api.Policy).WithTags("Catalogue");
        api.MapGet("", List);
        api.MapGet("/{id:guid}", Get);
        api.MapPost("", Create).RequireAuthorization(Api.CatalogueKeeper);
        api.MapPut("/{id:guid}", Update).RequireAuthorization(Api.CatalogueKeeper);
        api.MapDelete("/{id:guid}", Delete).RequireAuthorization(Api.CatalogueKeeper);
        api.MapGet("/export", Export);
        api.MapGet("/template", Template);
        // Bearer-only: no cookie reaches this endpoint, so there is no cross-site form to forge.
        api.MapPost("/import", Import).RequireAuthorization(Api.CatalogueKeeper).DisableAntiforgery();
    }

    /// <summary>The catalogue's list (<see cref="Catalogue.MatterPageAsync"/>), the same filter and order as the console's.</summary>
    public static async Task<Ok<Paged<MatterRow>>> List([AsParameters] MatterFilter filter, Catalogue catalogue, CancellationToken ct) =>
        TypedResults.Ok(await catalogue.MatterPageAsync(filter, ct));

    public static async Task<Results<Ok<MatterRow>, NotFound>> Get(Guid id, Catalogue catalogue, CancellationToken ct) =>
        await catalogue.MatterAsync(id, ct) is { } m
            ? TypedResults.Ok(m) : TypedResults.NotFound();

    public static async Task<Results<Created<MatterRow>, ValidationProblem>> Create(
        MatterInput input, Catalogue catalogue, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var errors = new FieldErrors(text).Check(input);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var created = await catalogue.CreateMatterAsync(input, ct);
        var dto = (await catalogue.MatterAsync(created.Id, ct))!;
        return TypedResults.Created($"/api/matters/{created.Id}", dto);
    }

    public static async Task<Results<Ok<MatterRow>, NotFound, ValidationProblem>> Update(
        Guid id, MatterInput input, Catalogue catalogue, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var errors = new FieldErrors(text).Check(input);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        if (await catalogue.UpdateMatterAsync(id, input, ct) is null)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok((await catalogue.MatterAsync(id, ct))!);
    }

    public static async Task<Results<NoContent, NotFound>> Delete(Guid id, Catalogue catalogue, CancellationToken ct) =>
        await catalogue.DeleteMatterAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<FileContentHttpResult> Export([AsParameters] MatterFilter filter, MatterSpreadsheet sheet, CancellationToken ct) =>
        TypedResults.File(await sheet.ExportAsync(filter, filter.Sort, ct), Spreadsheet.ContentType, "matters.xlsx");

    public static FileContentHttpResult Template(MatterSpreadsheet sheet) =>
        TypedResults.File(sheet.Template(), Spreadsheet.ContentType, "matters-template.xlsx");

    public sealed record ImportResponse(int Added, int Updated);

    public static Task<Results<Ok<ImportResponse>, ProblemHttpResult>> Import(
        IFormFile? file, Guid? district, MatterSpreadsheet sheet, IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        SpreadsheetImport.ApiAsync(file, text, stream => sheet.ImportAsync(stream, district, ct), r => new ImportResponse(r.Added, r.Updated));
}
