using System.Runtime.CompilerServices;
using Entrust.Web.Data;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Entrust.Web.Features.Officers;

/// <summary>
/// The answer to "may officer O act on matter M on day D?": yes, or no with the reason (a resource key and its arguments) and,
/// when the township holds no power, the entitlement's own reason as the detail.
/// </summary>
public sealed record MayActAnswer(bool MayAct, string? ReasonKey, IReadOnlyList<object> ReasonArguments, Entitlement? Detail = null)
{
    public static readonly MayActAnswer Yes = new(true, null, []);

    public static MayActAnswer No(string key, params object[] args) => new(false, key, args);

    /// <summary>The reason in the current language, the entitlement's reason after it; null for a yes.</summary>
    public string? Message(Microsoft.Extensions.Localization.IStringLocalizer text) => ReasonKey is null ? null
        : text.Message(new RuleViolation(ReasonKey, ReasonArguments.ToArray()))
          + (Detail?.ReasonKey is { } key ? text.Message(new RuleViolation(key, Detail.ReasonArguments.ToArray())) : "");
}

/// <summary>What the decision needs of a matter: its owner and its domain.</summary>
public sealed record MatterFacts(Guid Id, Guid DistrictId, Guid DepartmentId, string Domain);

/// <summary>An officer's answer among several asked at once, with the name the refusal shows.</summary>
public sealed record OfficerAnswer(Guid OfficerId, string? Name, MayActAnswer Answer);

/// <summary>
/// The one question later features ask before an officer inspects or takes a case step (LAW 10): the officer was in post that
/// day, held a certificate valid that day that covers the matter's domain, and belongs to the unit that holds the power where
/// the act happens — the township of the act, entitled to the matter by an agreement in force that day (<see cref="Entitlements"/>),
/// or the department that owns the matter, in any township of its district.
/// The officer with their certificates and the matter's facts come from the <see cref="ReferenceCache"/> (read by the user's
/// own scoped queries, dropped by any change to officers, certificates or matters); the decision for the day is made each
/// time, in memory.
/// </summary>
public sealed class OfficerPowers(EntrustDbContext db, Entitlements entitlements, ReferenceCache cache)
{
    /// <param name="townshipId">The township where the act happens; null asks about the officer's own (a department's officer: anywhere).</param>
    public async Task<MayActAnswer> MayActAsync(Guid officerId, Guid matterId, Guid? townshipId, DateOnly date, CancellationToken ct = default) =>
        (await MayActAsync([officerId], matterId, townshipId, date, ct))[0].Answer;

    /// <summary>The answer for each officer, in the order asked, for an act in <paramref name="townshipId"/> on <paramref name="date"/>.</summary>
    public Task<IReadOnlyList<OfficerAnswer>> MayActAsync(IReadOnlyList<Guid> officerIds, Guid matterId, Guid? townshipId, DateOnly date,
        CancellationToken ct = default) =>
        MayActAsync(officerIds, matterId, townshipId, date, [], ct);

    /// <summary>
    /// The answer for each officer, where <paramref name="namedOnRecord"/> are officers that a record in the user's sight names — a
    /// drawn assignment's two inspectors (LAW 26). Those alone are read past the user's scope, within the user's district, so that a
    /// township records the drawn inspection of a pair that includes a department's officer; its view of other department officers
    /// does not widen.
    /// </summary>
    public async Task<IReadOnlyList<OfficerAnswer>> MayActAsync(IReadOnlyList<Guid> officerIds, Guid matterId, Guid? townshipId, DateOnly date,
        IReadOnlyCollection<Guid> namedOnRecord, CancellationToken ct = default)
    {
        var matter = await cache.GetAsync("may-act:matter", db.User, matterId, () => Queries.For(db).Matter(db, matterId, ct));
        var held = await OfficersAsync(officerIds, ct);
        var unseen = officerIds.Where(id => held[id].Officer is null && namedOnRecord.Contains(id)).Distinct().ToList();
        if (unseen.Count > 0)
        {
            foreach (var (id, h) in await NamedOnRecordAsync(unseen, ct))
            {
                held[id] = h;
            }
        }
        List<OfficerAnswer> answers = [];
        foreach (var officerId in officerIds)
        {
            var (officer, certificates) = held[officerId];
            Entitlement? entitlement = null;
            // Only the township of the act can hold the power its officer uses: another township's entitlement is never asked.
            if (officer is { TownshipId: { } own } && (townshipId ?? own) == own && matter is not null
                && MayAct.Personally(officer, certificates, matter, date) is null)
            {
                entitlement = await entitlements.CheckAsync(own, matter.Id, Authority.InspectionOnly, date, null, ct);
            }
            answers.Add(new OfficerAnswer(officerId, officer?.Name, MayAct.Decide(officer, certificates, matter, townshipId, date, entitlement)));
        }
        return answers;
    }

