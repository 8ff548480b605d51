using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entrust.Tests.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Tests.Api;

/// <summary>
/// Issue 17 through the API on both databases: schemes are versioned and a fine-based indicator is refused (LAW 28); a case revoked on
/// reconsideration is a candidate, the office confirms it as an erroneous case, and the 2026 round's computation deducts from 歇马镇 AND
/// from the entrusting department (双扣分制, LAW 29), each deduction linked to the confirming decision; a unit sees its own result and
/// appeal, the auditor all, other units get 404.
/// </summary>
public abstract class AssessmentApiTests(HostFixture host) : OfficerTest(host)
{
    private DateOnly Ago(int days) => Today.AddDays(-days);

    private async Task<JsonElement> RoundAsync(int year, string userName = "office")
    {
        var office = await As("office");
        var got = await office.GetAsync($"/api/assessment/rounds/{year}");
        if (got.StatusCode == HttpStatusCode.NotFound)
        {
            await office.PostAsync($"/api/assessment/rounds/{year}", null).ExpectAsync(HttpStatusCode.Created);
        }
        return await (await As(userName)).GetAsync($"/api/assessment/rounds/{year}").ExpectAsync(HttpStatusCode.OK);
    }

    private static JsonElement ResultOf(JsonElement round, Guid unit) =>
        round.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("unitId").GetGuid() == unit);

    private async Task<JsonElement> ResultAsync(Guid id, string userName = "office") =>
        await (await As(userName)).GetAsync($"/api/assessment/results/{id}").ExpectAsync(HttpStatusCode.OK);

    private Task<int> SchemeCountAsync() => Host.WithDbAsync(db => db.Schemes.IgnoreQueryFilters().CountAsync());

    [Fact]
    public async Task ASchemeIsVersionedAndAFineIndicatorIsRefused()
    {
        var office = await As("office");
        var first = await office.PostAsJsonAsync("/api/assessment/schemes", new { year = 2023 }).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(1, first.GetProperty("version").GetInt32());
        Assert.Equal(100m, first.GetProperty("indicators").EnumerateArray().Sum(i => i.GetProperty("points").GetDecimal()));
        var second = await office.PostAsJsonAsync("/api/assessment/schemes", new { year = 2023, erroneousDepartmentPoints = 4 })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(2, second.GetProperty("version").GetInt32());
        Assert.Equal(4m, second.GetProperty("erroneousDepartmentPoints").GetDecimal());

        // LAW 28: neither a fine measure nor an indicator named for fine money; nothing is written.
        var count = await SchemeCountAsync();
        object Indicator(string name, string kind, string? measure, decimal points) =>
            new { section = "执法业绩", code = "F1", name, points, kind, measure, deductPer = 1m, appliesTo = "Township" };
        foreach (var indicators in new[]
        {
            new[] { Indicator("罚没款收缴", "Automatic", "FinesCollected", 100m) },
            new[] { Indicator("完成年度罚款任务", "Manual", null, 100m) },
        })
        {
            var problem = await office.PostAsJsonAsync("/api/assessment/schemes", new { year = 2023, indicators })
                .ExpectAsync(HttpStatusCode.BadRequest);
            Assert.Contains("第七十四条", problem.Str("detail"));
        }
        Assert.Equal(count, await SchemeCountAsync());
        await (await As("town.xiema")).PostAsJsonAsync("/api/assessment/schemes", new { year = 2023 }).ExpectStatusAsync(HttpStatusCode.Forbidden);
        var listed = await office.GetAsync("/api/assessment/schemes?year=2023").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([2, 1], listed.EnumerateArray().Select(s => s.GetProperty("version").GetInt32()));
    }

    /// <summary>Once the year's round has started, its scheme is frozen: no new version (409), and the round keeps the one it froze.</summary>
    [Fact]
    public async Task StartingTheRoundFreezesItsScheme()
    {
        var office = await As("office");
        await office.PostAsJsonAsync("/api/assessment/schemes", new { year = 2022, appealWorkingDays = 7 }).ExpectAsync(HttpStatusCode.Created);
        var round = await RoundAsync(2022);
        var scheme = Assert.Single((await office.GetAsync("/api/assessment/schemes?year=2022").ExpectAsync(HttpStatusCode.OK)).EnumerateArray());
        Assert.True(scheme.GetProperty("frozen").GetBoolean());
        Assert.Equal(scheme.Id(), round.GetProperty("schemeId").GetGuid());
        await office.PostAsJsonAsync("/api/assessment/schemes", new { year = 2022 }).ExpectAsync(HttpStatusCode.Conflict);
        await office.PostAsync("/api/assessment/rounds/2022", null).ExpectAsync(HttpStatusCode.Conflict);
    }

    private async Task<Guid> CertifiedAsync(string name)
    {
        var officer = await PassedOfficerAsync(Ids.Xiema, name + Guid.NewGuid().ToString("N")[..4]);
        await (await As("office")).PostAsJsonAsync("/api/certificates",
            new { officerId = officer, domains = new[] { "forestry" }, issuedOn = Day(Today.AddDays(-30)) }).ExpectAsync(HttpStatusCode.Created);
        return officer;
    }

    private async Task<JsonElement> Step(Guid id, string step, object body) =>
        await (await As("town.xiema")).PostAsJsonAsync($"/api/cases/{id}/{step}", body).ExpectAsync(HttpStatusCode.OK);

    /// <summary>A forestry case of 歇马镇 (委托 by the forestry bureau) decided, then revoked on reconsideration.</summary>
    private async Task<Guid> RevokedCaseAsync()
    {
        var matter = await DemoMatterAsync("198-05");
        var (first, second) = (await CertifiedAsync("错甲"), await CertifiedAsync("错乙"));
        var id = (await (await As("town.xiema")).PostAsJsonAsync("/api/cases", new
        {
            matterId = matter,
            partyKind = "Person",
            partyName = "周某",
            partyIdentifier = NewIdNumber(),
            facts = "未经批准擅自砍伐林木2立方米",
            actOn = Day(Ago(24)),
            filedOn = Day(Ago(19)),
            officerIds = new[] { first, second },
        }).ExpectAsync(HttpStatusCode.Created)).GetProperty("case").Id();
        await Step(id, "investigate", new { on = Day(Ago(19)), officerIds = new[] { first, second } });
        await (await As("town.xiema")).PostAsJsonAsync($"/api/cases/{id}/evidence", new
        {
            collectedOn = Day(Ago(19)),
            kind = "现场勘验笔录",
            description = "伐桩8个",
            officerIds = new[] { first, second },
        }).ExpectAsync(HttpStatusCode.Created);
        await Step(id, "notify", new { on = Day(Ago(19)), penalty = new { warning = false, fine = 800m }, factsReasonsAndBasis = "依据《森林法》第七十六条，拟处罚款" });
        await Step(id, "waive", new { on = Day(Ago(19)) });
        await Step(id, "decide", new { on = Day(Ago(18)), penalty = new { warning = false, fine = 800m } });
        var office = await As("office");
        var remedy = (await office.PostAsJsonAsync($"/api/cases/{id}/remedies",
                new { kind = "Reconsideration", filedOn = Day(Ago(10)), body = "重庆市北碚区人民政府" }).ExpectAsync(HttpStatusCode.Created))
            .GetProperty("case").GetProperty("remedies").EnumerateArray().Last().Id();
        await office.PostAsJsonAsync($"/api/cases/{id}/remedies/{remedy}/outcome", new { outcome = "Revoked", on = Day(Ago(3)) })
            .ExpectAsync(HttpStatusCode.OK);
        return id;
    }

    /// <summary>
    /// 双扣分制 (LAW 29): the office confirms the revoked case as an erroneous case; computing the 2026 round deducts the scheme's points
    /// from 歇马镇 and from the forestry bureau, each deduction linked to the erroneous-case decision. A second decision on the case is refused.
    /// </summary>
    [Fact]
    public async Task AConfirmedErroneousCaseDeductsFromTheTownshipAndTheEntrustingDepartment()
    {
        var caseId = await RevokedCaseAsync();
        var office = await As("office");
        var list = await office.GetAsync("/api/erroneous-cases").ExpectAsync(HttpStatusCode.OK);
        var candidate = Assert.Single(list.GetProperty("candidates").EnumerateArray(), c => c.GetProperty("caseId").GetGuid() == caseId);
        Assert.Equal("Entrustment", candidate.Str("mode"));

        // Reasons are required; the refusal writes nothing.
        await office.PostAsJsonAsync("/api/erroneous-cases", new { caseId, decision = "Confirmed", fault = "FactsUnclear", decisionNumber = "北碚法制〔2026〕9号" })
            .ExpectAsync(HttpStatusCode.BadRequest);
        await (await As("town.xiema")).PostAsJsonAsync("/api/erroneous-cases",
            new { caseId, decision = "Dismissed", reasons = "无过错" }).ExpectStatusAsync(HttpStatusCode.Forbidden);
        var confirmed = await office.PostAsJsonAsync("/api/erroneous-cases", new
        {
            caseId,
            decision = "Confirmed",
            fault = "FactsUnclear",
            reasons = "砍伐数量认定依据不足，复议决定撤销",
            decisionNumber = "北碚法制〔2026〕9号",
        }).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(Ids.Xiema, confirmed.GetProperty("townshipId").GetGuid());
        Assert.Equal(Ids.Forestry, confirmed.GetProperty("departmentId").GetGuid());
        await office.PostAsJsonAsync("/api/erroneous-cases", new { caseId, decision = "Dismissed", reasons = "再议" }).ExpectAsync(HttpStatusCode.Conflict);

        await RoundAsync(2026);
        var round = await office.PostAsync("/api/assessment/rounds/2026/compute", null).ExpectAsync(HttpStatusCode.OK);
        foreach (var (unit, points) in new[] { (Ids.Xiema, 5m), (Ids.Forestry, 3m) })
        {
            var result = await ResultAsync(ResultOf(round, unit).Id());
            var deduction = Assert.Single(result.GetProperty("deductions").EnumerateArray(),
                d => d.Str("evidenceKind") == "ErroneousCase" && d.GetProperty("evidenceId").GetGuid() == confirmed.Id());
            Assert.Equal(points, deduction.GetProperty("points").GetDecimal());
            Assert.Contains("北碚法制〔2026〕9号", deduction.Str("label"));
            // Every point lost is a traced deduction: the score is what they leave of the 100.
            Assert.Equal(100m - result.GetProperty("deductions").EnumerateArray().Sum(d => d.GetProperty("points").GetDecimal()),
                result.GetProperty("result").GetProperty("score").GetDecimal());
            Assert.All(result.GetProperty("deductions").EnumerateArray(), d => Assert.False(string.IsNullOrEmpty(d.Str("label"))));
        }
        // The revoked reconsideration also costs 歇马镇 its 2 points under case quality, traced to the remedy.
        var xiema = await ResultAsync(ResultOf(round, Ids.Xiema).Id());
        Assert.Contains(xiema.GetProperty("deductions").EnumerateArray(), d => d.Str("indicatorCode") == "D1" && d.Str("evidenceKind") == "Remedy");
        // Another department loses nothing for it.
        var safety = await ResultAsync(ResultOf(round, Ids.Safety).Id());
        Assert.DoesNotContain(safety.GetProperty("deductions").EnumerateArray(), d => d.Str("evidenceKind") == "ErroneousCase"
            && d.GetProperty("evidenceId").GetGuid() == confirmed.Id());
    }

    /// <summary>A unit sees its own result only; another unit's result is 404; the auditor reads them all; the department its own.</summary>
    [Fact]
    public async Task AUnitSeesItsOwnResultTheAuditorAll()
    {
        var office = await RoundAsync(2026);
        var all = office.GetProperty("results").GetArrayLength();
        Assert.True(all >= 17 + 13);
        var township = await RoundAsync(2026, "town.xiema");
        Assert.Equal(Ids.Xiema, Assert.Single(township.GetProperty("results").EnumerateArray()).GetProperty("unitId").GetGuid());
        var department = await RoundAsync(2026, "dept.forestry");
        Assert.Equal(Ids.Forestry, Assert.Single(department.GetProperty("results").EnumerateArray()).GetProperty("unitId").GetGuid());
        Assert.Equal(all, (await RoundAsync(2026, "auditor")).GetProperty("results").GetArrayLength());

        var tiansheng = ResultOf(office, Ids.Tiansheng).Id();
        await (await As("town.xiema")).GetAsync($"/api/assessment/results/{tiansheng}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("dept.forestry")).GetAsync($"/api/assessment/results/{tiansheng}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await ResultAsync(tiansheng, "auditor");
        await ResultAsync(tiansheng, "town.tiansheng");
        // The auditor reads; it neither computes nor publishes.
        await (await As("auditor")).PostAsync("/api/assessment/rounds/2026/compute", null).ExpectStatusAsync(HttpStatusCode.Forbidden);
    }

    /// <summary>
    /// The 2025 round: 歇马镇 self-assesses, the office scores the manual 案卷 indicator with evidence, computes and publishes; 歇马镇 appeals
    /// within the window and sees its appeal; 天生街道 can't see it; the office answers; the round is not final while the window is open.
    /// </summary>
    [Fact]
    public async Task AUnitAppealsItsPublishedResultAndTheOfficeAnswers()
    {
        var round = await RoundAsync(2025);
        var xiema = ResultOf(round, Ids.Xiema).Id();
        var town = await As("town.xiema");
        var office = await As("office");
        await town.PostAsJsonAsync("/api/assessment/rounds/2025/self-assessment", new { score = 96m, text = "全年按时报送月报，无错案" })
            .ExpectAsync(HttpStatusCode.OK);
        await town.PostAsJsonAsync("/api/assessment/rounds/2025/appeals", new { text = "早了" }).ExpectAsync(HttpStatusCode.Conflict);
        await office.PostAsJsonAsync("/api/assessment/rounds/2025/scores",
            new { resultId = xiema, indicatorCode = "C1", deduct = 2m, evidence = "评查案卷3卷，1卷告知书缺送达回证" }).ExpectAsync(HttpStatusCode.OK);
        await office.PostAsJsonAsync("/api/assessment/rounds/2025/scores",
            new { resultId = xiema, indicatorCode = "E1", deduct = 2m, evidence = "自动项不能人工评分" }).ExpectAsync(HttpStatusCode.BadRequest);
        await office.PostAsync("/api/assessment/rounds/2025/publish", null).ExpectAsync(HttpStatusCode.Conflict); // not computed yet
        await office.PostAsync("/api/assessment/rounds/2025/compute", null).ExpectAsync(HttpStatusCode.OK);
        var published = await office.PostAsync("/api/assessment/rounds/2025/publish", null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Published", published.Str("state"));
        Assert.True(DateOnly.Parse(published.Str("appealUntil")) > Today);

        var mine = await ResultAsync(xiema, "town.xiema");
        Assert.True(mine.GetProperty("mayAppeal").GetBoolean());
        var manual = Assert.Single(mine.GetProperty("deductions").EnumerateArray(), d => d.Str("indicatorCode") == "C1");
        Assert.Equal("Manual", manual.Str("evidenceKind"));
        Assert.Contains("送达回证", manual.Str("label"));
        var before = mine.GetProperty("result").GetProperty("score").GetDecimal();

        await town.PostAsJsonAsync("/api/assessment/rounds/2025/appeals", new { text = "送达回证已补入卷宗" }).ExpectAsync(HttpStatusCode.OK);
        await town.PostAsJsonAsync("/api/assessment/rounds/2025/appeals", new { text = "再申诉" }).ExpectAsync(HttpStatusCode.Conflict);
        await (await As("town.tiansheng")).GetAsync($"/api/assessment/results/{xiema}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await office.PostAsync("/api/assessment/rounds/2025/finalise", null).ExpectAsync(HttpStatusCode.Conflict);
        var decided = await office.PostAsJsonAsync($"/api/assessment/rounds/2025/appeals/{xiema}/decision",
            new { accepted = true, pointsRestored = 2m, reply = "经核，送达回证已归档，恢复2分" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Accepted", decided.GetProperty("result").Str("appeal"));
        Assert.Equal(before + 2m, decided.GetProperty("result").GetProperty("score").GetDecimal());
        var seen = await ResultAsync(xiema, "town.xiema");
        Assert.Equal("经核，送达回证已归档，恢复2分", seen.Str("appealReply"));
        // Scoring is over once published.
        await office.PostAsync("/api/assessment/rounds/2025/compute", null).ExpectAsync(HttpStatusCode.Conflict);
    }

    /// <summary>
    /// A1 (training days, computed): a certified officer of 歇马镇 present at training on three days of 2026 costs nothing; once the record
    /// shows one of those days missed (both sessions 旷课), computing the round deducts A1's point from 歇马镇, traced to the officer.
    /// </summary>
    [Fact]
    public async Task TrainingDaysAreCountedFromTheAttendanceRecords()
    {
        var officer = await CertifiedAsync("培训天数");
        await RoundAsync(2026);
        var office = await As("office");
        async Task<JsonElement?> DeductionAsync()
        {
            var round = await office.PostAsync("/api/assessment/rounds/2026/compute", null).ExpectAsync(HttpStatusCode.OK);
            var result = await ResultAsync(ResultOf(round, Ids.Xiema).Id());
            return result.GetProperty("deductions").EnumerateArray()
                .Where(d => d.Str("indicatorCode") == "A1" && d.GetProperty("evidenceId").GetGuid() == officer).Cast<JsonElement?>().SingleOrDefault();
        }
        Assert.Null(await DeductionAsync());

        await Host.WithDbAsync(async db =>
        {
            var trainee = await db.Trainees.IgnoreQueryFilters().Where(t => t.OfficerId == officer).Select(t => t.Id).SingleAsync();
            var first = await db.Attendances.IgnoreQueryFilters().Where(a => a.TraineeId == trainee)
                .Join(db.TrainingSessions.IgnoreQueryFilters(), a => a.SessionId, s => s.Id, (a, s) => s.Date).MinAsync();
            var sessions = db.TrainingSessions.IgnoreQueryFilters().Where(s => s.Date == first).Select(s => s.Id);
            return await db.Attendances.IgnoreQueryFilters().Where(a => a.TraineeId == trainee && sessions.Contains(a.SessionId))
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.Mark, Entrust.Web.Features.Training.AttendanceMark.Unexcused));
        });
        var deduction = await DeductionAsync();
        Assert.NotNull(deduction);
        Assert.Equal("Officer", deduction.Value.Str("evidenceKind"));
        Assert.Equal(1m, deduction.Value.GetProperty("points").GetDecimal());
        Assert.Contains("参加培训2天（要求3天）", deduction.Value.Str("label"));
    }

    /// <summary>
    /// 赋权评估 (LAW 8): a grant to 天生街道 in force in 2026 with no case filed under it is rated unused and put up for review; 天生街道 and
    /// 区安监局 see it, 歇马镇 does not; a year without a round has no evaluation.
    /// </summary>
    [Fact]
    public async Task EachGrantInForceIsEvaluatedFromItsRecords()
    {
        var matter = await ScopedMatterAsync(Ids.Safety, kind: "Penalty");
        var grant = (await InForceAsync(AgreementBody(Ids.Safety, Ids.Tiansheng, [MatterItem(matter.Id, "GeneralPenalty")], mode: "Grant",
            grantDecisionNumber: "渝府发〔2026〕7号"))).Id();
        await RoundAsync(2026);
        async Task<JsonElement?> EvaluationAsync(string userName) =>
            (await (await As(userName)).GetAsync("/api/assessment/rounds/2026/grants").ExpectAsync(HttpStatusCode.OK)).EnumerateArray()
                .Where(g => g.GetProperty("agreementId").GetGuid() == grant).Cast<JsonElement?>().SingleOrDefault();
        var evaluation = await EvaluationAsync("office");
        Assert.NotNull(evaluation);
        Assert.Equal("Unused", evaluation.Value.Str("rating"));
        Assert.Equal("Review", evaluation.Value.Str("advice"));
        Assert.Equal(0, evaluation.Value.GetProperty("use").GetProperty("filed").GetInt32());
        Assert.Equal("渝府发〔2026〕7号", evaluation.Value.Str("grantDecisionNumber"));
        Assert.NotNull(await EvaluationAsync("town.tiansheng"));
        Assert.NotNull(await EvaluationAsync("dept.safety"));
        Assert.Null(await EvaluationAsync("town.xiema"));
        await (await As("office")).GetAsync("/api/assessment/rounds/2019/grants").ExpectStatusAsync(HttpStatusCode.NotFound);
        // The annual report carries the evaluation (LAW 8: a grant is evaluated periodically).
        var report = await (await As("office")).GetAsync("/api/assessment/rounds/2026/report");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        using (var doc = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await report.Content.ReadAsByteArrayAsync()), false))
        {
            var body = doc.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains("四、赋权事项评估", body);
            Assert.Contains("渝府发〔2026〕7号）：立案0件", body);
            Assert.Contains("未行使，提请评估调整或收回赋权", body);
        }
        Assert.Contains($"data-grant=\"{grant}\" data-rating=\"Unused\"",
            await (await ConsoleSignIn.SignInAsync(Host, "office")).GetStringAsync("/Assessment?year=2026"));
    }

    /// <summary>The demo district: the 2026 round in progress on the default scheme (version 1, frozen), 歇马镇 self-assessed.</summary>
    [Fact]
    public async Task TheDemoRoundOf2026IsInProgressOnTheDefaultScheme()
    {
        var round = await (await As("office")).GetAsync("/api/assessment/rounds/2026").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Scoring", round.Str("state"));
        Assert.Equal(1, round.GetProperty("schemeVersion").GetInt32());
        Assert.Equal(96m, ResultOf(round, Ids.Xiema).GetProperty("selfScore").GetDecimal());
        var scheme = Assert.Single((await (await As("town.xiema")).GetAsync("/api/assessment/schemes?year=2026").ExpectAsync(HttpStatusCode.OK))
            .EnumerateArray());
        Assert.True(scheme.GetProperty("frozen").GetBoolean());
        Assert.Contains(scheme.GetProperty("indicators").EnumerateArray(), i => i.Str("code") == "C1" && i.Str("kind") == "Manual");
    }

    /// <summary>The results as .xlsx (a unit gets its own row) and the annual report as .docx for the office and the auditor (LAW 27).</summary>
    [Fact]
    public async Task TheResultsExportAndTheAnnualReportIsDraftedFromTheRecords()
    {
        await RoundAsync(2026);
        var office = await As("office");
        var report = await office.GetAsync("/api/assessment/rounds/2026/report");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", report.Content.Headers.ContentType?.MediaType);
        var bytes = await report.Content.ReadAsByteArrayAsync();
        using (var doc = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(bytes), false))
        {
            var body = doc.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains("2026年度行政执法责任制落实情况报告", body);
            Assert.Contains("歇马镇", body);
        }
        Assert.Equal(HttpStatusCode.OK, (await (await As("auditor")).GetAsync("/api/assessment/rounds/2026/report")).StatusCode);
        await (await As("town.xiema")).GetAsync("/api/assessment/rounds/2026/report").ExpectStatusAsync(HttpStatusCode.Forbidden);

        var xlsx = await (await As("town.xiema")).GetAsync("/api/assessment/rounds/2026/xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())).ToList();
        Assert.Equal(4, rows.Count); // title, heading, header, 歇马镇's row
        Assert.Equal("歇马镇", (string)((IDictionary<string, object>)rows[3])["B"]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AssessmentApiTests_Sqlite(SqliteHost host) : AssessmentApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class AssessmentApiTests_Postgres(PostgresHost host) : AssessmentApiTests(host);
