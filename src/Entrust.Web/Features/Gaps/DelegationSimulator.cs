using Entrust.Web.Data;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Officers;
using Entrust.Web.Features.Training;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Gaps;

/// <summary>What the office asks: these matters (or every entrustable matter of a domain), to these townships (all when none), from a day.</summary>
/// <param name="TermEnd">The drafts' last day when the plan is confirmed (default: three years less a day).</param>
/// <param name="TrainingClassId">The class the trainees are nominated to when the plan is confirmed (none: no nomination).</param>
public sealed record SimulationInput(List<Guid>? MatterIds, string? Domain, List<Guid>? TownshipIds, DateOnly? StartOn,
    DateOnly? TermEnd = null, Guid? TrainingClassId = null);

public sealed record SimulatedDomain(string Domain, string DomainName, int HoldersToday, int HoldersOnStart, int Shortfall, int SeatsNeeded,
    IReadOnlyList<SimulatedTrainee> Trainees);

/// <summary>An officer of the township who would be trained: in post on the start day, may hold a certificate, holds none for the domain.</summary>
public sealed record SimulatedTrainee(Guid OfficerId, string Name, string Post);

public sealed record SimulatedDraft(Guid DepartmentId, string DepartmentName, IReadOnlyList<Guid> MatterIds, IReadOnlyList<string> MatterNames, bool Docked);

public sealed record SimulatedRefusal(string MatterCode, string MatterName, string Reason);

public sealed record SimulatedGap(GapKind Kind, string KindName, GapSeverity Severity, string? Domain);

public sealed record SimulatedTownship(Guid TownshipId, string TownshipName, IReadOnlyList<SimulatedDomain> Domains,
    IReadOnlyList<SimulatedDraft> Drafts, IReadOnlyList<string> AlreadyInForce, IReadOnlyList<SimulatedRefusal> Refused,
    IReadOnlyList<SimulatedGap> GapsOpened);

/// <param name="PassRate">Passed of sat in the district's exams so far; the seed's 147 of 150 before any exam.</param>
public sealed record SimulationView(DateOnly StartOn, int Passed, int Sat, decimal PassRate, IReadOnlyList<SimulatedTownship> Townships,
    int DraftCount, int SeatCount, int DockingMissing, int GapCount);

public sealed record SimulationConfirmed(IReadOnlyList<Guid> AgreementIds, int Nominated);

