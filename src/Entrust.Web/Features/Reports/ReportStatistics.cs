using Entrust.Web.Data;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Reports;

/// <summary>The district's figures in one month of the range.</summary>
public sealed record StatisticsMonth(string Month, IReadOnlyDictionary<string, decimal> Figures);

/// <summary>
/// A township's (or a department's: a domain's) figures over the range, the rectification completion rate (orders completed of those
/// that ended or fell overdue), the random-inspection completion rate (done of drawn) and the entrusted matters it held in the range
/// and those it used (an inspection or a case on them). A rate is null when there was nothing to divide by.
/// </summary>
public sealed record StatisticsRow(Guid Id, string Name, IReadOnlyDictionary<string, decimal> Figures, decimal? RectificationRate,
    decimal? RandomRate, int MattersHeld, int MattersUsed, IReadOnlyList<ExercisedMatter> Exercised);

/// <summary>An entrusted matter actually exercised in the range (an inspection or a case on it), with its inspections and cases filed.</summary>
public sealed record ExercisedMatter(Guid Id, string Name, decimal Inspections, decimal CasesFiled);

/// <summary>One month of a township's certificate coverage: the officers who acted, those certified, the share (null: nobody acted).</summary>
public sealed record CoverageMonth(string Month, int Acting, int Certified, decimal? Rate);

/// <summary>A township's certificate coverage month by month over the range (<see cref="ReportFigures.CertificateCoverageAsync"/>).</summary>
public sealed record CoverageRow(Guid Id, string Name, IReadOnlyList<CoverageMonth> Months);

public sealed record StatisticsView(string From, string To, IReadOnlyList<string> Measures, IReadOnlyList<StatisticsMonth> ByMonth,
    IReadOnlyList<StatisticsRow> ByTownship, IReadOnlyList<StatisticsRow> ByDepartment, IReadOnlyList<CoverageRow> Coverage);

/// <summary>
/// The statistics pages' figures: per month, per township and per domain over a range of months, all from <see cref="ReportFigures"/>
/// in their own shape, <see cref="StatisticsNumbers"/> (the months, <see cref="ReportFigures.StatisticsByMonthAsync"/>: settled ones kept, the
/// others in one pass grouped by month; the range as their sum, <see cref="ReportFigures.StatisticsOfRangeAsync"/>). Who may read them is the roll-up's rule (<see cref="ReportBook.MayRollUpAs"/>);
/// a department reads its own domain only.
/// </summary>
public sealed class ReportStatistics(EntrustDbContext db, CurrentUser user, ReportFigures figures)
{
    public static readonly string[] ChartMeasures =
    [
        Measures.Inspections, Measures.OrdersIssued, Measures.OrdersCompleted, Measures.CasesFiled, Measures.CasesConcluded,
        Measures.FinesDecided, Measures.RandomDrawn, Measures.RandomDone,
    ];

    /// <summary>The months the pages and the API show when none are asked: the six up to this month.</summary>
    public static (Month From, Month To) DefaultRange(TimeProvider clock)
    {
        var to = Month.Of(clock.TodayInChina());
        var index = to.Year * 12 + to.Number - 1 - 5;
        return (new Month(index / 12, index % 12 + 1), to);
    }

