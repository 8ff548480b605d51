using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Entrust.Web.Features.Agreements;

/// <summary>The answer to "may township T exercise matter M with authority A on date D, and in whose name?"</summary>
public sealed record Entitlement(
    bool Allowed,
    string? ReasonKey,
    IReadOnlyList<object> ReasonArguments,
    Guid? AgreementId,
    string? AgreementNumber,
    AgreementMode? Mode,
    Authority? Authority,
    decimal? FineCap,
    Guid? ActingUnitId,
    string? ActingInNameOf)
{
    public static Entitlement No(string key, params object[] args) => new(false, key, args, null, null, null, null, null, null, null);
}

/// <summary>
/// Answers the entitlement question for inspections, cases and pages. Every inspection asks it, so each
/// township's agreements are kept in memory and dropped whenever one of them changes
/// (<see cref="Invalidate"/>, called by <see cref="AgreementBook"/> after each save).
/// </summary>
public sealed class Entitlements(EntrustDbContext db, IMemoryCache cache)
{
    internal sealed record Held(Guid AgreementId, string Number, AgreementMode Mode, AgreementState State, DateOnly? PublishedOn,
        DateOnly TermStart, DateOnly TermEnd, DateOnly? LastDayInForce, Authority Authority, decimal? FineCap,
        Guid ActingUnitId, string ActingInNameOf);

    private static string Key(Guid townshipId) => $"entitlements:{townshipId}";

    public void Invalidate(Guid townshipId) => cache.Remove(Key(townshipId));

    public async Task<Entitlement> CheckAsync(Guid townshipId, Guid matterId, Authority authority, DateOnly date,
        decimal? fine = null, CancellationToken ct = default)
    {
        var held = await HeldAsync(townshipId, ct);
        if (!held.TryGetValue(matterId, out var candidates))
        {
            return Entitlement.No("Entitlement.NoAgreement");
        }
        var inForce = candidates.FirstOrDefault(h => h.PublishedOn <= date && h.TermStart <= date && date <= h.LastDayInForce);
        if (inForce is null)
        {
            // The most telling reason among the agreements that name the matter.
            var unpublished = candidates.FirstOrDefault(h => h.PublishedOn is null);
            var terminated = candidates.FirstOrDefault(h => h.State == AgreementState.Terminated && h.LastDayInForce < date && date <= h.TermEnd);
            return terminated is not null ? Entitlement.No("Entitlement.Terminated", terminated.Number)
                : candidates.FirstOrDefault(h => h.PublishedOn is not null) is { } published
                    ? Entitlement.No("Entitlement.OutsideTerm", published.Number, Day(published.TermStart), Day(published.TermEnd))
                    : Entitlement.No("Entitlement.NotPublished", unpublished!.Number);
        }
        if (authority > inForce.Authority)
        {
            return Entitlement.No("Entitlement.AuthorityExceeded", inForce.Number, new Text("Authority." + inForce.Authority));
        }
        if (fine is { } amount && inForce.FineCap is { } cap && amount > cap)
        {
            return Entitlement.No("Entitlement.FineAboveCap", inForce.Number, cap);
        }
        return new Entitlement(true, null, [], inForce.AgreementId, inForce.Number, inForce.Mode, inForce.Authority, inForce.FineCap,
            inForce.ActingUnitId, inForce.ActingInNameOf);
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");

    private async Task<Dictionary<Guid, List<Held>>> HeldAsync(Guid townshipId, CancellationToken ct)
    {
        if (cache.TryGetValue(Key(townshipId), out Dictionary<Guid, List<Held>>? held) && held is not null)
        {
            return held;
        }
        // The platform asks this question on behalf of whoever acts: scope was checked when the caller found the township.
        var rows = await (
            from a in db.Agreements.IgnoreQueryFilters()
            where a.TownshipId == townshipId && a.State >= AgreementState.Signed
            from m in a.Matters
            join d in db.Departments.IgnoreQueryFilters() on a.DepartmentId equals d.Id
            join t in db.Townships.IgnoreQueryFilters() on a.TownshipId equals t.Id
            select new
            {
                a.Id,
                a.Number,
                a.Mode,
                a.State,
                a.PublishedOn,
                a.TermStart,
                a.TermEnd,
                a.TerminatedOn,
                m.MatterId,
                m.Authority,
                m.FineCap,
                DepartmentId = d.Id,
                DepartmentName = d.Name,
                TownshipName = t.Name,
                TownshipKind = t.Kind
            })
            .AsNoTracking().ToListAsync(ct);
        held = rows.GroupBy(r => r.MatterId).ToDictionary(g => g.Key, g => g
            .Select(r => new Held(r.Id, r.Number, r.Mode, r.State, r.PublishedOn, r.TermStart, r.TermEnd,
                r.PublishedOn is null ? null : r.TerminatedOn is { } t && t.AddDays(-1) < r.TermEnd ? t.AddDays(-1) : r.TermEnd,
                r.Authority, r.FineCap,
                r.Mode == AgreementMode.Grant ? townshipId : r.DepartmentId,
                // 委托: in the entrusting department's name (Art. 20); 赋权: in the township's own (Art. 24).
                r.Mode == AgreementMode.Grant ? Catalog.Township.GovernmentNameOf(r.TownshipName, r.TownshipKind) : r.DepartmentName))
            .OrderByDescending(h => h.TermStart).ToList());
        cache.Set(Key(townshipId), held, TimeSpan.FromMinutes(30));
        return held;
    }
}
