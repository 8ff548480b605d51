using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Entrust.Tests.Hosting;
using Entrust.Tests.Rules;
using Entrust.Web.Features.Meetings;
using Entrust.Web.Platform;
using Days = Entrust.Web.Features.Calendar.WorkingDayCalendar;

namespace Entrust.Tests.Api;

/// <summary>
/// /api/meetings and /api/action-items: the office calls a meeting, the pack is read from the records and frozen when it starts,
/// attendance and minutes are recorded, action items carry over until closed with evidence; a unit sees the meetings it is invited
/// to and the items it owns; the minutes and the pack open in Word's format and in LibreOffice.
/// </summary>
public abstract class MeetingsApiTests(HostFixture host) : ApiTest(host)
{
    private DateOnly Today => DateOnly.FromDateTime(Host.Clock.GetUtcNow().UtcDateTime.AddHours(8));

    private async Task<JsonElement> CreateAsync(DateOnly day, Guid[]? townships = null, Guid[]? departments = null, string kind = "Special",
        string title = "专题工作会") =>
        await (await As("office")).PostAsJsonAsync("/api/meetings", new
        {
            kind,
            title,
            day,
            time = "09:30:00",
            place = "歇马镇政府三楼会议室",
            chair = "分管副区长",
            townshipIds = townships ?? [Ids.Xiema],
            departmentIds = departments ?? [Ids.Safety],
        }).ExpectAsync(HttpStatusCode.Created);

    private async Task<JsonElement> PostAsync(string url, object? body, HttpStatusCode status, string user = "office") =>
        await (await As(user)).PostAsJsonAsync(url, body ?? new { }).ExpectAsync(status);

    private async Task<JsonElement> GetAsync(string url, string user = "office") =>
        await (await As(user)).GetAsync(url).ExpectAsync(HttpStatusCode.OK);

    private static JsonElement Section(JsonElement pack, string key) =>
        Assert.Single(pack.GetProperty("sections").EnumerateArray(), s => s.Str("key") == key);

    private async Task<int> TotalAsync(string url) => (await GetAsync(url)).Total();

    [Fact]
    public void TheUsualDayMovesOffRestDays()
    {
        // 1 October 2026 is 国庆 (1–3 October), the 4th a Sunday: the meeting moves to Monday the 5th.
        Assert.Equal(new DateOnly(2026, 10, 5), Meeting.UsualDayIn(2026, 10, 1, Days.Empty));
        // Saturday 21 November 2026 → Monday the 23rd; a working day stays.
        Assert.Equal(new DateOnly(2026, 11, 23), Meeting.UsualDayIn(2026, 11, 21, Days.Empty));
        Assert.Equal(new DateOnly(2026, 11, 25), Meeting.UsualDayIn(2026, 11, 25, Days.Empty));
    }

