using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using Docx = Entrust.Web.Platform.OfficialDocx;

namespace Entrust.Web.Features.Agreements;

/// <summary>
/// Renders the printed agreement (委托执法协议书 / 赋权协议书) as a .docx laid out in the spirit of GB/T 9704
/// (党政机关公文格式): A4, 37/35/28/26 mm margins, a 宋体 title, 仿宋 三号 body, 黑体 article headings, a table of
/// matters, side-by-side seal blocks and 「— N —」 page numbers outside on odd and even pages.
/// </summary>
public static class AgreementDocument
{
    private const int TextWidth = Docx.TextWidth;
    private const int BodyLine = Docx.BodyLine;

    private static readonly int[] MatterColumns = [760, 1400, 2700, 1980, TextWidth - 760 - 1400 - 2700 - 1980];

    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>The official document is always in Chinese: the authority with its limits, e.g. 一般程序处罚（罚款不超过5000元；不得吊销许可证件）.</summary>
    public static string AuthorityText(Authority authority, decimal? cap, PenaltyKinds excluded = PenaltyKinds.None)
    {
        if (authority == Authority.InspectionOnly)
        {
            return "仅限检查";
        }
        var limits = new List<string>();
        if (cap is { } c)
        {
            limits.Add($"罚款不超过{c:0.##}元");
        }
        if (excluded != PenaltyKinds.None)
        {
            limits.Add("不得" + string.Join("、", excluded.Each().Select(PenaltyKindSet.ChineseName)));
        }
        var text = authority == Authority.SummaryPenalty ? "简易程序处罚" : "一般程序处罚";
        return limits.Count == 0 ? text : $"{text}（{string.Join("；", limits)}）";
    }

    public static byte[] Render(AgreementDocumentModel m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return Docx.Render(Content(m), Title(m), m.Number, m.DepartmentName);
    }

    private static string Title(AgreementDocumentModel m) => m.IsGrant ? "乡镇行政执法赋权协议书" : "乡镇行政委托执法协议书";

    private static IEnumerable<OpenXmlElement> Content(AgreementDocumentModel m)
    {
        var grant = m.IsGrant;
        var mode = grant ? "赋权" : "委托";

        yield return Docx.Paragraph(Title(m), JustificationValues.Center, font: Docx.Song, size: Docx.TitleSize, bold: true,
            before: 0, after: m.Version > 1 ? 0 : BodyLine, line: 0);
        if (m.Version > 1)
        {
            yield return Docx.Paragraph($"（第{Docx.Numeral(m.Version)}版）", JustificationValues.Center, after: BodyLine);
        }
        yield return Docx.Paragraph(Docx.Clean(m.Number), JustificationValues.Right, after: BodyLine);

        yield return Docx.Paragraph($"{(grant ? "赋权部门" : "委托方")}（甲方）：{Docx.Clean(m.DepartmentName)}", JustificationValues.Left);
        yield return Docx.Paragraph($"{(grant ? "承接方" : "受托方")}（乙方）：{Docx.Clean(m.TownshipName)}", JustificationValues.Left,
            after: BodyLine);

        var district = Docx.Clean(m.DistrictName);
        yield return Docx.Body(grant
            ? $"根据《中华人民共和国行政处罚法》第二十四条和{Decision(m.GrantDecisionNumber)}，下列原由甲方行使的" +
              "行政执法事项交由乙方行使。为做好赋权事项的承接和衔接，甲乙双方经协商一致，订立本协议。"
            : $"为推进{district}乡镇综合行政执法，根据《中华人民共和国行政处罚法》第二十条、第二十一条的规定，" +
              "甲方将其依法享有的下列行政执法事项委托乙方实施。甲乙双方经协商一致，订立本协议。");

        var article = 0;
        string Article(string heading) => $"第{Docx.Numeral(++article)}条　{heading}";

        yield return Docx.Heading(Article($"{mode}事项及权限"));
        yield return Docx.Body(grant
            ? $"乙方在下列事项及权限范围内行使行政执法权（共{m.Matters.Count}项）："
            : $"甲方委托乙方实施下列行政执法事项，乙方在所列权限范围内实施（共{m.Matters.Count}项）：");
        yield return MatterTable(m.Matters, mode);

        yield return Docx.Heading(Article($"{mode}期限"));
        yield return Docx.Body($"{mode}期限自{Docx.ChineseDate(m.TermStart)}起至{Docx.ChineseDate(m.TermEnd)}止。期限届满{mode}自行终止；" +
            $"需要继续{mode}的，双方应当在期限届满前重新签订协议。");

        yield return Docx.Heading(Article("实施名义"));
        yield return Docx.Body(grant
            ? "乙方在赋权范围内以自己的名义实施行政执法，依法独立承担相应的法律责任。"
            : "乙方在委托范围内以甲方名义实施行政执法，不得再委托其他组织或者个人实施。");

        yield return Docx.Heading(Article("监督和责任"));
        yield return Docx.Body(grant
            ? "甲方负责对乙方行使赋权事项进行业务指导、培训和监督，并配合做好赋权事项的评估工作。"
            : "甲方负责监督乙方实施受委托的行政执法行为，并对该行为的后果承担法律责任。" +
              "当事人对乙方以甲方名义作出的行政执法决定不服申请行政复议或者提起行政诉讼的，以甲方为被申请人或者被告。");

        yield return Docx.Heading(Article("双方权利义务"));
        var duties = Docx.Paragraphs(m.RightsAndObligations);
        foreach (var duty in duties.Count > 0 ? duties : ["双方的其他权利义务按照有关法律、法规、规章和规范性文件的规定执行。"])
        {
            yield return Docx.Body(duty);
        }

        yield return Docx.Heading(Article("工作经费"));
        var note = string.IsNullOrWhiteSpace(m.FundingNote) ? "" : Docx.EndSentence(Docx.Clean(m.FundingNote));
        yield return Docx.Body(m.FundingAmount is { } amount
            ? $"甲方每年向乙方安排工作经费人民币{Docx.Yuan(amount)}元。{note}"
            : $"工作经费由双方另行约定。{note}");

        yield return Docx.Heading(Article("协议公开"));
        yield return Docx.Body($"本协议签订后，甲乙双方应当分别向社会公布{mode}的主体、事项、权限和期限。" +
            $"本协议经双方签字盖章并向社会公布后，自{mode}期限开始之日起施行。");

        // The last article travels with the seal blocks: a page of seals without text could be attached to anything.
        yield return Docx.Heading(Article("其他"));
        yield return Docx.KeepWithNext(Docx.Body("本协议未尽事宜，由甲乙双方协商解决。"));
        yield return Docx.KeepWithNext(Docx.Body("本协议一式两份，甲乙双方各执一份，具有同等法律效力。"));

        yield return SealBlocks(m);
    }

