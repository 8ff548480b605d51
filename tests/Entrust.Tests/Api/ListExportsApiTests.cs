using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Entrust.Tests.Hosting;
using Entrust.Web.Features.Demo;

namespace Entrust.Tests.Api;

/// <summary>
/// Issue 18, lists: the exports the console pages gained (holidays, the catalogue's departments, townships and districts, conflicts,
/// accountability, meeting members, inspection items, the training roster, coverage, agreements, officers, certificates, cases, case
/// deadlines, accounts, rectifications, an exam's results, the audit trail, docking, campaigns and a campaign's inspections, gaps,
/// meetings, random-inspection plans, monthly reports, statistics, scope requests, training classes, exams) come from the API too,
/// with a bearer token, the page's filters and order, and the page's scope: each workbook, opened by another library than the one that wrote it, holds
/// exactly the rows the filter shows, another unit's user gets only his own rows (or 404 for a record out of his sight), and a
/// filter value that cannot be read is a ProblemDetails in the caller's language.
/// </summary>
public abstract class ListExportsApiTests(HostFixture host) : TrainingTest(host)
{
    /// <summary>An export as its reader opens it: the title line, the line naming unit and day, the header, then one row per record.</summary>
    private sealed record Exported(string Title, string Heading, string[] Header, List<string[]> Rows)
    {
        public List<string> Column(int i) => [.. Rows.Select(r => r[i])];
    }

