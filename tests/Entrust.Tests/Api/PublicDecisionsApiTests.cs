using System.Net;
using System.Text.Json;
using Entrust.Tests.Hosting;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Calendar;
using Entrust.Web.Features.Cases;
using Entrust.Web.Features.Demo;
using Entrust.Web.Features.Officers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entrust.Tests.Api;

/// <summary>
/// GET /api/public/decisions and /Public/Decisions, without signing in: the published decisions that were not changed or revoked,
/// a person masked everywhere (and not findable by their real name), an organisation as registered; search and paging.
/// </summary>
public abstract class PublicDecisionsApiTests(HostFixture host) : ApiTest(host)
{
    private const string Person = "欧阳明华";
    private const string PersonId = "500109199001011234";

    private static string Number(int n) => DemoCases.DecisionNumber(n);

    /// <summary>A person's decision of 歇马镇 with social impact, decided on 10 November and published the next day.</summary>
    private async Task<string> PublishedPersonAsync()
    {
        using var scope = Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Entrust.Web.Data.EntrustDbContext>();
        var matter = await db.Matters.AsNoTracking().SingleAsync(m => m.Code == DemoCases.MatterCode);
        var entitlements = scope.ServiceProvider.GetRequiredService<Entitlements>();
        var day = new DateOnly(2026, 11, 2);
        var officers = (await db.Officers.AsNoTracking().Where(o => o.TownshipId == Ids.Xiema).OrderBy(o => o.Id).Take(2).ToListAsync())
            .Select(o => new ActingOfficer(o.Id, o.Name, MayActAnswer.Yes)).ToList();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var c = new Case(new CaseFiling(matter.DistrictId, Ids.Xiema, matter.Id, $"北碚测立〔2026〕{suffix}号",
                new CaseParty(PartyKind.Person, Person, PersonId), $"{Person}（身份证号{PersonId}）伪造计划生育证明一份。", day.AddDays(-5), null,
                false, day, day, DepartmentId: matter.DepartmentId),
            await entitlements.CheckAsync(Ids.Xiema, matter.Id, Authority.GeneralPenalty, day), officers, CaseSettings.Defaults);
        c.BeginInvestigation(day, officers);
        c.AddEvidence(day, "书证", "伪造的证明一份", officers);
        c.Notify(new NoticeFacts(day, Penalty.FineOf(1000m), "事实清楚"), CaseSettings.Defaults, WorkingDayCalendar.Empty);
        var decidedOn = new DateOnly(2026, 11, 10);
        c.Decide(new DecisionFacts(decidedOn, $"北碚测罚〔2026〕{suffix}号", Penalty.FineOf(1000m), SocialImpact: true),
            await entitlements.CheckAsync(Ids.Xiema, matter.Id, Authority.GeneralPenalty, decidedOn), CaseSettings.Defaults, WorkingDayCalendar.Empty);
        c.Publish(decidedOn.AddDays(1));
        db.Cases.Add(c);
        await db.SaveChangesAsync();
        return c.DecisionNumber!;
    }

    private const string RepresentativeId = "500109198506120032";
    private const string Card = "6222021234567890128";

