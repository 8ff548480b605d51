using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Cases;
using Entrust.Web.Platform;
using static Entrust.Tests.Rules.CaseFixtures;
using Case = Entrust.Web.Features.Cases.Case;
using WordParagraph = DocumentFormat.OpenXml.Wordprocessing.Paragraph;

namespace Entrust.Tests.Rules;

/// <summary>
/// The prior notice (APL 44) and the decision (APL 59, LAW 20) as .docx: valid packages, every required item, in the name of the
/// entrusting department under 委托 and of the township under 赋权, and they open in LibreOffice.
/// </summary>
public sealed class CaseDocumentTests
{
    private const string Department = "重庆市北碚区卫生健康委员会";
    private const string TownshipGovernment = "重庆市北碚区歇马镇人民政府";

    private static CaseDocumentSources Sources(bool grant = false, string? address = "重庆市北碚区歇马街道某村某组12号") => new(
        TownshipName: TownshipGovernment,
        MatterName: "对未取得卫生许可从事餐饮经营行为的处罚",
        LegalBasis: "《中华人民共和国食品安全法》第一百二十二条",
        AgreementNumber: grant ? null : "北碚委托〔2026〕7号",
        ReconsiderationBody: "重庆市北碚区人民政府",
        Court: "重庆市北碚区人民法院",
        PaymentPlace: "中国工商银行重庆北碚支行（或者通过重庆市非税收入电子缴款系统）",
        PartyAddress: address);

    /// <summary>The fixtures' case brought to a decision of 1,000 RMB on 30 September, under 委托 or 赋权.</summary>
    private static Case DecidedUnder(bool grant, CaseParty? party = null, Penalty? penalty = null)
    {
        var entitlement = Entitled(mode: grant ? AgreementMode.Grant : AgreementMode.Entrustment);
        var c = new Case(Filing(party), entitlement, Two, Settings);
        c.BeginInvestigation(FiledOn, Two);
        c.AddEvidence(D("2026-09-02"), "现场检查笔录", "经营场所未悬挂卫生许可证", Two);
        c.AddEvidence(D("2026-09-02"), "询问笔录", "当事人承认自2026年8月20日起经营", Two);
        var intended = penalty ?? Penalty.FineOf(1000m);
        c.Notify(new NoticeFacts(D("2026-09-03"), intended, "当事人未取得卫生许可从事餐饮经营，违法事实清楚，证据确凿"), Settings,
            NationalDay2026);
        c.Decide(new DecisionFacts(D("2026-09-30"), "北碚卫罚〔2026〕12号", intended), entitlement);
        return c;
    }

    private static byte[] Render(Case c, CaseDocumentKind kind, bool grant = false, string? address = "重庆市北碚区歇马街道某村某组12号") =>
        CaseDocument.Render(CaseDocumentModel.Of(c, kind, Sources(grant, address)));

    private static List<string> Paragraphs(byte[] docx)
    {
        using var stream = new MemoryStream(docx);
        using var document = WordprocessingDocument.Open(stream, false);
        return document.MainDocumentPart!.Document!.Body!.Descendants<WordParagraph>().Select(p => p.InnerText).ToList();
    }

    private static string Text(byte[] docx) => string.Join("\n", Paragraphs(docx));

    private static List<string> Errors(byte[] docx)
    {
        using var stream = new MemoryStream(docx);
        using var document = WordprocessingDocument.Open(stream, false);
        return new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
    }

