using Entrust.Web.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Officers;

/// <summary>
/// 执法人员公示 for anyone without signing in (CQ-S 7, 行政处罚法 Art. 39): the officers holding a certificate valid today, per
/// unit, with their name, certificate number, unit, domains and validity — and nothing else personal (no ID number, phone
/// or gender). A district is named by its code; without one, the first district by code, as on the public agreements page.
/// </summary>
public static class PublicRegister
{
    public sealed record Entry(string Name, string CertificateNumber, Guid UnitId, string UnitName, IReadOnlyList<string> Domains,
        IReadOnlyList<string> DomainNames, DateOnly IssuedOn, DateOnly ExpiresOn);

    public static void MapPublicRegisterApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/public/officers", Get).AllowAnonymous().WithTags("Public");

    public static async Task<Ok<List<Entry>>> Get(string? district, Guid? unit, string? q, EntrustDbContext db, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await EntriesAsync(db, district, unit, q, Platform.Clock.TodayInChina(clock), ct));

    public static async Task<List<Entry>> EntriesAsync(EntrustDbContext db, string? districtCode, Guid? unit, string? q, DateOnly today,
        CancellationToken ct)
    {
        // Published to everyone: deliberately past the data scope, then held to one district by hand.
        var districtId = await db.Districts.IgnoreQueryFilters()
            .Where(d => districtCode == null || d.Code == districtCode).OrderBy(d => d.Code).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(ct);
        var certificates = db.Certificates.IgnoreQueryFilters().AsNoTracking().Where(c => c.DistrictId == districtId)
            .Where(Certificate.ValidOnDay(today));
        if (unit is { } u)
        {
            certificates = certificates.Where(c => c.TownshipId == u || c.DepartmentId == u);
        }
        var officers = db.Officers.IgnoreQueryFilters().Where(o => o.DistrictId == districtId).Where(Officer.Active());
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            officers = officers.Where(o => o.Name.Contains(text));
        }
        var rows = await (
                from c in certificates
                join o in officers on c.OfficerId equals o.Id
                select new { o.Name, c.Number, c.TownshipId, c.DepartmentId, c.Domains, c.IssuedOn, c.ExpiresOn })
            .ToListAsync(ct);
        var townships = await db.Townships.IgnoreQueryFilters().Where(t => t.DistrictId == districtId)
            .ToDictionaryAsync(t => t.Id, t => new { t.Name, t.Code }, ct);
        var departments = await db.Departments.IgnoreQueryFilters().Where(d => d.DistrictId == districtId)
            .ToDictionaryAsync(d => d.Id, d => new { d.Name, d.Code }, ct);
        // Townships first in catalogue order, then the departments; within a unit by name.
        return rows
            .Select(r => (Row: r, Unit: r.TownshipId is { } t ? (Id: t, Order: "0" + townships[t].Code, Name: townships[t].Name)
                : (Id: r.DepartmentId!.Value, Order: "1" + departments[r.DepartmentId!.Value].Code, Name: departments[r.DepartmentId!.Value].Name)))
            .OrderBy(x => x.Unit.Order, StringComparer.Ordinal).ThenBy(x => x.Row.Name, StringComparer.Ordinal).ThenBy(x => x.Row.Number, StringComparer.Ordinal)
            .Select(x => new Entry(x.Row.Name, x.Row.Number, x.Unit.Id, x.Unit.Name, x.Row.Domains,
                x.Row.Domains.Select(Catalog.Domains.Name).ToList(), x.Row.IssuedOn, x.Row.ExpiresOn))
            .ToList();
    }
}
