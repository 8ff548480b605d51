using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entrust.Tests.Hosting;
using Entrust.Web.Platform;

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
