using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Catalog;

public sealed record DistrictRow(Guid Id, string Code, string Name, int Townships, int Departments);
public sealed record DepartmentRow(Guid Id, Guid DistrictId, string Code, string Name, string? LegalSectionContact, int MatterCount, string? LegalName = null);
public sealed record TownshipRow(Guid Id, Guid DistrictId, string Code, string Name, TownshipKind Kind, bool IsPilot, int OfficeCount, string? LegalName = null);
public sealed record OfficeRow(Guid Id, Guid TownshipId, string Name, string? LeaderInCharge, string? Phone);

/// <summary>
/// Reading the catalogue, for the /Catalog pages and /api/districts, /api/departments, /api/townships alike. Every read goes
/// through the scoped DbContext, so a row out of scope is not found (null). Filters run on the entity, before the
/// projection: EF can't translate a filter on a constructed record.
/// </summary>
public sealed partial class Catalogue
{
    private IQueryable<DistrictRow> Districts(Expression<Func<District, bool>> where) =>
        db.Districts.AsNoTracking().Where(where).OrderBy(d => d.Code).Select(d => new DistrictRow(d.Id, d.Code, d.Name,
            db.Townships.Count(t => t.DistrictId == d.Id), db.Departments.Count(x => x.DistrictId == d.Id)));

    public Task<List<DistrictRow>> DistrictsAsync(string? q, CancellationToken ct) => Districts(q).ToListAsync(ct);

    private IQueryable<DistrictRow> Districts(string? q)
    {
        var text = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        return Districts(d => text == null || d.Name.Contains(text) || d.Code.Contains(text));
    }

    /// <summary>The district list's orders (the console's column headers); by code by default.</summary>
    public static readonly ListSort<DistrictRow> DistrictSorts = new ListSort<DistrictRow>("code")
        .By("code", d => d.Code).By("name", d => d.Name).By("townships", d => d.Townships).By("departments", d => d.Departments).Then(d => d.Id);

    /// <summary>A page of the districts the search finds, in the asked order.</summary>
    public Task<Paged<DistrictRow>> DistrictsAsync(string? q, ListQuery list, CancellationToken ct) => Districts(q).ToPagedAsync(list, DistrictSorts, ct);

    /// <summary>Every district the search finds in the list's order as .xlsx: the /Catalog/Districts export and GET /api/districts/export.</summary>
    public Task<(byte[] Content, string FileName)> DistrictsExportAsync(string? q, ListQuery list, ListExport export, CancellationToken ct) =>
        export.WriteAsync("Menu.Districts", null, Districts(q).ForExport(list, DistrictSorts), [
            new("Field.Code", d => d.Code),
            new("Field.Name", d => d.Name),
            new("Menu.Townships", d => d.Townships),
            new("Menu.Departments", d => d.Departments),
        ], ct);

    public Task<DistrictRow?> DistrictAsync(Guid id, CancellationToken ct) => Districts(d => d.Id == id).FirstOrDefaultAsync(ct);

    private IQueryable<DepartmentRow> Departments(Expression<Func<Department, bool>> where) =>
        db.Departments.AsNoTracking().Where(where).OrderBy(d => d.Code)
            .Select(d => new DepartmentRow(d.Id, d.DistrictId, d.Code, d.Name, d.LegalSectionContact, db.Matters.Count(m => m.DepartmentId == d.Id), d.LegalName));

    public Task<List<DepartmentRow>> DepartmentsAsync(string? q, CancellationToken ct) => Departments(q).ToListAsync(ct);

    private IQueryable<DepartmentRow> Departments(string? q) =>
        string.IsNullOrWhiteSpace(q) ? Departments(d => true) : Departments(d => d.Name.Contains(q) || d.Code.Contains(q));

    /// <summary>The department list's orders; by code by default.</summary>
    public static readonly ListSort<DepartmentRow> DepartmentSorts = new ListSort<DepartmentRow>("code")
        .By("code", d => d.Code).By("name", d => d.Name).By("contact", d => d.LegalSectionContact).By("matters", d => d.MatterCount)
        .Then(d => d.Id);

    /// <summary>A page of the departments the search finds, in the asked order.</summary>
    public Task<Paged<DepartmentRow>> DepartmentsAsync(string? q, ListQuery list, CancellationToken ct) =>
        Departments(q).ToPagedAsync(list, DepartmentSorts, ct);

    /// <summary>Every department the search finds in the list's order as .xlsx: the /Catalog/Departments export and GET /api/departments/export.</summary>
    public Task<(byte[] Content, string FileName)> DepartmentsExportAsync(string? q, ListQuery list, ListExport export, CancellationToken ct) =>
        export.WriteAsync("Menu.Departments", null, Departments(q).ForExport(list, DepartmentSorts), [
            new("Field.Code", d => d.Code),
            new("Field.Name", d => d.Name),
            new("Field.LegalSectionContact", d => d.LegalSectionContact),
            new("Home.Matters", d => d.MatterCount),
        ], ct);

