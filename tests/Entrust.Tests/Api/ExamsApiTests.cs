using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entrust.Tests.Hosting;

namespace Entrust.Tests.Api;

/// <summary>/api/exams (GET, POST, PUT), /{id}/scores (GET, PUT, template, import) and /{id}/results, with each role's reach.</summary>
public abstract class ExamsApiTests(HostFixture host) : TrainingTest(host)
{
    /// <summary>A class of two 歇马镇 officers and one 天生街道 officer, all present except the last 歇马镇 one (旷课 once).</summary>
    private async Task<(JsonElement Class, Guid Xiema, Guid Barred, Guid Tiansheng)> SatClassAsync()
    {
        var xiema = await OfficerAsync(Ids.Xiema);
        var barred = await OfficerAsync(Ids.Xiema, name: "旷课学员" + UniqueCode(""));
        var tiansheng = await OfficerAsync(Ids.Tiansheng);
        var (c, traineeOf) = await ClassWithAsync([xiema, barred, tiansheng]);
        var sessions = SessionIds(c);
        await AllPresentAsync(c.Id(), traineeOf.Values, sessions);
        await MarkAsync(c.Id(), [Mark(traineeOf[barred.Id], sessions[4], "Unexcused")]);
        return (c, traineeOf[xiema.Id], traineeOf[barred.Id], traineeOf[tiansheng.Id]);
    }

    private static object Score(Guid traineeId, decimal? score) => new { traineeId, score };

    [Fact]
    public async Task TheDemoExamShowsTheSeedsFigures()
    {
        var exam = Assert.Single((await (await As("office")).GetAsync("/api/exams?q=2026年度行政执法资格考试").ExpectAsync(HttpStatusCode.OK)).Items());
        var results = await ResultsAsync(exam.Id());

        static (int, int, int, int) Figures(JsonElement t) => (t.GetProperty("trained").GetInt32(), t.GetProperty("barred").GetInt32(),
            t.GetProperty("sat").GetInt32(), t.GetProperty("passed").GetInt32());
        Assert.Equal((150, 2, 148, 147), Figures(results.GetProperty("overall")));
        Assert.Equal(2, results.GetProperty("byClass").GetArrayLength());
        Assert.Equal(150, results.GetProperty("byClass").EnumerateArray().Sum(c => c.GetProperty("trained").GetInt32()));
        var xiema = results.GetProperty("byUnit").EnumerateArray().Single(u => u.Str("name") == "歇马镇");
        Assert.Equal((10, 0, 10, 10), Figures(xiema));
        Assert.All(results.GetProperty("trainees").EnumerateArray().Where(r => !r.GetProperty("eligibility").GetProperty("eligible").GetBoolean()),
            r => Http.AssertChinese(r.GetProperty("eligibility").Str("reason")));

        // 歇马镇 reads its own ten, all passed.
        var own = await ResultsAsync(exam.Id(), "town.xiema");
        Assert.Equal((10, 0, 10, 10), Figures(own.GetProperty("overall")));
    }

