using System.Linq.Expressions;
using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Catalog;

/// <summary>Districts: every user sees their own; only the admin, above districts, sees all and adds new ones.</summary>
public static class DistrictsApi
{
    public sealed record DistrictDto(Guid Id, string Code, string Name, int Townships, int Departments);

    public static void MapDistrictsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/districts").RequireAuthorization(Api.Policy).WithTags("Catalogue");
        api.MapGet("", List);
        api.MapGet("/{id:guid}", Get);
        api.MapPost("", Create).RequireAuthorization(Api.Admin);
        api.MapPut("/{id:guid}", Update).RequireAuthorization(Api.Admin);
    }

    // The filter runs on the entity, before the projection: EF can't translate a filter on a constructed record.
    public static IQueryable<DistrictDto> Query(EntrustDbContext db, Expression<Func<District, bool>>? where = null) =>
        db.Districts.AsNoTracking().Where(where ?? (d => true)).OrderBy(d => d.Code).Select(d => new DistrictDto(d.Id, d.Code, d.Name,
            db.Townships.Count(t => t.DistrictId == d.Id), db.Departments.Count(x => x.DistrictId == d.Id)));

    public static async Task<Ok<List<DistrictDto>>> List(EntrustDbContext db, string? q, CancellationToken ct)
    {
        var text = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        return TypedResults.Ok(await Query(db, d => text == null || d.Name.Contains(text) || d.Code.Contains(text)).ToListAsync(ct));
    }

    public static async Task<Results<Ok<DistrictDto>, NotFound>> Get(Guid id, EntrustDbContext db, CancellationToken ct) =>
        await Query(db, d => d.Id == id).FirstOrDefaultAsync(ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound();

    public static async Task<Results<Created<DistrictDto>, ValidationProblem>> Create(
        DistrictInput input, Catalogue catalogue, EntrustDbContext db, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var errors = new FieldErrors(text).Check(input);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var district = await catalogue.CreateDistrictAsync(input, ct);
        return TypedResults.Created($"/api/districts/{district.Id}", await Query(db, d => d.Id == district.Id).FirstAsync(ct));
    }

    public static async Task<Results<Ok<DistrictDto>, NotFound, ValidationProblem>> Update(
        Guid id, DistrictInput input, Catalogue catalogue, EntrustDbContext db, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var errors = new FieldErrors(text).Check(input);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        if (await catalogue.UpdateDistrictAsync(id, input, ct) is null)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(await Query(db, d => d.Id == id).FirstAsync(ct));
    }
}