    [Theory]
    [InlineData(CaseDocumentKind.Notice, false)]
    [InlineData(CaseDocumentKind.Notice, true)]
    [InlineData(CaseDocumentKind.Decision, false)]
    [InlineData(CaseDocumentKind.Decision, true)]
    public void ThePackageValidatesWithoutErrors(CaseDocumentKind kind, bool grant)
    {
        var errors = Errors(Render(DecidedUnder(grant), kind, grant));

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void TheNoticeStatesTheIntendedPenaltyFactsEvidenceReasonsBasisAndTheRightToBeHeard()
    {
        var text = Text(Render(DecidedUnder(grant: false), CaseDocumentKind.Notice));

        Assert.Contains("行政处罚事先告知书", text);
        Assert.Contains("北碚卫立〔2026〕12号", text);
        Assert.Contains("刘某：", text);
        Assert.Contains("公民身份号码：11010519491231002X", text);
        Assert.Contains("本机关于2026年9月1日对你涉嫌违法一案（对未取得卫生许可从事餐饮经营行为的处罚）立案调查。", text);
        Assert.Contains("未取得卫生许可从事餐饮经营。", text);
        Assert.Contains("1. 现场检查笔录（2026年9月2日）：经营场所未悬挂卫生许可证。", text);
        Assert.Contains("2. 询问笔录（2026年9月2日）：当事人承认自2026年8月20日起经营。", text);
        Assert.Contains("当事人未取得卫生许可从事餐饮经营，违法事实清楚，证据确凿。", text);
        Assert.Contains("依据《中华人民共和国食品安全法》第一百二十二条的规定，本机关拟对你作出如下行政处罚：", text);
        Assert.Contains("（一）罚款人民币壹仟元整（¥1,000）。", text);
        // Notified Thursday 3 September: five working days for representations end on Thursday the 10th.
        Assert.Contains("享有陈述、申辩的权利。如有陈述、申辩意见，请于2026年9月10日前（含当日）向本机关提出", text);
        Assert.Contains("不因当事人陈述、申辩而给予更重的处罚", text);
        // A 1,000 RMB fine is below the hearing threshold: the notice offers no hearing.
        Assert.DoesNotContain("听证", text);
        Assert.Contains("2026年9月3日", text);
        Assert.DoesNotContain("北碚卫罚〔2026〕12号", text);
    }

    [Fact]
    public void ANoticeOfALargeFineOffersAHearingWithinFiveWorkingDaysAcrossTheHolidays()
    {
        var c = Notified(Penalty.FineOf(10000m), D("2026-09-28"));

        var text = Text(Render(c, CaseDocumentKind.Notice));

        Assert.Contains("（一）罚款人民币壹万元整（¥10,000）。", text);
        Assert.Contains("有权要求举行听证。如要求听证，应当在收到本告知书之日起五个工作日内（2026年10月10日前，含当日）向本机关提出", text);
    }

    [Fact]
    public void TheDecisionStatesEveryItemArticle59Requires()
    {
        var text = Text(Render(DecidedUnder(grant: false, party: Company), CaseDocumentKind.Decision));

        // (一) the party, its credit code and address
        Assert.Contains("当事人：歇马某农家乐有限公司", text);
        Assert.Contains("统一社会信用代码：91500109MA5U5XXX0X", text);
        Assert.Contains("住所：重庆市北碚区歇马街道某村某组12号", text);
        // (二) the facts and the evidence
        Assert.Contains("违法事实和证据", text);
        Assert.Contains("未取得卫生许可从事餐饮经营。", text);
        Assert.Contains("1. 现场检查笔录（2026年9月2日）：经营场所未悬挂卫生许可证。", text);
        // (三) the penalty and its basis
        Assert.Contains("依据《中华人民共和国食品安全法》第一百二十二条的规定，本机关决定对你单位作出如下行政处罚：", text);
        Assert.Contains("（一）罚款人民币壹仟元整（¥1,000）。", text);
        // (四) how and by when to comply
        Assert.Contains("你单位应当自收到本决定书之日起十五日内，将罚款缴至中国工商银行重庆北碚支行（或者通过重庆市非税收入电子缴款系统）", text);
        Assert.Contains("每日按罚款数额的百分之三加处罚款，加处罚款的数额不超过罚款的数额", text);
        // (五) the remedy routes and their time limits
        Assert.Contains("自收到本决定书之日起六十日内向重庆市北碚区人民政府申请行政复议", text);
        Assert.Contains("自收到本决定书之日起六个月内依法向重庆市北碚区人民法院提起行政诉讼", text);
        Assert.Contains("本决定不停止执行", text);
        // (六) the deciding body and the date, and the number
        Assert.Contains("北碚卫罚〔2026〕12号", text);
        Assert.Contains($"{Department}（印章）", text);
        Assert.Contains("2026年9月30日", text);
        // The procedure followed before it
        Assert.Contains("本机关于2026年9月3日向你单位送达了《行政处罚事先告知书》", text);
        Assert.Contains("你单位在规定期限内未提出陈述、申辩意见。", text);
    }

    [Fact]
    public void UnderEntrustmentTheDocumentsAreInTheDepartmentsNameAndTheDepartmentAnswersForTheDecision()
    {
        var c = DecidedUnder(grant: false);
        var decision = Paragraphs(Render(c, CaseDocumentKind.Decision));
        var notice = Paragraphs(Render(c, CaseDocumentKind.Notice));
        var text = string.Join("\n", decision);

        Assert.Equal(Department, decision[0]);
        Assert.Equal(Department, notice[0]);
        Assert.Equal("行政处罚决定书", decision[1]);
        Assert.Contains($"被申请人为{Department}", text);
        Assert.Contains($"被告为{Department}", text);
        Assert.Contains($"本案由{TownshipGovernment}受本机关委托（委托协议：北碚委托〔2026〕7号），以本机关名义办理。", text);
        Assert.Contains($"{TownshipGovernment}受{Department}委托，以{Department}的名义实施本行政处罚，由{Department}对该行为的后果承担法律责任", text);
        Assert.DoesNotContain($"被申请人为{TownshipGovernment}", text);
        Assert.DoesNotContain($"{TownshipGovernment}（印章）", text);
        Assert.Contains($"本案由{TownshipGovernment}受本机关委托", string.Join("\n", notice));
    }

    [Fact]
    public void UnderAGrantTheTownshipDecidesInItsOwnNameAndIsTheRespondent()
    {
        var c = DecidedUnder(grant: true);
        var decision = Paragraphs(Render(c, CaseDocumentKind.Decision, grant: true));
        var notice = Paragraphs(Render(c, CaseDocumentKind.Notice, grant: true));
        var text = string.Join("\n", decision.Concat(notice));

        Assert.Equal(TownshipGovernment, decision[0]);
        Assert.Equal(TownshipGovernment, notice[0]);
        Assert.Contains($"被申请人为{TownshipGovernment}", text);
        Assert.Contains($"被告为{TownshipGovernment}", text);
        Assert.Contains($"{TownshipGovernment}（印章）", text);
        Assert.DoesNotContain(Department, text);
        Assert.DoesNotContain("委托", text);
    }

    [Fact]
    public void TheDecisionRecordsRepresentationsAWaiverOrAHearing()
    {
        var said = Notified();
        said.RecordRepresentations(D("2026-09-08"), "经营时间短，请求从轻处罚");
        said.Decide(new DecisionFacts(D("2026-09-30"), "北碚卫罚〔2026〕13号", Penalty.FineOf(800m)), Entitled());

        var waived = Notified();
        waived.RecordWaiver(D("2026-09-04"));
        waived.Decide(new DecisionFacts(D("2026-09-07"), "北碚卫罚〔2026〕14号", Penalty.FineOf(1000m)), Entitled());

        var heard = HearingHeld();
        heard.RecordLegalReview(Review(D("2026-10-22")));
        heard.Decide(new DecisionFacts(D("2026-10-23"), "北碚卫罚〔2026〕15号", Penalty.FineOf(10000m)), Entitled());

        var saidText = Text(Render(said, CaseDocumentKind.Decision));
        Assert.Contains("你于2026年9月8日提出了陈述、申辩意见，本机关进行了复核。", saidText);
        Assert.Contains("（一）罚款人民币捌佰元整（¥800）。", saidText);
        Assert.DoesNotContain("未提出陈述、申辩意见", saidText);

        var waivedText = Text(Render(waived, CaseDocumentKind.Decision));
        Assert.Contains("你于2026年9月4日书面表示放弃陈述、申辩的权利。", waivedText);
        Assert.DoesNotContain("未提出陈述、申辩意见", waivedText);

        var heardText = Text(Render(heard, CaseDocumentKind.Decision));
        Assert.Contains("告知了拟作出行政处罚的内容及事实、理由、依据，以及你依法享有的陈述、申辩和要求听证的权利。", heardText);
        Assert.Contains("应你的申请，本机关于2026年10月21日依法举行了听证。", heardText);
        Assert.DoesNotContain("未要求听证", heardText);
    }

    [Fact]
    public void ASummaryDecisionIsTheOnTheSpotFormSignedByTheOfficers()
    {
        var c = Case.DecideOnTheSpot(Filing(), "北碚卫简罚〔2026〕3号", new Penalty(true, 100m, 0m, PenaltyMeasure.None), Entitled(),
            Two, Settings, Spot);

        var text = Text(Render(c, CaseDocumentKind.Decision));

        Assert.Contains("当场行政处罚决定书", text);
        // The time and the place of the decision (APL 52 ¶2).
        Assert.Contains("2026年9月1日14时05分，在北碚区歇马镇凤凰村3组，本机关执法人员", text);
        Assert.Contains("北碚卫简罚〔2026〕3号", text);
        Assert.Contains("《中华人民共和国行政处罚法》第五十一条的规定适用简易程序当场作出处罚决定", text);
        Assert.Contains("（一）警告；", text);
        Assert.Contains("（二）罚款人民币壹佰元整（¥100）。", text);
        Assert.Contains("执法人员：张伟、李强（签名）", text);
        Assert.Contains("六十日内向重庆市北碚区人民政府申请行政复议", text);
        Assert.Contains("六个月内依法向重庆市北碚区人民法院提起行政诉讼", text);
        Assert.DoesNotContain("事先告知书", text);
    }

    [Fact]
    public void ASummaryDecisionNamesEachOfficersCertificateValidThatDay()
    {
        var c = Case.DecideOnTheSpot(Filing(), "北碚卫简罚〔2026〕3号", new Penalty(true, 100m, 0m, PenaltyMeasure.None), Entitled(),
            Two, Settings, Spot);
        var numbers = new Dictionary<Guid, string> { [Zhang.OfficerId] = "渝执500109001", [Li.OfficerId] = "渝执500109002" };

        var text = Text(CaseDocument.Render(CaseDocumentModel.Of(c, CaseDocumentKind.Decision, Sources() with { CertificateNumbers = numbers })));
        var unknown = Text(CaseDocument.Render(CaseDocumentModel.Of(c, CaseDocumentKind.Decision, Sources())));

        Assert.Contains("执法证件号：张伟 渝执500109001、李强 渝执500109002", text);
        Assert.Contains("执法人员：张伟、李强（签名）", text);
        Assert.DoesNotContain("执法证件号", unknown);
    }

    [Fact]
    public void AWarningNeedsNothingPaidAndANonPenaltyDecisionSaysSo()
    {
        var warned = Text(Render(DecidedUnder(grant: false, penalty: Penalty.WarningOnly), CaseDocumentKind.Decision));
        Assert.Contains("（一）警告。", warned);
        Assert.Contains("本决定书送达即为执行。", warned);
        Assert.DoesNotContain("十五日内", warned);
        Assert.DoesNotContain("不停止执行", warned);

        var notPenalised = Notified();
        notPenalised.Decide(new DecisionFacts(D("2026-09-30"), "北碚卫不罚〔2026〕1号", Penalty.None), Entitled());
        var none = Text(Render(notPenalised, CaseDocumentKind.Decision));
        Assert.Contains("本机关决定对你不予行政处罚。", none);
        Assert.DoesNotContain("履行方式和期限", none);
        Assert.Contains("六十日内", none);
    }

    [Fact]
    public void AMissingAddressLeavesALineToFillInByHand()
    {
        var text = Text(Render(DecidedUnder(grant: false), CaseDocumentKind.Decision, address: null));

        Assert.Contains("住址：＿＿＿＿＿＿＿＿＿＿＿＿", text);
    }

    [Fact]
    public void NoNoticeBeforeTheNoticeAndNoDecisionBeforeTheDecisionNamingTheState()
    {
        var investigating = Investigating();
        var notified = Notified();
        var summary = Case.DecideOnTheSpot(Filing(), "北碚卫简罚〔2026〕3号", Penalty.WarningOnly, Entitled(), Two, Settings, Spot);

        var notice = Refused(() => CaseDocumentModel.Of(investigating, CaseDocumentKind.Notice, Sources()), "CaseDocument.NotNotified", 409);
        Assert.Contains(new Text("CaseState.Investigating"), notice.Arguments);
        var decision = Refused(() => CaseDocumentModel.Of(notified, CaseDocumentKind.Decision, Sources()), "CaseDocument.NotDecided", 409);
        Assert.Contains(new Text("CaseState.Notified"), decision.Arguments);
        // The summary procedure has no prior notice (APL 51, 52).
        Refused(() => CaseDocumentModel.Of(summary, CaseDocumentKind.Notice, Sources()), "CaseDocument.NotNotified", 409);
        // Once decided, the notice is still there to print.
        Assert.Equal(CaseDocumentKind.Notice, CaseDocumentModel.Of(DecidedUnder(grant: false), CaseDocumentKind.Notice, Sources()).Kind);
    }

    [Fact]
    public void EveryPartOfAPenaltyIsANumberedItem()
    {
        var items = CaseDocument.PenaltyItems(new Penalty(true, 20000m, 3500.5m, PenaltyMeasure.LicenceRevoked));

        Assert.Equal(
        [
            "（一）警告；",
            "（二）罚款人民币贰万元整（¥20,000）；",
            "（三）没收违法所得、非法财物，价值人民币叁仟伍佰元伍角整（¥3,500.50）；",
            "（四）吊销许可证件。",
        ], items);
    }

    [Theory]
    [InlineData("1000", "壹仟元整")]
    [InlineData("1005", "壹仟零伍元整")]
    [InlineData("1010", "壹仟零壹拾元整")]
    [InlineData("10", "壹拾元整")]
    [InlineData("200", "贰佰元整")]
    [InlineData("3000", "叁仟元整")]
    [InlineData("10000", "壹万元整")]
    [InlineData("50000", "伍万元整")]
    [InlineData("100500", "壹拾万零伍佰元整")]
    [InlineData("1000000", "壹佰万元整")]
    [InlineData("100010000", "壹亿零壹万元整")]
    [InlineData("12.5", "壹拾贰元伍角整")]
    [InlineData("1.05", "壹元零伍分")]
    [InlineData("0.05", "伍分")]
    [InlineData("0", "零元整")]
    public void AmountsAreWrittenInCapitalNumerals(string amount, string capital)
    {
        Assert.Equal(capital, CaseDocument.Capital(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void ControlCharactersInTheCaseDoNotBreakThePackage()
    {
        var c = DecidedUnder(grant: false, party: new CaseParty(PartyKind.Person, "刘\u0001某", "11010519491231002X\t"));
        var docx = CaseDocument.Render(CaseDocumentModel.Of(c, CaseDocumentKind.Decision,
            Sources() with { PartyAddress = "某村\u000B某组\uD800", PaymentPlace = "指定银行\r\n" }));

        var errors = Errors(docx);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.Contains("当事人：刘某", Text(docx));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BothDocumentsOpenInLibreOfficeInTheRightName(bool grant)
    {
        var c = DecidedUnder(grant);
        var dir = Directory.CreateTempSubdirectory("entrust-case-docx-");
        try
        {
            var notice = Path.Combine(dir.FullName, "notice.docx");
            var decision = Path.Combine(dir.FullName, "decision.docx");
            await System.IO.File.WriteAllBytesAsync(notice, Render(c, CaseDocumentKind.Notice, grant));
            await System.IO.File.WriteAllBytesAsync(decision, Render(c, CaseDocumentKind.Decision, grant));

            var noticeText = Squeeze(await LibreOffice.PdfText(await LibreOffice.ConvertToPdf(notice, dir.FullName), dir.FullName));
            var decisionText = Squeeze(await LibreOffice.PdfText(await LibreOffice.ConvertToPdf(decision, dir.FullName), dir.FullName));

            var body = grant ? TownshipGovernment : Department;
            Assert.StartsWith(body, noticeText);
            Assert.Contains("行政处罚事先告知书", noticeText);
            Assert.Contains(Squeeze("请于2026年9月10日前（含当日）向本机关提出"), noticeText);
            Assert.StartsWith(body, decisionText);
            Assert.Contains("行政处罚决定书", decisionText);
            Assert.Contains("北碚卫罚〔2026〕12号", decisionText);
            Assert.Contains("公民身份号码：11010519491231002X", decisionText);
            Assert.Contains("罚款人民币壹仟元整", decisionText);
            Assert.Contains("十五日内", decisionText);
            Assert.Contains(Squeeze("六十日内向重庆市北碚区人民政府申请行政复议"), decisionText);
            Assert.Contains(Squeeze($"被申请人为{body}"), decisionText);
            Assert.Contains(Squeeze($"被告为{body}"), decisionText);
            Assert.Contains(Squeeze($"{body}（印章）"), decisionText);
            if (!grant)
            {
                Assert.DoesNotContain(Squeeze($"被申请人为{TownshipGovernment}"), decisionText);
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
