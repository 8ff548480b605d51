using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using Docx = Entrust.Web.Platform.OfficialDocx;

namespace Entrust.Web.Features.Cases;

/// <summary>
/// Renders the prior notice (行政处罚事先告知书, APL 44) and the decision (行政处罚决定书, APL 59; 当场行政处罚决定书, APL 52) as
/// .docx on the official-document page (<see cref="Docx"/>). Both carry the deciding body's name — the entrusting department under
/// 委托, the township government under 赋权 — and the decision names that body as the respondent of a reconsideration and the
/// defendant of a lawsuit (APL 20 ¶3, ARL 19). The documents are always in Chinese.
/// </summary>
public static class CaseDocument
{
    private const string Blank = "＿＿＿＿＿＿＿＿＿＿＿＿";

    public static byte[] Render(CaseDocumentModel m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var content = m.Kind == CaseDocumentKind.Notice ? Notice(m) : Decision(m);
        return Docx.Render(content, Title(m), m.DecisionNumber ?? m.CaseNumber, m.DecidingBody);
    }

    public static string Title(CaseDocumentModel m) => m.Kind switch
    {
        CaseDocumentKind.Notice => "行政处罚事先告知书",
        _ when m.IsSummary => "当场行政处罚决定书",
        _ => "行政处罚决定书",
    };

    /// <summary>The download's file name: the document's title and number.</summary>
    /// <summary>The legal basis as documents cite it: 《law》article.</summary>
    public static string LegalBasis(string lawName, string article) =>
        string.IsNullOrWhiteSpace(lawName) ? article : $"《{lawName.Trim().Trim('《', '》')}》{article}";

    public static string FileName(CaseDocumentModel m) =>
        $"{Title(m)}-{string.Concat(Docx.Clean(m.DecisionNumber ?? m.CaseNumber).Split(Path.GetInvalidFileNameChars()))}.docx";

    private static IEnumerable<OpenXmlElement> Notice(CaseDocumentModel m)
    {
        var you = You(m.Party);
        foreach (var element in Header(m, Docx.Clean(m.CaseNumber)))
        {
            yield return element;
        }
        yield return Docx.Paragraph($"{Docx.Clean(m.Party.Name)}：", JustificationValues.Left);
        foreach (var line in PartyLines(m))
        {
            yield return Docx.Body(line);
        }

        yield return Docx.Body($"本机关于{Docx.ChineseDate(m.FiledOn)}对{you}涉嫌违法一案（{Docx.Clean(m.MatterName)}）立案调查。" +
            Handled(m));
        yield return Docx.Heading("一、违法事实");
        foreach (var paragraph in Docx.Paragraphs(m.Facts))
        {
            yield return Docx.Body(Docx.EndSentence(paragraph));
        }
        foreach (var element in EvidenceList(m))
        {
            yield return element;
        }
        yield return Docx.Heading("二、处罚理由和依据");
        foreach (var paragraph in Docx.Paragraphs(m.ReasonsAndBasis))
        {
            yield return Docx.Body(Docx.EndSentence(paragraph));
        }
        yield return Docx.Body($"依据{Docx.Clean(m.LegalBasis)}的规定，本机关拟对{you}作出如下行政处罚：");
        foreach (var item in PenaltyItems(m.Penalty))
        {
            yield return Docx.Body(item);
        }

        yield return Docx.Heading("三、当事人的权利");
        yield return Docx.Body($"根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，{you}享有陈述、申辩的权利。" +
            (m.RepresentationsUntil is { } until
                ? $"如有陈述、申辩意见，请于{Docx.ChineseDate(until)}前（含当日）向本机关提出；逾期未提出的，视为放弃此权利。"
                : "如有陈述、申辩意见，请在收到本告知书后及时向本机关提出。") +
            "本机关不因当事人陈述、申辩而给予更重的处罚。");
        if (m.HearingOffered)
        {
            yield return Docx.Body($"根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，{you}有权要求举行听证。" +
                $"如要求听证，应当在收到本告知书之日起五个工作日内" +
                (m.HearingRequestUntil is { } hearing ? $"（{Docx.ChineseDate(hearing)}前，含当日）" : "") +
                "向本机关提出；逾期未提出的，视为放弃听证权利。");
        }

        foreach (var element in Closing(m, signatures: false))
        {
            yield return element;
        }
    }

