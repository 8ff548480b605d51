using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Entrust.Web.Features.Agreements;

/// <summary>
/// Renders the printed agreement (委托执法协议书 / 赋权协议书) as a .docx laid out in the spirit of GB/T 9704
/// (党政机关公文格式): A4, 37/35/28/26 mm margins, a 宋体 title, 仿宋 三号 body, 黑体 article headings, a table of
/// matters, side-by-side seal blocks and 「— N —」 page numbers outside on odd and even pages.
/// </summary>
public static class AgreementDocument
{
    // Font names as Word writes them on a Chinese Windows; the font table gives the English names and the GB2312
    // charset so that Word, WPS and LibreOffice (which falls back to Noto CJK through fontconfig) all find a face.
    private const string Song = "宋体";
    private const string FangSong = "仿宋";
    private const string Hei = "黑体";
    private const string Latin = "Times New Roman";

    // Half-points: 二号 22pt, 三号 16pt, 四号 14pt, 小四 12pt.
    private const int TitleSize = 44;
    private const int BodySize = 32;
    private const int PageNumberSize = 28;
    private const int TableSize = 24;

    // Twentieths of a point. A4 and GB/T 9704's margins; the text block is 156 × 225 mm, 22 lines of 28 characters.
    private const int PageWidth = 11906;
    private const int PageHeight = 16838;
    private const int MarginTop = 2098;     // 37 mm
    private const int MarginBottom = 1984;  // 35 mm
    private const int MarginLeft = 1587;    // 28 mm
    private const int MarginRight = 1474;   // 26 mm
    private const int TextWidth = PageWidth - MarginLeft - MarginRight;
    private const int BodyLine = 579;       // 225 mm / 22 lines, exact
    private const int TwoCharacters = 640;  // first-line indent: two 16pt characters

    private static readonly int[] MatterColumns = [760, 1400, 2700, 1980, TextWidth - 760 - 1400 - 2700 - 1980];

    public static byte[] Render(AgreementDocumentModel m)
    {
        ArgumentNullException.ThrowIfNull(m);
        using var stream = new MemoryStream();
        using (var package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = package.AddMainDocumentPart();
            AddStyles(main);
            AddFontTable(main);
            AddSettings(main);
            var (oddFooter, evenFooter) = AddFooters(main);

            var body = new Body();
            foreach (var element in Content(m))
            {
                body.Append(element);
            }
            body.Append(Section(oddFooter, evenFooter));
            main.Document = new Document(body);

            package.PackageProperties.Title = Title(m);
            package.PackageProperties.Subject = Clean(m.Number);
            package.PackageProperties.Creator = Clean(m.DepartmentName);
            package.PackageProperties.Language = "zh-CN";
        }
        return stream.ToArray();
    }

    private static string Title(AgreementDocumentModel m) => m.IsGrant ? "乡镇行政执法赋权协议书" : "乡镇行政委托执法协议书";