    [Fact]
    public async Task ThePackShowsWhatTheRecordsShowAndIsFrozenWhenTheMeetingStarts()
    {
        await PostAsync("/api/gaps/scan", null, HttpStatusCode.OK);
        var meeting = await CreateAsync(Today);
        var pack = await GetAsync($"/api/meetings/{meeting.Id()}/pack");
        Assert.False(pack.GetProperty("frozen").GetBoolean());

        int open = await TotalAsync("/api/gaps?state=Open&pageSize=1"), acknowledged = await TotalAsync("/api/gaps?state=Acknowledged&pageSize=1");
        int lapsing = await TotalAsync("/api/gaps?state=Open&kind=AgreementLapsing&pageSize=1")
            + await TotalAsync("/api/gaps?state=Acknowledged&kind=AgreementLapsing&pageSize=1");
        Assert.Equal(open + acknowledged - lapsing, Section(pack, "Gaps").GetProperty("total").GetInt32());
        Assert.Equal(lapsing, Section(pack, "LapsingAgreements").GetProperty("total").GetInt32());
        Assert.True(Section(pack, "Gaps").GetProperty("total").GetInt32() > 0);
        Assert.Equal(await TotalAsync("/api/rectifications?overdue=true&pageSize=1"), Section(pack, "OverdueRectifications").GetProperty("total").GetInt32());
        var pending = (await GetAsync("/api/scope-requests?state=Pending")).Items().ToList();
        var requests = Section(pack, "ScopeRequests");
        Assert.Equal(pending.Count, requests.GetProperty("total").GetInt32());
        Assert.Contains(requests.GetProperty("lines").EnumerateArray(), l => l.Str("subject").Contains("森林防火"));
        var openItems = (await GetAsync("/api/action-items?open=true")).Items().Count(a => a.GetProperty("meetingId").GetGuid() != meeting.Id());
        Assert.Equal(openItems, Section(pack, "OpenActionItems").GetProperty("total").GetInt32());
        // Last month's reports the departments have not acknowledged (listing the month opens its drafts).
        var lastMonth = Month.Of(Today).Previous;
        var unanswered = (await GetAsync($"/api/reports?month={lastMonth}")).EnumerateArray().Count(r => r.Str("state") != "Acknowledged");
        Assert.True(unanswered > 0);
        var reports = Section(await GetAsync($"/api/meetings/{meeting.Id()}/pack"), "MonthlyReports");
        Assert.Equal(unanswered, reports.GetProperty("total").GetInt32());
        Assert.All(reports.GetProperty("lines").EnumerateArray(), l => Assert.StartsWith("/Reports/Detail/", l.Str("link")));

        await PostAsync($"/api/meetings/{meeting.Id()}/start", null, HttpStatusCode.OK);
        // A scope request filed after the start is in the records, not in the frozen pack.
        var before = requests.GetProperty("total").GetInt32();
        await (await As("town.xiema")).PostAsJsonAsync("/api/scope-requests", new { requestedPower = "测试用的权限" + UniqueCode(""), reason = "会后提出" })
            .ExpectStatusAsync(HttpStatusCode.Created);
        var frozen = await GetAsync($"/api/meetings/{meeting.Id()}/pack");
        Assert.True(frozen.GetProperty("frozen").GetBoolean());
        Assert.Equal(before, Section(frozen, "ScopeRequests").GetProperty("total").GetInt32());
        var live = await GetAsync($"/api/meetings/{(await CreateAsync(Today)).Id()}/pack");
        Assert.Equal(before + 1, Section(live, "ScopeRequests").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task AnOpenActionItemCarriesOverGoesOverdueAndClosesOnlyWithEvidence()
    {
        var first = await CreateAsync(Today.AddDays(-20));
        await PostAsync($"/api/meetings/{first.Id()}/notify", null, HttpStatusCode.OK);
        await PostAsync($"/api/meetings/{first.Id()}/start", null, HttpStatusCode.OK);
        var item = await PostAsync($"/api/meetings/{first.Id()}/action-items",
            new { what = "区安监局到歇马镇开展安全生产检查业务培训", departmentId = Ids.Safety, dueOn = Today.AddDays(-5), recordLink = "/Training" },
            HttpStatusCode.Created);
        Assert.True(item.GetProperty("overdue").GetBoolean());
        Assert.Contains((await GetAsync("/api/action-items?overdue=true")).Items(), a => a.Id() == item.Id());
        Assert.Contains((await GetAsync("/api/action-items?open=true", "dept.safety")).Items(), a => a.Id() == item.Id());

        var next = await CreateAsync(Today);
        var carried = Section(await GetAsync($"/api/meetings/{next.Id()}/pack"), "OpenActionItems");
        var line = Assert.Single(carried.GetProperty("lines").EnumerateArray(), l => l.Id() == item.Id());
        Assert.False(string.IsNullOrEmpty(line.GetProperty("note").GetString()));

        // Done without evidence: refused, nothing written.
        var refused = await PostAsync($"/api/action-items/{item.Id()}/done", new { evidence = "  " }, HttpStatusCode.BadRequest, "dept.safety");
        Assert.Equal("ActionItem.DoneNeedsEvidence", refused.Code());
        Assert.NotEmpty(refused.ErrorsFor("Evidence"));
        Assert.Contains((await GetAsync("/api/action-items?open=true")).Items(), a => a.Id() == item.Id());
        // Another department does not see the item at all.
        await PostAsync($"/api/action-items/{item.Id()}/done", new { evidence = "x" }, HttpStatusCode.NotFound, "dept.forestry");

        var done = await PostAsync($"/api/action-items/{item.Id()}/done", new { evidence = "2026年11月培训签到表" }, HttpStatusCode.OK, "dept.safety");
        Assert.Equal("dept.safety", done.Str("doneBy"));
        Assert.False(done.GetProperty("overdue").GetBoolean());
        var again = await PostAsync($"/api/action-items/{item.Id()}/done", new { evidence = "again" }, HttpStatusCode.Conflict, "dept.safety");
        Assert.Equal("ActionItem.AlreadyDone", again.Code());
        var later = Section(await GetAsync($"/api/meetings/{(await CreateAsync(Today)).Id()}/pack"), "OpenActionItems");
        Assert.DoesNotContain(later.GetProperty("lines").EnumerateArray(), l => l.Id() == item.Id());
    }

    [Fact]
    public async Task AUnitSeesTheMeetingsItIsInvitedToAndTheItemsItOwns()
    {
        var meeting = await CreateAsync(Today, townships: [Ids.Xiema], departments: [Ids.Forestry]);
        await PostAsync($"/api/meetings/{meeting.Id()}/start", null, HttpStatusCode.OK);
        var item = await PostAsync($"/api/meetings/{meeting.Id()}/action-items",
            new { what = "歇马镇报送森林防火委托执法情况", townshipId = Ids.Xiema, dueOn = Today.AddDays(30) }, HttpStatusCode.Created);

        await GetAsync($"/api/meetings/{meeting.Id()}", "town.xiema");
        await GetAsync($"/api/meetings/{meeting.Id()}/pack", "dept.forestry");
        Assert.Contains((await GetAsync("/api/meetings?pageSize=100", "town.xiema")).Items(), m => m.Id() == meeting.Id());
        Assert.Contains((await GetAsync("/api/action-items", "town.xiema")).Items(), a => a.Id() == item.Id());

        foreach (var outsider in new[] { "town.tiansheng", "dept.safety", "office2" })
        {
            await (await As(outsider)).GetAsync($"/api/meetings/{meeting.Id()}").ExpectStatusAsync(HttpStatusCode.NotFound);
            await (await As(outsider)).GetAsync($"/api/meetings/{meeting.Id()}/minutes.docx").ExpectStatusAsync(HttpStatusCode.NotFound);
            Assert.DoesNotContain((await GetAsync("/api/meetings?pageSize=100", outsider)).Items(), m => m.Id() == meeting.Id());
            Assert.DoesNotContain((await GetAsync("/api/action-items", outsider)).Items(), a => a.Id() == item.Id());
        }
        // The township proposes a topic; it may not start the meeting.
        await (await As("town.xiema")).PostAsJsonAsync($"/api/meetings/{meeting.Id()}/start", new { }).ExpectStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task RefusalsWriteNothing()
    {
        var meeting = await CreateAsync(Today);
        var topic = await PostAsync($"/api/meetings/{meeting.Id()}/agenda", new { title = "歇马镇委托执法经费保障" }, HttpStatusCode.OK, "town.xiema");
        var proposed = Assert.Single(topic.GetProperty("topics").EnumerateArray());
        Assert.Equal("town.xiema", proposed.Str("proposedBy"));

        // Attendance, minutes and items before the start: refused.
        var early = await PostAsync($"/api/meetings/{meeting.Id()}/action-items", new { what = "x", townshipId = Ids.Xiema, dueOn = Today }, HttpStatusCode.Conflict);
        Assert.Equal("Meeting.WrongState", early.Code());
        await PostAsync($"/api/meetings/{meeting.Id()}/start", null, HttpStatusCode.OK);
        var twice = await PostAsync($"/api/meetings/{meeting.Id()}/start", null, HttpStatusCode.Conflict);
        Assert.Equal("Meeting.WrongState", twice.Code());
        var late = await PostAsync($"/api/meetings/{meeting.Id()}/agenda", new { title = "太晚" }, HttpStatusCode.Conflict, "town.xiema");
        Assert.Equal("Meeting.WrongState", late.Code());

        var participants = meeting.GetProperty("participants").EnumerateArray().ToList();
        var absent = await PostAsync($"/api/meetings/{meeting.Id()}/attendance",
            new
            {
                entries = new[] { new { participantId = participants[0].Id(), presence = "Present", reason = (string?)null, deputy = (string?)null },
                new { participantId = participants[1].Id(), presence = "Absent", reason = (string?)" ", deputy = (string?)null } }
            },
            HttpStatusCode.BadRequest);
        Assert.Equal("Meeting.AbsenceNeedsReason", absent.Code());
        var unchanged = await GetAsync($"/api/meetings/{meeting.Id()}");
        Assert.All(unchanged.GetProperty("participants").EnumerateArray(), p => Assert.Equal("Unrecorded", p.Str("presence")));

        var unissued = await PostAsync($"/api/meetings/{meeting.Id()}/issue", null, HttpStatusCode.BadRequest);
        Assert.Equal("Meeting.AttendanceMissing", unissued.Code());
        var dueEarly = await PostAsync($"/api/meetings/{meeting.Id()}/action-items", new { what = "x", townshipId = Ids.Xiema, dueOn = Today.AddDays(-1) },
            HttpStatusCode.BadRequest);
        Assert.NotEmpty(dueEarly.ErrorsFor("DueOn"));
        var outside = await PostAsync($"/api/meetings/{meeting.Id()}/action-items",
            new { what = "x", townshipId = Ids.Xiema, dueOn = Today, recordLink = "https://example.org/x" }, HttpStatusCode.BadRequest);
        Assert.Equal("ActionItem.RecordLinkInvalid", outside.Code());
        var view = await GetAsync($"/api/meetings/{meeting.Id()}");
        Assert.Equal("Started", view.Str("state"));
        Assert.Null(view.GetProperty("number").GetString());
        Assert.Empty(view.GetProperty("actionItems").EnumerateArray());
    }

    [Fact]
    public async Task TheMinutesAreIssuedWithTheirNumberAndOpenInLibreOffice()
    {
        var meeting = await CreateAsync(Today, townships: [Ids.Xiema], departments: [Ids.Safety, Ids.Forestry]);
        var id = meeting.Id();
        await PostAsync($"/api/meetings/{id}/notify", null, HttpStatusCode.OK);
        await PostAsync($"/api/meetings/{id}/agenda", new { title = "委托事项对接" }, HttpStatusCode.OK);
        var started = await PostAsync($"/api/meetings/{id}/start", null, HttpStatusCode.OK);
        var parts = started.GetProperty("participants").EnumerateArray().ToList();
        await PostAsync($"/api/meetings/{id}/attendance", new
        {
            entries = new object[]
            {
                new { participantId = parts[0].Id(), presence = "Present" },
                new { participantId = parts[1].Id(), presence = "Deputy", deputy = "王副科长" },
                new { participantId = parts[2].Id(), presence = "Absent", reason = "参加市局培训" },
            },
        }, HttpStatusCode.OK);
        var topic = started.GetProperty("topics")[0];
        var minuted = await (await As("office")).PutAsJsonAsync($"/api/meetings/{id}/minutes", new
        {
            topics = new[] { new { topicId = topic.Id(), minutes = "各部门与歇马镇就委托事项的对接作了讨论。", decisions = "各部门制定试点工作方案并与歇马镇对接。" } },
        }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("各部门制定试点工作方案并与歇马镇对接。", minuted.GetProperty("topics")[0].Str("decisions"));
        await PostAsync($"/api/meetings/{id}/action-items", new { topicId = topic.Id(), what = "制定试点工作方案", departmentId = Ids.Forestry, dueOn = Today.AddDays(14) },
            HttpStatusCode.Created);
        var issued = await PostAsync($"/api/meetings/{id}/issue", null, HttpStatusCode.OK);
        Assert.Equal("Issued", issued.Str("state"));
        Assert.Matches(@"^北碚法联纪〔\d{4}〕\d+号$", issued.Str("number"));
        Assert.Contains((await GetAsync("/api/meetings?q=" + Uri.EscapeDataString("试点工作方案"))).Items(), m => m.Id() == id);

        var dir = Directory.CreateTempSubdirectory("entrust-minutes-").FullName;
        try
        {
            foreach (var (name, url) in new[] { ("minutes", $"/api/meetings/{id}/minutes.docx"), ("pack", $"/api/meetings/{id}/pack.docx") })
            {
                var response = await (await As("town.xiema")).GetAsync(url);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(MeetingsApi.DocxType, response.Content.Headers.ContentType?.MediaType);
                var bytes = await response.Content.ReadAsByteArrayAsync();
                using (var document = WordprocessingDocument.Open(new MemoryStream(bytes), false))
                {
                    var body = document.MainDocumentPart!.Document!.Body!.InnerText;
                    Assert.Contains(name == "minutes" ? "各部门制定试点工作方案并与歇马镇对接" : "执法空档预警", body);
                    if (name == "minutes")
                    {
                        Assert.Contains(issued.Str("number"), body);
                        Assert.Contains("参加市局培训", body);
                    }
                }
                var file = Path.Combine(dir, name + ".docx");
                await File.WriteAllBytesAsync(file, bytes);
                var pdf = await LibreOffice.ConvertToPdf(file, dir);
                var textOfPdf = await LibreOffice.PdfText(pdf, dir);
                Assert.Contains(name == "minutes" ? "纪要" : "会议材料", textOfPdf);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task ADecisionStartsAScopeRequestOrAnAgreementLinkedBothWays()
    {
        var meeting = await CreateAsync(Today, townships: [Ids.Xiema], departments: [Ids.Forestry]);
        var id = meeting.Id();
        var proposed = await PostAsync($"/api/meetings/{id}/agenda", new { title = "歇马镇市政管理执法权限" }, HttpStatusCode.OK);
        var topic = Assert.Single(proposed.GetProperty("topics").EnumerateArray()).Id();
        await PostAsync($"/api/meetings/{id}/start", null, HttpStatusCode.OK);
        var power = "市政管理" + UniqueCode("");
        var matter = (await CreateMatterAsync(Ids.Forestry)).Id();
        async Task<(int Requests, int Agreements, int Items)> CountsAsync() => (
            (await GetAsync("/api/scope-requests")).EnumerateArray().Count(),
            (await GetAsync("/api/agreements?pageSize=1")).Total(),
            (await GetAsync($"/api/action-items?meetingId={id}")).EnumerateArray().Count());
        var before = await CountsAsync();

        // Refused, nothing written: a township of another district; a due day before the meeting (after the request's own checks
        // passed); a request without its reason; an agreement of a department of another district, or without matters.
        var foreign = (await CreateTownshipAsync("office2")).Id();
        var request = new { topicId = topic, dueOn = Today.AddDays(30), townshipId = Ids.Xiema, requestedPower = power, reason = "联席会议决定由镇政府起草申请" };
        Assert.NotEmpty((await PostAsync($"/api/meetings/{id}/decisions/scope-request", request with { townshipId = foreign }, HttpStatusCode.BadRequest))
            .ErrorsFor("TownshipId"));
        Assert.NotEmpty((await PostAsync($"/api/meetings/{id}/decisions/scope-request", request with { dueOn = Today.AddDays(-1) }, HttpStatusCode.BadRequest))
            .ErrorsFor("DueOn"));
        Assert.NotEmpty((await PostAsync($"/api/meetings/{id}/decisions/scope-request", request with { reason = " " }, HttpStatusCode.BadRequest))
            .ErrorsFor("Reason"));
        var foreignDepartment = (await CreateDepartmentAsync("office2")).Id();
        object Agreement(Guid department, Guid[] matters) => new
        {
            topicId = topic,
            dueOn = Today.AddDays(60),
            agreement = new
            {
                departmentId = department,
                townshipId = Ids.Xiema,
                mode = "Entrustment",
                termStart = Today.AddDays(30),
                termEnd = Today.AddYears(2),
                matters = matters.Select(m => MatterItemOf(m)).ToArray(),
            },
        };
        Assert.NotEmpty((await PostAsync($"/api/meetings/{id}/decisions/agreement", Agreement(foreignDepartment, [matter]), HttpStatusCode.BadRequest))
            .ErrorsFor("DepartmentId"));
        Assert.NotEmpty((await PostAsync($"/api/meetings/{id}/decisions/agreement", Agreement(Ids.Forestry, []), HttpStatusCode.BadRequest))
            .ErrorsFor("Matters"));
        await PostAsync($"/api/meetings/{id}/decisions/scope-request", request, HttpStatusCode.Forbidden, "town.xiema");
        Assert.Equal(before, await CountsAsync());

        // The request, drafted by the scope's own method, and the township's item that links to it.
        var item = await PostAsync($"/api/meetings/{id}/decisions/scope-request", request, HttpStatusCode.Created);
        var requestId = item.GetProperty("scopeRequestId").GetGuid();
        Assert.Equal(Ids.Xiema, item.GetProperty("townshipId").GetGuid());
        Assert.Equal(topic, item.GetProperty("topicId").GetGuid());
        Assert.Equal("/Scope#request-" + requestId, item.Str("recordLink"));
        var pending = Assert.Single((await GetAsync("/api/scope-requests?state=Pending", "town.xiema")).EnumerateArray(), r => r.Id() == requestId);
        Assert.Equal(power, pending.Str("requestedPower"));

        var proposal = await PostAsync($"/api/meetings/{id}/decisions/agreement", Agreement(Ids.Forestry, [matter]), HttpStatusCode.Created);
        var agreementId = proposal.GetProperty("agreementId").GetGuid();
        Assert.Equal(Ids.Forestry, proposal.GetProperty("departmentId").GetGuid());
        var draft = await GetAsync($"/api/agreements/{agreementId}", "dept.forestry");
        Assert.Equal("Draft", draft.Str("state"));
        Assert.Equal((before.Requests + 1, before.Agreements + 1, before.Items + 2), await CountsAsync());

        // Both pages link back to the meeting's topic.
        var back = $"/Meetings/Detail/{id}#topic-{topic}";
        var office = await ConsoleSignIn.SignInAsync(Host, "office");
        Assert.Contains(back, await office.GetStringAsync("/Scope"));
        Assert.Contains(back, await (await ConsoleSignIn.SignInAsync(Host, "dept.forestry")).GetStringAsync($"/Agreements/Detail/{agreementId}"));
        Assert.Contains($"/Agreements/Detail/{agreementId}", await office.GetStringAsync($"/Meetings/Detail/{id}"));
    }

    private static object MatterItemOf(Guid matterId) => new { matterId, authority = "InspectionOnly" };

    /// <summary>The bell: the notice reaches each invited unit once it is sent, and an action item its owner; no other unit hears of either.</summary>
    [Fact]
    public async Task TheNoticeAndAnActionItemRingTheInvitedUnitsBell()
    {
        var title = "委托执法通报会" + UniqueCode("");
        var meeting = await CreateAsync(Today, townships: [Ids.Xiema], departments: [Ids.Forestry], title: title);
        var id = meeting.Id();
        async Task<List<JsonElement>> BellAsync(string user) => (await GetAsync("/api/notifications", user)).GetProperty("items").EnumerateArray()
            .Where(n => n.Str("link") == $"/Meetings/Detail/{id}").ToList();
        Assert.Empty(await BellAsync("town.xiema"));

        await PostAsync($"/api/meetings/{id}/notify", null, HttpStatusCode.OK);
        foreach (var invited in new[] { "town.xiema", "dept.forestry" })
        {
            var notice = Assert.Single(await BellAsync(invited));
            Assert.Equal("MeetingNotice", notice.Str("event"));
            Assert.Equal("会议通知：" + title, notice.Str("title"));
            Assert.True(notice.GetProperty("unread").GetBoolean());
        }
        foreach (var outsider in new[] { "town.tiansheng", "dept.safety", "office" })
        {
            Assert.Empty(await BellAsync(outsider));
        }

        await PostAsync($"/api/meetings/{id}/start", null, HttpStatusCode.OK);
        await PostAsync($"/api/meetings/{id}/action-items", new { what = "歇马镇报送森林防火巡查记录", townshipId = Ids.Xiema, dueOn = Today.AddDays(10) },
            HttpStatusCode.Created);
        Assert.Contains(await BellAsync("town.xiema"), n => n.Str("event") == "ActionItemAssigned" && n.Str("title").Contains("森林防火巡查记录"));
        Assert.DoesNotContain(await BellAsync("dept.forestry"), n => n.Str("event") == "ActionItemAssigned");
        Assert.Empty(await BellAsync("town.tiansheng"));
    }

    /// <summary>The pack's erroneous-case candidates are the assessment's: the same cases as GET /api/erroneous-cases lists.</summary>
    [Fact]
    public async Task ThePackListsTheErroneousCaseCandidatesOfTheAssessment()
    {
        var candidates = (await GetAsync("/api/erroneous-cases")).GetProperty("candidates").EnumerateArray()
            .Select(c => c.GetProperty("caseId").GetGuid()).Order().ToList();
        Assert.NotEmpty(candidates); // the demo's revoked case
        var section = Section(await GetAsync($"/api/meetings/{(await CreateAsync(Today)).Id()}/pack"), "ErroneousCandidates");
        Assert.Equal(candidates.Count, section.GetProperty("total").GetInt32());
        var lines = section.GetProperty("lines").EnumerateArray().Select(l => l.Id()).Order().ToList();
        Assert.Equal(Math.Min(candidates.Count, BriefingPackBuilder.LinesPerSection), lines.Count);
        Assert.All(lines, l => Assert.Contains(l, candidates));
        Assert.All(section.GetProperty("lines").EnumerateArray(), l => Assert.False(string.IsNullOrEmpty(l.GetProperty("note").GetString())));
    }

    /// <summary>The seed: the January kick-off in 歇马镇 and its outcome, monthly meetings from May, one item still open on 区安监局's workbench.</summary>
    [Fact]
    public async Task TheDemoDistrictHasTheKickOffTheMonthlyMeetingsAndOneOpenItem()
    {
        var meetings = (await GetAsync("/api/meetings?pageSize=100&to=2026-10-31")).Items().ToList();
        var kickOff = Assert.Single(meetings, m => m.Str("title") == Entrust.Web.Features.Demo.DemoMeetings.KickOffTitle);
        Assert.Equal("2026-01-15", kickOff.Str("day"));
        Assert.Equal("Issued", kickOff.Str("state"));
        var minutes = await GetAsync($"/api/meetings/{kickOff.Id()}/minutes");
        Assert.Contains(minutes.GetProperty("topics").EnumerateArray(), t => t.Str("decisions").Contains("试点工作方案"));
        Assert.All(minutes.GetProperty("actionItems").EnumerateArray(), a => Assert.False(a.GetProperty("doneOn").ValueKind == JsonValueKind.Null));
        var monthly = meetings.Where(m => m.Str("kind") == "Monthly" && m.Str("day").StartsWith("2026-", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, monthly.Count(m => m.Str("title").EndsWith("月法制科长联席会", StringComparison.Ordinal)));
        Assert.Contains(monthly, m => m.Str("day") == "2026-06-22"); // 20 June was a Saturday
        Assert.Contains(monthly, m => m.Str("day") == "2026-09-20"); // a Sunday, but a make-up working day (调休上班)

        var open = Assert.Single((await GetAsync("/api/action-items?open=true", "dept.safety")).Items(), a => a.Str("what") == Entrust.Web.Features.Demo.DemoMeetings.OpenItem);
        Assert.Equal(Ids.Safety, open.GetProperty("departmentId").GetGuid());
        var workbench = await GetAsync("/api/workbench", "dept.safety");
        Assert.True(Assert.Single(workbench.GetProperty("todos").EnumerateArray(), t => t.Str("key") == "ActionItemsOpen").GetProperty("count").GetInt32() >= 1);
        Assert.DoesNotContain((await GetAsync("/api/action-items", "dept.forestry")).Items(), a => a.Id() == open.Id());
    }

    [Fact]
    public async Task TheOfficeKeepsTheMembersWithDatedChanges()
    {
        var department = (await CreateDepartmentAsync()).Id();
        var first = await PostAsync("/api/meetings/members", new { departmentId = department, name = "李法制", post = "法制科长", from = new DateOnly(2026, 1, 1) },
            HttpStatusCode.Created);
        var second = await PostAsync("/api/meetings/members", new { departmentId = department, name = "赵法制", post = "法制科长", from = Today },
            HttpStatusCode.Created);
        var members = (await GetAsync("/api/meetings/members")).Items().ToList();
        Assert.Equal(Today.AddDays(-1), DateOnly.Parse(members.Single(m => m.Id() == first.Id()).Str("until")));
        Assert.True(members.Single(m => m.Id() == second.Id()).GetProperty("serving").GetBoolean());
        var both = await PostAsync("/api/meetings/members", new { departmentId = department, townshipId = Ids.Xiema, name = "x" }, HttpStatusCode.BadRequest);
        Assert.Equal("Meeting.MemberNeedsOneUnit", both.Code());
        await PostAsync("/api/meetings/members", new { townshipId = Ids.Xiema, name = "x" }, HttpStatusCode.Forbidden, "town.xiema");
        Assert.DoesNotContain((await GetAsync("/api/meetings/members", "office2")).Items(), m => m.Id() == second.Id());

        // A monthly meeting with no one chosen invites every serving member and opens with the standing topic.
        var monthly = await PostAsync("/api/meetings", new { kind = "Monthly", day = Today }, HttpStatusCode.Created);
        Assert.Contains(monthly.GetProperty("participants").EnumerateArray(), p => p.Str("person") == "赵法制");
        Assert.DoesNotContain(monthly.GetProperty("participants").EnumerateArray(), p => p.Str("person") == "李法制");
        Assert.Equal("本月委托执法工作", Assert.Single(monthly.GetProperty("topics").EnumerateArray(), t => t.GetProperty("standing").GetBoolean()).Str("title"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MeetingsApiTests_Sqlite(SqliteHost host) : MeetingsApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class MeetingsApiTests_Postgres(PostgresHost host) : MeetingsApiTests(host);
