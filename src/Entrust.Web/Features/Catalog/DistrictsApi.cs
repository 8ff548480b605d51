using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Catalog;

/// <summary>/api/districts: one-line handlers over <see cref="Catalogue"/>; districts are the admin's to keep.</summary>
public static class DistrictsApi
{
    public static void MapDistrictsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/districts").RequireAuthorization(Api.Policy).WithTags("Catalogue");
        api.MapGet("", async (string? q, Catalogue catalogue, CancellationToken ct) => TypedResults.Ok(await catalogue.DistrictsAsync(q, ct)));
        api.MapGet("/export", async (string? q, string? sort, Catalogue catalogue, ListExport export, CancellationToken ct) =>
            ListExport.Answer(await catalogue.DistrictsExportAsync(q, new ListQuery { Sort = sort }, export, ct)));
        api.MapGet("/{id:guid}", Get);
        api.MapPost("", Create).RequireAuthorization(Api.Admin);
        api.MapPut("/{id:guid}", Update).RequireAuthorization(Api.Admin);
    }

    public static async Task<Results<Ok<DistrictRow>, NotFound>> Get(Guid id, Catalogue catalogue, CancellationToken ct) =>
        await catalogue.DistrictAsync(id, ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound();

    public static async Task<Results<Created<DistrictRow>, ValidationProblem>> Create(DistrictInput input, Catalogue catalogue,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (new FieldErrors(text).Check(input) is { Any: true } errors)
        {
            return errors.ToProblem();
        }
        var district = await catalogue.CreateDistrictAsync(input, ct);
        return TypedResults.Created($"/api/districts/{district.Id}", (await catalogue.DistrictAsync(district.Id, ct))!);
    }

    public static async Task<Results<Ok<DistrictRow>, NotFound, ValidationProblem>> Update(Guid id, DistrictInput input, Catalogue catalogue,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        new FieldErrors(text).Check(input) is { Any: true } errors ? errors.ToProblem()
        : await catalogue.UpdateDistrictAsync(id, input, ct) is null ? TypedResults.NotFound()
        : TypedResults.Ok((await catalogue.DistrictAsync(id, ct))!);
}
