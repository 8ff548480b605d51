using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Entrust.Tests.Hosting;
using MiniExcelLibs;

namespace Entrust.Tests.Api;

/// <summary>
/// The console's lists as a browser drives them (issue 18): each sorts by a column (ascending and its exact reverse), pages in
/// any size with the same rows in the same order as one long page, keeps the filter's rows whatever the order, and exports to
/// .xlsx exactly those rows in that order; an unknown order is the default one, never an error.
/// </summary>
public abstract partial class ListPagesTests(HostFixture host) : ApiTest(host)
{
    [GeneratedRegex(@"共 (\d+) 条")]
    private static partial Regex Total();

    [GeneratedRegex(@"<tbody>(.*?)</tbody>", RegexOptions.Singleline)]
    private static partial Regex Body();

    [GeneratedRegex(@"<td[^>]*>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex Cell();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    [Theory]
    [InlineData("/Agreements", "data-id", "number", "")]
    [InlineData("/Agreements", "data-id", "township", "")]
    [InlineData("/Agreements", "data-id", "status", "")]
    [InlineData("/Officers", "data-id", "name", "")]
    [InlineData("/Officers", "data-id", "unit", "status=Active")]
    [InlineData("/Certificates", "data-id", "expires", "")]
    [InlineData("/Certificates", "data-id", "officer", "")]
    [InlineData("/Cases", "data-case", "party", "")]
    [InlineData("/Cases", "data-case", "filed", "")]
    [InlineData("/Inspections", "data-inspection", "started", "")]
    [InlineData("/Inspections", "data-inspection", "matter", "")]
    [InlineData("/Inspections", "data-inspection", "township", "")]
    [InlineData("/Inspections", "data-inspection", "department", "")]
    [InlineData("/Inspections", "data-inspection", "result", "")]
    [InlineData("/Inspections", "data-inspection", "targets", "")]
    [InlineData("/Rectifications", "data-order", "deadline", "")]
    [InlineData("/Audit", "data-sequence", "user", "entity=Officer")]
    [InlineData("/Admin/Users", "data-id", "name", "")]
    [InlineData("/Admin/Users", "data-id", "unit", "")]
    [InlineData("/Gaps", "data-gap", "township", "")]
    [InlineData("/Gaps", "data-gap", "since", "")]
    [InlineData("/Meetings", "data-meeting", "title", "")]
    [InlineData("/Agreements/Docking", "data-pair", "department", "")]
    public async Task AListSortsPagesAndExportsTheFiltersRows(string path, string attribute, string key, string filter) =>
        await SortsPagesAndExportsAsync(await ConsoleSignIn.SignInAsync(Host, "office"), path, attribute, key, filter);

    /// <summary>The list at <paramref name="path"/>, sorted by <paramref name="key"/>: long page, pages of 7, the reverse, the export.</summary>
    /// <remarks>
    /// <paramref name="sheetHead"/> is the rows above the export's records: 3 for <c>ListExport</c>'s title, heading and header; 1 for
    /// a sheet that is also an import file (the matter catalogue, the targets), whose header comes first. <paramref name="sheetColumn"/>
    /// is the sheet's column that holds the page's first cell.
    /// </remarks>
    internal static async Task SortsPagesAndExportsAsync(HttpClient office, string path, string attribute, string key, string filter,
        int sheetHead = 3, int sheetColumn = 0, string? table = null)
    {
        var url = path + "?" + (filter.Length > 0 ? filter + "&" : "");
        // A page with several tables: the list is the one named (its tbody is the first after its id).
        string Of(string html) => table is null ? html : html[html.IndexOf($"id=\"{table}\"", StringComparison.Ordinal)..];
        var first = Of(await office.GetStringAsync($"{url}sort={key}&size=200"));
        var total = int.Parse(Total().Match(first).Groups[1].Value);
        Assert.True(total >= 3, $"{path} shows {total} rows: too few to sort");
        var all = RowIds(first, attribute);
        Assert.Equal(Math.Min(total, 200), all.Count);
        Assert.Equal(all.Count, all.Distinct().Count());

        // Pages of 7 in that order are the long page cut in pieces.
        var paged = new List<string>();
        for (var page = 1; page <= (all.Count + 6) / 7; page++)
        {
            var html = Of(await office.GetStringAsync($"{url}sort={key}&size=7&page={page}"));
            if (all.Count > 7)
            {
                Assert.Contains("aria-current=\"page\">" + page + "<", html);
            }
            paged.AddRange(RowIds(html, attribute));
        }
        // (With more than 200 rows the long page stops at 200; the last page of 7 reaches past it.)
        Assert.Equal(all, paged.Take(all.Count));

        if (total <= 200)
        {
            // Descending is the exact reverse (the tie-breaker turns too); the default order and an unknown key show the same rows.
            Assert.Equal(Enumerable.Reverse(all), RowIds(Of(await office.GetStringAsync($"{url}sort=-{key}&size=200")), attribute));
            Assert.Equal(all.Order(), RowIds(Of(await office.GetStringAsync($"{url}size=200")), attribute).Order());
            Assert.Equal(all.Order(), RowIds(Of(await office.GetStringAsync($"{url}sort=drop%20table&size=200")), attribute).Order());
        }

        // The export: the same rows in the same order, under the title, the heading and the header row.
        using var response = await office.GetAsync($"{url}sort={key}&handler=Export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var sheet = new MemoryStream(await response.Content.ReadAsByteArrayAsync()).Query(useHeaderRow: false)
            .Cast<IDictionary<string, object?>>().Select(r => r.Values.Select(v => v?.ToString() ?? "").ToList()).ToList();
        var rows = sheet.Skip(sheetHead).ToList();
        Assert.Equal(total, rows.Count);
        var cells = FirstCells(first, attribute);
        for (var i = 0; i < cells.Count; i++)
        {
            Assert.StartsWith(rows[i][sheetColumn], cells[i], StringComparison.Ordinal);
        }
    }

    /// <summary>The matter catalogue sorts and pages like every list, and its sheet (the import's layout) holds the filter's rows in that order.</summary>
    [Theory]
    [InlineData("name", "domain=work-safety")]
    [InlineData("department", "kind=Penalty")]
    [InlineData("kind", "q=198-")]
    [InlineData("entrustability", "")]
    public async Task TheMatterCatalogueSortsPagesAndExportsTheFiltersRows(string key, string filter) =>
        await SortsPagesAndExportsAsync(await ConsoleSignIn.SignInAsync(Host, "office"), "/Catalog/Matters", "data-id", key, filter, sheetHead: 1);

    /// <summary>The regulated targets sort and page like every list; their sheet (the import's layout, the name second) holds the filter's rows in that order.</summary>
    [Theory]
    [InlineData("name", "kind=Restaurant")]
    [InlineData("risk", "")]
    [InlineData("township", "")]
    [InlineData("kind", "complaints=false")]
    public async Task TheTargetListSortsPagesAndExportsTheFiltersRows(string key, string filter) =>
        await SortsPagesAndExportsAsync(await ConsoleSignIn.SignInAsync(Host, "office"), "/Targets", "data-target", key, filter, sheetHead: 1, sheetColumn: 1);

    /// <summary>The targets' sheet and its template are named in the page's language, as the matter catalogue's are.</summary>
    [Theory]
    [InlineData("zh-CN", "监管对象.xlsx", "监管对象模板.xlsx")]
    [InlineData("en", "Regulated targets.xlsx", "Regulated targets template.xlsx")]
    public async Task TheTargetSheetsAreNamedInThePagesLanguage(string culture, string export, string template)
    {
        var office = await ConsoleSignIn.SignInAsync(Host, "office");
        using var exported = await office.GetAsync($"/Targets?kind=Restaurant&handler=Export&culture={culture}");
        using var blank = await office.GetAsync($"/Targets/Import?handler=Template&culture={culture}");
        Assert.Equal(export, exported.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(template, blank.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [Fact]
    public async Task TheTargetListShowsTheApisRowsInTheApisOrder()
    {
        var office = await ConsoleSignIn.SignInAsync(Host, "office");
        var api = await As("office");
        foreach (var sort in new[] { "-risk", "name", "" })
        {
            var fromApi = JsonDocument.Parse(await api.GetStringAsync($"/api/targets?kind=Restaurant&sort={sort}&pageSize=200")).RootElement;
            var expected = fromApi.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToList();
            Assert.True(expected.Count >= 3);
            Assert.Equal(expected, RowIds(await office.GetStringAsync($"/Targets?kind=Restaurant&sort={sort}&size=200"), "data-target"));
        }
    }

    /// <summary>A campaign's inspections sort, page and export like the work list, held to the campaign.</summary>
    [Theory]
    [InlineData("started")]
    [InlineData("result")]
    public async Task ACampaignsInspectionsSortPageAndExport(string key)
    {
        var campaigns = JsonDocument.Parse(await (await As("office")).GetStringAsync("/api/campaigns")).RootElement;
        var fireworks = campaigns.EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == Entrust.Web.Features.Demo.DemoInspections.CampaignName);
        var path = "/Campaigns/Detail/" + fireworks.GetProperty("id").GetString();
        var office = await ConsoleSignIn.SignInAsync(Host, "office");
        await SortsPagesAndExportsAsync(office, path, "data-inspection", key, "");
        // The same inspections as the API's list held to the campaign.
        var fromApi = JsonDocument.Parse(await (await As("office")).GetStringAsync(
            $"/api/inspections?campaign={fireworks.GetProperty("id").GetString()}&pageSize=200")).RootElement;
        Assert.Equal(fromApi.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).Order(),
            RowIds(await office.GetStringAsync(path + "?size=200"), "data-inspection").Order());
    }

    /// <summary>The campaigns sort, page and export like every list (two more campaigns make three at least), in the API's order.</summary>
    [Theory]
    [InlineData("name")]
    [InlineData("inspections")]
    [InlineData("department")]
    public async Task TheCampaignListSortsPagesAndExportsItsRows(string key)
    {
        var api = await As("office");
        var fireworks = JsonDocument.Parse(await api.GetStringAsync("/api/campaigns")).RootElement.EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == Entrust.Web.Features.Demo.DemoInspections.CampaignName);
        for (var i = 0; i < 2; i++)
        {
            using var created = await api.PostAsJsonAsync("/api/campaigns", new
            {
                departmentId = fireworks.GetProperty("departmentId").GetString(),
                name = "列表专项" + Guid.NewGuid().ToString("N")[..6],
                startsOn = "2026-07-01",
                endsOn = "2026-07-31",
                matterIds = fireworks.GetProperty("matterIds"),
                townshipIds = fireworks.GetProperty("townshipIds"),
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        var office = await ConsoleSignIn.SignInAsync(Host, "office");
        await SortsPagesAndExportsAsync(office, "/Campaigns", "data-campaign", key, "");
        var fromApi = JsonDocument.Parse(await api.GetStringAsync($"/api/campaigns?sort=-{key}")).RootElement;
        Assert.Equal(fromApi.EnumerateArray().Select(c => c.GetProperty("id").GetString()!).Take(200),
            RowIds(await office.GetStringAsync($"/Campaigns?sort=-{key}&size=200"), "data-campaign"));
    }

    /// <summary>
    /// A campaign's count is its list's rows (issue 18: the API said 7 where the page listed 11): both are <c>Campaign.Holds</c>, the
    /// re-inspections of its orders included, and the count says how many of them are re-inspections.
    /// </summary>
    [Fact]
    public async Task ACampaignsCountIsTheRowsItsPageLists()
    {
        var api = await As("office");
        var fireworks = JsonDocument.Parse(await api.GetStringAsync("/api/campaigns")).RootElement.EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == Entrust.Web.Features.Demo.DemoInspections.CampaignName);
        var id = fireworks.GetProperty("id").GetString();
        var page = await (await ConsoleSignIn.SignInAsync(Host, "office")).GetStringAsync($"/Campaigns/Detail/{id}?size=200");
        var listed = RowIds(page, "data-inspection");
        Assert.Equal(int.Parse(Total().Match(page).Groups[1].Value), listed.Count);
        Assert.Equal(listed.Count, fireworks.GetProperty("inspections").GetInt32());
        var items = JsonDocument.Parse(await api.GetStringAsync($"/api/inspections?campaign={id}&pageSize=200")).RootElement
            .GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(listed.Order(), items.Select(i => i.GetProperty("id").GetString()!).Order());
        var again = items.Count(i => i.GetProperty("reinspectionOfOrderId").ValueKind == JsonValueKind.String);
        Assert.True(again > 0, "the demo campaign's orders were re-inspected");
        Assert.Equal(again, fireworks.GetProperty("reinspections").GetInt32());
    }

    /// <summary>A month's reports sort, page and export like every list, in the API's order.</summary>
    [Theory]
    [InlineData("township")]
    [InlineData("state")]
    [InlineData("department")]
    public async Task TheMonthlyReportListSortsPagesAndExportsTheFiltersRows(string key)
    {
        var office = await ConsoleSignIn.SignInAsync(Host, "office");
        await SortsPagesAndExportsAsync(office, "/Reports", "data-report", key, "month=2026-06");
        var fromApi = JsonDocument.Parse(await (await As("office")).GetStringAsync($"/api/reports?month=2026-06&sort=-{key}")).RootElement;
        Assert.Equal(fromApi.EnumerateArray().Select(r => r.GetProperty("id").GetString()!).Take(200),
            RowIds(await office.GetStringAsync($"/Reports?month=2026-06&sort=-{key}&size=200"), "data-report"));
    }

    /// <summary>The townships' scope requests (a table of the /Scope page) sort, page and export like every list, in the API's order.</summary>
    [Theory]
    [InlineData("requested")]
    [InlineData("township")]
    [InlineData("state")]
    public async Task TheScopeRequestListSortsPagesAndExportsItsRows(string key)
    {
        using var asked = await (await As("town.xiema")).PostAsJsonAsync("/api/scope-requests",
            new { requestedPower = "列表测试的职权" + Guid.NewGuid().ToString("N")[..6], reason = "排序测试" });
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        var office = await ConsoleSignIn.SignInAsync(Host, "office");
        await SortsPagesAndExportsAsync(office, "/Scope", "data-id", key, "", table: "requests");
        var fromApi = JsonDocument.Parse(await (await As("office")).GetStringAsync($"/api/scope-requests?sort=-{key}")).RootElement;
        var page = await office.GetStringAsync($"/Scope?sort=-{key}&size=200");
        Assert.Equal(fromApi.EnumerateArray().Select(r => r.GetProperty("id").GetString()!).Take(200),
            RowIds(page[page.IndexOf("id=\"requests\"", StringComparison.Ordinal)..], "data-id"));
    }

    [Fact]
    public async Task TheMatterCatalogueShowsTheApisRowsInTheApisOrder()
    {
        var office = await ConsoleSignIn.SignInAsync(Host, "office");
        var api = await As("office");
        foreach (var sort in new[] { "-name", "department", "-code" })
        {
            var fromApi = JsonDocument.Parse(await api.GetStringAsync($"/api/matters?q=198-&sort={sort}&pageSize=200")).RootElement;
            var expected = fromApi.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToList();
            Assert.True(expected.Count >= 3);
            Assert.Equal(expected, RowIds(await office.GetStringAsync($"/Catalog/Matters?q=198-&sort={sort}&size=200"), "data-id"));
        }
        // The API's page past the last is empty (a client paging on stops); the console's is the last.
        var past = JsonDocument.Parse(await api.GetStringAsync("/api/matters?q=198-&pageSize=1&page=999")).RootElement;
        Assert.Empty(past.GetProperty("items").EnumerateArray());
        var total = past.GetProperty("total").GetInt32();
        Assert.Contains($"aria-current=\"page\">{total}<", await office.GetStringAsync("/Catalog/Matters?q=198-&size=1&page=999"));
    }

    [Fact]
    public async Task AFilteredListPagesAndExportsTheApisRows()
    {
        var office = await ConsoleSignIn.SignInAsync(Host, "office");
        var api = await As("office");
        var fromApi = JsonDocument.Parse(await api.GetStringAsync($"/api/agreements?township={Ids.Xiema}&pageSize=200")).RootElement;
        var expected = fromApi.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).Order().ToList();
        Assert.NotEmpty(expected);

        var page = await office.GetStringAsync($"/Agreements?township={Ids.Xiema}&sort=-mode&size=200");
        Assert.Equal(expected, RowIds(page, "data-id").Order());
        using var xlsx = await office.GetAsync($"/Agreements?township={Ids.Xiema}&sort=-mode&handler=Export");
        var rows = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()).Query(useHeaderRow: false).Skip(3).Count();
        Assert.Equal(expected.Count, rows);

        // A page past the last is the last; the pager keeps the filter and the order in its links and its jump form.
        var past = await office.GetStringAsync($"/Agreements?township={Ids.Xiema}&sort=-mode&size=1&page=999");
        Assert.Contains($"aria-current=\"page\">{expected.Count}<", past);
        Assert.Contains("name=\"sort\" value=\"-mode\"", past);
        Assert.Contains($"name=\"township\" value=\"{Ids.Xiema}\"", past);
    }

    /// <summary>
    /// A page past the middle (read from the end in the reverse order) holds the rows that order puts there: the last page of 7 is
    /// the reverse of the first rows of the opposite order, and a page just past the middle continues the one before it. By a name
    /// too (a page found by ordered lookups).
    /// </summary>
    [Theory]
    [InlineData("started")]
    [InlineData("-started")]
    [InlineData("matter")]
    [InlineData("-township")]
    [InlineData("targets")]
    [InlineData("-targets")]
    public async Task TheInspectionListsPagesPastTheMiddleAreTheOrdersRows(string key)
    {
        var office = await ConsoleSignIn.SignInAsync(Host, "office");
        var reverse = key.StartsWith('-') ? key[1..] : "-" + key;
        var whole = await office.GetStringAsync($"/Inspections?sort={key}&size=100");
        var total = int.Parse(Total().Match(whole).Groups[1].Value);
        Assert.True(total > 14, $"{total} inspections: too few to page");
        var pages = (total + 6) / 7;
        var last = RowIds(await office.GetStringAsync($"/Inspections?sort={key}&size=7&page={pages}"), "data-inspection");
        var fromTheEnd = RowIds(await office.GetStringAsync($"/Inspections?sort={reverse}&size=100"), "data-inspection");
        Assert.Equal(fromTheEnd.Take(total - (pages - 1) * 7).Reverse(), last);
        // The first page past the middle (its first row's index over half the rows).
        var middle = total / 14 + 2;
        if (total <= 100 && middle < pages)
        {
            var all = RowIds(whole, "data-inspection");
            Assert.Equal(all.Skip((middle - 1) * 7).Take(7),
                RowIds(await office.GetStringAsync($"/Inspections?sort={key}&size=7&page={middle}"), "data-inspection"));
        }
    }

    private static List<string> RowIds(string html, string attribute) =>
        [.. Regex.Matches(Body().Match(html).Groups[1].Value, attribute + "=\"([^\"]+)\"").Select(m => m.Groups[1].Value)];

    /// <summary>The first cell's text of each row, as the export's first column starts it.</summary>
    private static List<string> FirstCells(string html, string attribute) =>
        [.. Regex.Matches(Body().Match(html).Groups[1].Value, "<tr " + attribute + "=\"[^\"]+\"[^>]*>(.*?)</tr>", RegexOptions.Singleline)
            .Select(m => WebUtility.HtmlDecode(Space().Replace(Tag().Replace(Cell().Match(m.Groups[1].Value).Groups[1].Value, ""), " ").Trim()))];
}

[Collection(SqliteCollection.Name)]
public sealed class ListPagesTests_Sqlite(SqliteHost host) : ListPagesTests(host);

[Collection(PostgresCollection.Name)]
public sealed class ListPagesTests_Postgres(PostgresHost host) : ListPagesTests(host);
