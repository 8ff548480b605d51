using System.Net;
using System.Net.Http.Json;
using Entrust.Tests.Hosting;

namespace Entrust.Tests.Api;

/// <summary>
/// /api/training-classes/{id}/attendance: the roster (GET), marks (PUT), the sign-in sheet (GET template, POST import),
/// and the eligibility each trainee's marks decide.
/// </summary>
public abstract class TrainingAttendanceApiTests(HostFixture host) : TrainingTest(host)
{
    [Fact]
    public async Task MarksAreTakenForASessionAndTheRosterShowsThem()
    {
        var officers = await OfficersAsync(3);
        var (c, traineeOf) = await ClassWithAsync(officers);
        var session = SessionIds(c)[2];
        var trainees = officers.Select(o => traineeOf[o.Id]).ToList();

        var roster = await MarkAsync(c.Id(), [Mark(trainees[0], session, "Present"), Mark(trainees[1], session, "请假"), Mark(trainees[2], session, "Unexcused")]);

        Assert.Equal(6, roster.GetProperty("sessions").GetArrayLength());
        Assert.Equal(2, roster.GetProperty("excusedAbsencesThatBar").GetInt32());
        Assert.Equal(1, roster.GetProperty("unexcusedAbsencesThatBar").GetInt32());
        string MarkOf(Guid trainee) => Assert.Single(RowOf(roster, trainee).GetProperty("marks").EnumerateArray()).Str("mark");
        Assert.Equal(["Present", "Excused", "Unexcused"], trainees.Select(MarkOf));
        Assert.True(RowOf(roster, trainees[0]).GetProperty("eligibility").GetProperty("eligible").GetBoolean());
        Assert.True(RowOf(roster, trainees[1]).GetProperty("eligibility").GetProperty("eligible").GetBoolean());
        var barred = RowOf(roster, trainees[2]).GetProperty("eligibility");
        Assert.False(barred.GetProperty("eligible").GetBoolean());
        Assert.Equal(1, barred.GetProperty("unexcused").GetInt32());
        Assert.Equal("Eligibility.BarredUnexcused", barred.Str("reasonCode"));
        Assert.Contains("旷课1次", barred.Str("reason"));
        Assert.Contains(Day(Today.AddDays(-9)) + " 上午", barred.Str("reason"));
    }

    [Fact]
    public async Task OneExcusedAbsenceKeepsATraineeEligibleAndASecondBarsThem()
    {
        var officer = await OfficerAsync();
        var (c, traineeOf) = await ClassWithAsync([officer]);
        var trainee = traineeOf[officer.Id];
        var sessions = SessionIds(c);

        var once = await MarkAsync(c.Id(), [Mark(trainee, sessions[0], "Excused")]);
        Assert.True(RowOf(once, trainee).GetProperty("eligibility").GetProperty("eligible").GetBoolean());
        var twice = await MarkAsync(c.Id(), [Mark(trainee, sessions[3], "Excused")]);
        var eligibility = RowOf(twice, trainee).GetProperty("eligibility");
        Assert.False(eligibility.GetProperty("eligible").GetBoolean());
        Assert.Equal("Eligibility.BarredExcused", eligibility.Str("reasonCode"));
        Assert.Contains("请假2次", eligibility.Str("reason"));

        // Cleared back to one absence (no mark = not taken), the trainee may sit again.
        var cleared = await MarkAsync(c.Id(), [Mark(trainee, sessions[3], null)]);
        Assert.True(RowOf(cleared, trainee).GetProperty("eligibility").GetProperty("eligible").GetBoolean());
        Assert.Single(RowOf(cleared, trainee).GetProperty("marks").EnumerateArray());
    }

