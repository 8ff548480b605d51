using System.Linq.Expressions;
using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Inspections;

public sealed record CampaignInput(Guid? DepartmentId, string? Name, DateOnly? StartsOn, DateOnly? EndsOn, List<Guid>? MatterIds,
    List<Guid>? TownshipIds);

public sealed record CampaignDto(Guid Id, Guid DepartmentId, string DepartmentName, string Name, DateOnly StartsOn, DateOnly EndsOn,
    IReadOnlyList<Guid> MatterIds, IReadOnlyList<Guid> TownshipIds, int Inspections, int Orders, int OrdersOpen, int OrdersOverdue,
    int Reinspections);

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

    /// <summary>The campaign list's orders (its column headers and GET /api/campaigns' <c>sort</c>): the latest start first unless asked.</summary>
    public static readonly ListSort<CampaignDto> Sorts = new ListSort<CampaignDto>("-starts")
        .By("name", c => c.Name).By("department", c => c.DepartmentName).By("starts", c => c.StartsOn)
        .By("inspections", c => c.Inspections).By("orders", c => c.Orders).By("overdue", c => c.OrdersOverdue)
        .Then(c => c.Id);

    /// <summary>
    /// Campaigns with their counts: the campaign's inspections (<see cref="Campaign.Holds"/>, the rows its page lists), how many
    /// of them are re-inspections, its orders, the open and overdue ones. The counts go through the user's scope (a township sees
    /// its own inspections' counts).
    /// </summary>
    public IQueryable<CampaignDto> List(Guid? id = null)
    {
        var q = db.Campaigns.AsNoTracking();
        if (id is { } only)
        {
            q = q.Where(c => c.Id == only);
        }
        return q.OrderByDescending(c => c.StartsOn).ThenBy(c => c.Id).Select(Row());
    }

    /// <summary>
    /// The campaigns the user sees, in the list's order, as .xlsx (<see cref="ListExport"/>): the /Campaigns export button and
    /// GET /api/campaigns/export alike.
    /// </summary>
    public Task<(byte[] Content, string FileName)> ExportAsync(ListQuery list, ListExport export, CancellationToken ct) =>
        export.WriteAsync("Campaigns.Title", null, List().ForExport(list, Sorts), [
            new("Field.Name", c => c.Name),
            new("Field.Department", c => c.DepartmentName),
            new("Field.StartsOn", c => c.StartsOn),
            new("Field.EndsOn", c => c.EndsOn),
            new("Inspections.Title", c => c.Inspections),
            new("Measure.Reinspections", c => c.Reinspections),
            new("Rectifications.Title", c => c.Orders),
            new("Rectifications.Overdue", c => c.OrdersOverdue),
        ], ct);

    /// <summary>
    /// One campaign's inspections (the rows its page lists, <see cref="InspectionFilter.OfCampaign"/>), in the page's order, as the
    /// work list's .xlsx: the /Campaigns/Detail export button and GET /api/campaigns/{id}/inspections/export alike; null for a
    /// campaign out of the user's sight (404).
    /// </summary>
    public async Task<(byte[] Content, string FileName)?> InspectionsExportAsync(Guid id, ListQuery list, InspectionBook inspections,
        ListExport export, CancellationToken ct) =>
        await List(id).AnyAsync(ct) ? await inspections.ExportAsync(InspectionFilter.OfCampaign(id), export, ct, list) : null;

    /// <summary>The campaign as lists show it, <c>held</c> standing for its inspections (<see cref="Campaign.Holds"/> on its id).</summary>
    private Expression<Func<Campaign, CampaignDto>> Row()
    {
        var today = clock.TodayInChina();
        Expression<Func<Campaign, IQueryable<Inspection>, CampaignDto>> shape = (c, held) => new CampaignDto(c.Id, c.DepartmentId,
            db.Departments.Where(d => d.Id == c.DepartmentId).Select(d => d.Name).FirstOrDefault() ?? "", c.Name, c.StartsOn, c.EndsOn,
            c.MatterIds, c.TownshipIds, held.Count(),
            db.RectificationOrders.Count(o => held.Any(i => i.Id == o.InspectionId)),
            db.RectificationOrders.Count(o => o.State == OrderState.Open && held.Any(i => i.Id == o.InspectionId)),
            db.RectificationOrders.Count(o => o.State == OrderState.Open && o.Deadline < today && held.Any(i => i.Id == o.InspectionId)),
            held.Count(i => i.ReinspectionOfOrderId != null));
        var campaign = shape.Parameters[0];
        var inspection = Expression.Parameter(typeof(Inspection), "i");
        var holds = Expression.Lambda<Func<Inspection, bool>>(
            Predicates.Substitute(Campaign.Holds, inspection, Expression.Property(campaign, nameof(Campaign.Id))), inspection);
        var held = Expression.Call(typeof(Queryable), nameof(Queryable.Where), [typeof(Inspection)], ((IQueryable<Inspection>)db.Inspections).Expression,
            Expression.Quote(holds));
        return Expression.Lambda<Func<Campaign, CampaignDto>>(Predicates.Substitute(shape, campaign, held), campaign);
    }
}
