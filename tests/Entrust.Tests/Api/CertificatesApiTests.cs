using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entrust.Tests.Hosting;

namespace Entrust.Tests.Api;

/// <summary>/api/certificates and /api/qualification-settings: issuing only to those who passed, numbers, the changes, scope.</summary>
public abstract class CertificatesApiTests(HostFixture host) : OfficerTest(host)
{
    private async Task<JsonElement> RefusedIssueAsync(Guid officerId, HttpStatusCode status, string code, string[]? domains = null,
        string? number = null, string userName = "office")
    {
        var before = await CertificateCountAsync();
        var problem = await IssueAsync(officerId, domains ?? ["work-safety"], number, userName, status);
        if (code.Length > 0)
        {
            Assert.Equal(code, problem.Code());
            Http.AssertChinese(problem.Str("detail"));
        }
        Assert.Equal(before, await CertificateCountAsync());
        Assert.Empty(await CertificatesOfAsync(officerId));
        return problem;
    }

    [Fact]
    public async Task APassedOfficerGetsTheNextNumberOfTheYearAndTheExamItRestsOn()
    {
        var first = await PassedOfficerAsync(Ids.Xiema);
        var second = await OfficerOfAsync(Ids.Xiema);
        var score = await PassedAsync(second);

        var a = await IssueAsync(first, ["work-safety", "林业"]);
        var b = await IssueAsync(second, ["food-hygiene"]);

        Assert.Matches($"^渝执{Today.Year}\\d{{5}}$", a.Str("number"));
        Assert.Equal(int.Parse(a.Str("number")[^5..]) + 1, int.Parse(b.Str("number")[^5..]));
        Assert.Equal(["work-safety", "forestry"], a.GetProperty("domains").EnumerateArray().Select(d => d.GetString()!));
        Assert.Equal(score, b.GetProperty("examScoreId").GetGuid());
        Assert.Equal("Valid", b.Str("validity"));
        Assert.Equal(Day(Today), b.Str("issuedOn"));
        Assert.Equal(Day(Today.AddYears(3).AddDays(-1)), b.Str("expiresOn"));
        Assert.Equal(Day(Today.AddMonths(12)), b.Str("reviewDueOn"));
    }

    [Fact]
    public async Task ADuplicateNumberIsRefusedWith409AndNothingIsWritten()
    {
        var holder = await PassedOfficerAsync(Ids.Xiema);
        var number = $"渝执{Today.Year}{Random.Shared.Next(90000, 99999)}";
        await IssueAsync(holder, ["work-safety"], number);

        var other = await PassedOfficerAsync(Ids.Tiansheng);
        var problem = await RefusedIssueAsync(other, HttpStatusCode.Conflict, "Certificate.NumberTaken", number: number);
        Assert.Contains(number, Assert.Single(problem.ErrorsFor("Number")));

        // Unique on the whole platform: another district may not reuse it either.
        var elsewhere = (await CreateOfficerAsync(OfficerBody(Ids.SecondTownship), "office2")).Id();
        await PassedAsync(elsewhere);
        await RefusedIssueAsync(elsewhere, HttpStatusCode.Conflict, "Certificate.NumberTaken", number: number, userName: "office2");
    }

    [Fact]
    public async Task ANumberTypedOutsideTheFormatIsRefused()
    {
        var officer = await PassedOfficerAsync(Ids.Xiema);
        var problem = await RefusedIssueAsync(officer, HttpStatusCode.BadRequest, "Certificate.NumberFormatMismatch", number: "渝执12345");
        Assert.Contains($"渝执{Today.Year}00001", problem.Str("detail"));
    }

    [Fact]
    public async Task AFailedTraineeGetsNoCertificate()
    {
        var officer = await OfficerOfAsync(Ids.Xiema, "周失");
        await ScoredAsync(officer, 45m);
        var problem = await RefusedIssueAsync(officer, HttpStatusCode.BadRequest, "Certificate.ExamFailed");
        Assert.Contains("45", problem.Str("detail"));
        Assert.Contains("周失", problem.Str("detail"));
    }

    [Fact]
    public async Task ABarredTraineeGetsNoCertificate()
    {
        var officer = await OfficerOfAsync(Ids.Xiema, "吴缺");
        await BarredAsync(officer);
        var problem = await RefusedIssueAsync(officer, HttpStatusCode.BadRequest, "Certificate.TraineeBarred");
        Assert.Contains("旷课1次", problem.Str("detail"));
    }

