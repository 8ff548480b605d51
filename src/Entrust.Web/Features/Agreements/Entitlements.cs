using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Agreements;

/// <summary>
/// The answer to "may township T exercise matter M with authority A on date D, and in whose name?", with the limits the
/// agreement sets on the matter: the fine cap and the penalty kinds kept back.
/// </summary>
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
    string? ActingInNameOf,
    PenaltyKinds ExcludedPenalties = PenaltyKinds.None)
{
    public static Entitlement No(string key, params object[] args) => new(false, key, args, null, null, null, null, null, null, null);
}

/// <summary>
/// Answers the entitlement question for inspections, cases and pages. Every inspection asks it, so each
/// township's agreements are kept in the <see cref="ReferenceCache"/>, which forgets them when an agreement, its matters or
/// the names of the bodies change.
/// </summary>
public sealed class Entitlements(EntrustDbContext db, ReferenceCache cache)
{
    /// <summary>One matter of one signed (or later) agreement, with the body in whose name the township acts under it.</summary>
    internal sealed record Held(Agreement Agreement, AgreementMatter Matter, Guid ActingUnitId, string ActingInNameOf);

    private static readonly string[] ReadFrom = [nameof(Agreement), nameof(AgreementMatter), "Department", "Township"];

    public async Task<Entitlement> CheckAsync(Guid townshipId, Guid matterId, Authority authority, DateOnly date,
        decimal? fine = null, CancellationToken ct = default)
    {
        var held = await HeldAsync(townshipId, ct);
        if (!held.TryGetValue(matterId, out var candidates))
        {
            return Entitlement.No("Entitlement.NoAgreement");
        }
        var inForce = candidates.FirstOrDefault(h => h.Agreement.InForceOn(date));
        if (inForce is null)
        {
            // The most telling reason among the agreements that name the matter.
            var agreements = candidates.Select(h => h.Agreement).ToList();
            var terminated = agreements.FirstOrDefault(a => a.State == AgreementState.Terminated && a.PublishedOn is not null
                && a.TerminatedOn <= date && date <= a.TermEnd);
            // Published later than the day asked about: not yet in force then (Art. 20 ¶2), whatever the term says.
            var publishedLater = agreements.FirstOrDefault(a => date < a.PublishedOn && a.TermStart <= date && date <= a.TermEnd);
            var published = agreements.FirstOrDefault(a => a.PublishedOn is not null);
            return terminated is not null ? Entitlement.No("Entitlement.Terminated", terminated.Number)
                : publishedLater is not null ? Entitlement.No("Entitlement.NotPublished", publishedLater.Number)
                : published is not null ? Entitlement.No("Entitlement.OutsideTerm", published.Number, Day(published.TermStart), Day(published.TermEnd))
                : Entitlement.No("Entitlement.NotPublished", agreements[0].Number);
        }
        var (agreement, matter) = (inForce.Agreement, inForce.Matter);
        if (authority > matter.Authority)
        {
            return Entitlement.No("Entitlement.AuthorityExceeded", agreement.Number, new Text("Authority." + matter.Authority));
        }
        if (fine is { } amount && matter.FineCap is { } cap && amount > cap)
        {
            return Entitlement.No("Entitlement.FineAboveCap", agreement.Number, cap);
        }
        return new Entitlement(true, null, [], agreement.Id, agreement.Number, agreement.Mode, matter.Authority, matter.FineCap,
            inForce.ActingUnitId, inForce.ActingInNameOf, matter.ExcludedPenalties);
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");

    private Task<Dictionary<Guid, List<Held>>> HeldAsync(Guid townshipId, CancellationToken ct) =>
        cache.GetAsync("entitlements", townshipId, ReadFrom, () => ReadHeldAsync(townshipId, ct));

    private async Task<Dictionary<Guid, List<Held>>> ReadHeldAsync(Guid townshipId, CancellationToken ct)
    {
        // The platform asks this question on behalf of whoever acts: scope was checked when the caller found the township.
        var agreements = await db.Agreements.IgnoreQueryFilters().AsNoTracking().Include(a => a.Matters)
            .Where(a => a.TownshipId == townshipId && a.State >= AgreementState.Signed)
            .ToListAsync(ct);
        var departmentIds = agreements.Select(a => a.DepartmentId).Distinct().ToList();
        var departments = await db.Departments.IgnoreQueryFilters().Where(d => departmentIds.Contains(d.Id))
            .ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var township = await db.Townships.IgnoreQueryFilters().Where(t => t.Id == townshipId).Select(t => new { t.Name, t.Kind })
            .FirstOrDefaultAsync(ct);
        return agreements
            .SelectMany(a => a.Matters.Select(m => new Held(a, m,
                a.Mode == AgreementMode.Grant ? townshipId : a.DepartmentId,
                // 委托: in the entrusting department's name (Art. 20); 赋权: in the township's own (Art. 24).
                a.Mode == AgreementMode.Grant ? Catalog.Township.GovernmentNameOf(township!.Name, township.Kind) : departments[a.DepartmentId])))
            .GroupBy(h => h.Matter.MatterId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(h => h.Agreement.TermStart).ToList());
    }
}
