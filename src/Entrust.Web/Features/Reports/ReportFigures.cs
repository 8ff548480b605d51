using Entrust.Web.Data;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Calendar;
using Entrust.Web.Features.Cases;
using Entrust.Web.Features.Gaps;
using Entrust.Web.Features.Inspections;
using Entrust.Web.Features.Officers;
using Entrust.Web.Features.RandomInspections;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Reports;

/// <summary>The parts of a report: figures per matter, breakdowns by kind, result, procedure, penalty, officer and gap kind.</summary>
public enum FigureGroup
{
    Matter = 0,
    Summary = 1,
    Kind = 2,
    Result = 3,
    Procedure = 4,
    Penalty = 5,
    Officer = 6,
    Gap = 7,
    Remedy = 8,
}

/// <summary>What a figure counts; the resource key of its name is "Measure." and the constant.</summary>
public static class Measures
{
    public const string Inspections = nameof(Inspections);
    public const string Reinspections = nameof(Reinspections);
    public const string TargetsCovered = nameof(TargetsCovered);
    public const string OrdersIssued = nameof(OrdersIssued);
    public const string OrdersCompleted = nameof(OrdersCompleted);
    public const string OrdersEscalated = nameof(OrdersEscalated);
    public const string OrdersOverdue = nameof(OrdersOverdue);
    public const string CasesFiled = nameof(CasesFiled);
    public const string CasesDecided = nameof(CasesDecided);
    public const string CasesConcluded = nameof(CasesConcluded);
    public const string CasesTransferred = nameof(CasesTransferred);
    public const string FinesDecided = nameof(FinesDecided);
    public const string FinesCollected = nameof(FinesCollected);
    public const string RandomDrawn = nameof(RandomDrawn);
    public const string RandomDone = nameof(RandomDone);
    public const string RandomPublishedOnTime = nameof(RandomPublishedOnTime);
    public const string OfficersActed = nameof(OfficersActed);
    public const string Decisions = nameof(Decisions);
    public const string Acts = nameof(Acts);
    public const string Open = nameof(Open);
    public const string Remedies = nameof(Remedies);

    /// <summary>The columns of the per-matter table, in the order a department files them.</summary>
    public static readonly string[] MatterColumns =
    [
        Inspections, Reinspections, TargetsCovered, OrdersIssued, OrdersCompleted, OrdersEscalated, OrdersOverdue, CasesFiled, CasesDecided,
        CasesConcluded, CasesTransferred, FinesDecided, FinesCollected, RandomDrawn, RandomDone, RandomPublishedOnTime,
    ];

    /// <summary>Money, shown with two decimals; the rest are counts.</summary>
    public static bool IsMoney(string measure) => measure is FinesDecided or FinesCollected;
}

/// <summary>
/// One figure: its group, the item it is about (a matter's or an officer's id, or the name of a kind, result, procedure, penalty
/// or gap kind), that item's name as recorded (matters and officers; the others are named from the resources), what it counts,
/// and the value.
/// </summary>
public sealed record FigureLine(FigureGroup Group, string Item, string Name, string Measure, decimal Value)
{
    public string Key => $"{Group}|{Item}|{Measure}";
}

/// <summary>A figure that differs between the snapshot taken at submission and the records now.</summary>
public sealed record FigureChange(FigureGroup Group, string Item, string Name, string Measure, decimal Before, decimal Now);

/// <summary>The figures of one township × department over a period, as lines (what is frozen at submission and compared later).</summary>
public sealed record Figures(IReadOnlyList<FigureLine> Lines)
{
    public static readonly Figures Empty = new([]);

    public decimal Value(FigureGroup group, string item, string measure) =>
        Lines.FirstOrDefault(l => l.Group == group && l.Item == item && l.Measure == measure)?.Value ?? 0m;

    /// <summary>The sum of a per-matter column (the totals row).</summary>
    public decimal Total(string measure) => Lines.Where(l => l.Group == FigureGroup.Matter && l.Measure == measure).Sum(l => l.Value);

    /// <summary>The matters in the table, by their recorded name (code first).</summary>
    public IReadOnlyList<(string Item, string Name)> MatterRows =>
        [.. Lines.Where(l => l.Group == FigureGroup.Matter).Select(l => (l.Item, l.Name)).Distinct().OrderBy(m => m.Name, StringComparer.Ordinal)];

    public IEnumerable<FigureLine> Group(FigureGroup group) => Lines.Where(l => l.Group == group);

    /// <summary>The breakdowns a report shows under its table, in order.</summary>
    public static readonly FigureGroup[] Breakdowns =
    [
        FigureGroup.Summary, FigureGroup.Kind, FigureGroup.Result, FigureGroup.Procedure, FigureGroup.Penalty, FigureGroup.Remedy,
        FigureGroup.Officer, FigureGroup.Gap,
    ];

    /// <summary>
    /// A breakdown as a report shows it: its lines, except that reconsideration and litigation are always both there (a department
    /// reads "行政复议 0" as a figure, not as a line left out).
    /// </summary>
    public IEnumerable<FigureLine> Shown(FigureGroup group) => group == FigureGroup.Remedy
        ? Enum.GetValues<RemedyKind>().Select(k => new FigureLine(group, k.ToString(), "", Measures.Remedies, Remedies(k)))
        : Group(group);

