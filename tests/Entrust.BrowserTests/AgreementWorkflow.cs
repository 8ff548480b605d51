using System.Text.RegularExpressions;
using Entrust.BrowserTests.Hosting;

namespace Entrust.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class AgreementWorkflow(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    [Fact]
    public async Task OfficeTakesADraftToPublicationAndThePublicSeesIt()
    {
        await SignInAsync();
        // A new township holds no agreement yet, so entrusting it a district-wide matter overlaps nothing.
        await Page.GotoAsync("/Catalog/Edit/Township");
        await Page.Locator("#Code").FillAsync("BT-201");
        await Page.Locator("#Name").FillAsync("浏览器测试镇");
        await Page.Locator("#Kind").SelectOptionAsync("Town");
        await Page.Locator("form.form button[type=submit]").ClickAsync();
        await Expect(Page.Locator("main h1")).ToContainTextAsync("浏览器测试镇");

        await Page.Locator("a[data-menu=agreements]").ClickAsync();
        await Page.Locator("#new-agreement").ClickAsync();
        await Page.Locator("#DepartmentId").SelectOptionAsync(new SelectOptionValue { Label = "区安监局" });
        await Page.Locator("#TownshipId").SelectOptionAsync(new SelectOptionValue { Label = "浏览器测试镇" });
        await Page.Locator("#Mode").SelectOptionAsync("Entrustment");
        // Choosing the department leaves only its matters in the picker.
        await Expect(Page.Locator("#matter-198-04")).ToBeHiddenAsync();
        await Page.Locator("#matter-QQ-04").CheckAsync();
        await Page.Locator("#RightsAndObligations").FillAsync("甲方负责业务指导和监督；乙方以甲方名义实施检查，按月报送情况。");
        await Page.Locator("#FundingAmount").FillAsync("10000");
        foreach (var condition in new[] { "#HasPublicAffairsFunctions", "#HasQualifiedStaff", "#HasTechnicalMeans" })
        {
            await Page.Locator(condition).CheckAsync();
        }
        await Page.Locator("#save").ClickAsync();

        var status = Page.Locator("#status");
        await Expect(status).ToHaveTextAsync("草稿");
        await Expect(Page.Locator("#department")).ToHaveTextAsync("区安监局");
        await Expect(Page.Locator("#township")).ToHaveTextAsync("浏览器测试镇");
        await Expect(Page.Locator("#matters tbody tr")).ToHaveCountAsync(1);
        await Expect(Page.Locator("#matters tbody tr")).ToContainTextAsync("QQ-04");
        var number = Regex.Match((await Page.Locator("main h1").TextContentAsync())!, @"\S+〔\d+〕\d+号").Value;
        Assert.NotEmpty(number);

        // The step bar: 起草 → 提交 → 审核 → 签订 → 公开, the draft done and 提交 the current stage.
        var bar = Page.Locator("#step-bar li");
        await Expect(bar).ToHaveTextAsync(["起草", "提交", "审核", "签订", "公开"]);
        await Expect(Page.Locator("#step-bar li[aria-current=step]")).ToHaveTextAsync("提交");
        await Page.Locator("#submit").ClickAsync();
        await Expect(status).ToHaveTextAsync("待审核");
        await Expect(Page.Locator("#step-bar li[aria-current=step]")).ToHaveTextAsync("审核");
        await Page.Locator("#review-pass").ClickAsync();
        await Expect(status).ToHaveTextAsync("待签订");

        // Signing is a small form in a dialog: a blank signatory is refused beside that field, the dialog open again with what
        // was typed; then it signs.
        await Page.Locator("#open-sign").ClickAsync();
        var dialog = Page.Locator("dialog[open]");
        await dialog.Locator("#DepartmentSignatory").FillAsync("区安监局局长");
        await dialog.Locator("#sign").ClickAsync();
        await Expect(Page.Locator("dialog[open] .field-error[data-for='Sign.TownshipSignatory']")).ToHaveTextAsync("请填写双方签字人。");
        await Expect(Page.Locator("dialog[open] #TownshipSignatory")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.Locator("dialog[open] #DepartmentSignatory")).ToHaveValueAsync("区安监局局长");
        await Expect(status).ToHaveTextAsync("待签订");
        await Page.Locator("dialog[open] #TownshipSignatory").FillAsync("浏览器测试镇镇长");
        await Page.Locator("dialog[open] #sign").ClickAsync();
        await Expect(status).ToHaveTextAsync("待公开");
        await Expect(Page.Locator(".flash")).ToContainTextAsync("已签订");

        await Page.Locator("#open-publish").ClickAsync();
        await Page.Locator("dialog[open] #PublicationPlace").FillAsync("北碚区人民政府网站");
        await Page.Locator("dialog[open] #publish").ClickAsync();
        await Expect(status).ToHaveTextAsync("生效中");
        await Expect(Page.Locator("#history")).ToContainTextAsync("北碚区人民政府网站");
        await Expect(Page.Locator("#amend")).ToBeVisibleAsync();
        await Expect(Page.Locator("#step-bar li.done")).ToHaveCountAsync(5);
        await Expect(Page.Locator("#step-bar li[aria-current=step]")).ToHaveCountAsync(0);

        // The agreement's document downloads from the page and opens.
        var document = await Downloaded.ByClickingAsync(Page, Page.Locator("#download"));
        Assert.Contains("浏览器测试镇", document.WordText());
        Downloaded.AssertLibreOfficeOpens(document);
        await ScreenshotAsync("agreement-detail");

        await Page.Locator("#sign-out").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/Account/Login"));
        await Page.Locator("#public-link").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/Public/Agreements$"));
        await Expect(Page.Locator("nav.sidebar")).ToHaveCountAsync(0);
        await Page.Locator("#q").FillAsync("浏览器测试镇");
        await Page.Locator("#search").ClickAsync();

        var cards = Page.Locator("#public-agreements article");
        await Expect(cards).ToHaveCountAsync(1);
        await Expect(cards).ToContainTextAsync("区安监局");
        await Expect(cards).ToContainTextAsync(number);
        await Expect(cards).ToContainTextAsync("北碚区人民政府网站");
        await Expect(cards.Locator("li")).ToContainTextAsync(new Regex("QQ-04 生产经营单位安全生产检查 — 仅检查"));
    }

    [Fact]
    public async Task PilotOnlyMatterForANonPilotTownshipIsRefusedWithTheRuleAndNothingIsSaved()
    {
        await SignInAsync();
        await Page.GotoAsync("/Agreements/Edit");
        await Page.Locator("#DepartmentId").SelectOptionAsync(new SelectOptionValue { Label = "区林业局" });
        await Page.Locator("#TownshipId").SelectOptionAsync(new SelectOptionValue { Label = "天生街道" });
        await Page.Locator("#Mode").SelectOptionAsync("Entrustment");
        await Page.Locator("#matter-198-04").CheckAsync();

        await Page.Locator("#save").ClickAsync();

        // Beside the matters it names, highlighted (issue 18, item 5), not in the list above the form.
        await Expect(Page.Locator(".field-error[data-for='Matters']")).ToContainTextAsync("事项“198-04”仅限试点镇街，天生街道不是试点镇街。");
        await Expect(Page.Locator("#matters")).ToHaveClassAsync(new Regex("\\binput-invalid\\b"));
        // The form keeps what was entered.
        await Expect(Page.Locator("#matter-198-04")).ToBeCheckedAsync();
        await Page.GotoAsync("/Agreements?q=&department=&township=");
        await Page.Locator("#filter-township").SelectOptionAsync(new SelectOptionValue { Label = "天生街道" });
        await Page.Locator("#filter-department").SelectOptionAsync(new SelectOptionValue { Label = "区林业局" });
        await Page.Locator("#search").ClickAsync();
        await Expect(TableRows.Locator("td.empty")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AmendingASignedAgreementMakesANewDraftVersionAndTerminatingIsADialogThatRefusesBesideTheField()
    {
        await SignInAsync();
        await Page.GotoAsync("/Agreements");
        await Page.Locator("#filter-township").SelectOptionAsync(new SelectOptionValue { Label = "歇马镇" });
        await Page.Locator("#filter-department").SelectOptionAsync(new SelectOptionValue { Label = "区林业局" });
        await Page.Locator("#search").ClickAsync();
        await TableRows.First.Locator("a").ClickAsync();
        var status = Page.Locator("#status");
        await Expect(status).ToHaveTextAsync("生效中");

        await Page.Locator("#amend").ClickAsync();
        await Expect(status).ToHaveTextAsync("草稿");
        await Expect(Page.Locator("main h1")).ToContainTextAsync("第2版");
        await Expect(Page.Locator("#versions a")).ToContainTextAsync("第1版");
        // Amending twice is refused: version 2 already exists.
        await Page.Locator("#versions a").ClickAsync();
        await Page.Locator("#amend").ClickAsync();
        await Expect(Page.Locator("#action-errors")).ToContainTextAsync("已有新版本草稿");
        await Expect(status).ToHaveTextAsync("生效中");

        // Terminating is a small form in the console's dialog (the dialog is the confirmation, never the browser's confirm()):
        // 取消 sends nothing; without a reason it is refused in Chinese beside the field, the dialog open again with the date
        // typed; then it terminates.
        var native = 0;
        Page.Dialog += (_, _) => native++;
        await Page.Locator("#open-terminate").ClickAsync();
        var dialog = Page.Locator("dialog[open]");
        await Expect(dialog.Locator("h2")).ToHaveTextAsync("终止协议");
        await dialog.Locator(".dialog-cancel").ClickAsync();
        await Expect(Page.Locator("dialog[open]")).ToHaveCountAsync(0);
        await Expect(status).ToHaveTextAsync("生效中");

        await Page.Locator("#open-terminate").ClickAsync();
        var later = await dialog.Locator("#TerminatedOn").GetAttributeAsync("min") is { } min
            ? DateOnly.ParseExact(min, "yyyy-MM-dd").AddDays(30).ToString("yyyy-MM-dd") : throw new InvalidOperationException("no min");
        await dialog.Locator("#TerminatedOn").FillAsync(later);
        await dialog.Locator("#terminate").ClickAsync();
        await Expect(Page.Locator("dialog[open] .field-error[data-for='Terminate.Reason']")).ToHaveTextAsync("请填写终止原因。");
        await Expect(Page.Locator("dialog[open] #TerminationReason")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.Locator("dialog[open] #TerminatedOn")).ToHaveValueAsync(later);
        await Expect(Page.Locator("#action-errors", new() { HasText = "终止原因" })).ToHaveCountAsync(0);
        await Expect(status).ToHaveTextAsync("生效中");

        await Page.Locator("dialog[open] #TerminationReason").FillAsync("职能调整");
        await Page.Locator("dialog[open] #terminate").ClickAsync();
        await Expect(Page.Locator(".flash")).ToContainTextAsync("已终止");
        await Expect(Page.Locator("#history")).ToContainTextAsync("职能调整");
        await Expect(Page.Locator("#history")).ToContainTextAsync(later);
        await Expect(Page.Locator("#step-bar li.stop")).ToHaveTextAsync(new Regex($"终止\\s*{later}"));
        Assert.Equal(0, native);
    }
}
