using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Extensions.Localization;
using static Entrust.Web.Platform.OfficialDocx;

namespace Entrust.Web.Features.Reports;

/// <summary>
/// A monthly report and a roll-up as .docx on <see cref="Platform.OfficialDocx"/> pages, for the departments that file paper: the
/// title with the unit and period, the figures per matter and their totals, the breakdowns, and (a report) its remarks; (a roll-up)
/// each township × department, the totals and who has not submitted. Figures at 0 are left out: a line reads what was done.
/// </summary>
internal static class ReportDocuments
{
    public static byte[] Report(ReportDetail d, IStringLocalizer text)
    {
        var r = d.Report;
        var title = text["Report.SheetTitle", r.TownshipName, r.DepartmentName, r.Month].Value;
        List<OpenXmlElement> content =
        [
            Title(title),
            Body(text["ReportDoc.State", text["ReportState." + r.State].Value, r.DueOn.ToString("yyyy-MM-dd")]),
            Heading(text["ReportDoc.Matters"]),
        ];
        foreach (var (item, name) in d.Figures.MatterRows)
        {
            content.Add(Body($"{Clean(name)}：{Items(Measures.MatterColumns.Select(m => (m, d.Figures.Value(FigureGroup.Matter, item, m))), text)}"));
        }
        content.Add(Body($"{text["Report.Total"]}：{Items(Measures.MatterColumns.Select(m => (m, d.Figures.Total(m))), text)}"));
        content.Add(Heading(text["ReportDoc.Breakdowns"]));
        foreach (var group in Figures.Breakdowns)
        {
            var lines = d.Figures.Shown(group).Where(l => l.Value != 0 || group == FigureGroup.Remedy).ToList();
            if (lines.Count > 0)
            {
                content.Add(Body($"{text["FigureGroup." + group]}：" + string.Join("；",
                    lines.Select(l => Clean(ReportText.LineName(l, text)) + " " + ReportText.Value(l.Measure, l.Value))) + "。"));
            }
        }
        content.Add(Heading(text["ReportDoc.Remarks"]));
        var remarks = Paragraphs(d.Remarks);
        content.AddRange(remarks.Count == 0 ? [Body(text["ReportDoc.NoRemarks"])] : remarks.Select(Body));
        if (d.DepartmentComment is { } comment)
        {
            content.Add(Heading(text["ReportDoc.Comment"]));
            content.AddRange(Paragraphs(comment).Select(Body));
        }
        return Render(content, title, r.Month, r.TownshipName);
    }

    public static byte[] Rollup(string title, RollupView v, IStringLocalizer text)
    {
        List<OpenXmlElement> content = [Title(title), Heading(text["ReportDoc.Rows"])];
        foreach (var r in v.Rows)
        {
            var state = r.State is { } s ? text["ReportState." + s].Value : text["Reports.NotSubmitted"].Value;
            content.Add(Body($"{r.TownshipName} · {r.DepartmentName}（{state}）：{Items(v.Measures.Select(m => (m, r.Figures[m])), text)}"));
        }
        content.Add(Heading(text["ReportDoc.Totals"]));
        content.Add(Body(Items(v.Measures.Select(m => (m, v.Totals[m])), text)));
        content.Add(Heading(text["ReportDoc.NotSubmitted"]));
        content.Add(Body(v.NotSubmitted.Count == 0 ? text["Reports.AllSubmitted"].Value
            : string.Join("；", v.NotSubmitted.Select(r => $"{r.Month} {r.TownshipName} · {r.DepartmentName}")) + "。"));
        return Render(content, title, v.Month, title);
    }

    private static Paragraph Title(string title) =>
        Paragraph(title, JustificationValues.Center, font: Song, size: TitleSize, bold: true, after: BodyLine);

    /// <summary>"检查次数 25；责令整改 5。", the figures not at 0; "—" when all are.</summary>
    private static string Items(IEnumerable<(string Measure, decimal Value)> figures, IStringLocalizer text)
    {
        var done = figures.Where(f => f.Value != 0).Select(f => $"{text["Measure." + f.Measure]} {ReportText.Value(f.Measure, f.Value)}").ToList();
        return done.Count == 0 ? "—" : string.Join("；", done) + "。";
    }
}
