using Entrust.Web.Data;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Officers;

/// <summary>
/// 持证覆盖: for each township and domain, how many of the township's officers may act personally today — in post, with a
/// certificate valid today that covers the domain (the same answer as <see cref="MayAct"/> and the random draw give for the township); every entrusted matter in force today whose domain has fewer than two such holders is flagged, because an
/// inspection or a case step needs two qualified officers (行政处罚法 Art. 42, LAW 10). The query filters decide who sees what:
/// a township its own row, a department every township with flags for the matters it entrusted, the office the district.
/// Certificates expiring within the office's warning period are listed per unit. Five set-based queries, whatever the size.
/// </summary>
public static class Coverage
{
    /// <summary>Two officers per inspection or case step (行政处罚法 Art. 42): <see cref="MayAct.OfficersPerAct"/>.</summary>
    public const int RequiredHolders = MayAct.OfficersPerAct;

    public sealed record DomainColumn(string Code, string Name);
    public sealed record Flag(Guid MatterId, string MatterCode, string MatterName, string Domain, Guid DepartmentId, string DepartmentName,
        string AgreementNumber, int Holders);
    public sealed record Row(Guid TownshipId, string TownshipName, IReadOnlyDictionary<string, int> Holders, IReadOnlyList<Flag> Flags);
    public sealed record Expiring(Guid Id, string Number, Guid OfficerId, string OfficerName, Guid? TownshipId, Guid? DepartmentId,
        string UnitName, DateOnly ExpiresOn, int DaysLeft);
    public sealed record View(DateOnly Date, int RequiredHolders, IReadOnlyList<DomainColumn> Domains, IReadOnlyList<Row> Rows,
        int FlagCount, IReadOnlyList<Expiring> Expiring);

