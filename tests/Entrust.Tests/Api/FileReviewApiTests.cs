using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entrust.Tests.Hosting;
using Entrust.Web.Features.Cases;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Tests.Api;

/// <summary>
/// The case-file review (案卷评查, issue 17) through the API on both databases: the draw is the random inspections' draw with a recorded
/// seed, re-run to verify it; it never gives a file to an officer who handled the case, and assigning one by hand is refused (LAW 11);
/// a file graded 不合格 becomes a candidate erroneous case and costs its township points on the documents-and-files indicator.
/// </summary>
public abstract class FileReviewApiTests(HostFixture host) : OfficerTest(host)
{
    private Task<Dictionary<Guid, HashSet<Guid>>> HandlersAsync(IEnumerable<Guid> caseIds)
    {
        var ids = caseIds.ToList();
        return Host.WithDbAsync(async db => (await db.Cases.IgnoreQueryFilters().Include(c => c.Officers).Where(c => ids.Contains(c.Id)).ToListAsync())
            .ToDictionary(c => c.Id, c => c.HandlerIds.ToHashSet()));
    }

    private Task<List<Guid>> DepartmentOfficersAsync(Guid department) =>
        Host.WithDbAsync(db => db.Officers.IgnoreQueryFilters().Where(o => o.DepartmentId == department).OrderBy(o => o.Id).Select(o => o.Id).ToListAsync());

    private static IEnumerable<JsonElement> Files(JsonElement review) => review.GetProperty("files").EnumerateArray();

    private async Task<JsonElement> DemoReviewAsync(string userName = "office")
    {
        var list = await (await As(userName)).GetAsync("/api/file-reviews?year=2026").ExpectAsync(HttpStatusCode.OK);
        return list.EnumerateArray().Single(r => r.GetProperty("townshipId").GetGuid() == Ids.Xiema && r.Str("domain") == "family-planning");
    }

    /// <summary>The demo: three of 歇马镇's five concluded 计划生育 files drawn; the draw re-runs to the same result and hash.</summary>
    [Fact]
    public async Task TheDemoDrawOfXiemasFamilyPlanningFilesIsVerifiable()
    {
        var review = await DemoReviewAsync();
        Assert.Equal(5, review.GetProperty("candidates").GetInt32());
        Assert.Equal(3, Files(review).Count());
        var verified = await (await As("office")).GetAsync($"/api/file-reviews/{review.Id()}/verify").ExpectAsync(HttpStatusCode.OK);
        Assert.True(verified.GetProperty("matches").GetBoolean());
        Assert.Equal(review.Str("seed"), verified.Str("seed"));
        // 歇马镇 sees its own review; 天生街道 does not.
        await DemoReviewAsync("town.xiema");
        var other = await (await As("town.tiansheng")).GetAsync("/api/file-reviews?year=2026").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(other.EnumerateArray(), r => r.GetProperty("townshipId").GetGuid() == Ids.Xiema);
        await (await As("town.tiansheng")).GetAsync($"/api/file-reviews/{review.Id()}").ExpectStatusAsync(HttpStatusCode.NotFound);
    }

    /// <summary>
    /// A pool that holds the officers who handled 歇马镇's cases: the draw gives no file to its handler; it is recorded whole and verifies;
    /// a file's drawn reviewer changed behind the record no longer verifies; the unit is drawn once a year; only the office draws.
    /// </summary>
    [Fact]
    public async Task TheDrawNeverGivesAFileToItsHandlerAndATamperedRecordFailsVerification()
    {
        var concluded = await Host.WithDbAsync(db => db.Cases.IgnoreQueryFilters()
            .Where(c => c.TownshipId == Ids.Xiema).Where(Case.ConcludedWithin(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)))
            .Select(c => c.Id).ToListAsync());
        var handlers = await HandlersAsync(concluded);
        var pool = handlers.Values.SelectMany(h => h).Distinct().Order().Take(4).Concat(await DepartmentOfficersAsync(Ids.Safety)).ToList();
        var body = new { year = 2026, townshipId = Ids.Xiema, reviewerIds = pool, count = concluded.Count };
        await (await As("town.xiema")).PostAsJsonAsync("/api/file-reviews/draw", body).ExpectStatusAsync(HttpStatusCode.Forbidden);
        var office = await As("office");
        var review = await office.PostAsJsonAsync("/api/file-reviews/draw", body).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(concluded.Count, Files(review).Count());
        foreach (var file in Files(review))
        {
            var mine = handlers[file.GetProperty("caseId").GetGuid()];
            Assert.DoesNotContain(file.GetProperty("reviewer1Id").GetGuid(), mine);
            Assert.DoesNotContain(file.GetProperty("reviewer2Id").GetGuid(), mine);
        }
        Assert.True((await office.GetAsync($"/api/file-reviews/{review.Id()}/verify").ExpectAsync(HttpStatusCode.OK)).GetProperty("matches").GetBoolean());
        await office.PostAsJsonAsync("/api/file-reviews/draw", body).ExpectAsync(HttpStatusCode.Conflict);

