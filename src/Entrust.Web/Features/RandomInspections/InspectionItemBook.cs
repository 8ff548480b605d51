using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.RandomInspections;

public sealed record InspectionItemInput(Guid? MatterId, string? Basis, string? Content);

public sealed record InspectionItemDto(Guid Id, Guid MatterId, string MatterCode, string MatterName, MatterKind MatterKind, Guid DepartmentId,
    string DepartmentName, string Domain, string Basis, string Content, DateOnly? PublishedOn, string? PublishedBy);

/// <summary>What the publish step did: how many draft entries it published, on which day.</summary>
public sealed record PublishedItems(int Published, DateOnly PublishedOn);

/// <summary>
/// The random-inspection item list (随机抽查事项清单, LAW 26), shared by /RandomPlans/Items and /api/inspection-items: list, add,
/// remove, publish; and the one rule every plan and draw asks (<see cref="EnsurePlannableAsync"/>). The office keeps the district's
/// list, a department the entries on its own matters (another department's matter is "not found"); others read it.
/// </summary>
public sealed class InspectionItemBook(EntrustDbContext db, CurrentUser user, TimeProvider clock)
{
    public bool MayKeep => user.Role is Roles.Admin or Roles.Office or Roles.Department;

    public DateOnly Today => clock.TodayInChina();

    /// <summary>Field checks of a form or request body, all at once.</summary>
    public static FieldErrors Check(FieldErrors errors, InspectionItemInput input)
    {
        if (input.MatterId is null)
        {
            errors.Add("MatterId", "Validation.Required", new Text("Field.MatterId"));
        }
        foreach (var (field, key, args) in InspectionItem.Problems(input.Basis, input.Content))
        {
            errors.Add(field, key, args);
        }
        return errors;
    }

    /// <summary>The list's orders (the console's column headers); by the matter's code by default.</summary>
    public static readonly ListSort<InspectionItemDto> Sorts = new ListSort<InspectionItemDto>("matter")
        .By("matter", i => i.MatterCode).By("department", i => i.DepartmentName).By("basis", i => i.Basis).By("state", i => i.PublishedOn)
        .Then(i => i.Id);

    /// <summary>The entries the console list's search keeps: a word of the matter's code or name (none: every entry).</summary>
    public static IEnumerable<InspectionItemDto> Filtered(IEnumerable<InspectionItemDto> items, string? q)
    {
        var word = q?.Trim();
        return string.IsNullOrEmpty(word) ? items
            : items.Where(i => i.MatterCode.Contains(word, StringComparison.OrdinalIgnoreCase) || i.MatterName.Contains(word, StringComparison.Ordinal));
    }

