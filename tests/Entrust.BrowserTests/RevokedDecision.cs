using Entrust.BrowserTests.Hosting;
using Entrust.Web.Data;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Calendar;
using Entrust.Web.Features.Cases;
using Entrust.Web.Features.Officers;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Entrust.BrowserTests;

/// <summary>
/// LAW 6 on the case page: a 1,000 RMB fine of 歇马镇 delivered and unpaid offers its payment form; once the office records that
/// reconsideration revoked the decision, the township's page offers no payment, says the decision is no longer enforced and offers
/// only to close the case as revoked.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RevokedDecision(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    private const string Matter = "对违反计划生育规定行为的处罚";

    /// <summary>Filed 20 days ago by two officers who may act, notified, the rights waived, decided and delivered 18 days ago.</summary>
    private async Task<Guid> DeliveredFineAsync()
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
        var powers = scope.ServiceProvider.GetRequiredService<OfficerPowers>();
        var entitlements = scope.ServiceProvider.GetRequiredService<Entitlements>();
        var calendars = scope.ServiceProvider.GetRequiredService<HolidayCalendar>();
        var today = scope.ServiceProvider.GetRequiredService<TimeProvider>().TodayInChina();
        var xiema = await db.Townships.Where(t => t.Name == "歇马镇").Select(t => new { t.Id, t.DistrictId }).SingleAsync();
        var matter = await db.Matters.Where(m => m.Name == Matter).Select(m => new { m.Id, m.DepartmentId }).SingleAsync();
        var filedOn = today.AddDays(-20);
        List<ActingOfficer> able = [];
        foreach (var officer in await db.Officers.Where(o => o.TownshipId == xiema.Id && o.Status == OfficerStatus.Active).OrderBy(o => o.Name)
            .Select(o => new { o.Id, o.Name }).ToListAsync())
        {
            var answer = await powers.MayActAsync(officer.Id, matter.Id, xiema.Id, filedOn);
            if (answer.MayAct && able.Count < 2)
            {
                able.Add(new ActingOfficer(officer.Id, officer.Name, answer));
            }
        }
        var standing = await entitlements.CheckAsync(xiema.Id, matter.Id, Authority.GeneralPenalty, filedOn);
        var settings = await DistrictCaseSettings.ForAsync(db, xiema.DistrictId, default);
        var calendar = await calendars.ForDistrictAsync(xiema.DistrictId);
        var c = new Case(new CaseFiling(xiema.DistrictId, xiema.Id, matter.Id,
                $"{standing.ActingInNameOf}立字〔{filedOn.Year}〕撤{Random.Shared.Next(1_000_000):D6}号",
                new CaseParty(PartyKind.Person, "撤某", "11010519491231002X"), "违反规定生育子女。", filedOn.AddDays(-10), null, false,
                filedOn, filedOn, DepartmentId: matter.DepartmentId), standing, able, settings);
        c.BeginInvestigation(filedOn, able);
        c.AddEvidence(filedOn, "询问笔录", "当事人承认违法事实", able);
        c.Notify(new NoticeFacts(filedOn.AddDays(1), Penalty.FineOf(1000m), "事实、理由、依据及陈述申辩权利"), settings, calendar);
        c.RecordWaiver(filedOn.AddDays(1));
        c.Decide(new DecisionFacts(today.AddDays(-18), $"{standing.ActingInNameOf}罚决字〔{filedOn.Year}〕撤{Random.Shared.Next(1_000_000):D6}号",
            Penalty.FineOf(1000m)), standing);
        c.Deliver(new DeliveryFacts(today.AddDays(-18), DeliveryMethod.Direct), calendar);
        db.Cases.Add(c);
        await db.SaveChangesAsync();
        return c.Id;
    }

    [Fact]
    public async Task ACaseWhoseDecisionWasRevokedOffersNoPayment()
    {
        var id = await DeliveredFineAsync();
        await SignInAsync("town.xiema");
        await Page.GotoAsync($"/Cases/Detail/{id}");
        await Expect(Page.Locator("#open-payment")).ToBeVisibleAsync();

        await Page.Locator("#sign-out").ClickAsync();
        await SignInAsync("office");
        await Page.GotoAsync($"/Cases/Detail/{id}");
        await OpenStepAsync("remedy");
        await Page.Locator("#remedy-kind").SelectOptionAsync("Reconsideration");
        await Page.Locator("#remedy-text").FillAsync("重庆市北碚区人民政府");
        await Page.Locator("#remedy").ClickAsync();
        await Page.Locator("summary[id^='open-outcome-']").ClickAsync();
        var outcome = Page.Locator("form[id^='outcome-form-']");
        await outcome.Locator("select[name='Input.Outcome']").SelectOptionAsync("Revoked");
        await outcome.Locator("button[type='submit']:not(.dialog-cancel)").ClickAsync();
        await Expect(Page.Locator("#overturned")).ToContainTextAsync("撤销");

        await Page.Locator("#sign-out").ClickAsync();
        await SignInAsync("town.xiema");
        await Page.GotoAsync($"/Cases/Detail/{id}");
        await Expect(Page.Locator("#overturned")).ToContainTextAsync("不再执行");
        await Expect(Page.Locator("#payment-form")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#execute-form")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#open-close")).ToBeVisibleAsync();
        await ScreenshotAsync("case-revoked-no-payment");
    }

    /// <summary>
    /// 回避 on the case page (APL 43): the township records the party's application about one of the case's officers; a second one
    /// about the same officer while it is pending is refused beside the form; the head's decision is recorded and shown.
    /// </summary>
    [Fact]
    public async Task TheCasePageRecordsARecusalApplicationAndTheHeadsDecision()
    {
        var id = await DeliveredFineAsync();
        await SignInAsync("town.xiema");
        await Page.GotoAsync($"/Cases/Detail/{id}");
        // The step bar: filed, decided and delivered are done; execution is the current stage.
        await Expect(Page.Locator("#step-bar li[data-stage='Stage.Deliver']")).ToHaveClassAsync("done");
        await Expect(Page.Locator("#step-bar li[aria-current=step]")).ToContainTextAsync("执行");
        await OpenStepAsync("recusal");
        await Page.Locator("#recusal-by").SelectOptionAsync("Party");
        // The officer is chosen, never the list's first by default; each stands with the unit beside the name.
        await Expect(Page.Locator("#recusal-officer option").First).ToHaveTextAsync("请选择");
        await Page.Locator("#recusal-text").FillAsync("执法人员系当事人近亲属");
        await Page.Locator("#recusal").ClickAsync();
        Assert.True(await Page.Locator("#recusal-officer").EvaluateAsync<bool>("select => select.validity.valueMissing"));
        await Expect(Page.Locator("#recusals li")).ToHaveCountAsync(0);

        var option = await Page.Locator("#recusal-officer option").Nth(1).TextContentAsync();
        Assert.Matches(@"^\S+（\S+）$", option!.Trim());
        var officer = option.Trim()[..option.Trim().IndexOf('（')];
        var officerId = await Page.Locator("#recusal-officer option").Nth(1).GetAttributeAsync("value");
        await OpenStepAsync("recusal");
        await Page.Locator("#recusal-officer").SelectOptionAsync(officerId!);
        await Page.Locator("#recusal-text").FillAsync("执法人员系当事人近亲属");
        await Page.Locator("#recusal").ClickAsync();
        await Expect(Page.Locator("#recusals")).ToContainTextAsync("待负责人决定");
        await Expect(Page.Locator("#recusals")).ToContainTextAsync(officer);

        // The same officer again while the first is pending: refused, naming the rule, nothing added (the section stays open).
        await OpenStepAsync("recusal");
        await Page.Locator("#recusal-by").SelectOptionAsync("Party");
        await Page.Locator("#recusal-officer").SelectOptionAsync(officerId!);
        await Page.Locator("#recusal-text").FillAsync("再次申请");
        await Page.Locator("#recusal").ClickAsync();
        await Expect(Page.Locator("#recusal-form")).ToContainTextAsync("第四十三条");
        await Expect(Page.Locator("#recusals li")).ToHaveCountAsync(1);

        // The refused application's dialog is closed (Esc) before the head's decision is opened.
        await Page.Keyboard.PressAsync("Escape");
        await Page.Locator("summary[id^='open-recusal-decision-']").ClickAsync();
        var decision = Page.Locator("form[id^='recusal-decision-form-']");
        await decision.Locator("input[name='Input.DecidedBy']").FillAsync("区卫生健康委主任 王某");
        await decision.Locator("select[name='Input.Approved']").SelectOptionAsync("true");
        await decision.Locator("button[type='submit']:not(.dialog-cancel)").ClickAsync();
        await Expect(Page.Locator("#recusals")).ToContainTextAsync("同意回避");
        await Expect(Page.Locator("#recusals")).ToContainTextAsync("王某");
        await Expect(Page.Locator("form[id^='recusal-decision-form-']")).ToHaveCountAsync(0);
        await ScreenshotAsync("case-recusal-decided");
    }
}
