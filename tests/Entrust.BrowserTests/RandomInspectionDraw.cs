using System.Text.RegularExpressions;
using Entrust.BrowserTests.Hosting;
using Entrust.Web.Data;
using Entrust.Web.Features.Officers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Entrust.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class RandomInspectionDraw(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    [Fact]
    public async Task TheOfficePlansDrawsAndVerifiesARandomInspection()
    {
        const string name = "浏览器测试：歇马镇餐饮双随机抽查";
        await SignInAsync("office");
        await Page.Locator("nav.sidebar a[data-menu=random-plans]").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/RandomPlans$"));
        await Page.Locator("#new-plan").ClickAsync();

        await Page.Locator("#Name").FillAsync(name);
        // Choosing the township asks the pool too: its answer is awaited first, or it could land after the matter's and draw the pool
        // as it was without a matter.
        await Page.RunAndWaitForResponseAsync(() => Page.Locator("#TownshipIds").SelectOptionAsync(new SelectOptionValue { Label = "歇马镇" }),
            r => r.Url.Contains("handler=Pool"));
        // Choosing the matter asks the pool again: who may act on it today.
        await Page.RunAndWaitForResponseAsync(() => Page.Locator("#MatterId").SelectOptionAsync(
            new SelectOptionValue { Label = "198-06 餐饮服务食品安全监督检查" }), r => r.Url.Contains("handler=Pool"));
        await Page.Locator("#TargetKinds").SelectOptionAsync([new SelectOptionValue { Label = "餐饮服务单位" }, new SelectOptionValue { Label = "农家乐" }]);
        await Page.Locator("#ProportionPercent").FillAsync("10");
        // 蒋小兵 may not act on the matter today: greyed with the reason, not to be ticked.
        var jiang = Page.Locator("#InspectorIds label.unable").Filter(new() { HasText = "蒋小兵" });
        await Expect(jiang).ToHaveCountAsync(1);
        await Expect(jiang.Locator(".why")).Not.ToBeEmptyAsync();
        await Expect(jiang.Locator("input")).ToBeDisabledAsync();
        // 歇马镇's officers who may act, found by typing the unit, ticked one by one (no Ctrl).
        await Page.Locator("#InspectorIds .picker-search").FillAsync("歇马镇");
        var xiema = Page.Locator("#InspectorIds label.check:not(.unable):visible");
        Assert.True(await xiema.CountAsync() >= 3);
        Assert.All(await xiema.AllTextContentsAsync(), t => Assert.Contains("歇马镇", t));
        for (var i = 0; i < await xiema.CountAsync(); i++)
        {
            await xiema.Nth(i).Locator("input").CheckAsync();
        }
        await Page.Locator("#save").ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/RandomPlans/Detail/"));
        await Expect(Page.Locator("#plan-state")).ToHaveTextAsync("草稿");
        await Page.Locator("#draw").ClickAsync();

        await Expect(Page.Locator("#plan-state")).ToHaveTextAsync("已抽取");
        await Expect(Page.Locator("#seed")).ToHaveTextAsync(new Regex("^[0-9a-f]{16}$"));
        Assert.True(await TableRows.CountAsync() >= 8);
        var seed = await Page.Locator("#seed").TextContentAsync();

        await Page.Locator("#verify").ClickAsync();
        await Expect(Page.Locator("#verify-result")).ToContainTextAsync("一致");
        await Expect(Page.Locator("#verify-result")).Not.ToContainTextAsync("不一致");
        await Expect(Page.Locator("#verify-result")).ToContainTextAsync(seed!);
        await ScreenshotAsync("random-plan-verified", 900);
    }

    [Fact]
    public async Task TheOfficeListsAMatterPublishesTheListAndThePublicSeesIt()
    {
        await SignInAsync("office");
        await Page.GotoAsync("/RandomPlans");
        await Page.Locator("#items-link").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/RandomPlans/Items$"));
        // The demo's list, published before its plan was made.
        await Expect(Page.Locator("#items tr[data-matter='198-06']")).ToContainTextAsync("已公布");
        // A coercive measure is not offered.
        await Expect(Page.Locator("#MatterId option", new() { HasText = "AJ-09" })).ToHaveCountAsync(0);
        var before = await TableRows.CountAsync();

        // Without a basis: refused beside the field, nothing added.
        await Page.Locator("#MatterId").SelectOptionAsync(new SelectOptionValue { Label = "198-04 森林防火检查" });
        await Page.Locator("#Content").FillAsync("防火责任制、野外用火管理");
        await Page.Locator("#add-item").ClickAsync();
        await Expect(Page.Locator(".field-error[data-for=Basis]")).ToContainTextAsync("抽查依据");
        Assert.Equal(before, await TableRows.CountAsync());

        await Page.Locator("#Basis").FillAsync("《森林防火条例》第二十四条");
        await Page.Locator("#add-item").ClickAsync();
        var row = Page.Locator("#items tr[data-matter='198-04']");
        await Expect(row).ToContainTextAsync("未公布");
        Assert.Equal(before + 1, await TableRows.CountAsync());

        // Not public until published; then it is, with its basis.
        await Page.GotoAsync("/Public/InspectionItems");
        await Expect(Page.Locator("#public-items tr[data-matter='198-06']")).ToBeVisibleAsync();
        await Expect(Page.Locator("#public-items tr[data-matter='198-04']")).ToHaveCountAsync(0);
        await Page.GotoAsync("/RandomPlans/Items");
        await Page.Locator("#publish-items").ClickAsync();
        await Expect(row).ToContainTextAsync("已公布");
        await Page.GotoAsync("/Public/Inspections");
        await Page.Locator("#public-items-link").ClickAsync();
        await Expect(Page.Locator("#public-items tr[data-matter='198-04']")).ToContainTextAsync("《森林防火条例》第二十四条");
        await ScreenshotAsync("random-inspection-items-public", 900);

        // Removed: gone from the list and from the public page.
        await Page.GotoAsync("/RandomPlans/Items");
        await row.Locator("button[data-remove]").ClickAsync();
        await ConfirmAsync();
        await Expect(Page.Locator("#items tr[data-matter='198-04']")).ToHaveCountAsync(0);
        await Page.GotoAsync("/Public/InspectionItems");
        await Expect(Page.Locator("#public-items tr[data-matter='198-04']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TheOfficeRecordsAndWithdrawsAConflictOfInterest()
    {
        await SignInAsync("office");
        await Page.GotoAsync("/RandomPlans");
        await Page.Locator("#conflicts-link").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/RandomPlans/Conflicts$"));
        // The demo's recusal is listed.
        await Expect(Page.Locator("#conflicts")).ToContainTextAsync("近亲属");
        var before = await TableRows.CountAsync();

        // Without a reason: refused beside the form, nothing added.
        await Page.Locator("#TargetQuery").FillAsync("天生街道好再来");
        await Page.Locator("#search-targets").ClickAsync();
        await Expect(Page.Locator("#TargetId option")).ToHaveCountAsync(2);
        // The option names the unit beside the officer (several 王伟); the table names the officer.
        var option = (await Page.Locator("#OfficerId option").Nth(1).TextContentAsync())!.Trim();
        var officer = option[..option.IndexOf('（')];
        await Page.Locator("#OfficerId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await Page.Locator("#TargetId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await Page.Locator("#Reason").EvaluateAsync("e => e.removeAttribute('required')");
        await Page.Locator("#add-conflict").ClickAsync();
        await Expect(Page.Locator("span[data-valmsg-for='Reason']")).ToContainTextAsync("理由");
        Assert.Equal(before, await TableRows.CountAsync());

        await Page.Locator("#Reason").FillAsync("曾在该店任职");
        await Page.Locator("#add-conflict").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/RandomPlans/Conflicts$"));
        var row = TableRows.Filter(new() { HasText = "曾在该店任职" });
        await Expect(row).ToContainTextAsync("天生街道好再来中餐馆");
        await Expect(row).ToContainTextAsync(officer);
        Assert.Equal(before + 1, await TableRows.CountAsync());

        await row.Locator("button[data-remove]").ClickAsync();
        await ConfirmAsync();
        await Expect(TableRows.Filter(new() { HasText = "曾在该店任职" })).ToHaveCountAsync(0);
        Assert.Equal(before, await TableRows.CountAsync());
    }

    /// <summary>
    /// A plan on 区安监局's work-safety matter (QQ-04) for 歇马镇 whose pool is one of 歇马镇's certified officers and 区安监局's:
    /// every pair drawn names a department officer, whom the township does not otherwise see. The township records the drawn
    /// inspection from the plan's page with the pair the draw filled in, and the inspection names both.
    /// </summary>
    [Fact]
    public async Task TheTownshipRecordsTheInspectionOfADrawnPairThatIncludesADepartmentOfficer()
    {
        string township;
        List<string> departmentOfficers;
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
            var certified = await db.Certificates.Where(c => c.State == CertificateState.Active)
                .Join(db.Officers, c => c.OfficerId, o => o.Id, (c, o) => new { o.Name, o.TownshipId, o.DepartmentId, c.Domains })
                .ToListAsync();
            var xiema = await db.Townships.Where(t => t.Name == "歇马镇").Select(t => t.Id).SingleAsync();
            var safety = await db.Departments.Where(d => d.Name == "区安监局").Select(d => d.Id).SingleAsync();
            var workSafety = certified.Where(c => c.Domains.Contains("work-safety")).ToList();
            township = workSafety.Where(c => c.TownshipId == xiema).Select(c => c.Name).Order(StringComparer.Ordinal).First();
            departmentOfficers = workSafety.Where(c => c.DepartmentId == safety).Select(c => c.Name).Distinct().ToList();
            Assert.NotEmpty(departmentOfficers);
        }

        await SignInAsync("office");
        await Page.GotoAsync("/RandomPlans/Edit");
        await Page.Locator("#Name").FillAsync("浏览器测试：歇马镇安全生产联合抽查");
        await Page.Locator("#TownshipIds").SelectOptionAsync(new SelectOptionValue { Label = "歇马镇" });
        await Page.RunAndWaitForResponseAsync(() => Page.Locator("#MatterId").SelectOptionAsync(
            new SelectOptionValue { Label = "QQ-04 生产经营单位安全生产检查" }), r => r.Url.Contains("handler=Pool"));
        await Page.Locator("#Count").FillAsync("1");
        // Each officer is offered with the unit beside the name: the township's officer with 歇马镇, a department's with the department.
        var pooled = 0;
        foreach (var (name, unit) in departmentOfficers.Select(n => (n, "区安监局")).Append((township, "歇马镇")))
        {
            var label = Page.Locator("#InspectorIds label.check:not(.unable)")
                .Filter(new() { HasTextRegex = new Regex("^\\s*" + Regex.Escape(name) + "\\s+" + unit) });
            if (await label.CountAsync() > 0)
            {
                await label.First.Locator("input").CheckAsync();
                pooled++;
            }
        }
        Assert.True(pooled >= 2, pooled.ToString());
        await Page.Locator("#save").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/RandomPlans/Detail/"));
        await Page.Locator("#draw").ClickAsync();
        await Expect(Page.Locator("#plan-state")).ToHaveTextAsync("已抽取");
        var plan = Page.Url;
        await Page.Locator("#sign-out").ClickAsync();

        await SignInAsync("town.xiema");
        await Page.GotoAsync(plan);
        await Page.Locator("a[data-record]").First.ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/Inspections/Record\\?assignment="));
        await Expect(Page.Locator("#drawn-for")).ToBeVisibleAsync();
        // The draw's pair is ticked, the department's officer among them.
        var ticked = await Page.Locator("#officers input:checked").EvaluateAllAsync<string[]>(
            "inputs => inputs.map(i => i.closest('label').textContent.trim())");
        Assert.Equal(2, ticked.Length);
        // Each offered officer shows the unit beside the name.
        Assert.Contains(ticked, t => departmentOfficers.Any(name => t.StartsWith(name + " ", StringComparison.Ordinal)));
        await Page.Locator("#Findings").FillAsync("安全生产责任制落实，消防设施完好。");
        await Page.Locator("input[name='Input.Result'][value='NoProblem']").CheckAsync();
        await Page.Locator("#save").ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/Inspections/Detail/"));
        await Expect(Page.Locator("#random-plan")).ToBeVisibleAsync();
        var officers = await Page.Locator("#officers").TextContentAsync();
        // The pair recorded: the ticked names (the picker shows each with its unit after a space).
        Assert.Equal(ticked.Select(t => t.Split(' ')[0]).Order(StringComparer.Ordinal), officers!.Split('、').Order(StringComparer.Ordinal));
    }
}
