using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using Entrust.Web.Platform;
using Microsoft.Extensions.Localization;
using static Entrust.Web.Platform.OfficialDocx;

namespace Entrust.Web.Features.Assessment;

/// <summary>What the annual report is drafted from: the round, the district, the deductions per indicator, the erroneous cases, the grants' evaluation.</summary>
public sealed record AnnualReportModel(string DistrictName, RoundView Round, IReadOnlyList<IndicatorTotal> Indicators,
    IReadOnlyList<ErroneousView> Erroneous, DateOnly Today, IReadOnlyList<GrantEvaluationView> Grants);

/// <summary>One indicator's deductions over all units: how many, and the points.</summary>
public sealed record IndicatorTotal(string Code, string Name, int Count, decimal Points);

/// <summary>
/// The annual report on administrative enforcement to the district's people's government, due in December (CQ-S 9, LAW 27), drafted
/// from the round's records on <see cref="OfficialDocx"/> pages: the units assessed and their scores, the deductions per indicator,
/// the erroneous cases, the grants' evaluation (LAW 8), the ranking. The office edits the draft before it is issued.
/// </summary>
internal static class AssessmentDocuments
{
    public static byte[] AnnualReport(AnnualReportModel m, IStringLocalizer<SharedResource> text)
    {
        var title = text["Assessment.Doc.Title", m.DistrictName, m.Round.Year].Value;
        List<OpenXmlElement> content =
        [
            Paragraph(title, JustificationValues.Center, font: Song, size: TitleSize, after: 200, line: 0),
            Paragraph(text["Assessment.Doc.To", m.DistrictName], JustificationValues.Left),
            Heading(text["Assessment.Doc.Overview"]),
        ];
        var townships = m.Round.Results.Where(r => r.Kind == UnitKind.Township).ToList();
        var departments = m.Round.Results.Where(r => r.Kind == UnitKind.Department).ToList();
        content.Add(Body(text["Assessment.Doc.Units", m.Round.Year, townships.Count, departments.Count, m.Round.SchemeVersion]));
        foreach (var (units, kind) in new[] { (townships, UnitKind.Township), (departments, UnitKind.Department) })
        {
            if (units.Count > 0)
            {
                var best = units.MaxBy(r => r.Score)!;
                var worst = units.MinBy(r => r.Score)!;
                content.Add(Body(text["Assessment.Doc.Scores", text["UnitKind." + kind], Points(units.Average(r => r.Score)), Points(best.Score),
                    best.UnitName, Points(worst.Score), worst.UnitName]));
            }
        }
        content.Add(Heading(text["Assessment.Doc.Deductions"]));
        if (m.Indicators.Count == 0)
        {
            content.Add(Body(text["Assessment.Doc.NoDeductions"]));
        }
        foreach (var i in m.Indicators)
        {
            content.Add(Body(text["Assessment.Doc.Indicator", i.Code, Clean(i.Name), i.Count, Points(i.Points)]));
        }
        content.Add(Heading(text["Assessment.Doc.Erroneous"]));
        var confirmed = m.Erroneous.Where(e => e.Decision == ErroneousDecision.Confirmed && e.DecidedOn.Year == m.Round.Year).ToList();
        content.Add(Body(confirmed.Count == 0 ? text["Assessment.Doc.NoErroneous"] : text["Assessment.Doc.ErroneousCount", confirmed.Count]));
        foreach (var e in confirmed)
        {
            content.Add(Body(text["Assessment.Doc.ErroneousLine", e.CaseNumber, text["FaultKind." + e.Fault], e.DecisionNumber ?? ""]));
        }
        content.Add(Heading(text["Assessment.Doc.Grants"]));
        content.Add(Body(m.Grants.Count == 0 ? text["Assessment.Doc.NoGrants"] : text["Assessment.Doc.GrantCount", m.Grants.Count]));
        foreach (var g in m.Grants)
        {
            content.Add(Body(text["Assessment.Doc.GrantLine", g.Township, g.Department, g.GrantDecisionNumber ?? g.Number, g.Use.Filed, g.Use.Over,
                g.Use.DecidedLate, g.Use.Overturned, g.Use.Erroneous, g.Use.FilesFailed, text["GrantRating." + g.Rating], text["GrantAdvice." + g.Advice]]));
        }
        content.Add(Heading(text["Assessment.Doc.Ranking"]));
        foreach (var r in m.Round.Results.OrderBy(r => r.Kind).ThenBy(r => r.Rank))
        {
            content.Add(Body(text["Assessment.Doc.RankLine", text["UnitKind." + r.Kind], r.Rank, r.UnitName, Points(r.Score)]));
        }
        content.Add(Body(text["Assessment.Doc.Closing"]));
        content.Add(Paragraph(text["Assessment.Doc.Issuer", m.DistrictName], JustificationValues.Right, before: 400));
        content.Add(Paragraph(ChineseDate(m.Today), JustificationValues.Right));
        return Render(content, title, text["Assessment.Doc.Subject"], text["Assessment.Doc.Issuer", m.DistrictName]);
    }

    private static string Points(decimal p) => p.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
