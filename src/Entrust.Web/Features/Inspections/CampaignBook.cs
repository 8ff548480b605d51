using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Inspections;

public sealed record CampaignInput(Guid? DepartmentId, string? Name, DateOnly? StartsOn, DateOnly? EndsOn, List<Guid>? MatterIds,
    List<Guid>? TownshipIds);

public sealed record CampaignDto(Guid Id, Guid DepartmentId, string DepartmentName, string Name, DateOnly StartsOn, DateOnly EndsOn,
    IReadOnlyList<Guid> MatterIds, IReadOnlyList<Guid> TownshipIds, int Inspections, int Orders, int OrdersOpen, int OrdersOverdue);

/// <summary>
/// Special campaigns (专项行动): a department user creates one on its own matters (the office for any department of its district),
/// in townships of the district; everyone in scope reads them with their counts of inspections and orders.
/// </summary>
public sealed class CampaignBook(EntrustDbContext db, CurrentUser user, TimeProvider clock)
{
    public bool MayCreate => user.Role is Roles.Admin or Roles.Office or Roles.Department;

    public async Task<Campaign> CreateAsync(CampaignInput input, CancellationToken ct)
    {
        if (!MayCreate)
        {
            throw new ForbiddenAction();
        }
        var departmentId = user.DepartmentId ?? input.DepartmentId
            ?? throw new RuleViolation("Validation.Required", new Text("Field.Department")) { Field = "DepartmentId" };
        var department = await db.Departments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == departmentId, ct)
            ?? throw new RuleViolation("Campaign.UnknownDepartment") { Field = "DepartmentId" };
        if (input.StartsOn is not { } starts || input.EndsOn is not { } ends)
        {
            throw new RuleViolation("Validation.Required", new Text("Field.Period")) { Field = input.StartsOn is null ? "StartsOn" : "EndsOn" };
        }
        var matterIds = (input.MatterIds ?? []).Distinct().ToList();
        var townshipIds = (input.TownshipIds ?? []).Distinct().ToList();
        var own = await db.Matters.AsNoTracking().CountAsync(m => matterIds.Contains(m.Id) && m.DepartmentId == departmentId, ct);
        if (own != matterIds.Count)
        {
            throw new RuleViolation("Campaign.MatterNotDepartments") { Field = "MatterIds" };
        }
        var towns = await db.Townships.AsNoTracking().CountAsync(t => townshipIds.Contains(t.Id) && t.DistrictId == department.DistrictId, ct);
        if (towns != townshipIds.Count)
        {
            throw new RuleViolation("Campaign.UnknownTownship") { Field = "TownshipIds" };
        }
        var campaign = new Campaign(department.DistrictId, departmentId, input.Name ?? "", starts, ends, matterIds, townshipIds, clock.GetUtcNow());
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct);
        return campaign;
    }

    /// <summary>
    /// Campaigns with their counts: inspections (re-inspections of its orders not counted again), orders, open and overdue ones.
    /// The counts go through the user's scope (a township sees its own inspections' counts).
    /// </summary>
    public IQueryable<CampaignDto> List(Guid? id = null)
    {
        var today = clock.TodayInChina();
        var q = db.Campaigns.AsNoTracking();
        if (id is { } only)
        {
            q = q.Where(c => c.Id == only);
        }
        return from c in q
               join d in db.Departments on c.DepartmentId equals d.Id
               orderby c.StartsOn descending, c.Id
               select new CampaignDto(c.Id, c.DepartmentId, d.Name, c.Name, c.StartsOn, c.EndsOn, c.MatterIds, c.TownshipIds,
                   db.Inspections.Count(i => i.CampaignId == c.Id && i.ReinspectionOfOrderId == null),
                   db.RectificationOrders.Count(o => db.Inspections.Any(i => i.Id == o.InspectionId && i.CampaignId == c.Id)),
                   db.RectificationOrders.Count(o => o.State == OrderState.Open && db.Inspections.Any(i => i.Id == o.InspectionId && i.CampaignId == c.Id)),
                   db.RectificationOrders.Count(o => o.State == OrderState.Open && o.Deadline < today
                       && db.Inspections.Any(i => i.Id == o.InspectionId && i.CampaignId == c.Id)));
    }
}
