using Entrust.BrowserTests.Hosting;

namespace Entrust.BrowserTests;

/// <summary>
/// A case's steps are small forms in dialogs (<c>details</c> elements): without JavaScript they open in place, a step refused comes
/// back open with its error beside the field and the case unchanged, and a step taken moves the case on.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CaseStepsWithoutJavaScript(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    protected override bool JavaScript => false;

    [Fact]
    public async Task ACaseIsFiledAndInvestigatedThroughItsDialogsWithoutJavaScript()
    {
        var (first, second, _) = await CaseWorkflow.CrewAsync(App);
        await SignInAsync("town.xiema");
        await CaseWorkflow.FileAsync(Page, first, second, "无脚本某", major: false);

        await Page.Locator("#open-investigate").ClickAsync();
        await Expect(Page.Locator("#investigate-form")).ToBeVisibleAsync();
        // No officer named: refused, the dialog shown open again with the error beside the officers, the case still filed.
        await Page.Locator("#investigate").ClickAsync();
        await Expect(Page.Locator("#investigate-dialog[open] .field-error").First).ToBeVisibleAsync();
        await Expect(Page.Locator("#state")).ToHaveTextAsync("已立案");

        await Page.Locator($"#investigate-officers input[value='{first}']").CheckAsync();
        await Page.Locator($"#investigate-officers input[value='{second}']").CheckAsync();
        await Page.Locator("#investigate").ClickAsync();
        await Expect(Page.Locator("#state")).ToHaveTextAsync("调查取证");
    }
}