    /// <summary>An organisation's decision of 歇马镇 with social impact whose facts name its legal representative's ID, phones and card.</summary>
    private async Task<(Guid Id, string Number)> DecidedOrganisationAsync()
    {
        using var scope = Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Entrust.Web.Data.EntrustDbContext>();
        var matter = await db.Matters.AsNoTracking().SingleAsync(m => m.Code == DemoCases.MatterCode);
        var entitlements = scope.ServiceProvider.GetRequiredService<Entitlements>();
        var day = new DateOnly(2026, 11, 2);
        var officers = (await db.Officers.AsNoTracking().Where(o => o.TownshipId == Ids.Xiema).OrderBy(o => o.Id).Take(2).ToListAsync())
            .Select(o => new ActingOfficer(o.Id, o.Name, MayActAnswer.Yes)).ToList();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var facts = $"重庆歇马某某商贸有限公司（法定代表人李某，身份证号{RepresentativeId}，手机13812345678，电话023-68861234，" +
            $"收款账户{Card}）销售伪造证明，订单号1234567890123456。";
        var c = new Case(new CaseFiling(matter.DistrictId, Ids.Xiema, matter.Id, $"北碚测立〔2026〕{suffix}号",
                new CaseParty(PartyKind.Organisation, "重庆歇马某某商贸有限公司", "91500109MA5U5XXX1X"), facts, day.AddDays(-5), null,
                false, day, day, DepartmentId: matter.DepartmentId),
            await entitlements.CheckAsync(Ids.Xiema, matter.Id, Authority.GeneralPenalty, day), officers, CaseSettings.Defaults);
        c.BeginInvestigation(day, officers);
        c.AddEvidence(day, "书证", "伪造的证明一份", officers);
        c.Notify(new NoticeFacts(day, Penalty.FineOf(1000m), "事实清楚"), CaseSettings.Defaults, WorkingDayCalendar.Empty);
        var decidedOn = new DateOnly(2026, 11, 10);
        c.Decide(new DecisionFacts(decidedOn, $"北碚测罚〔2026〕{suffix}号", Penalty.FineOf(1000m), SocialImpact: true),
            await entitlements.CheckAsync(Ids.Xiema, matter.Id, Authority.GeneralPenalty, decidedOn), CaseSettings.Defaults, WorkingDayCalendar.Empty);
        db.Cases.Add(c);
        await db.SaveChangesAsync();
        return (c.Id, c.DecisionNumber!);
    }

    [Fact]
    public async Task PersonalNumbersInTheFactsAreMaskedForOrganisationsTooAndTheOfficePreviewsExactlyThat()
    {
        var (id, number) = await DecidedOrganisationAsync();
        var preview = await (await As("town.xiema")).GetAsync($"/api/cases/{id}/publication-preview").ExpectAsync(HttpStatusCode.OK);
        var facts = preview.Str("facts");
        Assert.DoesNotContain(RepresentativeId, facts);
        Assert.Contains("5001**********0032", facts);
        Assert.DoesNotContain("13812345678", facts);
        Assert.Contains("138****5678", facts);
        Assert.DoesNotContain("68861234", facts);
        Assert.DoesNotContain(Card, facts);
        Assert.Contains("6222***********0128", facts);
        Assert.Contains("1234567890123456", facts); // an order number is no card: its Luhn digit fails
        Assert.Contains("重庆歇马某某商贸有限公司", facts);
        Assert.DoesNotContain(number, Numbers((await GetAsync()).Page)); // not published yet
        var casePage = await (await ConsoleSignIn.SignInAsync(Host, "town.xiema")).GetStringAsync($"/Cases/Detail/{id}");
        Assert.Contains("publication-preview", casePage);
        Assert.Contains("5001**********0032", casePage);

        await Host.WithDbAsync(async db =>
        {
            var c = await db.Cases.SingleAsync(x => x.Id == id);
            c.Publish(new DateOnly(2026, 11, 11));
            return await db.SaveChangesAsync();
        });
        var (page, raw) = await GetAsync();
        var shown = page.Items().Single(e => e.Str("decisionNumber") == number);
        Assert.Equal(facts, shown.Str("facts"));
        Assert.Equal(preview.Str("partyName"), shown.Str("partyName"));
        Assert.DoesNotContain(RepresentativeId, raw);
        Assert.DoesNotContain(Card, raw);
        await (await As("office2")).GetAsync($"/api/cases/{id}/publication-preview").ExpectStatusAsync(HttpStatusCode.NotFound);
    }

    private async Task<(JsonElement Page, string Raw)> GetAsync(string query = "")
    {
        using var response = await Host.Anonymous().GetAsync("/api/public/decisions?pageSize=200" + query);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (JsonDocument.Parse(raw).RootElement.Clone(), raw);
    }

    private static List<string> Numbers(JsonElement page) => page.Items().Select(e => e.Str("decisionNumber")).ToList();

