using System.Text.RegularExpressions;
using Entrust.BrowserTests.Hosting;

namespace Entrust.BrowserTests;

/// <summary>
/// The lists that had none of the console's shared list behaviour (issue 18): each sorts by a click on its header, pages with
/// numbers and a jump, and exports exactly the rows its filter shows, in its order, in a sheet LibreOffice opens.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleLists(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    [Fact]
    public async Task TheHolidaysListSortsPagesAndExportsTheDaysOffItShows()
    {
        await SignInAsync();
        // 2026's official schedule ships with the demo: its days off, ten to a page.
        var rows = await SortPageAndExportAsync("/Catalog/Holidays?year=2026&workday=false&size=10", "date");
        Assert.All(rows, r => Assert.Equal("放假", r["C"]?.ToString()));
        Assert.Contains(rows, r => r["A"]?.ToString() == "2026-10-01");
    }

    [Fact]
    public async Task TheTownshipAndDepartmentListsSortPageAndExportWhatTheFilterShows()
    {
        await SignInAsync();
        var townships = await SortPageAndExportAsync("/Catalog/Townships?pilot=false&size=5", "code");
        Assert.All(townships, r => Assert.Equal("否", r["D"]?.ToString()));
        Assert.DoesNotContain(townships, r => r["B"]?.ToString() == "歇马镇");

        var departments = await SortPageAndExportAsync("/Catalog/Departments?q=%E5%B1%80&size=3", "code");
        Assert.All(departments, r => Assert.Contains("局", r["B"]?.ToString()));
    }

    [Fact]
    public async Task TheDistrictListSortsPagesAndExportsOnlyTheDistrictsInSight()
    {
        await SignInAsync("admin");
        await Page.GotoAsync("/Catalog/Edit/District");
        await Page.Locator("#Code").FillAsync("500111");
        await Page.Locator("#Name").FillAsync("测试区");
        await Page.Locator("#save").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/Catalog/Districts"));
        var all = await SortPageAndExportAsync("/Catalog/Districts?size=1", "code");
        // Code is the list's order already: the click turns it.
        Assert.Equal(["500111", "500109"], all.Select(r => r["A"]?.ToString()));

        // The district's office sees its own district only, in the list and in the export.
        await Page.Locator("#sign-out").ClickAsync();
        await SignInAsync();
        await Page.GotoAsync("/Catalog/Districts");
        await Expect(ListRows).ToHaveCountAsync(1);
        var file = await Downloaded.ByClickingAsync(Page, Page.Locator("#export"));
        Assert.Equal(["500109"], file.SheetRows().Skip(3).Select(r => r["A"]?.ToString()));
    }

    [Fact]
    public async Task TheConflictListSortsPagesAndExportsWhatItsUserSees()
    {
        await SignInAsync();
        await Page.GotoAsync("/RandomPlans/Conflicts");
        await Page.Locator("#TargetQuery").FillAsync("天生街道好再来");
        await Page.Locator("#search-targets").ClickAsync();
        await Page.Locator("#OfficerId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await Page.Locator("#TargetId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await Page.Locator("#Reason").FillAsync("曾在该店任职");
        await Page.Locator("#add-conflict").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/RandomPlans/Conflicts$"));

        var rows = await SortPageAndExportAsync("/RandomPlans/Conflicts?size=1", "reason", "td:nth-child(3)", "C", ordinal: false);
        Assert.Contains(rows, r => r["B"]?.ToString() == "天生街道好再来中餐馆" && r["C"]?.ToString() == "曾在该店任职");

        // 歇马镇 sees the recusal at its own restaurant only, in the list and in the export.
        await Page.Locator("#sign-out").ClickAsync();
        await SignInAsync("town.xiema");
        await Page.GotoAsync("/RandomPlans/Conflicts");
        await Expect(ListRows).ToHaveCountAsync(1);
        var file = await Downloaded.ByClickingAsync(Page, Page.Locator("#export"));
        Assert.Equal([await ListRows.Locator("td:nth-child(3)").InnerTextAsync()], file.SheetRows().Skip(3).Select(r => r["C"]?.ToString()));
    }

    [Fact]
    public async Task TheAccountabilityListSortsByTheDayOpenedPagesAndExports()
    {
        await SignInAsync();
        foreach (var (day, i) in new[] { "2026-11-04", "2026-11-02", "2026-11-03" }.Select((d, i) => (d, i)))
        {
            await Page.GotoAsync("/Assessment/Accountability");
            await Page.Locator("#open-officer").SelectOptionAsync(new SelectOptionValue { Index = i + 1 });
            await Page.Locator("#open-fault").SelectOptionAsync(new SelectOptionValue { Index = 1 });
            await Page.Locator("#open-facts").FillAsync($"未按规定出示执法证件（第{i + 1}起）");
            await Page.Locator("#open-on").FillAsync(day);
            await Page.Locator("#open-submit").ClickAsync();
            await Expect(Page.Locator("#records tr[data-state]", new() { HasText = $"第{i + 1}起" })).ToHaveCountAsync(1);
        }
        var rows = await SortPageAndExportAsync("/Assessment/Accountability?size=2", "opened", "td:nth-child(2)", "B");
        Assert.Equal(["2026-11-02", "2026-11-03", "2026-11-04"], rows.Select(r => r["B"]?.ToString()));
    }

    [Fact]
    public async Task TheMeetingMembersListSortsPagesAndExportsTheServingMembers()
    {
        await SignInAsync();
        var rows = await SortPageAndExportAsync("/Meetings/Members?serving=true&size=5", "unit", "td:nth-child(2)", "B", ordinal: false);
        Assert.All(rows, r => Assert.True(string.IsNullOrEmpty(r["G"]?.ToString()), "a past member among the serving"));
        Assert.Contains(rows, r => r["C"]?.ToString() == "周明");
    }

    [Fact]
    public async Task TheInspectionItemListSortsPagesAndExportsTheItemsItsSearchFinds()
    {
        await SignInAsync();
        var rows = await SortPageAndExportAsync("/RandomPlans/Items?q=198&size=2", "matter");
        Assert.All(rows, r => Assert.StartsWith("198-", r["A"]?.ToString()));
    }

    [Fact]
    public async Task ThePublicInspectionResultsComeInNumberedPages()
    {
        await Page.GotoAsync("/Public/Inspections?size=2");
        var total = await TotalAsync();
        Assert.True(total > 2, $"{total} results: too few to page");
        await Expect(ListRows).ToHaveCountAsync(2);
        var firstPage = await ListRows.Locator("td:nth-child(4)").AllInnerTextsAsync();
        var firstRows = await ListRows.AllInnerTextsAsync();
        await Page.Locator("nav.pager a[rel=next]").ClickAsync();
        await Expect(Page.Locator("nav.pager .pager-current")).ToHaveTextAsync("2");
        await Expect(Page).ToHaveURLAsync(new Regex("[?&]page=2"));
        Assert.NotEqual(firstRows, await ListRows.AllInnerTextsAsync());
        await Page.Locator("nav.pager input[name=page]").FillAsync("1");
        await Page.Locator("nav.pager button[type=submit]").ClickAsync();
        await Expect(ListRows.Locator("td:nth-child(4)")).ToHaveTextAsync([.. firstPage]);
    }

    [Fact]
    public async Task TheTrainingRosterExportsTheTraineesItsReaderSees()
    {
        await SignInAsync();
        await Page.GotoAsync("/Training");
        await Page.Locator("#classes a", new() { HasText = "2026年第一期行政执法资格培训班" }).ClickAsync();
        var address = new Uri(Page.Url).PathAndQuery + "&size=5";
        var rows = await SortPageAndExportAsync(address, "unit", "td:nth-child(2)", "B", ordinal: false);
        Assert.Contains(rows, r => r["B"]?.ToString() != "歇马镇");

        // 歇马镇 reads (and exports) its own trainees only.
        await Page.Locator("#sign-out").ClickAsync();
        await SignInAsync("town.xiema");
        await Page.GotoAsync(address);
        var file = await Downloaded.ByClickingAsync(Page, Page.Locator("#export"));
        var own = file.SheetRows().Skip(3).ToList();
        Assert.Equal(await TotalAsync(), own.Count);
        Assert.All(own, r => Assert.Equal("歇马镇", r["B"]?.ToString()));
    }

    [Fact]
    public async Task TheCoverageGridSortsByADomainsHoldersPagesAndExports()
    {
        await SignInAsync();
        await Page.GotoAsync("/Coverage");
        var domain = await Page.Locator("#coverage thead th[data-sort]").Nth(1).GetAttributeAsync("data-sort");
        var rows = await SortPageAndExportAsync("/Coverage?size=5", domain!, "th", "A", ordinal: false);
        var counts = (await ListRows.Locator($"td[data-domain='{domain}'] .count").AllInnerTextsAsync()).Select(int.Parse).ToList();
        Assert.Equal(counts.Order(), counts);
        Assert.Equal(counts, rows.Take(counts.Count).Select(r => Convert.ToInt32(r["B"])));
    }

    /// <summary>
    /// Opens the list at <paramref name="address"/> (its filter and a page size small enough to page), sorts it by the column
    /// <paramref name="key"/>, goes to page 2 and jumps back to page 1, then downloads the export: it holds as many rows as the
    /// pager counts, the two pages' rows first and in the same order (the table's <paramref name="cell"/> as the sheet's
    /// <paramref name="column"/>), and LibreOffice opens it. With <paramref name="ordinal"/> the cell is the sort key's own text, in
    /// code-point order (codes and dates; names sort by the language's order, which this test does not re-implement). Returns the
    /// sheet's rows under its header.
    /// </summary>
    private async Task<List<IDictionary<string, object?>>> SortPageAndExportAsync(string address, string key, string cell = "td:first-child",
        string column = "A", bool ordinal = true)
    {
        await Page.GotoAsync(address);
        var total = await TotalAsync();
        var size = int.Parse(await Page.Locator("nav.pager select[name=size]").InputValueAsync());
        Assert.True(total > size, $"{address}: {total} rows, too few to page by {size}");

        var header = Page.Locator($"th[data-sort={key}]");
        var before = await header.GetAttributeAsync("aria-sort");
        await header.Locator("a").ClickAsync();
        var direction = before == "ascending" ? "descending" : "ascending";
        await Expect(header).ToHaveAttributeAsync("aria-sort", direction);
        await Expect(Page).ToHaveURLAsync(new Regex($"[?&]sort={(direction == "descending" ? "-" : "")}{key}(&|$)"));
        var firstPage = await ListRows.Locator(cell).AllInnerTextsAsync();
        Assert.Equal(size, firstPage.Count);
        if (ordinal)
        {
            Ordered(firstPage, direction);
        }

        await Page.Locator("nav.pager a[rel=next]").ClickAsync();
        await Expect(Page.Locator("nav.pager .pager-current")).ToHaveTextAsync("2");
        var secondPage = await ListRows.Locator(cell).AllInnerTextsAsync();
        Assert.NotEqual(firstPage, secondPage);
        if (ordinal)
        {
            Ordered([.. firstPage, .. secondPage], direction);
        }

        await Page.Locator("nav.pager input[name=page]").FillAsync("1");
        await Page.Locator("nav.pager button[type=submit]").ClickAsync();
        await Expect(Page.Locator("nav.pager .pager-current")).ToHaveTextAsync("1");
        await Expect(ListRows.Locator(cell)).ToHaveTextAsync([.. firstPage]);

        var file = await Downloaded.ByClickingAsync(Page, Page.Locator("#export"));
        var rows = file.SheetRows().Skip(3).ToList();
        Assert.Equal(total, rows.Count);
        Assert.Equal([.. firstPage, .. secondPage], rows.Take(firstPage.Count + secondPage.Count).Select(r => r[column]?.ToString()?.Trim()));
        Downloaded.AssertLibreOfficeOpens(file);
        return rows;
    }

    /// <summary>The rows of the list the page sorts and pages (its region), not of the other tables on the page.</summary>
    private ILocator ListRows => Page.Locator("#list tbody tr");

    private static void Ordered(IReadOnlyList<string> cells, string direction)
    {
        var expected = direction == "ascending" ? cells.Order(StringComparer.Ordinal) : cells.OrderDescending(StringComparer.Ordinal);
        Assert.Equal(expected, cells);
    }

    private async Task<int> TotalAsync() =>
        int.Parse(new Regex(@"共 (\d+) 条").Match(await Page.Locator("nav.pager .pager-summary").InnerTextAsync()).Groups[1].Value);
}