    /// <summary>An officer as the user's scope shows them (null when out of sight), with their certificates.</summary>
    private sealed record Held(Officer? Officer, List<Certificate> Certificates);

    private async Task<Dictionary<Guid, Held>> OfficersAsync(IReadOnlyList<Guid> officerIds, CancellationToken ct)
    {
        var version = await cache.VersionAsync(ct);
        Dictionary<Guid, Held> held = [];
        List<Guid> missing = [];
        foreach (var id in officerIds.Distinct())
        {
            if (cache.TryGet("may-act:officer", db.User, id, version, out Held? h))
            {
                held[id] = h!;
            }
            else
            {
                missing.Add(id);
            }
        }
        if (missing.Count == 0)
        {
            return held;
        }
        // Every officer missing from memory and their certificates in one round trip: one row per certificate, or one without.
        var rows = await (
            from o in db.Officers.AsNoTracking()
            where missing.Contains(o.Id)
            join c in db.Certificates.AsNoTracking() on o.Id equals c.OfficerId into certificates
            from c in certificates.DefaultIfEmpty()
            select new { Officer = o, Certificate = c }).ToListAsync(ct);
        foreach (var id in missing)
        {
            var mine = rows.Where(r => r.Officer.Id == id).ToList();
            var h = new Held(mine.FirstOrDefault()?.Officer, [.. mine.Where(r => r.Certificate is not null).Select(r => r.Certificate!)]);
            cache.Set("may-act:officer", db.User, id, version, h);
            held[id] = h;
        }
        return held;
    }

    /// <summary>
    /// Officers named on a record the user sees, read past the scope filters but held to the user's district (never cached: the
    /// cache keeps what the user's own scope shows).
    /// </summary>
    private async Task<Dictionary<Guid, Held>> NamedOnRecordAsync(List<Guid> ids, CancellationToken ct)
    {
        var (all, district) = (db.User.AllDistricts, db.User.DistrictId);
        var officers = await db.Officers.IgnoreQueryFilters().AsNoTracking()
            .Where(o => ids.Contains(o.Id) && (all || o.DistrictId == district)).ToListAsync(ct);
        var found = officers.Select(o => o.Id).ToList();
        var certificates = await db.Certificates.IgnoreQueryFilters().AsNoTracking().Where(c => found.Contains(c.OfficerId)).ToListAsync(ct);
        return officers.ToDictionary(o => o.Id, o => new Held(o, [.. certificates.Where(c => c.OfficerId == o.Id)]));
    }

    /// <summary>
    /// The matter's query, compiled. The data-scope filters still apply. A compiled query serves one EF model, and there is
    /// one per scope kind and database (<see cref="DataScope.ForOneDistrict"/>), so each model gets its own.
    /// </summary>
    private sealed class Queries
    {
        private static readonly ConditionalWeakTable<IModel, Queries> ByModel = [];

        public readonly Func<EntrustDbContext, Guid, CancellationToken, Task<MatterFacts?>> Matter =
            EF.CompileAsyncQuery((EntrustDbContext db, Guid id, CancellationToken ct) => db.Matters.AsNoTracking().Where(m => m.Id == id)
                .Select(m => new MatterFacts(m.Id, m.DistrictId, m.DepartmentId, m.Domain)).FirstOrDefault());

