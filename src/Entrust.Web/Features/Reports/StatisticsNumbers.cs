using System.Collections.Frozen;

namespace Entrust.Web.Features.Reports;

/// <summary>
/// A pair's figures in the statistics' shape: the totals of the per-matter columns they chart or make a rate of
/// (<see cref="Columns"/>), and per matter the two numbers the exercised matters show (inspections, cases filed). Numbers that add
/// up month by month, without a line, a key or a name per figure. A matter is present when the figures had a line of it in those
/// columns, even at 0 (an entrusted matter unused: the statistics count it held).
/// </summary>
public sealed class StatisticsNumbers
{
    /// <summary>The columns totalled, in the order of <see cref="Totals"/>: the statistics' and the roll-up's
    /// (<see cref="ReportBook.RollupMeasures"/>, which reads its periods in this shape).</summary>
    public static readonly string[] Columns =
        [.. ReportStatistics.ChartMeasures.Union(ReportBook.RollupMeasures), Measures.OrdersEscalated];

    private static readonly FrozenDictionary<string, int> ColumnOf =
        Columns.Select((measure, index) => (measure, index)).ToFrozenDictionary(c => c.measure, c => c.index);

    private readonly decimal[] _totals = new decimal[Columns.Length];
    private readonly Dictionary<Guid, (decimal Inspections, decimal CasesFiled)> _matters = [];

    /// <summary>The column totals, in the order of <see cref="Columns"/>.</summary>
    public IReadOnlyList<decimal> Totals => _totals;

    /// <summary>Each matter present with its inspections and cases filed.</summary>
    public IEnumerable<(Guid Matter, decimal Inspections, decimal CasesFiled)> Matters =>
        _matters.Select(m => (m.Key, m.Value.Inspections, m.Value.CasesFiled));

    public int MatterCount => _matters.Count;

    /// <summary>Whether a figure is one the statistics read: a per-matter line in one of <see cref="Columns"/>.</summary>
    public static bool Reads(FigureLine line) => line.Group == FigureGroup.Matter && ColumnOf.ContainsKey(line.Measure);

    /// <summary>Adds a per-matter figure (a measure not among <see cref="Columns"/> adds the matter only).</summary>
    public void Add(Guid matter, string measure, decimal value)
    {
        if (ColumnOf.TryGetValue(measure, out var column))
        {
            _totals[column] += value;
        }
        Add(matter, measure == Measures.Inspections ? value : 0m, measure == Measures.CasesFiled ? value : 0m);
    }

    /// <summary>Adds a matter's inspections and cases filed (as kept), without touching the totals.</summary>
    public void Add(Guid matter, decimal inspections, decimal casesFiled)
    {
        var had = _matters.GetValueOrDefault(matter);
        _matters[matter] = (had.Inspections + inspections, had.CasesFiled + casesFiled);
    }

    /// <summary>Adds column totals (as kept, in the order of <see cref="Columns"/>).</summary>
    public void AddTotals(IReadOnlyList<decimal> totals)
    {
        for (var i = 0; i < _totals.Length; i++)
        {
            _totals[i] += totals[i];
        }
    }

    /// <summary>Adds another pair's or month's numbers.</summary>
    public void Add(StatisticsNumbers other)
    {
        AddTotals(other._totals);
        foreach (var (matter, (inspections, casesFiled)) in other._matters)
        {
            Add(matter, inspections, casesFiled);
        }
    }

    /// <summary>A column's total.</summary>
    public decimal Total(string measure) => _totals[ColumnOf[measure]];

    /// <summary>The statistics' shape of whole figures: their lines the statistics read (<see cref="Reads"/>).</summary>
    public static StatisticsNumbers From(Figures figures)
    {
        var numbers = new StatisticsNumbers();
        foreach (var line in figures.Lines.Where(Reads))
        {
            numbers.Add(Guid.Parse(line.Item), line.Measure, line.Value);
        }
        return numbers;
    }
}
