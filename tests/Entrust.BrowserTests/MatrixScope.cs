using Entrust.BrowserTests.Hosting;

namespace Entrust.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class MatrixScope(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    [Fact]
    public async Task TownshipUserSeesOnlyItsOwnRow()
    {
        await SignInAsync("town.tiansheng");
        await Page.Locator("a[data-menu=matrix]").ClickAsync();

        var rows = Page.Locator("#matrix tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.Locator("th")).ToHaveTextAsync("天生街道");
        // The four district-wide areas are entrusted to every township, all in force.
        await Expect(rows.Locator("a.cell")).ToHaveCountAsync(4);
        await Expect(rows.Locator("a.cell .tag")).ToHaveTextAsync(new[] { "生效中", "生效中", "生效中", "生效中" });
    }

    [Fact]
    public async Task TownshipUserListsOnlyItsOwnAgreementsAndCannotOpenAnothers()
    {
        await SignInAsync("town.xiema");
        await Page.Locator("a[data-menu=agreements]").ClickAsync();

        // 13 departments' agreements with 歇马镇, none of another township's.
        await Expect(Page.Locator("nav.pager")).ToContainTextAsync("共 13 条");
        await Expect(TableRows.Locator("td:nth-child(3)", new() { HasNotText = "歇马镇" })).ToHaveCountAsync(0);
        var own = await TableRows.First.Locator("a").GetAttributeAsync("href");
        var response = await Page.GotoAsync(own!);
        Assert.Equal(200, response!.Status);

        await Page.Locator("#sign-out").ClickAsync();
        await SignInAsync("town.tiansheng");
        response = await Page.GotoAsync(own!);
        Assert.Equal(404, response!.Status);
    }

    [Fact]
    public async Task OfficeSeesEveryTownshipAndFiltersByDepartment()
    {
        await SignInAsync();
        await Page.Locator("a[data-menu=matrix]").ClickAsync();

        var rows = Page.Locator("#matrix tbody tr");
        await Expect(rows).ToHaveCountAsync(17);
        var xiema = rows.Filter(new() { HasText = "歇马镇" });
        // 11 agreements in force with 歇马镇, 卫生 and 农委's still awaiting review.
        await Expect(xiema.Locator("a.cell")).ToHaveCountAsync(13);
        await Expect(xiema.Locator("a.cell .tag", new() { HasText = "待审核" })).ToHaveCountAsync(2);
        await ScreenshotAsync("matrix", height: 768);

        await Page.Locator("#filter-department").SelectOptionAsync(new SelectOptionValue { Label = "区林业局" });
        await Page.Locator("#search").ClickAsync();
        await Expect(Page.Locator("#matrix thead th")).ToHaveTextAsync(new[] { "镇街", "区林业局" });
        await Expect(Page.Locator("#matrix a.cell")).ToHaveCountAsync(1);
    }
}
