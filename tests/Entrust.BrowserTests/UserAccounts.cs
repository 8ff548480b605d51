using System.Text.RegularExpressions;
using Entrust.BrowserTests.Hosting;

namespace Entrust.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class UserAccounts(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    [Fact]
    public async Task TheOfficeCreatesATownshipAccountThatThenSignsIn()
    {
        await SignInAsync();
        await Page.Locator("a[data-menu=users]").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/Admin/Users$"));
        await Expect(TableRows.Filter(new() { HasText = "town.xiema" })).ToHaveCountAsync(1);

        await Page.Locator("#new-user").ClickAsync();
        await Page.Locator("#UserName").FillAsync("town.caijiagang");
        await Page.Locator("#DisplayName").FillAsync("蔡家岗镇综治办");
        await Page.Locator("#Role").SelectOptionAsync("township");
        await Page.Locator("#TownshipId").SelectOptionAsync(new SelectOptionValue { Label = "蔡家岗镇" });
        // A weak password is refused beside its field, and the rest of the form is kept.
        await Page.Locator("#Password").FillAsync("weak");
        await Page.Locator("#save").ClickAsync();
        await Expect(Page.Locator("[data-valmsg-for='Input.Password']")).ToContainTextAsync("密码至少 10 位");
        await Expect(Page.Locator("#UserName")).ToHaveValueAsync("town.caijiagang");
        await Expect(Page.Locator("#TownshipId option:checked")).ToHaveTextAsync("蔡家岗镇");

        await Page.Locator("#Password").FillAsync("Caijiagang2026");
        await Page.Locator("#save").ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/Admin/Users$"));
        await Expect(Page.Locator(".flash")).ToContainTextAsync("蔡家岗镇综治办");
        var row = TableRows.Filter(new() { HasText = "town.caijiagang" });
        await Expect(row).ToContainTextAsync("蔡家岗镇");
        await Expect(row).ToContainTextAsync("正常");
        await ScreenshotAsync("users", height: 600);

        await Page.Locator("#sign-out").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/Account/Login"));
        await Page.Locator("#UserName").FillAsync("town.caijiagang");
        await Page.Locator("#Password").FillAsync("Caijiagang2026");
        await Page.Locator("#login").ClickAsync();

        // The office chose the password: the account chooses its own before anything else.
        await Expect(Page).ToHaveURLAsync(new Regex("/Account/Password$"));
        await Expect(Page.Locator("#must-change")).ToContainTextAsync("请先修改密码");
        await Page.GotoAsync("/Inspections");
        await Expect(Page).ToHaveURLAsync(new Regex("/Account/Password$"));
        await Page.Locator("#CurrentPassword").FillAsync("Caijiagang2026");
        await Page.Locator("#NewPassword").FillAsync("Caijiagang2026");
        await Page.Locator("#ConfirmPassword").FillAsync("Caijiagang2026");
        await Page.Locator("#save-password").ClickAsync();
        await Expect(Page.Locator("[data-valmsg-for='Input.NewPassword']")).ToContainTextAsync("最近 5 次");
        await Page.Locator("#CurrentPassword").FillAsync("Caijiagang2026");
        await Page.Locator("#NewPassword").FillAsync("Caijiagang-Own-26");
        await Page.Locator("#ConfirmPassword").FillAsync("Caijiagang-Own-26");
        await Page.Locator("#save-password").ClickAsync();

        await Expect(Page.Locator("#current-user")).ToContainTextAsync("蔡家岗镇综治办");
        // A township account keeps no accounts: no menu entry, and the page itself is refused.
        await Expect(Page.Locator("a[data-menu=users]")).ToHaveCountAsync(0);
        RefusalExpected = true;
        await Page.GotoAsync("/Admin/Users");
        await Expect(Page).ToHaveURLAsync(new Regex("/Account/Denied"));
    }

    /// <summary>
    /// The audit page reads the office's new account as a record (issue 18 item 9): the person and unit who made it, the record
    /// by its kind and name, and a table of what it was made with in Chinese (the role and the township by name); the unit
    /// filter keeps a township's people only.
    /// </summary>
    [Fact]
    public async Task TheAuditPageReadsTheNewAccountAsARecord()
    {
        await SignInAsync();
        await Page.GotoAsync("/Admin/Users/Edit");
        await Page.Locator("#UserName").FillAsync("town.jingguan");
        await Page.Locator("#DisplayName").FillAsync("静观镇综治办");
        await Page.Locator("#Role").SelectOptionAsync("township");
        await Page.Locator("#TownshipId").SelectOptionAsync(new SelectOptionValue { Label = "静观镇" });
        await Page.Locator("#Password").FillAsync("Jingguan-2026x");
        await Page.Locator("#save").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/Admin/Users$"));

        await Page.Locator("a[data-menu=audit]").ClickAsync();
        await Page.Locator("select[name=entity]").SelectOptionAsync(new SelectOptionValue { Label = "账号" });
        await Page.Locator("#person").FillAsync("区政府法制办");
        await Page.Locator(".filter-bar button[type=submit]").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("entity=AppUser"));
        var row = Page.Locator("table.audit > tbody > tr").Filter(new() { HasText = "静观镇综治办" }).First;
        await Expect(row.Locator("td.person")).ToContainTextAsync("区政府法制办");
        await Expect(row.Locator("td.record")).ToContainTextAsync("账号");
        await Expect(row).ToContainTextAsync("新增");
        await row.Locator("details summary").ClickAsync();
        var changes = row.Locator("table.changes");
        await Expect(changes.GetByRole(AriaRole.Row, new() { Name = "角色 镇街", Exact = true })).ToBeVisibleAsync();
        await Expect(changes.GetByRole(AriaRole.Row, new() { Name = "用户名 town.jingguan", Exact = true })).ToBeVisibleAsync();
        await Expect(changes.GetByRole(AriaRole.Row, new() { Name = "镇街 静观镇", Exact = true })).ToBeVisibleAsync();
        await Expect(changes).Not.ToContainTextAsync("{");
        // Every change of the page opened: nothing in them is a code name or a Latin word.
        foreach (var summary in await Page.Locator("table.audit details:not([open]) summary").AllAsync())
        {
            await summary.ClickAsync();
        }
        await AssertPageCleanAsync();
        await ScreenshotAsync("audit", height: 700);

        // The unit filter: the entries of 歇马镇's people, not the office's.
        await Page.Locator("#unit").SelectOptionAsync(new SelectOptionValue { Label = "歇马镇" });
        await Page.Locator("#person").FillAsync("");
        await Page.Locator(".filter-bar button[type=submit]").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("unit="));
        await Expect(Page.Locator("table.audit > tbody > tr").Filter(new() { HasText = "静观镇综治办" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TheOfficeDisablesAnAccountAndItsSignInIsRefused()
    {
        await SignInAsync();
        await Page.GotoAsync("/Admin/Users?q=town.tiansheng");
        await TableRows.Filter(new() { HasText = "town.tiansheng" }).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(Page.Locator("#lock")).ToBeVisibleAsync();
        await ScreenshotAsync("user-edit");
        await Page.Locator("#lock").ClickAsync();
        await ConfirmAsync();

        await Expect(Page.Locator(".flash")).ToContainTextAsync("已停用");
        await Expect(Page.Locator("#unlock")).ToBeVisibleAsync();
        await Page.Locator("#sign-out").ClickAsync();
        await Page.Locator("#UserName").FillAsync("town.tiansheng");
        await Page.Locator("#Password").FillAsync(AppFixture.Password);
        await Page.Locator("#login").ClickAsync();
        await Expect(Page.Locator("#login-errors")).ToContainTextAsync("账号已停用");
    }

    [Fact]
    public async Task TheOfficeReadsItsDistrictButOnlyTheAdminEditsDistricts()
    {
        await SignInAsync();
        await Page.Locator("a[data-menu=districts]").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/Catalog/Districts$"));
        await Expect(TableRows.Locator("td:nth-child(2)")).ToHaveTextAsync(new[] { "北碚区" });
        await Expect(TableRows.Locator("td:nth-child(3)")).ToHaveTextAsync("17");
        await Expect(Page.Locator("#new-district")).ToHaveCountAsync(0);
        RefusalExpected = true;
        await Page.GotoAsync("/Catalog/Edit/District");
        await Expect(Page).ToHaveURLAsync(new Regex("/Account/Denied"));

        await Page.Locator("#sign-out").ClickAsync();
        await SignInAsync("admin");
        await Page.Locator("a[data-menu=districts]").ClickAsync();
        await Page.Locator("#new-district").ClickAsync();
        await Page.Locator("#Code").FillAsync("500109");
        await Page.Locator("#Name").FillAsync("重复的区");
        await Page.Locator("#save").ClickAsync();
        await Expect(Page.Locator("[data-valmsg-for='Input.Code']")).ToContainTextAsync("500109");

        await Page.Locator("#Code").FillAsync("500110");
        await Page.Locator("#Name").FillAsync("新建区");
        await Page.Locator("#save").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/Catalog/Districts$"));
        await Expect(TableRows.Filter(new() { HasText = "新建区" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task TheOfficeSetsThePasswordLifetimeAndIdleTimeout()
    {
        await SignInAsync();
        await Page.Locator("a[data-menu=security-settings]").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/Admin/Security$"));
        await Expect(Page.Locator("#PasswordExpiryDays")).ToHaveValueAsync("90");
        await Expect(Page.Locator("#IdleMinutes")).ToHaveValueAsync("30");

        await Page.Locator("#PasswordExpiryDays").FillAsync("120");
        await Page.Locator("#IdleMinutes").FillAsync("45");
        await Page.Locator("#save").ClickAsync();

        await Expect(Page.Locator(".flash")).ToContainTextAsync("安全设置已保存");
        await Expect(Page.Locator("#PasswordExpiryDays")).ToHaveValueAsync("120");
        await Expect(Page.Locator("#IdleMinutes")).ToHaveValueAsync("45");
        await ScreenshotAsync("security-settings", height: 500);

        // Only the office keeps them.
        await Page.Locator("#sign-out").ClickAsync();
        await SignInAsync("auditor");
        await Expect(Page.Locator("a[data-menu=security-settings]")).ToHaveCountAsync(0);
        RefusalExpected = true;
        await Page.GotoAsync("/Admin/Security");
        await Expect(Page).ToHaveURLAsync(new Regex("/Account/Denied"));
    }
}
