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

/// <summary>
/// The one question later features ask before an officer inspects or takes a case step (LAW 10): the officer is active, holds a
/// certificate valid that day that covers the matter's domain, and belongs to the unit that holds the power that day — a
/// township entitled to the matter by an agreement in force (<see cref="Entitlements"/>), or the department that owns it.
/// Two small indexed queries (compiled) and the entitlement cache.
/// </summary>
public sealed class OfficerPowers(EntrustDbContext db, Entitlements entitlements)
{
    public async Task<MayActAnswer> MayActAsync(Guid officerId, Guid matterId, DateOnly date, CancellationToken ct = default)
    {
        var queries = Queries.For(db);
        Officer? officer = null;
        List<Certificate> certificates = [];
        MatterFacts? matter = null;
        // One connection for both queries: opening one runs the SQLite pragmas again.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // The officer and their certificates in one round trip: one row per certificate, or one without.
            await foreach (var row in queries.OfficerWithCertificates(db, officerId).WithCancellation(ct))
            {
                officer ??= row.Officer;
                if (row.Certificate is not null)
                {
                    certificates.Add(row.Certificate);
                }
            }
            matter = officer is null ? null : await queries.Matter(db, matterId, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        Entitlement? entitlement = null;
        if (officer is { IsActive: true, TownshipId: { } townshipId } && matter is not null
            && MayAct.Personally(officer, certificates, matter, date) is null)
        {
            entitlement = await entitlements.CheckAsync(townshipId, matter.Id, Authority.InspectionOnly, date, null, ct);
        }
        return MayAct.Decide(officer, certificates, matter, date, entitlement);
    }

    /// <summary>
    /// The question's queries, compiled: every inspection and case step asks it, and LINQ translation would cost more than
    /// the queries themselves. The data-scope filters still apply. A compiled query serves one EF model, and there is one per
    /// scope kind and database (<see cref="DataScope.ForOneDistrict"/>), so each model gets its own set.
    /// </summary>
    private sealed class Queries
    {
        private static readonly ConditionalWeakTable<IModel, Queries> ByModel = [];

        public readonly Func<EntrustDbContext, Guid, IAsyncEnumerable<OfficerRow>> OfficerWithCertificates =
            EF.CompileAsyncQuery((EntrustDbContext db, Guid id) =>
                from o in db.Officers.AsNoTracking()
                where o.Id == id
                join c in db.Certificates.AsNoTracking() on o.Id equals c.OfficerId into held
                from c in held.DefaultIfEmpty()
                select new OfficerRow(o, c));

        public readonly Func<EntrustDbContext, Guid, CancellationToken, Task<MatterFacts?>> Matter =
            EF.CompileAsyncQuery((EntrustDbContext db, Guid id, CancellationToken ct) => db.Matters.AsNoTracking().Where(m => m.Id == id)
                .Select(m => new MatterFacts(m.Id, m.DistrictId, m.DepartmentId, m.Domain)).FirstOrDefault());

        public static Queries For(EntrustDbContext db) => ByModel.GetValue(db.Model, _ => new Queries());

        public sealed record OfficerRow(Officer Officer, Certificate? Certificate);
    }
}

/// <summary>The decision itself, without the database: what <see cref="OfficerPowers"/> answers for the facts it read.</summary>
public static class MayAct
{
    /// <param name="townshipEntitlement">For a township officer, the township's entitlement to the matter on the day.</param>
    public static MayActAnswer Decide(Officer? officer, IReadOnlyCollection<Certificate> certificates, MatterFacts? matter, DateOnly date,
        Entitlement? townshipEntitlement)
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
        if (townshipEntitlement is not { Allowed: true })
        {
            return MayActAnswer.No("MayAct.TownshipNotEntitled", Day(date)) with
            {
                Detail = townshipEntitlement ?? Entitlement.No("Entitlement.NoAgreement"),
            };
        }
        return MayActAnswer.Yes;
    }

    /// <summary>The officer's own part: active, a certificate valid on the day, covering the domain. Null when all hold.</summary>
    public static MayActAnswer? Personally(Officer officer, IReadOnlyCollection<Certificate> certificates, MatterFacts matter, DateOnly date)
    {
        if (!officer.IsActive)
        {
            return MayActAnswer.No("MayAct.OfficerNotActive", officer.Name, new Text("OfficerStatus." + officer.Status));
        }
        var valid = certificates.Where(c => c.IsValidOn(date)).ToList();
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

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");
}
