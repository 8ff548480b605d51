using System.Linq.Expressions;
using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Catalog;

public static class DepartmentsApi
{
    public sealed record DepartmentDto(Guid Id, Guid DistrictId, string Code, string Name, string? LegalSectionContact, int MatterCount);

    public static void MapDepartmentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/departments").RequireAuthorization(Api.Policy).WithTags("Catalogue");
        api.MapGet("", List);
        api.MapGet("/{id:guid}", Get);
        api.MapPost("", Create).RequireAuthorization(Api.CatalogueKeeper);
        api.MapPut("/{id:guid}", Update).RequireAuthorization(Api.CatalogueKeeper);
        api.MapDelete("/{id:guid}", Delete).RequireAuthorization(Api.CatalogueKeeper);
    }

    /// <summary>Filters run on the entity, before the projection: EF can't translate a filter on a constructed record.</summary>
    public static IQueryable<DepartmentDto> Query(EntrustDbContext db, Expression<Func<Department, bool>>? where = null) =>
        db.Departments.AsNoTracking().Where(where ?? (d => true)).OrderBy(d => d.Code)
            .Select(d => new DepartmentDto(d.Id, d.DistrictId, d.Code, d.Name, d.LegalSectionContact,
                db.Matters.Count(m => m.DepartmentId == d.Id)));

    public static async Task<Ok<List<DepartmentDto>>> List(EntrustDbContext db, string? q, CancellationToken ct)
    {
        var query = string.IsNullOrWhiteSpace(q) ? Query(db) : Query(db, d => d.Name.Contains(q) || d.Code.Contains(q));
        return TypedResults.Ok(await query.ToListAsync(ct));
    }

    public static async Task<Results<Ok<DepartmentDto>, NotFound>> Get(Guid id, EntrustDbContext db, CancellationToken ct) =>
        await Query(db, d => d.Id == id).FirstOrDefaultAsync(ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound();

    public static async Task<Results<Created<DepartmentDto>, ValidationProblem>> Create(
        DepartmentInput input, Catalogue catalogue, EntrustDbContext db, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var errors = new FieldErrors(text).Check(input);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var created = await catalogue.CreateDepartmentAsync(input, ct);
        var dto = await Query(db, d => d.Id == created.Id).FirstAsync(ct);
        return TypedResults.Created($"/api/departments/{created.Id}", dto);
    }

    public static async Task<Results<Ok<DepartmentDto>, NotFound, ValidationProblem>> Update(
        Guid id, DepartmentInput input, Catalogue catalogue, EntrustDbContext db, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var errors = new FieldErrors(text).Check(input);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        if (await catalogue.UpdateDepartmentAsync(id, input, ct) is null)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(await Query(db, d => d.Id == id).FirstAsync(ct));
    }

    public static async Task<Results<NoContent, NotFound>> Delete(Guid id, Catalogue catalogue, CancellationToken ct) =>
        await catalogue.DeleteDepartmentAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
