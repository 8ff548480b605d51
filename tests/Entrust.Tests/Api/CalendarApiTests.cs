using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entrust.Tests.Hosting;

namespace Entrust.Tests.Api;

/// <summary>GET/PUT /api/holidays/{year}, GET /api/workdays/add: the district's holiday calendar and the working-day calculator.</summary>
public abstract class CalendarApiTests(HostFixture host) : ApiTest(host)
{
    private static string[] Dates(JsonElement schedule, string property) =>
        schedule.GetProperty(property).EnumerateArray().Select(d => d.GetString()!).ToArray();

    private static string[] Range(string first, int days) =>
        Enumerable.Range(0, days).Select(i => DateOnly.Parse(first).AddDays(i).ToString("yyyy-MM-dd")).ToArray();

    [Fact]
    public async Task TheDemoDistrictKeepsTheOfficial2026Schedule()
    {
        var schedule = await (await As("town.xiema")).GetAsync("/api/holidays/2026").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2026, schedule.GetProperty("year").GetInt32());
        Assert.All(Range("2026-10-01", 7), d => Assert.Contains(d, Dates(schedule, "holidays")));
        Assert.Contains("2026-10-10", Dates(schedule, "workdays"));
        Assert.Contains("2026-09-20", Dates(schedule, "workdays"));
        Assert.DoesNotContain("2026-10-08", Dates(schedule, "holidays"));
    }

    [Fact]
    public async Task SevenWorkingDaysFromTheThirtiethOfSeptemberEndOnTheFifteenthOfOctober()
    {
        var result = await (await As("officer.xiema")).GetAsync("/api/workdays/add?from=2026-09-30&days=7").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("2026-10-15", result.Str("date"));
        Assert.Equal("2026-09-30", result.Str("from"));
        Assert.Equal(7, result.GetProperty("days").GetInt32());
        Assert.Empty(result.GetProperty("yearsWithoutCalendar").EnumerateArray());
    }

    [Fact]
    public async Task ADistrictWithoutAScheduleCountsTheStatutoryHolidaysAndSaysSo()
    {
        var office2 = await As("office2");
        var schedule = await office2.GetAsync("/api/holidays/2026").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(Dates(schedule, "holidays"));
        Assert.Empty(Dates(schedule, "workdays"));

        var result = await office2.GetAsync("/api/workdays/add?from=2026-09-30&days=7").ExpectAsync(HttpStatusCode.OK);
        // Only the statutory 1 and 2 October (Thursday, Friday) are known to be off: the result is provisional and says which year.
        Assert.Equal("2026-10-13", result.Str("date"));
        Assert.Equal([2026], result.GetProperty("yearsWithoutCalendar").EnumerateArray().Select(y => y.GetInt32()).ToArray());
    }

    [Fact]
    public async Task TheOfficeKeepsAYearAndTheCalculatorUsesItAtOnce()
    {
        var office = await As("office");
        var before = await office.GetAsync("/api/workdays/add?from=2031-09-30&days=7").ExpectAsync(HttpStatusCode.OK);
        // Not kept: 1–3 October 2031 (Wednesday to Friday), the statutory days, are off and nothing else.
        Assert.Equal("2031-10-14", before.Str("date"));
        Assert.Contains(2031, before.GetProperty("yearsWithoutCalendar").EnumerateArray().Select(y => y.GetInt32()));

        var saved = await office.PutAsJsonAsync("/api/holidays/2031",
            new { holidays = Range("2031-10-01", 7), workdays = new[] { "2031-09-27", "2031-10-11" } }).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(Range("2031-10-01", 7), Dates(saved, "holidays"));
        Assert.Equal(["2031-09-27", "2031-10-11"], Dates(saved, "workdays"));
        var read = await (await As("auditor")).GetAsync("/api/holidays/2031").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(Range("2031-10-01", 7), Dates(read, "holidays"));
        var after = await office.GetAsync("/api/workdays/add?from=2031-09-30&days=7").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("2031-10-15", after.Str("date"));
        Assert.DoesNotContain(2031, after.GetProperty("yearsWithoutCalendar").EnumerateArray().Select(y => y.GetInt32()));

        var audit = await (await As("admin")).GetAsync("/api/audit?entity=CalendarDay&user=office&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(audit.Items(), e => e.Str("action") == "Added" && e.Str("after").Contains("2031-10-11"));
    }

    [Fact]
    public async Task SavingAYearReplacesItsSchedule()
    {
        var office = await As("office");
        await office.PutAsJsonAsync("/api/holidays/2035", new { holidays = Range("2035-10-01", 7), workdays = Array.Empty<string>() })
            .ExpectStatusAsync(HttpStatusCode.OK);
        var replaced = await office.PutAsJsonAsync("/api/holidays/2035", new { holidays = new[] { "2035-01-01" } })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["2035-01-01"], Dates(replaced, "holidays"));
        Assert.Empty(Dates(replaced, "workdays"));
    }

    [Fact]
    public async Task OneDistrictsCalendarDoesNotTouchAnothers()
    {
        await (await As("office2")).PutAsJsonAsync("/api/holidays/2034", new { holidays = new[] { "2034-10-02" } })
            .ExpectStatusAsync(HttpStatusCode.OK);
        var beibei = await (await As("office")).GetAsync("/api/holidays/2034").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(Dates(beibei, "holidays"));
    }

    [Theory]
    [InlineData("""{"holidays":[],"workdays":["2032-10-05"]}""", "Calendar.WorkdayNotWeekend", "2032-10-05")]
    [InlineData("""{"holidays":["2031-12-31"],"workdays":[]}""", "Calendar.WrongYear", "2031-12-31")]
    [InlineData("""{"holidays":["2032-10-01","2032-10-01"],"workdays":[]}""", "Calendar.Twice", "2032-10-01")]
    [InlineData("""{"holidays":["2032-10-02"],"workdays":["2032-10-02"]}""", "Calendar.Twice", "2032-10-02")]
    public async Task ABadScheduleIsRefusedAndWritesNothing(string body, string rule, string date)
    {
        var office = await As("office");
        var head = await AuditHeadAsync();

        var problem = await office.PutAsync("/api/holidays/2032", new StringContent(body, System.Text.Encoding.UTF8, "application/json"))
            .ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal(rule, problem.Code());
        Assert.Contains(date, problem.Str("detail"));
        Http.AssertChinese(problem.Str("detail"));
        var schedule = await office.GetAsync("/api/holidays/2032").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(Dates(schedule, "holidays"));
        Assert.Empty(Dates(schedule, "workdays"));
        Assert.Equal(head, await AuditHeadAsync());
    }

    [Theory]
    [InlineData("dept.safety")]
    [InlineData("town.xiema")]
    [InlineData("auditor")]
    public async Task OnlyTheOfficeAndTheAdminKeepTheCalendar(string userName)
    {
        await (await As(userName)).PutAsJsonAsync("/api/holidays/2026", new { holidays = Array.Empty<string>(), workdays = Array.Empty<string>() })
            .ExpectStatusAsync(HttpStatusCode.Forbidden);
        var schedule = await (await As("office")).GetAsync("/api/holidays/2026").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains("2026-10-01", Dates(schedule, "holidays"));
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(2101)]
    public async Task AYearOutsideTheCalendarsRangeIsAFieldError(int year)
    {
        var problem = await (await As("office")).GetAsync($"/api/holidays/{year}").ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["Year"], problem.ErrorFields());
        var put = await (await As("office")).PutAsJsonAsync($"/api/holidays/{year}", new { holidays = Array.Empty<string>() })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["Year"], put.ErrorFields());
    }

    [Theory]
    [InlineData("days=7", "From")]
    [InlineData("from=2026-09-30", "Days")]
    [InlineData("from=2026-09-30&days=-1", "Days")]
    [InlineData("from=2026-09-30&days=100000", "Days")]
    public async Task TheCalculatorNamesTheMissingOrBadField(string query, string field)
    {
        var zh = await (await As("office")).GetAsync($"/api/workdays/add?{query}").ExpectAsync(HttpStatusCode.BadRequest);
        var en = await (await As("office", "en")).GetAsync($"/api/workdays/add?{query}").ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal([field], zh.ErrorFields());
        Http.AssertChinese(zh.ErrorsFor(field)[0]);
        Http.AssertNotChinese(en.ErrorsFor(field)[0]);
    }

    [Fact]
    public async Task TheCalendarNeedsASignedInUser()
    {
        await Host.Anonymous().GetAsync("/api/holidays/2026").ExpectStatusAsync(HttpStatusCode.Unauthorized);
        await Host.Anonymous().GetAsync("/api/workdays/add?from=2026-09-30&days=7").ExpectStatusAsync(HttpStatusCode.Unauthorized);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CalendarApiTests_Sqlite(SqliteHost host) : CalendarApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class CalendarApiTests_Postgres(PostgresHost host) : CalendarApiTests(host);