    private static async Task<Exported> OpenAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Xlsx, response.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = SpreadsheetDocument.Open(stream, isEditable: false);
        var workbook = document.WorkbookPart!;
        var sheet = (WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().First().Id!);
        List<string> shared = [.. workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText) ?? []];
        string Text(Cell c) =>
            c.DataType?.Value == CellValues.SharedString ? shared[int.Parse(c.CellValue!.Text)]
            : c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText
            : c.CellValue?.Text ?? "";
        static int ColumnOf(string reference) =>
            reference.TakeWhile(char.IsLetter).Aggregate(0, (n, letter) => n * 26 + letter - 'A' + 1) - 1;
        var cells = sheet.Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().ToDictionary(c => ColumnOf(c.CellReference!.Value!), Text)).ToList();
        var width = cells.Max(r => r.Count == 0 ? 0 : r.Keys.Max() + 1);
        var lines = cells.Select(r => Enumerable.Range(0, width).Select(i => r.GetValueOrDefault(i, "")).ToArray()).ToList();
        Assert.True(lines.Count >= 3, "an export has its title, its heading and its header");
        return new Exported(lines[0][0], lines[1][0], lines[2], [.. lines.Skip(3)]);
    }

    private async Task<Exported> ExportAsync(string userName, string url) => await OpenAsync(await (await As(userName)).GetAsync(url));

    /// <summary>The page's own export button, with the console's sign-in: the same rows as the API's.</summary>
    private async Task<Exported> PageExportAsync(string userName, string url) =>
        await OpenAsync(await (await ConsoleSignIn.SignInAsync(Host, userName)).GetAsync(url));

    /// <summary>A filter value that is no value of its kind: 400, a ProblemDetails naming it in Chinese, and in English when asked.</summary>
    private async Task UnreadableAsync(string url, string value)
    {
        var chinese = await (await As("office")).GetAsync(url).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains(value, chinese.Str("detail"));
        Http.AssertChinese(chinese.Str("detail"));
        var english = await (await As("office", "en")).GetAsync(url).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains(value, english.Str("detail"));
        Http.AssertNotChinese(english.Str("detail"));
    }

    [Fact]
    public async Task TheCatalogueListsExportTheirSearchFromTheApiAsThePageDoes()
    {
        var tag = UniqueCode("X");
        await CreateDepartmentAsync(code: tag + "A", name: "导出甲局");
        await CreateDepartmentAsync(code: tag + "B", name: "导出乙局");
        var departments = await ExportAsync("office", $"/api/departments/export?q={tag}&sort=-code");
        Assert.Equal("执法部门", departments.Title);
        Assert.Contains("北碚区", departments.Heading);
        Assert.Equal([tag + "B", tag + "A"], departments.Column(0));
        Assert.Equal(["导出乙局", "导出甲局"], departments.Column(1));
        var page = await PageExportAsync("office", $"/Catalog/Departments?handler=Export&q={tag}&sort=-code");
        Assert.Equal(departments.Header, page.Header);
        Assert.Equal(departments.Rows, page.Rows);
        Assert.Empty((await ExportAsync("office2", $"/api/departments/export?q={tag}")).Rows);

        await CreateTownshipAsync(code: tag + "A", name: "导出甲街道");
        await CreateTownshipAsync(code: tag + "B", name: "导出乙街道");
        var townships = await ExportAsync("office", $"/api/townships/export?q={tag}&pilot=false&sort=-code");
        Assert.Equal([tag + "B", tag + "A"], townships.Column(0));
        Assert.Equal(["街道", "街道"], townships.Column(2));
        Assert.Equal((await PageExportAsync("office", $"/Catalog/Townships?handler=Export&q={tag}&pilot=false&sort=-code")).Rows, townships.Rows);
        Assert.Empty((await ExportAsync("office", $"/api/townships/export?q={tag}&pilot=true")).Rows);
        Assert.Empty((await ExportAsync("office2", $"/api/townships/export?q={tag}")).Rows);
        await UnreadableAsync($"/api/townships/export?q={tag}&pilot=maybe", "maybe");

        Assert.Equal(["北碚区"], (await ExportAsync("office", "/api/districts/export")).Column(1));
        Assert.Equal(["测试区"], (await ExportAsync("office2", "/api/districts/export")).Column(1));
        Assert.Equal(["测试区"], (await ExportAsync("admin", $"/api/districts/export?q={HostFixture.SecondDistrictCode}")).Column(1));
    }

    [Fact]
    public async Task TheHolidaysExportTheYearsDaysTheFilterKeeps()
    {
        // 2033-01-01 is a Saturday: the 3rd and 4th are a Monday and a Tuesday off, the 8th a Saturday worked.
        await (await As("office")).PutAsJsonAsync("/api/holidays/2033", new
        {
            holidays = new[] { new DateOnly(2033, 1, 3), new DateOnly(2033, 1, 4) },
            workdays = new[] { new DateOnly(2033, 1, 8) },
        }).ExpectAsync(HttpStatusCode.OK);
        var all = await ExportAsync("office", "/api/holidays/2033/export?sort=-date");
        Assert.Equal("节假日与工作日", all.Title);
        Assert.Equal(["2033-01-08", "2033-01-04", "2033-01-03"], all.Column(0));
        Assert.Equal(["2033-01-03", "2033-01-04"], (await ExportAsync("office", "/api/holidays/2033/export?workday=false")).Column(0));
        Assert.Equal(["2033-01-08"], (await ExportAsync("office", "/api/holidays/2033/export?workday=true")).Column(0));
        Assert.Equal(all.Rows, (await PageExportAsync("office", "/Catalog/Holidays?handler=Export&year=2033&sort=-date")).Rows);
        // The second district keeps its own calendar: none of 北碚区's days.
        Assert.Empty((await ExportAsync("office2", "/api/holidays/2033/export")).Rows);

        var outOfRange = await (await As("office")).GetAsync("/api/holidays/1999/export").ExpectAsync(HttpStatusCode.BadRequest);
        Http.AssertChinese(Assert.Single(outOfRange.ErrorsFor("Year")));
        var english = await (await As("office", "en")).GetAsync("/api/holidays/1999/export").ExpectAsync(HttpStatusCode.BadRequest);
        Http.AssertNotChinese(Assert.Single(english.ErrorsFor("Year")));
        await UnreadableAsync("/api/holidays/2033/export?workday=abc", "abc");
    }

    [Fact]
    public async Task ConflictsExportTheRecusalsTheirUserSees()
    {
        var officer = await OfficerAsync(Ids.Xiema, name: "回避" + UniqueCode(""));
        var target = (await (await As("office")).PostAsJsonAsync("/api/targets", new
        {
            townshipId = Ids.Xiema,
            name = "导出回避对象" + UniqueCode(""),
            kind = "ForestArea",
            address = "歇马镇虎头村",
            riskLevel = "Low",
        }).ExpectAsync(HttpStatusCode.Created));
        await (await As("office")).PostAsJsonAsync("/api/officer-conflicts", new { officerId = officer.Id, targetId = target.Id(), reason = "系该林区承包人的近亲属" })
            .ExpectAsync(HttpStatusCode.Created);

        var mine = await ExportAsync("town.xiema", $"/api/officer-conflicts/export?officer={officer.Id}");
        var row = Assert.Single(mine.Rows);
        Assert.Equal([officer.Name, target.Str("name"), "系该林区承包人的近亲属"], row[..3]);
        // 天生街道 sees no recusal on 歇马镇's targets.
        Assert.Empty((await ExportAsync("town.tiansheng", $"/api/officer-conflicts/export?officer={officer.Id}")).Rows);
        await UnreadableAsync("/api/officer-conflicts/export?officer=abc", "abc");
    }

    [Fact]
    public async Task AccountabilityExportsTheRecordsTheReaderSees()
    {
        var officer = await OfficerAsync(Ids.Xiema, name: "追责" + UniqueCode(""));
        var facts = "导出追责事实" + UniqueCode("");
        await (await As("office")).PostAsJsonAsync("/api/accountability", new { officerId = officer.Id, fault = "GrossNegligence", facts })
            .ExpectAsync(HttpStatusCode.Created);

        var office = await ExportAsync("office", "/api/accountability/export?sort=officer");
        var row = Assert.Single(office.Rows, r => r[3] == facts);
        Assert.Equal(officer.Name, row[0]);
        Assert.Equal(office.Rows, (await PageExportAsync("office", "/Assessment/Accountability?handler=Export&sort=officer")).Rows);
        Assert.Contains((await ExportAsync("town.xiema", "/api/accountability/export")).Rows, r => r[3] == facts);
        Assert.DoesNotContain((await ExportAsync("town.tiansheng", "/api/accountability/export")).Rows, r => r[3] == facts);
        Assert.DoesNotContain((await ExportAsync("office2", "/api/accountability/export")).Rows, r => r[3] == facts);
        // An officer may not open the page; nor its export.
        await (await As("officer.xiema")).GetAsync("/api/accountability/export").ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task MeetingMembersExportServingOrPastAsThePageFilters()
    {
        var department = (await CreateDepartmentAsync()).Id();
        var past = "前任" + UniqueCode("");
        var serving = "现任" + UniqueCode("");
        var office = await As("office");
        await office.PostAsJsonAsync("/api/meetings/members", new { departmentId = department, name = past, post = "法制科长", from = new DateOnly(2026, 1, 1) })
            .ExpectAsync(HttpStatusCode.Created);
        await office.PostAsJsonAsync("/api/meetings/members", new { departmentId = department, name = serving, post = "法制科长", from = Today })
            .ExpectAsync(HttpStatusCode.Created);

        var now = await ExportAsync("office", "/api/meetings/members/export?serving=true");
        Assert.Contains(serving, now.Column(2));
        Assert.DoesNotContain(past, now.Column(2));
        var before = await ExportAsync("office", "/api/meetings/members/export?serving=false");
        Assert.Contains(past, before.Column(2));
        Assert.DoesNotContain(serving, before.Column(2));
        Assert.Equal(now.Rows, (await PageExportAsync("office", "/Meetings/Members?handler=Export&serving=true")).Rows);
        Assert.DoesNotContain(serving, (await ExportAsync("office2", "/api/meetings/members/export")).Column(2));
        await UnreadableAsync("/api/meetings/members/export?serving=perhaps", "perhaps");
    }

    [Fact]
    public async Task InspectionItemsExportWhatTheSearchFinds()
    {
        var matter = await CreateMatterAsync(Ids.Safety);
        var code = matter.Str("code");
        await (await As("office")).PostAsJsonAsync("/api/inspection-items", new { matterId = matter.Id(), basis = "《安全生产法》第六十五条", content = "导出检查内容" })
            .ExpectAsync(HttpStatusCode.Created);

        var found = await ExportAsync("office", $"/api/inspection-items/export?q={code}");
        var row = Assert.Single(found.Rows);
        Assert.StartsWith(code + " ", row[0]);
        Assert.Equal(["《安全生产法》第六十五条", "导出检查内容"], row[2..4]);
        Assert.Equal(found.Rows, (await PageExportAsync("office", $"/RandomPlans/Items?handler=Export&q={code}")).Rows);
        Assert.Empty((await ExportAsync("office2", $"/api/inspection-items/export?q={code}")).Rows);
    }

    [Fact]
    public async Task TheRosterExportsTheTraineesItsReaderSees()
    {
        var xiema = await OfficerAsync(Ids.Xiema, name: "甲" + UniqueCode(""));
        var tiansheng = await OfficerAsync(Ids.Tiansheng, name: "乙" + UniqueCode(""));
        var (c, _) = await ClassWithAsync([xiema, tiansheng]);
        var url = $"/api/training-classes/{c.Id()}/attendance/export";

        var office = await ExportAsync("office", url + "?sort=-name");
        Assert.Equal(new[] { xiema.Name, tiansheng.Name }.Order(), office.Column(0).Order());
        Assert.Equal(office.Rows, (await PageExportAsync("office", $"/Training/Detail?id={c.Id()}&handler=Export&sort=-name")).Rows);
        Assert.Equal([xiema.Name], (await ExportAsync("town.xiema", url)).Column(0));
        await (await As("office2")).GetAsync(url).ExpectAsync(HttpStatusCode.NotFound);
        await (await As("office")).GetAsync($"/api/training-classes/{Guid.NewGuid()}/attendance/export").ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CoverageExportsTheTownshipsItsUserSees()
    {
        var xiema = await ExportAsync("office", $"/api/coverage/export?township={Ids.Xiema}");
        Assert.Equal(["歇马镇"], xiema.Column(0));
        Assert.Equal(xiema.Rows, (await PageExportAsync("office", $"/Coverage?handler=Export&township={Ids.Xiema}")).Rows);
        var district = await ExportAsync("office", "/api/coverage/export?sort=-township");
        Assert.Single(district.Rows, r => r[0] == "歇马镇");
        Assert.Contains(district.Rows, r => r[0] == "天生街道");
        Assert.Empty((await ExportAsync("office2", $"/api/coverage/export?township={Ids.Xiema}")).Rows);
        Assert.Equal(["歇马镇"], (await ExportAsync("town.xiema", "/api/coverage/export")).Column(0));
        await UnreadableAsync("/api/coverage/export?township=abc", "abc");
    }

    /// <summary>Each list export is in the API document with the filters its list takes and the order.</summary>
    [Theory]
    [InlineData("/api/agreements/export", "township,department,state,mode,q,sort")]
    [InlineData("/api/officers/export", "unit,status,staffType,q,sort")]
    [InlineData("/api/cases/export", "state,matter,township,procedure,overdue,dueSoon,q,sort")]
    [InlineData("/api/cases/deadlines/export", "township,matter,within,sort")]
    [InlineData("/api/users/export", "q,role,district,department,township,locked,sort")]
    [InlineData("/api/certificates/export", "officer,unit,validity,expiring,q,sort")]
    [InlineData("/api/rectifications/export", "overdue,state,township,matter,campaign,sort")]
    [InlineData("/api/exams/{id}/results/export", "id,sort")]
    [InlineData("/api/audit/export", "entity,entityId,user,from,to,unit,action,sort")]
    [InlineData("/api/inspections/export", "month,matter,kind,result,township,campaign,mine,sort")]
    [InlineData("/api/docking/export", "township,undocked,sort")]
    [InlineData("/api/campaigns/export", "sort")]
    [InlineData("/api/campaigns/{id}/inspections/export", "id,sort")]
    [InlineData("/api/gaps/export", "kind,townshipId,state,escalated,sort")]
    [InlineData("/api/meetings/export", "q,kind,from,to,sort")]
    [InlineData("/api/random-plans/export", "state,q,sort")]
    [InlineData("/api/reports/export", "month,state,sort")]
    [InlineData("/api/statistics/export", "from,to,township,by")]
    [InlineData("/api/scope-requests/export", "state,sort")]
    [InlineData("/api/training-classes/export", "q,sort")]
    [InlineData("/api/exams/export", "q,sort")]
    public async Task TheApiDocumentNamesEachExportWithItsFilters(string path, string parameters)
    {
        var document = await Host.Anonymous().GetAsync("/openapi/v1.json").ExpectAsync(HttpStatusCode.OK);
        var get = document.GetProperty("paths").GetProperty(path).GetProperty("get");
        Assert.Equal(parameters.Split(','), get.GetProperty("parameters").EnumerateArray().Select(p => p.Str("name")));
    }

    /// <summary>Every item the API list answers for the same filter (one page of 200: the lists compared here are smaller).</summary>
    private async Task<List<JsonElement>> ListedAsync(string userName, string url)
    {
        var page = await (await As(userName)).GetAsync(url + (url.Contains('?') ? "&" : "?") + "pageSize=200").ExpectAsync(HttpStatusCode.OK);
        var items = page.Items().ToList();
        Assert.Equal(page.Total(), items.Count);
        return items;
    }

    [Fact]
    public async Task AgreementsExportWhatTheListShowsInItsScope()
    {
        var listed = await ListedAsync("office", $"/api/agreements?township={Ids.Xiema}");
        Assert.NotEmpty(listed);
        var exported = await ExportAsync("office", $"/api/agreements/export?township={Ids.Xiema}&sort=number");
        Assert.Equal("委托协议", exported.Title);
        Assert.Equal(listed.Select(a => $"{a.Str("number")} v{a.GetProperty("version").GetInt32()}").Order(StringComparer.Ordinal),
            exported.Rows.Select(r => $"{r[0]} v{r[1]}").Order(StringComparer.Ordinal));
        Assert.All(exported.Rows, r => Assert.Equal("歇马镇", r[3]));
        Assert.Equal(exported.Rows, (await PageExportAsync("office", $"/Agreements?handler=Export&township={Ids.Xiema}&sort=number")).Rows);
        // 天生街道 and the second district see none of 歇马镇's agreements.
        Assert.Empty((await ExportAsync("town.tiansheng", $"/api/agreements/export?township={Ids.Xiema}")).Rows);
        Assert.Empty((await ExportAsync("office2", $"/api/agreements/export?township={Ids.Xiema}")).Rows);
        await UnreadableAsync("/api/agreements/export?state=Whatever", "Whatever");
    }

    [Fact]
    public async Task OfficersExportWhatTheListShowsMaskedInItsScope()
    {
        var name = "导出" + UniqueCode("");
        var officer = await OfficerAsync(Ids.Xiema, name: name);
        var exported = await ExportAsync("town.xiema", $"/api/officers/export?q={name}&status=Active");
        Assert.Equal("执法人员", exported.Title);
        var row = Assert.Single(exported.Rows);
        Assert.Equal([name, "男", "歇马镇"], row[..3]);
        Assert.DoesNotContain(officer.IdNumber, row);
        Assert.Equal(exported.Rows, (await PageExportAsync("town.xiema", $"/Officers?handler=Export&q={name}&status=Active")).Rows);
        Assert.Empty((await ExportAsync("town.xiema", $"/api/officers/export?q={name}&status=Left")).Rows);
        Assert.Empty((await ExportAsync("town.tiansheng", $"/api/officers/export?q={name}")).Rows);
        Assert.Empty((await ExportAsync("office2", $"/api/officers/export?q={name}")).Rows);
        await UnreadableAsync("/api/officers/export?staffType=Volunteer", "Volunteer");
    }

    [Fact]
    public async Task CasesExportWhatTheListShowsInItsScope()
    {
        var listed = await ListedAsync("office", $"/api/cases?township={Ids.Xiema}");
        Assert.NotEmpty(listed);
        var exported = await ExportAsync("office", $"/api/cases/export?township={Ids.Xiema}&sort=number");
        Assert.Equal("案件", exported.Title);
        Assert.Equal(listed.Select(c => c.Str("number")).Order(StringComparer.Ordinal), exported.Column(0).Order(StringComparer.Ordinal));
        Assert.All(exported.Rows, r => Assert.Equal("歇马镇", r[1]));
        Assert.Equal(exported.Rows, (await PageExportAsync("office", $"/Cases?handler=Export&township={Ids.Xiema}&sort=number")).Rows);
        Assert.Equal(listed.Where(c => c.Str("state") == "Closed").Select(c => c.Str("number")).Order(StringComparer.Ordinal),
            (await ExportAsync("office", $"/api/cases/export?township={Ids.Xiema}&state=Closed")).Column(0).Order(StringComparer.Ordinal));
        Assert.Empty((await ExportAsync("town.tiansheng", $"/api/cases/export?township={Ids.Xiema}")).Rows);
        Assert.Empty((await ExportAsync("office2", $"/api/cases/export?township={Ids.Xiema}")).Rows);
        await UnreadableAsync("/api/cases/export?overdue=often", "often");
    }

    [Fact]
    public async Task DeadlinesExportWhatTheListShowsInItsScope()
    {
        var listed = await ListedAsync("office", "/api/cases/deadlines");
        Assert.NotEmpty(listed);
        var exported = await ExportAsync("office", "/api/cases/deadlines/export?sort=number");
        Assert.Equal("办案期限", exported.Title);
        Assert.Equal(listed.Select(d => d.Str("number")).Order(StringComparer.Ordinal), exported.Column(4).Order(StringComparer.Ordinal));
        Assert.Equal(exported.Rows, (await PageExportAsync("office", "/Cases/Deadlines?handler=Export&sort=number")).Rows);
        var xiema = await ExportAsync("town.xiema", "/api/cases/deadlines/export");
        Assert.Equal(listed.Count(d => d.Str("townshipName") == "歇马镇"), xiema.Rows.Count);
        Assert.All(xiema.Rows, r => Assert.Equal("歇马镇", r[5]));
        Assert.Empty((await ExportAsync("office2", "/api/cases/deadlines/export")).Rows);
        await UnreadableAsync("/api/cases/deadlines/export?matter=xyz", "xyz");
    }

    [Fact]
    public async Task AccountsExportWhatTheListShowsToTheirKeeper()
    {
        var prefix = UniqueCode("exp").ToLowerInvariant();
        await Host.CreateUserAsync(prefix + ".b", Entrust.Web.Platform.Roles.Township, Ids.Beibei, township: Ids.Xiema);
        await Host.CreateUserAsync(prefix + ".a", Entrust.Web.Platform.Roles.Township, Ids.Beibei, township: Ids.Tiansheng);
        var exported = await ExportAsync("office", $"/api/users/export?q={prefix}&sort=-username");
        Assert.Equal("账号管理", exported.Title);
        Assert.Equal([prefix + ".b", prefix + ".a"], exported.Column(0));
        Assert.Equal(exported.Rows, (await PageExportAsync("office", $"/Admin/Users?handler=Export&q={prefix}&sort=-username")).Rows);
        Assert.Equal([prefix + ".a"], (await ExportAsync("office", $"/api/users/export?q={prefix}&township={Ids.Tiansheng}")).Column(0));
        Assert.Empty((await ExportAsync("office2", $"/api/users/export?q={prefix}")).Rows);
        await (await As("town.xiema")).GetAsync($"/api/users/export?q={prefix}").ExpectStatusAsync(HttpStatusCode.Forbidden);
        await UnreadableAsync("/api/users/export?locked=perhaps", "perhaps");
    }

    [Fact]
    public async Task CertificatesExportWhatTheListShowsInItsScope()
    {
        var listed = await ListedAsync("office", $"/api/certificates?unit={Ids.Xiema}");
        Assert.NotEmpty(listed);
        var exported = await ExportAsync("office", $"/api/certificates/export?unit={Ids.Xiema}&sort=number");
        Assert.Equal("执法证", exported.Title);
        Assert.Equal(listed.Select(c => c.Str("number")).Order(StringComparer.Ordinal), exported.Column(0).Order(StringComparer.Ordinal));
        Assert.All(exported.Rows, r => Assert.Equal("歇马镇", r[2]));
        Assert.Equal(exported.Rows, (await PageExportAsync("office", $"/Certificates?handler=Export&unit={Ids.Xiema}&sort=number")).Rows);
        Assert.Equal(exported.Rows, (await ExportAsync("town.xiema", "/api/certificates/export?sort=number")).Rows);
        Assert.Empty((await ExportAsync("town.tiansheng", $"/api/certificates/export?unit={Ids.Xiema}")).Rows);
        Assert.Empty((await ExportAsync("office2", $"/api/certificates/export?unit={Ids.Xiema}")).Rows);
        await UnreadableAsync("/api/certificates/export?validity=Forever", "Forever");
    }

    [Fact]
    public async Task RectificationsExportWhatTheListShowsInItsScope()
    {
        var listed = await ListedAsync("office", $"/api/rectifications?township={Ids.Xiema}");
        Assert.NotEmpty(listed);
        var exported = await ExportAsync("office", $"/api/rectifications/export?township={Ids.Xiema}&sort=deadline");
        Assert.Equal("整改", exported.Title);
        Assert.Equal(listed.Select(o => o.Str("requirement")).Order(StringComparer.Ordinal), exported.Column(3).Order(StringComparer.Ordinal));
        Assert.All(exported.Rows, r => Assert.Equal("歇马镇", r[1]));
        Assert.Equal(exported.Rows, (await ExportAsync("town.xiema", "/api/rectifications/export?sort=deadline")).Rows);
        Assert.Empty((await ExportAsync("town.tiansheng", $"/api/rectifications/export?township={Ids.Xiema}")).Rows);
        Assert.Empty((await ExportAsync("office2", $"/api/rectifications/export?township={Ids.Xiema}")).Rows);
        var open = await ExportAsync("office", "/api/rectifications/export?state=Open&sort=deadline");
        Assert.Equal(open.Rows, (await PageExportAsync("office", "/Rectifications?handler=Export&state=Open&sort=deadline")).Rows);
        await UnreadableAsync("/api/rectifications/export?state=Halfway", "Halfway");
    }

    [Fact]
    public async Task ExamResultsExportTheTraineesItsReaderSees()
    {
        var xiema = await OfficerAsync(Ids.Xiema, name: "甲" + UniqueCode(""));
        var tiansheng = await OfficerAsync(Ids.Tiansheng, name: "乙" + UniqueCode(""));
        var (c, _) = await ClassWithAsync([xiema, tiansheng]);
        var exam = await ExamAsync([c.Id()]);
        var url = $"/api/exams/{exam.Id()}/results/export";

        var office = await ExportAsync("office", url + "?sort=-name");
        Assert.Equal("考试结果", office.Title);
        Assert.Equal(new[] { xiema.Name, tiansheng.Name }.Order(), office.Column(0).Order());
        Assert.Equal(office.Rows, (await PageExportAsync("office", $"/Exams/Detail?id={exam.Id()}&handler=Export&sort=-name")).Rows);
        Assert.Equal([xiema.Name], (await ExportAsync("town.xiema", url)).Column(0));
        await (await As("office2")).GetAsync(url).ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("office")).GetAsync($"/api/exams/{Guid.NewGuid()}/results/export").ExpectStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheAuditTrailExportsWhatItsFilterShows()
    {
        var department = (await CreateDepartmentAsync()).Id();
        var listed = await ListedAsync("auditor", $"/api/audit?entityId={department}");
        Assert.NotEmpty(listed);
        var exported = await ExportAsync("auditor", $"/api/audit/export?entityId={department}&sort=sequence");
        Assert.Equal("全过程记录", exported.Title);
        Assert.Equal(listed.Select(e => e.GetProperty("sequence").GetInt64().ToString()).Order(StringComparer.Ordinal),
            exported.Column(0).Order(StringComparer.Ordinal));
        Assert.All(exported.Rows, r => Assert.Equal(department.ToString(), r[7]));
        // The page filters by record type, not by one record: the same rows for the same type.
        var departments = await ExportAsync("auditor", "/api/audit/export?entity=Department&sort=sequence");
        Assert.Contains(departments.Rows, r => r[7] == department.ToString());
        Assert.Equal(departments.Rows, (await PageExportAsync("auditor", "/Audit?handler=Export&entity=Department&sort=sequence")).Rows);
        Assert.Empty((await ExportAsync("office2", $"/api/audit/export?entityId={department}")).Rows);
        await (await As("town.xiema")).GetAsync("/api/audit/export").ExpectStatusAsync(HttpStatusCode.Forbidden);
        await UnreadableAsync("/api/audit/export?from=someday", "someday");
    }

    [Fact]
    public async Task InspectionsExportWhatTheWorkListShowsInItsScope()
    {
        var filter = $"township={Ids.Xiema}&month=2026-06&result=NoProblem";
        var total = (await (await As("office")).GetAsync($"/api/inspections?{filter}&pageSize=1").ExpectAsync(HttpStatusCode.OK)).Total();
        Assert.NotEqual(0, total);
        var exported = await ExportAsync("office", $"/api/inspections/export?{filter}&sort=matter");
        Assert.Equal("检查记录", exported.Title);
        Assert.Contains("2026-06", exported.Heading);
        Assert.Equal(total, exported.Rows.Count);
        Assert.All(exported.Rows, r => Assert.Equal("歇马镇", r[1]));
        Assert.Equal(exported.Rows, (await PageExportAsync("office", $"/Inspections?handler=Export&{filter}&sort=matter")).Rows);
        Assert.Empty((await ExportAsync("town.tiansheng", $"/api/inspections/export?{filter}")).Rows);
        Assert.Empty((await ExportAsync("office2", $"/api/inspections/export?{filter}")).Rows);
        await UnreadableAsync("/api/inspections/export?kind=Surprise", "Surprise");
    }

    [Fact]
    public async Task DockingExportsThePairsTheListShowsInItsScope()
    {
        var listed = (await (await As("office")).GetAsync($"/api/docking?township={Ids.Xiema}").ExpectAsync(HttpStatusCode.OK)).Items().ToList();
        Assert.NotEmpty(listed);
        var exported = await ExportAsync("office", $"/api/docking/export?township={Ids.Xiema}&sort=department");
        Assert.Equal("科室对接", exported.Title);
        Assert.Equal(listed.Select(r => r.Str("departmentName")).Order(StringComparer.Ordinal), exported.Column(1).Order(StringComparer.Ordinal));
        Assert.All(exported.Rows, r => Assert.Equal("歇马镇", r[0]));
        Assert.Equal(exported.Rows,
            (await PageExportAsync("office", $"/Agreements/Docking?handler=Export&township={Ids.Xiema}&sort=department")).Rows);
        Assert.Equal(exported.Rows, (await ExportAsync("town.xiema", "/api/docking/export?sort=department")).Rows);
        // 天生街道 and the second district see none of 歇马镇's pairs.
        Assert.Empty((await ExportAsync("town.tiansheng", $"/api/docking/export?township={Ids.Xiema}")).Rows);
        Assert.Empty((await ExportAsync("office2", $"/api/docking/export?township={Ids.Xiema}")).Rows);
        await UnreadableAsync("/api/docking/export?undocked=perhaps", "perhaps");
    }

    [Fact]
    public async Task CampaignsAndACampaignsInspectionsExportWhatTheirPagesShow()
    {
        var name = "导出专项" + UniqueCode("");
        var created = await (await As("dept.forestry")).PostAsJsonAsync("/api/campaigns", new
        {
            name,
            startsOn = Day(Today.AddDays(-5)),
            endsOn = Day(Today.AddDays(5)),
            matterIds = new[] { (await CreateMatterAsync(Ids.Forestry)).Id() },
            townshipIds = new[] { Ids.Xiema },
        }).ExpectAsync(HttpStatusCode.Created);

        var campaigns = await ExportAsync("office", "/api/campaigns/export?sort=name");
        Assert.Equal("专项行动", campaigns.Title);
        Assert.Equal(["区林业局", Day(Today.AddDays(-5)), Day(Today.AddDays(5)), "0"], Assert.Single(campaigns.Rows, r => r[0] == name)[1..5]);
        Assert.Equal(campaigns.Rows, (await PageExportAsync("office", "/Campaigns?handler=Export&sort=name")).Rows);
        // A department exports its own campaigns only; the second district none of 北碚区's.
        var forestry = await ExportAsync("dept.forestry", "/api/campaigns/export");
        Assert.Contains(name, forestry.Column(0));
        Assert.DoesNotContain(DemoInspections.CampaignName, forestry.Column(0));
        Assert.DoesNotContain(name, (await ExportAsync("dept.safety", "/api/campaigns/export")).Column(0));
        Assert.DoesNotContain(name, (await ExportAsync("office2", "/api/campaigns/export")).Column(0));

        // The demo's campaign: its inspections, all 歇马镇's, as its page lists them.
        var demo = Assert.Single((await (await As("office")).GetAsync("/api/campaigns").ExpectAsync(HttpStatusCode.OK)).Items(),
            c => c.Str("name") == DemoInspections.CampaignName).Id();
        var listed = await ListedAsync("office", $"/api/inspections?campaign={demo}");
        Assert.NotEmpty(listed);
        var url = $"/api/campaigns/{demo}/inspections/export";
        var inspections = await ExportAsync("office", url + "?sort=township");
        Assert.Equal("检查记录", inspections.Title);
        Assert.Equal(listed.Count, inspections.Rows.Count);
        Assert.All(inspections.Rows, r => Assert.Equal("歇马镇", r[1]));
        Assert.Equal(inspections.Rows, (await PageExportAsync("office", $"/Campaigns/Detail/{demo}?handler=Export&sort=township")).Rows);
        Assert.Empty((await ExportAsync("town.tiansheng", url)).Rows);
        Assert.Empty((await ExportAsync("office", $"/api/campaigns/{created.Id()}/inspections/export")).Rows);
        // Another department's campaign, another district's or a guessed id: 404.
        await (await As("dept.forestry")).GetAsync(url).ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("office2")).GetAsync(url).ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("office")).GetAsync($"/api/campaigns/{Guid.NewGuid()}/inspections/export").ExpectStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GapsExportWhatTheListShowsInItsScope()
    {
        (await (await As("office")).PostAsync("/api/gaps/scan", null).ExpectAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        var filter = $"kind=ScopeRequestUndecided&townshipId={Ids.Xiema}";
        var listed = await ListedAsync("office", "/api/gaps?" + filter);
        Assert.NotEmpty(listed);
        var exported = await ExportAsync("office", $"/api/gaps/export?{filter}&sort=since");
        Assert.Equal("执法空档预警", exported.Title);
        Assert.Equal(listed.Count, exported.Rows.Count);
        Assert.All(exported.Rows, r => Assert.Equal("歇马镇", r[1]));
        Assert.Contains(exported.Rows, r => r[3].Contains("森林防火"));
        Assert.Equal(exported.Rows, (await PageExportAsync("office", $"/Gaps?handler=Export&{filter}&sort=since")).Rows);
        Assert.Equal(exported.Rows, (await ExportAsync("town.xiema", "/api/gaps/export?kind=ScopeRequestUndecided&sort=since")).Rows);
        Assert.Empty((await ExportAsync("town.tiansheng", $"/api/gaps/export?{filter}")).Rows);
        Assert.Empty((await ExportAsync("office2", $"/api/gaps/export?{filter}")).Rows);
        await UnreadableAsync("/api/gaps/export?kind=Sometimes", "Sometimes");
    }

    [Fact]
    public async Task MeetingsExportWhatTheListShowsToWhoIsInvited()
    {
        var title = "导出专题会" + UniqueCode("");
        var day = Today.AddDays(14);
        await (await As("office")).PostAsJsonAsync("/api/meetings", new
        {
            kind = "Special",
            title,
            day,
            time = "09:30:00",
            place = "歇马镇政府三楼会议室",
            chair = "分管副区长",
            townshipIds = new[] { Ids.Xiema },
            departmentIds = new[] { Ids.Safety },
        }).ExpectAsync(HttpStatusCode.Created);

        var exported = await ExportAsync("office", $"/api/meetings/export?q={title}&kind=Special&from={Day(day)}&to={Day(day)}");
        Assert.Equal("法制科长联席会与专题工作会", exported.Title);
        var row = Assert.Single(exported.Rows);
        Assert.Equal([$"{Day(day)} 09:30", title, "专题工作会", "歇马镇政府三楼会议室"], row[..4]);
        Assert.Equal(exported.Rows,
            (await PageExportAsync("office", $"/Meetings?handler=Export&q={title}&kind=Special&from={Day(day)}&to={Day(day)}")).Rows);
        Assert.Empty((await ExportAsync("office", $"/api/meetings/export?q={title}&from={Day(day.AddDays(1))}")).Rows);
        Assert.Empty((await ExportAsync("office", $"/api/meetings/export?q={title}&kind=Monthly")).Rows);
        // The invited township sees it; a township not invited and the second district do not.
        Assert.Equal(exported.Rows, (await ExportAsync("town.xiema", $"/api/meetings/export?q={title}")).Rows);
        Assert.Empty((await ExportAsync("town.tiansheng", $"/api/meetings/export?q={title}")).Rows);
        Assert.Empty((await ExportAsync("office2", $"/api/meetings/export?q={title}")).Rows);
        await UnreadableAsync("/api/meetings/export?kind=Weekly", "Weekly");
    }

    [Fact]
    public async Task RandomPlansExportWhatTheListShowsInItsScope()
    {
        var q = DemoRandomInspections.PlanName;
        var listed = await ListedAsync("office", $"/api/random-plans?q={q}");
        Assert.NotEmpty(listed);
        var exported = await ExportAsync("office", $"/api/random-plans/export?q={q}&sort=name");
        Assert.Equal("双随机抽查", exported.Title);
        Assert.Equal(listed.Select(p => p.Str("name")).Order(StringComparer.Ordinal), exported.Column(0).Order(StringComparer.Ordinal));
        Assert.Equal(exported.Rows, (await PageExportAsync("office", $"/RandomPlans?handler=Export&q={q}&sort=name")).Rows);
        var state = listed[0].Str("state");
        Assert.Equal(listed.Count(p => p.Str("state") == state), (await ExportAsync("office", $"/api/random-plans/export?q={q}&state={state}")).Rows.Count);
        // The plan is 区食药监局's: another department and the second district export none of it.
        Assert.Empty((await ExportAsync("dept.forestry", $"/api/random-plans/export?q={q}")).Rows);
        Assert.Empty((await ExportAsync("office2", $"/api/random-plans/export?q={q}")).Rows);
        await UnreadableAsync("/api/random-plans/export?state=Soon", "Soon");
    }

    [Fact]
    public async Task MonthlyReportsExportTheMonthTheListShowsInItsScope()
    {
        var listed = (await (await As("office")).GetAsync("/api/reports?month=2026-06").ExpectAsync(HttpStatusCode.OK)).Items().ToList();
        Assert.NotEmpty(listed);
        var exported = await ExportAsync("office", "/api/reports/export?month=2026-06&sort=township");
        Assert.Equal("委托执法报表", exported.Title);
        Assert.Contains("2026-06", exported.Heading);
        Assert.Equal(listed.Select(r => r.Str("townshipName") + "/" + r.Str("departmentName")).Order(StringComparer.Ordinal),
            exported.Rows.Select(r => r[0] + "/" + r[1]).Order(StringComparer.Ordinal));
        Assert.Equal(exported.Rows, (await PageExportAsync("office", "/Reports?handler=Export&month=2026-06&sort=township")).Rows);
        var xiema = await ExportAsync("town.xiema", "/api/reports/export?month=2026-06");
        Assert.Equal(listed.Count(r => r.GetProperty("townshipId").GetGuid() == Ids.Xiema), xiema.Rows.Count);
        Assert.All(xiema.Rows, r => Assert.Equal("歇马镇", r[0]));
        Assert.Empty((await ExportAsync("office2", "/api/reports/export?month=2026-06")).Rows);
        await UnreadableAsync("/api/reports/export?state=Whenever", "Whenever");
        var month = await (await As("office")).GetAsync("/api/reports/export?month=June").ExpectAsync(HttpStatusCode.BadRequest);
        Http.AssertChinese(Assert.Single(month.ErrorsFor("month")));
    }

    [Fact]
    public async Task StatisticsExportTheTableThePageShowsInItsScope()
    {
        var api = await (await As("office")).GetAsync("/api/statistics?from=2026-05&to=2026-06").ExpectAsync(HttpStatusCode.OK);
        var townships = await ExportAsync("office", "/api/statistics/export?from=2026-05&to=2026-06");
        Assert.Equal("各乡镇（街道）执法情况", townships.Title);
        Assert.Equal(api.GetProperty("byTownship").EnumerateArray().Select(r => r.Str("name")), townships.Column(0));
        Assert.Equal(townships.Rows, (await PageExportAsync("office", "/Reports/Statistics?handler=Export&from=2026-05&to=2026-06")).Rows);
        var months = await ExportAsync("office", "/api/statistics/export?from=2026-05&to=2026-06&by=month");
        Assert.Equal("各月执法情况", months.Title);
        Assert.Equal(["2026-05", "2026-06"], months.Column(0));
        Assert.Equal(months.Rows, (await PageExportAsync("office", "/Reports/Statistics?handler=Export&from=2026-05&to=2026-06&by=month")).Rows);
        Assert.Equal(["歇马镇"], (await ExportAsync("office", $"/api/statistics/export?from=2026-05&to=2026-06&township={Ids.Xiema}")).Column(0));
        // Another district's township is out of sight; a township reads no statistics.
        await (await As("office2")).GetAsync($"/api/statistics/export?township={Ids.Xiema}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("town.xiema")).GetAsync("/api/statistics/export").ExpectStatusAsync(HttpStatusCode.Forbidden);
        await UnreadableAsync("/api/statistics/export?township=abc", "abc");
        var backwards = await (await As("office")).GetAsync("/api/statistics/export?from=2026-06&to=2026-05").ExpectAsync(HttpStatusCode.BadRequest);
        Http.AssertChinese(backwards.Str("detail"));
    }

    [Fact]
    public async Task ScopeRequestsExportWhatThePageListsInItsScope()
    {
        var listed = (await (await As("office")).GetAsync("/api/scope-requests").ExpectAsync(HttpStatusCode.OK)).Items().ToList();
        Assert.Contains(listed, r => r.GetProperty("townshipId").GetGuid() == Ids.Xiema);
        var exported = await ExportAsync("office", "/api/scope-requests/export?sort=township");
        Assert.Equal("范围申请", exported.Title);
        Assert.Equal(listed.Select(r => r.Str("requestedPower")).Order(StringComparer.Ordinal), exported.Column(2).Order(StringComparer.Ordinal));
        Assert.Equal(exported.Rows, (await PageExportAsync("office", "/Scope?handler=Export&sort=township")).Rows);
        var pending = await ExportAsync("office", "/api/scope-requests/export?state=Pending");
        Assert.Equal(listed.Count(r => r.Str("state") == "Pending"), pending.Rows.Count);
        // A township exports its own requests; the second district none of 北碚区's.
        var xiema = await ExportAsync("town.xiema", "/api/scope-requests/export");
        Assert.Contains(xiema.Rows, r => r[2] == "森林防火");
        Assert.All(xiema.Rows, r => Assert.Equal("歇马镇", r[1]));
        Assert.All((await ExportAsync("town.tiansheng", "/api/scope-requests/export")).Rows, r => Assert.Equal("天生街道", r[1]));
        Assert.DoesNotContain((await ExportAsync("office2", "/api/scope-requests/export")).Rows, r => r[1] == "歇马镇");
        await UnreadableAsync("/api/scope-requests/export?state=Maybe", "Maybe");
    }

    [Fact]
    public async Task TrainingClassesAndExamsExportWhatTheirListsShowEachUnitCountingItsOwn()
    {
        var xiema = await OfficerAsync(Ids.Xiema, name: "甲" + UniqueCode(""));
        var tiansheng = await OfficerAsync(Ids.Tiansheng, name: "乙" + UniqueCode(""));
        var (c, _) = await ClassWithAsync([xiema, tiansheng]);
        var name = c.Str("name");

        var classes = await ExportAsync("office", $"/api/training-classes/export?q={name}&sort=name");
        Assert.Equal("资格培训", classes.Title);
        var row = Assert.Single(classes.Rows);
        Assert.Equal([name, "2"], [row[0], row[4]]);
        Assert.Equal(classes.Rows, (await PageExportAsync("office", $"/Training?handler=Export&q={name}&sort=name")).Rows);
        // A township counts its own trainees only; the second district sees no class of 北碚区.
        Assert.Equal("1", Assert.Single((await ExportAsync("town.xiema", $"/api/training-classes/export?q={name}")).Rows)[4]);
        Assert.Empty((await ExportAsync("office2", $"/api/training-classes/export?q={name}")).Rows);
        await (await As("officer.xiema")).GetAsync("/api/training-classes/export").ExpectStatusAsync(HttpStatusCode.Forbidden);

        var exam = await ExamAsync([c.Id()]);
        var examName = exam.Str("name");
        var exams = await ExportAsync("office", $"/api/exams/export?q={examName}&sort=-held");
        Assert.Equal("资格考试", exams.Title);
        var examRow = Assert.Single(exams.Rows);
        Assert.Equal([examName, "1"], [examRow[0], examRow[4]]);
        Assert.Equal(exams.Rows, (await PageExportAsync("office", $"/Exams?handler=Export&q={examName}&sort=-held")).Rows);
        Assert.Single((await ExportAsync("town.tiansheng", $"/api/exams/export?q={examName}")).Rows);
        Assert.Empty((await ExportAsync("office2", $"/api/exams/export?q={examName}")).Rows);
        await (await As("officer.xiema")).GetAsync("/api/exams/export").ExpectStatusAsync(HttpStatusCode.Forbidden);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ListExportsApiTests_Sqlite(SqliteHost host) : ListExportsApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class ListExportsApiTests_Postgres(PostgresHost host) : ListExportsApiTests(host);
