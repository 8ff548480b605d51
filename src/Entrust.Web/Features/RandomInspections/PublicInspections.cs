using Entrust.Web.Data;
using Entrust.Web.Features.Calendar;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.RandomInspections;

/// <summary>
/// 一公开 for anyone without signing in (LAW 26): the published results of a district's random inspections — the plan, the
/// matter and the authority in whose name it was inspected, the target and its township, the inspection date, the result,
/// when it was published and whether that was late. No officer appears at all (not even by name: the names are on the public
/// officers register; here they would tie a person to a result), and nothing of the target beyond its name (no contact, no
/// phone). A district is named by its code; without one, the first district by code, as on the other public pages.
/// </summary>
public static class PublicInspections
{
    public sealed record Entry(string PlanName, string MatterCode, string MatterName, string Authority, string TargetName, string TownshipName,
        DateOnly InspectedOn, InspectionOutcome Result, DateOnly PublishedOn, DateOnly Deadline, bool Late);

    public static async Task<Ok<List<Entry>>> Get(string? district, Guid? township, EntrustDbContext db, HolidayCalendar calendar,
        CancellationToken ct) =>
        TypedResults.Ok(await EntriesAsync(db, calendar, district, township, ct));

    public static async Task<List<Entry>> EntriesAsync(EntrustDbContext db, HolidayCalendar calendar, string? districtCode, Guid? township,
        CancellationToken ct)
    {
        // Published to everyone: deliberately past the data scope, then held to one district by hand.
        var districtId = await db.Districts.IgnoreQueryFilters()
            .Where(d => districtCode == null || d.Code == districtCode).OrderBy(d => d.Code).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(ct);
        if (districtId is null)
        {
            return [];
        }
        var assignments = db.RandomAssignments.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.DistrictId == districtId && a.PublishedOn != null);
        if (township is { } t)
        {
            assignments = assignments.Where(a => a.TownshipId == t);
        }
        var rows = await (
                from a in assignments.OrderByDescending(a => a.PublishedOn).ThenBy(a => a.PlanId).ThenBy(a => a.Order)
                join p in db.RandomPlans.IgnoreQueryFilters() on a.PlanId equals p.Id
                join m in db.Matters.IgnoreQueryFilters() on p.MatterId equals m.Id
                join dep in db.Departments.IgnoreQueryFilters() on m.DepartmentId equals dep.Id
                join tar in db.Targets.IgnoreQueryFilters() on a.TargetId equals tar.Id
                join town in db.Townships.IgnoreQueryFilters() on a.TownshipId equals town.Id
                select new
                {
                    PlanName = p.Name,
                    p.PublicationWorkingDays,
                    m.Code,
                    MatterName = m.Name,
                    Authority = dep.Name,
                    TargetName = tar.Name,
                    TownshipName = town.Name,
                    a.InspectedOn,
                    a.Result,
                    a.PublishedOn,
                })
            .Take(1000).ToListAsync(ct);
        var days = await calendar.ForDistrictAsync(districtId.Value, ct);
        return rows.Select(r =>
        {
            var deadline = Publication.Deadline(days, r.InspectedOn!.Value, r.PublicationWorkingDays);
            return new Entry(r.PlanName, r.Code, r.MatterName, r.Authority, r.TargetName, r.TownshipName, r.InspectedOn.Value, r.Result!.Value,
                r.PublishedOn!.Value, deadline, Publication.IsLate(deadline, r.PublishedOn, r.PublishedOn.Value));
        }).ToList();
    }
}
