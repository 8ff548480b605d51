using System.Text.RegularExpressions;
using Entrust.BrowserTests.Hosting;
using Microsoft.Playwright;

namespace Entrust.BrowserTests;

/// <summary>
/// The confirmation dialog is JavaScript's (site.js): without it, a button that asks first is a plain form post, so the page still
/// works. The office records a conflict of interest and removes it with scripts off; a list filters and pages by plain links and
/// forms (htmx only speeds them up), and a small form in a dialog opens in place.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConfirmWithoutJavaScript(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    protected override bool JavaScript => false;

    [Fact]
    public async Task AListFiltersAndPagesWithoutJavaScript()
    {
        await SignInAsync("office");
        await Page.GotoAsync("/Targets?size=10");
        await Page.Locator("nav.pager a[data-page='2']").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"[?&]page=2"));
        await Expect(Page.Locator("nav.pager .pager-current")).ToHaveTextAsync("2");
        await Page.Locator("select[name=risk]").SelectOptionAsync("High");
        await Page.Locator("#search").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"risk=High"));
        Assert.Contains("size=10", Page.Url);
        await Expect(Page.Locator("#export")).ToHaveAttributeAsync("href", new Regex(@"risk=High"));
    }

    [Fact]
    public async Task AScopeRequestIsRejectedInPlaceWithoutJavaScript()
    {
        await SignInAsync("office");
        await Page.GotoAsync("/Scope");
        var decide = Page.Locator("#requests tbody tr.decide-row").First;
        await decide.Locator("summary", new() { HasText = "不予批准" }).ClickAsync();
        await decide.Locator(".reject-form input[name='Reject.Reason']").FillAsync("无脚本时不予批准。");
        await decide.Locator(".reject-form button.danger").ClickAsync();
        await Expect(Page.Locator(".flash")).ToContainTextAsync("未予批准");
        await Expect(Page.Locator("#requests")).ToContainTextAsync("无脚本时不予批准。");
    }

    [Fact]
    public async Task AnAgreementsTerminationIsRefusedInPlaceBesideItsFieldWithoutJavaScript()
    {
        await SignInAsync("office");
        await Page.GotoAsync("/Agreements");
        await Page.Locator("#filter-township").SelectOptionAsync(new SelectOptionValue { Label = "天生街道" });
        await Page.Locator("#search").ClickAsync();
        await TableRows.First.Locator("a").ClickAsync();
        await Expect(Page.Locator("#status")).ToHaveTextAsync("生效中");

        await Page.Locator("#open-terminate").ClickAsync();
        var form = Page.Locator("#terminate-dialog[open] #terminate-form");
        var later = DateOnly.ParseExact(await form.Locator("#TerminatedOn").GetAttributeAsync("min") ?? "", "yyyy-MM-dd").AddDays(60).ToString("yyyy-MM-dd");
        await form.Locator("#TerminatedOn").FillAsync(later);
        await form.Locator("#terminate").ClickAsync();

        await Expect(form.Locator(".field-error[data-for='Terminate.Reason']")).ToHaveTextAsync("请填写终止原因。");
        await Expect(form.Locator("#TerminationReason")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(form.Locator("#TerminatedOn")).ToHaveValueAsync(later);
        await Expect(Page.Locator("#status")).ToHaveTextAsync("生效中");
    }

    [Fact]
    public async Task AButtonThatAsksFirstPostsItsFormWithoutJavaScript()
    {
        await SignInAsync("office");
        await Page.GotoAsync("/RandomPlans/Conflicts");
        var before = await TableRows.CountAsync();
        await Page.Locator("#TargetQuery").FillAsync("天生街道好再来");
        await Page.Locator("#search-targets").ClickAsync();
        // Each officer stands with the unit beside the name (a district has several 王伟).
        Assert.Matches(@"^\S+（\S+）$", (await Page.Locator("#OfficerId option").Nth(1).TextContentAsync())!.Trim());
        await Page.Locator("#OfficerId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await Page.Locator("#TargetId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await Page.Locator("#Reason").FillAsync("无脚本时登记的回避");
        await Page.Locator("#add-conflict").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/RandomPlans/Conflicts$"));
        var row = TableRows.Filter(new() { HasText = "无脚本时登记的回避" });
        await Expect(row).ToHaveCountAsync(1);

        await row.Locator("button[data-confirm]").ClickAsync();
        await Expect(Page.Locator("#confirm-dialog")).ToBeHiddenAsync();
        await Expect(TableRows.Filter(new() { HasText = "无脚本时登记的回避" })).ToHaveCountAsync(0);
        Assert.Equal(before, await TableRows.CountAsync());
    }
}
