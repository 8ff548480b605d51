using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.RandomInspections;

/// <summary>
/// Conflicts of interest between officers and targets (回避, LAW 11), shared by /RandomPlans/Conflicts and
/// /api/officer-conflicts. The office, departments and townships record and withdraw them; the auditor reads. Which rows a
/// user sees (a township its own targets') is <see cref="DataScope"/>'s; an officer or target out of sight is "not found".
/// </summary>
public sealed class ConflictBook(EntrustDbContext db, CurrentUser user, TimeProvider clock)
{
    public const int MaxRows = 1000;

    public bool MayKeep => user.Role is Roles.Admin or Roles.Office or Roles.Department or Roles.Township;

    public FieldErrors Check(FieldErrors errors, ConflictInput input) =>
        errors.Required("OfficerId", input.OfficerId?.ToString()).Required("TargetId", input.TargetId?.ToString())
            .Required("Reason", input.Reason, OfficerConflict.ReasonLength);

    /// <summary>The list's orders (the console's column headers); by the day recorded by default.</summary>
    public static readonly ListSort<ConflictDto> Sorts = new ListSort<ConflictDto>("recorded")
        .By("officer", c => c.OfficerName).By("target", c => c.TargetName).By("reason", c => c.Reason).By("recorded", c => c.RecordedOn)
        .Then(c => c.Id);

    /// <summary>
    /// The conflicts the user sees, in the list's order, as .xlsx (<see cref="ListExport"/>): the /RandomPlans/Conflicts export button
    /// and GET /api/officer-conflicts/export alike.
    /// </summary>
    public async Task<(byte[] Content, string FileName)> ExportAsync(Guid? officer, Guid? target, ListQuery list, ListExport export,
        CancellationToken ct) =>
        await export.WriteAsync("Conflicts.Title", null, Sorts.Apply(await ListAsync(officer, target, ct), list.Sort), [
            new("Field.OfficerId", c => c.OfficerName),
            new("Field.TargetId", c => c.TargetName),
            new("Field.Reason", c => c.Reason),
            new("Conflicts.RecordedOn", c => c.RecordedOn),
            new("Export.RecordedBy", c => c.RecordedBy),
        ], ct);

    public async Task<List<ConflictDto>> ListAsync(Guid? officer, Guid? target, CancellationToken ct)
    {
        var conflicts = db.OfficerConflicts.AsNoTracking();
        if (officer is { } o)
        {
            conflicts = conflicts.Where(c => c.OfficerId == o);
        }
        if (target is { } t)
        {
            conflicts = conflicts.Where(c => c.TargetId == t);
        }
        var list = await conflicts.OrderBy(c => c.RecordedOn).ThenBy(c => c.Id).Take(MaxRows).ToListAsync(ct);
        // Names past the filters, by id, in queries of their own (IgnoreQueryFilters() would lift the conflicts' filter too).
        var officerIds = list.Select(c => c.OfficerId).Distinct().ToList();
        var targetIds = list.Select(c => c.TargetId).Distinct().ToList();
        var officers = await db.Officers.IgnoreQueryFilters().Where(x => officerIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var targets = await db.Targets.IgnoreQueryFilters().Where(x => targetIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        return [.. list.Select(c => new ConflictDto(c.Id, c.OfficerId, officers[c.OfficerId], c.TargetId, targets[c.TargetId], c.Reason, c.RecordedOn,
            c.RecordedBy))];
    }

    /// <summary>Records a conflict; null when the officer or the target is out of sight (or of another district). 409 when it is already there.</summary>
    public async Task<ConflictDto?> AddAsync(ConflictInput input, CancellationToken ct)
    {
        EnsureMayKeep();
        var officer = await db.Officers.AsNoTracking().Where(o => o.Id == input.OfficerId).Select(o => new { o.DistrictId, o.Name }).FirstOrDefaultAsync(ct);
        var target = await db.Targets.AsNoTracking().Where(t => t.Id == input.TargetId).Select(t => new { t.DistrictId, t.TownshipId, t.Name })
            .FirstOrDefaultAsync(ct);
        if (officer is null || target is null || officer.DistrictId != target.DistrictId)
        {
            return null;
        }
        if (await db.OfficerConflicts.AnyAsync(c => c.OfficerId == input.OfficerId && c.TargetId == input.TargetId, ct))
        {
            throw RuleViolation.Conflict("OfficerConflict.Exists", officer.Name, target.Name);
        }
        var conflict = new OfficerConflict(target.DistrictId, input.OfficerId!.Value, input.TargetId!.Value, target.TownshipId, input.Reason ?? "",
            clock.TodayInChina(), user.UserName);
        db.OfficerConflicts.Add(conflict);
        await db.SaveChangesAsync(ct);
        return new ConflictDto(conflict.Id, conflict.OfficerId, officer.Name, conflict.TargetId, target.Name, conflict.Reason, conflict.RecordedOn,
            conflict.RecordedBy);
    }

    /// <summary>Withdraws a conflict recorded in error; false when it is out of sight. Draws already made keep the conflicts they read.</summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct)
    {
        var conflict = await db.OfficerConflicts.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (conflict is null)
        {
            return false;
        }
        EnsureMayKeep();
        db.OfficerConflicts.Remove(conflict);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>An approved recusal (every recorded conflict is one) of an officer from a target, with what the refusal names.</summary>
    public sealed record Recusal(Guid OfficerId, Guid TargetId, string TargetName, string Reason);

    /// <summary>
    /// The recusals that bar these officers from acting against these targets (LAW 11, APL 43), outside the draw as in it: an
    /// inspection of the target, any step of a case about it — named by the inspection it follows or by the party's credit code.
    /// A conflict recorded on a target since merged holds for the target that stays. Read past the data scope: a recusal binds
    /// whoever records the act. Few officers have any recorded conflict: the set of those who do is kept in memory
    /// (<see cref="ReferenceCache"/>, under the conflicts' version), and an act by none of them asks the database nothing.
    /// </summary>
    public static async Task<List<Recusal>> BarringAsync(EntrustDbContext db, ReferenceCache reference, IReadOnlyCollection<Guid> officerIds,
        IReadOnlyCollection<Guid> targetIds, string? partyCode, CancellationToken ct)
    {
        if (officerIds.Count == 0 || (targetIds.Count == 0 && string.IsNullOrWhiteSpace(partyCode)))
        {
            return [];
        }
        var withConflicts = await reference.GetAsync("OfficersWithConflicts", "", ["OfficerConflict"],
            async () => (await db.OfficerConflicts.IgnoreQueryFilters().Select(c => c.OfficerId).Distinct().ToListAsync(ct)).ToHashSet());
        if (!officerIds.Any(withConflicts.Contains))
        {
            return [];
        }
        var code = string.IsNullOrWhiteSpace(partyCode) ? null : partyCode.Trim();
        List<Guid> officers = [.. officerIds.Distinct()], targets = [.. targetIds.Distinct()];
        return await (
            from c in db.OfficerConflicts.IgnoreQueryFilters()
            join t in db.Targets.IgnoreQueryFilters() on c.TargetId equals t.Id
            where officers.Contains(c.OfficerId)
                && (targets.Contains(t.Id) || (t.MergedIntoId != null && targets.Contains(t.MergedIntoId.Value))
                    || (code != null && t.CreditCode == code))
            orderby c.RecordedOn, c.Id
            select new Recusal(c.OfficerId, c.TargetId, t.Name, c.Reason)).ToListAsync(ct);
    }

    private void EnsureMayKeep()
    {
        if (!MayKeep)
        {
            throw new ForbiddenAction();
        }
    }
}
