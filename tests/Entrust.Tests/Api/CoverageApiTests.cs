using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entrust.Tests.Hosting;
using Entrust.Web.Features.Officers;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Tests.Api;

/// <summary>GET /api/coverage: holders per township and domain, flags where an in-force entrusted matter has fewer than two (APL 42).</summary>
public abstract class CoverageApiTests(HostFixture host) : OfficerTest(host)
{
    private async Task<JsonElement> RowOfAsync(Guid township, string userName = "office")
    {
        var view = await (await As(userName)).GetAsync($"/api/coverage?township={township}").ExpectAsync(HttpStatusCode.OK);
        return Assert.Single(view.GetProperty("rows").EnumerateArray());
    }

    private static int Holders(JsonElement row, string domain) =>
        row.GetProperty("holders").TryGetProperty(domain, out var n) ? n.GetInt32() : 0;

    private static List<Guid> FlaggedMatters(JsonElement row) =>
        row.GetProperty("flags").EnumerateArray().Select(f => f.GetProperty("matterId").GetGuid()).ToList();

    /// <summary>A new township with one work-safety matter of the safety bureau entrusted and in force.</summary>
    private async Task<(Guid Township, Guid Matter)> EntrustedTownshipAsync(string name)
    {
        var township = (await CreateTownshipAsync(name: name)).Id();
        var matter = (await ScopedMatterAsync(Ids.Safety)).Id;
        await InForceAsync(AgreementBody(Ids.Safety, township, [MatterItem(matter)]));
        return (township, matter);
    }

    [Fact]
    public async Task AMatterWithFewerThanTwoHoldersIsFlaggedUntilASecondCertificateIsIssued()
    {
        var (township, matter) = await EntrustedTownshipAsync("覆盖测试镇");
        var row = await RowOfAsync(township);
        Assert.Equal(0, Holders(row, "work-safety"));
        Assert.Equal([matter], FlaggedMatters(row));

        await IssueAsync(await PassedOfficerAsync(township, "甲"), ["work-safety", "forestry"]);
        row = await RowOfAsync(township);
        Assert.Equal(1, Holders(row, "work-safety"));
        Assert.Equal(1, Holders(row, "forestry"));
        var flag = Assert.Single(row.GetProperty("flags").EnumerateArray());
        Assert.Equal(1, flag.GetProperty("holders").GetInt32());
        Assert.Equal("区安监局", flag.Str("departmentName"));

        var second = (await IssueAsync(await PassedOfficerAsync(township, "乙"), ["work-safety"])).Id();
        row = await RowOfAsync(township);
        Assert.Equal(2, Holders(row, "work-safety"));
        Assert.Empty(FlaggedMatters(row));

        // A suspended certificate is not valid today: the flag is back.
        await (await As("office")).PostAsJsonAsync($"/api/certificates/{second}/suspend", new { reason = "受到处分" }).ExpectAsync(HttpStatusCode.OK);
        row = await RowOfAsync(township);
        Assert.Equal(1, Holders(row, "work-safety"));
        Assert.Equal([matter], FlaggedMatters(row));
    }