    /// <summary>
    /// The entries the search finds, in the list's order, as .xlsx (<see cref="ListExport"/>): the /RandomPlans/Items export button and
    /// GET /api/inspection-items/export alike.
    /// </summary>
    public async Task<(byte[] Content, string FileName)> ExportAsync(string? q, ListQuery list, ListExport export,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        await export.WriteAsync("InspectionItems.Title", null, Sorts.Apply(Filtered(await ListAsync(ct), q), list.Sort), [
            new("Field.MatterId", i => i.MatterCode + " " + i.MatterName),
            new("PublicInspectionItems.Department", i => i.DepartmentName),
            new("Field.Basis", i => i.Basis),
            new("Field.Content", i => i.Content),
            new("Field.State", i => i.PublishedOn is { } on ? text["InspectionItems.Published"].Value + " " + on.ToString("yyyy-MM-dd")
                : text["InspectionItems.Draft"].Value),
        ], ct);

    public Task<List<InspectionItemDto>> ListAsync(CancellationToken ct) =>
        // The joins keep their filters (IgnoreQueryFilters() would lift the entries' own): whoever sees an entry sees its matter.
        (from i in db.InspectionItems.AsNoTracking()
         join m in db.Matters on i.MatterId equals m.Id
         join d in db.Departments on i.DepartmentId equals d.Id
         orderby m.Code
         select new InspectionItemDto(i.Id, i.MatterId, m.Code, m.Name, m.Kind, i.DepartmentId, d.Name, m.Domain, i.Basis, i.Content,
             i.PublishedOn, i.PublishedBy)).ToListAsync(ct);

    /// <summary>Adds a draft entry; null when the matter is out of sight. Refused for a coercive matter and for a matter listed already.</summary>
    public async Task<InspectionItemDto?> AddAsync(InspectionItemInput input, CancellationToken ct)
    {
        EnsureMayKeep();
        var matter = input.MatterId is { } id ? await db.Matters.FirstOrDefaultAsync(m => m.Id == id, ct) : null;
        if (matter is null)
        {
            return input.MatterId is null
                ? throw new RuleViolation("Validation.Required", new Text("Field.MatterId")) { Field = "MatterId" }
                : null;
        }
        var item = new InspectionItem(matter, input.Basis, input.Content, clock.GetUtcNow(), user.UserName);
        if (await db.InspectionItems.IgnoreQueryFilters().AnyAsync(i => i.DistrictId == matter.DistrictId && i.MatterId == matter.Id, ct))
        {
            throw RuleViolation.Conflict("InspectionItem.AlreadyListed", matter.Code);
        }
        db.InspectionItems.Add(item);
        await db.SaveChangesAsync(ct);
        return (await ListAsync(ct)).First(i => i.Id == item.Id);
    }

    /// <summary>Removes an entry (published or not): plans are no longer made on its matter; plans already drawn stand.</summary>
    public async Task<bool> RemoveAsync(Guid id, CancellationToken ct)
    {
        EnsureMayKeep();
        var item = await db.InspectionItems.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
        {
            return false;
        }
        db.InspectionItems.Remove(item);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Publishes every draft entry the user keeps, today (never back-dated); refused when there is none.</summary>
    public async Task<PublishedItems> PublishAsync(CancellationToken ct)
    {
        EnsureMayKeep();
        var drafts = await db.InspectionItems.Where(i => i.PublishedOn == null).ToListAsync(ct);
        if (drafts.Count == 0)
        {
            throw RuleViolation.Conflict("InspectionItem.NothingToPublish");
        }
        var today = Today;
        foreach (var item in drafts)
        {
            item.Publish(today, user.UserName);
        }
        await db.SaveChangesAsync(ct);
        return new PublishedItems(drafts.Count, today);
    }

    /// <summary>
    /// The rule for a plan (LAW 26): its matter is on the published list on <paramref name="day"/>, and is not a coercive measure.
    /// Asked when a plan is made or changed and again at the draw. The list is public, so it is read past the scope.
    /// </summary>
    public static async Task EnsurePlannableAsync(EntrustDbContext db, Guid matterId, DateOnly day, CancellationToken ct)
    {
        var matter = await db.Matters.IgnoreQueryFilters().Where(m => m.Id == matterId).Select(m => new { m.Code, m.Name, m.Kind })
            .FirstOrDefaultAsync(ct);
        if (matter is null)
        {
            return;
        }
        InspectionItem.EnsureMayBeListed(matter.Kind, matter.Code);
        if (!await db.InspectionItems.IgnoreQueryFilters().Where(i => i.MatterId == matterId).Where(InspectionItem.ListedOnDay(day)).AnyAsync(ct))
        {
            throw new RuleViolation("RandomPlan.MatterNotListed", $"{matter.Code} {matter.Name}") { Field = "MatterId" };
        }
    }

    private void EnsureMayKeep()
    {
        if (!MayKeep)
        {
            throw new ForbiddenAction();
        }
    }
}

/// <summary>
/// 随机抽查事项清单 for anyone without signing in: the published entries of a district's list — the matter, the department whose it
/// is, the basis and the content, and when each was published. No person appears. A district is named by its code; without one,
/// the first district by code, as on the other public pages.
/// </summary>
public static class PublicInspectionItems
{
    public sealed record Entry(string MatterCode, string MatterName, string Department, string DomainName, string Basis, string Content,
        DateOnly PublishedOn);

    public static async Task<Ok<List<Entry>>> Get(string? district, EntrustDbContext db, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await EntriesAsync(db, district, clock.TodayInChina(), ct));

    public static async Task<List<Entry>> EntriesAsync(EntrustDbContext db, string? districtCode, DateOnly today, CancellationToken ct)
    {
        // Published to everyone: deliberately past the data scope, then held to one district by hand.
        var districtId = await db.Districts.IgnoreQueryFilters()
            .Where(d => districtCode == null || d.Code == districtCode).OrderBy(d => d.Code).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(ct);
        if (districtId is null)
        {
            return [];
        }
        var rows = await (
                from i in db.InspectionItems.IgnoreQueryFilters().AsNoTracking().Where(i => i.DistrictId == districtId)
                    .Where(InspectionItem.ListedOnDay(today))
                join m in db.Matters.IgnoreQueryFilters() on i.MatterId equals m.Id
                join d in db.Departments.IgnoreQueryFilters() on i.DepartmentId equals d.Id
                orderby m.Code
                select new { m.Code, m.Name, Department = d.Name, m.Domain, i.Basis, i.Content, i.PublishedOn })
            .ToListAsync(ct);
        return [.. rows.Select(r => new Entry(r.Code, r.Name, r.Department, Domains.Name(r.Domain), r.Basis, r.Content, r.PublishedOn!.Value))];
    }
}