    private static IEnumerable<OpenXmlElement> Decision(CaseDocumentModel m)
    {
        var you = You(m.Party);
        foreach (var element in Header(m, string.IsNullOrWhiteSpace(m.DecisionNumber) ? "" : Docx.Clean(m.DecisionNumber)))
        {
            yield return element;
        }
        yield return Docx.Paragraph($"当事人：{Docx.Clean(m.Party.Name)}", JustificationValues.Left);
        foreach (var line in PartyLines(m))
        {
            yield return Docx.Paragraph(line, JustificationValues.Left);
        }

        yield return Docx.Body(m.IsSummary
            ? $"{Docx.ChineseDate(m.IssuedOn)}{OnTheSpot(m)}，本机关执法人员在执法检查中发现{you}存在违法行为（{Docx.Clean(m.MatterName)}），" +
              "违法事实确凿并有法定依据，依照《中华人民共和国行政处罚法》第五十一条的规定适用简易程序当场作出处罚决定。" + Handled(m)
            : $"本机关于{Docx.ChineseDate(m.FiledOn)}对{you}涉嫌违法一案（{Docx.Clean(m.MatterName)}）立案调查，现已调查终结。" + Handled(m));

        var section = 0;
        string Section(string heading) => $"{Docx.Numeral(++section)}、{heading}";

        yield return Docx.Heading(Section(m.Evidence.Count > 0 ? "违法事实和证据" : "违法事实"));
        foreach (var paragraph in Docx.Paragraphs(m.Facts))
        {
            yield return Docx.Body(Docx.EndSentence(paragraph));
        }
        foreach (var element in EvidenceList(m))
        {
            yield return element;
        }

        if (!m.IsSummary)
        {
            yield return Docx.Heading(Section("告知和陈述申辩情况"));
            yield return Docx.Body(Procedure(m, you));
        }

        yield return Docx.Heading(Section("处罚依据和处罚决定"));
        foreach (var paragraph in Docx.Paragraphs(m.ReasonsAndBasis))
        {
            yield return Docx.Body(Docx.EndSentence(paragraph));
        }
        if (m.Penalty.IsNone)
        {
            yield return Docx.Body($"依据{Docx.Clean(m.LegalBasis)}和《中华人民共和国行政处罚法》第五十七条的规定，本机关决定对{you}不予行政处罚。");
        }
        else
        {
            yield return Docx.Body($"依据{Docx.Clean(m.LegalBasis)}的规定，本机关决定对{you}作出如下行政处罚：");
            foreach (var item in PenaltyItems(m.Penalty))
            {
                yield return Docx.Body(item);
            }

            yield return Docx.Heading(Section("履行方式和期限"));
            foreach (var paragraph in Compliance(m, you))
            {
                yield return Docx.Body(paragraph);
            }
        }

        yield return Docx.Heading(Section("救济途径和期限"));
        var body = Docx.Clean(m.DecidingBody);
        yield return Docx.Body($"{you}如不服本决定，可以自收到本决定书之日起六十日内向{Docx.Clean(m.ReconsiderationBody)}申请行政复议，" +
            $"被申请人为{body}；也可以自收到本决定书之日起六个月内依法向{Docx.Clean(m.Court)}提起行政诉讼，被告为{body}。");
        if (!m.IsGrant)
        {
            yield return Docx.Body($"{Docx.Clean(m.TownshipName)}受{body}委托，以{body}的名义实施本行政处罚，" +
                $"由{body}对该行为的后果承担法律责任（《中华人民共和国行政处罚法》第二十条）。");
        }
        if (!m.Penalty.IsNone && m.Penalty.NeedsExecution)
        {
            yield return Docx.Body("申请行政复议或者提起行政诉讼期间，本决定不停止执行，法律另有规定的除外（《中华人民共和国行政处罚法》第七十三条）。");
        }

        foreach (var element in Closing(m, signatures: m.IsSummary))
        {
            yield return element;
        }
    }

    // The deciding body's name over the title and the number: the name the whole document is issued in.
    private static IEnumerable<Paragraph> Header(CaseDocumentModel m, string number)
    {
        yield return Docx.Paragraph(Docx.Clean(m.DecidingBody), JustificationValues.Center, font: Docx.Song, size: Docx.TitleSize,
            line: 0);
        yield return Docx.Paragraph(Title(m), JustificationValues.Center, font: Docx.Song, size: Docx.TitleSize, bold: true,
            after: number.Length > 0 ? 0 : Docx.BodyLine, line: 0);
        if (number.Length > 0)
        {
            yield return Docx.Paragraph(number, JustificationValues.Right, after: Docx.BodyLine);
        }
    }

    private static IEnumerable<string> PartyLines(CaseDocumentModel m)
    {
        var person = m.Party.Kind == PartyKind.Person;
        yield return $"{(person ? "公民身份号码" : "统一社会信用代码")}：{Docx.Clean(m.Party.Identifier)}";
        // APL 59 (一) asks for the address; where the filing gave none, the officer fills it in by hand.
        var address = Docx.Clean(m.PartyAddress);
        yield return $"{(person ? "住址" : "住所")}：{(address.Length > 0 ? address : Blank)}";
    }