    [Fact]
    public async Task AnUnknownTraineeSessionOrMarkRefusesTheWholeBatchNamingEachItem()
    {
        var officer = await OfficerAsync();
        var (c, traineeOf) = await ClassWithAsync([officer]);
        var other = await ClassAsync();
        var trainee = traineeOf[officer.Id];
        var sessions = SessionIds(c);
        var stranger = Guid.NewGuid();

        var refused = await MarkAsync(c.Id(),
        [
            Mark(trainee, sessions[0], "Present"),
            Mark(stranger, sessions[1], "Present"),
            Mark(trainee, SessionIds(other)[0], "Present"),
            Mark(trainee, sessions[2], "迟到"),
        ], HttpStatusCode.BadRequest);

        var rows = RejectedRows(refused);
        Assert.Equal([2, 3, 4], rows.Select(r => r.Row).ToArray());
        Assert.Contains(stranger.ToString(), rows[0].Reason);
        Assert.Contains("迟到", rows[2].Reason);
        Assert.All(rows, r => Http.AssertChinese(r.Reason));
        Http.AssertChinese(refused.Str("detail"));
        Assert.Equal(0, await MarkCountAsync(c.Id()));
    }

    [Fact]
    public async Task ATownshipReadsItsOwnTraineesAttendanceAndWhyTheyAreBarredButCantTakeIt()
    {
        var xiema = await OfficerAsync(Ids.Xiema);
        var tiansheng = await OfficerAsync(Ids.Tiansheng);
        var (c, traineeOf) = await ClassWithAsync([xiema, tiansheng]);
        var session = SessionIds(c)[0];
        await MarkAsync(c.Id(), [Mark(traineeOf[xiema.Id], session, "Unexcused"), Mark(traineeOf[tiansheng.Id], session, "Present")]);

        var roster = await RosterAsync(c.Id(), "town.xiema");
        var row = Assert.Single(roster.GetProperty("trainees").EnumerateArray());
        Assert.Equal(traineeOf[xiema.Id], row.GetProperty("traineeId").GetGuid());
        Assert.Equal("歇马镇", row.Str("unit"));
        Assert.Contains("旷课", row.GetProperty("eligibility").Str("reason"));

        await MarkAsync(c.Id(), [Mark(traineeOf[xiema.Id], session, "Present")], HttpStatusCode.Forbidden, "town.xiema");
        await MarkAsync(c.Id(), [Mark(traineeOf[xiema.Id], session, "Present")], HttpStatusCode.Forbidden, "dept.safety");
        await MarkAsync(c.Id(), [Mark(traineeOf[xiema.Id], session, "Present")], HttpStatusCode.Forbidden, "auditor");
        Assert.Equal(2, (await RosterAsync(c.Id(), "auditor")).GetProperty("trainees").GetArrayLength());
        Assert.False(RowOf(await RosterAsync(c.Id()), traineeOf[xiema.Id]).GetProperty("eligibility").GetProperty("eligible").GetBoolean());
    }

    [Fact]
    public async Task AnotherDistrictCantTakeAttendanceInThisOne()
    {
        var officer = await OfficerAsync();
        var (c, traineeOf) = await ClassWithAsync([officer]);
        await MarkAsync(c.Id(), [Mark(traineeOf[officer.Id], SessionIds(c)[0], "Present")], HttpStatusCode.NotFound, "office2");
        Assert.Equal(0, await MarkCountAsync(c.Id()));
    }