    [Fact]
    public async Task AnyoneSeesThePublishedDecisionsButNeitherTheUnpublishedNorTheRevoked()
    {
        var (page, _) = await GetAsync();
        var numbers = Numbers(page);

        Assert.Contains(Number(2), numbers);
        Assert.Contains(Number(5), numbers);
        Assert.DoesNotContain(Number(1), numbers); // no social impact: not published
        Assert.DoesNotContain(Number(8), numbers); // 天生街道's, revoked on reconsideration
        var clinic = page.Items().Single(e => e.Str("decisionNumber") == Number(2));
        Assert.Equal("重庆歇马某某医疗门诊部有限公司", clinic.Str("partyName"));
        Assert.Equal("Organisation", clinic.Str("partyKind"));
        Assert.Equal(18, clinic.Str("partyIdentifier").Length);
        Assert.DoesNotContain("*", clinic.Str("partyIdentifier"));
        Assert.Equal("区人口计生委", clinic.Str("decidingBody"));
        Assert.Equal("歇马镇", clinic.Str("townshipName"));
        Assert.Equal("《中华人民共和国人口与计划生育法》第四十一条", clinic.Str("legalBasis"));
        Assert.Equal("（一）警告；（二）罚款人民币贰万元整（¥20,000）；（三）没收违法所得、非法财物，价值人民币叁仟元整（¥3,000）。", clinic.Str("penaltyText"));
        Assert.False(clinic.GetProperty("late").GetBoolean());
    }

    [Fact]
    public async Task APersonIsMaskedAndCannotBeFoundByTheirRealName()
    {
        var number = await PublishedPersonAsync();

        var (page, raw) = await GetAsync("&q=" + Uri.EscapeDataString(number));
        var entry = Assert.Single(page.Items());
        Assert.Equal("欧阳**", entry.Str("partyName"));
        Assert.Equal("500109***********4", entry.Str("partyIdentifier"));
        Assert.Equal("欧阳**（身份证号500109***********4）伪造计划生育证明一份。", entry.Str("facts"));
        Assert.DoesNotContain("明华", raw);
        Assert.DoesNotContain("19900101", raw);

        var (byName, _) = await GetAsync("&q=" + Uri.EscapeDataString(Person));
        Assert.Empty(byName.Items());
        var (byId, _) = await GetAsync("&q=" + PersonId);
        Assert.Empty(byId.Items());

        using var html = await Host.Anonymous().GetAsync("/Public/Decisions?q=" + Uri.EscapeDataString(number));
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        var body = await html.Content.ReadAsStringAsync();
        Assert.Contains(number, body);
        Assert.Contains("欧阳**", body);
        Assert.DoesNotContain(Person, body);
    }

    [Fact]
    public async Task SearchCoversTheOrganisationTheTownshipAndTheNumberAndPagesTheResult()
    {
        var (byOrganisation, _) = await GetAsync("&q=" + Uri.EscapeDataString("母婴服务中心"));
        Assert.Equal([Number(5)], Numbers(byOrganisation));

        var (xiema, _) = await GetAsync($"&township={Ids.Xiema}");
        Assert.All(xiema.Items(), e => Assert.Equal("歇马镇", e.Str("townshipName")));
        Assert.Contains(Number(2), Numbers(xiema));
        var (tiansheng, _) = await GetAsync($"&township={Ids.Tiansheng}");
        Assert.DoesNotContain(Number(8), Numbers(tiansheng));

        using var first = await Host.Anonymous().GetAsync("/api/public/decisions?pageSize=1&page=1");
        var one = await first.ExpectAsync(HttpStatusCode.OK);
        Assert.Single(one.Items());
        Assert.True(one.Total() >= 2);
        var second = await Host.Anonymous().GetAsync("/api/public/decisions?pageSize=1&page=2").ExpectAsync(HttpStatusCode.OK);
        Assert.NotEqual(Numbers(one), Numbers(second));

        var (unknown, _) = await GetAsync("&district=999999");
        Assert.Empty(unknown.Items());

        using var html = await Host.Anonymous().GetAsync("/Public/Decisions");
        var body = await html.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Contains(Number(2), body);
        // The revoked decision is off the list; only the statement of its withdrawal names it, with the reason (APL 48 ¶2).
        var statements = body.IndexOf("id=\"withdrawn-decisions\"", StringComparison.Ordinal);
        Assert.True(statements > 0);
        Assert.DoesNotContain(Number(8), body[..statements]);
        Assert.Contains(Number(8), body[statements..]);
        Assert.Contains("撤销", body[statements..]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PublicDecisionsApiTests_Sqlite(SqliteHost host) : PublicDecisionsApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class PublicDecisionsApiTests_Postgres(PostgresHost host) : PublicDecisionsApiTests(host);