    /// <summary>
    /// One table of the statistics as the page shows it, as .xlsx (<see cref="ListExport"/>) with the range as its period:
    /// <paramref name="by"/> "department", "month", "coverage", "exercised", or the townships' table for anything else; the
    /// /Reports/Statistics export button and GET /api/statistics/export alike.
    /// </summary>
    public static async Task<(byte[] Content, string FileName)> ExportAsync(StatisticsView view, string? by, ListExport export,
        CancellationToken ct)
    {
        if (by == "month")
        {
            return await export.WriteAsync("Statistics.ByMonth", $"{view.From} — {view.To}", view.ByMonth,
            [
                new("Reports.Month", r => r.Month),
                .. view.Measures.Select(m => new ExportColumn<StatisticsMonth>("Measure." + m, r => r.Figures[m])),
            ], ct);
        }
        if (by == "coverage")
        {
            return await export.WriteAsync("Statistics.Coverage", $"{view.From} — {view.To}", view.Coverage,
            [
                new("Reports.Township", r => r.Name),
                .. view.ByMonth.Select((m, i) => new ExportColumn<CoverageRow>(m.Month, r => r.Months[i].Rate)),
            ], ct);
        }
        if (by == "exercised")
        {
            return await export.WriteAsync("Statistics.Exercised", $"{view.From} — {view.To}",
                view.ByTownship.SelectMany(r => r.Exercised.Select(m => (Township: r.Name, Matter: m))).ToList(),
            [
                new("Reports.Township", r => r.Township),
                new("Statistics.Matter", r => r.Matter.Name),
                new("Measure.Inspections", r => r.Matter.Inspections),
                new("Measure.CasesFiled", r => r.Matter.CasesFiled),
            ], ct);
        }
        var byDepartment = by == "department";
        List<ExportColumn<StatisticsRow>> columns =
        [
            new(byDepartment ? "Reports.Department" : "Reports.Township", r => r.Name),
            .. view.Measures.Select(m => new ExportColumn<StatisticsRow>("Measure." + m, r => r.Figures[m])),
            new("Statistics.RectificationRate", r => r.RectificationRate),
            new("Statistics.RandomRate", r => r.RandomRate),
            new("Statistics.MattersHeld", r => r.MattersHeld),
            new("Statistics.MattersUsed", r => r.MattersUsed),
        ];
        return await export.WriteAsync(byDepartment ? "Statistics.ByDepartment" : "Statistics.ByTownship",
            $"{view.From} — {view.To}", byDepartment ? view.ByDepartment : view.ByTownship, columns, ct);
    }

    public async Task<StatisticsView> ComputeAsync(Month from, Month to, CancellationToken ct = default) =>
        (await ComputeAsync(from, to, null, ct))!;

    /// <summary>
    /// The statistics of the range, from its first month with an agreement in force, of the reader's district or of one of its
    /// townships (<paramref name="township"/>); null when that
    /// township is not one the reader sees (the data scope: another district's, or an id guessed), which the API answers 404.
    /// </summary>
    public async Task<StatisticsView?> ComputeAsync(Month from, Month to, Guid? township, CancellationToken ct = default)
    {
        if (!ReportBook.MayRollUpAs(user))
        {
            throw new ForbiddenAction();
        }
        ReportBook.CheckRange(from, to);
        if (township is { } one && !await db.Townships.AnyAsync(t => t.Id == one, ct))
        {
            return null;
        }
        if (user.DistrictId is not { } district)
        {
            return new StatisticsView(from.ToString(), to.ToString(), ChartMeasures, [], [], [], []);
        }
        var departments = user.DepartmentId is { } own ? new[] { own } : null;
        var townships = township is { } only ? new[] { only } : null;
        from = await FirstMonthInForceAsync(district, from, to, townships, departments, ct) ?? from;
        var scope = new FigureScope(district, from.FirstDay, to.LastDay, townships, departments);
        var byPairAndMonth = await figures.StatisticsByMonthAsync(scope, ct);
        var months = byPairAndMonth.ToLookup(p => p.Key.Month, p => p.Value);
        var byMonth = Month.Range(from, to).Select(month =>
            {
                var total = new StatisticsNumbers();
                foreach (var numbers in months[month])
                {
                    total.Add(numbers);
                }
                return new StatisticsMonth(month.ToString(), ChartMeasures.ToDictionary(m => m, total.Total));
            })
            .ToList();
        // The range as the sum of its months: what the rows read of it adds up over months (no distinct counts).
        var range = await figures.StatisticsOfRangeAsync(scope, byPairAndMonth, ct);
        var matterNames = await figures.MatterNamesAsync(district, ct);
        var coverage = await figures.CertificateCoverageAsync(scope, ct);
        var townshipIds = range.Keys.Select(p => p.TownshipId).Concat(coverage.Select(c => c.TownshipId)).Distinct().ToList();
        var departmentIds = range.Keys.Select(p => p.DepartmentId).Distinct().ToList();
        var townshipNames = await db.Townships.IgnoreQueryFilters().AsNoTracking().Where(t => townshipIds.Contains(t.Id))
            .Select(t => new { t.Id, t.Name }).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var departmentNames = await db.Departments.IgnoreQueryFilters().AsNoTracking().Where(d => departmentIds.Contains(d.Id))
            .Select(d => new { d.Id, d.Name }).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        return new StatisticsView(from.ToString(), to.ToString(), ChartMeasures, byMonth,
            Rows(range.GroupBy(p => p.Key.TownshipId), townshipNames, matterNames),
            Rows(range.GroupBy(p => p.Key.DepartmentId), departmentNames, matterNames),
            Coverage(from, to, coverage, townshipNames));
    }

