using System.Text.RegularExpressions;
using Entrust.BrowserTests.Hosting;
using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entrust.BrowserTests;

/// <summary>
/// The year-end assessment (issue 17) as the office runs it on the pages: the 2026 round opened, one of 歇马镇's concluded files drawn
/// for review and graded 不合格, the file's case confirmed as an erroneous case, the round computed — the erroneous case deducts from
/// 歇马镇 and from the department that entrusted the matter (双扣分制) — then published; 歇马镇 appeals, the office restores points, the
/// round is finalised once the appeal window has passed, and the results sheet and the annual report are downloaded and opened.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AssessmentWorkflow(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    private const int Year = 2026;
    private const string Decision = "北碚法制错〔2026〕1号";

    private async Task<T> WithDbAsync<T>(Func<EntrustDbContext, Task<T>> work)
    {
        using var scope = App.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<EntrustDbContext>());
    }

    private async Task SwitchToAsync(string userName)
    {
        await Page.Locator("#sign-out").ClickAsync();
        await SignInAsync(userName);
    }

    private async Task OpenResultAsync(Guid unit)
    {
        await Page.GotoAsync($"/Assessment?year={Year}");
        await Page.Locator($"#results tr[data-unit='{unit}'] a").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/Assessment/Result/"));
    }

    [Fact]
    public async Task TheOfficeRunsTheRoundAndAnErroneousCaseDeductsFromBothSides()
    {
        await SignInAsync("office");
        await Page.GotoAsync("/Assessment");
        await Page.Locator("#year").FillAsync(Year.ToString());
        await Page.Locator("#search").ClickAsync();
        await Expect(Page.Locator("#round")).ToHaveAttributeAsync("data-state", "Scoring");

        // 案卷评查: one of 歇马镇's concluded files (all domains), reviewers from 区安监局 and 区林业局.
        await Page.GotoAsync($"/Assessment/FileReviews?year={Year}");
        await Page.Locator("#draw-township").SelectOptionAsync(new SelectOptionValue { Label = "歇马镇" });
        await Page.Locator("#draw-domain").SelectOptionAsync("");
        await Page.Locator("#draw-count").FillAsync("1");
        // The shared picker: typing a unit narrows the pool to its officers (the unit beside each name); ticks add up, no Ctrl.
        foreach (var unit in new[] { "区安监局", "区林业局" })
        {
            await Page.Locator("#draw-reviewers .picker-search").FillAsync(unit);
            var shown = Page.Locator("#draw-reviewers label.check:visible");
            Assert.True(await shown.CountAsync() >= 1);
            Assert.All(await shown.AllTextContentsAsync(), t => Assert.Contains(unit, t));
            for (var i = 0; i < Math.Min(2, await shown.CountAsync()); i++)
            {
                await shown.Nth(i).Locator("input").CheckAsync();
            }
        }
        await Page.Locator("#draw-reviewers .picker-search").FillAsync("");
        Assert.True(await Page.Locator("#draw-reviewers input:checked").CountAsync() >= 2);
        await Page.Locator("#draw-submit").ClickAsync();
        await Expect(Page.Locator(".flash")).ToContainTextAsync("已抽取1卷案卷");
        var review = Page.Locator("section[data-review]").Filter(new() { HasText = "全部领域" });
        await review.Locator("a[id^='verify-']").ClickAsync();
        await Expect(Page.Locator("#verified")).ToHaveAttributeAsync("data-matches", "True");

        review = Page.Locator("section[data-review]").Filter(new() { HasText = "全部领域" });
        var number = (await review.Locator("tr[data-grade] td:nth-child(2) a").InnerTextAsync()).Trim();
        var score = review.Locator("form[data-form='score']");
        await score.Locator("input[name='Input.Scores']").First.FillAsync("0");
        await score.Locator("input[name='Input.Findings']").FillAsync("受托乡镇以自己名义作出处罚决定，执法主体不适格");
        await score.Locator("button[type='submit']").ClickAsync();
        await Expect(Page.Locator(".flash")).ToContainTextAsync(number);
        await Expect(Page.Locator("section[data-review]").Filter(new() { HasText = "全部领域" }).Locator("tr[data-grade]"))
            .ToHaveAttributeAsync("data-grade", "Fail");

        // The failed file is a candidate erroneous case; the office confirms it with its reasons and the kind of fault.
        await Page.GotoAsync("/Assessment/ErroneousCases");
        var candidate = Page.Locator("#candidates tr[data-case]").Filter(new() { HasText = number });
        await Expect(candidate.Locator("td[data-source]")).ToHaveAttributeAsync("data-source", "CaseFileReview");
        await candidate.Locator("select[name='Input.Decision']").SelectOptionAsync("Confirmed");
        await candidate.Locator("select[name='Input.Fault']").SelectOptionAsync("BeyondAuthority");
        await candidate.Locator("input[name='Input.DecisionNumber']").FillAsync(Decision);
        await candidate.Locator("input[name='Input.Reasons']").FillAsync("案卷评查不合格：受托乡镇以自己名义作出决定，超越委托权限");
        await candidate.Locator("button[type='submit']").ClickAsync();
        await Expect(Page.Locator("#decided")).ToContainTextAsync(Decision);

        // Computed: 5 points off 歇马镇 and 3 off the entrusting department, each traced to the decision (the default scheme).
        var (xiema, department, departmentName) = await WithDbAsync(async db =>
        {
            var c = await db.Cases.IgnoreQueryFilters().Where(x => x.Number == number).Select(x => new { x.TownshipId, x.DepartmentId }).SingleAsync();
            var name = await db.Departments.IgnoreQueryFilters().Where(d => d.Id == c.DepartmentId).Select(d => d.Name).SingleAsync();
            return (c.TownshipId, c.DepartmentId, name);
        });
        await Page.GotoAsync($"/Assessment?year={Year}");
        await Page.Locator("#compute").ClickAsync();
        await Expect(Page.Locator("#round")).ToHaveAttributeAsync("data-state", "Scoring");
        foreach (var (unit, points) in new[] { (xiema, "−5"), (department, "−3") })
        {
            await OpenResultAsync(unit);
            var erroneous = Page.Locator("#deductions tr[data-kind='ErroneousCase']");
            await Expect(erroneous).ToHaveCountAsync(1);
            await Expect(erroneous).ToContainTextAsync(Decision);
            await Expect(erroneous.Locator("td").Nth(1)).ToHaveTextAsync(points);
        }
        await OpenResultAsync(xiema);
        await Expect(Page.Locator("#deductions tr[data-kind='CaseFile']")).ToContainTextAsync(number);
        var before = decimal.Parse(await Page.Locator("#score").InnerTextAsync());

        await Page.GotoAsync($"/Assessment?year={Year}");
        await Page.Locator("#publish").ClickAsync();
        await Expect(Page.Locator("#round")).ToHaveAttributeAsync("data-state", "Published");

        // 歇马镇 appeals within the window; the office accepts and restores 2 points.
        await SwitchToAsync("town.xiema");
        await OpenResultAsync(xiema);
        await Page.Locator("#appeal-text").FillAsync("该卷执法主体问题已整改，文书已改以委托部门名义重新制作");
        await Page.Locator("#file-appeal").ClickAsync();
        await Expect(Page.Locator("#appeal")).ToContainTextAsync("已整改");
        await SwitchToAsync("office");
        await OpenResultAsync(xiema);
        await Page.Locator("#appeal-accepted").CheckAsync();
        await Page.Locator("#appeal-points").FillAsync("2");
        await Page.Locator("#appeal-reply").FillAsync("经核，整改属实，恢复2分");
        await Page.Locator("#appeal-decide").ClickAsync();
        await Expect(Page.Locator("#score")).ToHaveTextAsync((before + 2m).ToString("0.##"));

        // Not final while the window is open; the window passes (set back in the record: this test runs on the real clock); final.
        await Page.GotoAsync($"/Assessment?year={Year}");
        await Page.Locator("#finalise").ClickAsync();
        await Expect(Page.Locator("p.error[role='alert']")).ToContainTextAsync("申诉期至");
        await WithDbAsync(async db =>
        {
            var yesterday = App.Services.GetRequiredService<TimeProvider>().TodayInChina().AddDays(-1);
            return await db.AssessmentRounds.IgnoreQueryFilters().Where(r => r.Year == Year)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.AppealUntil, yesterday));
        });
        await Page.GotoAsync($"/Assessment?year={Year}");
        await Page.Locator("#finalise").ClickAsync();
        await Expect(Page.Locator("#round")).ToHaveAttributeAsync("data-state", "Final");
        await Expect(Page.Locator($"#results tr[data-unit='{xiema}'] td[data-score]")).ToHaveTextAsync((before + 2m).ToString("0.##"));

        // What the page offers: the results sheet and the annual report to the people's government (LAW 27).
        var sheet = await Downloaded.ByClickingAsync(Page, Page.Locator("#xlsx"));
        var rows = sheet.SheetRows();
        Assert.Contains(rows, r => r.Values.Any(v => v?.ToString() == "歇马镇") && r.Values.Any(v => v?.ToString() == (before + 2m).ToString("0.##")));
        Assert.Contains(rows, r => r.Values.Any(v => v?.ToString() == departmentName));
        var report = await Downloaded.ByClickingAsync(Page, Page.Locator("#annual-report"));
        var text = report.WordText();
        Assert.Contains($"{Year}年度行政执法责任制落实情况报告", text);
        Assert.Contains(number, text);
        Assert.Contains(Decision, text);
        Downloaded.AssertLibreOfficeOpens(sheet, report);
    }
}
