using Entrust.BrowserTests.Hosting;

namespace Entrust.BrowserTests;

/// <summary>
/// Issue 18's pickers that help, for a single choice: a long officer select gets a box that narrows its options as one types
/// (a district has four 王伟; each option carries the unit), and its label still names the select, not the box.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OfficerSelects(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    [Theory]
    [InlineData("/Assessment/Accountability", "#open-officer")]
    [InlineData("/RandomPlans/Conflicts", "#OfficerId")]
    [InlineData("/Admin/Users/Edit", "#OfficerId")]
    public async Task ALongOfficerSelectNarrowsAsOneTypes(string page, string select)
    {
        await SignInAsync();
        await Page.GotoAsync(page);
        var options = Page.Locator($"{select} option");
        var all = await options.CountAsync();
        Assert.True(all > 9, $"{page}: {all} options");
        var wanted = (await options.Nth(1).TextContentAsync())!.Trim();
        var search = Page.Locator(".multi-select", new() { Has = Page.Locator(select) }).Locator(".picker-search");

        await search.FillAsync(wanted);

        var shown = await Page.Locator($"{select} option[value]:not([value=''])").EvaluateAllAsync<string[]>(
            "os => os.filter(o => !o.hidden).map(o => o.textContent.trim())");
        Assert.NotEmpty(shown);
        Assert.All(shown, text => Assert.Contains(wanted, text));
        Assert.True(shown.Length < all - 1, $"{page}: the box narrowed nothing");
        Assert.Equal(await Page.Locator(select).GetAttributeAsync("id"),
            await Page.EvaluateAsync<string>($"document.querySelector('{select}').labels[0].control.id"));
        await Page.Locator(select).SelectOptionAsync(new SelectOptionValue { Label = wanted });
        Assert.Equal(wanted, await Page.Locator(select).EvaluateAsync<string>("s => s.selectedOptions[0].textContent.trim()"));
    }
}
