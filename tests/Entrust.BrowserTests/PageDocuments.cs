using Entrust.BrowserTests.Hosting;

namespace Entrust.BrowserTests;

/// <summary>
/// The documents the supervision and qualification pages offer download with the console's sign-in (page handlers sharing the
/// API's code, never a bearer-only /api link): a monthly report, the roll-up's summary, the statistics tables, the training
/// sign-in sheet, a report's and the roll-up's .xlsx and .docx, the exam's score sheet, a random draw and the year's assessment with its annual report. Each is a real
/// .xlsx/.docx that Open XML reads, and LibreOffice opens them all. (The case's notice and decision, the agreement, the
/// meeting's minutes and every list export have theirs in CaseWorkflow, AgreementWorkflow, MeetingWorkflow and
/// CatalogueBrowsing.)
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PageDocuments(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    [Fact]
    public async Task EveryDocumentOfTheSupervisionAndQualificationPagesDownloadsAndOpens()
    {
        await SignInAsync();
        var files = new List<Downloaded>();

        async Task<Downloaded> DownloadAsync(string button)
        {
            var link = Page.Locator(button);
            Assert.DoesNotContain("/api/", await link.GetAttributeAsync("href"));
            var file = await Downloaded.ByClickingAsync(Page, link);
            files.Add(file);
            return file;
        }

        async Task OpenFirstAsync(string list, string detail)
        {
            await Page.GotoAsync(list);
            await Page.Locator($"main a[href^='{detail}']").First.ClickAsync();
            await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(detail));
        }

        await OpenFirstAsync("/Reports", "/Reports/Detail");
        Assert.NotEmpty((await DownloadAsync("#download")).SheetRows());
        Assert.Contains("委托执法报表", (await DownloadAsync("#download-docx")).WordText());

        await Page.GotoAsync("/Reports/Rollup");
        Assert.Contains("执法", (await DownloadAsync("#summary")).WordText());
        Assert.NotEmpty((await DownloadAsync("#rollup-xlsx")).SheetRows());
        Assert.Contains("委托执法报表汇总", (await DownloadAsync("#rollup-docx")).WordText());

        await Page.GotoAsync("/Reports/Statistics");
        foreach (var table in new[] { "#by-month-export", "#by-township-export", "#by-department-export", "#coverage-export", "#exercised-export" })
        {
            Assert.NotEmpty((await DownloadAsync(table)).SheetRows());
        }

        await OpenFirstAsync("/Training", "/Training/Detail");
        Assert.NotEmpty((await DownloadAsync("#template")).SheetRows());

        await OpenFirstAsync("/Exams", "/Exams/Detail");
        Assert.NotEmpty((await DownloadAsync("#template")).SheetRows());

        await OpenFirstAsync("/RandomPlans", "/RandomPlans/Detail");
        Assert.NotEmpty((await DownloadAsync("#export")).SheetRows());

        await Page.GotoAsync("/Assessment");
        Assert.NotEmpty((await DownloadAsync("#xlsx")).SheetRows());
        Assert.Contains("考核", (await DownloadAsync("#annual-report")).WordText());

        Downloaded.AssertLibreOfficeOpens([.. files]);
    }
    /// <summary>
    /// The office writes the half-year summary's paragraphs for 歇马镇 on the roll-up page, saves them, previews the summary line by
    /// line, and the document downloaded from the page carries them.
    /// </summary>
    [Fact]
    public async Task TheOfficeWritesPreviewsAndDownloadsAHalfYearSummary()
    {
        await SignInAsync();
        await Page.GotoAsync("/Reports/Rollup?from=2026-01&to=2026-06");
        await Page.Locator("#summary-text summary").ClickAsync();
        await Page.Locator("#summary-township").SelectOptionAsync(new SelectOptionValue { Label = "歇马镇" });
        await Page.Locator("textarea[name=Practice]").FillAsync("建立镇村两级执法台账。");
        await Page.Locator("textarea[name=NextSteps]").FillAsync("争取森林防火处罚权限纳入委托范围。");
        await Page.Locator("#summary-save").ClickAsync();
        await Expect(Page.Locator("textarea[name=Practice]")).ToHaveValueAsync("建立镇村两级执法台账。");

        await Page.Locator("#summary-preview").ClickAsync();
        var preview = Page.Locator("#summary-lines");
        await Expect(preview.Locator("h2")).ToContainTextAsync("2026年上半年委托执法工作总结");
        await Expect(preview).ToContainTextAsync("计划生育方面立案7件，查处5件");
        await Expect(preview).ToContainTextAsync("建立镇村两级执法台账。");

        var document = await Downloaded.ByClickingAsync(Page, Page.Locator("#summary-written"));
        Assert.Contains("争取森林防火处罚权限纳入委托范围。", document.WordText());
        Assert.Contains("计划生育方面立案7件，查处5件", document.WordText());
    }
}