    private static string Handled(CaseDocumentModel m)
    {
        if (m.IsGrant)
        {
            return "";
        }
        var agreement = string.IsNullOrWhiteSpace(m.AgreementNumber) ? "" : $"（委托协议：{Docx.Clean(m.AgreementNumber)}）";
        return $"本案由{Docx.Clean(m.TownshipName)}受本机关委托{agreement}，以本机关名义办理。";
    }

    private static IEnumerable<Paragraph> EvidenceList(CaseDocumentModel m)
    {
        if (m.Evidence.Count == 0)
        {
            yield break;
        }
        yield return Docx.Body("以上事实有下列证据证明：");
        for (var i = 0; i < m.Evidence.Count; i++)
        {
            var e = m.Evidence[i];
            yield return Docx.Body($"{i + 1}. {Docx.Clean(e.Kind)}（{Docx.ChineseDate(e.CollectedOn)}）：{Docx.EndSentence(Docx.Clean(e.Description))}");
        }
    }

    /// <summary>The time and place of an on-the-spot decision (APL 52 ¶2): "14时30分，在北碚区歇马镇凤凰村3组".</summary>
    private static string OnTheSpot(CaseDocumentModel m) =>
        (m.OnTheSpotTime is { } t ? $"{t.Hour}时{t.Minute:00}分" : "")
        + (string.IsNullOrWhiteSpace(m.OnTheSpotPlace) ? "" : $"，在{Docx.Clean(m.OnTheSpotPlace)}");

    private static string Procedure(CaseDocumentModel m, string you)
    {
        var text = new StringBuilder();
        if (m.NotifiedOn is { } notified)
        {
            text.Append($"本机关于{Docx.ChineseDate(notified)}向{you}送达了《行政处罚事先告知书》，告知了拟作出行政处罚的内容及事实、理由、依据，" +
                $"以及{you}依法享有的陈述、申辩{(m.HearingOffered ? "和要求听证" : "")}的权利。");
        }
        if (m.RightsWaivedOn is { } waived)
        {
            text.Append($"{you}于{Docx.ChineseDate(waived)}书面表示放弃陈述、申辩{(m.HearingOffered ? "和听证" : "")}的权利。");
        }
        if (m.RepresentationsOn is { } said)
        {
            text.Append($"{you}于{Docx.ChineseDate(said)}提出了陈述、申辩意见，本机关进行了复核。");
        }
        if (m.HearingHeldOn is { } heard)
        {
            text.Append($"应{you}的申请，本机关于{Docx.ChineseDate(heard)}依法举行了听证。");
        }
        if (m.RightsWaivedOn is null && m.RepresentationsOn is null && m.HearingHeldOn is null)
        {
            text.Append($"{you}在规定期限内未提出陈述、申辩意见{(m.HearingOffered ? "，也未要求听证" : "")}。");
        }
        return text.ToString();
    }

    /// <summary>The parts of a penalty as the numbered items of the notice or decision: （一）警告；（二）罚款人民币壹仟元整……</summary>
    internal static IReadOnlyList<string> PenaltyItems(Penalty p)
    {
        var parts = new List<string>();
        if (p.Warning)
        {
            parts.Add("警告");
        }
        if (p.Fine > 0)
        {
            parts.Add($"罚款人民币{Capital(p.Fine)}（¥{Docx.Yuan(p.Fine)}）");
        }
        if (p.Confiscation > 0)
        {
            parts.Add($"没收违法所得、非法财物，价值人民币{Capital(p.Confiscation)}（¥{Docx.Yuan(p.Confiscation)}）");
        }
        if (p.Measure != PenaltyMeasure.None)
        {
            parts.Add(Measure(p.Measure));
        }
        if (parts.Count == 0)
        {
            return ["不予行政处罚。"];
        }
        return parts.Select((part, i) => $"（{Docx.Numeral(i + 1)}）{part}{(i == parts.Count - 1 ? "。" : "；")}").ToList();
    }

    private static string Measure(PenaltyMeasure measure) => measure switch
    {
        PenaltyMeasure.LicenceSuspended => "暂扣许可证件",
        PenaltyMeasure.BusinessRestricted => "责令停产停业",
        PenaltyMeasure.LicenceRevoked => "吊销许可证件",
        _ => "",
    };

