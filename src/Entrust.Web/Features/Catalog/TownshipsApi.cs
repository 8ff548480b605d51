using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Catalog;

/// <summary>/api/townships and their internal offices: one-line handlers over <see cref="Catalogue"/>.</summary>
public static class TownshipsApi
{
    public static void MapTownshipsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/townships").RequireAuthorization(Api.Policy).WithTags("Catalogue");
        api.MapGet("", async (string? q, bool? pilot, Catalogue catalogue, CancellationToken ct) =>
            TypedResults.Ok(await catalogue.TownshipsAsync(q, pilot, ct)));
        api.MapGet("/export", async (string? q, bool? pilot, string? sort, Catalogue catalogue, ListExport export,
            IStringLocalizer<SharedResource> text, CancellationToken ct) =>
            ListExport.Answer(await catalogue.TownshipsExportAsync(q, pilot, new ListQuery { Sort = sort }, export, text, ct)));
        api.MapGet("/{id:guid}", Get);
        api.MapPost("", Create).RequireAuthorization(Api.CatalogueKeeper);
        api.MapPut("/{id:guid}", Update).RequireAuthorization(Api.CatalogueKeeper);
        api.MapDelete("/{id:guid}", Delete).RequireAuthorization(Api.CatalogueKeeper);
        api.MapGet("/{id:guid}/offices", Offices);
        api.MapPost("/{id:guid}/offices", AddOffice).RequireAuthorization(Api.CatalogueKeeper);
    }

    public static async Task<Results<Ok<TownshipRow>, NotFound>> Get(Guid id, Catalogue catalogue, CancellationToken ct) =>
        await catalogue.TownshipAsync(id, ct) is { } t ? TypedResults.Ok(t) : TypedResults.NotFound();

    public static async Task<Results<Created<TownshipRow>, ValidationProblem>> Create(TownshipInput input, Catalogue catalogue,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (new FieldErrors(text).Check(input) is { Any: true } errors)
        {
            return errors.ToProblem();
        }
        var created = await catalogue.CreateTownshipAsync(input, ct);
        return TypedResults.Created($"/api/townships/{created.Id}", (await catalogue.TownshipAsync(created.Id, ct))!);
    }

    public static async Task<Results<Ok<TownshipRow>, NotFound, ValidationProblem>> Update(Guid id, TownshipInput input, Catalogue catalogue,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        new FieldErrors(text).Check(input) is { Any: true } errors ? errors.ToProblem()
        : await catalogue.UpdateTownshipAsync(id, input, ct) is null ? TypedResults.NotFound()
        : TypedResults.Ok((await catalogue.TownshipAsync(id, ct))!);

    public static async Task<Results<NoContent, NotFound>> Delete(Guid id, Catalogue catalogue, CancellationToken ct) =>
        await catalogue.DeleteTownshipAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<Ok<List<OfficeRow>>, NotFound>> Offices(Guid id, Catalogue catalogue, CancellationToken ct) =>
        await catalogue.OfficesAsync(id, ct) is { } offices ? TypedResults.Ok(offices) : TypedResults.NotFound();

    public static async Task<Results<Created<OfficeRow>, NotFound, ValidationProblem>> AddOffice(Guid id, OfficeInput input, Catalogue catalogue,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        new FieldErrors(text).Check(input) is { Any: true } errors ? errors.ToProblem()
        : await catalogue.AddOfficeAsync(id, input, ct) is { } o
            ? TypedResults.Created($"/api/townships/{id}/offices", new OfficeRow(o.Id, o.TownshipId, o.Name, o.LeaderInCharge, o.Phone))
        : TypedResults.NotFound();
}