    public static void MapCoverageApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/coverage", Get).RequireAuthorization(Api.Policy).WithTags("Officers");
        app.MapGet("/api/coverage/export", Export).RequireAuthorization(Api.Policy).WithTags("Officers");
    }

    public static async Task<Ok<View>> Get(Guid? district, Guid? township, EntrustDbContext db, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await BuildAsync(db, clock.TodayInChina(), district, township, ct));

    /// <summary>The grid the filter shows as .xlsx, in the order <c>sort</c> names (<see cref="Sorts"/>), as the /Coverage page exports it.</summary>
    public static async Task<FileContentHttpResult> Export(Guid? district, Guid? township, string? sort, EntrustDbContext db, TimeProvider clock,
        ListExport export, IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        ListExport.Answer(await ExportAsync(await BuildAsync(db, clock.TodayInChina(), district, township, ct), new ListQuery { Sort = sort },
            export, text, ct));

    /// <summary>The grid's orders: the townships' own order (by code) by default, or the holders of a domain's column.</summary>
    public static ListSort<Row> Sorts(View view)
    {
        var position = view.Rows.Select((r, i) => (r.TownshipId, i)).ToDictionary(p => p.TownshipId, p => p.i);
        var sorts = new ListSort<Row>("township").By("township", r => position[r.TownshipId]);
        foreach (var code in view.Domains.Select(d => d.Code))
        {
            sorts.By(code, r => r.Holders.GetValueOrDefault(code));
        }
        return sorts.Then(r => r.TownshipId);
    }

    /// <summary>
    /// The grid, one township a row, the holders per domain and the matters flagged, in the list's order, as .xlsx
    /// (<see cref="ListExport"/>): the /Coverage export button and GET /api/coverage/export alike.
    /// </summary>
    public static Task<(byte[] Content, string FileName)> ExportAsync(View view, ListQuery list, ListExport export,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        List<ExportColumn<Row>> columns = [new("Field.TownshipId", r => r.TownshipName)];
        columns.AddRange(view.Domains.Select(d => new ExportColumn<Row>(d.Name, r => r.Holders.GetValueOrDefault(d.Code))));
        columns.Add(new("Coverage.FlagsTitle", r => string.Join("；", r.Flags.Select(f =>
            text["Coverage.FlagCell", f.MatterName, Catalog.Domains.Name(f.Domain), f.Holders, view.RequiredHolders].Value))));
        return export.WriteAsync("Menu.Coverage", view.Date.ToString("yyyy-MM-dd"), Sorts(view).Apply(view.Rows, list.Sort), columns, ct);
    }

    public static async Task<View> BuildAsync(EntrustDbContext db, DateOnly today, Guid? district, Guid? township, CancellationToken ct)
    {
        var townships = db.Townships.AsNoTracking();
        var certificates = db.Certificates.AsNoTracking().Where(Certificate.ValidOnDay(today));
        var agreements = db.Agreements.AsNoTracking().Where(Agreement.InForceOnExpression(today));
        if (district is { } d)
        {
            townships = townships.Where(t => t.DistrictId == d);
            certificates = certificates.Where(c => c.DistrictId == d);
            agreements = agreements.Where(a => a.DistrictId == d);
        }
        if (township is { } t)
        {
            townships = townships.Where(x => x.Id == t);
            certificates = certificates.Where(c => c.TownshipId == t);
            agreements = agreements.Where(a => a.TownshipId == t);
        }

        var rows = await townships.OrderBy(x => x.Code).Select(x => new { x.Id, x.Name }).ToListAsync(ct);

        // Holders per township and domain. SQLite can't unnest a JSON list inside a query with EF (it would need APPLY), so the
        // valid certificates come as narrow rows and are counted here; an officer holding two covering certificates is one holder.
        // A holder is who may act personally today, as may-act asks it (MayAct.Personally): in post today (Officer.ActiveOnDay) and
        // holding a certificate valid today (Certificate.ValidOnDay) that covers the domain. The township's entitlement is the
        // agreements in force below; a township's officer acts only in their own township, so they count for it alone.
        var valid = await (
                from c in certificates.Where(c => c.TownshipId != null)
                join o in db.Officers.AsNoTracking().Where(Officer.ActiveOnDay(today)) on c.OfficerId equals o.Id
                where o.TownshipId == c.TownshipId
                select new { TownshipId = c.TownshipId!.Value, c.OfficerId, c.Domains })
            .ToListAsync(ct);
        var holders = valid
            .SelectMany(c => c.Domains.Select(domain => (c.TownshipId, c.OfficerId, Domain: domain)))
            .Distinct()
            .GroupBy(x => (x.TownshipId, x.Domain))
            .Select(g => (g.Key.TownshipId, g.Key.Domain, Holders: g.Count()))
            .ToList();

        var matters = await (
                from a in agreements
                from am in a.Matters
                join m in db.Matters on am.MatterId equals m.Id
                join dep in db.Departments on a.DepartmentId equals dep.Id
                select new { a.TownshipId, MatterId = m.Id, m.Code, m.Name, m.Domain, a.DepartmentId, DepartmentName = dep.Name, a.Number })
            .ToListAsync(ct);

        var expiring = await ExpiringAsync(db, today, certificates, ct);

        var counts = holders.ToLookup(h => h.TownshipId);
        var byTownship = matters.ToLookup(m => m.TownshipId);
        var inView = rows.Select(r => r.Id).ToHashSet();
        var used = holders.Where(h => inView.Contains(h.TownshipId)).Select(h => h.Domain)
            .Concat(matters.Where(m => inView.Contains(m.TownshipId)).Select(m => m.Domain)).ToHashSet();
        var columns = Catalog.Domains.All.Where(x => used.Contains(x.Code)).Select(x => new DomainColumn(x.Code, Catalog.Domains.Name(x.Code))).ToList();

        var result = rows.Select(r =>
        {
            var held = counts[r.Id].ToDictionary(h => h.Domain, h => h.Holders);
            var flags = byTownship[r.Id]
                .Where(m => held.GetValueOrDefault(m.Domain) < RequiredHolders)
                .OrderBy(m => m.Code)
                .Select(m => new Flag(m.MatterId, m.Code, m.Name, m.Domain, m.DepartmentId, m.DepartmentName, m.Number, held.GetValueOrDefault(m.Domain)))
                .ToList();
            return new Row(r.Id, r.Name, held, flags);
        }).ToList();
        return new View(today, RequiredHolders, columns, result, result.Sum(r => r.Flags.Count), expiring);
    }

    /// <summary>Certificates valid today that expire within their district's warning period, grouped by unit, soonest first.</summary>
    private static async Task<List<Expiring>> ExpiringAsync(EntrustDbContext db, DateOnly today, IQueryable<Certificate> valid, CancellationToken ct)
    {
        var warnings = await db.QualificationSettings.AsNoTracking().Select(s => new { s.DistrictId, s.ExpiryWarningDays }).ToListAsync(ct);
        var longest = warnings.Select(w => w.ExpiryWarningDays).Append(QualificationSettings.Defaults(Guid.Empty).ExpiryWarningDays).Max();
        var horizon = today.AddDays(longest);
        var rows = await (
                from c in valid
                where c.ExpiresOn <= horizon
                join o in db.Officers on c.OfficerId equals o.Id
                join town in db.Townships on c.TownshipId equals town.Id into towns
                from town in towns.DefaultIfEmpty()
                join dep in db.Departments on c.DepartmentId equals dep.Id into deps
                from dep in deps.DefaultIfEmpty()
                select new
                {
                    c.Id,
                    c.Number,
                    c.OfficerId,
                    OfficerName = o.Name,
                    c.TownshipId,
                    c.DepartmentId,
                    c.DistrictId,
                    c.ExpiresOn,
                    UnitName = town != null ? town.Name : dep != null ? dep.Name : "",
                    UnitCode = town != null ? town.Code : dep != null ? "~" + dep.Code : "",
                })
            .ToListAsync(ct);
        var days = warnings.ToDictionary(w => w.DistrictId, w => w.ExpiryWarningDays);
        var byDefault = QualificationSettings.Defaults(Guid.Empty).ExpiryWarningDays;
        return rows
            .Where(r => r.ExpiresOn.DayNumber - today.DayNumber <= days.GetValueOrDefault(r.DistrictId, byDefault))
            .OrderBy(r => r.UnitCode).ThenBy(r => r.ExpiresOn).ThenBy(r => r.Number)
            .Select(r => new Expiring(r.Id, r.Number, r.OfficerId, r.OfficerName, r.TownshipId, r.DepartmentId, r.UnitName, r.ExpiresOn,
                r.ExpiresOn.DayNumber - today.DayNumber))
            .ToList();
    }
}
