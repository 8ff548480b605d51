using Entrust.Web.Data;
using Entrust.Web.Features.Cases;
using Entrust.Web.Features.Inspections;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Targets;

public sealed record TargetInspectionRow(Guid Id, DateTimeOffset StartedAt, string MatterName, InspectionKind Kind, InspectionResult Result,
    string RecordedBy);

public sealed record TargetOrderRow(Guid Id, Guid InspectionId, string MatterName, string Requirement, DateOnly Deadline, OrderState State,
    DateOnly? ClosedOn, bool Overdue);

public sealed record TargetCaseRow(Guid Id, string Number, string MatterName, DateOnly FiledOn, CaseState State);

public sealed record TargetDrawRow(Guid PlanId, string PlanName, DateOnly? InspectedOn, Guid? InspectionId, DateOnly? PublishedOn);

/// <summary>A target's file: the target and, newest first, what was done about it.</summary>
public sealed record TargetFileDto(TargetDto Target, IReadOnlyList<TargetDto> MergedIn, IReadOnlyList<TargetInspectionRow> Inspections,
    IReadOnlyList<TargetOrderRow> Orders, IReadOnlyList<TargetCaseRow> Cases, IReadOnlyList<TargetDrawRow> Draws);

/// <summary>
/// One regulated target's file (监管对象档案), the /Targets/Detail page: its inspections, rectification orders, penalty cases and
/// random-inspection draws, each linked to its page; the records of targets merged into it count as its own (as
/// <see cref="TargetRegistry"/> says every reference must). A case is about the target when the inspection it came from named the
/// target or its party bears the target's credit code — the two ways a case reaches a target for recusal (<see cref="ConflictBook"/>).
/// What the reader may see at all is the query filters' (<see cref="DataScope"/>): a target out of scope is not found.
/// </summary>
public sealed class TargetFile(EntrustDbContext db, TargetRegistry registry, TimeProvider clock)
{
    /// <summary>How many rows of each kind the file shows (the newest); the lists hold the rest.</summary>
    public const int Shown = 100;

    public async Task<TargetFileDto?> FindAsync(Guid id, CancellationToken ct)
    {
        if (await registry.FindAsync(id, ct) is not { } target)
        {
            return null;
        }
        var merged = await db.Targets.AsNoTracking().Where(t => t.MergedIntoId == id).Select(t => t.Id).ToListAsync(ct);
        var mergedIn = new List<TargetDto>();
        foreach (var m in merged)
        {
            if (await registry.FindAsync(m, ct) is { } dto)
            {
                mergedIn.Add(dto);
            }
        }
        List<Guid> ids = [id, .. merged];
        var codes = new[] { target.CreditCode }.Concat(mergedIn.Select(m => m.CreditCode)).OfType<string>().Where(c => c.Length > 0).ToList();
        var today = clock.TodayInChina();

        var inspections = await db.Inspections.AsNoTracking().Where(i => i.Targets.Any(t => ids.Contains(t.TargetId)))
            .OrderByDescending(i => i.StartedOn).ThenByDescending(i => i.Id).Take(Shown)
            .Select(i => new { i.Id, i.StartedAt, i.MatterId, i.Kind, i.Result, i.RecordedBy }).ToListAsync(ct);
        var orders = await db.RectificationOrders.AsNoTracking().Where(o => ids.Contains(o.TargetId))
            .OrderByDescending(o => o.Deadline).ThenByDescending(o => o.Id).Take(Shown).ToListAsync(ct);
        var inspectedIds = db.Inspections.Where(i => i.Targets.Any(t => ids.Contains(t.TargetId))).Select(i => i.Id);
        var cases = await db.Cases.AsNoTracking()
            .Where(c => (c.InspectionId != null && inspectedIds.Contains(c.InspectionId.Value)) || codes.Contains(c.PartyIdentifier))
            .OrderByDescending(c => c.FiledOn).ThenByDescending(c => c.Id).Take(Shown)
            .Select(c => new { c.Id, c.Number, c.MatterId, c.FiledOn, c.State }).ToListAsync(ct);
        var draws = await (from a in db.RandomAssignments.AsNoTracking()
                           join p in db.RandomPlans.AsNoTracking() on a.PlanId equals p.Id
                           where ids.Contains(a.TargetId)
                           orderby a.Id descending
                           select new TargetDrawRow(p.Id, p.Name, a.InspectedOn, a.InspectionId, a.PublishedOn)).Take(Shown).ToListAsync(ct);

        var matterIds = inspections.Select(i => i.MatterId).Concat(orders.Select(o => o.MatterId)).Concat(cases.Select(c => c.MatterId)).Distinct().ToList();
        var matters = await db.Matters.IgnoreQueryFilters().AsNoTracking().Where(m => matterIds.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        string Matter(Guid m) => matters.GetValueOrDefault(m) ?? "—";

        return new TargetFileDto(target, mergedIn,
            [.. inspections.Select(i => new TargetInspectionRow(i.Id, i.StartedAt, Matter(i.MatterId), i.Kind, i.Result, i.RecordedBy))],
            [.. orders.Select(o => new TargetOrderRow(o.Id, o.InspectionId, Matter(o.MatterId), o.Requirement, o.Deadline, o.State, o.ClosedOn,
                o.IsOverdue(today)))],
            [.. cases.Select(c => new TargetCaseRow(c.Id, c.Number, Matter(c.MatterId), c.FiledOn, c.State))],
            draws);
    }
}
