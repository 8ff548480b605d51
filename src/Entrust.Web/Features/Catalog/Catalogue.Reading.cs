using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

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

    public Task<List<DistrictRow>> DistrictsAsync(string? q, CancellationToken ct)
    {
        var text = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        return Districts(d => text == null || d.Name.Contains(text) || d.Code.Contains(text)).ToListAsync(ct);
    }

    public Task<DistrictRow?> DistrictAsync(Guid id, CancellationToken ct) => Districts(d => d.Id == id).FirstOrDefaultAsync(ct);

    private IQueryable<DepartmentRow> Departments(Expression<Func<Department, bool>> where) =>
        db.Departments.AsNoTracking().Where(where).OrderBy(d => d.Code)
            .Select(d => new DepartmentRow(d.Id, d.DistrictId, d.Code, d.Name, d.LegalSectionContact, db.Matters.Count(m => m.DepartmentId == d.Id), d.LegalName));

    public Task<List<DepartmentRow>> DepartmentsAsync(string? q, CancellationToken ct) =>
        (string.IsNullOrWhiteSpace(q) ? Departments(d => true) : Departments(d => d.Name.Contains(q) || d.Code.Contains(q))).ToListAsync(ct);

    public Task<DepartmentRow?> DepartmentAsync(Guid id, CancellationToken ct) => Departments(d => d.Id == id).FirstOrDefaultAsync(ct);

    private IQueryable<TownshipRow> Townships(Expression<Func<Township, bool>> where) =>
        db.Townships.AsNoTracking().Where(where).OrderBy(t => t.Code)
            .Select(t => new TownshipRow(t.Id, t.DistrictId, t.Code, t.Name, t.Kind, t.IsPilot, t.Offices.Count, t.LegalName));

    public Task<List<TownshipRow>> TownshipsAsync(string? q, bool? pilot, CancellationToken ct)
    {
        var text = string.IsNullOrWhiteSpace(q) ? null : q;
        return Townships(t => (text == null || t.Name.Contains(text) || t.Code.Contains(text)) && (pilot == null || t.IsPilot == pilot))
            .ToListAsync(ct);
    }

    public Task<TownshipRow?> TownshipAsync(Guid id, CancellationToken ct) => Townships(t => t.Id == id).FirstOrDefaultAsync(ct);

    /// <summary>A township's internal offices; null when the township is out of sight.</summary>
    public async Task<List<OfficeRow>?> OfficesAsync(Guid townshipId, CancellationToken ct) =>
        await db.Townships.AnyAsync(t => t.Id == townshipId, ct)
            ? await db.InternalOffices.AsNoTracking().Where(o => o.TownshipId == townshipId).OrderBy(o => o.Name)
                .Select(o => new OfficeRow(o.Id, o.TownshipId, o.Name, o.LeaderInCharge, o.Phone)).ToListAsync(ct)
            : null;
}