    private static IEnumerable<OpenXmlElement> Content(AgreementDocumentModel m)
    {
        var grant = m.IsGrant;
        var mode = grant ? "赋权" : "委托";

        yield return Paragraph(Title(m), JustificationValues.Center, font: Song, size: TitleSize, bold: true,
            before: 0, after: m.Version > 1 ? 0 : BodyLine, line: 0);
        if (m.Version > 1)
        {
            yield return Paragraph($"（第{Numeral(m.Version)}版）", JustificationValues.Center, after: BodyLine);
        }
        yield return Paragraph(Clean(m.Number), JustificationValues.Right, after: BodyLine);

        yield return Paragraph($"{(grant ? "赋权部门" : "委托方")}（甲方）：{Clean(m.DepartmentName)}", JustificationValues.Left);
        yield return Paragraph($"{(grant ? "承接方" : "受托方")}（乙方）：{Clean(m.TownshipName)}", JustificationValues.Left,
            after: BodyLine);

        var district = Clean(m.DistrictName);
        yield return Body(grant
            ? $"根据《中华人民共和国行政处罚法》第二十四条和{Decision(m.GrantDecisionNumber)}，下列原由甲方行使的" +
              "行政执法事项交由乙方行使。为做好赋权事项的承接和衔接，甲乙双方经协商一致，订立本协议。"
            : $"为推进{district}乡镇综合行政执法，根据《中华人民共和国行政处罚法》第二十条、第二十一条的规定，" +
              "甲方将其依法享有的下列行政执法事项委托乙方实施。甲乙双方经协商一致，订立本协议。");

        var article = 0;
        string Article(string heading) => $"第{Numeral(++article)}条　{heading}";

        yield return Heading(Article($"{mode}事项及权限"));
        yield return Body(grant
            ? $"乙方在下列事项及权限范围内行使行政执法权（共{m.Matters.Count}项）："
            : $"甲方委托乙方实施下列行政执法事项，乙方在所列权限范围内实施（共{m.Matters.Count}项）：");
        yield return MatterTable(m.Matters, mode);

        yield return Heading(Article($"{mode}期限"));
        yield return Body($"{mode}期限自{ChineseDate(m.TermStart)}起至{ChineseDate(m.TermEnd)}止。期限届满{mode}自行终止；" +
            $"需要继续{mode}的，双方应当在期限届满前重新签订协议。");

        yield return Heading(Article("实施名义"));
        yield return Body(grant
            ? "乙方在赋权范围内以自己的名义实施行政执法，依法独立承担相应的法律责任。"
            : "乙方在委托范围内以甲方名义实施行政执法，不得再委托其他组织或者个人实施。");

        yield return Heading(Article("监督和责任"));
        yield return Body(grant
            ? "甲方负责对乙方行使赋权事项进行业务指导、培训和监督，并配合做好赋权事项的评估工作。"
            : "甲方负责监督乙方实施受委托的行政执法行为，并对该行为的后果承担法律责任。" +
              "当事人对乙方以甲方名义作出的行政执法决定不服申请行政复议或者提起行政诉讼的，以甲方为被申请人或者被告。");

        yield return Heading(Article("双方权利义务"));
        var duties = Paragraphs(m.RightsAndObligations);
        foreach (var duty in duties.Count > 0 ? duties : ["双方的其他权利义务按照有关法律、法规、规章和规范性文件的规定执行。"])
        {
            yield return Body(duty);
        }

        yield return Heading(Article("工作经费"));
        var note = string.IsNullOrWhiteSpace(m.FundingNote) ? "" : EndSentence(Clean(m.FundingNote));
        yield return Body(m.FundingAmount is { } amount
            ? $"甲方每年向乙方安排工作经费人民币{Yuan(amount)}元。{note}"
            : $"工作经费由双方另行约定。{note}");

        yield return Heading(Article("协议公开"));
        yield return Body($"本协议签订后，甲乙双方应当分别向社会公布{mode}的主体、事项、权限和期限。" +
            $"本协议经双方签字盖章并向社会公布后，自{mode}期限开始之日起施行。");

        // The last article travels with the seal blocks: a page of seals without text could be attached to anything.
        yield return Heading(Article("其他"));
        yield return KeepWithNext(Body("本协议未尽事宜，由甲乙双方协商解决。"));
        yield return KeepWithNext(Body("本协议一式两份，甲乙双方各执一份，具有同等法律效力。"));

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
            table.Append(Row(header: false, (i + 1).ToString(CultureInfo.InvariantCulture), Clean(matter.Code),
                Clean(matter.Name), Clean(matter.AuthorityText), Clean(matter.LegalBasis)));
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
                Paragraph(cells[i], align, font: header ? Hei : FangSong, size: TableSize, line: 0)));
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
            "甲方（盖章）", Clean(m.DepartmentName),
            $"负责人签字：{(string.IsNullOrWhiteSpace(m.DepartmentSignatory) ? blank : Clean(m.DepartmentSignatory))}",
            $"日期：{(m.SignedOn is { } d1 ? ChineseDate(d1) : undated)}",
        ];
        string[] right =
        [
            "乙方（盖章）", Clean(m.TownshipName),
            $"负责人签字：{(string.IsNullOrWhiteSpace(m.TownshipSignatory) ? blank : Clean(m.TownshipSignatory))}",
            $"日期：{(m.SignedOn is { } d2 ? ChineseDate(d2) : undated)}",
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
        var paragraph = Paragraph(text, JustificationValues.Left, before: before);
        return new TableCell(
            new TableCellProperties(new TableCellWidth { Width = width.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }),
            keepNext ? KeepWithNext(paragraph) : paragraph);
    }

    private static Paragraph Heading(string text) =>
        KeepWithNext(Paragraph(text, JustificationValues.Left, font: Hei, indent: TwoCharacters));

    private static Paragraph KeepWithNext(Paragraph paragraph)
    {
        paragraph.ParagraphProperties!.KeepNext = new KeepNext();
        return paragraph;
    }

    private static Paragraph Body(string text) => Paragraph(text, JustificationValues.Both, indent: TwoCharacters);

    private static Paragraph Paragraph(string text, JustificationValues align, string font = FangSong, int size = BodySize,
        bool bold = false, int before = 0, int after = 0, int line = BodyLine, int indent = 0)
    {
        var properties = new ParagraphProperties
        {
            SpacingBetweenLines = line > 0
                ? new SpacingBetweenLines
                {
                    Before = before.ToString(CultureInfo.InvariantCulture),
                    After = after.ToString(CultureInfo.InvariantCulture),
                    Line = line.ToString(CultureInfo.InvariantCulture),
                    LineRule = LineSpacingRuleValues.Exact,
                }
                : new SpacingBetweenLines
                {
                    Before = before.ToString(CultureInfo.InvariantCulture),
                    After = after.ToString(CultureInfo.InvariantCulture),
                    Line = "240",
                    LineRule = LineSpacingRuleValues.Auto,
                },
            Justification = new Justification { Val = align },
        };
        if (indent > 0)
        {
            properties.Indentation = new Indentation
            {
                FirstLine = indent.ToString(CultureInfo.InvariantCulture),
                FirstLineChars = 200,
            };
        }
        return new Paragraph(properties, Run(text, font, size, bold));
    }

    private static Run Run(string text, string font, int size, bool bold = false)
    {
        var properties = new RunProperties
        {
            RunFonts = Fonts(font),
            FontSize = new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) },
            FontSizeComplexScript = new FontSizeComplexScript { Val = size.ToString(CultureInfo.InvariantCulture) },
        };
        if (bold)
        {
            properties.Bold = new Bold();
            properties.BoldComplexScript = new BoldComplexScript();
        }
        return new Run(properties, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    private static RunFonts Fonts(string eastAsia) => new()
    {
        Ascii = Latin,
        HighAnsi = Latin,
        EastAsia = eastAsia,
        ComplexScript = Latin,
        Hint = FontTypeHintValues.EastAsia,
    };

    private static void AddStyles(MainDocumentPart main)
    {
        var part = main.AddNewPart<StyleDefinitionsPart>();
        part.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle
                {
                    RunFonts = Fonts(FangSong),
                    FontSize = new FontSize { Val = BodySize.ToString(CultureInfo.InvariantCulture) },
                    FontSizeComplexScript = new FontSizeComplexScript { Val = BodySize.ToString(CultureInfo.InvariantCulture) },
                    Languages = new Languages { Val = "en-US", EastAsia = "zh-CN", Bidi = "ar-SA" },
                }),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle
                {
                    SpacingBetweenLines = new SpacingBetweenLines { After = "0", Line = BodyLine.ToString(CultureInfo.InvariantCulture), LineRule = LineSpacingRuleValues.Exact },
                })),
            new Style(
                new StyleName { Val = "Normal" },
                new PrimaryStyle())
            { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            new Style(
                new StyleName { Val = "Normal Table" },
                new UIPriority { Val = 99 },
                new SemiHidden(),
                new UnhideWhenUsed(),
                new StyleTableProperties(
                    new TableIndentation { Width = 0, Type = TableWidthUnitValues.Dxa },
                    new TableCellMarginDefault(
                        new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                        new TableCellLeftMargin { Width = 108, Type = TableWidthValues.Dxa },
                        new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                        new TableCellRightMargin { Width = 108, Type = TableWidthValues.Dxa })))
            { Type = StyleValues.Table, StyleId = "TableNormal", Default = true });
    }

    private static void AddFontTable(MainDocumentPart main)
    {
        var part = main.AddNewPart<FontTablePart>();
        part.Fonts = new Fonts(
            Font(Song, "SimSun", "02010600030101010101", "86", FontFamilyValues.Auto),
            Font(FangSong, "FangSong", "02010609060101010101", "86", FontFamilyValues.Modern),
            Font(Hei, "SimHei", "02010609060101010101", "86", FontFamilyValues.Modern),
            new Font(
                new Panose1Number { Val = "02020603050405020304" },
                new FontCharSet { Val = "00" },
                new FontFamily { Val = FontFamilyValues.Roman },
                new Pitch { Val = FontPitchValues.Variable })
            { Name = Latin });

        static Font Font(string name, string english, string panose, string charset, FontFamilyValues family) =>
            new(new AltName { Val = english },
                new Panose1Number { Val = panose },
                new FontCharSet { Val = charset },
                new FontFamily { Val = family },
                new Pitch { Val = family == FontFamilyValues.Modern ? FontPitchValues.Fixed : FontPitchValues.Variable })
            { Name = name };
    }

    private static void AddSettings(MainDocumentPart main)
    {
        var part = main.AddNewPart<DocumentSettingsPart>();
        part.Settings = new Settings(
            new Zoom { Percent = "100" },
            new DefaultTabStop { Val = 420 },
            new EvenAndOddHeaders(),
            new CharacterSpacingControl { Val = CharacterSpacingValues.CompressPunctuation },
            new ThemeFontLanguages { Val = "en-US", EastAsia = "zh-CN" });
    }

    // GB/T 9704: 4号 Arabic page numbers between dashes, one character in from the outer edge.
    private static (string Odd, string Even) AddFooters(MainDocumentPart main)
    {
        var odd = main.AddNewPart<FooterPart>();
        odd.Footer = new Footer(PageNumber(JustificationValues.Right));
        var even = main.AddNewPart<FooterPart>();
        even.Footer = new Footer(PageNumber(JustificationValues.Left));
        return (main.GetIdOfPart(odd), main.GetIdOfPart(even));
    }

    private static Paragraph PageNumber(JustificationValues side)
    {
        var properties = new ParagraphProperties
        {
            SpacingBetweenLines = new SpacingBetweenLines { Line = "240", LineRule = LineSpacingRuleValues.Auto },
            Indentation = side == JustificationValues.Right
                ? new Indentation { Right = "280" }
                : new Indentation { Left = "280" },
            Justification = new Justification { Val = side },
        };
        Run Part(OpenXmlElement content)
        {
            var run = Run("", Song, PageNumberSize);
            run.RemoveAllChildren<Text>();
            run.Append(content);
            return run;
        }
        return new Paragraph(properties,
            Run("— ", Song, PageNumberSize),
            Part(new FieldChar { FieldCharType = FieldCharValues.Begin }),
            Part(new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
            Part(new FieldChar { FieldCharType = FieldCharValues.Separate }),
            Part(new Text("1")),
            Part(new FieldChar { FieldCharType = FieldCharValues.End }),
            Run(" —", Song, PageNumberSize));
    }

    private static SectionProperties Section(string oddFooter, string evenFooter) => new(
        new FooterReference { Type = HeaderFooterValues.Default, Id = oddFooter },
        new FooterReference { Type = HeaderFooterValues.Even, Id = evenFooter },
        new PageSize { Width = PageWidth, Height = PageHeight },
        new PageMargin
        {
            Top = MarginTop,
            Bottom = MarginBottom,
            Left = MarginLeft,
            Right = MarginRight,
            Header = 851,
            Footer = 992,
            Gutter = 0,
        },
        new Columns { Space = "425" },
        // No line grid: body lines are exact already, and a grid would stretch the table's 小四 lines to the body pitch.
        new DocGrid { LinePitch = 312 });

    private static string Decision(string? number) =>
        string.IsNullOrWhiteSpace(number) ? "省级人民政府的赋权决定" : $"赋权决定（{Clean(number)}）";

    private static List<string> Paragraphs(string text) =>
        (text ?? "").Split('\n')
            .Select(line => Clean(line).Trim())
            .Where(line => line.Length > 0)
            .ToList();

    private static string EndSentence(string text) =>
        text.Length > 0 && "。！？；".Contains(text[^1], StringComparison.Ordinal) ? text : text + "。";

    private static string Yuan(decimal amount) =>
        amount == decimal.Truncate(amount)
            ? amount.ToString("#,0", CultureInfo.InvariantCulture)
            : amount.ToString("#,0.00", CultureInfo.InvariantCulture);

    internal static string ChineseDate(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    // 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 23 → 二十三; enough for articles and versions.
    internal static string Numeral(int n)
    {
        const string digits = "〇一二三四五六七八九";
        if (n is < 1 or > 99)
        {
            return n.ToString(CultureInfo.InvariantCulture);
        }
        var tens = n / 10;
        var ones = n % 10;
        var text = new StringBuilder();
        if (tens > 1)
        {
            text.Append(digits[tens]);
        }
        if (tens > 0)
        {
            text.Append('十');
        }
        if (ones > 0)
        {
            text.Append(digits[ones]);
        }
        return text.ToString();
    }

    // User-typed text may carry control characters that XML can't hold; tabs and line breaks become spaces.
    private static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else if (c is '\t' or '\n' or '\r')
            {
                clean.Append(' ');
            }
            else if (!char.IsControl(c) && !char.IsSurrogate(c) && c is not ('\uFFFE' or '\uFFFF'))
            {
                clean.Append(c);
            }
        }
        return clean.ToString().Trim();
    }
}
