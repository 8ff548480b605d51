using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Entrust.Tests.Hosting;
using Entrust.Web.Features.Meetings;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Days = Entrust.Web.Features.Calendar.WorkingDayCalendar;

namespace Entrust.Tests.Api;

/// <summary>
/// The console's meeting pages as a browser drives them: the office sees the list, the meeting with its pack and downloads, and
/// the members; the owner closes an action item on the page (refused without evidence, the message beside the field); a township
/// not invited gets 404.
/// </summary>
public abstract partial class MeetingPagesTests(HostFixture host) : ApiTest(host)
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    /// <summary>The daily job, fired once by hand: the next monthly meeting is proposed on the usual day (20 December 2026 is a Sunday).</summary>
    [Fact]
    public async Task TheScheduleProposesTheNextMonthlyMeeting()
    {
        var scheduler = await Host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var listener = new JobDone();
        scheduler.ListenerManager.AddJobListener(listener, [Matchers.Key(MeetingScheduleJob.Key)]);
        try
        {
            await scheduler.TriggerJob(MeetingScheduleJob.Key);
            Assert.Null(await listener.Finished.Task.WaitAsync(TimeSpan.FromMinutes(2)));
        }
        finally
        {
            scheduler.ListenerManager.RemoveJobListener(listener.Name);
        }
        var december = (await (await As("office")).GetAsync("/api/meetings?kind=Monthly&from=2026-12-01&to=2026-12-31").ExpectAsync(HttpStatusCode.OK)).Items().ToList();
        var proposed = Assert.Single(december);
        Assert.Equal("2026-12-21", proposed.Str("day"));
        Assert.Equal("Planned", proposed.Str("state"));
        Assert.Empty((await (await As("office2")).GetAsync("/api/meetings?kind=Monthly&from=2026-12-01").ExpectAsync(HttpStatusCode.OK)).Items());
    }

    [Fact]
    public void TheNoticeIsDueNWorkingDaysAhead()
    {
        // Monday 21 December 2026: three working days ahead is Wednesday the 16th.
        var meeting = new Meeting(Guid.NewGuid(), MeetingKind.Monthly, "例会", new DateOnly(2026, 12, 21), new TimeOnly(9, 30), "会议室", "主任",
            [new MeetingParticipant(null, null, null, "歇马镇", "周明")], "本月委托执法工作");
        Assert.False(meeting.NoticeDue(new DateOnly(2026, 12, 15), 3, Days.Empty));
        Assert.True(meeting.NoticeDue(new DateOnly(2026, 12, 16), 3, Days.Empty));
        meeting.Notify(new DateOnly(2026, 12, 16));
        Assert.False(meeting.NoticeDue(new DateOnly(2026, 12, 17), 3, Days.Empty));
    }

    [Fact]
    public async Task AMeetingIsReadAndItsItemClosedOnThePages()
    {
        var today = DateOnly.FromDateTime(Host.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        var api = await As("office");
        var meeting = await api.PostAsJsonAsync("/api/meetings", new
        {
            kind = "Special",
            title = "委托执法经费专题会",
            day = today,
            place = "区政府法制办会议室",
            chair = "区政府法制办主任",
            townshipIds = new[] { Ids.Xiema },
            departmentIds = new[] { Ids.Forestry },
        }).ExpectAsync(HttpStatusCode.Created);
        var id = meeting.Id();
        await api.PostAsJsonAsync($"/api/meetings/{id}/start", new { }).ExpectStatusAsync(HttpStatusCode.OK);
        var item = await api.PostAsJsonAsync($"/api/meetings/{id}/action-items",
            new { what = "歇马镇报送委托执法经费使用情况", townshipId = Ids.Xiema, dueOn = today.AddDays(10) }).ExpectAsync(HttpStatusCode.Created);

        var office = await ConsoleSignIn.SignInAsync(Host, "office");
        Assert.Contains("委托执法经费专题会", await office.GetStringAsync("/Meetings?q=" + Uri.EscapeDataString("经费专题")));
        Assert.Contains("data-menu=\"meetings\"", await office.GetStringAsync("/Meetings/Members"));
        var page = await office.GetStringAsync($"/Meetings/Detail/{id}");
        Assert.Contains("data-section=\"Gaps\"", page);
        foreach (var handler in new[] { "PackDocx", "MinutesDocx" })
        {
            using var file = await office.GetAsync($"/Meetings/Detail/{id}?handler={handler}");
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", file.Content.Headers.ContentType?.MediaType);
        }

        var township = await ConsoleSignIn.SignInAsync(Host, "town.xiema");
        var mine = await township.GetStringAsync($"/Meetings/Detail/{id}");
        Assert.Contains("歇马镇报送委托执法经费使用情况", mine);
        async Task<HttpResponseMessage> Done(string evidence) => await township.PostAsync($"/Meetings/Detail/{id}?handler=Done",
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.ItemId"] = item.Id().ToString(),
                ["Input.Evidence"] = evidence,
                ["__RequestVerificationToken"] = Token().Match(mine).Groups[1].Value,
            }));
        using (var refused = await Done(" "))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("field-error", await refused.Content.ReadAsStringAsync());
        }
        Assert.Contains((await (await As("office")).GetAsync("/api/action-items?open=true").ExpectAsync(HttpStatusCode.OK)).Items(), a => a.Id() == item.Id());
        using (var done = await Done("经费使用情况表已报送"))
        {
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        }
        Assert.DoesNotContain((await (await As("office")).GetAsync("/api/action-items?open=true").ExpectAsync(HttpStatusCode.OK)).Items(), a => a.Id() == item.Id());

        var other = await ConsoleSignIn.SignInAsync(Host, "town.tiansheng");
        using var hidden = await other.GetAsync($"/Meetings/Detail/{id}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    /// <summary>On the meeting's page a decision drafts a scope request: refused beside the field and nothing written, then drafted and linked.</summary>
    [Fact]
    public async Task ADecisionDraftsAScopeRequestOnThePage()
    {
        var today = DateOnly.FromDateTime(Host.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        var api = await As("office");
        var meeting = await api.PostAsJsonAsync("/api/meetings", new
        {
            kind = "Monthly",
            day = today,
            townshipIds = new[] { Ids.Xiema },
        }).ExpectAsync(HttpStatusCode.Created);
        var id = meeting.Id();
        var topic = meeting.GetProperty("topics")[0].Id();
        await api.PostAsJsonAsync($"/api/meetings/{id}/start", new { }).ExpectStatusAsync(HttpStatusCode.OK);
        var office = await ConsoleSignIn.SignInAsync(Host, "office");
        var page = await office.GetStringAsync($"/Meetings/Detail/{id}");
        Assert.Contains("id=\"start-scope-request\"", page);
        var power = "森林防火" + Guid.NewGuid().ToString("N")[..6];
        async Task<HttpResponseMessage> Post(string? township) => await office.PostAsync($"/Meetings/Detail/{id}?handler=ScopeRequest",
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.TopicId"] = topic.ToString(),
                ["Input.TownshipId"] = township ?? "",
                ["Input.RequestedPower"] = power,
                ["Input.Reason"] = "会议决定由歇马镇起草申请",
                ["Input.DueOn"] = today.AddDays(20).ToString("yyyy-MM-dd"),
                ["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value,
            }));
        using (var refused = await Post(null))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("field-error", await refused.Content.ReadAsStringAsync());
        }
        Assert.Empty((await api.GetAsync($"/api/action-items?meetingId={id}").ExpectAsync(HttpStatusCode.OK)).Items());
        Assert.DoesNotContain((await api.GetAsync("/api/scope-requests").ExpectAsync(HttpStatusCode.OK)).Items(), r => r.Str("requestedPower") == power);
        using (var done = await Post(Ids.Xiema.ToString()))
        {
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        }
        var item = Assert.Single((await api.GetAsync($"/api/action-items?meetingId={id}").ExpectAsync(HttpStatusCode.OK)).Items());
        var request = item.GetProperty("scopeRequestId").GetGuid();
        Assert.Contains((await api.GetAsync("/api/scope-requests").ExpectAsync(HttpStatusCode.OK)).Items(), r => r.Id() == request && r.Str("requestedPower") == power);
        Assert.Contains($"/Meetings/Detail/{id}#topic-{topic}", await office.GetStringAsync("/Scope"));
    }

    /// <summary>/Meetings/Settings: the office's figures saved as the API saves them; a bad figure refused beside its field, nothing written.</summary>
    [Fact]
    public async Task TheOfficeKeepsTheMeetingSettingsOnAPage()
    {
        var api = await As("office");
        var stored = await api.GetAsync("/api/meetings/settings").ExpectAsync(HttpStatusCode.OK);
        var office = await ConsoleSignIn.SignInAsync(Host, "office");
        var form = await office.GetStringAsync("/Meetings/Settings");
        Assert.Contains("data-menu=\"meeting-settings\"", form);
        Assert.Contains($"value=\"{stored.GetProperty("dayOfMonth").GetInt32()}\"", form);
        async Task<HttpResponseMessage> Post(string day, string notice, string place = "区政府三楼会议室") => await office.PostAsync("/Meetings/Settings",
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.DayOfMonth"] = day,
                ["Input.Time"] = "14:30",
                ["Input.Place"] = place,
                ["Input.Chair"] = "区司法局局长",
                ["Input.NoticeWorkingDays"] = notice,
                ["__RequestVerificationToken"] = Token().Match(form).Groups[1].Value,
            }));
        try
        {
            foreach (var (day, notice, place, field) in new[] { ("31", "3", "会议室", "DayOfMonth"), ("15", "0", "会议室", "NoticeWorkingDays"), ("15", "3", " ", "Place"), ("x", "3", "会议室", "DayOfMonth") })
            {
                using var refused = await Post(day, notice, place);
                Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
                var html = await refused.Content.ReadAsStringAsync();
                Assert.Matches($"data-for=\"{field}\">[^<]+<", html);
                Assert.Equal(stored.GetRawText(), (await api.GetAsync("/api/meetings/settings").ExpectAsync(HttpStatusCode.OK)).GetRawText());
            }
            using (var saved = await Post("15", "5"))
            {
                Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            }
            var now = await api.GetAsync("/api/meetings/settings").ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(15, now.GetProperty("dayOfMonth").GetInt32());
            Assert.Equal(5, now.GetProperty("noticeWorkingDays").GetInt32());
            Assert.Equal("14:30:00", now.Str("time"));
            Assert.Equal("区司法局局长", now.Str("chair"));
        }
        finally
        {
            await api.PutAsJsonAsync("/api/meetings/settings", new
            {
                dayOfMonth = stored.GetProperty("dayOfMonth").GetInt32(),
                time = stored.Str("time"),
                place = stored.Str("place"),
                chair = stored.Str("chair"),
                noticeWorkingDays = stored.GetProperty("noticeWorkingDays").GetInt32(),
            }).ExpectStatusAsync(HttpStatusCode.OK);
        }

        var township = await ConsoleSignIn.SignInAsync(Host, "town.xiema");
        using var denied = await township.GetAsync("/Meetings/Settings");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/Account/Denied", denied.Headers.Location!.PathAndQuery);
        Assert.DoesNotContain("data-menu=\"meeting-settings\"", await township.GetStringAsync("/Meetings"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MeetingPagesTests_Sqlite(SqliteHost host) : MeetingPagesTests(host);

[Collection(PostgresCollection.Name)]
public sealed class MeetingPagesTests_Postgres(PostgresHost host) : MeetingPagesTests(host);
