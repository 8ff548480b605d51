using System.Text.RegularExpressions;
using Entrust.BrowserTests.Hosting;

namespace Entrust.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class CatalogueBrowsing(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    /// <summary>The pages that offer a list's export or an import template, each downloaded as the office's browser does.</summary>
    public static readonly string[] ExportPages =
    [
        "/Catalog/Matters?q=森林", "/Targets", "/Inspections", "/Agreements/Matrix", "/Agreements", "/Officers", "/Certificates",
        "/Rectifications", "/Cases", "/Cases/Deadlines", "/Audit", "/Coverage", "/Campaigns", "/Reports?month=2026-06", "/Scope",
    ];

    /// <summary>The lists that export through the shared <c>ListExport</c>: a title row naming the list, then the unit and day.</summary>
    public static readonly string[] ListExports =
        ["/Inspections", "/Agreements", "/Officers", "/Certificates", "/Rectifications", "/Cases", "/Audit", "/Coverage", "/Campaigns",
            "/Reports?month=2026-06", "/Scope"];

    public static readonly string[] TemplatePages = ["/Catalog/Edit/Import", "/Targets/Import"];

    [Fact]
    public async Task EveryExportAndTemplateDownloadsFromThePageAndOpens()
    {
        await SignInAsync();
        var files = new List<Downloaded>();
        foreach (var (address, button) in ExportPages.Select(p => (p, "#export")).Concat(TemplatePages.Select(p => (p, "#template"))))
        {
            await Page.GotoAsync(address);
            var file = await Downloaded.ByClickingAsync(Page, Page.Locator(button));
            var rows = file.SheetRows();
            Assert.True(rows.Count > 0, $"{address}: an empty sheet");
            if (ListExports.Contains(address))
            {
                Assert.Contains("单位：", rows[1]["A"]?.ToString());
                Assert.True(rows.Count > 3, $"{address}: no row under the header");
            }
            files.Add(file);
        }
        Downloaded.AssertLibreOfficeOpens([.. files]);
    }

    /// <summary>
    /// The officers' list as the office drives it (issue 18): a click on 姓名 sorts, the page size and the jump cut it into numbered
    /// pages that keep the order, and the export downloads exactly the list's rows in that order.
    /// </summary>
    [Fact]
    public async Task AListSortsPagesAndDownloadsWhatItShows()
    {
        await SignInAsync();
        await Page.GotoAsync("/Officers?status=Active");
        var total = int.Parse(new Regex(@"共 (\d+) 条").Match(await Page.Locator("nav.pager .pager-summary").InnerTextAsync()).Groups[1].Value);
        Assert.True(total > 20, $"{total} active officers: too few to page");

        await Page.Locator("th[data-sort=name] a").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("sort=name"));
        await Expect(Page.Locator("th[data-sort=name]")).ToHaveAttributeAsync("aria-sort", "ascending");
        await Expect(Page).ToHaveURLAsync(new Regex("status=Active"));
        await Page.Locator("nav.pager select[name=size]").SelectOptionAsync("10");
        await Page.Locator("nav.pager button[type=submit]").ClickAsync();
        await Expect(TableRows).ToHaveCountAsync(10);
        var firstPage = await TableRows.Locator("td:first-child a").AllInnerTextsAsync();
        Assert.Equal(firstPage.Order(StringComparer.Ordinal), firstPage);

        await Page.Locator("nav.pager a[data-page='2']").ClickAsync();
        await Expect(Page.Locator("nav.pager .pager-current")).ToHaveTextAsync("2");
        await Expect(Page).ToHaveURLAsync(new Regex("sort=name"));
        var secondPage = await TableRows.Locator("td:first-child a").AllInnerTextsAsync();

        await Page.Locator("nav.pager input[name=page]").FillAsync("1");
        await Page.Locator("nav.pager button[type=submit]").ClickAsync();
        await Expect(Page.Locator("nav.pager .pager-current")).ToHaveTextAsync("1");
        await Expect(TableRows.Locator("td:first-child a")).ToHaveTextAsync([.. firstPage]);
        await ScreenshotAsync("officers-sorted-paged", 700);

        var file = await Downloaded.ByClickingAsync(Page, Page.Locator("#export"));
        var rows = file.SheetRows().Skip(3).Select(r => r["A"]?.ToString()).ToList();
        Assert.Equal(total, rows.Count);
        Assert.Equal(firstPage.Concat(secondPage), rows.Take(firstPage.Count + secondPage.Count));
        Downloaded.AssertLibreOfficeOpens(file);
    }

    /// <summary>
    /// The campaigns (a page no browser test opened before): a click on 检查记录 sorts by the count, the export downloads the rows in
    /// that order, and the fireworks campaign's count is the number of inspections its own page lists.
    /// </summary>
    [Fact]
    public async Task TheCampaignListSortsExportsAndCountsWhatACampaignLists()
    {
        await SignInAsync();
        await Page.GotoAsync("/Campaigns");
        await Page.Locator("th[data-sort=inspections] a").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("sort=inspections"));
        await Expect(Page.Locator("th[data-sort=inspections]")).ToHaveAttributeAsync("aria-sort", "ascending");
        var names = await Page.Locator("#campaigns tbody tr td:first-child a").AllInnerTextsAsync();
        Assert.NotEmpty(names);
        var file = await Downloaded.ByClickingAsync(Page, Page.Locator("#export"));
        Assert.Equal(names, file.SheetRows().Skip(3).Select(r => r["A"]?.ToString() ?? "").Take(names.Count));

        var fireworks = Page.Locator("#campaigns tbody tr", new() { HasText = "春节烟花爆竹安全专项行动" });
        var count = new Regex(@"^\d+").Match((await fireworks.Locator("td.inspection-count").InnerTextAsync()).Trim()).Value;
        await fireworks.Locator("td:first-child a").ClickAsync();
        await Expect(Page.Locator("nav.pager .pager-summary")).ToContainTextAsync($"共 {count} 条");
    }

    [Fact]
    public async Task MenuOpensTheDemoMatters()
    {
        await SignInAsync();

        await Page.Locator("a[data-menu=matters]").ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/Catalog/Matters$"));
        await Expect(Page.Locator("a[data-menu=matters]")).ToHaveClassAsync("active");
        await Expect(TableRows.Filter(new() { HasText = "森林防火检查" })).ToHaveCountAsync(1);
        // 22 demo matters, 20 to a page.
        await Expect(TableRows).ToHaveCountAsync(20);
        await Expect(Page.Locator("nav.pager")).ToContainTextAsync("共 22 条");
        await ScreenshotAsync("matters-desktop", height: 600);

        // "page" is also Razor Pages' own route value; the pager must still reach the last two matters.
        await Page.Locator("nav.pager a[rel=next]").ClickAsync();
        await Expect(Page.Locator("nav.pager")).ToContainTextAsync("第 2/2 页");
        await Expect(TableRows).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task SearchKeepsOnlyMatchingRows()
    {
        await SignInAsync();
        await Page.GotoAsync("/Catalog/Matters");

        await Page.Locator("#q").FillAsync("森林");
        await Page.Locator("#search").ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("q=%E6%A3%AE%E6%9E%97"));
        // The name or the law carries the word: 森林防火检查, the penalty under 中华人民共和国森林法, and LY-12 under 森林防火条例.
        await Expect(TableRows.Locator("td:nth-child(2)")).ToHaveTextAsync(new[] { "森林防火检查", "对滥伐林木行为的处罚", "对森林防火期内违规野外用火的处罚" });
        await Expect(TableRows.Filter(new() { HasText = "公路路政巡查" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ClickingTheCodeHeaderSortsDescendingThenAscending()
    {
        await SignInAsync();
        await Page.GotoAsync("/Catalog/Matters");
        var codeHeader = Page.Locator("table.data-table thead th a").First;
        var firstCode = TableRows.First.Locator("td").First;
        // The list is in code order when no order is asked (the header says so): the first click turns it.
        await Expect(firstCode).ToHaveTextAsync("198-01");

        await codeHeader.ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("sort=-code$"));
        await Expect(firstCode).ToHaveTextAsync("QQ-04");
        var codes = await TableRows.Locator("td:first-child").AllTextContentsAsync();
        Assert.Equal(20, codes.Count);
        Assert.Equal(codes.OrderByDescending(c => c, StringComparer.Ordinal), codes);

        await Page.Locator("table.data-table thead th a").First.ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("sort=code$"));
        await Expect(firstCode).ToHaveTextAsync("198-01");
    }

    [Fact]
    public async Task XiemaTownshipPageShowsItsFourOffices()
    {
        await SignInAsync();
        await Page.Locator("a[data-menu=townships]").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/Catalog/Townships$"));

        await Page.GetByRole(AriaRole.Link, new() { Name = "歇马镇", Exact = true }).ClickAsync();

        await Expect(Page.Locator("h1")).ToContainTextAsync("歇马镇");
        var offices = Page.Locator("#offices tbody tr");
        await Expect(offices).ToHaveCountAsync(4);
        foreach (var office in new[] { "综治办", "经发办", "社事办", "城管办" })
        {
            await Expect(offices.Filter(new() { Has = Page.Locator("td:first-child", new() { HasTextRegex = new Regex($"^{office}$") }) }))
                .ToHaveCountAsync(1);
        }
    }

    [Fact]
    public async Task PilotCardOnTheHomePageListsOnlyXiema()
    {
        await SignInAsync();

        await Page.Locator("a.card[href='/Catalog/Townships?pilot=true']").ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/Catalog/Townships\\?pilot=true$"));
        await Expect(TableRows.Locator("td:nth-child(2)")).ToHaveTextAsync(new[] { "歇马镇" });
    }

    [Fact]
    public async Task TownshipAndDepartmentSearchesNarrowTheirLists()
    {
        await SignInAsync();
        await Page.Locator("a[data-menu=townships]").ClickAsync();
        await Page.Locator("#q").FillAsync("天生");
        await Page.Locator("form[role=search] button[type=submit]").ClickAsync();
        await Expect(TableRows.Locator("td:nth-child(2)")).ToHaveTextAsync(new[] { "天生街道" });

        await Page.Locator("a[data-menu=departments]").ClickAsync();
        await Page.Locator("#q").FillAsync("林业");
        await Page.Locator("form[role=search] button[type=submit]").ClickAsync();
        await Expect(TableRows.Locator("td:nth-child(2)")).ToHaveTextAsync(new[] { "区林业局" });
        // 森林防火检查, the penalty for illegal logging and LY-12 (out of scope, asked for by 歇马镇).
        await Expect(TableRows.Locator("td:nth-child(4)")).ToHaveTextAsync("3");
    }

    [Fact]
    public async Task AYearWithoutAScheduleIsCountedOnTheStatutoryHolidaysAndAsksTheOfficeForIt()
    {
        await SignInAsync();
        await Page.GotoAsync("/Catalog/Holidays?year=2027");

        // 2027 is not kept: the office is asked for the schedule and sees the statutory days counted meanwhile.
        await Expect(Page.Locator("#year-not-kept")).ToContainTextAsync("2027");
        await Expect(Page.Locator("#year-not-kept")).ToContainTextAsync("10月1日");
        await Page.Locator("#From").FillAsync("2027-09-30");
        await Page.Locator("#Days").FillAsync("7");
        await Page.Locator("#calculate").ClickAsync();
        await Expect(Page.Locator("#workday-result")).ToContainTextAsync("2027-10-12");
        await Expect(Page.Locator("#workday-provisional")).ToContainTextAsync("2027");

        // 2026 is kept (the demo ships the official schedule): no warning, the law's own example.
        await Page.GotoAsync("/Catalog/Holidays?year=2026&from=2026-09-30&days=7");
        await Expect(Page.Locator("#year-not-kept")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#workday-result")).ToContainTextAsync("2026-10-15");
        await Expect(Page.Locator("p.warning")).ToHaveCountAsync(0);
    }
}