    [Fact]
    public async Task CoverageTheMayActCheckAndTheDrawCountTheSameOfficersInTheTownship()
    {
        var (township, matter) = await EntrustedTownshipAsync("同答覆盖测试镇");
        List<Guid> officers = [];
        foreach (var name in new[] { "甲", "乙", "丙" })
        {
            officers.Add(await PassedOfficerAsync(township, name));
            await IssueAsync(officers[^1], ["work-safety"]);
        }
        // 丙 is recorded as gone today with the certificate left standing (a record not kept through the register): no longer in
        // post, so may-act answers no — and coverage must not count 丙 either.
        var today = Host.Clock.TodayInChina();
        await Host.WithDbAsync(async db =>
        {
            (await db.Officers.IgnoreQueryFilters().SingleAsync(o => o.Id == officers[2])).Leave(today, "辞职");
            return await db.SaveChangesAsync();
        });
        // "In post on a day" in SQL (Officer.ActiveOnDay) keeps the officers the method keeps, the day before, of and after the change.
        var stored = await Host.WithDbAsync(db => db.Officers.IgnoreQueryFilters().AsNoTracking().Where(o => officers.Contains(o.Id)).ToListAsync());
        foreach (var day in new[] { today.AddDays(-1), today, today.AddDays(1) })
        {
            var queried = await Host.WithDbAsync(db => db.Officers.IgnoreQueryFilters().Where(o => officers.Contains(o.Id))
                .Where(Officer.ActiveOnDay(day)).Select(o => o.Id).ToListAsync());
            Assert.Equal(stored.Where(o => o.ActiveOn(day)).Select(o => o.Id).Order(), queried.Order());
        }
        Assert.True(stored.Single(o => o.Id == officers[2]).ActiveOn(today.AddDays(-1)));
        var office = await As("office");
        List<Guid> mayAct = [];
        foreach (var officer in officers)
        {
            var answer = await office.GetAsync($"/api/officers/{officer}/may-act?matter={matter}&township={township}").ExpectAsync(HttpStatusCode.OK);
            if (answer.GetProperty("mayAct").GetBoolean())
            {
                mayAct.Add(officer);
            }
        }
        Assert.Equal(officers.Take(2), mayAct);
        var row = await RowOfAsync(township);
        Assert.Equal(mayAct.Count, Holders(row, "work-safety"));
        Assert.Empty(FlaggedMatters(row));

        // The draw asks the same question of the same pool: it excludes 丙 alone, and pairs 甲 and 乙.
        await office.PostAsJsonAsync("/api/inspection-items", new { matterId = matter, basis = "《安全生产法》第六十五条", content = "安全生产检查" })
            .ExpectAsync(HttpStatusCode.Created);
        await office.PostAsync("/api/inspection-items/publish", null).ExpectAsync(HttpStatusCode.OK);
        await office.PostAsJsonAsync("/api/targets", new
        {
            townshipId = township,
            name = "同答测试厂" + Guid.NewGuid().ToString("N")[..6],
            kind = "ForestArea",
            address = "同答覆盖测试镇",
            riskLevel = "Low",
        }).ExpectAsync(HttpStatusCode.Created);
        var plan = await office.PostAsJsonAsync("/api/random-plans", new
        {
            name = "同答测试计划" + Guid.NewGuid().ToString("N")[..6],
            matterId = matter,
            townshipIds = new[] { township },
            count = 1,
            inspectorIds = officers,
        }).ExpectAsync(HttpStatusCode.Created);
        var drawn = await office.PostAsync($"/api/random-plans/{plan.GetProperty("plan").Id()}/draw", null).ExpectAsync(HttpStatusCode.OK);
        var assignment = Assert.Single(drawn.GetProperty("assignments").EnumerateArray());
        Assert.Equal(mayAct.Order(), new[] { assignment.GetProperty("inspector1Id").GetGuid(), assignment.GetProperty("inspector2Id").GetGuid() }.Order());
        Assert.Equal(["丙"], drawn.GetProperty("draw").GetProperty("excluded").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    [Fact]
    public async Task AnOfficerWhoLeavesNoLongerCounts()
    {
        var (township, matter) = await EntrustedTownshipAsync("离职覆盖测试镇");
        await IssueAsync(await PassedOfficerAsync(township), ["work-safety"]);
        var leaving = await PassedOfficerAsync(township);
        await IssueAsync(leaving, ["work-safety"]);
        Assert.Empty(FlaggedMatters(await RowOfAsync(township)));

        await (await As("office")).PostAsJsonAsync($"/api/officers/{leaving}/leave", new { reason = "辞职" }).ExpectAsync(HttpStatusCode.OK);
        var row = await RowOfAsync(township);
        Assert.Equal(1, Holders(row, "work-safety"));
        Assert.Equal([matter], FlaggedMatters(row));
    }

    [Fact]
    public async Task TheFlagIsShownToTheTownshipAndTheEntrustingDepartmentOnly()
    {
        var (township, matter) = await EntrustedTownshipAsync("双方可见测试镇");
        var townUser = await Host.CreateUserAsync(HostFixture.UniqueName("town"), Roles.Township, Ids.Beibei, township: township);

        Assert.Equal([matter], FlaggedMatters(await RowOfAsync(township, townUser)));
        Assert.Equal([matter], FlaggedMatters(await RowOfAsync(township, "dept.safety")));
        Assert.Empty(FlaggedMatters(await RowOfAsync(township, "dept.forestry")));

        // The township's own view holds its row only.
        var own = await (await As(townUser)).GetAsync("/api/coverage").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(township, Assert.Single(own.GetProperty("rows").EnumerateArray()).GetProperty("townshipId").GetGuid());
        var other = await (await As("town.xiema")).GetAsync($"/api/coverage?township={township}").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(other.GetProperty("rows").EnumerateArray());
    }

    [Fact]
    public async Task AMatterNotInForceIsNotFlagged()
    {
        var township = (await CreateTownshipAsync(name: "未生效测试镇")).Id();
        var matter = (await ScopedMatterAsync(Ids.Safety)).Id;
        await ReviewedAsync(AgreementBody(Ids.Safety, township, [MatterItem(matter)]));
        Assert.Empty(FlaggedMatters(await RowOfAsync(township)));
    }

    [Fact]
    public async Task CertificatesExpiringWithinTheWarningPeriodAreListed()
    {
        var (township, _) = await EntrustedTownshipAsync("到期提醒测试镇");
        var officer = await PassedOfficerAsync(township, "将到期");
        var client = await As("office");
        var id = (await client.PostAsJsonAsync("/api/certificates",
            new { officerId = officer, domains = new[] { "work-safety" }, issuedOn = Day(Today.AddYears(-3).AddDays(20)) })
            .ExpectAsync(HttpStatusCode.Created)).Id();
        await client.PostAsJsonAsync($"/api/certificates/{id}/review", new { passed = true }).ExpectAsync(HttpStatusCode.OK);
        await IssueAsync(await PassedOfficerAsync(township, "新证"), ["work-safety"]);

        var view = await client.GetAsync($"/api/coverage?township={township}").ExpectAsync(HttpStatusCode.OK);
        var expiring = Assert.Single(view.GetProperty("expiring").EnumerateArray());
        Assert.Equal(id, expiring.Id());
        Assert.Equal("将到期", expiring.Str("officerName"));
        Assert.Equal("到期提醒测试镇", expiring.Str("unitName"));
        Assert.Equal(19, expiring.GetProperty("daysLeft").GetInt32());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CoverageApiTests_Sqlite(SqliteHost host) : CoverageApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class CoverageApiTests_Postgres(PostgresHost host) : CoverageApiTests(host);
