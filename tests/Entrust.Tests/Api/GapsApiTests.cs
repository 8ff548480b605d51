using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entrust.Tests.Hosting;
using Entrust.Web.Features.Audit;
using Entrust.Web.Features.Gaps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Entrust.Tests.Api;

/// <summary>
/// GET /api/gaps, POST /api/gaps/{id}/acknowledge|close, POST /api/gaps/scan, GET /api/gaps/scans, GET /api/workbench: both sides
/// see a gap (the township its own, the department those on its matters, the office its district), and the nightly job runs once.
/// The demo district's own records give the gaps: 歇马镇's requests for 森林防火 and 市政管理 have waited since June.
/// </summary>
public abstract class GapsApiTests(HostFixture host) : ApiTest(host)
{
    private async Task<List<JsonElement>> GapsAsync(string userName, string query = "") =>
        [.. (await (await As(userName)).GetAsync("/api/gaps?pageSize=200" + query).ExpectAsync(HttpStatusCode.OK)).Items()];

    private async Task<JsonElement> ScanAsync() =>
        Assert.Single((await (await As("office")).PostAsync("/api/gaps/scan", null).ExpectAsync(HttpStatusCode.OK)).EnumerateArray());

    /// <summary>The gap of 歇马镇's waiting request for <paramref name="power"/>, as the office sees it.</summary>
    private async Task<JsonElement> RequestGapAsync(string power)
    {
        await ScanAsync();
        return Assert.Single(await GapsAsync("office", "&kind=ScopeRequestUndecided"), g => g.Str("message").Contains(power));
    }

    /// <summary>The seed's gap shows on its own: 乡村道路 left dormant in townships, townships short of two holders, 歇马镇's requests.</summary>
    [Fact]
    public async Task TheDemoDistrictShowsTheSeedsGaps()
    {
        await ScanAsync();
        // By kind: other tests of the host open report drafts whose lateness adds gaps of other kinds.
        Assert.Contains(await GapsAsync("office", "&kind=DormantMatter"), g => g.GetProperty("matterName").GetString() == "乡村道路交通违法行为的处罚");
        Assert.NotEmpty(await GapsAsync("office", "&kind=NoQualifiedPair"));
        Assert.Equal(2, (await GapsAsync("office", "&kind=ScopeRequestUndecided")).Count(g => g.GetProperty("townshipId").GetGuid() == Ids.Xiema));
    }

