using System.Collections.Frozen;
using System.Text.Json;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Reports;

/// <summary>
/// The figures of settled months, kept: a month that ended before yesterday (<see cref="SettledMonth.IsSettled"/>) is computed once
/// for the whole district (every pair's figures and every township's certificate coverage) and read back while no record of it
/// changed, so that statistics over two years read 24 rows instead of two years of records. A save that changes a record of a closed
/// month, or what every month reads (<see cref="ClosedMonthLog"/>), adds a <see cref="ClosedMonthChange"/> in its own transaction; a kept
/// month counts those of its district and month when it is computed and is used only while the count is the same.
/// </summary>
public sealed partial class ReportFigures
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    /// <summary>The period's whole settled months, and the runs of days to compute from the records (the rest).</summary>
    private (List<Month> Settled, List<(DateOnly From, DateOnly To)> Live) SplitSettled(FigureScope s)
    {
        var today = clock.TodayInChina();
        List<Month> settled = [];
        List<(DateOnly From, DateOnly To)> live = [];
        if (s.From > s.To)
        {
            return (settled, live);
        }
        foreach (var month in Month.Range(Month.Of(s.From), Month.Of(s.To)))
        {
            var (from, to) = (month.FirstDay < s.From ? s.From : month.FirstDay, month.LastDay > s.To ? s.To : month.LastDay);
            if (from == month.FirstDay && to == month.LastDay && SettledMonth.IsSettled(month, today))
            {
                settled.Add(month);
            }
            else if (live.Count > 0 && live[^1].To.AddDays(1) == from)
            {
                live[^1] = (live[^1].From, to);
            }
            else
            {
                live.Add((from, to));
            }
        }
        return (settled, live);
    }

    private static bool InScope(FigureScope s, Pair pair) =>
        (s.Townships is null || s.Townships.Contains(pair.TownshipId)) && (s.Departments is null || s.Departments.Contains(pair.DepartmentId));

    /// <summary>A settled month of the whole district: every pair's figures and every township's coverage.</summary>
    private sealed record KeptMonth(IReadOnlyDictionary<Pair, Figures> Figures, IReadOnlyList<CoverageCount> Coverage)
    {
        /// <summary>The month in the statistics' shape: only the lines they read.</summary>
        public KeptMonth ForStatistics() => this with { Figures = Figures.ToDictionary(p => p.Key, p => p.Value.Only(ReadByStatistics)) };
    }

    // The stored form: lines without names (a matter or an officer renamed is named afresh when read).
    private sealed record StoredMonth(List<StoredPair> Pairs, List<StoredCoverage> Coverage);

    private sealed record StoredPair(Guid T, Guid D, List<StoredLine> L);

    private sealed record StoredLine(FigureGroup G, string I, string M, decimal V);

    private sealed record StoredCoverage(Guid T, int A, int C);

    /// <summary>The lines the statistics read (<see cref="ReportStatistics"/>): the per-matter columns they chart or make a rate of.</summary>
    public static bool ReadByStatistics(FigureLine line) => line.Group == FigureGroup.Matter && StatisticsMeasures.Contains(line.Measure);

    private static readonly FrozenSet<string> StatisticsMeasures =
        new[] { Measures.OrdersEscalated, Measures.OrdersOverdue }.Concat(ReportStatistics.ChartMeasures).ToFrozenSet();

    // The kept months this request has read, by district, month and shape, with the count they are current under: the statistics read
    // them twice (the figures and the coverage).
    private readonly Dictionary<(Guid District, Month Month, bool Statistics), (int Changes, KeptMonth Kept)> _kept = [];

    /// <summary>
    /// The district's <paramref name="months"/> (all settled), whole or in the statistics' shape (<paramref name="statistics"/>): kept ones
    /// still current read, the others computed and kept (in both shapes).
    /// </summary>
    private async Task<List<(Month Month, KeptMonth Kept)>> SettledAsync(Guid district, List<Month> months, bool statistics,
        CancellationToken ct)
    {
        if (months.Count == 0)
        {
            return [];
        }
        // Counted before any record is read: a change committed while the figures are computed leaves them under a count already old.
        var changes = await db.ClosedMonthChanges.IgnoreQueryFilters().Where(c => c.DistrictId == district)
            .GroupBy(c => c.MonthKey).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        int Stamp(Month m) => changes.GetValueOrDefault(m.Key) + changes.GetValueOrDefault(ClosedMonthChange.EveryMonth);
        var found = new Dictionary<Month, KeptMonth>();
        foreach (var month in months)
        {
            if (_kept.TryGetValue((district, month, statistics), out var had) && had.Changes == Stamp(month))
            {
                found[month] = had.Kept;
            }
        }
        var keys = months.Where(m => !found.ContainsKey(m)).Select(m => m.Key).ToList();
        var stored = (await db.SettledMonths.IgnoreQueryFilters().AsNoTracking()
                .Where(r => r.DistrictId == district && keys.Contains(r.MonthKey))
                .Select(r => new { r.MonthKey, r.Changes, Content = statistics ? r.Statistics : r.Content }).ToListAsync(ct))
            .Where(r => r.Changes == Stamp(Month.FromKey(r.MonthKey)) && r.Content.Length > 0)
            .ToDictionary(r => Month.FromKey(r.MonthKey), r => JsonSerializer.Deserialize<StoredMonth>(r.Content, Json)!);
        foreach (var (month, kept) in await NamedAsync(district, stored, ct))
        {
            found[month] = kept;
        }
        var missing = months.Where(m => !found.ContainsKey(m)).ToList();
        if (missing.Count > 0)
        {
            var scope = new FigureScope(district, missing.Min().FirstDay, missing.Max().LastDay);
            var figures = await ComputeCoreAsync(scope, byMonth: true, ct);
            var coverage = await CoverageCoreAsync(scope, ct);
            foreach (var month in missing)
            {
                var kept = new KeptMonth(figures.Where(p => p.Key.Month == month.Key).ToDictionary(p => p.Key.Pair, p => p.Value),
                    [.. coverage.Where(c => c.Month == month)]);
                found[month] = statistics ? kept.ForStatistics() : kept;
                await KeepAsync(district, month, Stamp(month), kept, ct);
            }
        }
        foreach (var month in months)
        {
            _kept[(district, month, statistics)] = (Stamp(month), found[month]);
        }
        return [.. months.Select(m => (m, found[m]))];
    }

    /// <summary>The stored months with their matters and officers named as they are now.</summary>
    private async Task<Dictionary<Month, KeptMonth>> NamedAsync(Guid district, Dictionary<Month, StoredMonth> stored, CancellationToken ct)
    {
        var matters = await MatterNamesAsync(district, ct);
        var officerIds = stored.Values.SelectMany(m => m.Pairs).SelectMany(p => p.L).Where(l => l.G == FigureGroup.Officer)
            .Select(l => Guid.Parse(l.I)).Distinct().ToList();
        var officers = officerIds.Count == 0 ? new Dictionary<string, string>() : await db.Officers.IgnoreQueryFilters().AsNoTracking()
            .Where(o => officerIds.Contains(o.Id)).Select(o => new { o.Id, o.Name }).ToDictionaryAsync(o => o.Id.ToString(), o => o.Name, ct);
        string Name(StoredLine l) => l.G switch
        {
            FigureGroup.Matter => matters.GetValueOrDefault(Guid.Parse(l.I), ""),
            FigureGroup.Officer => officers.GetValueOrDefault(l.I, ""),
            _ => "",
        };
        return stored.ToDictionary(m => m.Key, m => new KeptMonth(
            m.Value.Pairs.ToDictionary(p => new Pair(p.T, p.D), p => new Figures(Ordered(p.L.Select(l => new FigureLine(l.G, l.I, Name(l), l.M, l.V))))),
            [.. m.Value.Coverage.Select(c => new CoverageCount(c.T, m.Key, c.A, c.C))]));
    }

    /// <summary>
    /// Keeps a computed month, unless the context holds a caller's unsaved work or transaction (a read never saves those). Another
    /// request keeping the same month at the same moment wins; this one's copy is dropped.
    /// </summary>
    private async Task KeepAsync(Guid district, Month month, int changes, KeptMonth kept, CancellationToken ct)
    {
        if (db.ChangeTracker.HasChanges() || db.Database.CurrentTransaction is not null)
        {
            return;
        }
        string Stored(KeptMonth m) => JsonSerializer.Serialize(new StoredMonth(
            [.. m.Figures.Select(p => new StoredPair(p.Key.TownshipId, p.Key.DepartmentId,
                [.. p.Value.Lines.Select(l => new StoredLine(l.Group, l.Item, l.Measure, l.Value))]))],
            [.. m.Coverage.Select(c => new StoredCoverage(c.TownshipId, c.Acting, c.Certified))]), Json);
        await db.SettledMonths.IgnoreQueryFilters().Where(r => r.DistrictId == district && r.MonthKey == month.Key).ExecuteDeleteAsync(ct);
        var row = new SettledMonth
        {
            DistrictId = district,
            MonthKey = month.Key,
            Changes = changes,
            Content = Stored(kept),
            Statistics = Stored(kept.ForStatistics()),
            ComputedAt = clock.GetUtcNow(),
        };
        db.SettledMonths.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Kept by another request in the meantime.
        }
        finally
        {
            db.Entry(row).State = EntityState.Detached;
        }
    }

    /// <summary>
    /// The figures of the period read as the sum of its <paramref name="months"/> (<see cref="ComputeByMonthAsync"/>) and what its end
    /// decides (the matters entrusted, the orders overdue, the open gaps): every figure <see cref="ComputeAsync(FigureScope, CancellationToken)"/>
    /// gives but the distinct counts, which do not add up over months (<see cref="AddsUpOverMonths"/>). What the statistics read: a test
    /// holds it to <see cref="ComputeAsync(FigureScope, CancellationToken)"/>.
    /// </summary>
    public async Task<IReadOnlyDictionary<Pair, Figures>> SumOfMonthsAsync(FigureScope s,
        IReadOnlyDictionary<(Pair Pair, Month Month), Figures> months, CancellationToken ct = default)
    {
        var tally = new Tally(await MatterNamesAsync(s.DistrictId, ct));
        foreach (var (key, figures) in months)
        {
            foreach (var l in figures.Lines.Where(AddsUpOverMonths))
            {
                tally.Add(key.Pair.TownshipId, key.Pair.DepartmentId, 0, l.Group, l.Item, l.Name, l.Measure, l.Value);
            }
        }
        await AddEndStateAsync(s, tally, ct);
        return tally.Figures().ToDictionary(p => p.Key.Pair, p => p.Value);
    }

    /// <summary>The period's figures as the sum of its months, read by <see cref="ComputeByMonthAsync"/> (the summary's).</summary>
    public async Task<IReadOnlyDictionary<Pair, Figures>> SumOfMonthsAsync(FigureScope s, CancellationToken ct = default) =>
        await SumOfMonthsAsync(s, await ComputeByMonthAsync(s, ct: ct), ct);

    /// <summary>Whether a figure of a period is the sum of its months' (not the targets covered or the officers who acted: each counted once).</summary>
    public static bool AddsUpOverMonths(FigureLine line) => line.Measure is not (Measures.TargetsCovered or Measures.OfficersActed);
}