    public Task<DepartmentRow?> DepartmentAsync(Guid id, CancellationToken ct) => Departments(d => d.Id == id).FirstOrDefaultAsync(ct);

    private IQueryable<TownshipRow> Townships(Expression<Func<Township, bool>> where) =>
        db.Townships.AsNoTracking().Where(where).OrderBy(t => t.Code)
            .Select(t => new TownshipRow(t.Id, t.DistrictId, t.Code, t.Name, t.Kind, t.IsPilot, t.Offices.Count, t.LegalName));

    public Task<List<TownshipRow>> TownshipsAsync(string? q, bool? pilot, CancellationToken ct) => Townships(q, pilot).ToListAsync(ct);

    private IQueryable<TownshipRow> Townships(string? q, bool? pilot)
    {
        var text = string.IsNullOrWhiteSpace(q) ? null : q;
        return Townships(t => (text == null || t.Name.Contains(text) || t.Code.Contains(text)) && (pilot == null || t.IsPilot == pilot));
    }

    /// <summary>The township list's orders; by code by default.</summary>
    public static readonly ListSort<TownshipRow> TownshipSorts = new ListSort<TownshipRow>("code")
        .By("code", t => t.Code).By("name", t => t.Name).By("kind", t => t.Kind).By("pilot", t => t.IsPilot).By("offices", t => t.OfficeCount)
        .Then(t => t.Id);

    /// <summary>A page of the townships the filter finds, in the asked order.</summary>
    public Task<Paged<TownshipRow>> TownshipsAsync(string? q, bool? pilot, ListQuery list, CancellationToken ct) =>
        Townships(q, pilot).ToPagedAsync(list, TownshipSorts, ct);

    /// <summary>Every township the filter finds in the list's order as .xlsx: the /Catalog/Townships export and GET /api/townships/export.</summary>
    public Task<(byte[] Content, string FileName)> TownshipsExportAsync(string? q, bool? pilot, ListQuery list, ListExport export,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        export.WriteAsync("Menu.Townships", null, Townships(q, pilot).ForExport(list, TownshipSorts), [
            new("Field.Code", t => t.Code),
            new("Field.Name", t => t.Name),
            new("Field.Kind", t => text["TownshipKind." + t.Kind].Value),
            new("Field.IsPilot", t => t.IsPilot),
            new("Township.Offices", t => t.OfficeCount),
        ], ct);

    public Task<TownshipRow?> TownshipAsync(Guid id, CancellationToken ct) => Townships(t => t.Id == id).FirstOrDefaultAsync(ct);

    /// <summary>A township's internal offices; null when the township is out of sight.</summary>
    public async Task<List<OfficeRow>?> OfficesAsync(Guid townshipId, CancellationToken ct) =>
        await db.Townships.AnyAsync(t => t.Id == townshipId, ct)
            ? await db.InternalOffices.AsNoTracking().Where(o => o.TownshipId == townshipId).OrderBy(o => o.Name)
                .Select(o => new OfficeRow(o.Id, o.TownshipId, o.Name, o.LeaderInCharge, o.Phone)).ToListAsync(ct)
            : null;
}

/// <summary>A matter as the catalogue lists it (the console's /Catalog/Matters and GET /api/matters alike).</summary>
public sealed record MatterRow(Guid Id, Guid DistrictId, string Code, string Name, Guid DepartmentId, string DepartmentName,
    string Domain, MatterKind Kind, string LawName, string LawArticle, Entrustability Entrustability);

/// <summary>The matter list's filter bar: free text, department, domain, kind, entrustability; the API adds its sort and page.</summary>
public sealed record MatterFilter(string? Q, Guid? Department, string? Domain, MatterKind? Kind, Entrustability? Entrustability,
    string? Sort = null, int? Page = null, int? PageSize = null)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Q) && Department is null && string.IsNullOrWhiteSpace(Domain) && Kind is null
        && Entrustability is null;
}

public sealed partial class Catalogue
{
    /// <summary>The matter list's orders (its column headers and the API's <c>sort</c>): by code unless asked.</summary>
    public static readonly ListSort<MatterRow> MatterSorts = new ListSort<MatterRow>("code")
        .By("code", m => m.Code).By("name", m => m.Name).By("department", m => m.DepartmentName).By("domain", m => m.Domain)
        .By("kind", m => m.Kind).By("entrustability", m => m.Entrustability)
        .Then(m => m.Id);

