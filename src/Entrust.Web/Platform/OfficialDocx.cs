using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Entrust.Web.Platform;

/// <summary>
/// The page and type of the printed documents (agreements, case documents), laid out in the spirit of GB/T 9704
/// (党政机关公文格式): A4, 37/35/28/26 mm margins, a 宋体 title, 仿宋 三号 body, 黑体 headings and 「— N —」 page numbers
/// outside on odd and even pages. Each document composes its paragraphs from these pieces.
/// </summary>
internal static class OfficialDocx
{
    // Font names as Word writes them on a Chinese Windows; the font table gives the English names and the GB2312
    // charset so that Word, WPS and LibreOffice (which falls back to Noto CJK through fontconfig) all find a face.
    public const string Song = "宋体";
    public const string FangSong = "仿宋";
    public const string Hei = "黑体";
    private const string Latin = "Times New Roman";

    // Half-points: 二号 22pt, 三号 16pt, 四号 14pt, 小四 12pt.
    public const int TitleSize = 44;
    public const int BodySize = 32;
    public const int PageNumberSize = 28;
    public const int TableSize = 24;

    // Twentieths of a point. A4 and GB/T 9704's margins; the text block is 156 × 225 mm, 22 lines of 28 characters.
    private const int PageWidth = 11906;
    private const int PageHeight = 16838;
    private const int MarginTop = 2098;     // 37 mm
    private const int MarginBottom = 1984;  // 35 mm
    private const int MarginLeft = 1587;    // 28 mm
    private const int MarginRight = 1474;   // 26 mm
    public const int TextWidth = PageWidth - MarginLeft - MarginRight;
    public const int BodyLine = 579;        // 225 mm / 22 lines, exact
    public const int TwoCharacters = 640;   // first-line indent: two 16pt characters

    /// <summary>A complete .docx package holding <paramref name="content"/> on GB/T 9704 pages.</summary>
    public static byte[] Render(IEnumerable<OpenXmlElement> content, string title, string subject, string creator)
    {
        using var stream = new MemoryStream();
        using (var package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = package.AddMainDocumentPart();
            AddStyles(main);
            AddFontTable(main);
            AddSettings(main);
            var (oddFooter, evenFooter) = AddFooters(main);

            var body = new Body();
            foreach (var element in content)
            {
                body.Append(element);
            }
            body.Append(Section(oddFooter, evenFooter));
            main.Document = new Document(body);

            package.PackageProperties.Title = title;
            package.PackageProperties.Subject = Clean(subject);
            package.PackageProperties.Creator = Clean(creator);
            package.PackageProperties.Language = "zh-CN";
        }
        return stream.ToArray();
    }

    public static Paragraph Heading(string text) =>
        KeepWithNext(Paragraph(text, JustificationValues.Left, font: Hei, indent: TwoCharacters));

    public static Paragraph KeepWithNext(Paragraph paragraph)
    {
        paragraph.ParagraphProperties!.KeepNext = new KeepNext();
        return paragraph;
    }

    public static Paragraph Body(string text) => Paragraph(text, JustificationValues.Both, indent: TwoCharacters);

    public static Paragraph Paragraph(string text, JustificationValues align, string font = FangSong, int size = BodySize,
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

    public static Run Run(string text, string font, int size, bool bold = false)
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
        return new Run(properties, new W.Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    /// <summary>A borderless table of fixed columns, for blocks that must line up (seals, signatures).</summary>
    public static Table BorderlessTable(params int[] columns) => new(
        new TableProperties(
            new TableWidth { Width = TextWidth.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
            new TableBorders(
                new TopBorder { Val = BorderValues.None }, new LeftBorder { Val = BorderValues.None },
                new BottomBorder { Val = BorderValues.None }, new RightBorder { Val = BorderValues.None },
                new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None }),
            new TableLayout { Type = TableLayoutValues.Fixed }),
        new TableGrid(columns.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));

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
            run.RemoveAllChildren<W.Text>();
            run.Append(content);
            return run;
        }
        return new Paragraph(properties,
            Run("— ", Song, PageNumberSize),
            Part(new FieldChar { FieldCharType = FieldCharValues.Begin }),
            Part(new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
            Part(new FieldChar { FieldCharType = FieldCharValues.Separate }),
            Part(new W.Text("1")),
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

    /// <summary>Free text split into its non-empty paragraphs.</summary>
    public static List<string> Paragraphs(string? text) =>
        (text ?? "").Split('\n')
            .Select(line => Clean(line).Trim())
            .Where(line => line.Length > 0)
            .ToList();

    public static string EndSentence(string text) =>
        text.Length > 0 && "。！？；".Contains(text[^1], StringComparison.Ordinal) ? text : text + "。";

    public static string Yuan(decimal amount) =>
        amount == decimal.Truncate(amount)
            ? amount.ToString("#,0", CultureInfo.InvariantCulture)
            : amount.ToString("#,0.00", CultureInfo.InvariantCulture);

    public static string ChineseDate(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    // 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 23 → 二十三; enough for articles and versions.
    public static string Numeral(int n)
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
    public static string Clean(string? text)
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