/// <summary>
/// 委托推演: what entrusting these matters to these townships from a day would take and would leave open — per township the
/// officers who may act (today and on the day), the shortfall to two holders and the training seats it needs at the district's
/// pass rate, the agreements to draft (by department, with the docking still missing), the matters the law refuses there, and
/// the gaps the monitor would find on the day. The gaps come from <see cref="GapRules"/> run on the district's records with the
/// drafts put in force — the same rules the nightly scan runs — so the simulator never has its own idea of a gap. Nothing is
/// written until the office confirms: then the drafts are created and the trainees nominated, all or none.
/// </summary>
public sealed class DelegationSimulator(EntrustDbContext db, CurrentUser user, GapScanner scanner, AgreementBook agreements,
    TrainingBook training, TimeProvider clock, IStringLocalizer<SharedResource> text)
{
    /// <summary>The seed's pass rate (147 of 150 passed), used before the district has held an exam.</summary>
    public const int SeedPassed = 147, SeedSat = 150;

    private const string Hypothetical = "推演";

    public async Task<SimulationView> SimulateAsync(SimulationInput input, CancellationToken ct) => (await PlanAsync(input, ct)).View;

    /// <summary>Creates the plan's drafts and nominates its trainees in one transaction: a refusal anywhere writes nothing.</summary>
    public async Task<SimulationConfirmed> ConfirmAsync(SimulationInput input, CancellationToken ct)
    {
        var plan = await PlanAsync(input, ct);
        var start = plan.View.StartOn;
        var end = input.TermEnd ?? start.AddYears(3).AddDays(-1);
        var drafts = plan.View.Townships.SelectMany(t => t.Drafts.Select(d => (t.TownshipId, Draft: d))).ToList();
        var trainees = plan.View.Townships.SelectMany(t => t.Domains.SelectMany(d => d.Trainees)).Select(t => t.OfficerId).Distinct().ToList();
        if (drafts.Count == 0 && (input.TrainingClassId is null || trainees.Count == 0))
        {
            throw new RuleViolation("Simulation.NothingToDo") { Field = "MatterIds" };
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        List<Guid> created = [];
        foreach (var (townshipId, draft) in drafts)
        {
            var matters = plan.Matters.Where(m => draft.MatterIds.Contains(m.Id))
                .Select(m => new AgreementMatterInput(m.Id, DefaultAuthority(m), null)).ToList();
            var agreement = await agreements.CreateAsync(new AgreementInput(draft.DepartmentId, townshipId, AgreementMode.Entrustment, null,
                start, end, null, null, null, false, false, false, matters), ct);
            created.Add(agreement.Id);
        }
        var nominated = 0;
        if (input.TrainingClassId is { } classId && trainees.Count > 0)
        {
            var already = await db.Trainees.AsNoTracking().Where(t => t.TrainingClassId == classId).Select(t => t.OfficerId).ToListAsync(ct);
            var fresh = trainees.Except(already).ToList();
            if (fresh.Count > 0)
            {
                nominated = (await training.NominateAsync(classId, new NominateInput(fresh), ct)
                    ?? throw new RuleViolation("Simulation.UnknownClass") { Field = "TrainingClassId" }).Count;
            }
        }
        await transaction.CommitAsync(ct);
        return new SimulationConfirmed(created, nominated);
    }

    /// <summary>An inspection matter is entrusted for inspection; a penalty matter with the general procedure.</summary>
    private static Authority DefaultAuthority(Matter m) => m.Kind == MatterKind.Inspection ? Authority.InspectionOnly : Authority.GeneralPenalty;

    private sealed record Plan(SimulationView View, IReadOnlyList<Matter> Matters);

    private async Task<Plan> PlanAsync(SimulationInput input, CancellationToken ct)
    {
        if (!user.MayKeepCatalogue)
        {
            throw new ForbiddenAction();
        }
        var today = clock.TodayInChina();
        if (input.StartOn is not { } start)
        {
            throw new RuleViolation("Validation.Required", new Text("Field.StartOn")) { Field = "StartOn" };
        }
        if (start < today)
        {
            throw new RuleViolation("Simulation.StartInPast", start.ToString("yyyy-MM-dd"), today.ToString("yyyy-MM-dd")) { Field = "StartOn" };
        }
        // The matters, read in the user's scope: a matter of another district is not found.
        var ids = input.MatterIds ?? [];
        var matters = ids.Count > 0
            ? await db.Matters.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync(ct)
            : !string.IsNullOrWhiteSpace(input.Domain)
                ? await db.Matters.AsNoTracking().Where(m => m.Domain == input.Domain && m.Entrustability != Entrustability.NotEntrusted
                    && m.Kind != MatterKind.Coercive).ToListAsync(ct)
                : throw new RuleViolation("Simulation.NoMatters") { Field = "MatterIds" };
        if (matters.Count == 0 || matters.Count < ids.Distinct().Count())
        {
            throw new RuleViolation("Simulation.NoMatters") { Field = "MatterIds" };
        }
        var districtId = matters[0].DistrictId;
        if (matters.Any(m => m.DistrictId != districtId))
        {
            throw new RuleViolation("Simulation.OneDistrict") { Field = "MatterIds" };
        }
        var townshipIds = input.TownshipIds ?? [];
        var townships = await db.Townships.AsNoTracking().Where(t => t.DistrictId == districtId)
            .Where(t => townshipIds.Count == 0 || townshipIds.Contains(t.Id)).OrderBy(t => t.Code).ToListAsync(ct);
        if (townships.Count < townshipIds.Distinct().Count() || townships.Count == 0)
        {
            throw new RuleViolation("Simulation.UnknownTownship") { Field = "TownshipIds" };
        }
        var departmentIds = matters.Select(m => m.DepartmentId).Distinct().ToList();
        var departments = await db.Departments.AsNoTracking().Where(d => departmentIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);

        var records = await scanner.LoadAsync(districtId, ct, [.. matters.Select(m => m.Id)]);
        var (passed, sat) = await PassRateAsync(districtId, ct);

        // The drafts put in force on the start day: one per township and department, of the matters the law lets it hold there.
        List<Agreement> hypothetical = [];
        var perTownship = new Dictionary<Guid, (List<SimulatedDraft> Drafts, List<string> InForce, List<SimulatedRefusal> Refused)>();
        foreach (var township in townships)
        {
            var inForce = records.Agreements.Where(a => a.TownshipId == township.Id && a.InForceOn(start))
                .SelectMany(a => a.Matters.Select(m => m.MatterId)).ToHashSet();
            var docked = records.Dockings.Where(d => d.TownshipId == township.Id).Select(d => d.DepartmentId).ToHashSet();
            var entry = (Drafts: new List<SimulatedDraft>(), InForce: new List<string>(), Refused: new List<SimulatedRefusal>());
            foreach (var group in matters.Where(m => !inForce.Contains(m.Id)).GroupBy(m => m.DepartmentId))
            {
                var department = departments[group.Key];
                List<Matter> allowed = [];
                foreach (var m in group.OrderBy(m => m.Code))
                {
                    try
                    {
                        Agreement.CheckMatter(department, township, m, DefaultAuthority(m), null);
                        allowed.Add(m);
                    }
                    catch (RuleViolation v)
                    {
                        entry.Refused.Add(new SimulatedRefusal(m.Code, m.Name, text.Message(v)));
                    }
                }
                if (allowed.Count == 0)
                {
                    continue;
                }
                entry.Drafts.Add(new SimulatedDraft(department.Id, department.Name, [.. allowed.Select(m => m.Id)], [.. allowed.Select(m => m.Name)],
                    docked.Contains(department.Id)));
                hypothetical.Add(InForceFrom(department, township, start, allowed));
            }
            entry.InForce.AddRange(matters.Where(m => inForce.Contains(m.Id)).OrderBy(m => m.Code).Select(m => m.Name));
            perTownship[township.Id] = entry;
        }

        // The gaps the monitor would find on the start day with the drafts in force, less those it finds without them.
        var before = GapRules.Find(records, start).Select(f => (f.Kind, f.Key)).ToHashSet();
        var after = GapRules.Find(records with { Agreements = [.. records.Agreements, .. hypothetical] }, start)
            .Where(f => !before.Contains((f.Kind, f.Key))).ToList();

        var certificates = records.Certificates.ToLookup(c => c.OfficerId);
        var rows = new List<SimulatedTownship>();
        foreach (var township in townships)
        {
            var officers = records.Officers.Where(o => o.TownshipId == township.Id).ToList();
            var domains = new List<SimulatedDomain>();
            foreach (var domain in matters.Select(m => m.Domain).Distinct().Order())
            {
                var facts = matters.Where(m => m.Domain == domain).Select(m => new MatterFacts(m.Id, m.DistrictId, m.DepartmentId, m.Domain)).First();
                var holdersToday = GapRules.Holders(officers, certificates, facts, today);
                var holdersOnStart = GapRules.Holders(officers, certificates, facts, start);
                var shortfall = Math.Max(0, Coverage.RequiredHolders - holdersOnStart);
                var seats = shortfall == 0 ? 0 : (int)Math.Ceiling(shortfall * (decimal)sat / Math.Max(passed, 1));
                var trainees = officers.Where(o => o.ActiveOn(start) && o.MayHoldCertificate
                        && !MayAct.HoldsPersonally(o, certificates[o.Id], facts.Domain, start))
                    .OrderBy(o => o.Name, StringComparer.Ordinal).Take(seats).Select(o => new SimulatedTrainee(o.Id, o.Name, o.Post)).ToList();
                domains.Add(new SimulatedDomain(domain, Domains.Name(domain), holdersToday, holdersOnStart, shortfall, seats, trainees));
            }
            var (drafts, alreadyInForce, refused) = perTownship[township.Id];
            var gaps = after.Where(f => f.TownshipId == township.Id)
                .Select(f => new SimulatedGap(f.Kind, text["GapKind." + f.Kind], f.Severity, f.Domain is { } d ? Domains.Name(d) : null))
                .ToList();
            rows.Add(new SimulatedTownship(township.Id, township.Name, domains, drafts, alreadyInForce, refused, gaps));
        }
        var view = new SimulationView(start, passed, sat, Math.Round((decimal)passed / Math.Max(sat, 1), 3), rows,
            rows.Sum(r => r.Drafts.Count), rows.Sum(r => r.Domains.Sum(d => d.SeatsNeeded)), rows.Sum(r => r.Drafts.Count(d => !d.Docked)),
            rows.Sum(r => r.GapsOpened.Count));
        return new Plan(view, matters);
    }

    /// <summary>A draft as it would stand on the start day: published, in force from then. Never saved.</summary>
    private static Agreement InForceFrom(Department department, Township township, DateOnly start, IEnumerable<Matter> matters)
    {
        var agreement = new Agreement(department, township, Hypothetical,
            new AgreementTerms(AgreementMode.Entrustment, null, start, start.AddYears(3).AddDays(-1), null, null, null, true, true, true),
            matters.Select(m => (m, DefaultAuthority(m), (decimal?)null)));
        agreement.Submit(start);
        agreement.Review(start, Hypothetical, true);
        agreement.Sign(start, start, Hypothetical, Hypothetical);
        agreement.Publish(start, start, Hypothetical);
        return agreement;
    }

    /// <summary>Passed of sat in the district's exams; the seed's figure before any exam was held.</summary>
    private async Task<(int Passed, int Sat)> PassRateAsync(Guid districtId, CancellationToken ct)
    {
        var scores = await db.ExamScores.IgnoreQueryFilters().AsNoTracking().Where(s => s.DistrictId == districtId)
            .GroupBy(s => 1).Select(g => new { Sat = g.Count(), Passed = g.Count(s => s.Passed) }).FirstOrDefaultAsync(ct);
        return scores is { Sat: > 0 } ? (scores.Passed, scores.Sat) : (SeedPassed, SeedSat);
    }
}