    /// <summary>The matters the filter keeps, on the entity (the export's rows and the list's alike).</summary>
    private IQueryable<Matter> Filtered(MatterFilter f)
    {
        var matters = db.Matters.AsNoTracking();
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

    /// <summary>The projection, the last step of the query, so that <see cref="MatterSorts"/> orders on the entity before it.</summary>
    public static IQueryable<MatterRow> Project(IQueryable<Matter> matters) => matters.Select(AsRow);

    private static readonly Expression<Func<Matter, MatterRow>> AsRow = m => new MatterRow(m.Id, m.DistrictId, m.Code, m.Name,
        m.DepartmentId, m.Department!.Name, m.Domain, m.Kind, m.LawName, m.LawArticle, m.Entrustability);

    /// <summary>The filter's matters, projected, in no order yet.</summary>
    public IQueryable<MatterRow> Matters(MatterFilter filter) => Project(Filtered(filter));

    /// <summary>A page of the console's list in the asked order; a page past the last is the last.</summary>
    public Task<Paged<MatterRow>> MattersAsync(MatterFilter filter, ListQuery list, CancellationToken ct) =>
        Matters(filter).ToPagedAsync(list, MatterSorts, ct);

    /// <summary>The tables a page of the catalogue is read from (a row names its department).</summary>
    private static readonly string[] MatterPageTables = ["Matter", "Department"];

    /// <summary>
    /// A page of GET /api/matters (a page past the last is empty, so a client paging on stops). The list as a user lands on it
    /// (no filter, by code), the busiest read of the platform, is kept in the <see cref="ReferenceCache"/> per data scope
    /// (<see cref="CurrentUser.ScopeKey"/>) and page until a matter or a department changes, and read through
    /// <see cref="UnfilteredMatters"/> when it is not.
    /// </summary>
    public async Task<Paged<MatterRow>> MatterPageAsync(MatterFilter filter, CancellationToken ct)
    {
        if (filter.IsEmpty && MatterSorts.Effective(filter.Sort) == MatterSorts.Default)
        {
            var (number, size) = PagingExtensions.Normalize(filter.Page, filter.PageSize);
            return await reference.GetAsync("matter-page", (user.ScopeKey, number, size), MatterPageTables,
                () => UnfilteredMatters.For(db).PageAsync(db, number, size, ct));
        }
        return await MatterSorts.Apply(Matters(filter), filter.Sort).ToPagedAsync(filter.Page, filter.PageSize, ct);
    }

    public Task<MatterRow?> MatterAsync(Guid id, CancellationToken ct) =>
        Project(db.Matters.AsNoTracking().Where(m => m.Id == id)).FirstOrDefaultAsync(ct);

    /// <summary>
    /// The matters the filter shows in the list's order: what the catalogue's sheet writes. Its limit is the import's, not
    /// the lists' (<see cref="ListExport.MaxRows"/>): the sheet is also the file a district edits and imports back whole.
    /// </summary>
    public Task<List<MatterRow>> MattersForExportAsync(MatterFilter filter, string? sort, CancellationToken ct) =>
        MatterSorts.Apply(Matters(filter), sort).Take(MatterSpreadsheet.MaxRows).ToListAsync(ct);

    /// <summary>
    /// The unfiltered list by code through EF compiled queries: the busiest request of the API skips LINQ translation (about
    /// 80 µs of its 650; docs/performance.md). The data-scope filters still apply. A compiled query serves one EF model only,
    /// and there is one per scope kind (<see cref="DataScope.ForOneDistrict"/>) and per database, so each model gets its own pair.
    /// </summary>
    private sealed class UnfilteredMatters
    {
        private static readonly ConditionalWeakTable<IModel, UnfilteredMatters> ByModel = [];

        private readonly Func<EntrustDbContext, CancellationToken, Task<int>> _count =
            EF.CompileAsyncQuery((EntrustDbContext db, CancellationToken ct) => db.Matters.Count());

        // The order of MatterSorts' default: the code, then the id (before the projection: EF can't order on a constructed row).
        private readonly Func<EntrustDbContext, int, int, IAsyncEnumerable<MatterRow>> _page =
            EF.CompileAsyncQuery((EntrustDbContext db, int skip, int take) =>
                db.Matters.AsNoTracking().OrderBy(m => m.Code).ThenBy(m => m.Id).Select(AsRow).Skip(skip).Take(take));

        public static UnfilteredMatters For(EntrustDbContext db) => ByModel.GetValue(db.Model, _ => new UnfilteredMatters());

        public async Task<Paged<MatterRow>> PageAsync(EntrustDbContext db, int? page, int? pageSize, CancellationToken ct)
        {
            var (number, size) = PagingExtensions.Normalize(page, pageSize);
            var total = await _count(db, ct);
            var items = new List<MatterRow>(size);
            await foreach (var item in _page(db, (number - 1) * size, size).WithCancellation(ct))
            {
                items.Add(item);
            }
            return new Paged<MatterRow>(items, total, number, size);
        }
    }
}