    [Fact]
    public async Task AnOfficerWithoutAnExamGetsNoCertificate()
    {
        var officer = await OfficerOfAsync(Ids.Xiema);
        await RefusedIssueAsync(officer, HttpStatusCode.BadRequest, "Certificate.NoPassedExam");
    }

    [Fact]
    public async Task AContractWorkerGetsNoCertificateEvenAfterPassing()
    {
        var officer = await OfficerOfAsync(Ids.Xiema, "郑聘", staffType: "Contract");
        await PassedAsync(officer);
        var problem = await RefusedIssueAsync(officer, HttpStatusCode.BadRequest, "Certificate.NotEstablishedStaff");
        Assert.Contains("在编在职", problem.Str("detail"));
    }

    [Fact]
    public async Task UnknownDomainsOrNoneAreRefused()
    {
        var officer = await PassedOfficerAsync(Ids.Xiema);
        await RefusedIssueAsync(officer, HttpStatusCode.BadRequest, "Certificate.UnknownDomain", ["astrology"]);
        await RefusedIssueAsync(officer, HttpStatusCode.BadRequest, "Certificate.DomainsRequired", []);
        await RefusedIssueAsync(Guid.NewGuid(), HttpStatusCode.BadRequest, "Certificate.UnknownOfficer");
    }

    [Fact]
    public async Task AnOfficerHoldingACurrentCertificateGetsNoSecond()
    {
        var officer = await PassedOfficerAsync(Ids.Xiema);
        await IssueAsync(officer, ["work-safety"]);
        var before = await CertificateCountAsync();
        var problem = await IssueAsync(officer, ["forestry"], expected: HttpStatusCode.Conflict);
        Assert.Equal("Certificate.AlreadyHeld", problem.Code());
        Assert.Equal(before, await CertificateCountAsync());
    }

    [Fact]
    public async Task OnlyTheOfficeIssuesAndChangesCertificates()
    {
        var officer = await PassedOfficerAsync(Ids.Xiema);
        foreach (var userName in new[] { "town.xiema", "dept.safety", "auditor", "officer.xiema" })
        {
            await RefusedIssueAsync(officer, HttpStatusCode.Forbidden, "", userName: userName);
        }
        var id = (await IssueAsync(officer, ["work-safety"])).Id();
        foreach (var step in new[] { "suspend", "revoke", "review" })
        {
            await (await As("town.xiema")).PostAsJsonAsync($"/api/certificates/{id}/{step}", new { reason = "试图操作" })
                .ExpectStatusAsync(HttpStatusCode.Forbidden);
        }
        var seen = await (await As("town.xiema")).GetAsync($"/api/certificates/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Valid", seen.Str("validity"));
    }

