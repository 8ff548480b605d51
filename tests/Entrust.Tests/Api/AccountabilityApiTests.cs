using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entrust.Tests.Hosting;

namespace Entrust.Tests.Api;

/// <summary>
/// 执法过错责任追究 (issue 17, LAW 27) through the API on both databases: no decision before the officer's statement is heard; a decision to
/// suspend the certificate acts that day through the certificates' book, so that may-act answers no; notice and appeal are recorded; a
/// township sees the records of its own officers only.
/// </summary>
public abstract class AccountabilityApiTests(HostFixture host) : OfficerTest(host)
{
    private async Task<Guid> CertifiedAsync(string name)
    {
        var officer = await PassedOfficerAsync(Ids.Xiema, name + Guid.NewGuid().ToString("N")[..4]);
        await (await As("office")).PostAsJsonAsync("/api/certificates",
            new { officerId = officer, domains = new[] { "forestry" }, issuedOn = Day(Today.AddDays(-30)) }).ExpectAsync(HttpStatusCode.Created);
        return officer;
    }

    private async Task<bool> MayActAsync(Guid officer, Guid matter) =>
        (await (await As("office")).GetAsync($"/api/officers/{officer}/may-act?matter={matter}&township={Ids.Xiema}&date={Day(Today)}")
            .ExpectAsync(HttpStatusCode.OK)).GetProperty("mayAct").GetBoolean();

    [Fact]
    public async Task ADecisionNeedsTheStatementAndASuspensionStopsTheOfficerActingThatDay()
    {
        var matter = await DemoMatterAsync("198-05");
        var officer = await CertifiedAsync("追责");
        Assert.True(await MayActAsync(officer, matter));
        var office = await As("office");
        var record = await office.PostAsJsonAsync("/api/accountability", new
        {
            officerId = officer,
            facts = "未出示执法证件即实施现场检查，并擅自变更处罚种类",
            fault = "GrossNegligence",
        }).ExpectAsync(HttpStatusCode.Created);
        var url = $"/api/accountability/{record.Id()}";
        var decision = new { measure = "CertificateSuspended", decisionNumber = "北碚法制追〔2026〕1号", decisionReasons = "重大过失，暂扣执法证三个月" };

        // Not before the officer is heard: refused, naming the rule; nothing written, the certificate untouched.
        var refused = await office.PostAsJsonAsync(url + "/decision", decision).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Accountability.StatementRequired", refused.Str("code"));
        Assert.Contains("陈述", refused.Str("detail"));
        Assert.Equal("Opened", (await office.GetAsync(url).ExpectAsync(HttpStatusCode.OK)).Str("state"));
        Assert.True(await MayActAsync(officer, matter));

        await (await As("town.xiema")).PostAsJsonAsync(url + "/statement", new { statement = "x" }).ExpectStatusAsync(HttpStatusCode.Forbidden);
        await office.PostAsJsonAsync(url + "/statement", new { statement = "当时情况紧急，证件遗落在车内，承认程序有瑕疵" }).ExpectAsync(HttpStatusCode.OK);
        var decided = await office.PostAsJsonAsync(url + "/decision", decision).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("CertificateSuspended", decided.Str("measure"));
        Assert.Equal(Day(Today), decided.Str("decidedOn"));
        Assert.False(await MayActAsync(officer, matter));
        await office.PostAsJsonAsync(url + "/decision", decision).ExpectAsync(HttpStatusCode.Conflict);

        await office.PostAsJsonAsync(url + "/appeal", new { text = "过早" }).ExpectAsync(HttpStatusCode.Conflict);
        await office.PostAsJsonAsync(url + "/notice", new { }).ExpectAsync(HttpStatusCode.OK);
        await office.PostAsJsonAsync(url + "/appeal", new { text = "请求改为批评教育" }).ExpectAsync(HttpStatusCode.OK);
        var final = await office.PostAsJsonAsync(url + "/appeal/decision", new { upheld = false, reply = "事实清楚，维持原决定" })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("AppealDecided", final.Str("state"));
        Assert.False(final.GetProperty("appealUpheld").GetBoolean());

        // 歇马镇 sees its officer's record; 天生街道 does not.
        var mine = await (await As("town.xiema")).GetAsync("/api/accountability").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(mine.EnumerateArray(), a => a.Id() == record.Id());
        await (await As("town.tiansheng")).GetAsync(url).ExpectStatusAsync(HttpStatusCode.NotFound);
    }

