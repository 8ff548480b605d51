using Entrust.Web.Platform;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace Entrust.Web.Features.Reports;

/// <summary>
/// A report as the .xlsx a department files: one sheet, the unit and the period in the title row, a row per entrusted matter with
/// its figures and a totals row, then the breakdowns (kind, result, procedure, penalty, officers, gaps) as name and value.
/// </summary>
public static class ReportSheet
{
    public static byte[] Write(string title, Figures figures, IStringLocalizer text) =>
        Save(new Dictionary<string, object> { [text["Report.Sheet"].Value] = Rows(title, figures, text) });

    /// <summary>
    /// Several reports in one workbook (the roll-up): a sheet per report in <see cref="Write"/>'s layout, named by the sheet's name
    /// made fit for a tab (at most 31 characters, none of []:*?/\, unique).
    /// </summary>
    public static byte[] WriteBook(IEnumerable<(string Sheet, string Title, Figures Figures)> sheets, IStringLocalizer text)
    {
        var book = new Dictionary<string, object>();
        foreach (var (sheet, title, figures) in sheets)
        {
            var name = new string([.. sheet.Where(c => !"[]:*?/\\".Contains(c))]).Trim();
            name = name.Length == 0 ? text["Report.Sheet"].Value : name[..Math.Min(name.Length, 28)];
            var unique = name;
            for (var i = 2; book.ContainsKey(unique); i++)
            {
                unique = $"{name}({i})";
            }
            book[unique] = Rows(title, figures, text);
        }
        return Save(book);
    }

    private static byte[] Save(Dictionary<string, object> sheets)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(sheets, printHeader: false);
        return stream.ToArray();
    }

    private static List<Dictionary<string, object>> Rows(string title, Figures figures, IStringLocalizer text)
    {
        var columns = Measures.MatterColumns.Length + 1;
        var rows = new List<Dictionary<string, object>>();
        void Row(params object[] cells) =>
            rows.Add(Enumerable.Range(0, columns).ToDictionary(i => "C" + i.ToString("00"), i => i < cells.Length ? cells[i] : ""));

        Row(title);
        Row([text["Report.Matter"].Value, .. Measures.MatterColumns.Select(m => (object)text["Measure." + m].Value)]);
        foreach (var (item, name) in figures.MatterRows)
        {
            Row([name, .. Measures.MatterColumns.Select(m => (object)figures.Value(FigureGroup.Matter, item, m))]);
        }
        Row([text["Report.Total"].Value, .. Measures.MatterColumns.Select(m => (object)figures.Total(m))]);
        foreach (var group in Figures.Breakdowns)
        {
            var lines = figures.Shown(group).ToList();
            if (lines.Count == 0)
            {
                continue;
            }
            Row("");
            Row(text["FigureGroup." + group].Value);
            foreach (var line in lines)
            {
                Row(ReportText.LineName(line, text), line.Value);
            }
        }
        return rows;
    }
}

/// <summary>How a figure is named in the reader's language.</summary>
public static class ReportText
{
    /// <summary>A matter or an officer by its recorded name; a kind, result, procedure, penalty or gap kind from the resources, with what is counted when that is not the group's usual measure.</summary>
    public static string LineName(FigureLine line, IStringLocalizer text) => line.Group switch
    {
        FigureGroup.Matter => line.Name + " · " + text["Measure." + line.Measure].Value,
        FigureGroup.Officer => line.Name,
        FigureGroup.Summary => text["Measure." + line.Measure].Value,
        FigureGroup.Procedure => text[$"ReportItem.Procedure.{line.Item}"].Value + " · " + text["Measure." + line.Measure].Value,
        _ => text[$"ReportItem.{line.Group}.{line.Item}"].Value,
    };

    /// <summary>A figure as the pages show it: money with two decimals, counts whole, both with thousands separators.</summary>
    public static string Value(string measure, decimal value) => Measures.IsMoney(measure) ? value.ToString("N2") : value.ToString("N0");
}
