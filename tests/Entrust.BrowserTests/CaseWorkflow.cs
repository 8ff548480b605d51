using System.Text.RegularExpressions;
using Entrust.BrowserTests.Hosting;
using Entrust.Web.Data;
using Entrust.Web.Features.Accounts;
using Entrust.Web.Features.Cases;
using Entrust.Web.Features.Officers;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Entrust.BrowserTests;

/// <summary>
/// A 计划生育 penalty case of 歇马镇 through the pages: filed, investigated, notified, decided, delivered, paid, executed and
/// closed under the general procedure; and a major case whose decision is refused until the legal review and the collective
/// discussion, the state unchanged by the refusal.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CaseWorkflow(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    private const string Matter = "对违反计划生育规定行为的处罚";

    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1];

    /// <summary>Two officers of 歇马镇 who may act on the matter today, and another officer of the district to qualify as legal reviewer.</summary>
    internal static async Task<(Guid First, Guid Second, Guid Reviewer)> CrewAsync(AppFixture app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
        var powers = scope.ServiceProvider.GetRequiredService<OfficerPowers>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var xiema = await db.Townships.Where(t => t.Name == "歇马镇").Select(t => t.Id).SingleAsync();
        var matter = await db.Matters.Where(m => m.Name == Matter).Select(m => m.Id).SingleAsync();
        var officers = await db.Officers.Where(o => o.TownshipId == xiema && o.Status == OfficerStatus.Active).OrderBy(o => o.Name)
            .Select(o => o.Id).ToListAsync();
        var able = new List<Guid>();
        foreach (var officer in officers)
        {
            if ((await powers.MayActAsync(officer, matter, null, clock.TodayInChina())).MayAct)
            {
                able.Add(officer);
            }
        }
        var reviewer = officers.First(o => !able.Take(2).Contains(o));
        return (able[0], able[1], reviewer);
    }

    private static string Today => DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd");

    private ILocator State => Page.Locator("#state");

    private Task<string> FileAsync(Guid first, Guid second, string party, bool major) => FileAsync(Page, first, second, party, major);

    /// <summary>Files a case of <see cref="Matter"/> from the console as the signed-in township; the case page's address.</summary>
    internal static async Task<string> FileAsync(IPage page, Guid first, Guid second, string party, bool major)
    {
        await page.GotoAsync("/Cases");
        await page.Locator("#file").ClickAsync();
        await page.Locator("#MatterId").SelectOptionAsync(new SelectOptionValue { Label = Matter });
        await page.Locator("#PartyKind").SelectOptionAsync("Person");
        await page.Locator("#PartyName").FillAsync(party);
        await page.Locator("#PartyIdentifier").FillAsync("11010519491231002X");
        await page.Locator("#Facts").FillAsync("违反规定生育子女，未依法缴纳社会抚养费。");
        await page.Locator("#ActOn").FillAsync(DateTime.UtcNow.AddHours(8).AddDays(-30).ToString("yyyy-MM-dd"));
        await page.Locator($"#officers input[value='{first}']").CheckAsync();
        await page.Locator($"#officers input[value='{second}']").CheckAsync();
        if (major)
        {
            await page.Locator("#IsMajor").CheckAsync();
        }
        await page.Locator("#save").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Cases/Detail/"));
        await Expect(page.Locator("#state")).ToHaveTextAsync("已立案");
        await Expect(page.Locator("#standing")).ToContainTextAsync("委托");
        return page.Url;
    }

    private async Task InvestigateAsync(Guid first, Guid second, bool withFile)
    {
        await OpenStepAsync("investigate");
        await Page.Locator($"#investigate-officers input[value='{first}']").CheckAsync();
        await Page.Locator($"#investigate-officers input[value='{second}']").CheckAsync();
        await Page.Locator("#investigate").ClickAsync();
        await Expect(State).ToHaveTextAsync("调查取证");

        await OpenStepAsync("evidence");
        await Page.Locator("#evidence-kind").FillAsync("询问笔录");
        await Page.Locator("#evidence-description").FillAsync("当事人承认违法事实。");
        await Page.Locator($"#evidence-officers input[value='{first}']").CheckAsync();
        await Page.Locator($"#evidence-officers input[value='{second}']").CheckAsync();
        if (withFile)
        {
            await Page.Locator("#evidence-files").SetInputFilesAsync(new FilePayload { Name = "询问笔录.jpg", MimeType = "image/jpeg", Buffer = Jpeg });
        }
        await OpenStepAsync("evidence");
        await Page.Locator("#add-evidence").ClickAsync();
        await Expect(Page.Locator("#evidence tbody tr")).ToContainTextAsync("当事人承认违法事实。");
        await Expect(State).ToHaveTextAsync("调查取证");
    }

    private async Task NotifyAsync(string fine, string confiscation)
    {
        await OpenStepAsync("notify");
        await Page.Locator("#notify-fine").FillAsync(fine);
        await Page.Locator("#notify-confiscation").FillAsync(confiscation);
        await Page.Locator("#notify-text").FillAsync("依据《中华人民共和国人口与计划生育法》第四十一条，拟作出罚款并没收违法所得的处罚。");
        await Page.Locator("#notify").ClickAsync();
        await Expect(State).ToHaveTextAsync("已告知");
        await Expect(Page.Locator("#notice-document")).ToHaveAttributeAsync("href", new Regex("handler=Document&kind=notice$"));
    }

    [Fact]
    public async Task ACaseGoesFromFilingToClosingThroughTheGeneralProcedure()
    {
        var (first, second, _) = await CrewAsync(App);
        await SignInAsync("town.xiema");
        await FileAsync(first, second, "刘某", major: false);
        await InvestigateAsync(first, second, withFile: true);
        await Expect(Page.Locator("#evidence")).ToContainTextAsync("询问笔录.jpg");

        await NotifyAsync("1000", "500");
        await OpenStepAsync("representations");
        await Page.Locator("#representations-text").FillAsync("当事人称家庭经济困难，请求从轻处罚。");
        await Page.Locator("#representations").ClickAsync();
        await Expect(Page.Locator(".flash")).ToContainTextAsync("记录陈述申辩");
        await Expect(State).ToHaveTextAsync("已告知");
        await Expect(Page.Locator("#timeline")).ToContainTextAsync("请求从轻处罚");

        // The notified penalty is offered; the decision takes it as it is.
        await Expect(Page.Locator("#decide-fine")).ToHaveValueAsync(new Regex("^1000"));
        await OpenStepAsync("decide");
        await Page.Locator("#decide").ClickAsync();
        await Expect(State).ToHaveTextAsync("已作出决定");
        await Expect(Page.Locator("#decision-document")).ToBeVisibleAsync();
        await Expect(Page.Locator("#decided-penalty")).ToContainTextAsync("罚决字");

        // Both documents download with the console's sign-in (never the bearer-only API's 401) and open.
        var notice = await Downloaded.ByClickingAsync(Page, Page.Locator("#notice-document"));
        var decision = await Downloaded.ByClickingAsync(Page, Page.Locator("#decision-document"));
        Assert.Contains("行政处罚事先告知书", notice.WordText());
        Assert.Contains("刘某", notice.WordText());
        Assert.Contains("行政处罚决定书", decision.WordText());
        Downloaded.AssertLibreOfficeOpens(notice, decision);

        await OpenStepAsync("deliver");
        await Page.Locator("#deliver-method").SelectOptionAsync("Direct");
        await Page.Locator("#deliver").ClickAsync();
        await Expect(State).ToHaveTextAsync("已送达");
        await Expect(Page.Locator("#next-deadline")).ToContainTextAsync("缴纳");

        await OpenStepAsync("payment");
        await Page.Locator("#payment").ClickAsync();
        await Expect(State).ToHaveTextAsync("已送达");
        await Expect(Page.Locator("#payment-form")).ToHaveCountAsync(0);

        await OpenStepAsync("execute");
        await Page.Locator("#execute").ClickAsync();
        await Expect(State).ToHaveTextAsync("已执行");

        await OpenStepAsync("close");
        await Page.Locator("#close").ClickAsync();
        await Expect(State).ToHaveTextAsync("已结案");
        await Expect(Page.Locator("#decide-form, #deliver-form, #close-form, #transfer-form")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#timeline tbody tr")).ToHaveCountAsync(10);
        await ScreenshotAsync("case-closed");

        // The list shows the closed case, and it runs against no deadline.
        await Page.GotoAsync("/Cases?state=Closed");
        var row = TableRows.Filter(new() { HasText = "刘某" });
        await Expect(row).ToContainTextAsync("已结案");
        await Expect(row).ToContainTextAsync("无");
    }

    /// <summary>Issue 18: a step left blank is refused field by field, all at once, each beside its field, what was chosen kept.</summary>
    [Fact]
    public async Task AStepWithFieldsLeftBlankShowsEachErrorBesideItsFieldOnce()
    {
        var (first, second, _) = await CrewAsync(App);
        await SignInAsync("town.xiema");
        await FileAsync(first, second, "吴某", major: false);
        await OpenStepAsync("investigate");
        await Page.Locator($"#investigate-officers input[value='{first}']").CheckAsync();
        await Page.Locator($"#investigate-officers input[value='{second}']").CheckAsync();
        await Page.Locator("#investigate").ClickAsync();
        await Expect(State).ToHaveTextAsync("调查取证");
        await OpenStepAsync("evidence");
        await Page.Locator($"#evidence-officers input[value='{first}']").CheckAsync();
        await Page.Locator($"#evidence-officers input[value='{second}']").CheckAsync();
        await Page.Locator("#add-evidence").ClickAsync();

        var form = Page.Locator("#evidence-form");
        await Expect(form.Locator(".field-error[data-for='Kind']")).ToContainTextAsync("请填写");
        await Expect(form.Locator(".field-error[data-for='Description']")).ToContainTextAsync("请填写");
        await Expect(form.Locator("[aria-invalid='true']")).ToHaveCountAsync(2);
        await Expect(Page.Locator("#step-errors")).ToHaveCountAsync(0);
        await Expect(Page.Locator($"#evidence-officers input[value='{first}']")).ToBeCheckedAsync();
        await Expect(State).ToHaveTextAsync("调查取证");
        await Expect(Page.Locator("#evidence tbody tr")).ToContainTextAsync("暂无");
        // The pickers of one officer start on 请选择 and name each one's unit.
        await Expect(Page.Locator("#recusal-officer option").First).ToHaveTextAsync("请选择");
        await Expect(Page.Locator($"#recusal-officer option[value='{first}']")).ToContainTextAsync("（歇马镇）");
    }

    [Fact]
    public async Task AMajorCaseIsNotDecidedWithoutLegalReviewAndIsAfterReviewAndDiscussion()
    {
        var (first, second, reviewer) = await CrewAsync(App);
        await SignInAsync("office");
        await Page.GotoAsync("/Cases/Settings");
        await Page.Locator($"#reviewers input[value='{reviewer}']").CheckAsync();
        await Page.Locator("#save").ClickAsync();
        await Expect(Page.Locator(".flash")).ToContainTextAsync("案件设置已保存");
        await Expect(Page.Locator($"#reviewers input[value='{reviewer}']")).ToBeCheckedAsync();
        await Page.Locator("#sign-out").ClickAsync();

        await SignInAsync("town.xiema");
        var url = await FileAsync(first, second, "陈某", major: true);
        await InvestigateAsync(first, second, withFile: false);
        await NotifyAsync("2000", "0");
        await OpenStepAsync("waive");
        await Page.Locator("#waive").ClickAsync();
        await Expect(State).ToHaveTextAsync("已告知");

        await OpenStepAsync("decide");
        await Page.Locator("#decide").ClickAsync();
        await Expect(Page.Locator("#step-errors")).ToContainTextAsync("未经法制审核，不得作出决定");
        await Expect(Page.Locator("#step-errors")).ToContainTextAsync("第五十八条");
        await Expect(State).ToHaveTextAsync("已告知");
        await ScreenshotAsync("case-decision-refused");
        await Page.GotoAsync(url);
        await Expect(State).ToHaveTextAsync("已告知");
        await Expect(Page.Locator("#timeline")).Not.ToContainTextAsync("作出处罚决定");

        await OpenStepAsync("review");
        await Page.Locator("#review-reviewer").SelectOptionAsync(reviewer.ToString());
        await Page.Locator("#review-text").FillAsync("事实清楚，证据确凿，适用依据正确，程序合法。");
        await Page.Locator("#review").ClickAsync();
        await Expect(State).ToHaveTextAsync("已法制审核");

        await OpenStepAsync("discuss");
        await Page.Locator("#discuss-text").FillAsync("同意按告知内容作出处罚决定。");
        await Page.Locator("#discuss").ClickAsync();
        await Expect(State).ToHaveTextAsync("已集体讨论");

        await OpenStepAsync("decide");
        await Page.Locator("#decide").ClickAsync();
        await Expect(State).ToHaveTextAsync("已作出决定");
        await Expect(Page.Locator("#step-errors")).ToBeHiddenAsync();

        // On a phone the case and its next step fit the screen's width.
        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await Page.ReloadAsync();
        await ScreenshotAsync("case-decided-phone");
        Assert.True(await Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await Page.GotoAsync("/Cases/Deadlines");
        await Expect(Page.Locator("#deadline-list")).ToContainTextAsync("陈某");
        Assert.True(await Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
    }

    [Fact]
    public async Task AFilingFromAnInspectionTakesItsMatterPartyFactsAndOfficers()
    {
        Guid inspection, matter, officer;
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
            var xiema = await db.Townships.Where(t => t.Name == "歇马镇").Select(t => t.Id).SingleAsync();
            var found = await db.Inspections
                .Where(i => i.TownshipId == xiema && i.Result == Entrust.Web.Features.Inspections.InspectionResult.CaseToBeFiled)
                .Select(i => new { i.Id, i.MatterId, Officer = i.Officers.Select(o => o.OfficerId).First() }).FirstAsync();
            (inspection, matter, officer) = (found.Id, found.MatterId, found.Officer);
        }
        await SignInAsync("town.xiema");
        await Page.GotoAsync($"/Inspections/Detail/{inspection}");
        await Page.Locator("#file-case").ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex($"/Cases/File\\?inspection={inspection}"));
        await Expect(Page.Locator("#from-inspection")).ToBeVisibleAsync();
        await Expect(Page.Locator("#MatterId")).ToHaveValueAsync(matter.ToString());
        await Expect(Page.Locator("#Facts")).ToHaveValueAsync(new Regex("逾期未整改"));
        await Expect(Page.Locator("#PartyName")).Not.ToHaveValueAsync("");
        await Expect(Page.Locator($"#officers input[value='{officer}']")).ToBeCheckedAsync();
    }

    /// <summary>
    /// An account of 区人口计生委, in whose name 歇马镇 handles the matter (委托): the acting body that approves extensions and
    /// payment plans. The demo has none; it is made here as the office would.
    /// </summary>
    private async Task<string> ActingBodyAccountAsync()
    {
        const string name = "dept.jisheng";
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync(name) is null)
        {
            var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
            var department = await db.Departments.IgnoreQueryFilters().SingleAsync(d => d.Name == "区人口计生委");
            var created = await users.CreateAsync(new AppUser
            {
                UserName = name,
                DisplayName = "区人口计生委法制科",
                Role = Roles.Department,
                DistrictId = department.DistrictId,
                DepartmentId = department.Id,
            }, AppFixture.Password);
            Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        return name;
    }

    [Fact]
    public async Task TheActingBodyArrangesPaymentByInstalmentsOnTheCasePageAndAShortPlanIsRefused()
    {
        var account = await ActingBodyAccountAsync();
        Guid id;
        decimal fine;
        using (var scope = App.Services.CreateScope())
        {
            // The demo's case delivered and unpaid past its 15 days.
            var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
            var delivered = await db.Cases.IgnoreQueryFilters().Where(c => c.State == CaseState.Delivered && c.PaidOn == null)
                .OrderBy(c => c.Number).FirstAsync();
            (id, fine) = (delivered.Id, delivered.FineOutstanding);
        }
        var first = decimal.Floor(fine / 2);
        var today = DateTime.UtcNow.AddHours(8);
        await SignInAsync(account);
        await Page.GotoAsync($"/Cases/Detail/{id}");
        await Expect(State).ToHaveTextAsync("已送达");
        await Expect(Page.Locator("table#instalments")).ToHaveCountAsync(0);

        async Task PlanAsync(decimal second)
        {
            await OpenStepAsync("instalments");
            await Page.Locator("#instalment-0-due").FillAsync(today.AddDays(10).ToString("yyyy-MM-dd"));
            await Page.Locator("#instalment-0-amount").FillAsync(first.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Page.Locator("#instalment-1-due").FillAsync(today.AddDays(40).ToString("yyyy-MM-dd"));
            await Page.Locator("#instalment-1-amount").FillAsync(second.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Page.Locator("#instalments-text").FillAsync("当事人经济困难，申请分两期缴纳罚款。");
            await Page.Locator("button#instalments").ClickAsync();
        }

        // Together short of the fine: refused naming APL 66, nothing written.
        await PlanAsync(fine - first - 1);
        await Expect(Page.Locator("#instalments-form")).ToContainTextAsync("第六十六条");
        await Expect(State).ToHaveTextAsync("已送达");
        await Page.GotoAsync($"/Cases/Detail/{id}");
        await Expect(Page.Locator("table#instalments")).ToHaveCountAsync(0);

        await PlanAsync(fine - first);
        await Expect(Page.Locator("#step-errors")).ToBeHiddenAsync();
        var rows = Page.Locator("table#instalments tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToContainTextAsync(today.AddDays(10).ToString("yyyy-MM-dd"));
        await Expect(rows.Nth(1)).ToContainTextAsync(today.AddDays(40).ToString("yyyy-MM-dd"));
        await Expect(Page.Locator("#payment-deferred")).ToContainTextAsync(account);
        await Expect(State).ToHaveTextAsync("已送达");
    }

    [Fact]
    public async Task TheOfficeSetsASectorsExtensionLimitAndAnExtensionPastItIsRefusedOnTheCasePage()
    {
        var (first, second, _) = await CrewAsync(App);
        var account = await ActingBodyAccountAsync();
        await SignInAsync("office");
        await Page.GotoAsync("/Cases/Settings");
        var sector = Page.Locator("#ext-family-planning");
        await Expect(Page.Locator("#sector-extensions")).ToContainTextAsync("计划生育");
        await sector.FillAsync("0");
        await Page.Locator("#save").ClickAsync();
        await Expect(Page.Locator(".flash")).ToContainTextAsync("案件设置已保存");
        await Page.GotoAsync("/Cases/Settings");
        await Expect(sector).ToHaveValueAsync("0");
        // A sector left empty keeps the general figure, and is shown empty again.
        await Expect(Page.Locator("#ext-work-safety")).ToHaveValueAsync("");
        await Page.Locator("#sign-out").ClickAsync();

        await SignInAsync("town.xiema");
        var url = await FileAsync(first, second, "周某", major: false);
        await Page.Locator("#sign-out").ClickAsync();

        await SignInAsync(account);
        await Page.GotoAsync(url);
        await OpenStepAsync("extend");
        await Page.Locator("#extend-days").FillAsync("30");
        await Page.Locator("#extend-text").FillAsync("案情复杂，需补充调查。");
        await Page.Locator("#extend").ClickAsync();
        await Expect(Page.Locator("#extend-form")).ToContainTextAsync("上限 0 次");
        await Expect(Page.Locator("#extend-form")).ToContainTextAsync("第六十条");
        await Expect(Page.Locator("#extensions")).ToHaveCountAsync(0);

        // Back to the general figure: the same extension is approved (the refused step's dialog closed first).
        await Page.Keyboard.PressAsync("Escape");
        await Page.Locator("#sign-out").ClickAsync();
        await SignInAsync("office");
        await Page.GotoAsync("/Cases/Settings");
        await sector.FillAsync("");
        await Page.Locator("#save").ClickAsync();
        await Expect(Page.Locator(".flash")).ToContainTextAsync("案件设置已保存");
        await Page.Locator("#sign-out").ClickAsync();
        await SignInAsync(account);
        await Page.GotoAsync(url);
        await OpenStepAsync("extend");
        await Page.Locator("#extend-days").FillAsync("30");
        await Page.Locator("#extend-text").FillAsync("案情复杂，需补充调查。");
        await Page.Locator("#extend").ClickAsync();
        await Expect(Page.Locator("#extensions tbody tr")).ToHaveCountAsync(1);
    }
}