    /// <summary>取消执法证 revokes the certificate the day of the decision; an officer with no certificate cannot lose one.</summary>
    [Fact]
    public async Task RevokingTheCertificateActsThroughTheCertificatesBook()
    {
        var matter = await DemoMatterAsync("198-05");
        var officer = await CertifiedAsync("吊证");
        var office = await As("office");
        var id = (await office.PostAsJsonAsync("/api/accountability", new { officerId = officer, facts = "故意违法处罚", fault = "Intent" })
            .ExpectAsync(HttpStatusCode.Created)).Id();
        await office.PostAsJsonAsync($"/api/accountability/{id}/statement", new { statement = "无异议" }).ExpectAsync(HttpStatusCode.OK);
        await office.PostAsJsonAsync($"/api/accountability/{id}/decision",
            new { measure = "CertificateRevoked", decisionNumber = "北碚法制追〔2026〕2号", decisionReasons = "故意违法" }).ExpectAsync(HttpStatusCode.OK);
        Assert.False(await MayActAsync(officer, matter));
        var certificates = await office.GetAsync($"/api/certificates?officer={officer}").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(certificates.Items(), c => c.Str("state") == "Revoked");

        var uncertified = await PassedOfficerAsync(Ids.Xiema, "无证" + Guid.NewGuid().ToString("N")[..4]);
        var other = (await office.PostAsJsonAsync("/api/accountability", new { officerId = uncertified, facts = "越权执法", fault = "Intent" })
            .ExpectAsync(HttpStatusCode.Created)).Id();
        await office.PostAsJsonAsync($"/api/accountability/{other}/statement", new { statement = "无" }).ExpectAsync(HttpStatusCode.OK);
        var refused = await office.PostAsJsonAsync($"/api/accountability/{other}/decision",
            new { measure = "CertificateSuspended", decisionNumber = "北碚法制追〔2026〕3号", decisionReasons = "越权" }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Accountability.NoCertificate", refused.Str("code"));
        Assert.Equal("Heard", (await office.GetAsync($"/api/accountability/{other}").ExpectAsync(HttpStatusCode.OK)).Str("state"));
    }

    /// <summary>
    /// The result page's forms (issue 17): 歇马镇's self-assessment and the assessors' manual score are refused beside their field, and
    /// nothing is written.
    /// </summary>
    [Fact]
    public async Task TheResultPageRefusesASelfAssessmentAndAManualScoreBesideTheirField()
    {
        var round = await (await As("office")).GetAsync("/api/assessment/rounds/2026").ExpectAsync(HttpStatusCode.OK);
        var xiema = round.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("unitId").GetGuid() == Ids.Xiema);
        var url = $"/Assessment/Result/{xiema.Id()}";
        foreach (var (user, handler, fields) in new[]
        {
            ("town.xiema", "SelfAssess", new Dictionary<string, string> { ["Input.Score"] = "120", ["Input.Text"] = "全部达标" }),
            ("office", "Score", new Dictionary<string, string> { ["Input.IndicatorCode"] = "C1", ["Input.Deduct"] = "99", ["Input.Evidence"] = "文书不规范" }),
        })
        {
            var client = await ConsoleSignIn.SignInAsync(Host, user);
            var page = await client.GetStringAsync(url);
            fields["__RequestVerificationToken"] = ConsoleSignIn.Antiforgery(page);
            using var response = await client.PostAsync($"{url}?handler={handler}", new FormUrlEncodedContent(fields));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("class=\"field-error\"", html);
        }
        var after = await (await As("office")).GetAsync($"/api/assessment/results/{xiema.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(xiema.GetProperty("selfScore").GetDecimal(), after.GetProperty("result").GetProperty("selfScore").GetDecimal());
        Assert.DoesNotContain(after.GetProperty("manualScores").EnumerateArray(), m => m.GetProperty("deduct").GetDecimal() == 99m);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AccountabilityApiTests_Sqlite(SqliteHost host) : AccountabilityApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class AccountabilityApiTests_Postgres(PostgresHost host) : AccountabilityApiTests(host);
