namespace Entrust.Web.Features.Assessment;

/// <summary>A record that costs a unit points on an automatic indicator: whose it is and what it is.</summary>
public sealed record EvidenceRow(UnitKind Kind, Guid UnitId, EvidenceKind Evidence, Guid? EvidenceId, string Label);

/// <summary>A deduction as scoring decides it, before it is written on a unit's result.</summary>
public sealed record DeductionLine(UnitKind Kind, Guid UnitId, string Code, string Name, decimal Points, EvidenceKind Evidence, Guid? EvidenceId,
    string Label);

/// <summary>A township's cases filed in the year and how many of those are over (closed or transferred).</summary>
public sealed record ConclusionCount(Guid TownshipId, int Filed, int Over);

/// <summary>
/// The scoring rules, pure: the records found for an indicator in, deductions out. Each deduction keeps the record it is for, so every
/// point lost is traced. An indicator never loses more than its points: the records beyond that are still listed, at 0, so that the
/// unit sees all of them (the cap is the scheme's weight, the list is the truth).
/// </summary>
public static class Scoring
{
    /// <summary>Per record: <see cref="Indicator.DeductPer"/> each, up to the indicator's points per unit, for the units it applies to.</summary>
    public static IEnumerable<DeductionLine> PerRecord(Indicator indicator, IEnumerable<EvidenceRow> rows)
    {
        foreach (var unit in rows.Where(r => indicator.Applies(r.Kind)).GroupBy(r => (r.Kind, r.UnitId)))
        {
            var left = indicator.Points;
            foreach (var r in unit.OrderBy(r => r.Label, StringComparer.Ordinal))
            {
                var points = Math.Min(indicator.DeductPer, left);
                left -= points;
                yield return new DeductionLine(r.Kind, r.UnitId, indicator.Code, indicator.Name, points, r.Evidence, r.EvidenceId, r.Label);
            }
        }
    }

    /// <summary>
    /// Points lost for a conclusion rate below the target: <paramref name="per"/> for every 10 percentage points or part of them below
    /// (90 % target: 85 % loses 1, 70 % loses 2), at most <paramref name="cap"/>. No case filed, nothing lost: there is no rate.
    /// A part counts as a whole step, or a rate of 81 % would lose nothing against a 90 % target.
    /// </summary>
    public static decimal ConclusionRateLoss(int filed, int over, decimal target, decimal per, decimal cap)
    {
        if (filed <= 0)
        {
            return 0m;
        }
        var below = target - (decimal)over / filed;
        if (below <= 0)
        {
            return 0m;
        }
        var steps = Math.Ceiling(Math.Round(below * 10m, 6));
        return Math.Min(cap, steps * per);
    }

    /// <summary>The conclusion-rate deductions of every township below the target; the label states the figures.</summary>
    public static IEnumerable<DeductionLine> ConclusionRate(Indicator indicator, IEnumerable<ConclusionCount> counts)
    {
        if (!indicator.Applies(UnitKind.Township))
        {
            yield break;
        }
        foreach (var c in counts)
        {
            var loss = ConclusionRateLoss(c.Filed, c.Over, indicator.Target ?? 0m, indicator.DeductPer, indicator.Points);
            if (loss > 0)
            {
                var rate = Math.Round(100m * c.Over / c.Filed, 1);
                yield return new DeductionLine(UnitKind.Township, c.TownshipId, indicator.Code, indicator.Name, loss, EvidenceKind.Case, null,
                    $"立案{c.Filed}件，结案{c.Over}件，结案率{rate}%（目标{indicator.Target * 100m:0.#}%）");
            }
        }
    }

    /// <summary>
    /// The case-file review's deductions (<see cref="AutoMeasure.FileReviewGrades"/>): <see cref="Indicator.DeductPer"/> for each file
    /// graded 不合格, half of it for each 合格, nothing for 优秀; up to the indicator's points per unit, every graded file listed.
    /// </summary>
    public static IEnumerable<DeductionLine> FileGrades(Indicator indicator, IEnumerable<(EvidenceRow Row, FileGrade Grade)> files)
    {
        foreach (var unit in files.Where(f => indicator.Applies(f.Row.Kind) && f.Grade != FileGrade.Excellent)
            .GroupBy(f => (f.Row.Kind, f.Row.UnitId)))
        {
            var left = indicator.Points;
            foreach (var (r, grade) in unit.OrderBy(f => f.Row.Label, StringComparer.Ordinal))
            {
                var points = Math.Min(grade == FileGrade.Fail ? indicator.DeductPer : indicator.DeductPer / 2m, left);
                left -= points;
                yield return new DeductionLine(r.Kind, r.UnitId, indicator.Code, indicator.Name, points, r.Evidence, r.EvidenceId, r.Label);
            }
        }
    }

    /// <summary>The erroneous cases' deductions (双扣分制), each linked to the erroneous-case decision.</summary>
    public static IEnumerable<DeductionLine> Erroneous(Scheme scheme, IEnumerable<ErroneousCase> cases) =>
        cases.SelectMany(e => e.DeductionsUnder(scheme).Select(d => new DeductionLine(d.Kind, d.UnitId, ErroneousCode, "执法错案",
            d.Points, EvidenceKind.ErroneousCase, e.Id, $"{e.CaseNumber}（{e.DecisionNumber}）")));

    /// <summary>The code under which erroneous cases are deducted, outside the 100-point table (they may take a unit below its sections).</summary>
    public const string ErroneousCode = "ERR";

    /// <summary>The manual scores as deductions, each with the assessor's evidence.</summary>
    public static IEnumerable<DeductionLine> Manual(Scheme scheme, UnitResult result) =>
        result.ManualScores.Where(m => m.Deduct > 0).Select(m => new DeductionLine(result.Kind, result.UnitId, m.IndicatorCode,
            scheme.Find(m.IndicatorCode)?.Name ?? m.IndicatorCode, m.Deduct, EvidenceKind.Manual, m.Id, m.Evidence));

    /// <summary>Ranks by score, highest first; equal scores share a rank (1, 2, 2, 4).</summary>
    public static IReadOnlyDictionary<Guid, int> Ranks(IEnumerable<(Guid Id, decimal Score)> results)
    {
        var ordered = results.OrderByDescending(r => r.Score).ToList();
        var ranks = new Dictionary<Guid, int>();
        for (var i = 0; i < ordered.Count; i++)
        {
            ranks[ordered[i].Id] = i > 0 && ordered[i].Score == ordered[i - 1].Score ? ranks[ordered[i - 1].Id] : i + 1;
        }
        return ranks;
    }
}
