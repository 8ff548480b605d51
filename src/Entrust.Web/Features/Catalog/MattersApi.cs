using System.Runtime.CompilerServices;
using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Catalog;

public static class MattersApi
{
    public sealed record MatterDto(Guid Id, Guid DistrictId, string Code, string Name, Guid DepartmentId, string DepartmentName,
        string Domain, MatterKind Kind, string LawName, string LawArticle, Entrustability Entrustability);

    /// <summary>The matter list's filter bar: free text, department, domain, kind, entrustability, sort and page.</summary>
    public sealed record MatterFilter(string? Q, Guid? Department, string? Domain, MatterKind? Kind, Entrustability? Entrustability,
        string? Sort, int? Page, int? PageSize);

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

    public static IQueryable<Matter> Filter(IQueryable<Matter> matters, MatterFilter f)
    {
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var q = f.Q.Trim();
            matters = matters.Where(m => m.Name.Contains(q) || m.Code.Contains(q) || m.LawName.Contains(q));
        }
        if (f.Department is { } dept)
        {
            matters = matters.Where(m => m.DepartmentId == dept);
        }
        if (!string.IsNullOrWhiteSpace(f.Domain))
        {
            matters = matters.Where(m => m.Domain == f.Domain);
        }
        if (f.Kind is { } kind)
        {
            matters = matters.Where(m => m.Kind == kind);
        }
        if (f.Entrustability is { } e)
        {
            matters = matters.Where(m => m.Entrustability == e);
        }
        return matters;
    }

    /// <summary>Sorting happens on the entity, before the projection, so the database does it.</summary>
    public static IQueryable<MatterDto> Project(IQueryable<Matter> matters, string? sort)
    {
        matters = sort switch
        {
            "name" => matters.OrderBy(m => m.Name).ThenBy(m => m.Code),
            "-name" => matters.OrderByDescending(m => m.Name).ThenBy(m => m.Code),
            "department" => matters.OrderBy(m => m.Department!.Name).ThenBy(m => m.Code),
            "-department" => matters.OrderByDescending(m => m.Department!.Name).ThenBy(m => m.Code),
            "domain" => matters.OrderBy(m => m.Domain).ThenBy(m => m.Code),
            "-domain" => matters.OrderByDescending(m => m.Domain).ThenBy(m => m.Code),
            "-code" => matters.OrderByDescending(m => m.Code),
            _ => matters.OrderBy(m => m.Code),
        };
        return matters.Select(m => new MatterDto(m.Id, m.DistrictId, m.Code, m.Name, m.DepartmentId, m.Department!.Name,
            m.Domain, m.Kind, m.LawName, m.LawArticle, m.Entrustability));
    }

    public static async Task<Ok<Paged<MatterDto>>> List([AsParameters] MatterFilter filter, EntrustDbContext db, CancellationToken ct)
    {
        if (UnfilteredList.Serves(filter))
        {
            return TypedResults.Ok(await UnfilteredList.For(db).PageAsync(db, filter.Page, filter.PageSize, ct));
        }
        var matters = Filter(db.Matters.AsNoTracking(), filter);
        return TypedResults.Ok(await Project(matters, filter.Sort).ToPagedAsync(filter.Page, filter.PageSize, ct));
    }

    /// <summary>
    /// The list as a user lands on it (no filter, sorted by code) through EF compiled queries: the busiest request of
    /// the console skips LINQ translation (about 80 µs of its 650; docs/performance.md). The data-scope filters still
    /// apply. A compiled query serves one EF model only, and there is one per scope kind (<see cref="DataScope.ForOneDistrict"/>)
    /// and per database, so each model gets its own pair.
    /// </summary>
    private sealed class UnfilteredList
    {
        private static readonly ConditionalWeakTable<IModel, UnfilteredList> ByModel = [];

        private readonly Func<EntrustDbContext, CancellationToken, Task<int>> _count =
            EF.CompileAsyncQuery((EntrustDbContext db, CancellationToken ct) => db.Matters.Count());

        private readonly Func<EntrustDbContext, int, int, IAsyncEnumerable<MatterDto>> _page =
            EF.CompileAsyncQuery((EntrustDbContext db, int skip, int take) => Project(db.Matters.AsNoTracking(), null).Skip(skip).Take(take));

        public static bool Serves(MatterFilter f) =>
            string.IsNullOrWhiteSpace(f.Q) && f.Department is null && string.IsNullOrWhiteSpace(f.Domain) && f.Kind is null
            && f.Entrustability is null && f.Sort is null or "" or "code";

        public static UnfilteredList For(EntrustDbContext db) => ByModel.GetValue(db.Model, _ => new UnfilteredList());

        public async Task<Paged<MatterDto>> PageAsync(EntrustDbContext db, int? page, int? pageSize, CancellationToken ct)
        {
            var (number, size) = PagingExtensions.Normalize(page, pageSize);
            var total = await _count(db, ct);
            var items = new List<MatterDto>(size);
            await foreach (var item in _page(db, (number - 1) * size, size).WithCancellation(ct))
            {
                items.Add(item);
            }
            return new Paged<MatterDto>(items, total, number, size);
        }
    }

    public static async Task<Results<Ok<MatterDto>, NotFound>> Get(Guid id, EntrustDbContext db, CancellationToken ct) =>
        await Project(db.Matters.AsNoTracking().Where(m => m.Id == id), null).FirstOrDefaultAsync(ct) is { } m
            ? TypedResults.Ok(m) : TypedResults.NotFound();

    public static async Task<Results<Created<MatterDto>, ValidationProblem>> Create(
        MatterInput input, Catalogue catalogue, EntrustDbContext db, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var errors = new FieldErrors(text).Check(input);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var created = await catalogue.CreateMatterAsync(input, ct);
        var dto = await Project(db.Matters.AsNoTracking().Where(m => m.Id == created.Id), null).FirstAsync(ct);
        return TypedResults.Created($"/api/matters/{created.Id}", dto);
    }

    public static async Task<Results<Ok<MatterDto>, NotFound, ValidationProblem>> Update(
        Guid id, MatterInput input, Catalogue catalogue, EntrustDbContext db, IStringLocalizer<SharedResource> text, CancellationToken ct)
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
        return TypedResults.Ok(await Project(db.Matters.AsNoTracking().Where(m => m.Id == id), null).FirstAsync(ct));
    }

    public static async Task<Results<NoContent, NotFound>> Delete(Guid id, Catalogue catalogue, CancellationToken ct) =>
        await catalogue.DeleteMatterAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<FileContentHttpResult> Export([AsParameters] MatterFilter filter, EntrustDbContext db,
        MatterSpreadsheet sheet, CancellationToken ct) =>
        TypedResults.File(await sheet.ExportAsync(Filter(db.Matters, filter), ct), Spreadsheet.ContentType, "matters.xlsx");

    public static FileContentHttpResult Template(MatterSpreadsheet sheet) =>
        TypedResults.File(sheet.Template(), Spreadsheet.ContentType, "matters-template.xlsx");

    public sealed record ImportResponse(int Added, int Updated);

    public static Task<Results<Ok<ImportResponse>, ProblemHttpResult>> Import(
        IFormFile? file, Guid? district, MatterSpreadsheet sheet, IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        SpreadsheetImport.ApiAsync(file, text, stream => sheet.ImportAsync(stream, district, ct), r => new ImportResponse(r.Added, r.Updated));
}
