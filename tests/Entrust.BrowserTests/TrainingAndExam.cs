using Entrust.BrowserTests.Hosting;
using Entrust.Web.Data;
using Entrust.Web.Features.Demo;
using Entrust.Web.Features.Officers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entrust.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class TrainingAndExam(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    /// <summary>Three 歇马镇 officers made behind the UI (the officers pages are another feature's), with names no demo row has.</summary>
    private async Task<List<(Guid Id, string Name)>> OfficersAsync()
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
        var district = await db.Districts.SingleAsync(d => d.Code == DemoDistrict.DistrictCode);
        var xiema = await db.Townships.SingleAsync(t => t.DistrictId == district.Id && t.Name == "歇马镇");
        var suffix = Random.Shared.Next(10_000).ToString("D4"); // digits: a hex suffix of letters only would read as a Latin word on a scanned page
        var officers = new[] { "甲", "乙", "丙" }.Select(n =>
        {
            var first17 = "500109" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999);
            return new Officer(district.Id, OfficerUnit.OfTownship(xiema.Id),
                new OfficerFields($"浏览器学员{n}{suffix}", Gender.Female, first17 + IdNumbers.CheckCharacterOf(first17), "13800001234", "综治办干事",
                    StaffType.Established));
        }).ToList();
        db.Officers.AddRange(officers);
        await db.SaveChangesAsync();
        return officers.Select(o => (o.Id, o.Name)).ToList();
    }

    [Fact]
    public async Task TheOfficeTakesAttendanceSeesABarredTraineeAndEntersScores()
    {
        var officers = await OfficersAsync();
        var (present, truant, weak) = (officers[0], officers[1], officers[2]);
        var start = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(-10);
        var className = "浏览器测试培训班" + truant.Name[^4..];
        await SignInAsync();

        // A three-day class: a morning and an afternoon session a day.
        await Page.Locator("a[data-menu=training]").ClickAsync();
        await Page.Locator("#new-class").ClickAsync();
        await Page.Locator("#Name").FillAsync(className);
        await Page.Locator("#StartsOn").FillAsync(start.ToString("yyyy-MM-dd"));
        await Page.Locator("#EndsOn").FillAsync(start.AddDays(2).ToString("yyyy-MM-dd"));
        await Page.Locator("#Venue").FillAsync("区委党校");
        await Expect(Page.Locator("#part-Morning")).ToBeCheckedAsync();
        await Expect(Page.Locator("#part-Afternoon")).ToBeCheckedAsync();
        await Page.Locator("#save").ClickAsync();
        await Expect(Page.Locator("main h1")).ToHaveTextAsync(className);
        await Expect(Page.Locator("#roster thead th[data-session]")).ToHaveCountAsync(6);

        foreach (var officer in officers)
        {
            await Page.Locator($"#officerIds input[value='{officer.Id}']").CheckAsync();
        }
        await Page.Locator("#nominate").ClickAsync();
        await Expect(Page.Locator(".flash")).ToContainTextAsync("已推荐 3 名学员");
        await Expect(Page.Locator("#roster tbody tr")).ToHaveCountAsync(3);

        // The first session's roll call: one trainee truant, the rest present.
        await Page.Locator($"#roster tr[data-name='{truant.Name}'] select[data-session='0']").SelectOptionAsync("Unexcused");
        await Page.Locator("#fill-0").ClickAsync();
        await Expect(Page.Locator(".flash")).ToContainTextAsync("考勤已保存（3 处变更）");
        var truantRow = Page.Locator($"#roster tr[data-name='{truant.Name}']");
        await Expect(truantRow).ToHaveClassAsync("barred");
        await Expect(truantRow.Locator(".eligibility")).ToContainTextAsync("取消考试资格");
        await Expect(truantRow.Locator(".barred-reason")).ToContainTextAsync("旷课1次");
        await Expect(Page.Locator($"#roster tr[data-name='{present.Name}'] select[data-session='0']")).ToHaveValueAsync("Present");
        await Expect(Page.Locator($"#roster tr[data-name='{present.Name}'] .eligibility")).ToContainTextAsync("具备考试资格");
        await ScreenshotAsync("training-roster");

        // An exam for the class: the barred trainee is listed but can't be given a score.
        await Page.Locator("a[data-menu=exams]").ClickAsync();
        await Page.Locator("#new-exam").ClickAsync();
        await Page.Locator("#Name").FillAsync(className + "结业考试");
        await Page.Locator("#HeldOn").FillAsync(start.AddDays(3).ToString("yyyy-MM-dd"));
        await Page.Locator("#classes label", new() { HasText = className }).Locator("input").CheckAsync();
        await Page.Locator("#save").ClickAsync();
        await Expect(Page.Locator("main h1")).ToHaveTextAsync(className + "结业考试");
        await Expect(Page.Locator("#scores tbody tr")).ToHaveCountAsync(3);
        await Expect(Page.Locator($"#scores tr[data-name='{truant.Name}'] input")).ToHaveCountAsync(0);
        await Expect(Page.Locator($"#scores tr[data-name='{truant.Name}']")).ToContainTextAsync("取消考试资格");

        await Page.Locator($"#scores tr[data-name='{present.Name}'] input.score").FillAsync("86.5");
        await Page.Locator($"#scores tr[data-name='{weak.Name}'] input.score").FillAsync("52");
        await Page.Locator("#save-scores").ClickAsync();
        await Expect(Page.Locator(".flash")).ToContainTextAsync("成绩已保存（2 处变更）");

        await Expect(Page.Locator("#total-trained")).ToHaveTextAsync("3");
        await Expect(Page.Locator("#total-barred")).ToHaveTextAsync("1");
        await Expect(Page.Locator("#total-sat")).ToHaveTextAsync("2");
        await Expect(Page.Locator("#total-passed")).ToHaveTextAsync("1");
        await Expect(Page.Locator("#by-unit tr[data-name='歇马镇']")).ToContainTextAsync("3");
        await Expect(Page.Locator($"#scores tr[data-name='{present.Name}'] .outcome")).ToHaveTextAsync("合格");
        await Expect(Page.Locator($"#scores tr[data-name='{weak.Name}'] .outcome")).ToHaveTextAsync("不合格");
        await ScreenshotAsync("exam-results");
    }

    [Fact]
    public async Task ATownshipReadsOnlyItsOwnTraineesAttendanceAndCantChangeIt()
    {
        await SignInAsync("town.xiema");
        await Page.Locator("a[data-menu=training]").ClickAsync();
        await Page.Locator("#classes a", new() { HasText = "2026年第一期行政执法资格培训班" }).ClickAsync();

        var rows = Page.Locator("#roster tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();
        foreach (var unit in await rows.Locator("td:nth-child(2)").AllTextContentsAsync())
        {
            Assert.Equal("歇马镇", unit.Trim());
        }
        await Expect(Page.Locator("#roster select")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#save-attendance")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#import-form")).ToHaveCountAsync(0);
    }
}
