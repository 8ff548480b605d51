using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Entrust.Web.Features.Agreements;
using Renderer = Entrust.Web.Features.Agreements.AgreementDocument;

namespace Entrust.Tests.Rules;

/// <summary>The printed agreement (委托执法协议书): a valid .docx that says what APL 20 and 24 require it to say.</summary>
public sealed class AgreementDocument
{
    private static readonly AgreementDocumentMatter[] Matters =
    [
        new("LY-JC-001", "森林防火检查", "仅检查", "《森林防火条例》第二十四条"),
        new("LY-CF-012", "对滥伐林木行为的处罚", "一般程序处罚（罚款上限30000元）", "《中华人民共和国森林法》第七十六条第二款"),
        new("LY-CF-015", "对盗伐林木行为的处罚", "简易程序处罚", "《中华人民共和国森林法》第七十六条第一款"),
        new("LY-CF-021", "对擅自改变林地用途行为的处罚", "一般程序处罚（罚款上限50000元）", "《中华人民共和国森林法》第七十三条"),
    ];

    private static AgreementDocumentModel Model(
        bool grant = false,
        decimal? funding = 50000m,
        string? fundingNote = "于每年3月底前拨付",
        int version = 1,
        DateOnly? signedOn = null,
        string department = "重庆市北碚区林业局",
        string rights = "甲方负责对乙方执法人员进行业务培训，提供执法文书式样。\n\n乙方应当建立执法台账，每季度向甲方报送执法情况。\n") =>
        new(
            Number: grant ? "北碚赋权〔2026〕1号" : "北碚委托〔2026〕3号",
            DistrictName: "北碚区",
            IsGrant: grant,
            GrantDecisionNumber: grant ? "渝府发〔2025〕12号" : null,
            DepartmentName: department,
            TownshipName: "歇马镇人民政府",
            Matters: Matters,
            TermStart: new DateOnly(2026, 5, 1),
            TermEnd: new DateOnly(2028, 4, 30),
            RightsAndObligations: rights,
            FundingAmount: funding,
            FundingNote: fundingNote,
            DepartmentSignatory: signedOn is null ? null : "王建国",
            TownshipSignatory: signedOn is null ? null : "李明",
            SignedOn: signedOn,
            Version: version);

