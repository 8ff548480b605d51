using System.Text.RegularExpressions;
using Entrust.BrowserTests.Hosting;
using MiniExcelLibs;

namespace Entrust.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class MatterImport(ChromiumFixture chromium, AppFixture app) : BrowserTest(chromium, app)
{
    [Fact]
    public async Task FileWithTwoBadRowsListsBothReasonsAndImportsNothing()
    {
        await SignInAsync();
        await Page.GotoAsync("/Catalog/Edit/Import");
        await Expect(Page.Locator("#upload")).ToBeVisibleAsync();

        // The headers come from the app's own template, so the test follows whatever the app calls its columns.
        var template = await Page.APIRequest.GetAsync("/Catalog/Edit/Import?handler=Template");
        Assert.True(template.Ok, $"template download answered {template.Status}");
        var sample = ReadTemplateRow(await template.BodyAsync());
        // The template's sample row names a real department, a penalty and a district-wide scope.
        var code = Column(sample, "XM-001");
        var department = Column(sample, "区安监局");
        var kind = Column(sample, "处罚");
        var scope = Column(sample, "全区铺开");

        var good = With(sample, (code, "BT-GOOD-1"));
        var unknownDepartment = With(sample, (code, "BT-BAD-2"), (department, "不存在的部门"));
        var coerciveDistrictWide = With(sample, (code, "BT-BAD-3"), (kind, "强制"), (scope, "全区铺开"));
        using var file = new MemoryStream();
        await file.SaveAsAsync(new[] { good, unknownDepartment, coerciveDistrictWide }.ToList());

        await Page.Locator("#file").SetInputFilesAsync(new FilePayload
        {
            Name = "matters.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = file.ToArray(),
        });
        await Page.Locator("#upload").ClickAsync();

        var errors = Page.Locator("ul#import-errors li");
        await Expect(errors).ToHaveCountAsync(2);
        await Expect(errors.Filter(new() { HasText = "第 3 行" })).ToContainTextAsync("不存在的部门");
        await Expect(errors.Filter(new() { HasText = "第 4 行" })).ToContainTextAsync("行政强制法");
        await Expect(errors.Filter(new() { HasText = "第 2 行" })).ToHaveCountAsync(0);

        // All or nothing: the good row was not written either.
        await Page.GotoAsync("/Catalog/Matters");
        await Page.Locator("#q").FillAsync("BT-GOOD-1");
        await Page.Locator("#search").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("q=BT-GOOD-1"));
        await Expect(TableRows).ToHaveCountAsync(1);
        await Expect(TableRows.Locator("td.empty")).ToBeVisibleAsync();
    }

    private static Dictionary<string, object?> ReadTemplateRow(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        var headers = MiniExcel.GetColumns(stream, useHeaderRow: true).ToList();
        Assert.Equal(8, headers.Count);
        stream.Position = 0;
        var row = Assert.Single(stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>());
        // Keep the template's column order in the file we upload.
        return headers.ToDictionary(h => h, h => row[h]);
    }

    private static string Column(Dictionary<string, object?> row, string value) =>
        Assert.Single(row, cell => Equals(cell.Value?.ToString(), value)).Key;

    private static Dictionary<string, object?> With(Dictionary<string, object?> row, params (string Column, string Value)[] changes)
    {
        var copy = new Dictionary<string, object?>(row);
        foreach (var (column, value) in changes)
        {
            copy[column] = value;
        }
        return copy;
    }
}
