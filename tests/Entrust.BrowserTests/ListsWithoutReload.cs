using System.Text.RegularExpressions;
using Entrust.BrowserTests.Hosting;

namespace Entrust.BrowserTests;

/// <summary>
/// A list filters, sorts and pages without reloading the page (issue 18): only the table and the pager change, the address keeps
/// the filter (the back button shows the list before), and the export link follows what the list shows. A mark left on the
/// window before proves the page was never loaded again.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ListsWithoutReload(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    [Fact]
    public async Task TheOfficersListFiltersAndPagesInPlaceAndTheBackButtonRestoresIt()
    {
        await SignInAsync();
        await Page.GotoAsync("/Officers");
        await MarkThePageAsync();
        Assert.True(await TotalAsync() > 20, "too few officers to page");
        var firstPage = await NamesAsync();

        await Page.Locator("nav.pager a[data-page='2']").ClickAsync();
        await Expect(Page.Locator("nav.pager .pager-current")).ToHaveTextAsync("2");
        await Expect(Page).ToHaveURLAsync(new Regex(@"[?&]page=2"));
        Assert.NotEqual(firstPage, await NamesAsync());

        await Page.Locator("nav.pager select[name=size]").SelectOptionAsync("10");
        await Expect(TableRows).ToHaveCountAsync(10);
        await Expect(Page).ToHaveURLAsync(new Regex(@"[?&]size=10"));
        var tenOnPageTwo = await NamesAsync();

        await Page.Locator("#filter-status").SelectOptionAsync("Active");
        await Page.Locator("#search").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"[?&]status=Active"));
        await Expect(Page.Locator("nav.pager .pager-current")).ToHaveTextAsync("1");
        Assert.DoesNotMatch(@"[?&]page=", Page.Url);
        Assert.NotEqual(tenOnPageTwo, await NamesAsync());
        // The filter kept the page size, and the export link now exports the active officers only.
        Assert.Contains("size=10", Page.Url);
        await Expect(Page.Locator("#export")).ToHaveAttributeAsync("href", new Regex(@"status=Active.*handler=Export"));
        await AssertNotReloadedAsync();

        await Page.GoBackAsync();
        await Expect(Page).Not.ToHaveURLAsync(new Regex("status="));
        await Expect(Page.Locator("nav.pager .pager-current")).ToHaveTextAsync("2");
        await Expect(TableRows.Locator("td:first-child a")).ToHaveTextAsync([.. tenOnPageTwo]);
        await Expect(Page.Locator("#filter-status")).ToHaveValueAsync("");
        await AssertNotReloadedAsync();
    }

    [Fact]
    public async Task TheTargetsListSortsFiltersAndPagesInPlaceAndTheBackButtonRestoresIt()
    {
        await SignInAsync();
        await Page.GotoAsync("/Targets?size=10");
        await MarkThePageAsync();
        Assert.True(await TotalAsync() > 10, "too few targets to page");

        await Page.Locator("th[data-sort=name] a").ClickAsync();
        await Expect(Page.Locator("th[data-sort=name]")).ToHaveAttributeAsync("aria-sort", "ascending");
        await Expect(Page).ToHaveURLAsync(new Regex(@"[?&]sort=name"));
        var sorted = await NamesAsync();
        Assert.Equal(sorted.Order(StringComparer.Ordinal), sorted);
        // Filtering now keeps the order the header chose.
        await Expect(Page.Locator("form.filter-bar input[name=sort]")).ToHaveValueAsync("name");

        await Page.Locator("nav.pager a[rel=next]").ClickAsync();
        await Expect(Page.Locator("nav.pager .pager-current")).ToHaveTextAsync("2");
        var secondPage = await NamesAsync();
        Assert.True(string.CompareOrdinal(secondPage[0], sorted[^1]) >= 0, $"{secondPage[0]} before {sorted[^1]}");

        var all = await TotalAsync();
        await Page.Locator("select[name=risk]").SelectOptionAsync("High");
        await Page.Locator("#search").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"[?&]risk=High"));
        await Expect(Page.Locator("nav.pager .pager-summary")).Not.ToContainTextAsync($"共 {all} 条");
        var risks = await TableRows.Locator("td .tag[class*=risk-]").EvaluateAllAsync<string[]>("tags => tags.map(t => t.className)");
        Assert.NotEmpty(risks);
        Assert.All(risks, css => Assert.Contains("risk-high", css));
        await AssertNotReloadedAsync();

        await Page.GoBackAsync();
        await Expect(Page).Not.ToHaveURLAsync(new Regex("risk="));
        await Expect(Page.Locator("nav.pager .pager-current")).ToHaveTextAsync("2");
        await Expect(TableRows.Locator("td:first-child a")).ToHaveTextAsync([.. secondPage]);
        await AssertNotReloadedAsync();
    }

    private Task MarkThePageAsync() => Page.EvaluateAsync("() => { window.__marker = 1; }");

    private async Task AssertNotReloadedAsync() => Assert.Equal(1, await Page.EvaluateAsync<int?>("() => window.__marker ?? null"));

    private async Task<int> TotalAsync() =>
        int.Parse(new Regex(@"共 (\d+) 条").Match(await Page.Locator("nav.pager .pager-summary").InnerTextAsync()).Groups[1].Value);

    private async Task<IReadOnlyList<string>> NamesAsync() => await TableRows.Locator("td:first-child a").AllInnerTextsAsync();
}
