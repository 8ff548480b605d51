using Entrust.BrowserTests.Hosting;
using Entrust.Web.Data;
using Entrust.Web.Features.Officers;
using Entrust.Web.Features.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entrust.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class CertificateCoverage(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    /// <summary>
    /// An established officer of 歇马镇 who passed the qualification exam, written straight into the database: the training pages
    /// are another feature's. Returns the officer's and the township's ids.
    /// </summary>
    private async Task<(Guid Officer, Guid Township)> PassedOfficerAsync(string name)
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
        var xiema = await db.Townships.SingleAsync(t => t.Name == "歇马镇");
        var first17 = $"500999199{Random.Shared.Next(0, 10)}0{Random.Shared.Next(1, 10)}1{Random.Shared.Next(0, 10)}{Random.Shared.Next(100, 1000)}";
        var officer = new Officer(xiema.DistrictId, OfficerUnit.OfTownship(xiema.Id),
            new OfficerFields(name, Gender.Female, first17 + IdNumbers.CheckCharacterOf(first17), "13812345678", "综合执法队员", StaffType.Established));
        db.Officers.Add(officer);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var training = new TrainingClass(xiema.DistrictId, new TrainingClassFields("浏览器测试培训班", today.AddDays(-20), today.AddDays(-18), "区行政学院", "法制办"));
        training.AddDailySessions(SessionPart.Morning, SessionPart.Afternoon);
        db.TrainingClasses.Add(training);
        var trainee = new Trainee(training, officer, DateTimeOffset.UtcNow);
        db.Trainees.Add(trainee);
        var exam = new Exam(xiema.DistrictId, new ExamFields("浏览器测试考试", today.AddDays(-15), 100, 60), [training]);
        db.Exams.Add(exam);
        db.ExamScores.Add(new ExamScore(exam, trainee, Eligibility.Of([], QualificationSettings.Defaults(xiema.DistrictId)), 88));
        await db.SaveChangesAsync();
        return (officer.Id, xiema.Id);
    }

    private ILocator Cell(Guid township, string domain) =>
        Page.Locator($"#coverage tr[data-township='{township}'] td[data-domain='{domain}'] .count");

    private async Task<int> HoldersAsync(Guid township, string domain)
    {
        await Page.GotoAsync($"/Coverage?township={township}");
        await Expect(Page.Locator("#coverage")).ToBeVisibleAsync();
        return await Cell(township, domain).CountAsync() == 0 ? 0 : int.Parse((await Cell(township, domain).TextContentAsync())!.Trim());
    }

    [Fact]
    public async Task TheOfficeIssuesACertificateAndTheCoverageCountRises()
    {
        var (officer, xiema) = await PassedOfficerAsync("浏览器测试员");
        await SignInAsync();
        var before = await HoldersAsync(xiema, "work-safety");

        await Page.Locator("a[data-menu=certificates]").ClickAsync();
        await Page.Locator("#issue summary").ClickAsync();
        await Page.Locator("#OfficerId").SelectOptionAsync(officer.ToString());
        await Page.Locator("#domain-work-safety").CheckAsync();
        await Page.Locator("#domain-forestry").CheckAsync();
        await Page.Locator("#issue-submit").ClickAsync();

        await Expect(Page.Locator(".flash")).ToContainTextAsync("已发放执法证");
        var row = Page.Locator("#certificates tbody tr").Filter(new() { HasText = "浏览器测试员" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator(".tag")).ToHaveTextAsync("有效");
        await ScreenshotAsync("certificates", 500);

        Assert.Equal(before + 1, await HoldersAsync(xiema, "work-safety"));
        // The officer no longer waits for a certificate.
        await Page.GotoAsync("/Certificates");
        await Expect(Page.Locator($"#OfficerId option[value='{officer}']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AnOfficerIsRegisteredCheckedAndLeavesAndThePublicRegisterShowsNoIdNumber()
    {
        await SignInAsync("town.xiema");
        await Page.Locator("a[data-menu=officers]").ClickAsync();
        await Page.Locator("#new-officer").ClickAsync();
        await Page.Locator("#UnitId").SelectOptionAsync(new SelectOptionValue { Label = "歇马镇" });
        await Page.Locator("#Name").FillAsync("页面登记员");
        await Page.Locator("#IdNumber").FillAsync("110105194912310021");
        await Page.Locator("#Phone").FillAsync("13812345678");
        await Page.Locator("#Post").FillAsync("综合执法队员");
        await Page.Locator("#Gender").SelectOptionAsync("Male");
        await Page.Locator("#StaffType").SelectOptionAsync("Established");
        await Page.Locator("#save").ClickAsync();
        // A wrong check character is refused beside the field and nothing is saved.
        await Expect(Page.Locator("span[data-valmsg-for='Input.IdNumber']")).ToContainTextAsync("身份证号码无效");
        await Page.Locator("#IdNumber").FillAsync("11010519491231002X");
        await Page.Locator("#save").ClickAsync();

        await Expect(Page.Locator("main h1")).ToContainTextAsync("页面登记员");
        await Expect(Page.Locator("#id-number")).ToHaveTextAsync("1101**********002X");
        await Expect(Page.Locator("#phone")).ToHaveTextAsync("138****5678");
        await Page.Locator("#matter").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await Page.Locator("#check").ClickAsync();
        await Expect(Page.Locator("#may-act-answer")).ToContainTextAsync("没有执法证");

        await Page.Locator("#Reason").FillAsync("调往区外工作");
        await Page.Locator("#leave").ClickAsync();
        await ConfirmAsync();
        await Expect(Page.Locator("#status")).ToHaveTextAsync("离职");
        await Expect(Page.Locator("#status-reason")).ToContainTextAsync("调往区外工作");

        await Page.GotoAsync("/Qualification/Settings");
        await Expect(Page.Locator("#CertificateNumberFormat")).ToBeDisabledAsync();
        await Page.GotoAsync("/Public/Officers");
        await Expect(Page.Locator("#public-count")).ToContainTextAsync("持证执法人员");
        Assert.DoesNotContain("11010519491231002X", await Page.ContentAsync());
    }

    [Fact]
    public async Task TheMayActCheckAsksTheTownshipOfTheAct()
    {
        // A 歇马镇 officer who may act today on the district-wide work-safety matter QQ-04 in 歇马镇.
        Guid officer;
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
            var powers = scope.ServiceProvider.GetRequiredService<OfficerPowers>();
            var xiema = await db.Townships.Where(t => t.Name == "歇马镇").Select(t => t.Id).SingleAsync();
            var matter = await db.Matters.Where(m => m.Code == "QQ-04").Select(m => m.Id).SingleAsync();
            var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
            Guid? able = null;
            foreach (var id in await db.Officers.Where(o => o.TownshipId == xiema).OrderBy(o => o.Name).Select(o => o.Id).ToListAsync())
            {
                if ((await powers.MayActAsync(id, matter, xiema, today)).MayAct)
                {
                    able = id;
                    break;
                }
            }
            officer = able!.Value;
        }
        await SignInAsync("office");
        await Page.GotoAsync($"/Officers/Detail?id={officer}");
        // The officer's own township is the place asked by default: may act there.
        await Expect(Page.Locator("#township option:checked")).ToHaveTextAsync("歇马镇");
        await Page.Locator("#matter").SelectOptionAsync(new SelectOptionValue { Label = "QQ-04 生产经营单位安全生产检查" });
        await Page.Locator("#check").ClickAsync();
        await Expect(Page.Locator("#may-act-answer")).ToContainTextAsync("可以执法");
        await Expect(Page.Locator("#township option:checked")).ToHaveTextAsync("歇马镇");

        // In another township: no, naming the rule (LAW 10, APL 20).
        await Page.Locator("#township").SelectOptionAsync(new SelectOptionValue { Label = "天生街道" });
        await Page.Locator("#check").ClickAsync();
        await Expect(Page.Locator("#may-act-answer")).ToContainTextAsync("不得到其他乡镇（街道）执法");
        await Expect(Page.Locator("#township option:checked")).ToHaveTextAsync("天生街道");
    }
}
