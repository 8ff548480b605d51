using System.Collections.Frozen;

namespace Entrust.Web.Features.Reports;

/// <summary>
/// A pair's figures in the statistics' shape: per matter, the per-matter columns the statistics chart or make a rate of
/// (<see cref="Columns"/>), as numbers that add up month by month without a line, a key or a name per figure. A matter is present
/// when the figures had a line of it in those columns, even at 0 (an entrusted matter unused: the statistics count it held).
/// </summary>
public sealed class MatterNumbers
{
    /// <summary>The columns kept, in the order of each matter's numbers.</summary>
    public static readonly string[] Columns = [.. ReportStatistics.ChartMeasures, Measures.OrdersEscalated, Measures.OrdersOverdue];

    private static readonly FrozenDictionary<string, int> ColumnOf =
        Columns.Select((measure, index) => (measure, index)).ToFrozenDictionary(c => c.measure, c => c.index);

    private readonly Dictionary<Guid, decimal[]> _matters = [];

    /// <summary>Each matter's numbers, in the order of <see cref="Columns"/>.</summary>
    public IEnumerable<(Guid Matter, IReadOnlyList<decimal> Numbers)> Matters => _matters.Select(m => (m.Key, (IReadOnlyList<decimal>)m.Value));

    public int MatterCount => _matters.Count;

    /// <summary>Whether a figure is one the statistics read: a per-matter line in one of <see cref="Columns"/>.</summary>
    public static bool Reads(FigureLine line) => line.Group == FigureGroup.Matter && ColumnOf.ContainsKey(line.Measure);

    /// <summary>Adds to a matter's column (a measure not among <see cref="Columns"/> adds the matter only).</summary>
    public void Add(Guid matter, string measure, decimal value)
    {
        var numbers = Of(matter);
        if (ColumnOf.TryGetValue(measure, out var column))
        {
            numbers[column] += value;
        }
    }

    /// <summary>Adds another pair's or month's numbers, matter by matter.</summary>
    public void Add(MatterNumbers other)
    {
        foreach (var (matter, values) in other._matters)
        {
            var numbers = Of(matter);
            for (var i = 0; i < numbers.Length; i++)
            {
                numbers[i] += values[i];
            }
        }
    }

    /// <summary>Adds a matter's numbers as kept, in the order of <see cref="Columns"/>.</summary>
    public void Add(Guid matter, IReadOnlyList<decimal> values)
    {
        var numbers = Of(matter);
        for (var i = 0; i < numbers.Length; i++)
        {
            numbers[i] += values[i];
        }
    }

    /// <summary>A column's total over the matters.</summary>
    public decimal Total(string measure)
    {
        var column = ColumnOf[measure];
        var total = 0m;
        foreach (var numbers in _matters.Values)
        {
            total += numbers[column];
        }
        return total;
    }

    public decimal Value(Guid matter, string measure) => _matters.TryGetValue(matter, out var numbers) ? numbers[ColumnOf[measure]] : 0m;

    /// <summary>The statistics' shape of whole figures: their lines the statistics read (<see cref="Reads"/>).</summary>
    public static MatterNumbers From(Figures figures)
    {
        var numbers = new MatterNumbers();
        foreach (var line in figures.Lines.Where(Reads))
        {
            numbers.Add(Guid.Parse(line.Item), line.Measure, line.Value);
        }
        return numbers;
    }

    private decimal[] Of(Guid matter)
    {
        if (!_matters.TryGetValue(matter, out var numbers))
        {
            _matters[matter] = numbers = new decimal[Columns.Length];
        }
        return numbers;
    }
}