    /// <summary>
    /// The first month of the range in which an agreement of the scope is in force (<see cref="Agreement.InForceDuring"/>), or null when
    /// none is in any: the statistics start there, so that the months before the district entrusted anything (the demo's January to
    /// March 2026) are not drawn as months of nothing done.
    /// </summary>
    private async Task<Month?> FirstMonthInForceAsync(Guid district, Month from, Month to, Guid[]? townships, Guid[]? departments,
        CancellationToken ct)
    {
        var (allT, tIds, allD, dIds) = (townships is null, townships ?? [], departments is null, departments ?? []);
        var agreements = await db.Agreements.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.DistrictId == district && (allT || tIds.Contains(a.TownshipId)) && (allD || dIds.Contains(a.DepartmentId)))
            .Where(Agreement.InForceDuringExpression(from.FirstDay, to.LastDay)).ToListAsync(ct);
        return agreements.Count == 0 ? null : Month.Range(from, to).First(m => agreements.Any(a => a.InForceDuring(m.FirstDay, m.LastDay)));
    }

    /// <summary>Every township with an act in the range, every month of the range (a month nobody acted in has a null rate).</summary>
    private static List<CoverageRow> Coverage(Month from, Month to, IReadOnlyList<CoverageCount> counts, Dictionary<Guid, string> names)
    {
        var of = counts.ToDictionary(c => (c.TownshipId, c.Month.Key));
        return [.. counts.Select(c => c.TownshipId).Distinct()
            .Select(t => new CoverageRow(t, names.GetValueOrDefault(t, ""), [.. Month.Range(from, to).Select(m =>
                of.TryGetValue((t, m.Key), out var c) ? new CoverageMonth(m.ToString(), c.Acting, c.Certified, c.Rate)
                    : new CoverageMonth(m.ToString(), 0, 0, null))]))
            .OrderBy(r => r.Name, StringComparer.Ordinal)];
    }

    private static List<StatisticsRow> Rows(IEnumerable<IGrouping<Guid, KeyValuePair<Pair, StatisticsNumbers>>> groups, Dictionary<Guid, string> names,
        Dictionary<Guid, string> matterNames) =>
        [.. groups.Select(g =>
            {
                var sum = new StatisticsNumbers();
                foreach (var (_, numbers) in g)
                {
                    sum.Add(numbers);
                }
                decimal Sum(string m) => sum.Total(m);
                var ended = Sum(Measures.OrdersCompleted) + Sum(Measures.OrdersEscalated) + Sum(Measures.OrdersOverdue);
                var used = sum.Matters.Where(m => m.Inspections > 0 || m.CasesFiled > 0)
                    .Select(m => new ExercisedMatter(m.Matter, matterNames.GetValueOrDefault(m.Matter, ""), m.Inspections, m.CasesFiled))
                    .OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
                return new StatisticsRow(g.Key, names.GetValueOrDefault(g.Key, ""), ChartMeasures.ToDictionary(m => m, Sum),
                    ended == 0 ? null : Math.Round(Sum(Measures.OrdersCompleted) / ended, 3),
                    Sum(Measures.RandomDrawn) == 0 ? null : Math.Round(Sum(Measures.RandomDone) / Sum(Measures.RandomDrawn), 3),
                    sum.MatterCount, used.Count, used);
            })
            .OrderBy(r => r.Name, StringComparer.Ordinal)];
}
