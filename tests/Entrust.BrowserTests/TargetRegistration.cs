using System.Text.RegularExpressions;
using Entrust.BrowserTests.Hosting;
using Entrust.Web.Features.Targets;

namespace Entrust.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class TargetRegistration(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    /// <summary>Two mistakes in one form: both refused at once, each beside its field and highlighted, everything typed kept.</summary>
    [Fact]
    public async Task TwoErrorsShowBesideTheirFieldsAtOnceWithTheTypedValuesKept()
    {
        const string name = "歇马镇双错测试茶馆";
        await SignInAsync("town.xiema");
        await Page.GotoAsync("/Targets/Edit");
        await Page.Locator("#Name").FillAsync(name);
        await Page.Locator("#Kind").SelectOptionAsync(nameof(TargetKind.Restaurant));
        await Page.Locator("#RiskLevel").SelectOptionAsync(nameof(RiskLevel.Low));
        await Page.Locator("#Address").FillAsync("歇马镇卫星村8组");
        await Page.Locator("#CreditCode").FillAsync("12345");
        await Page.Locator("#Contact").FillAsync("周二");
        await Page.Locator("#Phone").FillAsync("0000");
        await Page.Locator("#save").ClickAsync();

        await Expect(Page.Locator("#CreditCodeError")).ToContainTextAsync("12345");
        await Expect(Page.Locator("span[data-valmsg-for='Input.Phone']")).ToContainTextAsync("0000");
        await Expect(Page.Locator("#CreditCode")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.Locator("#Phone")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.Locator("#Phone")).ToHaveClassAsync(new Regex("input-invalid"));
        await Expect(Page.Locator("#Name")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.Locator("#Name")).ToHaveValueAsync(name);
        await Expect(Page.Locator("#Address")).ToHaveValueAsync("歇马镇卫星村8组");
        await Expect(Page.Locator("#CreditCode")).ToHaveValueAsync("12345");
        await Expect(Page.Locator("#Contact")).ToHaveValueAsync("周二");
        await Expect(Page.Locator("#Phone")).ToHaveValueAsync("0000");
        await ScreenshotAsync("target-two-errors", 700);

        await Page.GotoAsync("/Targets?q=" + Uri.EscapeDataString(name));
        await Expect(Page.Locator("table.data-table tbody td.empty")).ToHaveCountAsync(1);
    }

    /// <summary>The kind and the risk start on 请选择; left so, each is refused beside its select, and chosen, the target is saved.</summary>
    [Fact]
    public async Task TheKindAndRiskStartOnChooseAndLeftSoAreRefusedBesideTheirSelects()
    {
        const string name = "歇马镇请选择测试面馆";
        await SignInAsync("town.xiema");
        await Page.GotoAsync("/Targets/Edit");
        foreach (var select in new[] { "#Kind", "#RiskLevel" })
        {
            await Expect(Page.Locator(select + " option").First).ToHaveTextAsync("请选择");
            await Expect(Page.Locator(select)).ToHaveValueAsync("");
        }
        await Page.Locator("#Name").FillAsync(name);
        await Page.Locator("#Address").FillAsync("歇马镇卫星村9组");
        await Page.Locator("#save").ClickAsync();

        await Expect(Page.Locator("span[data-valmsg-for='Input.Kind']")).ToHaveTextAsync("请选择“类别”。");
        await Expect(Page.Locator("span[data-valmsg-for='Input.RiskLevel']")).ToHaveTextAsync("请选择“风险等级”。");
        await Expect(Page.Locator("#Kind")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.Locator("#RiskLevel")).ToHaveClassAsync(new Regex("input-invalid"));
        await Expect(Page.Locator("#Name")).ToHaveValueAsync(name);
        await Expect(Page.Locator("#Address")).ToHaveValueAsync("歇马镇卫星村9组");
        await ScreenshotAsync("target-choose", 700);

        await Page.Locator("#Kind").SelectOptionAsync(nameof(TargetKind.Restaurant));
        await Page.Locator("#RiskLevel").SelectOptionAsync(nameof(RiskLevel.High));
        await Page.Locator("#save").ClickAsync();
        await Expect(Page.Locator(".flash")).ToContainTextAsync(name);
        await Expect(TableRows.First).ToContainTextAsync(name);
    }

    [Fact]
    public async Task ATownshipUserRegistersATargetWhoseBadCreditCodeIsRefusedBesideTheFieldAndFindsItBySearch()
    {
        const string first17 = "92500109BT0000017";
        var code = first17 + CreditCodes.CheckCharacterOf(first17);
        var wrong = first17 + (code[17] == '0' ? '1' : '0');
        const string name = "歇马镇卫星村荷花池农家乐";

        await SignInAsync("town.xiema");
        await Page.Locator("nav.sidebar a[data-menu=targets]").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/Targets$"));
        await Expect(TableRows.First).ToBeVisibleAsync();
        await ScreenshotAsync("targets", 700);
        await Page.Locator("#new-target").ClickAsync();

        // A township user adds to its own township: shown, not chosen.
        await Expect(Page.Locator("#TownshipId")).ToHaveTextAsync("歇马镇");
        await Page.Locator("#Name").FillAsync(name);
        await Page.Locator("#Kind").SelectOptionAsync(nameof(TargetKind.FarmStay));
        await Page.Locator("#Address").FillAsync("歇马镇卫星村7组");
        await Page.Locator("#CreditCode").FillAsync(wrong);
        await Page.Locator("#Contact").FillAsync("谭春梅");
        await Page.Locator("#Phone").FillAsync("13983051234");
        await Page.Locator("#RiskLevel").SelectOptionAsync(nameof(RiskLevel.Medium));
        await Page.Locator("#HasComplaints").CheckAsync();
        await Page.Locator("#save").ClickAsync();

        // Refused beside the field, the form kept as typed, nothing saved.
        await Expect(Page.Locator("#CreditCodeError")).ToContainTextAsync(wrong);
        await Expect(Page.Locator("#CreditCodeError")).ToContainTextAsync("GB 32100");
        await Expect(Page.Locator("#Name")).ToHaveValueAsync(name);
        await Expect(Page.Locator("#HasComplaints")).ToBeCheckedAsync();
        await ScreenshotAsync("target-credit-code-refused", 700);

        await Page.Locator("#CreditCode").FillAsync(code.ToLowerInvariant());
        await Page.Locator("#save").ClickAsync();

        await Expect(Page.Locator(".flash")).ToContainTextAsync(name);
        await Expect(TableRows).ToHaveCountAsync(1);
        await Expect(TableRows.First).ToContainTextAsync(code);
        await Expect(TableRows.First.Locator(".flag-complaints")).ToBeVisibleAsync();

        // Found again from the list by a piece of its credit code, with the kind filter on.
        await Page.GotoAsync("/Targets");
        await Page.Locator("#q").FillAsync(code[8..14]);
        await Page.Locator("select[name=kind]").SelectOptionAsync(nameof(TargetKind.FarmStay));
        await Page.Locator("#search").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("kind=FarmStay"));
        await Expect(TableRows).ToHaveCountAsync(1);
        await Expect(TableRows.First).ToContainTextAsync(name);
        await Expect(TableRows.First).ToContainTextAsync("农家乐");
    }

    /// <summary>From an inspection to its target's file, which lists that inspection among the target's records.</summary>
    [Fact]
    public async Task AnInspectionLeadsToItsTargetsFileWhichListsIt()
    {
        await SignInAsync("town.xiema");
        await Page.GotoAsync("/Inspections");
        await Page.Locator("table.data-table tbody tr a[href^='/Inspections/Detail/']").First.ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/Inspections/Detail/"));
        var inspection = await Page.Locator("#inspection").GetAttributeAsync("data-inspection");
        var target = Page.Locator("#targets a").First;
        var name = (await target.TextContentAsync())!.Trim();
        await target.ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/Targets/Detail/"));
        await Expect(Page.Locator("h1#title")).ToContainTextAsync(name);
        await Expect(Page.Locator($"#inspections tr[data-inspection='{inspection}'] a")).ToHaveAttributeAsync("href", $"/Inspections/Detail/{inspection}");
        await Expect(Page.Locator("#cases")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ADuplicateMergedFromItsEditPageLeavesTheListAndNamesTheTargetThatStays()
    {
        const string duplicate = "歇马镇卫星村重复登记的小卖部";
        await SignInAsync("town.xiema");
        await Page.GotoAsync("/Targets/Edit");
        await Page.Locator("#Name").FillAsync(duplicate);
        await Page.Locator("#Kind").SelectOptionAsync(nameof(TargetKind.IndividualBusiness));
        await Page.Locator("#RiskLevel").SelectOptionAsync(nameof(RiskLevel.Low));
        await Page.Locator("#Address").FillAsync("歇马镇卫星村2组");
        await Page.Locator("#save").ClickAsync();
        await Page.Locator("table.data-table tbody tr a[href^='/Targets/Edit/']").First.ClickAsync();

        // The demo's individual businesses of 歇马镇 are offered after 请选择; take the first.
        await Expect(Page.Locator("#IntoId option").First).ToHaveAttributeAsync("value", "");
        var into = Page.Locator("#IntoId option").Nth(1);
        var survivor = (await into.TextContentAsync())!.Split('（')[0];
        await Page.Locator("#IntoId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await Page.Locator("#merge").ClickAsync();
        await ConfirmAsync();

        await Expect(Page.Locator(".flash")).ToContainTextAsync(duplicate);
        await Expect(Page.Locator(".flash")).ToContainTextAsync(survivor);
        await Expect(Page.Locator("#Name")).ToHaveValueAsync(survivor);
        await Page.GotoAsync("/Targets?q=" + Uri.EscapeDataString(duplicate));
        await Expect(TableRows.Locator("td.empty")).ToBeVisibleAsync();
    }
}
