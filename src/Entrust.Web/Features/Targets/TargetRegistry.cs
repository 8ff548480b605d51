using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Targets;

/// <summary>A target as a form or an API client sends it. A township user's own township is the default.</summary>
public sealed record TargetInput(Guid? TownshipId, string? Name, TargetKind? Kind, string? Address, string? CreditCode, string? Contact,
    string? Phone, RiskLevel? RiskLevel = Targets.RiskLevel.Low, bool HasComplaints = false, bool IsAbnormal = false)
{
    public TargetFields ToFields() => new(Name ?? "", Kind.OrUnchosen(), Address ?? "", CreditCode, Contact, Phone, RiskLevel.OrUnchosen(),
        HasComplaints, IsAbnormal);
}

public sealed record MergeInput(Guid? IntoId);

/// <summary>The list's filter bar: free text (name, address, credit code), township, kind, risk, the two flags, sort and page.</summary>
public sealed record TargetFilter(string? Q, Guid? Township, TargetKind? Kind, RiskLevel? Risk, bool? Complaints, bool? Abnormal,
    string? Sort, int? Page, int? PageSize);

public sealed record TargetDto(Guid Id, Guid DistrictId, Guid TownshipId, string TownshipName, string Name, TargetKind Kind, string Address,
    string? CreditCode, string? Contact, string? Phone, RiskLevel RiskLevel, bool HasComplaints, bool IsAbnormal,
    Guid? MergedIntoId, DateTimeOffset? MergedAt, DateTimeOffset CreatedAt);

/// <summary>
/// Keeping a district's regulated targets, shared by the /Targets pages and /api/targets: create, change, search and
/// merge duplicates (the .xlsx import and export are <see cref="TargetSpreadsheet"/>'s). A township user keeps its own
/// township's targets and the office any township's of its district; departments, the auditor and officers read only.
/// Which rows a user sees at all is decided by the query filter in <see cref="DataScope"/>, so a target out of scope
/// is "not found".
/// <para>A merged target stays in the table with <see cref="Target.MergedIntoId"/> set and is left out of every list and
/// search. Whatever refers to a target by id (inspections, rectification orders, random-inspection draws) must follow
/// <see cref="Target.MergedIntoId"/> to the target that stays, both when it is recorded and when it is counted;
/// <see cref="MergeAsync"/> keeps that pointer one step long.</para>
/// </summary>
public sealed class TargetRegistry(EntrustDbContext db, CurrentUser user, TimeProvider clock)
{
    public bool MayWrite => user.Role is Roles.Admin or Roles.Office or Roles.Township;

    /// <summary>Field checks of a form or request body, all at once, in the user's language.</summary>
    public FieldErrors Check(FieldErrors errors, TargetInput input)
    {
        if (input.TownshipId is null && user.TownshipId is null)
        {
            errors.Required("TownshipId", null);
        }
        foreach (var (field, key, args) in Target.Problems(input.ToFields()))
        {
            errors.Add(field, key, args);
        }
        return errors;
    }

    /// <summary>Adds a target; null when its township does not exist for the user (another township's, another district's).</summary>
    public async Task<Target?> CreateAsync(TargetInput input, CancellationToken ct)
    {
        EnsureMayWrite();
        var township = await TownshipAsync(input.TownshipId ?? user.TownshipId, ct);
        if (township is null)
        {
            return null;
        }
        var fields = input.ToFields();
        await EnsureCreditCodeFreeAsync(township.Value.DistrictId, fields.CreditCode, null, ct);
        var target = new Target(township.Value.DistrictId, township.Value.Id, fields, clock.GetUtcNow());
        db.Targets.Add(target);
        await db.SaveChangesAsync(ct);
        return target;
    }

    /// <summary>Changes a target (and, for the office, its township); null when the target or the new township is out of sight.</summary>
    public async Task<Target?> UpdateAsync(Guid id, TargetInput input, CancellationToken ct)
    {
        var target = await db.Targets.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (target is null)
        {
            return null;
        }
        EnsureMayWrite();
        if (input.TownshipId is { } townshipId && townshipId != target.TownshipId)
        {
            if (await TownshipAsync(townshipId, ct) is not { } township || township.DistrictId != target.DistrictId)
            {
                return null;
            }
            target.MoveTo(townshipId);
        }
        var fields = input.ToFields();
        await EnsureCreditCodeFreeAsync(target.DistrictId, fields.CreditCode, id, ct);
        target.Update(fields);
        await db.SaveChangesAsync(ct);
        return target;
    }

    /// <summary>
    /// Merges duplicate <paramref name="id"/> into <paramref name="intoId"/> (same township). Targets merged into the
    /// duplicate before now point at the survivor too. Null when the duplicate is out of sight.
    /// </summary>
    public async Task<Target?> MergeAsync(Guid id, Guid? intoId, CancellationToken ct)
    {
        var duplicate = await db.Targets.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (duplicate is null)
        {
            return null;
        }
        EnsureMayWrite();
        if (intoId is null)
        {
            throw new RuleViolation("Validation.Required", new Text("Field.IntoId")) { Field = "IntoId" };
        }
        var survivor = await db.Targets.FirstOrDefaultAsync(t => t.Id == intoId, ct)
            ?? throw new RuleViolation("Target.UnknownMergeTarget") { Field = "IntoId" };
        duplicate.MergeInto(survivor, clock.GetUtcNow());
        foreach (var earlier in await db.Targets.Where(t => t.MergedIntoId == duplicate.Id).ToListAsync(ct))
        {
            earlier.FollowMerge(survivor);
        }
        await db.SaveChangesAsync(ct);
        return survivor;
    }