    [Fact]
    public async Task ATownshipSeesOnlyItsOwnGaps()
    {
        await ScanAsync();

        var xiema = await GapsAsync("town.xiema");
        Assert.Contains(xiema, g => g.Str("kind") == "ScopeRequestUndecided");
        Assert.All(xiema, g => Assert.Equal(Ids.Xiema, g.GetProperty("townshipId").GetGuid()));
        var tiansheng = await GapsAsync("town.tiansheng");
        Assert.NotEmpty(tiansheng);
        Assert.All(tiansheng, g => Assert.Equal(Ids.Tiansheng, g.GetProperty("townshipId").GetGuid()));
        Assert.All(await GapsAsync("officer.xiema"), g => Assert.Equal(Ids.Xiema, g.GetProperty("townshipId").GetGuid()));

        var other = tiansheng[0].Id();
        await (await As("town.xiema")).GetAsync($"/api/gaps/{other}").ExpectStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ADepartmentSeesTheGapsOnItsMattersAndAnotherDistrictNone()
    {
        var fire = await RequestGapAsync("森林防火");
        Assert.Equal(Ids.Forestry, fire.GetProperty("departmentId").GetGuid());

        var forestry = await GapsAsync("dept.forestry");
        Assert.Contains(forestry, g => g.Id() == fire.Id());
        Assert.All(forestry, g => Assert.Equal(Ids.Forestry, g.GetProperty("departmentId").GetGuid()));
        Assert.DoesNotContain(await GapsAsync("dept.safety"), g => g.Id() == fire.Id());
        Assert.DoesNotContain(await GapsAsync("office2"), g => g.Id() == fire.Id());
        await (await As("office2")).GetAsync($"/api/gaps/{fire.Id()}").ExpectStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheTownshipAcknowledgesItsGapWithANoteAndAnotherTownshipCannot()
    {
        var fire = await RequestGapAsync("森林防火");

        await (await As("town.tiansheng")).PostAsJsonAsync($"/api/gaps/{fire.Id()}/acknowledge", new { note = "x" })
            .ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("auditor")).PostAsJsonAsync($"/api/gaps/{fire.Id()}/acknowledge", new { note = "x" })
            .ExpectStatusAsync(HttpStatusCode.Forbidden);
        if (fire.Str("state") == "Open")
        {
            var acknowledged = await (await As("town.xiema")).PostAsJsonAsync($"/api/gaps/{fire.Id()}/acknowledge", new { note = "已再次报请区司法局" })
                .ExpectAsync(HttpStatusCode.OK);
            Assert.Equal("Acknowledged", acknowledged.Str("state"));
            Assert.Equal("town.xiema", acknowledged.Str("acknowledgedBy"));
            Assert.Equal("已再次报请区司法局", acknowledged.Str("acknowledgementNote"));
        }
        var again = await (await As("town.xiema")).PostAsJsonAsync($"/api/gaps/{fire.Id()}/acknowledge", new { note = "再次" })
            .ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("Gap.WrongState", again.Code());

        // The condition still holds: the next scan leaves the acknowledgement as it is.
        await ScanAsync();
        Assert.Equal("Acknowledged", (await (await As("office")).GetAsync($"/api/gaps/{fire.Id()}").ExpectAsync(HttpStatusCode.OK)).Str("state"));
    }

    [Fact]
    public async Task OnlyTheOfficeClosesAGapAndOnlyWithAReason()
    {
        var municipal = await RequestGapAsync("市政管理");

        await (await As("town.xiema")).PostAsJsonAsync($"/api/gaps/{municipal.Id()}/close", new { reason = "不需要" })
            .ExpectStatusAsync(HttpStatusCode.Forbidden);
        if (municipal.Str("state") != "Closed")
        {
            var refused = await (await As("office")).PostAsJsonAsync($"/api/gaps/{municipal.Id()}/close", new { reason = " " })
                .ExpectAsync(HttpStatusCode.BadRequest);
            Assert.NotEmpty(refused.ErrorsFor("Reason"));
            Assert.Equal(municipal.Str("state"), (await (await As("office")).GetAsync($"/api/gaps/{municipal.Id()}").ExpectAsync(HttpStatusCode.OK)).Str("state"));

            var closed = await (await As("office")).PostAsJsonAsync($"/api/gaps/{municipal.Id()}/close", new { reason = "市政管理权限待市级统一调整" })
                .ExpectAsync(HttpStatusCode.OK);
            Assert.Equal("Closed", closed.Str("state"));
            Assert.Equal("office", closed.Str("closedBy"));
        }
        await ScanAsync();
        Assert.Equal("Closed", (await (await As("office")).GetAsync($"/api/gaps/{municipal.Id()}").ExpectAsync(HttpStatusCode.OK)).Str("state"));
    }

    [Fact]
    public async Task AScanRunAgainChangesNothingAndIsRecorded()
    {
        await ScanAsync();
        var second = await ScanAsync();

        Assert.True(second.GetProperty("found").GetInt32() > 0);
        Assert.Equal(0, second.GetProperty("opened").GetInt32());
        Assert.Equal(0, second.GetProperty("reopened").GetInt32());
        Assert.Equal(0, second.GetProperty("resolved").GetInt32());
        var scans = await (await As("office")).GetAsync("/api/gaps/scans").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(scans.EnumerateArray(), s => s.GetProperty("id").GetGuid() == second.GetProperty("scanId").GetGuid() && s.Str("trigger") == "manual");
        await (await As("town.xiema")).PostAsync("/api/gaps/scan", null).ExpectStatusAsync(HttpStatusCode.Forbidden);
        await (await As("dept.safety")).GetAsync("/api/gaps/scans").ExpectStatusAsync(HttpStatusCode.Forbidden);
    }

    /// <summary>A gap of 天生街道 left open and unacknowledged since a month ago escalates on the next scan: the office lists it and counts it.</summary>
    [Fact]
    public async Task AGapLeftUnacknowledgedEscalatesToTheOffice()
    {
        await ScanAsync();
        var gap = (await GapsAsync("town.tiansheng", "&state=Open")).First();
        var monthAgo = DateOnly.FromDateTime(Host.Clock.GetUtcNow().UtcDateTime.AddHours(8)).AddDays(-30);
        await Host.WithDbAsync(db => db.Gaps.IgnoreQueryFilters().Where(g => g.Id == gap.Id())
            .ExecuteUpdateAsync(u => u.SetProperty(g => g.OpenedOn, monthAgo)));

        var scan = await ScanAsync();

        Assert.True(scan.GetProperty("escalated").GetInt32() >= 1);
        var escalated = await GapsAsync("office", "&escalated=true");
        Assert.Contains(escalated, g => g.Id() == gap.Id());
        Assert.All(escalated, g => Assert.True(g.GetProperty("escalated").GetBoolean()));
        Assert.Contains(await GapsAsync("town.tiansheng", "&escalated=true"), g => g.Id() == gap.Id());
        Assert.Equal(0, (await ScanAsync()).GetProperty("escalated").GetInt32());
        var workbench = await (await As("office")).GetAsync("/api/workbench").ExpectAsync(HttpStatusCode.OK);
        var todo = Assert.Single(workbench.GetProperty("todos").EnumerateArray(), t => t.Str("key") == "GapsEscalated");
        Assert.True(todo.GetProperty("count").GetInt32() >= 1);
    }

    /// <summary>The office sets its district's figures; a figure out of range or an unknown domain changes nothing; others may not.</summary>
    [Fact]
    public async Task TheOfficeSetsTheScansFiguresWithinRange()
    {
        var office = await As("office");
        var before = await office.GetAsync("/api/gaps/settings").ExpectAsync(HttpStatusCode.OK);
        try
        {
            var set = await office.PutAsJsonAsync("/api/gaps/settings",
                new { dormantDays = 60, dormantDaysByDomain = new Dictionary<string, int> { ["forestry"] = 180 }, escalationWorkingDays = 3 })
                .ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(180, set.GetProperty("dormantDaysByDomain").GetProperty("forestry").GetInt32());

            var tooShort = await office.PutAsJsonAsync("/api/gaps/settings", new { dormantDays = 3, escalationWorkingDays = 3 })
                .ExpectAsync(HttpStatusCode.BadRequest);
            Http.AssertChinese(tooShort.Str("detail"));
            await office.PutAsJsonAsync("/api/gaps/settings", new { dormantDays = 60, escalationWorkingDays = 0 }).ExpectStatusAsync(HttpStatusCode.BadRequest);
            await office.PutAsJsonAsync("/api/gaps/settings", new { dormantDays = 60, dormantDaysByDomain = new Dictionary<string, int> { ["x"] = 30 } })
                .ExpectStatusAsync(HttpStatusCode.BadRequest);
            await (await As("dept.forestry")).PutAsJsonAsync("/api/gaps/settings", new { dormantDays = 30 }).ExpectStatusAsync(HttpStatusCode.Forbidden);

            var read = await office.GetAsync("/api/gaps/settings").ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(60, read.GetProperty("dormantDays").GetInt32());
            Assert.Equal(3, read.GetProperty("escalationWorkingDays").GetInt32());
            Assert.Equal(90, (await (await As("office2")).GetAsync("/api/gaps/settings").ExpectAsync(HttpStatusCode.OK)).GetProperty("dormantDays").GetInt32());
        }
        finally
        {
            await office.PutAsJsonAsync("/api/gaps/settings", before).ExpectStatusAsync(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task EachRoleHasItsWorkbench()
    {
        await ScanAsync();

        var office = await (await As("office")).GetAsync("/api/workbench").ExpectAsync(HttpStatusCode.OK);
        var review = Assert.Single(office.GetProperty("todos").EnumerateArray(), t => t.Str("key") == "AgreementsToReview");
        Assert.True(review.GetProperty("count").GetInt32() >= 2); // 卫生 and 农委's agreements with 歇马镇 wait for review
        Assert.Equal("/Agreements?State=Submitted", review.Str("link"));
        Assert.Equal(Enum.GetValues<GapKind>().Length, office.GetProperty("openGapsByKind").GetArrayLength());
        Assert.Contains(office.GetProperty("openGapsByKind").EnumerateArray(), k => k.Str("kind") == "NoDocking" && k.GetProperty("count").GetInt32() > 0);

        var township = await (await As("town.xiema")).GetAsync("/api/workbench").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(township.GetProperty("todos").EnumerateArray(), t => t.Str("key") == "RectificationsOverdue");
        Assert.All(township.GetProperty("openGaps").EnumerateArray(), g => Assert.Equal(Ids.Xiema, g.GetProperty("townshipId").GetGuid()));

        var department = await (await As("dept.forestry")).GetAsync("/api/workbench").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(department.GetProperty("todos").EnumerateArray(), t => t.Str("key") == "DraftsToSubmit");
        Assert.All(department.GetProperty("openGaps").EnumerateArray(), g => Assert.Equal(Ids.Forestry, g.GetProperty("departmentId").GetGuid()));

        var officer = await (await As("officer.xiema")).GetAsync("/api/workbench").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(officer.GetProperty("todos").EnumerateArray(), t => t.Str("key") == "CertificatesExpiring");
        Assert.Empty(officer.GetProperty("openGaps").EnumerateArray());
    }

    /// <summary>
    /// The workbench's 12-week trend: consecutive Mondays ending this week's, each week's gaps opened and cleared equal to the
    /// township's own gaps counted from the records (one of them moved back three weeks); the officer has no trend.
    /// </summary>
    [Fact]
    public async Task TheWorkbenchTrendCountsEachWeeksGapsFromTheRecords()
    {
        await ScanAsync();
        var today = DateOnly.FromDateTime(Host.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var gap = (await GapsAsync("town.tiansheng", "&state=Open")).Last();
        await Host.WithDbAsync(db => db.Gaps.IgnoreQueryFilters().Where(g => g.Id == gap.Id())
            .ExecuteUpdateAsync(u => u.SetProperty(g => g.OpenedOn, monday.AddDays(-20))));

        var workbench = await (await As("town.tiansheng")).GetAsync("/api/workbench").ExpectAsync(HttpStatusCode.OK);

        var trend = workbench.GetProperty("trend").EnumerateArray().ToList();
        Assert.Equal(Workbench.TrendWeeks, trend.Count);
        Assert.Equal(monday, DateOnly.Parse(trend[^1].Str("monday")!));
        Assert.All(trend.Zip(trend.Skip(1)), p => Assert.Equal(DateOnly.Parse(p.First.Str("monday")!).AddDays(7), DateOnly.Parse(p.Second.Str("monday")!)));
        var first = DateOnly.Parse(trend[0].Str("monday")!);
        var gaps = await Host.WithDbAsync(db => db.Gaps.IgnoreQueryFilters().Where(g => g.TownshipId == Ids.Tiansheng)
            .Select(g => new { g.OpenedOn, Cleared = g.ClosedOn ?? g.ResolvedOn }).ToListAsync());
        foreach (var week in trend)
        {
            var from = DateOnly.Parse(week.Str("monday")!);
            Assert.Equal(gaps.Count(g => g.OpenedOn >= from && g.OpenedOn < from.AddDays(7)), week.GetProperty("opened").GetInt32());
            Assert.Equal(gaps.Count(g => g.Cleared >= from && g.Cleared < from.AddDays(7)), week.GetProperty("cleared").GetInt32());
        }
        Assert.True(trend[^4].GetProperty("opened").GetInt32() >= 1);
        Assert.True(first <= monday.AddDays(-20));
        var officer = await (await As("officer.xiema")).GetAsync("/api/workbench").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(officer.GetProperty("trend").EnumerateArray());
    }

    /// <summary>The scheduled job, fired once by hand: it scans every district (on PostgreSQL through the clustered store).</summary>
    [Fact]
    public async Task TheNightlyJobScansEveryDistrict()
    {
        await RunJobAsync(GapScanJob.Key);
        var scans = await (await As("office")).GetAsync("/api/gaps/scans").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(scans.EnumerateArray(), s => s.Str("trigger") == "nightly" && s.GetProperty("error").ValueKind == JsonValueKind.Null);
        var second = await (await As("office2")).GetAsync("/api/gaps/scans").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(second.EnumerateArray(), s => s.Str("trigger") == "nightly" && s.GetProperty("districtId").GetGuid() == Ids.Second);
    }

    /// <summary>
    /// The minute's scan takes only the districts whose records changed since their last scan: after a scan, with the trail
    /// sealed, it scans nothing (its own gaps do not count); one change of 北碚区's records and it scans 北碚区 alone.
    /// </summary>
    [Fact]
    public async Task TheMinuteScanTakesOnlyTheDistrictsThatChanged()
    {
        Task<Dictionary<Guid, Guid>> ScansAsync() => Host.WithDbAsync(db =>
            db.GapScans.IgnoreQueryFilters().Where(s => s.Trigger == "changes").ToDictionaryAsync(s => s.Id, s => s.DistrictId));
        await Host.WithDbAsync(db => AuditSealer.SealAsync(db));
        await RunJobAsync(GapChangesJob.Key);
        await Host.WithDbAsync(db => AuditSealer.SealAsync(db));
        var before = await ScansAsync();

        await RunJobAsync(GapChangesJob.Key);
        Assert.Equal(before.Count, (await ScansAsync()).Count);

        var office = await As("office");
        var settings = await office.GetAsync("/api/gaps/settings").ExpectAsync(HttpStatusCode.OK);
        var days = settings.GetProperty("escalationWorkingDays").GetInt32();
        try
        {
            await office.PutAsJsonAsync("/api/gaps/settings", new { dormantDays = settings.GetProperty("dormantDays").GetInt32(), escalationWorkingDays = days + 1 })
                .ExpectAsync(HttpStatusCode.OK);
            await RunJobAsync(GapChangesJob.Key);
            var added = (await ScansAsync()).Where(s => !before.ContainsKey(s.Key)).Select(s => s.Value);
            Assert.Equal([Ids.Beibei], added);
        }
        finally
        {
            await office.PutAsJsonAsync("/api/gaps/settings", new { dormantDays = settings.GetProperty("dormantDays").GetInt32(), escalationWorkingDays = days })
                .ExpectAsync(HttpStatusCode.OK);
        }
    }

    private async Task RunJobAsync(JobKey job)
    {
        var scheduler = await Host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var listener = new JobDone();
        scheduler.ListenerManager.AddJobListener(listener, [Matchers.Key(job)]);
        try
        {
            await scheduler.TriggerJob(job);
            Assert.Null(await listener.Finished.Task.WaitAsync(TimeSpan.FromMinutes(2)));
        }
        finally
        {
            scheduler.ListenerManager.RemoveJobListener(listener.Name);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class GapsApiTests_Sqlite(SqliteHost host) : GapsApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class GapsApiTests_Postgres(PostgresHost host) : GapsApiTests(host);