        public static Queries For(EntrustDbContext db) => ByModel.GetValue(db.Model, _ => new Queries());
    }
}

/// <summary>The decision itself, without the database: what <see cref="OfficerPowers"/> answers for the facts it read.</summary>
public static class MayAct
{
    /// <summary>
    /// At least two officers per inspection or case step (行政处罚法 Art. 42, 55; LAW 10): the one figure the inspections, the case
    /// steps, the random draw, the plan's pool, coverage and the gaps ask.
    /// </summary>
    public const int OfficersPerAct = 2;

    /// <param name="townshipId">The township where the act happens; null asks about the officer's own.</param>
    /// <param name="townshipEntitlement">For a township officer, their township's entitlement to the matter on the day.</param>
    public static MayActAnswer Decide(Officer? officer, IReadOnlyCollection<Certificate> certificates, MatterFacts? matter, Guid? townshipId,
        DateOnly date, Entitlement? townshipEntitlement)
    {
        if (officer is null)
        {
            return MayActAnswer.No("MayAct.OfficerNotFound");
        }
        if (matter is null || matter.DistrictId != officer.DistrictId)
        {
            return MayActAnswer.No("MayAct.MatterNotFound");
        }
        if (Personally(officer, certificates, matter, date) is { } refusal)
        {
            return refusal;
        }
        if (officer.DepartmentId is { } department)
        {
            return department == matter.DepartmentId ? MayActAnswer.Yes : MayActAnswer.No("MayAct.NotDepartmentsMatter", officer.Name);
        }
        // A township acts under its own entrustment only (APL 20): its officers never act for another township.
        if (townshipId is { } where && where != officer.TownshipId)
        {
            return MayActAnswer.No("MayAct.OtherTownship", officer.Name);
        }
        if (townshipEntitlement is not { Allowed: true })
        {
            return MayActAnswer.No("MayAct.TownshipNotEntitled", Day(date)) with
            {
                Detail = townshipEntitlement ?? Entitlement.No("Entitlement.NoAgreement"),
            };
        }
        return MayActAnswer.Yes;
    }

    /// <summary>
    /// The officer's own part, judged on the day of the act: in post that day, a certificate valid that day, covering the domain.
    /// Null when all hold. An officer who left later may still be named on what they did before.
    /// </summary>
    public static MayActAnswer? Personally(Officer officer, IReadOnlyCollection<Certificate> certificates, MatterFacts matter, DateOnly date)
    {
        if (HoldsPersonally(officer, certificates, matter.Domain, date))
        {
            return null;
        }
        if (!officer.ActiveOn(date))
        {
            return MayActAnswer.No("MayAct.OfficerNotActive", officer.Name, new Text("OfficerStatus." + officer.Status));
        }
        var valid = certificates.Where(c => c.ValidOn(date)).ToList();
        if (valid.Count == 0)
        {
            // The most telling certificate: the latest issued by the day, else the earliest still to come.
            var telling = certificates.Where(c => c.IssuedOn <= date).OrderByDescending(c => c.IssuedOn).FirstOrDefault()
                ?? certificates.OrderBy(c => c.IssuedOn).FirstOrDefault();
            return telling is null
                ? MayActAnswer.No("MayAct.NoCertificate", officer.Name)
                : MayActAnswer.No("MayAct.Certificate" + telling.ValidityOn(date), telling.Number, Day(date));
        }
        if (!valid.Any(c => c.Covers(matter.Domain)))
        {
            return MayActAnswer.No("MayAct.DomainNotCovered", officer.Name, Catalog.Domains.Name(matter.Domain));
        }
        return null;
    }

    /// <summary>
    /// The officer's own part as a yes or no (what <see cref="Personally"/> explains when it is no): in post that day, holding a
    /// certificate valid that day that covers the domain. The gap monitor counts holders with it, day after day.
    /// </summary>
    public static bool HoldsPersonally(Officer officer, IEnumerable<Certificate> certificates, string domain, DateOnly date) =>
        officer.ActiveOn(date) && certificates.Any(c => c.ValidOn(date) && c.Covers(domain));

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");
}
