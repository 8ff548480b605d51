using Entrust.Web.Data;
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
    decimal? RandomRate, int MattersHeld, int MattersUsed);

public sealed record StatisticsView(string From, string To, IReadOnlyList<string> Measures, IReadOnlyList<StatisticsMonth> ByMonth,
    IReadOnlyList<StatisticsRow> ByTownship, IReadOnlyList<StatisticsRow> ByDepartment);

/// <summary>
/// The statistics pages' figures: per month, per township and per domain over a range of months, all from <see cref="ReportFigures"/>
/// (one computation per month and one over the range). Who may read them is the roll-up's rule (<see cref="ReportBook.MayRollUpAs"/>);
/// a department reads its own domain only.
/// </summary>
public sealed class ReportStatistics(EntrustDbContext db, CurrentUser user, ReportFigures figures)
{
    public static readonly string[] ChartMeasures =
    [
        Measures.Inspections, Measures.OrdersIssued, Measures.OrdersCompleted, Measures.CasesFiled, Measures.CasesConcluded,
        Measures.FinesDecided, Measures.RandomDrawn, Measures.RandomDone,
    ];

    public async Task<StatisticsView> ComputeAsync(Month from, Month to, CancellationToken ct = default)
    {
        if (!ReportBook.MayRollUpAs(user))
        {
            throw new ForbiddenAction();
        }
        ReportBook.CheckRange(from, to);
        if (user.DistrictId is not { } district)
        {
            return new StatisticsView(from.ToString(), to.ToString(), ChartMeasures, [], [], []);
        }
        var departments = user.DepartmentId is { } own ? new[] { own } : null;
        var byMonth = new List<StatisticsMonth>();
        foreach (var month in Month.Range(from, to))
        {
            var of = await figures.ComputeAsync(new FigureScope(district, month.FirstDay, month.LastDay, null, departments), ct);
            byMonth.Add(new StatisticsMonth(month.ToString(), ChartMeasures.ToDictionary(m => m, m => of.Values.Sum(f => f.Total(m)))));
        }
        var range = await figures.ComputeAsync(new FigureScope(district, from.FirstDay, to.LastDay, null, departments), ct);
        var townships = range.Keys.Select(p => p.TownshipId).Distinct().ToList();
        var departmentIds = range.Keys.Select(p => p.DepartmentId).Distinct().ToList();
        var townshipNames = await db.Townships.IgnoreQueryFilters().AsNoTracking().Where(t => townships.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var departmentNames = await db.Departments.IgnoreQueryFilters().AsNoTracking().Where(d => departmentIds.Contains(d.Id))
            .ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        return new StatisticsView(from.ToString(), to.ToString(), ChartMeasures, byMonth,
            Rows(range.GroupBy(p => p.Key.TownshipId), townshipNames), Rows(range.GroupBy(p => p.Key.DepartmentId), departmentNames));
    }

    private static List<StatisticsRow> Rows(IEnumerable<IGrouping<Guid, KeyValuePair<Pair, Figures>>> groups, Dictionary<Guid, string> names) =>
        [.. groups.Select(g =>
            {
                var all = g.Select(p => p.Value).ToList();
                decimal Sum(string m) => all.Sum(f => f.Total(m));
                var ended = Sum(Measures.OrdersCompleted) + Sum(Measures.OrdersEscalated) + Sum(Measures.OrdersOverdue);
                var matters = all.SelectMany(f => f.Group(FigureGroup.Matter)).GroupBy(l => l.Item).ToList();
                return new StatisticsRow(g.Key, names.GetValueOrDefault(g.Key, ""), ChartMeasures.ToDictionary(m => m, Sum),
                    ended == 0 ? null : Math.Round(Sum(Measures.OrdersCompleted) / ended, 3),
                    Sum(Measures.RandomDrawn) == 0 ? null : Math.Round(Sum(Measures.RandomDone) / Sum(Measures.RandomDrawn), 3),
                    matters.Count,
                    matters.Count(m => m.Any(l => l.Measure is Measures.Inspections or Measures.CasesFiled && l.Value > 0)));
            })
            .OrderBy(r => r.Name, StringComparer.Ordinal)];
}