    [Fact]
    public async Task TheOfficeSetsAnExamForTwoClassesAndReadsItBack()
    {
        var a = await ClassAsync();
        var b = await ClassAsync();
        var office = await As("office");

        using var response = await office.PostAsJsonAsync("/api/exams", new
        {
            name = "2026年执法资格考试",
            heldOn = Day(Today.AddDays(-3)),
            fullMark = 100,
            passMark = 60,
            classIds = new[] { a.Id(), b.Id() },
        });
        var exam = await response.ExpectAsync(HttpStatusCode.Created);

        Assert.Equal($"/api/exams/{exam.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal(60m, exam.GetProperty("passMark").GetDecimal());
        Assert.Equal(new[] { a.Id(), b.Id() }.Order(), exam.GetProperty("classes").EnumerateArray().Select(c => c.Id()).Order());
        var read = await office.GetAsync($"/api/exams/{exam.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("2026年执法资格考试", read.Str("name"));
        Assert.Contains((await office.GetAsync("/api/exams?pageSize=200").ExpectAsync(HttpStatusCode.OK)).Items(), e => e.Id() == exam.Id()
            && e.GetProperty("classCount").GetInt32() == 2);
    }

    [Fact]
    public async Task AnExamWithABadPassMarkNoClassOrBeforeTheClassEndsIsRefusedAndNothingWritten()
    {
        var c = await ClassAsync();
        var office = await As("office");
        var name = "无效考试" + UniqueCode("");
        object Body(decimal pass, Guid[] classes, DateOnly heldOn) => new { name, heldOn = Day(heldOn), fullMark = 100, passMark = pass, classIds = classes };

        var pass = await office.PostAsJsonAsync("/api/exams", Body(120, [c.Id()], Today)).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Exam.PassMarkInvalid", pass.Code());
        Http.AssertChinese(pass.Str("detail"));
        var none = await office.PostAsJsonAsync("/api/exams", Body(60, [], Today)).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(none.ErrorsFor("ClassIds"));
        var early = await office.PostAsJsonAsync("/api/exams", Body(60, [c.Id()], Today.AddDays(-9))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Exam.BeforeClassEnds", early.Code());
        var unknown = await office.PostAsJsonAsync("/api/exams", Body(60, [Guid.NewGuid()], Today)).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Exam.UnknownClass", unknown.Code());
        // Another district's class does not exist for this office.
        var foreign = await (await As("office2")).PostAsJsonAsync("/api/exams", Body(60, [c.Id()], Today)).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Exam.UnknownClass", foreign.Code());

        Assert.Equal(0, (await office.GetAsync($"/api/exams?q={name}").ExpectAsync(HttpStatusCode.OK)).Total());
    }

    [Fact]
    public async Task ScoresAreEnteredAndTheResultsCountTrainedBarredSatAndPassedPerClassAndUnit()
    {
        var (c, xiema, barred, tiansheng) = await SatClassAsync();
        var exam = await ExamAsync([c.Id()]);

        var scores = await ScoreAsync(exam.Id(), [Score(xiema, 59.5m), Score(tiansheng, 60)]);
        Assert.Equal(3, scores.GetArrayLength());

        var results = await ResultsAsync(exam.Id());
        var rows = results.GetProperty("trainees").EnumerateArray().ToDictionary(r => r.GetProperty("traineeId").GetGuid());
        Assert.False(rows[xiema].GetProperty("passed").GetBoolean());
        Assert.Equal(59.5m, rows[xiema].GetProperty("score").GetDecimal());
        Assert.True(rows[tiansheng].GetProperty("passed").GetBoolean());
        Assert.False(rows[barred].GetProperty("eligibility").GetProperty("eligible").GetBoolean());
        Assert.Contains("旷课", rows[barred].GetProperty("eligibility").Str("reason"));
        Assert.False(rows[barred].GetProperty("sat").GetBoolean());

        static (int, int, int, int) Figures(JsonElement t) => (t.GetProperty("trained").GetInt32(), t.GetProperty("barred").GetInt32(),
            t.GetProperty("sat").GetInt32(), t.GetProperty("passed").GetInt32());
        Assert.Equal((3, 1, 2, 1), Figures(results.GetProperty("overall")));
        Assert.Equal((3, 1, 2, 1), Figures(Assert.Single(results.GetProperty("byClass").EnumerateArray())));
        var units = results.GetProperty("byUnit").EnumerateArray().ToDictionary(u => u.Str("name"));
        Assert.Equal((2, 1, 1, 0), Figures(units["歇马镇"]));
        Assert.Equal((1, 0, 1, 1), Figures(units["天生街道"]));
        var listed = (await (await As("office")).GetAsync("/api/exams?pageSize=200").ExpectAsync(HttpStatusCode.OK)).Items().Single(e => e.Id() == exam.Id());
        Assert.Equal((2, 1), (listed.GetProperty("sat").GetInt32(), listed.GetProperty("passed").GetInt32()));
    }

    [Fact]
    public async Task ABarredTraineeCantBeScoredAndTheBatchIsRefusedNamingThem()
    {
        var (c, xiema, barred, _) = await SatClassAsync();
        var exam = await ExamAsync([c.Id()]);
        var name = (await ResultsAsync(exam.Id())).GetProperty("trainees").EnumerateArray()
            .Single(r => r.GetProperty("traineeId").GetGuid() == barred).Str("name");

        var refused = await ScoreAsync(exam.Id(), [Score(xiema, 80), Score(barred, 90)], HttpStatusCode.BadRequest);

        var row = Assert.Single(RejectedRows(refused));
        Assert.Equal(2, row.Row);
        Assert.Contains(name, row.Reason);
        Assert.Contains("无考试资格", row.Reason);
        Assert.Equal(0, (await ResultsAsync(exam.Id())).GetProperty("overall").GetProperty("sat").GetInt32());
    }

    [Theory]
    [InlineData(100.5)]
    [InlineData(-1)]
    [InlineData(75.2)]
    public async Task AScoreOutOfRangeIsRefusedAndNothingWritten(decimal bad)
    {
        var (c, xiema, _, tiansheng) = await SatClassAsync();
        var exam = await ExamAsync([c.Id()]);

        var refused = await ScoreAsync(exam.Id(), [Score(tiansheng, 70), Score(xiema, bad)], HttpStatusCode.BadRequest);

        var row = Assert.Single(RejectedRows(refused));
        Assert.Equal(2, row.Row);
        Assert.Contains("0到100之间", row.Reason);
        Assert.Equal(0, (await ResultsAsync(exam.Id())).GetProperty("overall").GetProperty("sat").GetInt32());
    }

    [Fact]
    public async Task ATraineeOfAnotherClassCantBeScored()
    {
        var (c, _, _, _) = await SatClassAsync();
        var (other, _, _, outsider) = await SatClassAsync();
        var exam = await ExamAsync([c.Id()]);
        var refused = await ScoreAsync(exam.Id(), [Score(outsider, 70)], HttpStatusCode.BadRequest);
        Assert.Contains(outsider.ToString(), Assert.Single(RejectedRows(refused)).Reason);
        Assert.NotEqual(c.Id(), other.Id());
    }

    [Fact]
    public async Task AScoredTraineeCantBeBarredAfterwardsUntilTheScoreIsRemoved()
    {
        var (c, xiema, _, _) = await SatClassAsync();
        var exam = await ExamAsync([c.Id()]);
        await ScoreAsync(exam.Id(), [Score(xiema, 88)]);

        var refused = await MarkAsync(c.Id(), [Mark(xiema, SessionIds(c)[0], "Unexcused")], HttpStatusCode.BadRequest);
        Assert.Contains("成绩", Assert.Single(RejectedRows(refused)).Reason);
        Assert.True(RowOf(await RosterAsync(c.Id()), xiema).GetProperty("eligibility").GetProperty("eligible").GetBoolean());

        await ScoreAsync(exam.Id(), [Score(xiema, null)]);
        await MarkAsync(c.Id(), [Mark(xiema, SessionIds(c)[0], "Unexcused")]);
    }

    [Fact]
    public async Task ATownshipReadsOnlyItsOwnTraineesResultsAndCantEnterScores()
    {
        var (c, xiema, barred, tiansheng) = await SatClassAsync();
        var exam = await ExamAsync([c.Id()]);
        await ScoreAsync(exam.Id(), [Score(xiema, 90), Score(tiansheng, 95)]);

        var results = await ResultsAsync(exam.Id(), "town.xiema");
        Assert.Equal(new[] { barred, xiema }.Order(), results.GetProperty("trainees").EnumerateArray().Select(r => r.GetProperty("traineeId").GetGuid()).Order());
        Assert.Equal("歇马镇", Assert.Single(results.GetProperty("byUnit").EnumerateArray()).Str("name"));
        Assert.Equal(2, results.GetProperty("overall").GetProperty("trained").GetInt32());
        var scores = await (await As("town.xiema")).GetAsync($"/api/exams/{exam.Id()}/scores").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(scores.EnumerateArray(), r => r.GetProperty("traineeId").GetGuid() == tiansheng);

        await ScoreAsync(exam.Id(), [Score(xiema, 10)], HttpStatusCode.Forbidden, "town.xiema");
        await ScoreAsync(exam.Id(), [Score(xiema, 10)], HttpStatusCode.Forbidden, "auditor");
        await (await As("town.xiema")).PostAsJsonAsync("/api/exams", new { name = "x" }).ExpectStatusAsync(HttpStatusCode.Forbidden);
        Assert.Equal(3, (await ResultsAsync(exam.Id(), "auditor")).GetProperty("overall").GetProperty("trained").GetInt32());
        await (await As("officer.xiema")).GetAsync($"/api/exams/{exam.Id()}/results").ExpectStatusAsync(HttpStatusCode.Forbidden);
        Assert.Equal(90m, (await ResultsAsync(exam.Id())).GetProperty("trainees").EnumerateArray()
            .Single(r => r.GetProperty("traineeId").GetGuid() == xiema).GetProperty("score").GetDecimal());
    }

    [Fact]
    public async Task AnotherDistrictsExamDoesNotExistForThem()
    {
        var (c, xiema, _, _) = await SatClassAsync();
        var exam = await ExamAsync([c.Id()]);
        var other = await As("office2");
        await other.GetAsync($"/api/exams/{exam.Id()}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await other.GetAsync($"/api/exams/{exam.Id()}/results").ExpectStatusAsync(HttpStatusCode.NotFound);
        await ScoreAsync(exam.Id(), [Score(xiema, 80)], HttpStatusCode.NotFound, "office2");
        Assert.Equal(0, (await ResultsAsync(exam.Id())).GetProperty("overall").GetProperty("sat").GetInt32());
    }

    [Fact]
    public async Task RaisingThePassMarkDecidesPassingAgain()
    {
        var (c, xiema, _, tiansheng) = await SatClassAsync();
        var exam = await ExamAsync([c.Id()]);
        await ScoreAsync(exam.Id(), [Score(xiema, 65), Score(tiansheng, 85)]);

        await (await As("office")).PutAsJsonAsync($"/api/exams/{exam.Id()}", new
        {
            name = exam.Str("name"),
            heldOn = exam.Str("heldOn"),
            fullMark = 100,
            passMark = 70,
        }).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(1, (await ResultsAsync(exam.Id())).GetProperty("overall").GetProperty("passed").GetInt32());
        var tooLow = await (await As("office")).PutAsJsonAsync($"/api/exams/{exam.Id()}", new
        {
            name = exam.Str("name"),
            heldOn = exam.Str("heldOn"),
            fullMark = 80,
            passMark = 60,
        }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Exam.ScoreOutOfRange", tooLow.Code());
        Assert.Equal(100m, (await (await As("office")).GetAsync($"/api/exams/{exam.Id()}").ExpectAsync(HttpStatusCode.OK)).GetProperty("fullMark").GetDecimal());
    }

    [Fact]
    public async Task TheScoreSheetListsEveryTraineeAndAFilledOneIsImported()
    {
        var (c, xiema, barred, tiansheng) = await SatClassAsync();
        var exam = await ExamAsync([c.Id()]);

        var sheet = await DownloadAsync($"/api/exams/{exam.Id()}/scores/template");
        Assert.Equal(["身份证号", "姓名", "所属单位", "培训班", "考试资格", "成绩"], sheet[0]);
        Assert.Equal(4, sheet.Count);
        Assert.Single(sheet, r => r[4] == "取消考试资格");

        var filled = sheet.Skip(1).Select(r => (object?[])[r[0], r[1], r[2], r[3], r[4], r[4] == "取消考试资格" ? "" : "78.5"]).ToArray();
        var result = await UploadAsync($"/api/exams/{exam.Id()}/scores/import", Workbook(sheet[0], filled), HttpStatusCode.OK);
        Assert.Equal(2, result.GetProperty("changed").GetInt32());

        var rows = (await ResultsAsync(exam.Id())).GetProperty("trainees").EnumerateArray().ToDictionary(r => r.GetProperty("traineeId").GetGuid());
        Assert.Equal(78.5m, rows[xiema].GetProperty("score").GetDecimal());
        Assert.Equal(78.5m, rows[tiansheng].GetProperty("score").GetDecimal());
        Assert.Equal(JsonValueKind.Null, rows[barred].GetProperty("score").ValueKind);
        await (await As("town.xiema")).GetAsync($"/api/exams/{exam.Id()}/scores/template").ExpectStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AScoreSheetWithABarredTraineeAnUnknownOneOrABadScoreIsRejectedWholeNamingTheRows()
    {
        var (c, _, _, _) = await SatClassAsync();
        var exam = await ExamAsync([c.Id()]);
        var stranger = await OfficerAsync(name: "非考生" + UniqueCode(""));
        var sheet = await DownloadAsync($"/api/exams/{exam.Id()}/scores/template");
        var barredRow = sheet.FindIndex(r => r[4] == "取消考试资格");
        var eligibleRows = Enumerable.Range(1, 3).Where(i => i != barredRow).ToList();
        object?[] Row(string idNumber, string score) => [idNumber, "", "", "", "", score];

        var refused = await UploadAsync($"/api/exams/{exam.Id()}/scores/import", Workbook(sheet[0],
            Row(sheet[eligibleRows[0]][0], "80"),
            Row(sheet[barredRow][0], "90"),
            Row(stranger.IdNumber, "70"),
            Row(sheet[eligibleRows[1]][0], "优秀"),
            Row(sheet[eligibleRows[1]][0], "101")), HttpStatusCode.BadRequest);

        var rows = RejectedRows(refused);
        Assert.Equal([3, 4, 5, 6], rows.Select(r => r.Row).Distinct().ToArray());
        Assert.Contains("无考试资格", rows.Single(r => r.Row == 3).Reason);
        Assert.Contains(stranger.IdNumber, rows.Single(r => r.Row == 4).Reason);
        Assert.Contains("优秀", rows.Single(r => r.Row == 5).Reason);
        Http.AssertChinese(refused.Str("detail"));
        Assert.Equal(0, (await ResultsAsync(exam.Id())).GetProperty("overall").GetProperty("sat").GetInt32());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ExamsApiTests_Sqlite(SqliteHost host) : ExamsApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class ExamsApiTests_Postgres(PostgresHost host) : ExamsApiTests(host);