    /// <summary>The reconsiderations or lawsuits filed in the period against the decisions counted here.</summary>
    public decimal Remedies(RemedyKind kind) => Value(FigureGroup.Remedy, kind.ToString(), Measures.Remedies);

    /// <summary>
    /// Several reports' figures added up line by line (the roll-up's totals); the officers who acted are counted again from the
    /// officer lines, as an officer who acted for two reports is one officer.
    /// </summary>
    public static Figures Sum(IEnumerable<Figures> of)
    {
        var lines = of.SelectMany(f => f.Lines).Where(l => l.Measure != Measures.OfficersActed)
            .GroupBy(l => l.Key).Select(g => g.First() with { Value = g.Sum(l => l.Value) }).ToList();
        var officers = lines.Where(l => l.Group == FigureGroup.Officer).Select(l => l.Item).Distinct().Count();
        if (officers > 0)
        {
            lines.Add(new FigureLine(FigureGroup.Summary, "", "", Measures.OfficersActed, officers));
        }
        return new Figures([.. lines.OrderBy(l => l.Group).ThenBy(l => l.Name, StringComparer.Ordinal).ThenBy(l => l.Item, StringComparer.Ordinal)
            .ThenBy(l => Array.IndexOf(Measures.MatterColumns, l.Measure))]);
    }

    /// <summary>
    /// Every line whose value differs (a line missing on one side counts as 0 there), in the order of the groups. Open gaps are not
    /// compared: they are the state of the day, found by the nightly scan, not records of the month.
    /// </summary>
    public static IReadOnlyList<FigureChange> Differences(Figures before, Figures now)
    {
        var old = before.Lines.Where(l => l.Group != FigureGroup.Gap).ToDictionary(l => l.Key);
        var current = now.Lines.Where(l => l.Group != FigureGroup.Gap).ToDictionary(l => l.Key);
        return [.. old.Keys.Union(current.Keys)
            .Select(k => (Old: old.GetValueOrDefault(k), Now: current.GetValueOrDefault(k)))
            .Where(p => (p.Old?.Value ?? 0m) != (p.Now?.Value ?? 0m))
            .Select(p =>
            {
                var l = (p.Now ?? p.Old)!;
                return new FigureChange(l.Group, l.Item, l.Name, l.Measure, p.Old?.Value ?? 0m, p.Now?.Value ?? 0m);
            })
            .OrderBy(c => c.Group).ThenBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Measure, StringComparer.Ordinal)];
    }
}

/// <summary>Which records to count: one district; some or all of its townships and departments; from and to (days in Asia/Shanghai).</summary>
public sealed record FigureScope(Guid DistrictId, DateOnly From, DateOnly To, IReadOnlyCollection<Guid>? Townships = null,
    IReadOnlyCollection<Guid>? Departments = null);

/// <summary>A township's officers who acted in a month on its entrusted records, and how many of them held a valid certificate.</summary>
public sealed record CoverageCount(Guid TownshipId, Month Month, int Acting, int Certified)
{
    public decimal? Rate => Acting == 0 ? null : Math.Round((decimal)Certified / Acting, 3);
}

/// <summary>A township and an entrusting department: who reports to whom.</summary>
public readonly record struct Pair(Guid TownshipId, Guid DepartmentId);

/// <summary>
/// The figures of the monthly reports, roll-ups and (later) charts and summaries, computed from the records in one place: a fixed
/// number of grouped queries for any number of townships and departments, never a row per record. A record belongs to the
/// department of the matter it was exercised on, which is the department of the agreement it was exercised under (an agreement
/// entrusts only its department's matters); the tables carry it as <c>DepartmentId</c>. The rules are asked of their homes:
/// overdue orders of <see cref="RectificationOrder.OverdueAsOf"/>, agreements in force of
/// <see cref="Agreement.InForceDuringExpression"/>, publication on time of <see cref="Publication"/> on the district's calendar.
/// The caller decides who may see the figures: these read past the data scope, inside the one district asked.
/// </summary>
public sealed partial class ReportFigures(EntrustDbContext db, HolidayCalendar calendars, TimeProvider clock)
{
    // The district's matter names, read once per request: the statistics and the roll-up compute several periods.
    private (Guid District, Dictionary<Guid, string> Names)? _matters;

    /// <summary>The district's matters by id, named by code and name (as a report's lines name them).</summary>
    public async Task<Dictionary<Guid, string>> MatterNamesAsync(Guid district, CancellationToken ct = default)
    {
        if (_matters is { } cached && cached.District == district)
        {
            return cached.Names;
        }
        var names = await db.Matters.IgnoreQueryFilters().AsNoTracking().Where(m => m.DistrictId == district)
            .Select(m => new { m.Id, m.Code, m.Name }).ToDictionaryAsync(m => m.Id, m => $"{m.Code} {m.Name}", ct);
        _matters = (district, names);
        return names;
    }