        var first = Files(review).First();
        var substitute = pool.First(o => o != first.GetProperty("reviewer1Id").GetGuid() && o != first.GetProperty("reviewer2Id").GetGuid());
        await Host.WithDbAsync(db => db.ReviewedFiles.IgnoreQueryFilters().Where(f => f.Id == first.Id())
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.DrawnReviewer1Id, substitute)));
        var tampered = await office.GetAsync($"/api/file-reviews/{review.Id()}/verify").ExpectAsync(HttpStatusCode.OK);
        Assert.False(tampered.GetProperty("matches").GetBoolean());
        Assert.False(tampered.GetProperty("resultMatches").GetBoolean());
    }

    /// <summary>回避 (LAW 11): an officer who handled the case may not review its file; the refusal names the rule and changes nothing.</summary>
    [Fact]
    public async Task AHandlerAssignedAsReviewerIsRefused()
    {
        var review = await DemoReviewAsync();
        var file = Files(review).First();
        var caseId = file.GetProperty("caseId").GetGuid();
        var handler = (await HandlersAsync([caseId]))[caseId].First();
        var outsider = (await DepartmentOfficersAsync(Ids.Forestry))[0];
        var office = await As("office");
        var problem = await office.PostAsJsonAsync($"/api/file-reviews/files/{file.Id()}/reviewers",
            new { reviewer1Id = handler, reviewer2Id = outsider }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("第四十三条", problem.Str("detail"));
        var after = Files(await DemoReviewAsync()).Single(f => f.Id() == file.Id());
        Assert.Equal(file.GetProperty("reviewer1Id").GetGuid(), after.GetProperty("reviewer1Id").GetGuid());
        await (await As("town.xiema")).PostAsJsonAsync($"/api/file-reviews/files/{file.Id()}/reviewers",
            new { reviewer1Id = outsider, reviewer2Id = file.GetProperty("reviewer2Id").GetGuid() }).ExpectStatusAsync(HttpStatusCode.Forbidden);
    }

    /// <summary>
    /// A file scored with no point on body and standing fails: its case becomes a candidate erroneous case (source: the review), and
    /// computing the 2026 round deducts C2's points from 歇马镇, traced to the file. Findings are required for a file that is not 优秀.
    /// </summary>
    [Fact]
    public async Task AFailedFileBecomesAnErroneousCandidateAndCostsItsTownship()
    {
        var review = await DemoReviewAsync();
        var file = Files(review).Last();
        var office = await As("office");
        var url = $"/api/file-reviews/files/{file.Id()}/score";
        var failing = new[] { 0, 20, 15, 15, 8, 8 };
        var problem = await office.PostAsJsonAsync(url, new { scores = failing }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("FileReview.FindingsRequired", problem.Str("code"));
        await office.PostAsJsonAsync(url, new { scores = new[] { 16, 20, 15, 15, 8, 8 }, findings = "x" }).ExpectAsync(HttpStatusCode.BadRequest);
        var scored = await office.PostAsJsonAsync(url, new { scores = failing, findings = "受托乡镇以自己名义作出决定，执法主体不适格" })
            .ExpectAsync(HttpStatusCode.OK);
        var graded = Files(scored).Single(f => f.Id() == file.Id());
        Assert.Equal("Fail", graded.Str("grade"));
        Assert.Equal(66, graded.GetProperty("total").GetInt32());

        var caseId = file.GetProperty("caseId").GetGuid();
        var list = await office.GetAsync("/api/erroneous-cases").ExpectAsync(HttpStatusCode.OK);
        var candidate = Assert.Single(list.GetProperty("candidates").EnumerateArray(), c => c.GetProperty("caseId").GetGuid() == caseId);
        Assert.Equal("CaseFileReview", candidate.Str("source"));

        var round = await office.GetAsync("/api/assessment/rounds/2026").ExpectAsync(HttpStatusCode.OK);
        if (round.Str("state") == "Scoring")
        {
            round = await office.PostAsync("/api/assessment/rounds/2026/compute", null).ExpectAsync(HttpStatusCode.OK);
            var xiema = round.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("unitId").GetGuid() == Ids.Xiema);
            var result = await office.GetAsync($"/api/assessment/results/{xiema.Id()}").ExpectAsync(HttpStatusCode.OK);
            var deduction = Assert.Single(result.GetProperty("deductions").EnumerateArray(),
                d => d.Str("evidenceKind") == "CaseFile" && d.GetProperty("evidenceId").GetGuid() == file.Id());
            Assert.Equal("C2", deduction.Str("indicatorCode"));
            Assert.Equal(3m, deduction.GetProperty("points").GetDecimal());
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class FileReviewApiTests_Sqlite(SqliteHost host) : FileReviewApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class FileReviewApiTests_Postgres(PostgresHost host) : FileReviewApiTests(host);