    [Fact]
    public async Task SuspendReinstateReviewAndRevoke()
    {
        var officer = await PassedOfficerAsync(Ids.Xiema);
        var id = (await IssueAsync(officer, ["work-safety"])).Id();
        var client = await As("office");

        var noReason = await client.PostAsJsonAsync($"/api/certificates/{id}/suspend", new { reason = "" }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Certificate.ReasonRequired", noReason.Code());
        Assert.Equal("Valid", (await client.GetAsync($"/api/certificates/{id}").ExpectAsync(HttpStatusCode.OK)).Str("validity"));

        var suspended = await client.PostAsJsonAsync($"/api/certificates/{id}/suspend", new { reason = "受到行政处分" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Suspended", suspended.Str("validity"));
        Assert.Equal("受到行政处分", suspended.Str("stateReason"));
        var reinstated = await client.PostAsJsonAsync($"/api/certificates/{id}/reinstate", new { reason = "处分期满" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Valid", reinstated.Str("validity"));

        var reviewed = await client.PostAsJsonAsync($"/api/certificates/{id}/review", new { passed = true }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(Day(Today.AddMonths(24)), reviewed.Str("reviewDueOn"));
        Assert.Equal(Day(Today), reviewed.Str("lastReviewedOn"));
        var failed = await client.PostAsJsonAsync($"/api/certificates/{id}/review", new { passed = false, note = "年度考核不称职" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Suspended", failed.Str("validity"));

        var revoked = await client.PostAsJsonAsync($"/api/certificates/{id}/revoke", new { reason = "违法执法" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Revoked", revoked.Str("validity"));
        var again = await client.PostAsJsonAsync($"/api/certificates/{id}/reinstate", new { reason = "误操作" }).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("Certificate.NotSuspended", again.Code());
        await client.PostAsJsonAsync($"/api/certificates/{Guid.NewGuid()}/revoke", new { reason = "x" }).ExpectStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheExpiringFilterListsValidCertificatesEndingWithinTheWarningPeriod()
    {
        var soon = await PassedOfficerAsync(Ids.Xiema, "即将到期");
        var issuedOn = Today.AddYears(-3).AddDays(30);
        var id = (await (await As("office")).PostAsJsonAsync("/api/certificates",
            new { officerId = soon, domains = new[] { "work-safety" }, issuedOn = Day(issuedOn) }).ExpectAsync(HttpStatusCode.Created)).Id();
        var client = await As("office");
        // Three years on, its review is long overdue: it counts as expiring only once reviewed.
        Assert.Equal("ReviewOverdue", (await client.GetAsync($"/api/certificates/{id}").ExpectAsync(HttpStatusCode.OK)).Str("validity"));
        Assert.DoesNotContain((await client.GetAsync("/api/certificates?expiring=true&pageSize=200").ExpectAsync(HttpStatusCode.OK)).Items(), r => r.Id() == id);
        await client.PostAsJsonAsync($"/api/certificates/{id}/review", new { passed = true }).ExpectAsync(HttpStatusCode.OK);

        var fresh = (await IssueAsync(await PassedOfficerAsync(Ids.Xiema), ["work-safety"])).Id();
        var expiring = (await client.GetAsync("/api/certificates?expiring=true&pageSize=200").ExpectAsync(HttpStatusCode.OK)).Items().ToList();
        var row = Assert.Single(expiring, r => r.Id() == id);
        Assert.Equal("Valid", row.Str("validity"));
        Assert.DoesNotContain(expiring, r => r.Id() == fresh);
        Assert.All(expiring, r => Assert.True(DateOnly.Parse(r.Str("expiresOn")) <= Today.AddDays(60)));
        var overdue = await client.GetAsync("/api/certificates?validity=Valid&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.All(overdue.Items(), r => Assert.Equal("Valid", r.Str("validity")));
    }

    [Fact]
    public async Task ATownshipSeesItsOwnCertificatesOnly()
    {
        var id = (await IssueAsync(await PassedOfficerAsync(Ids.Xiema), ["work-safety"])).Id();
        var tiansheng = await As("town.tiansheng");
        await tiansheng.GetAsync($"/api/certificates/{id}").ExpectStatusAsync(HttpStatusCode.NotFound);
        var list = await tiansheng.GetAsync("/api/certificates?pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.All(list.Items(), r => Assert.Equal(Ids.Tiansheng, r.GetProperty("townshipId").GetGuid()));
        await (await As("office2")).GetAsync($"/api/certificates/{id}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("dept.forestry")).GetAsync($"/api/certificates/{id}").ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheSettingsPageBindsTheApisFieldsAndShowsARefusalBesideItsField()
    {
        var before = await (await As("office2")).GetAsync("/api/qualification-settings").ExpectAsync(HttpStatusCode.OK);
        using var console = await ConsoleSignIn.SignInAsync(Host, "office2");
        Dictionary<string, string> Form(string page, string format) => new()
        {
            ["Input.CertificateNumberFormat"] = format,
            ["Input.CertificateValidityYears"] = before.GetProperty("certificateValidityYears").GetInt32().ToString(CultureInfo.InvariantCulture),
            ["Input.ReviewIntervalMonths"] = before.GetProperty("reviewIntervalMonths").GetInt32().ToString(CultureInfo.InvariantCulture),
            ["Input.ExpiryWarningDays"] = before.GetProperty("expiryWarningDays").GetInt32().ToString(CultureInfo.InvariantCulture),
            ["Input.ExcusedAbsencesThatBar"] = before.GetProperty("excusedAbsencesThatBar").GetInt32().ToString(CultureInfo.InvariantCulture),
            ["Input.UnexcusedAbsencesThatBar"] = before.GetProperty("unexcusedAbsencesThatBar").GetInt32().ToString(CultureInfo.InvariantCulture),
            ["Input.AnnualTrainingHours"] = before.GetProperty("annualTrainingHours").GetInt32().ToString(CultureInfo.InvariantCulture),
            ["__RequestVerificationToken"] = ConsoleSignIn.Antiforgery(page),
        };

        var page = await console.GetStringAsync("/Qualification/Settings");
        using var refused = await console.PostAsync("/Qualification/Settings", new FormUrlEncodedContent(Form(page, "渝执{year}")));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var redrawn = await refused.Content.ReadAsStringAsync();
        Assert.Matches("data-for=\"CertificateNumberFormat\">[^<]*\\p{IsCJKUnifiedIdeographs}", redrawn);
        Assert.Contains("value=\"渝执{year}\"", redrawn); // what was typed stays in the form
        var unchanged = await (await As("office2")).GetAsync("/api/qualification-settings").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(before.Str("certificateNumberFormat"), unchanged.Str("certificateNumberFormat"));

        using var saved = await console.PostAsync("/Qualification/Settings",
            new FormUrlEncodedContent(Form(redrawn, before.Str("certificateNumberFormat"))));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/Qualification/Settings", saved.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task TheOfficeSetsTheNumberFormatAndTheNextNumberFollowsIt()
    {
        var settings = await (await As("office2")).GetAsync("/api/qualification-settings").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("渝执{year}{seq:5}", settings.Str("certificateNumberFormat"));
        await (await As("town.xiema")).GetAsync("/api/qualification-settings").ExpectStatusAsync(HttpStatusCode.OK);
        object Body(string format, int warning = 60) => new
        {
            excusedAbsencesThatBar = 2,
            unexcusedAbsencesThatBar = 1,
            certificateNumberFormat = format,
            certificateValidityYears = 3,
            reviewIntervalMonths = 12,
            expiryWarningDays = warning,
            annualTrainingHours = 40,
        };
        await (await As("town.xiema")).PutAsJsonAsync("/api/qualification-settings", Body("X{seq:3}")).ExpectStatusAsync(HttpStatusCode.Forbidden);

        var client = await As("office2");
        var refused = await client.PutAsJsonAsync("/api/qualification-settings", Body("测执{year}")).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Qualification.NumberFormatInvalid", refused.Code());
        Assert.Equal("渝执{year}{seq:5}", (await client.GetAsync("/api/qualification-settings").ExpectAsync(HttpStatusCode.OK)).Str("certificateNumberFormat"));
        try
        {
            var saved = await client.PutAsJsonAsync("/api/qualification-settings", Body("测执{year}-{seq:4}", 90)).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(90, saved.GetProperty("expiryWarningDays").GetInt32());
            var officer = (await CreateOfficerAsync(OfficerBody(Ids.SecondTownship), "office2")).Id();
            await PassedAsync(officer);
            var issued = await IssueAsync(officer, ["work-safety"], userName: "office2");
            Assert.Matches($"^测执{Today.Year}-\\d{{4}}$", issued.Str("number"));
            // The demo district keeps its own format.
            Assert.Equal("渝执{year}{seq:5}", (await (await As("office")).GetAsync("/api/qualification-settings").ExpectAsync(HttpStatusCode.OK))
                .Str("certificateNumberFormat"));
        }
        finally
        {
            await client.PutAsJsonAsync("/api/qualification-settings", Body("渝执{year}{seq:5}")).ExpectAsync(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task TheIssueFormOffersPassedOfficersWithoutACertificate()
    {
        var waiting = await PassedOfficerAsync(Ids.Xiema, "待发证");
        var holder = await PassedOfficerAsync(Ids.Xiema, "已发证");
        await IssueAsync(holder, ["work-safety"]);
        var failed = await OfficerOfAsync(Ids.Xiema);
        await ScoredAsync(failed, 30m);
        var candidates = (await (await As("office")).GetAsync("/api/certificates/candidates").ExpectAsync(HttpStatusCode.OK)).Items()
            .Select(c => c.GetProperty("officerId").GetGuid()).ToList();
        Assert.Contains(waiting, candidates);
        Assert.DoesNotContain(holder, candidates);
        Assert.DoesNotContain(failed, candidates);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CertificatesApiTests_Sqlite(SqliteHost host) : CertificatesApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class CertificatesApiTests_Postgres(PostgresHost host) : CertificatesApiTests(host);
