using Entrust.BrowserTests.Hosting;

namespace Entrust.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class DockingAndScope(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    [Fact]
    public async Task XiemaDocksTheHealthBureauAndOnlyTheAgricultureCommitteeStaysUndocked()
    {
        await SignInAsync("town.xiema");
        await Page.Locator("a[data-menu=docking]").ClickAsync();
        await Page.Locator("#undocked").CheckAsync();
        await Page.Locator("#search").ClickAsync();
        var rows = Page.Locator("#dockings tbody tr");
        // 卫生 and 农委 did not dock (the seed).
        await Expect(rows.Locator("td:nth-child(2)")).ToHaveTextAsync(new[] { "区农委", "区卫生局" });

        var health = rows.Filter(new() { HasText = "区卫生局" });
        await health.Locator("select").SelectOptionAsync(new SelectOptionValue { Label = "社事办（陈志强（副镇长））" });
        await health.Locator("button").ClickAsync();

        await Expect(Page.Locator(".flash")).ToContainTextAsync("社事办");
        await Expect(rows.Locator("td:nth-child(2)")).ToHaveTextAsync(new[] { "区农委" });
        await Expect(Page.Locator("#undocked")).ToBeCheckedAsync();
    }

    [Fact]
    public async Task OfficeSeesEveryPairPagedAndOnlyXiemaCanBeAssignedAnOffice()
    {
        await SignInAsync();
        await Page.GotoAsync("/Agreements/Docking");

        // 16 townships × the 4 district-wide departments, and 歇马镇's 13.
        await Expect(Page.Locator("nav.pager")).ToContainTextAsync("共 77 条");
        var rows = Page.Locator("#dockings tbody tr");
        await Expect(rows).ToHaveCountAsync(20);
        // Only 歇马镇 has recorded its internal offices.
        await Expect(rows.First.Locator("select")).ToHaveCountAsync(0);
        await Page.Locator("nav.pager a[rel=next]").ClickAsync();
        await Expect(Page.Locator("nav.pager")).ToContainTextAsync("第 2/4 页");
        await Expect(rows).ToHaveCountAsync(20);
    }

    [Fact]
    public async Task TownshipAsksForAPowerOutsideScopeAndSeesTheOfficeRejectIt()
    {
        await SignInAsync("town.tiansheng");
        await Page.Locator("a[data-menu=scope]").ClickAsync();
        await Page.Locator("#RequestedPower").FillAsync("市政管理");
        await Page.Locator("#RequestMatter").SelectOptionAsync(new SelectOptionValue { Label = "JW-07 对损坏市政设施行为的处罚" });
        await Page.Locator("#RequestReason").FillAsync("街道市政设施损坏多发。");
        await Page.Locator("#send-request").ClickAsync();
        var requests = Page.Locator("#requests tbody tr[data-id]");
        // A township sees its own requests only, not 歇马镇's two.
        await Expect(requests).ToHaveCountAsync(1);
        await Expect(requests).ToContainTextAsync("待处理");

        await Page.Locator("#sign-out").ClickAsync();
        await SignInAsync();
        await Page.GotoAsync("/Scope");
        var ours = Page.Locator("#requests tbody tr[data-id]", new() { HasText = "天生街道" });
        await Expect(ours).ToHaveCountAsync(1);
        var decide = Page.Locator("#requests tbody tr.decide-row").Nth(await RowIndexAsync(ours));
        // The answer is a small form in a dialog (the dialog is the confirmation): without a reason the office is refused beside
        // the field, in Chinese, the dialog open again.
        await decide.Locator("summary", new() { HasText = "不予批准" }).ClickAsync();
        var dialog = Page.Locator("dialog[open]");
        await Expect(dialog.Locator(".reject-form")).ToBeVisibleAsync();
        await dialog.Locator(".reject-form button.danger").ClickAsync();
        await Expect(Page.Locator("dialog[open] .field-error[data-for='Reject.Reason']")).ToContainTextAsync("理由");
        await Expect(Page.Locator("dialog[open] input[name='Reject.Reason']")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(0, await Page.Locator(".flash").CountAsync());

        await Page.Locator("dialog[open] input[name='Reject.Reason']").FillAsync("非试点街道，暂不扩大范围。");
        await Page.Locator("dialog[open] .reject-form button.danger").ClickAsync();
        await Expect(Page.Locator(".flash")).ToContainTextAsync("未予批准");

        await Page.Locator("#sign-out").ClickAsync();
        await SignInAsync("town.tiansheng");
        await Page.GotoAsync("/Scope");
        await Expect(requests).ToContainTextAsync("未批准");
        await Expect(requests).ToContainTextAsync("非试点街道，暂不扩大范围。");
    }

    [Fact]
    public async Task OfficeApprovesXiemasForestFireRequestAndTheMatterEntersPilotScope()
    {
        await SignInAsync();
        await Page.Locator("a[data-menu=scope]").ClickAsync();
        var scopeMatters = Page.Locator("#scope-matters tbody tr");
        await Expect(scopeMatters.Filter(new() { HasText = "LY-12" })).ToHaveCountAsync(0);
        var request = Page.Locator("#requests tbody tr[data-id]", new() { HasText = "森林防火" });
        var decide = Page.Locator("#requests tbody tr.decide-row").Nth(await RowIndexAsync(request));

        await decide.Locator("summary", new() { HasText = "批准并记录" }).ClickAsync();
        var dialog = Page.Locator("dialog[open]");
        await dialog.Locator(".approve-form select[name='Approve.Change']").SelectOptionAsync("AddMatterForPilots");
        await dialog.Locator(".approve-form input[name='Approve.DocumentNumber']").FillAsync("北碚府办〔2026〕88号");
        await dialog.Locator(".approve-form input[name='Approve.Reason']").FillAsync("林地面积大，同意纳入试点范围。");
        await dialog.Locator(".approve-form button.primary").ClickAsync();

        await Expect(Page.Locator(".flash")).ToContainTextAsync("已批准");
        await Expect(request).ToContainTextAsync("已批准");
        await Expect(scopeMatters.Filter(new() { HasText = "LY-12" })).ToContainTextAsync("仅试点镇街");
        await Expect(Page.Locator("#decisions tbody tr").First).ToContainTextAsync("北碚府办〔2026〕88号");
        await Expect(Page.Locator("#decisions tbody tr").First).ToContainTextAsync("事项纳入试点范围");
    }

    /// <summary>Which pending request this is, counting the office's decide rows that follow each pending request.</summary>
    private async Task<int> RowIndexAsync(ILocator request)
    {
        var id = await request.GetAttributeAsync("data-id");
        var pending = await Page.Locator("#requests tbody tr[data-id]:has(+ tr.decide-row)").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)");
        return Array.IndexOf(pending, id);
    }
}