    /// <summary>The township × department pairs with an agreement in force on some day of the period: the reports due for it.</summary>
    public async Task<IReadOnlyList<Pair>> PairsAsync(FigureScope s, CancellationToken ct = default)
    {
        var (allT, tIds, allD, dIds) = Filters(s);
        var pairs = await db.Agreements.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.DistrictId == s.DistrictId).Where(Agreement.InForceDuringExpression(s.From, s.To))
            .Where(a => (allT || tIds.Contains(a.TownshipId)) && (allD || dIds.Contains(a.DepartmentId)))
            .Select(a => new { a.TownshipId, a.DepartmentId }).Distinct().ToListAsync(ct);
        return [.. pairs.Select(p => new Pair(p.TownshipId, p.DepartmentId))];
    }

    public async Task<Figures> ComputeAsync(Guid districtId, Guid townshipId, Guid departmentId, DateOnly from, DateOnly to,
        CancellationToken ct = default) =>
        (await ComputeAsync(new FigureScope(districtId, from, to, [townshipId], [departmentId]), ct))
            .GetValueOrDefault(new Pair(townshipId, departmentId), Figures.Empty);

    /// <summary>Every pair's figures over the period; a pair with an agreement in force but no records has its matters at 0.</summary>
    public async Task<IReadOnlyDictionary<Pair, Figures>> ComputeAsync(FigureScope s, CancellationToken ct = default) =>
        (await ComputeCoreAsync(s, byMonth: false, ct)).ToDictionary(p => p.Key.Pair, p => p.Value);

    /// <summary>
    /// Every pair's figures in each month of the period, in the same grouped queries as <see cref="ComputeAsync(FigureScope, CancellationToken)"/>
    /// with the month of each record's day added to the grouping: one pass for any number of months, where computing a month at a time
    /// would cost a pass per month. The figures of a month are those <see cref="ComputeAsync(FigureScope, CancellationToken)"/> gives
    /// for that month alone, less what is not a record of the month: orders overdue and open gaps (the state at the period's end) and
    /// the rows at 0 of matters entrusted but unused (a test holds the two to each other). A settled month's are read from the figures
    /// kept for it while no record of it changed (<see cref="SettledMonth"/>). The statistics read the same in their own shape:
    /// <see cref="StatisticsByMonthAsync"/>.
    /// </summary>
    public Task<IReadOnlyDictionary<(Pair Pair, Month Month), Figures>> ComputeByMonthAsync(FigureScope s, CancellationToken ct = default) =>
        ByMonthAsync(s, async months => (await SettledAsync(s.DistrictId, months, ct)).Select(m => (m.Month, m.Kept.Figures)), f => f, ct);

    /// <summary>Every pair's figures by month in a shape: settled months as kept in it (<paramref name="settledAsync"/>), the others
    /// computed from the records and shaped (<paramref name="shape"/>).</summary>
    private async Task<IReadOnlyDictionary<(Pair Pair, Month Month), T>> ByMonthAsync<T>(FigureScope s,
        Func<List<Month>, Task<IEnumerable<(Month Month, IReadOnlyDictionary<Pair, T> Pairs)>>> settledAsync, Func<Figures, T> shape,
        CancellationToken ct)
    {
        var result = new Dictionary<(Pair Pair, Month Month), T>();
        var (settled, live) = SplitSettled(s);
        foreach (var (month, pairs) in await settledAsync(settled))
        {
            foreach (var (pair, figures) in pairs.Where(p => InScope(s, p.Key)))
            {
                result[(pair, month)] = figures;
            }
        }
        foreach (var run in live)
        {
            foreach (var (key, figures) in await ComputeCoreAsync(s with { From = run.From, To = run.To }, byMonth: true, ct))
            {
                result[(key.Pair, Month.FromKey(key.Month))] = shape(figures);
            }
        }
        return result;
    }

    // The one computation: each query groups by the month key of the day that dates its records (yyyymm) when byMonth, else by 0 (the
    // test `byMonth ? … : 0` is a parameter the query compiler folds away, so the range's SQL is as it was).
    private async Task<Dictionary<(Pair Pair, int Month), Figures>> ComputeCoreAsync(FigureScope s, bool byMonth, CancellationToken ct)
    {
        var (allT, tIds, allD, dIds) = Filters(s);
        var (start, end, district) = (s.From, s.To, s.DistrictId);
        var today = clock.TodayInChina();
        var tally = new Tally(await MatterNamesAsync(district, ct));
        void Add(Guid township, Guid department, int month, FigureGroup group, string item, string name, string measure, decimal value) =>
            tally.Add(township, department, month, group, item, name, measure, value);
        void Matter(Guid township, Guid department, int month, Guid matter, string measure, decimal value) =>
            tally.Matter(township, department, month, matter, measure, value);
        if (!byMonth)
        {
            await AddEndStateAsync(s, tally.EndState, ct);
        }

        // ---- inspections: by matter, kind (a drawn one counts as random) and result; targets covered; officers ----
        var inspections = db.Inspections.IgnoreQueryFilters().AsNoTracking()
            .Where(i => i.DistrictId == district && i.StartedOn >= start && i.StartedOn <= end
                && (allT || tIds.Contains(i.TownshipId)) && (allD || dIds.Contains(i.DepartmentId)));
        var byMatter = await inspections
            .GroupBy(i => new
            {
                i.TownshipId,
                i.DepartmentId,
                i.MatterId,
                i.Kind,
                Random = i.RandomPlanId != null,
                i.Result,
                Again = i.ReinspectionOfOrderId != null,
                M = byMonth ? i.StartedOn.Year * 100 + i.StartedOn.Month : 0,
            })
            .Select(g => new { g.Key.TownshipId, g.Key.DepartmentId, g.Key.MatterId, g.Key.Kind, g.Key.Random, g.Key.Result, g.Key.Again, g.Key.M, Count = g.Count() })
            .ToListAsync(ct);
        foreach (var g in byMatter)
        {
            // A re-inspection of a rectification order is counted apart: the seed's "检查7次，责令整改5家" counts the first visits.
            Matter(g.TownshipId, g.DepartmentId, g.M, g.MatterId, g.Again ? Measures.Reinspections : Measures.Inspections, g.Count);
            Add(g.TownshipId, g.DepartmentId, g.M, FigureGroup.Kind, g.Random ? "Random" : g.Kind.ToString(), "", Measures.Inspections, g.Count);
            Add(g.TownshipId, g.DepartmentId, g.M, FigureGroup.Result, g.Result.ToString(), "", Measures.Inspections, g.Count);
        }
        var covered = inspections.SelectMany(i => i.Targets, (i, t) => new
        {
            i.TownshipId,
            i.DepartmentId,
            i.MatterId,
            t.TargetId,
            M = byMonth ? i.StartedOn.Year * 100 + i.StartedOn.Month : 0,
        });
        foreach (var g in await covered.Distinct().GroupBy(x => new { x.TownshipId, x.DepartmentId, x.MatterId, x.M })
                     .Select(g => new { g.Key.TownshipId, g.Key.DepartmentId, g.Key.MatterId, g.Key.M, Count = g.Count() }).ToListAsync(ct))
        {
            Matter(g.TownshipId, g.DepartmentId, g.M, g.MatterId, Measures.TargetsCovered, g.Count);
        }
        foreach (var g in await covered.Select(x => new { x.TownshipId, x.DepartmentId, x.TargetId, x.M }).Distinct()
                     .GroupBy(x => new { x.TownshipId, x.DepartmentId, x.M })
                     .Select(g => new { g.Key.TownshipId, g.Key.DepartmentId, g.Key.M, Count = g.Count() }).ToListAsync(ct))
        {
            Add(g.TownshipId, g.DepartmentId, g.M, FigureGroup.Summary, "", "", Measures.TargetsCovered, g.Count);
        }
        var inspectionActs = await inspections.SelectMany(i => i.Officers, (i, o) => new
        {
            i.TownshipId,
            i.DepartmentId,
            o.OfficerId,
            M = byMonth ? i.StartedOn.Year * 100 + i.StartedOn.Month : 0,
        })
            .GroupBy(x => new { x.TownshipId, x.DepartmentId, x.OfficerId, x.M })
            .Select(g => new { g.Key.TownshipId, g.Key.DepartmentId, g.Key.OfficerId, g.Key.M, Count = g.Count() }).ToListAsync(ct);

        // ---- rectification orders: issued with the inspection in the period, closed in it, overdue at its end ----
        var orders = db.RectificationOrders.IgnoreQueryFilters().AsNoTracking()
            .Where(o => o.DistrictId == district && (allT || tIds.Contains(o.TownshipId)) && (allD || dIds.Contains(o.DepartmentId)));
        var issuedWith = from o in orders
                         join i in db.Inspections.IgnoreQueryFilters() on o.InspectionId equals i.Id
                         select new { Order = o, i.StartedOn };
        foreach (var g in await issuedWith.Where(x => x.StartedOn >= start && x.StartedOn <= end)
                     .GroupBy(x => new { x.Order.TownshipId, x.Order.DepartmentId, x.Order.MatterId, M = byMonth ? x.StartedOn.Year * 100 + x.StartedOn.Month : 0 })
                     .Select(g => new { g.Key.TownshipId, g.Key.DepartmentId, g.Key.MatterId, g.Key.M, Count = g.Count() }).ToListAsync(ct))
        {
            Matter(g.TownshipId, g.DepartmentId, g.M, g.MatterId, Measures.OrdersIssued, g.Count);
        }
        foreach (var g in await orders.Where(o => o.ClosedOn >= start && o.ClosedOn <= end)
                     .GroupBy(o => new { o.TownshipId, o.DepartmentId, o.MatterId, o.State, M = byMonth ? o.ClosedOn!.Value.Year * 100 + o.ClosedOn.Value.Month : 0 })
                     .Select(g => new { g.Key.TownshipId, g.Key.DepartmentId, g.Key.MatterId, g.Key.State, g.Key.M, Count = g.Count() }).ToListAsync(ct))
        {
            var measure = g.State == OrderState.Completed ? Measures.OrdersCompleted : Measures.OrdersEscalated;
            Matter(g.TownshipId, g.DepartmentId, g.M, g.MatterId, measure, g.Count);
        }

        // ---- cases: filed, decided (with the fines decided and the kinds of penalty), concluded, transferred, by procedure ----
        var cases = db.Cases.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.DistrictId == district && (allT || tIds.Contains(c.TownshipId)) && (allD || dIds.Contains(c.DepartmentId)));
        void CaseCounts(IEnumerable<(Guid T, Guid D, Guid M, CaseProcedure P, int Month, int Count)> rows, string measure)
        {
            foreach (var g in rows)
            {
                Matter(g.T, g.D, g.Month, g.M, measure, g.Count);
                Add(g.T, g.D, g.Month, FigureGroup.Procedure, g.P.ToString(), "", measure, g.Count);
            }
        }
        CaseCounts((await cases.Where(c => c.FiledOn >= start && c.FiledOn <= end)
            .GroupBy(c => new { c.TownshipId, c.DepartmentId, c.MatterId, c.Procedure, M = byMonth ? c.FiledOn.Year * 100 + c.FiledOn.Month : 0 })
            .Select(g => new { g.Key.TownshipId, g.Key.DepartmentId, g.Key.MatterId, g.Key.Procedure, g.Key.M, Count = g.Count() }).ToListAsync(ct))
            .Select(g => (g.TownshipId, g.DepartmentId, g.MatterId, g.Procedure, g.M, g.Count)), Measures.CasesFiled);
        var decided = await cases.Where(c => c.DecidedOn >= start && c.DecidedOn <= end)
            .GroupBy(c => new
            {
                c.TownshipId,
                c.DepartmentId,
                c.MatterId,
                c.Procedure,
                M = byMonth ? c.DecidedOn!.Value.Year * 100 + c.DecidedOn.Value.Month : 0,
            })
            .Select(g => new
            {
                g.Key.TownshipId,
                g.Key.DepartmentId,
                g.Key.MatterId,
                g.Key.Procedure,
                g.Key.M,
                Count = g.Count(),
                Fines = g.Sum(c => c.DecidedPenalty == null ? 0m : c.DecidedPenalty.Fine),
            }).ToListAsync(ct);
        CaseCounts(decided.Select(g => (g.TownshipId, g.DepartmentId, g.MatterId, g.Procedure, g.M, g.Count)), Measures.CasesDecided);
        foreach (var g in decided)
        {
            Matter(g.TownshipId, g.DepartmentId, g.M, g.MatterId, Measures.FinesDecided, g.Fines);
        }
        foreach (var g in await cases.Where(c => c.DecidedOn >= start && c.DecidedOn <= end && c.DecidedPenalty != null)
                     .GroupBy(c => new
                     {
                         c.TownshipId,
                         c.DepartmentId,
                         c.DecidedPenalty!.Warning,
                         Fine = c.DecidedPenalty.Fine > 0,
                         Confiscation = c.DecidedPenalty.Confiscation > 0,
                         c.DecidedPenalty.Measure,
                         M = byMonth ? c.DecidedOn!.Value.Year * 100 + c.DecidedOn.Value.Month : 0,
                     })
                     .Select(g => new { g.Key.TownshipId, g.Key.DepartmentId, g.Key.Warning, g.Key.Fine, g.Key.Confiscation, g.Key.Measure, g.Key.M, Count = g.Count() })
                     .ToListAsync(ct))
        {
            void Kind(bool has, string kind)
            {
                if (has)
                {
                    Add(g.TownshipId, g.DepartmentId, g.M, FigureGroup.Penalty, kind, "", Measures.Decisions, g.Count);
                }
            }
            Kind(g.Warning, "Warning");
            Kind(g.Fine, "Fine");
            Kind(g.Confiscation, "Confiscation");
            Kind(g.Measure != PenaltyMeasure.None, g.Measure.ToString());
            Kind(!g.Warning && !g.Fine && !g.Confiscation && g.Measure == PenaltyMeasure.None, "None");
        }
        CaseCounts((await cases.Where(c => c.ClosedOn >= start && c.ClosedOn <= end)
            .GroupBy(c => new { c.TownshipId, c.DepartmentId, c.MatterId, c.Procedure, M = byMonth ? c.ClosedOn!.Value.Year * 100 + c.ClosedOn.Value.Month : 0 })
            .Select(g => new { g.Key.TownshipId, g.Key.DepartmentId, g.Key.MatterId, g.Key.Procedure, g.Key.M, Count = g.Count() }).ToListAsync(ct))
            .Select(g => (g.TownshipId, g.DepartmentId, g.MatterId, g.Procedure, g.M, g.Count)), Measures.CasesConcluded);
        CaseCounts((await cases.Where(c => c.TransferredOn >= start && c.TransferredOn <= end)
            .GroupBy(c => new
            {
                c.TownshipId,
                c.DepartmentId,
                c.MatterId,
                c.Procedure,
                M = byMonth ? c.TransferredOn!.Value.Year * 100 + c.TransferredOn.Value.Month : 0,
            })
            .Select(g => new { g.Key.TownshipId, g.Key.DepartmentId, g.Key.MatterId, g.Key.Procedure, g.Key.M, Count = g.Count() }).ToListAsync(ct))
            .Select(g => (g.TownshipId, g.DepartmentId, g.MatterId, g.Procedure, g.M, g.Count)), Measures.CasesTransferred);

        // Reconsiderations and lawsuits filed in the period against the cases' decisions (the seed: "无行政复议、行政诉讼").
        foreach (var g in await (from r in db.CaseRemedies.IgnoreQueryFilters()
                                 join c in cases on r.CaseId equals c.Id
                                 where r.FiledOn >= start && r.FiledOn <= end
                                 group r by new { c.TownshipId, c.DepartmentId, r.Kind, M = byMonth ? r.FiledOn.Year * 100 + r.FiledOn.Month : 0 } into g
                                 select new { g.Key.TownshipId, g.Key.DepartmentId, g.Key.Kind, g.Key.M, Count = g.Count() }).ToListAsync(ct))
        {
            Add(g.TownshipId, g.DepartmentId, g.M, FigureGroup.Remedy, g.Kind.ToString(), "", Measures.Remedies, g.Count);
        }

        // Money collected in the period: instalments paid in it, and whole payments of cases without a payment plan.
        foreach (var g in await (from i in db.CaseInstalments.IgnoreQueryFilters()
                                 join c in cases on i.CaseId equals c.Id
                                 where i.PaidOn >= start && i.PaidOn <= end
                                 group i.AmountPaid by new
                                 {
                                     c.TownshipId,
                                     c.DepartmentId,
                                     c.MatterId,
                                     M = byMonth ? i.PaidOn!.Value.Year * 100 + i.PaidOn.Value.Month : 0,
                                 } into g
                                 select new { g.Key.TownshipId, g.Key.DepartmentId, g.Key.MatterId, g.Key.M, Sum = g.Sum(a => a ?? 0m) }).ToListAsync(ct))
        {
            Matter(g.TownshipId, g.DepartmentId, g.M, g.MatterId, Measures.FinesCollected, g.Sum);
        }
        foreach (var g in await cases.Where(c => c.PaidOn >= start && c.PaidOn <= end && !c.Instalments.Any())
                     .GroupBy(c => new { c.TownshipId, c.DepartmentId, c.MatterId, M = byMonth ? c.PaidOn!.Value.Year * 100 + c.PaidOn.Value.Month : 0 })
                     .Select(g => new { g.Key.TownshipId, g.Key.DepartmentId, g.Key.MatterId, g.Key.M, Sum = g.Sum(c => c.AmountPaid ?? 0m) }).ToListAsync(ct))
        {
            Matter(g.TownshipId, g.DepartmentId, g.M, g.MatterId, Measures.FinesCollected, g.Sum);
        }
        // The officers on the cases filed in the period, once per case.
        var caseActs = await (from o in db.CaseOfficers.IgnoreQueryFilters()
                              join c in cases on o.CaseId equals c.Id
                              where c.FiledOn >= start && c.FiledOn <= end
                              select new { c.TownshipId, c.DepartmentId, o.OfficerId, o.CaseId, M = byMonth ? c.FiledOn.Year * 100 + c.FiledOn.Month : 0 })
            .Distinct().GroupBy(x => new { x.TownshipId, x.DepartmentId, x.OfficerId, x.M })
            .Select(g => new { g.Key.TownshipId, g.Key.DepartmentId, g.Key.OfficerId, g.Key.M, Count = g.Count() }).ToListAsync(ct);

        // ---- random inspections (双随机): drawn in the period, done in it, published in it on time ----
        var assignments = from a in db.RandomAssignments.IgnoreQueryFilters()
                          join p in db.RandomPlans.IgnoreQueryFilters() on a.PlanId equals p.Id
                          join m in db.Matters.IgnoreQueryFilters() on p.MatterId equals m.Id
                          where a.DistrictId == district && (allT || tIds.Contains(a.TownshipId)) && (allD || dIds.Contains(m.DepartmentId))
                          select new { a.TownshipId, m.DepartmentId, MatterId = m.Id, a.PlanId, a.InspectedOn, a.PublishedOn, p.PublicationWorkingDays };
        foreach (var g in await (from a in assignments
                                 join d in db.RandomDraws.IgnoreQueryFilters() on a.PlanId equals d.PlanId
                                 where d.DrawDay >= start && d.DrawDay <= end
                                 group a by new { a.TownshipId, a.DepartmentId, a.MatterId, M = byMonth ? d.DrawDay.Year * 100 + d.DrawDay.Month : 0 } into g
                                 select new { g.Key.TownshipId, g.Key.DepartmentId, g.Key.MatterId, g.Key.M, Count = g.Count() }).ToListAsync(ct))
        {
            Matter(g.TownshipId, g.DepartmentId, g.M, g.MatterId, Measures.RandomDrawn, g.Count);
        }
        foreach (var g in await assignments.Where(a => a.InspectedOn >= start && a.InspectedOn <= end)
                     .GroupBy(a => new { a.TownshipId, a.DepartmentId, a.MatterId, M = byMonth ? a.InspectedOn!.Value.Year * 100 + a.InspectedOn.Value.Month : 0 })
                     .Select(g => new { g.Key.TownshipId, g.Key.DepartmentId, g.Key.MatterId, g.Key.M, Count = g.Count() }).ToListAsync(ct))
        {
            Matter(g.TownshipId, g.DepartmentId, g.M, g.MatterId, Measures.RandomDone, g.Count);
        }
        var published = await assignments.Where(a => a.PublishedOn >= start && a.PublishedOn <= end && a.InspectedOn != null)
            .GroupBy(a => new { a.TownshipId, a.DepartmentId, a.MatterId, a.InspectedOn, a.PublishedOn, a.PublicationWorkingDays })
            .Select(g => new { g.Key.TownshipId, g.Key.DepartmentId, g.Key.MatterId, g.Key.InspectedOn, g.Key.PublishedOn, g.Key.PublicationWorkingDays, Count = g.Count() })
            .ToListAsync(ct);
        if (published.Count > 0)
        {
            var calendar = await calendars.ForDistrictAsync(district, ct);
            foreach (var g in published)
            {
                var deadline = Publication.Deadline(calendar, g.InspectedOn!.Value, g.PublicationWorkingDays);
                if (!Publication.IsLate(deadline, g.PublishedOn, today))
                {
                    Matter(g.TownshipId, g.DepartmentId, byMonth ? Month.Of(g.PublishedOn!.Value).Key : 0, g.MatterId,
                        Measures.RandomPublishedOnTime, g.Count);
                }
            }
        }

        // ---- officers who acted, by name; open gaps at the end of the period ----
        var acts = inspectionActs.Select(a => (a.TownshipId, a.DepartmentId, a.OfficerId, a.M, a.Count))
            .Concat(caseActs.Select(a => (a.TownshipId, a.DepartmentId, a.OfficerId, a.M, a.Count))).ToList();
        var officerIds = acts.Select(a => a.OfficerId).Distinct().ToList();
        var officers = await db.Officers.IgnoreQueryFilters().AsNoTracking().Where(o => officerIds.Contains(o.Id))
            .Select(o => new { o.Id, o.Name }).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        foreach (var a in acts)
        {
            Add(a.TownshipId, a.DepartmentId, a.M, FigureGroup.Officer, a.OfficerId.ToString(), officers.GetValueOrDefault(a.OfficerId, ""), Measures.Acts, a.Count);
        }
        foreach (var g in acts.GroupBy(a => (a.TownshipId, a.DepartmentId, a.M)))
        {
            Add(g.Key.TownshipId, g.Key.DepartmentId, g.Key.M, FigureGroup.Summary, "", "", Measures.OfficersActed, g.Select(a => a.OfficerId).Distinct().Count());
        }
        return tally.Figures();
    }

    /// <summary>
    /// What a period's figures read besides its records: the matters entrusted by the agreements in force in it (each has its row, at 0
    /// when nothing was done on it), the orders overdue at its end (<see cref="RectificationOrder.OverdueAsOf"/>) and the gaps open then.
    /// </summary>
    private async Task AddEndStateAsync(FigureScope s, EndState add, CancellationToken ct)
    {
        var (allT, tIds, allD, dIds) = Filters(s);
        var (start, end, district) = (s.From, s.To, s.DistrictId);
        var today = clock.TodayInChina();
        var entrusted = await (
                from a in db.Agreements.IgnoreQueryFilters().Where(Agreement.InForceDuringExpression(start, end))
                join m in db.AgreementMatters.IgnoreQueryFilters() on a.Id equals m.AgreementId
                where a.DistrictId == district && (allT || tIds.Contains(a.TownshipId)) && (allD || dIds.Contains(a.DepartmentId))
                select new { a.TownshipId, a.DepartmentId, m.MatterId })
            .Distinct().ToListAsync(ct);
        foreach (var e in entrusted)
        {
            add.Matter(new Pair(e.TownshipId, e.DepartmentId), e.MatterId, Measures.Inspections, 0m);
        }
        var asOf = end < today ? end.AddDays(1) : today;
        foreach (var g in await db.RectificationOrders.IgnoreQueryFilters().AsNoTracking()
                     .Where(o => o.DistrictId == district && (allT || tIds.Contains(o.TownshipId)) && (allD || dIds.Contains(o.DepartmentId)))
                     .Where(RectificationOrder.OverdueAsOf(asOf))
                     .Join(db.Inspections.IgnoreQueryFilters().Where(i => i.StartedOn <= end), o => o.InspectionId, i => i.Id, (o, i) => o)
                     .GroupBy(o => new { o.TownshipId, o.DepartmentId, o.MatterId })
                     .Select(g => new { g.Key.TownshipId, g.Key.DepartmentId, g.Key.MatterId, Count = g.Count() }).ToListAsync(ct))
        {
            add.Matter(new Pair(g.TownshipId, g.DepartmentId), g.MatterId, Measures.OrdersOverdue, g.Count);
        }
        if (add.Gap is null)
        {
            return;
        }
        foreach (var g in await db.Gaps.IgnoreQueryFilters().AsNoTracking()
                     .Where(Gap.Active())
                     .Where(g => g.DistrictId == district && g.TownshipId != null && g.DepartmentId != null && g.Since <= end
                         && (allT || tIds.Contains(g.TownshipId!.Value)) && (allD || dIds.Contains(g.DepartmentId!.Value)))
                     .GroupBy(g => new { g.TownshipId, g.DepartmentId, g.Kind })
                     .Select(g => new { g.Key.TownshipId, g.Key.DepartmentId, g.Key.Kind, Count = g.Count() }).ToListAsync(ct))
        {
            add.Gap(new Pair(g.TownshipId!.Value, g.DepartmentId!.Value), g.Kind.ToString(), g.Count);
        }
    }

    /// <summary>Where the end state of a period goes: a matter's figure, and an open gap's (null: gaps not read).</summary>
    private sealed record EndState(Action<Pair, Guid, string, decimal> Matter, Action<Pair, string, decimal>? Gap);

    /// <summary>Figures added up line by line, per pair and month key (0: the whole period).</summary>
    private sealed class Tally(IReadOnlyDictionary<Guid, string> matters)
    {
        public EndState EndState => new((pair, matter, measure, value) => Matter(pair.TownshipId, pair.DepartmentId, 0, matter, measure, value),
            (pair, kind, count) => Add(pair.TownshipId, pair.DepartmentId, 0, FigureGroup.Gap, kind, "", Measures.Open, count));

        private readonly Dictionary<(Pair, int), Dictionary<(FigureGroup, string, string), FigureLine>> _lines = [];

        public void Add(Guid township, Guid department, int month, FigureGroup group, string item, string name, string measure, decimal value)
        {
            var key = (new Pair(township, department), month);
            if (!_lines.TryGetValue(key, out var of))
            {
                _lines[key] = of = [];
            }
            var line = (group, item, measure);
            of[line] = of.TryGetValue(line, out var had) ? had with { Value = had.Value + value } : new FigureLine(group, item, name, measure, value);
        }

        public void Matter(Guid township, Guid department, int month, Guid matter, string measure, decimal value) =>
            Add(township, department, month, FigureGroup.Matter, matter.ToString(), matters.GetValueOrDefault(matter, ""), measure, value);

        public Dictionary<(Pair Pair, int Month), Figures> Figures() =>
            _lines.ToDictionary(p => p.Key, p => new Figures(Ordered(p.Value.Values)));
    }

    /// <summary>The order of a report's lines: by group, the item's name, the item, and the measure's column.</summary>
    private static FigureLine[] Ordered(IEnumerable<FigureLine> lines) =>
        [.. lines.OrderBy(l => l.Group).ThenBy(l => l.Name, StringComparer.Ordinal)
            .ThenBy(l => l.Item, StringComparer.Ordinal).ThenBy(l => Array.IndexOf(Measures.MatterColumns, l.Measure))];

    /// <summary>
    /// Certificate coverage: per township and month of the period, the officers who acted on the township's entrusted records (the
    /// officers of its inspections started and its cases filed in the month, as <see cref="Measures.OfficersActed"/> counts them) and
    /// how many of them held, on every day they acted, a certificate valid that day (<see cref="Certificate.ValidOn"/>, the one rule).
    /// Two grouped queries for the acts (one row per officer and day) and one for the actors' certificates.
    /// </summary>
    public async Task<IReadOnlyList<CoverageCount>> CertificateCoverageAsync(FigureScope s, CancellationToken ct = default)
    {
        if (s.Departments is not null)
        {
            return await CoverageCoreAsync(s, ct);
        }
        var (settled, live) = SplitSettled(s);
        var result = new List<CoverageCount>();
        foreach (var (_, kept) in await SettledNumbersAsync(s.DistrictId, settled, ct))
        {
            result.AddRange(kept.Coverage.Where(c => s.Townships is null || s.Townships.Contains(c.TownshipId)));
        }
        foreach (var run in live)
        {
            result.AddRange(await CoverageCoreAsync(s with { From = run.From, To = run.To }, ct));
        }
        return [.. result.OrderBy(c => c.Month.Key)];
    }

    private async Task<IReadOnlyList<CoverageCount>> CoverageCoreAsync(FigureScope s, CancellationToken ct)
    {
        var (allT, tIds, allD, dIds) = Filters(s);
        var (start, end, district) = (s.From, s.To, s.DistrictId);
        var onInspections = await db.Inspections.IgnoreQueryFilters().AsNoTracking()
            .Where(i => i.DistrictId == district && i.StartedOn >= start && i.StartedOn <= end
                && (allT || tIds.Contains(i.TownshipId)) && (allD || dIds.Contains(i.DepartmentId)))
            .SelectMany(i => i.Officers, (i, o) => new { i.TownshipId, o.OfficerId, Day = i.StartedOn }).Distinct().ToListAsync(ct);
        var onCases = await (from o in db.CaseOfficers.IgnoreQueryFilters()
                             join c in db.Cases.IgnoreQueryFilters() on o.CaseId equals c.Id
                             where c.DistrictId == district && c.FiledOn >= start && c.FiledOn <= end
                                 && (allT || tIds.Contains(c.TownshipId)) && (allD || dIds.Contains(c.DepartmentId))
                             select new { c.TownshipId, o.OfficerId, Day = c.FiledOn }).Distinct().ToListAsync(ct);
        var acts = onInspections.Concat(onCases).Distinct().ToList();
        var ids = acts.Select(a => a.OfficerId).Distinct().ToList();
        var certificates = (await db.Certificates.IgnoreQueryFilters().AsNoTracking()
                .Where(c => c.DistrictId == district && ids.Contains(c.OfficerId)).ToListAsync(ct))
            .ToLookup(c => c.OfficerId);
        return [.. acts.GroupBy(a => (a.TownshipId, Month: Month.Of(a.Day), a.OfficerId))
            .Select(g => (g.Key.TownshipId, g.Key.Month, Certified: g.All(a => certificates[a.OfficerId].Any(c => c.ValidOn(a.Day)))))
            .GroupBy(o => (o.TownshipId, o.Month))
            .Select(g => new CoverageCount(g.Key.TownshipId, g.Key.Month, g.Count(), g.Count(o => o.Certified)))
            .OrderBy(c => c.Month.Key)];
    }

    private static (bool AllTownships, List<Guid> Townships, bool AllDepartments, List<Guid> Departments) Filters(FigureScope s) =>
        (s.Townships is null, [.. s.Townships ?? []], s.Departments is null, [.. s.Departments ?? []]);
}
