using System.Text.RegularExpressions;
using Entrust.BrowserTests.Hosting;
using Entrust.Web.Features.Officers;

namespace Entrust.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class OfficerRegistration(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    /// <summary>
    /// A township registers an officer: gender and staff type start on 请选择, never on a default saved unseen; left so, both are
    /// refused at once beside their selects, highlighted, with what was typed kept; chosen, the officer is saved.
    /// </summary>
    [Fact]
    public async Task GenderAndStaffTypeStartOnChooseAndLeftSoAreRefusedBesideThem()
    {
        var name = "请选择测试" + Random.Shared.Next(10, 100);
        var first17 = $"500109199{Random.Shared.Next(0, 10)}0{Random.Shared.Next(1, 10)}1{Random.Shared.Next(0, 10)}{Random.Shared.Next(100, 1000)}";
        var idNumber = first17 + IdNumbers.CheckCharacterOf(first17);
        await SignInAsync("town.xiema");
        await Page.GotoAsync("/Officers/Edit");
        foreach (var select in new[] { "#Gender", "#StaffType" })
        {
            await Expect(Page.Locator(select + " option").First).ToHaveTextAsync("请选择");
            await Expect(Page.Locator(select)).ToHaveValueAsync("");
        }
        await Page.Locator("#Name").FillAsync(name);
        await Page.Locator("#IdNumber").FillAsync(idNumber);
        await Page.Locator("#Phone").FillAsync("13983050000");
        await Page.Locator("#Post").FillAsync("综合执法队员");
        await Page.Locator("#save").ClickAsync();

        await Expect(Page.Locator("span[data-valmsg-for='Input.Gender']")).ToHaveTextAsync("请选择性别。");
        await Expect(Page.Locator("span[data-valmsg-for='Input.StaffType']")).ToHaveTextAsync("请选择人员类别。");
        await Expect(Page.Locator("#Gender")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.Locator("#StaffType")).ToHaveClassAsync(new Regex("input-invalid"));
        await Expect(Page.Locator("#Name")).ToHaveValueAsync(name);
        await Expect(Page.Locator("#IdNumber")).ToHaveValueAsync(idNumber);
        await Expect(Page.Locator("#Post")).ToHaveValueAsync("综合执法队员");
        await ScreenshotAsync("officer-choose", 700);

        await Page.Locator("#Gender").SelectOptionAsync(nameof(Gender.Female));
        await Page.Locator("#StaffType").SelectOptionAsync(nameof(StaffType.Established));
        await Page.Locator("#save").ClickAsync();
        await Expect(Page.Locator(".flash")).ToContainTextAsync(name);
        await Expect(Page).ToHaveURLAsync(new Regex("/Officers/Detail"));
    }
}
