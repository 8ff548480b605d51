using System.Net;
using System.Net.Http.Json;
using Entrust.Tests.Hosting;

namespace Entrust.Tests.Api;

/// <summary>/api/training-classes (GET, POST, PUT) and /{id}/trainees (GET, POST, DELETE), with each role's reach.</summary>
public abstract class TrainingClassesApiTests(HostFixture host) : TrainingTest(host)
{
    [Fact]
    public async Task TheOfficeCreatesAThreeDayClassWithAMorningAndAnAfternoonSessionADay()
    {
        var office = await As("office");
        var name = "资格培训班" + UniqueCode("");
        using var response = await office.PostAsJsonAsync("/api/training-classes", ClassBody(name));
        var created = await response.ExpectAsync(HttpStatusCode.Created);

        Assert.Equal($"/api/training-classes/{created.Id()}", response.Headers.Location?.OriginalString);
        var sessions = created.GetProperty("sessions").EnumerateArray().ToList();
        Assert.Equal(6, sessions.Count);
        Assert.Equal(["Morning", "Afternoon", "Morning", "Afternoon", "Morning", "Afternoon"], sessions.Select(s => s.Str("part")));
        Assert.Equal(Day(Today.AddDays(-10)), sessions[0].Str("date"));
        Assert.Equal(Day(Today.AddDays(-8)), sessions[5].Str("date"));
        Assert.Equal("区委党校", created.Str("venue"));

        var read = await office.GetAsync($"/api/training-classes/{created.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(name, read.Str("name"));
        var list = await office.GetAsync($"/api/training-classes?q={name}").ExpectAsync(HttpStatusCode.OK);
        var row = Assert.Single(list.Items());
        Assert.Equal(6, row.GetProperty("sessionCount").GetInt32());
        Assert.Equal(0, row.GetProperty("traineeCount").GetInt32());
        Assert.Equal("Added", (await AuditOfAsync("TrainingClass", created.Id())).Single().Str("action"));
    }

    [Fact]
    public async Task SessionsCanBeListedOneByOne()
    {
        var start = Today.AddDays(-20);
        var created = await ClassAsync(ClassBody(start: start, days: 2, sessions:
        [
            new { date = Day(start), part = "Morning", topic = "行政处罚法", teacher = "王老师" },
            new { date = Day(start.AddDays(1)), part = "Evening", topic = "执法文书", teacher = (string?)null },
        ]));

        var sessions = created.GetProperty("sessions").EnumerateArray().ToList();
        Assert.Equal(2, sessions.Count);
        Assert.Equal("行政处罚法", sessions[0].Str("topic"));
        Assert.Equal("Evening", sessions[1].Str("part"));
    }

    [Fact]
    public async Task AClassWithoutNameOrSessionsOrWithASessionOutsideItsDatesIsRefusedAndNothingWritten()
    {
        var office = await As("office");
        var name = "无效培训班" + UniqueCode("");

        var noName = await office.PostAsJsonAsync("/api/training-classes", ClassBody("")).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(noName.ErrorsFor("Name"));
        var noSessions = await office.PostAsJsonAsync("/api/training-classes", ClassBody(name, dailyParts: []))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Http.AssertChinese(Assert.Single(noSessions.ErrorsFor("Sessions")));
        var outside = await office.PostAsJsonAsync("/api/training-classes",
            ClassBody(name, sessions: [new { date = Day(Today.AddDays(30)), part = "Morning" }])).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Training.SessionOutsideDates", outside.Code());

        Assert.Equal(0, (await office.GetAsync($"/api/training-classes?q={name}").ExpectAsync(HttpStatusCode.OK)).Total());
    }

    [Fact]
    public async Task AnUpdateRenamesAndReplacesSessionsButKeepsASessionWithMarks()
    {
        var officer = await OfficerAsync();
        var (c, traineeOf) = await ClassWithAsync([officer]);
        var first = SessionIds(c)[0];
        await MarkAsync(c.Id(), [Mark(traineeOf[officer.Id], first, "Present")]);
        var office = await As("office");
        var start = Today.AddDays(-10);

        // Mornings only: the afternoons go, the first morning keeps its id and its mark.
        var updated = await office.PutAsJsonAsync($"/api/training-classes/{c.Id()}", ClassBody("改名后的培训班", start, dailyParts: ["Morning"]))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("改名后的培训班", updated.Str("name"));
        Assert.Equal(3, updated.GetProperty("sessions").GetArrayLength());
        Assert.Contains(first, SessionIds(updated));
        Assert.Equal(1, await MarkCountAsync(c.Id()));

        // The marked first morning can't go.
        var refused = await office.PutAsJsonAsync($"/api/training-classes/{c.Id()}", ClassBody("改名后的培训班", start.AddDays(1), days: 2))
            .ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("Training.SessionHasAttendance", refused.Code());
        Http.AssertChinese(refused.Str("detail"));
        Assert.Equal(3, (await office.GetAsync($"/api/training-classes/{c.Id()}").ExpectAsync(HttpStatusCode.OK)).GetProperty("sessions").GetArrayLength());
    }

    [Theory]
    [InlineData("town.xiema")]
    [InlineData("dept.safety")]
    [InlineData("auditor")]
    public async Task OnlyTheOfficeRunsClasses(string userName)
    {
        var c = await ClassAsync();
        var client = await As(userName);
        await client.PostAsJsonAsync("/api/training-classes", ClassBody()).ExpectStatusAsync(HttpStatusCode.Forbidden);
        await client.PutAsJsonAsync($"/api/training-classes/{c.Id()}", ClassBody("改名")).ExpectStatusAsync(HttpStatusCode.Forbidden);
        // They read the district's classes.
        await client.GetAsync($"/api/training-classes/{c.Id()}").ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnOfficerAccountCantReachTraining()
    {
        var c = await ClassAsync();
        var officer = await As("officer.xiema");
        await officer.GetAsync("/api/training-classes").ExpectStatusAsync(HttpStatusCode.Forbidden);
        await officer.GetAsync($"/api/training-classes/{c.Id()}/attendance").ExpectStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnotherDistrictsClassDoesNotExistForThem()
    {
        var c = await ClassAsync();
        var other = await As("office2");
        await other.GetAsync($"/api/training-classes/{c.Id()}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await other.GetAsync($"/api/training-classes/{c.Id()}/trainees").ExpectStatusAsync(HttpStatusCode.NotFound);
        await other.GetAsync($"/api/training-classes/{c.Id()}/attendance").ExpectStatusAsync(HttpStatusCode.NotFound);
        await other.PutAsJsonAsync($"/api/training-classes/{c.Id()}", ClassBody()).ExpectStatusAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain((await other.GetAsync("/api/training-classes?pageSize=200").ExpectAsync(HttpStatusCode.OK)).Items(), r => r.Id() == c.Id());
    }

    [Fact]
    public async Task UnitsNominateTheirOwnOfficersAndSeeOnlyTheirOwnTrainees()
    {
        var xiema = await OfficerAsync(Ids.Xiema);
        var tiansheng = await OfficerAsync(Ids.Tiansheng);
        var safety = await OfficerAsync(department: Ids.Safety);
        var c = await ClassAsync();

        Assert.Single(await NominateAsync(c.Id(), [xiema.Id], "town.xiema"));
        Assert.Single(await NominateAsync(c.Id(), [tiansheng.Id], "town.tiansheng"));
        var nominated = Assert.Single(await NominateAsync(c.Id(), [safety.Id], "dept.safety"));
        Assert.Equal("区安监局", nominated.Str("unit"));

        async Task<List<Guid>> SeenBy(string userName) =>
            (await (await As(userName)).GetAsync($"/api/training-classes/{c.Id()}/trainees").ExpectAsync(HttpStatusCode.OK))
            .Items().Select(t => t.GetProperty("officerId").GetGuid()).ToList();
        Assert.Equal([xiema.Id], await SeenBy("town.xiema"));
        Assert.Equal([safety.Id], await SeenBy("dept.safety"));
        Assert.Equal(3, (await SeenBy("office")).Count);
        Assert.Equal(3, (await SeenBy("auditor")).Count);
    }

    [Fact]
    public async Task ANominationOutsideTheUnitIsRefusedNamingTheOfficerAndNothingIsWritten()
    {
        var own = await OfficerAsync(Ids.Xiema);
        var other = await OfficerAsync(Ids.Tiansheng, name: "外镇人员" + UniqueCode(""));
        var c = await ClassAsync();

        // 天生街道's officer does not exist for 歇马镇: the batch (with 歇马镇's own officer) is refused whole.
        var refused = await (await As("town.xiema")).PostAsJsonAsync($"/api/training-classes/{c.Id()}/trainees", new { officerIds = new[] { own.Id, other.Id } })
            .ExpectAsync(HttpStatusCode.BadRequest);
        var row = Assert.Single(RejectedRows(refused));
        Assert.Equal(2, row.Row);
        Assert.Contains(other.Id.ToString(), row.Reason);
        Http.AssertChinese(row.Reason);

        // A department sees township officers but may not nominate them.
        var byDepartment = await (await As("dept.safety")).PostAsJsonAsync($"/api/training-classes/{c.Id()}/trainees", new { officerIds = new[] { other.Id } })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains(other.Name, Assert.Single(RejectedRows(byDepartment)).Reason);

        Assert.Empty((await (await As("office")).GetAsync($"/api/training-classes/{c.Id()}/trainees").ExpectAsync(HttpStatusCode.OK)).Items());
    }

    [Fact]
    public async Task AnOfficerWhoLeftOrIsAlreadyOnTheClassIsRefused()
    {
        var left = await OfficerAsync(left: true, name: "已离职" + UniqueCode(""));
        var on = await OfficerAsync(name: "已参训" + UniqueCode(""));
        var c = await ClassAsync();
        await NominateAsync(c.Id(), [on.Id]);

        var refused = await (await As("office")).PostAsJsonAsync($"/api/training-classes/{c.Id()}/trainees", new { officerIds = new[] { left.Id, on.Id } })
            .ExpectAsync(HttpStatusCode.BadRequest);
        var rows = RejectedRows(refused);
        Assert.Contains(rows, r => r.Row == 1 && r.Reason.Contains(left.Name) && r.Reason.Contains("离职"));
        Assert.Contains(rows, r => r.Row == 2 && r.Reason.Contains(on.Name));
        Assert.Single((await (await As("office")).GetAsync($"/api/training-classes/{c.Id()}/trainees").ExpectAsync(HttpStatusCode.OK)).Items());
    }

    [Theory]
    [InlineData("auditor")]
    [InlineData("officer.xiema")]
    public async Task ReadersAndOfficersCantNominate(string userName)
    {
        var officer = await OfficerAsync();
        var c = await ClassAsync();
        await (await As(userName)).PostAsJsonAsync($"/api/training-classes/{c.Id()}/trainees", new { officerIds = new[] { officer.Id } })
            .ExpectStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ANominationIsWithdrawnOnlyBeforeAttendance()
    {
        var officers = await OfficersAsync(2);
        var (c, traineeOf) = await ClassWithAsync(officers);
        var town = await As("town.xiema");

        await town.DeleteAsync($"/api/training-classes/{c.Id()}/trainees/{traineeOf[officers[0].Id]}").ExpectStatusAsync(HttpStatusCode.NoContent);
        await MarkAsync(c.Id(), [Mark(traineeOf[officers[1].Id], SessionIds(c)[0], "Excused")]);
        var refused = await town.DeleteAsync($"/api/training-classes/{c.Id()}/trainees/{traineeOf[officers[1].Id]}").ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("Training.TraineeHasAttendance", refused.Code());

        // Another township's trainee does not exist for 天生街道.
        await (await As("town.tiansheng")).DeleteAsync($"/api/training-classes/{c.Id()}/trainees/{traineeOf[officers[1].Id]}")
            .ExpectStatusAsync(HttpStatusCode.NotFound);
        var left = (await (await As("office")).GetAsync($"/api/training-classes/{c.Id()}/trainees").ExpectAsync(HttpStatusCode.OK)).Items().ToList();
        Assert.Equal(traineeOf[officers[1].Id], Assert.Single(left).Id());
    }

    [Fact]
    public async Task AnOfficerWhoLeavesComesOffTheRosterOfAClassNotYetOverButKeepsMarksAlreadyTaken()
    {
        var (leaver, attended, stays) = (await OfficerAsync(), await OfficerAsync(), await OfficerAsync());
        var upcoming = await ClassAsync(ClassBody(start: Today.AddDays(10)));
        var running = await ClassAsync(ClassBody(start: Today.AddDays(-1)));
        await NominateAsync(upcoming.Id(), [leaver.Id, stays.Id]);
        var runningTrainees = await NominateAsync(running.Id(), [attended.Id]);
        await MarkAsync(running.Id(), [Mark(runningTrainees.Single().Id(), SessionIds(running)[0], "Present")]);

        var office = await As("office");
        await office.PostAsJsonAsync($"/api/officers/{leaver.Id}/leave", new { reason = "辞职" }).ExpectAsync(HttpStatusCode.OK);
        await office.PostAsJsonAsync($"/api/officers/{attended.Id}/transfer", new { reason = "调任区档案馆" }).ExpectAsync(HttpStatusCode.OK);

        var upcomingIds = (await office.GetAsync($"/api/training-classes/{upcoming.Id()}/trainees").ExpectAsync(HttpStatusCode.OK))
            .Items().Select(t => t.GetProperty("officerId").GetGuid()).ToList();
        Assert.Equal([stays.Id], upcomingIds);
        var runningIds = (await office.GetAsync($"/api/training-classes/{running.Id()}/trainees").ExpectAsync(HttpStatusCode.OK))
            .Items().Select(t => t.GetProperty("officerId").GetGuid()).ToList();
        Assert.Equal([attended.Id], runningIds);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TrainingClassesApiTests_Sqlite(SqliteHost host) : TrainingClassesApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class TrainingClassesApiTests_Postgres(PostgresHost host) : TrainingClassesApiTests(host);
