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
    private sealed record KeptMonth(IReadOnlyDictionary<Pair, Figures> Figures, IReadOnlyList<CoverageCount> Coverage);

    /// <summary>A settled month in the statistics' shape: every pair's <see cref="StatisticsNumbers"/> and every township's coverage.</summary>
    private sealed record KeptNumbers(IReadOnlyDictionary<Pair, StatisticsNumbers> Numbers, IReadOnlyList<CoverageCount> Coverage)
    {
        public static KeptNumbers From(KeptMonth month) =>
            new(month.Figures.ToDictionary(p => p.Key, p => StatisticsNumbers.From(p.Value)), month.Coverage);
    }

    // The stored forms. Whole: lines without names (a matter or an officer renamed is named afresh when read). The statistics' shape:
    // its layout's number and the columns it was kept with (kept otherwise, it is computed again), the matters once, and per pair its column totals (S) and
    // each matter's index into the matters (M) with its inspections (I) and cases filed (C).
    // Layout: the number of the figures' shape it was kept in (a month kept before a figure was added, as 0, is computed again).
    private sealed record StoredMonth(List<StoredPair> Pairs, List<StoredCoverage> Coverage, int Layout = 0);

    /// <summary>The shape of the whole figures kept; raised when a group or measure is added (1: reconsideration and litigation).</summary>
    private const int FiguresLayout = 1;

    private sealed record StoredPair(Guid T, Guid D, List<StoredLine> L);

    private sealed record StoredLine(FigureGroup G, string I, string M, decimal V);

    private sealed record StoredCoverage(Guid T, int A, int C);

    private sealed record StoredNumbers(int Layout, string[]? Columns, Guid[] Matters, List<StoredPairNumbers> Pairs, List<StoredCoverage> Coverage);

    private const int NumbersLayout = 2;

    private sealed record StoredPairNumbers(Guid T, Guid D, decimal[] S, int[] M, decimal[] I, decimal[] C);

    // The kept months this request has read, by district, month and shape, with the count they are current under: the statistics read
    // them twice (the figures and the coverage).
    private readonly Dictionary<(Guid District, Month Month, bool Statistics), (int Changes, object Kept)> _kept = [];

    /// <summary>The district's <paramref name="months"/> (all settled), whole: kept ones still current read, the others computed and kept.</summary>
    private Task<List<(Month Month, KeptMonth Kept)>> SettledAsync(Guid district, List<Month> months, CancellationToken ct) =>
        SettledAsync(district, months, statistics: false, kept => kept, async (stored, token) =>
            await NamedAsync(district, stored.Select(m => (m.Key, Kept: JsonSerializer.Deserialize<StoredMonth>(m.Value, Json)!))
                .Where(m => m.Kept.Layout == FiguresLayout).ToDictionary(m => m.Key, m => m.Kept), token), ct);

    /// <summary>The district's <paramref name="months"/> (all settled) in the statistics' shape, read from what is kept apart for them.</summary>
    private Task<List<(Month Month, KeptNumbers Kept)>> SettledNumbersAsync(Guid district, List<Month> months, CancellationToken ct) =>
        SettledAsync(district, months, statistics: true, KeptNumbers.From, (stored, _) => Task.FromResult(stored
            .Select(m => (m.Key, Kept: ReadNumbers(m.Key, m.Value))).Where(m => m.Kept is not null).ToDictionary(m => m.Key, m => m.Kept!)), ct);

    private async Task<List<(Month Month, T Kept)>> SettledAsync<T>(Guid district, List<Month> months, bool statistics,
        Func<KeptMonth, T> shape, Func<Dictionary<Month, string>, CancellationToken, Task<Dictionary<Month, T>>> readAsync, CancellationToken ct)
        where T : class
    {
        if (months.Count == 0)
        {
            return [];
        }
        // Counted before any record is read: a change committed while the figures are computed leaves them under a count already old.
        var changes = await db.ClosedMonthChanges.IgnoreQueryFilters().Where(c => c.DistrictId == district)
            .GroupBy(c => c.MonthKey).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        int Stamp(Month m) => changes.GetValueOrDefault(m.Key) + changes.GetValueOrDefault(ClosedMonthChange.EveryMonth);
        var found = new Dictionary<Month, T>();
        foreach (var month in months)
        {
            if (_kept.TryGetValue((district, month, statistics), out var had) && had.Changes == Stamp(month))
            {
                found[month] = (T)had.Kept;
            }
        }
        var keys = months.Where(m => !found.ContainsKey(m)).Select(m => m.Key).ToList();
        var stored = (await db.SettledMonths.IgnoreQueryFilters().AsNoTracking()
                .Where(r => r.DistrictId == district && keys.Contains(r.MonthKey))
                .Select(r => new { r.MonthKey, r.Changes, Content = statistics ? r.Statistics : r.Content }).ToListAsync(ct))
            .Where(r => r.Changes == Stamp(Month.FromKey(r.MonthKey)) && r.Content.Length > 0)
            .ToDictionary(r => Month.FromKey(r.MonthKey), r => r.Content);
        foreach (var (month, kept) in await readAsync(stored, ct))
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
                found[month] = shape(kept);
                await KeepAsync(district, month, Stamp(month), kept, ct);
            }
        }
        foreach (var month in months)
        {
            _kept[(district, month, statistics)] = (Stamp(month), found[month]);
        }
        return [.. months.Select(m => (m, found[m]))];
    }

    /// <summary>A month kept in the statistics' shape, or null when it was kept with other columns (or before the shape existed).</summary>
    private static KeptNumbers? ReadNumbers(Month month, string content)
    {
        var stored = JsonSerializer.Deserialize<StoredNumbers>(content, Json)!;
        if (stored.Layout != NumbersLayout || stored.Columns is null || !stored.Columns.SequenceEqual(StatisticsNumbers.Columns))
        {
            return null;
        }
        return new KeptNumbers(stored.Pairs.ToDictionary(p => new Pair(p.T, p.D), p =>
            {
                var numbers = new StatisticsNumbers();
                numbers.AddTotals(p.S);
                for (var i = 0; i < p.M.Length; i++)
                {
                    numbers.Add(stored.Matters[p.M[i]], p.I[i], p.C[i]);
                }
                return numbers;
            }),
            [.. stored.Coverage.Select(c => new CoverageCount(c.T, month, c.A, c.C))]);
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
            [.. m.Coverage.Select(c => new StoredCoverage(c.TownshipId, c.Acting, c.Certified))], FiguresLayout), Json);
        string StoredStatistics(KeptNumbers m)
        {
            var matters = m.Numbers.Values.SelectMany(n => n.Matters.Select(x => x.Matter)).Distinct().ToArray();
            var index = matters.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
            return JsonSerializer.Serialize(new StoredNumbers(NumbersLayout, StatisticsNumbers.Columns, matters,
                [.. m.Numbers.Select(p => new StoredPairNumbers(p.Key.TownshipId, p.Key.DepartmentId, [.. p.Value.Totals],
                    [.. p.Value.Matters.Select(x => index[x.Matter])], [.. p.Value.Matters.Select(x => x.Inspections)],
                    [.. p.Value.Matters.Select(x => x.CasesFiled)]))],
                [.. m.Coverage.Select(c => new StoredCoverage(c.TownshipId, c.Acting, c.Certified))]), Json);
        }
        await db.SettledMonths.IgnoreQueryFilters().Where(r => r.DistrictId == district && r.MonthKey == month.Key).ExecuteDeleteAsync(ct);
        var row = new SettledMonth
        {
            DistrictId = district,
            MonthKey = month.Key,
            Changes = changes,
            Content = Stored(kept),
            Statistics = StoredStatistics(KeptNumbers.From(kept)),
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
        await AddEndStateAsync(s, tally.EndState, ct);
        return tally.Figures().ToDictionary(p => p.Key.Pair, p => p.Value);
    }

    /// <summary>
    /// What <see cref="ComputeByMonthAsync"/> gives, in the statistics' shape (<see cref="StatisticsNumbers"/>): settled months read from
    /// what is kept apart for them, the others computed from the records and shaped alike, so that a month reads the same either way.
    /// </summary>
    public Task<IReadOnlyDictionary<(Pair Pair, Month Month), StatisticsNumbers>> StatisticsByMonthAsync(FigureScope s,
        CancellationToken ct = default) =>
        ByMonthAsync(s, async months => (await SettledNumbersAsync(s.DistrictId, months, ct)).Select(m => (m.Month, m.Kept.Numbers)),
            StatisticsNumbers.From, ct);

    /// <summary>
    /// The period in the statistics' shape as the sum of its <paramref name="months"/> (<see cref="StatisticsByMonthAsync"/>) and what
    /// its end decides (the matters entrusted, the orders overdue): <see cref="SumOfMonthsAsync(FigureScope, IReadOnlyDictionary{ValueTuple{Pair, Month}, Figures}, CancellationToken)"/>
    /// of the lines the statistics read, which a test holds it to.
    /// </summary>
    public async Task<IReadOnlyDictionary<Pair, StatisticsNumbers>> StatisticsOfRangeAsync(FigureScope s,
        IReadOnlyDictionary<(Pair Pair, Month Month), StatisticsNumbers> months, CancellationToken ct = default)
    {
        var range = new Dictionary<Pair, StatisticsNumbers>();
        StatisticsNumbers Of(Pair pair) => range.TryGetValue(pair, out var numbers) ? numbers : range[pair] = new StatisticsNumbers();
        foreach (var (key, numbers) in months)
        {
            Of(key.Pair).Add(numbers);
        }
        await AddEndStateAsync(s, new EndState((pair, matter, measure, value) => Of(pair).Add(matter, measure, value), null), ct);
        return range;
    }

    /// <summary>The period in the statistics' shape as the sum of its months (the roll-up's: a settled month's numbers are a fifteenth
    /// of its whole figures to read).</summary>
    public async Task<IReadOnlyDictionary<Pair, StatisticsNumbers>> StatisticsOfRangeAsync(FigureScope s, CancellationToken ct = default) =>
        await StatisticsOfRangeAsync(s, await StatisticsByMonthAsync(s, ct), ct);

    /// <summary>The period's figures as the sum of its months, read by <see cref="ComputeByMonthAsync"/> (the summary's).</summary>
    public async Task<IReadOnlyDictionary<Pair, Figures>> SumOfMonthsAsync(FigureScope s, CancellationToken ct = default) =>
        await SumOfMonthsAsync(s, await ComputeByMonthAsync(s, ct: ct), ct);

    /// <summary>Whether a figure of a period is the sum of its months' (not the targets covered or the officers who acted: each counted once).</summary>
    public static bool AddsUpOverMonths(FigureLine line) => line.Measure is not (Measures.TargetsCovered or Measures.OfficersActed);
}
