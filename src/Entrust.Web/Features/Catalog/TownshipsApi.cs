using System.Linq.Expressions;
using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Catalog;

public static class TownshipsApi
{
    public sealed record TownshipDto(Guid Id, Guid DistrictId, string Code, string Name, TownshipKind Kind, bool IsPilot, int OfficeCount);
    public sealed record OfficeDto(Guid Id, Guid TownshipId, string Name, string? LeaderInCharge, string? Phone);

    public static void MapTownshipsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/townships").RequireAuthorization(Api.Policy).WithTags("Catalogue");
        api.MapGet("", List);
        api.MapGet("/{id:guid}", Get);
        api.MapPost("", Create).RequireAuthorization(Api.CatalogueKeeper);
        api.MapPut("/{id:guid}", Update).RequireAuthorization(Api.CatalogueKeeper);
        api.MapDelete("/{id:guid}", Delete).RequireAuthorization(Api.CatalogueKeeper);
        api.MapGet("/{id:guid}/offices", Offices);
        api.MapPost("/{id:guid}/offices", AddOffice).RequireAuthorization(Api.CatalogueKeeper);
    }

    /// <summary>Filters run on the entity, before the projection: EF can't translate a filter on a constructed record.</summary>
    public static IQueryable<TownshipDto> Query(EntrustDbContext db, Expression<Func<Township, bool>>? where = null) =>
        db.Townships.AsNoTracking().Where(where ?? (t => true)).OrderBy(t => t.Code)
            .Select(t => new TownshipDto(t.Id, t.DistrictId, t.Code, t.Name, t.Kind, t.IsPilot, t.Offices.Count));

    public static async Task<Ok<List<TownshipDto>>> List(EntrustDbContext db, string? q, bool? pilot, CancellationToken ct)
    {
        var text = string.IsNullOrWhiteSpace(q) ? null : q;
        var query = Query(db, t => (text == null || t.Name.Contains(text) || t.Code.Contains(text)) && (pilot == null || t.IsPilot == pilot));
        return TypedResults.Ok(await query.ToListAsync(ct));
    }

    public static async Task<Results<Ok<TownshipDto>, NotFound>> Get(Guid id, EntrustDbContext db, CancellationToken ct) =>
        await Query(db, t => t.Id == id).FirstOrDefaultAsync(ct) is { } t ? TypedResults.Ok(t) : TypedResults.NotFound();

    public static async Task<Results<Created<TownshipDto>, ValidationProblem>> Create(
        TownshipInput input, Catalogue catalogue, EntrustDbContext db, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var errors = new FieldErrors(text).Check(input);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var created = await catalogue.CreateTownshipAsync(input, ct);
        return TypedResults.Created($"/api/townships/{created.Id}", await Query(db, t => t.Id == created.Id).FirstAsync(ct));
    }

    public static async Task<Results<Ok<TownshipDto>, NotFound, ValidationProblem>> Update(
        Guid id, TownshipInput input, Catalogue catalogue, EntrustDbContext db, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var errors = new FieldErrors(text).Check(input);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        if (await catalogue.UpdateTownshipAsync(id, input, ct) is null)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(await Query(db, t => t.Id == id).FirstAsync(ct));
    }

    public static async Task<Results<NoContent, NotFound>> Delete(Guid id, Catalogue catalogue, CancellationToken ct) =>
        await catalogue.DeleteTownshipAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<Ok<List<OfficeDto>>, NotFound>> Offices(Guid id, EntrustDbContext db, CancellationToken ct)
    {
        if (!await db.Townships.AnyAsync(t => t.Id == id, ct))
        {
            return TypedResults.NotFound();
        }
        var offices = await db.InternalOffices.AsNoTracking().Where(o => o.TownshipId == id).OrderBy(o => o.Name)
            .Select(o => new OfficeDto(o.Id, o.TownshipId, o.Name, o.LeaderInCharge, o.Phone)).ToListAsync(ct);
        return TypedResults.Ok(offices);
    }

    public static async Task<Results<Created<OfficeDto>, NotFound, ValidationProblem>> AddOffice(
        Guid id, OfficeInput input, Catalogue catalogue, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var errors = new FieldErrors(text).Check(input);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var office = await catalogue.AddOfficeAsync(id, input, ct);
        return office is null
            ? TypedResults.NotFound()
            : TypedResults.Created($"/api/townships/{id}/offices", new OfficeDto(office.Id, office.TownshipId, office.Name, office.LeaderInCharge, office.Phone));
    }
}