    private static IEnumerable<string> Compliance(CaseDocumentModel m, string you)
    {
        var place = Docx.Clean(m.PaymentPlace);
        var money = m.Penalty.Fine + m.Penalty.Confiscation;
        if (m.Penalty.Fine > 0)
        {
            yield return $"{you}应当自收到本决定书之日起十五日内，将罚款缴至{place}（《中华人民共和国行政处罚法》第六十七条）。" +
                "到期不缴纳罚款的，本机关可以每日按罚款数额的百分之三加处罚款，加处罚款的数额不超过罚款的数额，" +
                "并可以依法申请人民法院强制执行（《中华人民共和国行政处罚法》第七十二条）。";
        }
        if (m.Penalty.Confiscation > 0)
        {
            yield return $"没收的违法所得自收到本决定书之日起十五日内缴至{place}；没收的非法财物由本机关依法处置。";
        }
        if (m.Penalty.Measure != PenaltyMeasure.None)
        {
            yield return $"{Measure(m.Penalty.Measure)}自本决定书送达之日起执行。";
        }
        if (money == 0 && m.Penalty.Measure == PenaltyMeasure.None)
        {
            yield return "本决定书送达即为执行。";
        }
    }

    // The body's name and date under the text, with room for the seal (APL 59 ¶2); the summary decision is signed by the officers.
    private static IEnumerable<OpenXmlElement> Closing(CaseDocumentModel m, bool signatures)
    {
        if (signatures)
        {
            var names = string.Join("、", m.Officers.Select(Docx.Clean).Where(n => n.Length > 0));
            // The officers show their certificates on the spot (APL 52); the form names each one's number.
            var certificates = string.Join("、", m.OfficerCertificates.Select(Docx.Clean).Where(n => n.Length > 0));
            if (certificates.Length > 0)
            {
                yield return Docx.KeepWithNext(Docx.Body($"执法证件号：{certificates}"));
            }
            yield return Docx.KeepWithNext(Docx.Body($"执法人员：{(names.Length > 0 ? names : Blank)}（签名）"));
        }
        yield return Docx.KeepWithNext(Docx.Paragraph($"{Docx.Clean(m.DecidingBody)}（印章）", JustificationValues.Right,
            before: Docx.BodyLine * 2, indent: 0));
        yield return Docx.KeepWithNext(Docx.Paragraph(Docx.ChineseDate(m.IssuedOn), JustificationValues.Right));
        yield return Docx.Paragraph("当事人签收：＿＿＿＿＿＿＿＿　　　　年　　月　　日", JustificationValues.Left, before: Docx.BodyLine);
    }

    private static string You(CaseParty party) => party.Kind == PartyKind.Person ? "你" : "你单位";

    /// <summary>
    /// An amount in the capital numerals of financial writing (大写金额): 1000 → 壹仟元整, 1005 → 壹仟零伍元整, 100500 →
    /// 壹拾万零伍佰元整, 12.5 → 壹拾贰元伍角整, 0.05 → 伍分. A zero inside is read once; a section of ten thousands that starts
    /// with zeros is preceded by 零.
    /// </summary>
    internal static string Capital(decimal amount)
    {
        const string digits = "零壹贰叁肆伍陆柒捌玖";
        string[] units = ["", "拾", "佰", "仟"];
        string[] sections = ["", "万", "亿", "万亿"];
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        var fen = (long)Math.Round(amount * 100m, MidpointRounding.AwayFromZero);
        var yuan = fen / 100;
        var jiao = (int)(fen / 10 % 10);
        var cents = (int)(fen % 10);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(yuan, 10_000_000_000_000_000L);

        var text = new StringBuilder();
        if (yuan > 0)
        {
            var groups = new List<int>();
            for (var rest = yuan; rest > 0; rest /= 10000)
            {
                groups.Add((int)(rest % 10000));
            }
            var zero = false;
            for (var g = groups.Count - 1; g >= 0; g--)
            {
                if (groups[g] == 0)
                {
                    continue;
                }
                for (int place = 3, scale = 1000; place >= 0; place--, scale /= 10)
                {
                    var digit = groups[g] / scale % 10;
                    if (digit == 0)
                    {
                        zero = text.Length > 0;
                        continue;
                    }
                    if (zero)
                    {
                        text.Append('零');
                        zero = false;
                    }
                    text.Append(digits[digit]).Append(units[place]);
                }
                text.Append(sections[g]);
            }
            text.Append('元');
        }
        if (jiao == 0 && cents == 0)
        {
            return yuan == 0 ? "零元整" : text.Append('整').ToString();
        }
        if (jiao > 0)
        {
            text.Append(digits[jiao]).Append('角');
        }
        else if (yuan > 0)
        {
            text.Append('零');
        }
        if (cents > 0)
        {
            text.Append(digits[cents]).Append('分');
        }
        else
        {
            text.Append('整');
        }
        return text.ToString();
    }
}
