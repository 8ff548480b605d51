using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Entrust.Tests.Hosting;
using MiniExcelLibs;

namespace Entrust.Tests.Api;

/// <summary>GET /api/matters/template, GET /api/matters/export, POST /api/matters/import: the catalogue as .xlsx.</summary>
public abstract class MatterSpreadsheetTests(HostFixture host) : ApiTest(host)
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The column keys the import always understands, whatever the language.</summary>
    private static readonly string[] Keys = ["Code", "Name", "Department", "Domain", "Kind", "LawName", "LawArticle", "Entrustability"];

    private static byte[] Workbook(IReadOnlyList<string> headers, params string[][] rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.Select(r => headers.Select((h, i) => (h, (object)r[i])).ToDictionary(p => p.h, p => p.Item2)).ToList());
        return stream.ToArray();
    }

    /// <summary>Every row of a workbook as cell texts, the header row first.</summary>
    private static List<string[]> Read(byte[] workbook)
    {
        using var stream = new MemoryStream(workbook);
        return stream.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>()
            .Select(r => r.Values.Select(v => v?.ToString() ?? "").ToArray()).ToList();
    }

    private static MultipartFormDataContent Upload(byte[] workbook, string fileName = "matters.xlsx")
    {
        var file = new ByteArrayContent(workbook);
        file.Headers.ContentType = new MediaTypeHeaderValue(Xlsx);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    private async Task<List<string[]>> DownloadAsync(string userName, string url, string? language = null)
    {
        using var response = await (await As(userName, language)).GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Xlsx, response.Content.Headers.ContentType?.MediaType);
        return Read(await response.Content.ReadAsByteArrayAsync());
    }

    private async Task<int> CountOfCodeAsync(string code, string userName = "office") =>
        (await (await As(userName)).GetAsync($"/api/matters?q={code}").ExpectAsync(HttpStatusCode.OK)).Items().Count(m => m.Str("code") == code);

    [Fact]
    public async Task TheTemplateHasTheEightColumnsAndAnExampleRow()
    {
        var zh = await DownloadAsync("office", "/api/matters/template");
        var en = await DownloadAsync("office", "/api/matters/template", "en");

        Assert.Equal(2, zh.Count);
        Assert.Equal(8, zh[0].Length);
        Assert.Equal("XM-001", zh[1][0]);
        Assert.All(zh[0], h => Http.AssertChinese(h));
        Assert.All(en[0], h => Http.AssertNotChinese(h));
    }

    [Fact]
    public async Task TheExportIsARealWorkbookOfTheUsersMatters()
    {
        using var response = await (await As("office")).GetAsync("/api/matters/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("matters.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var rows = Read(await response.Content.ReadAsByteArrayAsync());

        var total = await MatterCountAsync();
        Assert.Equal(total, rows.Count - 1);
        var fireworks = Assert.Single(rows, r => r[0] == "198-01");
        Assert.Equal("烟花爆竹燃放安全检查", fireworks[1]);
        Assert.Equal("区公安分局", fireworks[2]);
        Assert.Equal("烟花爆竹安全管理条例", fireworks[5]);
        Assert.Equal("第三十二条", fireworks[6]);
        Assert.DoesNotContain(rows, r => r[0] == "CS-001");
    }

    [Fact]
    public async Task TheExportKeepsToTheUsersScopeAndFilter()
    {
        var safety = await DownloadAsync("dept.safety", "/api/matters/export");
        var listed = (await (await As("dept.safety")).GetAsync("/api/matters?pageSize=200").ExpectAsync(HttpStatusCode.OK))
            .Items().Select(m => m.Str("code")).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(listed, safety.Skip(1).Select(r => r[0]).Order(StringComparer.Ordinal).ToArray());
        Assert.DoesNotContain(safety, r => r[0] == "198-04");

        var second = await DownloadAsync("office2", "/api/matters/export");
        Assert.Contains(second, r => r[0] == "CS-001");
        Assert.DoesNotContain(second, r => r[0] == "198-01");

        var forestry = await DownloadAsync("office", "/api/matters/export?domain=forestry");
        Assert.Contains(forestry, r => r[0] == "198-05");
        Assert.DoesNotContain(forestry, r => r[0] == "198-01");
    }

    [Fact]
    public async Task AnImportAddsNewCodesAndUpdatesKnownOnes()
    {
        var existing = await CreateMatterAsync(Ids.Safety);
        var fresh = UniqueCode("IM");
        var workbook = Workbook(Keys,
            [fresh, "对违法储存危险化学品的处罚", "AJ", "work-safety", "Penalty", "危险化学品安全管理条例", "第八十条", "PilotOnly"],
            [existing.Str("code"), "导入后更名的事项", "区林业局", "forestry", "Inspection", "森林防火条例", "第二十四条", "NotEntrusted"]);

        var result = await (await As("office")).PostAsync("/api/matters/import", Upload(workbook)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(1, result.GetProperty("added").GetInt32());
        Assert.Equal(1, result.GetProperty("updated").GetInt32());
        var updated = await (await As("office")).GetAsync($"/api/matters/{existing.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("导入后更名的事项", updated.Str("name"));
        Assert.Equal(Ids.Forestry, updated.GetProperty("departmentId").GetGuid());
        Assert.Equal("NotEntrusted", updated.Str("entrustability")); // narrowing the scope needs no decision
        var added = Assert.Single((await (await As("office")).GetAsync($"/api/matters?q={fresh}").ExpectAsync(HttpStatusCode.OK)).Items());
        Assert.Equal(Ids.Safety, added.GetProperty("departmentId").GetGuid());
        Assert.Equal("Penalty", added.Str("kind"));
        Assert.Equal("Added", Assert.Single(await AuditOfAsync("Matter", added.Id())).Str("action"));
        Assert.Equal("Modified", (await AuditOfAsync("Matter", existing.Id())).First().Str("action"));
    }

    [Fact]
    public async Task AnImportThatWidensAKnownMattersScopeIsRejectedWhole()
    {
        var existing = await CreateMatterAsync(Ids.Safety); // pilot-only
        var fresh = UniqueCode("IM");
        var workbook = Workbook(Keys,
            [fresh, "合格的新事项", "AJ", "work-safety", "Inspection", "中华人民共和国安全生产法", "第六十五条", "PilotOnly"],
            [existing.Str("code"), "扩大到全区", "AJ", "work-safety", "Inspection", "中华人民共和国安全生产法", "第六十五条", "DistrictWide"]);
        var count = await MatterCountAsync();
        var head = await AuditHeadAsync();

        var problem = await (await As("office")).PostAsync("/api/matters/import", Upload(workbook)).ExpectAsync(HttpStatusCode.BadRequest);

        var row = Assert.Single(problem.GetProperty("rows").EnumerateArray());
        Assert.Equal(3, row.GetProperty("row").GetInt32());
        Assert.Contains(existing.Str("code"), row.Str("reason"));
        Http.AssertChinese(row.Str("reason"));
        var read = await (await As("office")).GetAsync($"/api/matters/{existing.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("PilotOnly", read.Str("entrustability"));
        Assert.Equal(count, await MatterCountAsync());
        Assert.Equal(0, await CountOfCodeAsync(fresh));
        Assert.Equal(head, await AuditHeadAsync());
    }

    [Fact]
    public async Task AFileFilledInFromTheTemplateImports()
    {
        var template = await DownloadAsync("office", "/api/matters/template");
        var row = template[1].ToArray();
        row[0] = UniqueCode("TP");
        var result = await (await As("office")).PostAsync("/api/matters/import", Upload(Workbook(template[0], row)))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(1, result.GetProperty("added").GetInt32());
        var added = Assert.Single((await (await As("office")).GetAsync($"/api/matters?q={row[0]}").ExpectAsync(HttpStatusCode.OK)).Items());
        Assert.Equal("DistrictWide", added.Str("entrustability"));
        Assert.Equal("Penalty", added.Str("kind"));
        Assert.Equal("work-safety", added.Str("domain"));
    }

    [Fact]
    public async Task AnExportImportsBackUnchanged()
    {
        var department = (await (await As("office2")).PostAsJsonAsync("/api/departments", new { code = UniqueCode("D"), name = "测试区林业局" + Guid.NewGuid().ToString("N")[..4] })
            .ExpectAsync(HttpStatusCode.Created)).Id();
        await (await As("office2")).PostAsJsonAsync("/api/matters", MatterBody(department, UniqueCode("RT"), domain: "forestry"))
            .ExpectStatusAsync(HttpStatusCode.Created);
        using var response = await (await As("office2")).GetAsync("/api/matters/export");
        var exported = await response.Content.ReadAsByteArrayAsync();
        var rows = Read(exported).Count - 1;
        var head = await AuditHeadAsync();

        var result = await (await As("office2")).PostAsync("/api/matters/import", Upload(exported)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(0, result.GetProperty("added").GetInt32());
        Assert.Equal(rows, result.GetProperty("updated").GetInt32());
        Assert.Equal(head, await AuditHeadAsync()); // nothing actually changed, so nothing is recorded
    }

    [Fact]
    public async Task AFileWithTwoBadRowsIsRejectedWholeListingBothAndWritesNothing()
    {
        var template = await DownloadAsync("office", "/api/matters/template");
        var districtWide = template[1][7]; // the template's example is a district-wide (全区铺开) matter
        var good = UniqueCode("OK");
        var coercive = UniqueCode("QZ");
        var workbook = Workbook(Keys,
            [good, "合格的事项", "AJ", "work-safety", "Inspection", "中华人民共和国安全生产法", "第六十五条", "PilotOnly"],
            [UniqueCode("BD"), "部门不存在的事项", "区不存在局", "work-safety", "Inspection", "中华人民共和国安全生产法", "第六十五条", "PilotOnly"],
            [coercive, "查封违规设备", "AJ", "work-safety", "Coercive", "中华人民共和国安全生产法", "第六十五条", districtWide]);
        var count = await MatterCountAsync();
        var head = await AuditHeadAsync();

        var problem = await (await As("office")).PostAsync("/api/matters/import", Upload(workbook)).ExpectAsync(HttpStatusCode.BadRequest);

        var rows = problem.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([3, 4], rows.Select(r => r.GetProperty("row").GetInt32()).Distinct().Order().ToArray());
        Assert.Contains(rows, r => r.GetProperty("row").GetInt32() == 3 && r.Str("reason").Contains("区不存在局"));
        Assert.Contains(rows, r => r.GetProperty("row").GetInt32() == 4 && r.Str("reason").Contains(coercive));
        Assert.All(rows, r => Http.AssertChinese(r.Str("reason")));
        Http.AssertChinese(problem.Str("title"));
        Assert.Equal(count, await MatterCountAsync());
        Assert.Equal(head, await AuditHeadAsync());
        Assert.Equal(0, await CountOfCodeAsync(good));
    }

    [Fact]
    public async Task ImportReasonsComeInTheRequestsLanguage()
    {
        var workbook = Workbook(Keys,
            [UniqueCode("EN"), "部门不存在的事项", "区不存在局", "work-safety", "Inspection", "中华人民共和国安全生产法", "第六十五条", "PilotOnly"]);

        var zh = await (await As("office")).PostAsync("/api/matters/import", Upload(workbook)).ExpectAsync(HttpStatusCode.BadRequest);
        var en = await (await As("office", "en")).PostAsync("/api/matters/import", Upload(workbook)).ExpectAsync(HttpStatusCode.BadRequest);

        var zhReason = Assert.Single(zh.GetProperty("rows").EnumerateArray()).Str("reason");
        var enReason = Assert.Single(en.GetProperty("rows").EnumerateArray()).Str("reason");
        Assert.NotEqual(zhReason, enReason);
        Assert.Contains("区不存在局", enReason);
    }

    [Fact]
    public async Task EveryKindOfBadRowIsNamed()
    {
        var code = UniqueCode("DU");
        var workbook = Workbook(Keys,
            [code, "第一次出现", "AJ", "work-safety", "Inspection", "中华人民共和国安全生产法", "第六十五条", "PilotOnly"],
            [code, "重复编码", "AJ", "work-safety", "Inspection", "中华人民共和国安全生产法", "第六十五条", "PilotOnly"],
            [UniqueCode("NL"), "缺法律依据", "AJ", "work-safety", "Inspection", "", "", "PilotOnly"],
            [UniqueCode("ND"), "未知领域", "AJ", "astrology", "Inspection", "中华人民共和国安全生产法", "第六十五条", "PilotOnly"],
            [UniqueCode("NK"), "未知种类", "AJ", "work-safety", "Divination", "中华人民共和国安全生产法", "第六十五条", "PilotOnly"],
            ["", "", "", "", "", "", "", ""],
            ["", "缺编码", "AJ", "work-safety", "Inspection", "中华人民共和国安全生产法", "第六十五条", "Everywhere"]);

        var problem = await (await As("office")).PostAsync("/api/matters/import", Upload(workbook)).ExpectAsync(HttpStatusCode.BadRequest);

        var rows = problem.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([3, 4, 5, 6, 8], rows.Select(r => r.GetProperty("row").GetInt32()).Distinct().Order().ToArray());
        Assert.Contains(rows, r => r.GetProperty("row").GetInt32() == 3 && r.Str("reason").Contains(code));
        Assert.Contains(rows, r => r.GetProperty("row").GetInt32() == 5 && r.Str("reason").Contains("astrology"));
        Assert.Contains(rows, r => r.GetProperty("row").GetInt32() == 6 && r.Str("reason").Contains("Divination"));
        Assert.Equal(2, rows.Count(r => r.GetProperty("row").GetInt32() == 8)); // no code, unknown entrustability
        Assert.Equal(0, await CountOfCodeAsync(code));
    }

    [Fact]
    public async Task AnotherDistrictsDepartmentIsUnknownToTheImport()
    {
        var code = UniqueCode("X2");
        var workbook = Workbook(Keys,
            [code, "借用北碚区部门", "区安监局", "work-safety", "Inspection", "中华人民共和国安全生产法", "第六十五条", "PilotOnly"]);

        var problem = await (await As("office2")).PostAsync("/api/matters/import", Upload(workbook)).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal(2, Assert.Single(problem.GetProperty("rows").EnumerateArray()).GetProperty("row").GetInt32());
        Assert.Equal(0, await CountOfCodeAsync(code, "admin"));
    }

    [Fact]
    public async Task AFileThatIsNotAWorkbookOrIsMissingIsRefused()
    {
        var office = await As("office");
        var notXlsx = await office.PostAsync("/api/matters/import", Upload("code,name\nA,B"u8.ToArray(), "matters.csv"))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Import.NotXlsx", notXlsx.Code());
        Http.AssertChinese(notXlsx.Str("detail"));

        var empty = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        var missing = await office.PostAsync("/api/matters/import", empty).ExpectAsync(HttpStatusCode.BadRequest);
        Http.AssertChinese(missing.Str("detail"));

        var headersOnly = Workbook(Keys);
        var blank = await office.PostAsync("/api/matters/import", Upload(headersOnly)).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(1, Assert.Single(blank.GetProperty("rows").EnumerateArray()).GetProperty("row").GetInt32());
    }

    [Theory]
    [InlineData("dept.safety")]
    [InlineData("town.xiema")]
    [InlineData("auditor")]
    public async Task OnlyTheOfficeAndTheAdminImport(string userName)
    {
        var code = UniqueCode("NO");
        var workbook = Workbook(Keys,
            [code, "越权导入", "AJ", "work-safety", "Inspection", "中华人民共和国安全生产法", "第六十五条", "PilotOnly"]);
        await (await As(userName)).PostAsync("/api/matters/import", Upload(workbook)).ExpectStatusAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0, await CountOfCodeAsync(code));
    }

    [Fact]
    public async Task TheAdminImportsIntoTheDistrictItNames()
    {
        var code = UniqueCode("AD");
        var workbook = Workbook(Keys,
            [code, "管理员导入", "CSAJ", "work-safety", "Inspection", "中华人民共和国安全生产法", "第六十五条", "PilotOnly"]);
        var admin = await As("admin");

        var refused = await admin.PostAsync("/api/matters/import", Upload(workbook)).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Catalogue.DistrictRequired", refused.Code());

        await admin.PostAsync($"/api/matters/import?district={Ids.Second}", Upload(workbook)).ExpectStatusAsync(HttpStatusCode.OK);
        Assert.Equal(1, await CountOfCodeAsync(code, "office2"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MatterSpreadsheetTests_Sqlite(SqliteHost host) : MatterSpreadsheetTests(host);

[Collection(PostgresCollection.Name)]
public sealed class MatterSpreadsheetTests_Postgres(PostgresHost host) : MatterSpreadsheetTests(host);
