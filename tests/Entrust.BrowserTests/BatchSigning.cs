using System.Text.RegularExpressions;
using Entrust.BrowserTests.Hosting;
using Entrust.Web.Data;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entrust.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class BatchSigning(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    [Fact]
    public async Task OfficeSignsATownshipsReviewedAgreementsInOneActionAllOrNone()
    {
        // Three reviewed agreements for a new township, made through the app's own services (outside a request the
        // platform acts as the system); the third lacks the Art. 21 checklist and can't be signed.
        var township = "集中签订测试镇";
        await ReviewedAgreementsAsync(township, ("AJ", "QQ-04", true), ("SYJ", "QQ-01", true), ("JT", "QQ-03", false));
        await SignInAsync();
        await Page.GotoAsync("/Agreements");
        await Page.Locator("#batch-sign").ClickAsync();
        await Page.Locator("#township").SelectOptionAsync(new SelectOptionValue { Label = township });
        await Page.Locator("#choose-township").ClickAsync();
        var reviewed = Page.Locator("#reviewed tbody tr");
        await Expect(reviewed).ToHaveCountAsync(3);

        // All three: the incomplete one refuses, so none is signed.
        foreach (var box in await Page.Locator("#reviewed input[type=checkbox]").AllAsync())
        {
            await box.CheckAsync();
        }
        await Page.Locator("#TownshipSignatory").FillAsync("集中签订测试镇镇长");
        await Page.Locator("#sign-all").ClickAsync();
        // Beside the agreement that refuses, its box marked; the others' boxes are not.
        var transport = reviewed.Filter(new() { HasText = "区交通局" });
        await Expect(transport.Locator(".field-error[data-for^='pick-']")).ToContainTextAsync("受托条件");
        await Expect(transport.Locator("input[type=checkbox]")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.Locator("#reviewed input[aria-invalid=true]")).ToHaveCountAsync(1);
        await Expect(Page.Locator("#batch-errors")).ToHaveCountAsync(0);
        await Expect(reviewed).ToHaveCountAsync(3);

        // The two complete ones: signed together.
        await transport.Locator("input[type=checkbox]").UncheckAsync();
        await Page.Locator("#sign-all").ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/Agreements\\?township=.*&state=Signed$"));
        await Expect(Page.Locator(".flash")).ToContainTextAsync("已集中签订 2 份协议");
        await Expect(TableRows).ToHaveCountAsync(2);
        await Expect(TableRows.Locator("td:nth-child(7)")).ToHaveTextAsync(new[] { "待公开", "待公开" });
        // The list is in time order (newest first); which two were signed is what counts.
        Assert.Equal(["区安监局", "区食药监局"], (await TableRows.Locator("td:nth-child(2)").AllTextContentsAsync()).Select(t => t.Trim()).Order(StringComparer.Ordinal));

        await Page.GotoAsync("/Agreements/BatchSign");
        await Page.Locator("#township").SelectOptionAsync(new SelectOptionValue { Label = township });
        await Page.Locator("#choose-township").ClickAsync();
        await Expect(reviewed).ToHaveCountAsync(1);
        await Expect(reviewed).ToContainTextAsync("区交通局");
    }

    private async Task ReviewedAgreementsAsync(string townshipName, params (string Department, string Matter, bool ChecklistComplete)[] agreements)
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
        var catalogue = scope.ServiceProvider.GetRequiredService<Catalogue>();
        var book = scope.ServiceProvider.GetRequiredService<AgreementBook>();
        var district = await db.Districts.SingleAsync(d => d.Name == "北碚区");
        var township = await catalogue.CreateTownshipAsync(new TownshipInput("BT-301", townshipName, TownshipKind.Town, false, district.Id));
        foreach (var (departmentCode, matterCode, complete) in agreements)
        {
            var department = await db.Departments.SingleAsync(d => d.DistrictId == district.Id && d.Code == departmentCode);
            var matter = await db.Matters.SingleAsync(m => m.DistrictId == district.Id && m.Code == matterCode);
            var authority = matter.Kind == MatterKind.Penalty ? Authority.SummaryPenalty : Authority.InspectionOnly;
            var draft = await book.CreateAsync(new AgreementInput(department.Id, township.Id, AgreementMode.Entrustment, null, book.Today,
                book.Today.AddYears(3).AddDays(-1), "甲方指导监督，乙方以甲方名义实施。", null, null, complete, complete, complete,
                [new AgreementMatterInput(matter.Id, authority, null)]), default);
            await book.SubmitAsync(draft.Id, default);
            await book.ReviewAsync(draft.Id, approved: true, default);
        }
    }
}