    private static string Text(byte[] docx)
    {
        using var stream = new MemoryStream(docx);
        using var document = WordprocessingDocument.Open(stream, false);
        var body = document.MainDocumentPart!.Document!.Body!;
        return string.Join("\n", body.Descendants<Paragraph>().Select(p => p.InnerText));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ThePackageValidatesWithoutErrors(bool grant)
    {
        using var stream = new MemoryStream(Renderer.Render(Model(grant)));
        using var document = WordprocessingDocument.Open(stream, false);

        var errors = new OpenXmlValidator().Validate(document)
            .Select(e => $"{e.Path?.XPath}: {e.Description}")
            .ToList();

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void NamesBothPartiesEveryMatterItsAuthorityAndBasisAndTheTerm()
    {
        var text = Text(Renderer.Render(Model()));

        Assert.Contains("乡镇行政委托执法协议书", text);
        Assert.Contains("北碚委托〔2026〕3号", text);
        Assert.Contains("委托方（甲方）：重庆市北碚区林业局", text);
        Assert.Contains("受托方（乙方）：歇马镇人民政府", text);
        Assert.Contains("《中华人民共和国行政处罚法》第二十条、第二十一条", text);
        foreach (var matter in Matters)
        {
            Assert.Contains(matter.Code, text);
            Assert.Contains(matter.Name, text);
            Assert.Contains(matter.AuthorityText, text);
            Assert.Contains(matter.LegalBasis, text);
        }
        Assert.Contains("委托期限自2026年5月1日起至2028年4月30日止", text);
        Assert.Contains("甲方负责对乙方执法人员进行业务培训，提供执法文书式样。", text);
        Assert.Contains("乙方应当建立执法台账，每季度向甲方报送执法情况。", text);
    }

    [Fact]
    public void AnEntrustmentActsInTheDepartmentsNameAndForbidsReEntrustment()
    {
        var text = Text(Renderer.Render(Model()));

        Assert.Contains("乙方在委托范围内以甲方名义实施行政执法，不得再委托其他组织或者个人实施。", text);
        Assert.Contains("甲方负责监督乙方实施受委托的行政执法行为，并对该行为的后果承担法律责任。", text);
        Assert.Contains("甲乙双方应当分别向社会公布", text);
        Assert.Contains("一式两份", text);
    }

    [Fact]
    public void AGrantActsInTheTownshipsOwnNameUnderTheGrantingDecision()
    {
        var text = Text(Renderer.Render(Model(grant: true)));

        Assert.Contains("乡镇行政执法赋权协议书", text);
        Assert.DoesNotContain("委托执法协议书", text);
        Assert.Contains("《中华人民共和国行政处罚法》第二十四条", text);
        Assert.Contains("渝府发〔2025〕12号", text);
        Assert.Contains("以自己的名义实施行政执法", text);
        Assert.DoesNotContain("不得再委托", text);
        Assert.DoesNotContain("以甲方名义", text);
        Assert.Contains("赋权期限自2026年5月1日起至2028年4月30日止", text);
    }

    [Fact]
    public void FundingShowsTheYearlyAmountOrIsLeftToTheParties()
    {
        var funded = Text(Renderer.Render(Model(funding: 50000m)));
        var unfunded = Text(Renderer.Render(Model(funding: null, fundingNote: null)));

        Assert.Contains("甲方每年向乙方安排工作经费人民币50,000元。于每年3月底前拨付。", funded);
        Assert.Contains("工作经费由双方另行约定。", unfunded);
        Assert.DoesNotContain("人民币", unfunded);
    }

    [Fact]
    public void ALaterVersionSaysWhichUnderTheTitle()
    {
        Assert.Contains("（第三版）", Text(Renderer.Render(Model(version: 3))));
        Assert.DoesNotContain("版）", Text(Renderer.Render(Model(version: 1))));
    }

    [Fact]
    public void ASignedAgreementShowsItsSignatoriesAndDateAndAnUnsignedOneLeavesThemBlank()
    {
        var signed = Text(Renderer.Render(Model(signedOn: new DateOnly(2026, 4, 26))));
        var unsigned = Text(Renderer.Render(Model()));

        Assert.Contains("甲方（盖章）", signed);
        Assert.Contains("乙方（盖章）", signed);
        Assert.Contains("负责人签字：王建国", signed);
        Assert.Contains("负责人签字：李明", signed);
        Assert.Contains("日期：2026年4月26日", signed);
        Assert.Contains("负责人签字：＿＿＿＿＿＿", unsigned);
        Assert.Contains("日期：　　　　年　　月　　日", unsigned);
    }

    [Fact]
    public void ControlCharactersTypedIntoTheAgreementDoNotBreakThePackage()
    {
        var docx = Renderer.Render(Model(department: "重庆市北碚区\u0001林业局\t", rights: "第一段\u000B\r\n第二段\uD800"));

        using var stream = new MemoryStream(docx);
        using var document = WordprocessingDocument.Open(stream, false);
        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}");
        Assert.True(!errors.Any(), string.Join("\n", errors));
        var text = Text(docx);
        Assert.Contains("委托方（甲方）：重庆市北碚区林业局", text);
        Assert.Contains("第一段", text);
        Assert.Contains("第二段", text);
    }

    [Fact]
    public async Task OpensInLibreOfficeWithThePartiesAndEveryMatter()
    {
        var dir = Directory.CreateTempSubdirectory("entrust-docx-");
        try
        {
            var docx = Path.Combine(dir.FullName, "agreement.docx");
            await File.WriteAllBytesAsync(docx, Renderer.Render(Model(signedOn: new DateOnly(2026, 4, 26))));

            var pdf = await LibreOffice.ConvertToPdf(docx, dir.FullName);
            Assert.True(new FileInfo(pdf).Length > 0, "LibreOffice wrote an empty PDF");

            // -raw keeps the content stream's order, so a table cell's lines stay together instead of interleaving with
            // the next column's; a wrapped name is then whole once whitespace is dropped.
            var text = Squeeze(await LibreOffice.Run("pdftotext", dir.FullName, "-raw", "-enc", "UTF-8", pdf, "-"));
            Assert.Contains(Squeeze("重庆市北碚区林业局"), text);
            Assert.Contains(Squeeze("歇马镇人民政府"), text);
            foreach (var matter in Matters)
            {
                Assert.Contains(Squeeze(matter.Name), text);
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
