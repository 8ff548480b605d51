using System.Net;
using System.Net.Http.Json;
using Entrust.Tests.Hosting;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Entrust.Tests.Api;

/// <summary>
/// 等保 defect 4: a date at the calendar's ends (9999-12-31, 0001-01-01) in a query or a body answered 500. Every date that
/// comes in is checked against one range (<see cref="InputDates"/>: 1900-01-01 to 2099-12-31) before the handler runs: a
/// 400 naming the field in the caller's language, nothing written; a page draws the refusal instead of failing.
/// </summary>
public abstract class EdgeDatesTests(HostFixture host) : ApiTest(host)
{
    public static readonly TheoryData<string> Edges = new() { "9999-12-31", "0001-01-01" };

    private static void AssertRefused(System.Text.Json.JsonElement problem, string field, string day)
    {
        Assert.Equal("Validation.DateOutOfRange", problem.Code());
        Assert.Contains(day, problem.Str("detail"));
        Assert.Single(problem.ErrorsFor(field));
    }

    [Theory]
    [MemberData(nameof(Edges))]
    public async Task QueriesWithADateAtTheCalendarsEndsAre400(string day)
    {
        var office = await As("office");
        var auditor = await As("auditor");
        var township = (await CreateTownshipAsync()).Id();
        var matter = (await CreateMatterAsync(Ids.Safety)).Id();
        var officer = (await office.GetAsync("/api/officers?pageSize=1").ExpectAsync(HttpStatusCode.OK)).Items().First().Id();

        AssertRefused(await office.GetAsync($"/api/workdays/add?from={day}&days=5").ExpectAsync(HttpStatusCode.BadRequest), "From", day);
        AssertRefused(await auditor.GetAsync($"/api/audit?from={day}").ExpectAsync(HttpStatusCode.BadRequest), "From", day);
        AssertRefused(await auditor.GetAsync($"/api/audit?to={day}").ExpectAsync(HttpStatusCode.BadRequest), "To", day);
        AssertRefused(await office.GetAsync($"/api/inspections?month={day[..7]}").ExpectAsync(HttpStatusCode.BadRequest), "Month", day[..7]);
        AssertRefused(await office.GetAsync($"/api/matrix?township={township}&date={day}").ExpectAsync(HttpStatusCode.BadRequest), "Date", day);
        AssertRefused(await office.GetAsync($"/api/entitlements?township={township}&matter={matter}&date={day}")
            .ExpectAsync(HttpStatusCode.BadRequest), "Date", day);
        AssertRefused(await office.GetAsync($"/api/officers/{officer}/may-act?matter={matter}&township={Ids.Xiema}&date={day}")
            .ExpectAsync(HttpStatusCode.BadRequest), "Date", day);

        // The last day of the range still answers.
        await office.GetAsync("/api/workdays/add?from=2099-12-01&days=5").ExpectAsync(HttpStatusCode.OK);
        await office.GetAsync("/api/inspections?month=2099-12").ExpectAsync(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Edges))]
    public async Task BodiesWithADateAtTheCalendarsEndsAre400AndWriteNothing(string day)
    {
        var office = await As("office");
        var head = await AuditHeadAsync();
        var name = "边界日期培训班" + UniqueCode("");

        var training = await office.PostAsJsonAsync("/api/training-classes", new
        {
            name,
            startsOn = day,
            endsOn = day,
            venue = "区委党校",
            teachers = "李老师",
            dailyParts = new[] { "Morning" },
        }).ExpectAsync(HttpStatusCode.BadRequest);
        AssertRefused(training, "StartsOn", day);
        Assert.Equal(0, (await office.GetAsync($"/api/training-classes?q={name}").ExpectAsync(HttpStatusCode.OK)).Total());

        var training2 = await office.PostAsJsonAsync("/api/training-classes", new
        {
            name,
            startsOn = "2026-11-01",
            endsOn = "2026-11-02",
            venue = "区委党校",
            teachers = "李老师",
            sessions = new[] { new { date = day, part = "Morning" } },
        }).ExpectAsync(HttpStatusCode.BadRequest);
        AssertRefused(training2, "Sessions[0].Date", day);

        var campaign = await (await As("dept.forestry")).PostAsJsonAsync("/api/campaigns", new
        {
            name = "边界日期专项" + UniqueCode(""),
            startsOn = "2026-11-01",
            endsOn = day,
            matterIds = Array.Empty<Guid>(),
        }).ExpectAsync(HttpStatusCode.BadRequest);
        AssertRefused(campaign, "EndsOn", day);

        var inspection = await (await As("town.xiema")).PostAsJsonAsync("/api/inspections", new
        {
            startedAt = day + "T10:00:00+08:00",
            township = Ids.Xiema,
        }).ExpectAsync(HttpStatusCode.BadRequest);
        AssertRefused(inspection, "StartedAt", day);

        // A nested list: the instalments of a payment plan, named by their place.
        var plan = await (await As("town.xiema")).PostAsJsonAsync($"/api/cases/{Guid.NewGuid()}/payment-plan", new
        {
            appliedOn = "2026-11-01",
            reason = "困难",
            instalments = new[] { new { dueOn = "2026-12-01", amount = 100 }, new { dueOn = day, amount = 100 } },
        }).ExpectAsync(HttpStatusCode.BadRequest);
        AssertRefused(plan, "Instalments[1].DueOn", day);

        Assert.Equal(head, await AuditHeadAsync());
    }

    [Fact]
    public async Task TheRefusalIsInTheCallersLanguage()
    {
        var english = await As("office", "en");
        var problem = await english.GetAsync("/api/workdays/add?from=9999-12-31&days=5").ExpectAsync(HttpStatusCode.BadRequest);
        Http.AssertNotChinese(problem.Str("detail"));
        Http.AssertChinese((await (await As("office")).GetAsync("/api/workdays/add?from=9999-12-31&days=5")
            .ExpectAsync(HttpStatusCode.BadRequest)).Str("detail"));
    }

    [Theory]
    [InlineData("/Audit?from=9999-12-31", "auditor", "9999-12-31")]
    [InlineData("/Audit?to=0001-01-01", "auditor", "0001-01-01")]
    [InlineData("/Catalog/Holidays?from=9999-12-31&days=5", "office", "9999-12-31")]
    [InlineData("/Inspections?month=9999-12", "office", "9999-12")]
    [InlineData("/Agreements/Matrix?date=0001-01-01", "office", "0001-01-01")]
    [InlineData("/Officers/Detail?date=9999-12-31", "office", "9999-12-31")]
    public async Task APageShowsTheRefusalInsteadOfFailing(string path, string userName, string day)
    {
        var console = await ConsoleSignIn.SignInAsync(Host, userName);
        using var page = await console.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(day, html);
        Assert.Contains("超出可受理的范围", html);
    }

    [Fact]
    public async Task AFormWithADateAtTheCalendarsEndIsRefusedAndWritesNothing()
    {
        var console = await ConsoleSignIn.SignInAsync(Host, "office");
        var head = await AuditHeadAsync();
        var form = await console.GetStringAsync("/Training/Edit");
        var name = "边界日期表单" + UniqueCode("");
        using var posted = await console.PostAsync("/Training/Edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.StartsOn"] = "9999-12-31",
            ["Input.EndsOn"] = "9999-12-31",
            ["Input.Venue"] = "区委党校",
            ["Input.Teachers"] = "李老师",
            ["Input.DailyParts"] = "Morning",
            ["__RequestVerificationToken"] = ConsoleSignIn.Antiforgery(form),
        }));
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains("9999-12-31", await posted.Content.ReadAsStringAsync());
        Assert.Equal(head, await AuditHeadAsync());
    }

    [Fact]
    public void EveryApiEndpointIsMappedThroughTheDateCheck()
    {
        var endpoints = Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .ToList();
        Assert.NotEmpty(endpoints);
        Assert.All(endpoints, e => Assert.True(e.Metadata.GetMetadata<InputDates.Marker>() is not null,
            $"{e.RoutePattern.RawText} is mapped outside the date-checking group in Program.cs"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class EdgeDatesTests_Sqlite(SqliteHost host) : EdgeDatesTests(host);

[Collection(PostgresCollection.Name)]
public sealed class EdgeDatesTests_Postgres(PostgresHost host) : EdgeDatesTests(host);
