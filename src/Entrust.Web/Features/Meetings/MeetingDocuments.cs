using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using Entrust.Web.Platform;
using Microsoft.Extensions.Localization;
using static Entrust.Web.Platform.OfficialDocx;

namespace Entrust.Web.Features.Meetings;

/// <summary>
/// The meeting's two documents on <see cref="OfficialDocx"/> pages: the minutes (会议纪要: title, 文号, time and place, chair,
/// attendees, per topic what was agreed, the action table) and the briefing pack (its sections with their first records).
/// </summary>
internal static class MeetingDocuments
{
    public static byte[] Minutes(MeetingView m, IStringLocalizer<SharedResource> text)
    {
        List<OpenXmlElement> content =
        [
            Paragraph(Clean(m.Title) + text["Meeting.Doc.MinutesSuffix"], JustificationValues.Center, font: Song, size: TitleSize, after: 200, line: 0),
        ];
        if (m.Number is { } number)
        {
            content.Add(Paragraph(Clean(number), JustificationValues.Center, after: 200));
        }
        content.Add(Body(text["Meeting.Doc.When", ChineseDate(m.Day), m.Time.ToString("HH:mm", CultureInfo.InvariantCulture), Clean(m.Place)]));
        content.Add(Body(text["Meeting.Doc.Chair", Clean(m.Chair)]));
        content.Add(Body(text["Meeting.Doc.Present", string.Join("、", m.Participants.Where(p => p.Presence is Presence.Present or Presence.Unrecorded)
            .Select(p => Clean(p.Unit) + (p.Person is null ? "" : Clean(p.Person))))]));
        var deputies = m.Participants.Where(p => p.Presence == Presence.Deputy).ToList();
        if (deputies.Count > 0)
        {
            content.Add(Body(text["Meeting.Doc.Deputies", string.Join("、", deputies.Select(p => Clean(p.Unit) + Clean(p.Deputy)))]));
        }
        var absent = m.Participants.Where(p => p.Presence == Presence.Absent).ToList();
        if (absent.Count > 0)
        {
            content.Add(Body(text["Meeting.Doc.Absent", string.Join("；", absent.Select(p => Clean(p.Unit) + "（" + Clean(p.AbsenceReason) + "）"))]));
        }
        foreach (var topic in m.Topics)
        {
            content.Add(Heading(Numeral(topic.Order) + "、" + Clean(topic.Title)));
            foreach (var paragraph in Paragraphs(topic.Minutes))
            {
                content.Add(Body(EndSentence(paragraph)));
            }
            foreach (var paragraph in Paragraphs(topic.Decisions))
            {
                content.Add(Body(text["Meeting.Doc.Agreed"] + EndSentence(paragraph)));
            }
        }
        if (m.ActionItems.Count > 0)
        {
            content.Add(Heading(text["Meeting.Doc.ActionTable"]));
            content.Add(Table([text["Meeting.Doc.No"], text["Field.What"], text["Field.Owner"], text["Field.DueOn"], text["Field.Status"]],
                [.. m.ActionItems.Select((a, i) => new[]
                {
                    (i + 1).ToString(CultureInfo.InvariantCulture), Clean(a.What), Clean(a.Owner), a.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    a.DoneOn is { } d ? text["ActionItem.DoneOn", d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)] : text["ActionItem.Open"].Value,
                })], [700, 3700, 2000, 1500, 1600]));
        }
        if (m.IssuedOn is { } issued)
        {
            content.Add(Paragraph(text["Meeting.Doc.Issuer"], JustificationValues.Right, before: 400));
            content.Add(Paragraph(ChineseDate(issued), JustificationValues.Right));
        }
        return Render(content, Clean(m.Title), text["Meeting.Doc.MinutesSuffix"], text["Meeting.Doc.Issuer"]);
    }

    public static byte[] Pack(MeetingView m, BriefingPack pack, IStringLocalizer<SharedResource> text)
    {
        List<OpenXmlElement> content =
        [
            Paragraph(Clean(m.Title) + text["Meeting.Doc.PackSuffix"], JustificationValues.Center, font: Song, size: TitleSize, after: 200, line: 0),
            Body(text["Meeting.Doc.When", ChineseDate(m.Day), m.Time.ToString("HH:mm", CultureInfo.InvariantCulture), Clean(m.Place)]),
            Body(text[pack.Frozen ? "Meeting.Pack.FrozenOn" : "Meeting.Pack.BuiltOn", ChineseDate(pack.BuiltOn)]),
        ];
        var n = 0;
        foreach (var section in pack.Sections)
        {
            content.Add(Heading(Numeral(++n) + "、" + Clean(section.Title) + text["Meeting.Pack.Count", section.Total]));
            if (section.Lines.Count == 0)
            {
                content.Add(Body(text["Meeting.Pack.None"]));
                continue;
            }
            content.Add(Table([text["Field.Township"], text["Field.Department"], text["Meeting.Pack.Subject"], text["Field.Date"], text["Field.Note"]],
                [.. section.Lines.Select(l => new[]
                {
                    Clean(l.Township), Clean(l.Department), Clean(l.Subject), l.Day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", Clean(l.Note),
                })], [1500, 1800, 3200, 1400, 1600]));
        }
        var topics = m.Topics.Where(t => !t.Standing).ToList();
        if (topics.Count > 0)
        {
            content.Add(Heading(text["Meeting.Pack.ProposedTopics"]));
            foreach (var t in topics)
            {
                content.Add(Body(Clean(t.Title) + (t.ProposedBy is null ? "" : "（" + Clean(t.ProposedBy) + "）")));
            }
        }
        return Render(content, Clean(m.Title), text["Meeting.Doc.PackSuffix"], text["Meeting.Doc.Issuer"]);
    }

    /// <summary>A bordered table of 小四 cells with a header row.</summary>
    private static Table Table(string[] header, IReadOnlyList<string[]> rows, int[] widths)
    {
        var scale = (double)TextWidth / widths.Sum();
        var columns = widths.Select(w => (int)(w * scale)).ToArray();
        static TB Line<TB>() where TB : BorderType, new() => new() { Val = BorderValues.Single, Size = 4 };
        var table = new Table(new TableProperties(
                new TableWidth { Width = TextWidth.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                new TableBorders(Line<TopBorder>(), Line<LeftBorder>(), Line<BottomBorder>(), Line<RightBorder>(),
                    Line<InsideHorizontalBorder>(), Line<InsideVerticalBorder>()),
                new TableLayout { Type = TableLayoutValues.Fixed }),
            new TableGrid(columns.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));
        table.Append(Row(header, columns, bold: true));
        foreach (var row in rows)
        {
            table.Append(Row(row, columns, bold: false));
        }
        return table;
    }

    private static TableRow Row(string[] cells, int[] widths, bool bold)
    {
        var row = new TableRow();
        if (bold)
        {
            row.Append(new TableRowProperties(new TableHeader()));
        }
        for (var i = 0; i < cells.Length; i++)
        {
            row.Append(new TableCell(
                new TableCellProperties(new TableCellWidth { Width = widths[i].ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }),
                Paragraph(cells[i], JustificationValues.Left, font: bold ? Hei : FangSong, size: TableSize, bold: false, line: 0)));
        }
        return row;
    }
}