    [Fact]
    public async Task TheTemplateIsTheSignInSheetWithAColumnPerSessionAndTheMarksSoFar()
    {
        var officers = await OfficersAsync(2);
        var (c, traineeOf) = await ClassWithAsync(officers);
        await MarkAsync(c.Id(), [Mark(traineeOf[officers[0].Id], SessionIds(c)[1], "Excused")]);

        var rows = await DownloadAsync($"/api/training-classes/{c.Id()}/attendance/template");

        Assert.Equal(["身份证号", "姓名", "所属单位", $"{Day(Today.AddDays(-10))} 上午", $"{Day(Today.AddDays(-10))} 下午"], rows[0][..5]);
        Assert.Equal(9, rows[0].Length);
        Assert.Equal(3, rows.Count);
        var first = Assert.Single(rows, r => r[0] == officers[0].IdNumber);
        Assert.Equal("请假", first[4]);
        Assert.Equal("", first[3]);
        await (await As("town.xiema")).GetAsync($"/api/training-classes/{c.Id()}/attendance/template").ExpectStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AFilledSignInSheetIsImported()
    {
        var officers = await OfficersAsync(2);
        var (c, traineeOf) = await ClassWithAsync(officers);
        var sheet = await DownloadAsync($"/api/training-classes/{c.Id()}/attendance/template");
        var headers = sheet[0];
        object?[] Row(string idNumber, params string[] marks) => [idNumber, "", "", .. marks];

        var result = await UploadAsync($"/api/training-classes/{c.Id()}/attendance/import",
            Workbook(headers, Row(officers[0].IdNumber, "出勤", "出勤", "请假", "出勤", "出勤", "出勤"),
                Row(officers[1].IdNumber, "√", "旷课", "", "", "", "")), HttpStatusCode.OK);

        Assert.Equal(8, result.GetProperty("changed").GetInt32());
        var roster = await RosterAsync(c.Id());
        Assert.True(RowOf(roster, traineeOf[officers[0].Id]).GetProperty("eligibility").GetProperty("eligible").GetBoolean());
        Assert.Equal(6, RowOf(roster, traineeOf[officers[0].Id]).GetProperty("marks").GetArrayLength());
        var second = RowOf(roster, traineeOf[officers[1].Id]);
        Assert.Equal(2, second.GetProperty("marks").GetArrayLength());
        Assert.False(second.GetProperty("eligibility").GetProperty("eligible").GetBoolean());
    }

    [Fact]
    public async Task AnImportWithAnUnknownTraineeSessionOrMarkIsRejectedWholeNamingTheRows()
    {
        var officers = await OfficersAsync(2);
        var (c, _) = await ClassWithAsync(officers);
        var stranger = await OfficerAsync(name: "非本班" + UniqueCode(""));
        var headers = (await DownloadAsync($"/api/training-classes/{c.Id()}/attendance/template"))[0];
        object?[] Row(string idNumber, string first, string second = "出勤") => [idNumber, "", "", first, second, "", "", "", ""];

        var badRows = await UploadAsync($"/api/training-classes/{c.Id()}/attendance/import",
            Workbook(headers, Row(officers[0].IdNumber, "出勤"), Row(stranger.IdNumber, "出勤"), Row(officers[1].IdNumber, "迟到")),
            HttpStatusCode.BadRequest);
        var rows = RejectedRows(badRows);
        Assert.Equal([3, 4], rows.Select(r => r.Row).ToArray());
        Assert.Contains(stranger.IdNumber, rows[0].Reason);
        Assert.Contains("迟到", rows[1].Reason);
        Http.AssertChinese(badRows.Str("detail"));

        var unknownSession = await UploadAsync($"/api/training-classes/{c.Id()}/attendance/import",
            Workbook([.. headers, $"{Day(Today.AddDays(5))} 上午"], [officers[0].IdNumber, "", "", "出勤", "", "", "", "", "", "出勤"]),
            HttpStatusCode.BadRequest);
        var header = Assert.Single(RejectedRows(unknownSession));
        Assert.Equal(1, header.Row);
        Assert.Contains(Day(Today.AddDays(5)), header.Reason);

        Assert.Equal(0, await MarkCountAsync(c.Id()));
    }

    [Fact]
    public async Task AFileThatIsNotAWorkbookIsRefused()
    {
        var officer = await OfficerAsync();
        var (c, _) = await ClassWithAsync([officer]);
        var refused = await UploadAsync($"/api/training-classes/{c.Id()}/attendance/import", "not a workbook"u8.ToArray(), HttpStatusCode.BadRequest);
        Assert.Equal("Import.NotXlsx", refused.Code());
        await UploadAsync($"/api/training-classes/{c.Id()}/attendance/import", [], HttpStatusCode.BadRequest);
        await UploadAsync($"/api/training-classes/{c.Id()}/attendance/import", "x"u8.ToArray(), HttpStatusCode.Forbidden, "town.xiema");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TrainingAttendanceApiTests_Sqlite(SqliteHost host) : TrainingAttendanceApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class TrainingAttendanceApiTests_Postgres(PostgresHost host) : TrainingAttendanceApiTests(host);