    /// <summary>One target, merged or not (an inspection of a merged one still shows it), or null when out of sight.</summary>
    public Task<TargetDto?> FindAsync(Guid id, CancellationToken ct) =>
        Project(db.Targets.AsNoTracking().Where(t => t.Id == id)).FirstOrDefaultAsync(ct);

    /// <summary>
    /// The list's orders (the console's column headers and the API's <c>sort</c>, <c>-</c> before a key for descending). Without
    /// a known key the list is in the township's code order, then by name (<see cref="Project"/>): the order the district files them.
    /// No key on the creation time: SQLite orders no DateTimeOffset (the API's former <c>-created</c> failed there).
    /// </summary>
    public static readonly ListSort<TargetDto> Sorts = new ListSort<TargetDto>("township")
        .By("township", t => t.TownshipName).By("name", t => t.Name).By("kind", t => t.Kind).By("risk", t => t.RiskLevel)
        .Then(t => t.Id);

    /// <summary>The targets in use that match the filter, sorted; merged ones are left out.</summary>
    public IQueryable<TargetDto> Search(TargetFilter f)
    {
        var rows = Project(Filter(db.Targets.AsNoTracking(), f));
        return Sorts.Knows(f.Sort) ? Sorts.Apply(rows, f.Sort) : rows;
    }

    /// <summary>A page of the console's list in the asked order; a page past the last is the last.</summary>
    public Task<Paged<TargetDto>> ListAsync(TargetFilter f, ListQuery list, CancellationToken ct) =>
        Search(f with { Sort = list.Sort }).ToPagedAsync(list, ct);

    /// <summary>Every filter goes on the entity, before the projection (EF can't filter or sort the record).</summary>
    public static IQueryable<Target> Filter(IQueryable<Target> targets, TargetFilter f)
    {
        targets = targets.Where(t => t.MergedIntoId == null);
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var q = f.Q.Trim();
            var code = q.ToUpperInvariant();
            targets = targets.Where(t => t.Name.Contains(q) || t.Address.Contains(q) || (t.CreditCode != null && t.CreditCode.Contains(code)));
        }
        if (f.Township is { } township)
        {
            targets = targets.Where(t => t.TownshipId == township);
        }
        if (f.Kind is { } kind)
        {
            targets = targets.Where(t => t.Kind == kind);
        }
        if (f.Risk is { } risk)
        {
            targets = targets.Where(t => t.RiskLevel == risk);
        }
        if (f.Complaints is { } complaints)
        {
            targets = targets.Where(t => t.HasComplaints == complaints);
        }
        if (f.Abnormal is { } abnormal)
        {
            targets = targets.Where(t => t.IsAbnormal == abnormal);
        }
        return targets;
    }

    private IQueryable<TargetDto> Project(IQueryable<Target> targets)
    {
        // The township join goes through the same scope filter: whoever sees a target sees its township.
        var rows = from t in targets
                   join town in db.Townships on t.TownshipId equals town.Id
                   select new { t, town };
        // The default order; a key of Sorts replaces it (Search).
        rows = rows.OrderBy(r => r.town.Code).ThenBy(r => r.t.Name).ThenBy(r => r.t.Id);
        return rows.Select(r => new TargetDto(r.t.Id, r.t.DistrictId, r.t.TownshipId, r.town.Name, r.t.Name, r.t.Kind, r.t.Address,
            r.t.CreditCode, r.t.Contact, r.t.Phone, r.t.RiskLevel, r.t.HasComplaints, r.t.IsAbnormal, r.t.MergedIntoId, r.t.MergedAt, r.t.CreatedAt));
    }

    /// <summary>
    /// A credit code names one target in use per district, whichever township holds it, so this one check looks past the
    /// user's township (every filter off) and keeps to the district by hand. 409 names the target that has it.
    /// </summary>
    private async Task EnsureCreditCodeFreeAsync(Guid districtId, string? creditCode, Guid? except, CancellationToken ct)
    {
        if (CreditCodes.Normalize(creditCode) is not { } code)
        {
            return;
        }
        var holder = await (from t in db.Targets.IgnoreQueryFilters()
                            join town in db.Townships on t.TownshipId equals town.Id
                            where t.DistrictId == districtId && t.CreditCode == code && t.MergedIntoId == null && t.Id != except
                            select new { t.Name, Township = town.Name }).FirstOrDefaultAsync(ct);
        if (holder is not null)
        {
            throw new RuleViolation("Target.DuplicateCreditCode", code, holder.Name, holder.Township)
            {
                StatusCode = StatusCodes.Status409Conflict,
                Field = "CreditCode",
            };
        }
    }

    private async Task<(Guid Id, Guid DistrictId)?> TownshipAsync(Guid? id, CancellationToken ct)
    {
        if (id is null)
        {
            return null;
        }
        var township = await db.Townships.AsNoTracking().Where(t => t.Id == id).Select(t => new { t.Id, t.DistrictId }).FirstOrDefaultAsync(ct);
        return township is null ? null : (township.Id, township.DistrictId);
    }

    private void EnsureMayWrite()
    {
        if (!MayWrite)
        {
            throw new ForbiddenAction();
        }
    }
}