    private static Table MatterTable(IReadOnlyList<AgreementDocumentMatter> matters, string mode)
    {
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = TextWidth.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                new TableJustification { Val = TableRowAlignmentValues.Center },
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                    new LeftBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                    new BottomBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                    new RightBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                    new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Color = "000000" }),
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableCellMarginDefault(
                    new TopMargin { Width = "40", Type = TableWidthUnitValues.Dxa },
                    new TableCellLeftMargin { Width = 80, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "40", Type = TableWidthUnitValues.Dxa },
                    new TableCellRightMargin { Width = 80, Type = TableWidthValues.Dxa }),
                new TableLook { Val = "04A0" }),
            new TableGrid(MatterColumns.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));

        table.Append(Row(header: true, "序号", "事项编码", "事项名称", $"{mode}权限", "法律依据"));
        for (var i = 0; i < matters.Count; i++)
        {
            var matter = matters[i];
            table.Append(Row(header: false, (i + 1).ToString(CultureInfo.InvariantCulture), Docx.Clean(matter.Code),
                Docx.Clean(matter.Name), Docx.Clean(matter.AuthorityText), Docx.Clean(matter.LegalBasis)));
        }
        return table;
    }

    private static TableRow Row(bool header, params string[] cells)
    {
        var row = new TableRow(new TableRowProperties(header
            ? [new CantSplit(), new TableHeader()]
            : [new CantSplit()]));
        for (var i = 0; i < cells.Length; i++)
        {
            // Short columns are centred; names and legal bases read better from the left when they wrap.
            var align = header || i < 2 ? JustificationValues.Center : JustificationValues.Left;
            row.Append(new TableCell(
                new TableCellProperties(
                    new TableCellWidth { Width = MatterColumns[i].ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                    new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }),
                Docx.Paragraph(cells[i], align, font: header ? Docx.Hei : Docx.FangSong, size: Docx.TableSize, line: 0)));
        }
        return row;
    }

    // Two borderless columns so that each party's seal lands over its own name and date.
    private static Table SealBlocks(AgreementDocumentModel m)
    {
        var half = TextWidth / 2;
        var blank = "＿＿＿＿＿＿";
        var undated = "　　　　年　　月　　日";
        string[] left =
        [
            "甲方（盖章）", Docx.Clean(m.DepartmentName),
            $"负责人签字：{(string.IsNullOrWhiteSpace(m.DepartmentSignatory) ? blank : Docx.Clean(m.DepartmentSignatory))}",
            $"日期：{(m.SignedOn is { } d1 ? Docx.ChineseDate(d1) : undated)}",
        ];
        string[] right =
        [
            "乙方（盖章）", Docx.Clean(m.TownshipName),
            $"负责人签字：{(string.IsNullOrWhiteSpace(m.TownshipSignatory) ? blank : Docx.Clean(m.TownshipSignatory))}",
            $"日期：{(m.SignedOn is { } d2 ? Docx.ChineseDate(d2) : undated)}",
        ];

        var none = new TableBorders(
            new TopBorder { Val = BorderValues.None }, new LeftBorder { Val = BorderValues.None },
            new BottomBorder { Val = BorderValues.None }, new RightBorder { Val = BorderValues.None },
            new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None });
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = TextWidth.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                none,
                new TableLayout { Type = TableLayoutValues.Fixed }),
            new TableGrid(new GridColumn { Width = half.ToString(CultureInfo.InvariantCulture) },
                new GridColumn { Width = (TextWidth - half).ToString(CultureInfo.InvariantCulture) }));
        for (var i = 0; i < left.Length; i++)
        {
            // The first line keeps room above it for the seals; the block never splits across pages.
            var before = i == 0 ? BodyLine : 0;
            table.Append(new TableRow(new TableRowProperties(new CantSplit()),
                SealCell(left[i], half, before, keepNext: i < left.Length - 1),
                SealCell(right[i], TextWidth - half, before, keepNext: i < left.Length - 1)));
        }
        return table;
    }

    private static TableCell SealCell(string text, int width, int before, bool keepNext)
    {
        var paragraph = Docx.Paragraph(text, JustificationValues.Left, before: before);
        return new TableCell(
            new TableCellProperties(new TableCellWidth { Width = width.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }),
            keepNext ? Docx.KeepWithNext(paragraph) : paragraph);
    }

    private static string Decision(string? number) =>
        string.IsNullOrWhiteSpace(number) ? "省级人民政府的赋权决定" : $"赋权决定（{Docx.Clean(number)}）";
}
