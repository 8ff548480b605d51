using System.Net;
using System.Net.Http.Json;
using Entrust.Tests.Hosting;

namespace Entrust.Tests.Api;

/// <summary>GET /api/public/officers: anyone sees the qualified officers per unit, and nothing personal beyond the name (CQ-S 7).</summary>
public abstract class PublicOfficersApiTests(HostFixture host) : OfficerTest(host)
{
    [Fact]
    public async Task TheRegisterShowsQualifiedOfficersWithoutIdNumberPhoneOrGender()
    {
        var township = (await CreateTownshipAsync(name: "公示测试镇")).Id();
        var idNumber = NewIdNumber();
        var holder = (await CreateOfficerAsync(OfficerBody(township, name: "公示甲", idNumber: idNumber, phone: "13700001111", gender: "Female"))).Id();
        await PassedAsync(holder);
        var number = (await IssueAsync(holder, ["work-safety", "forestry"])).Str("number");
        await OfficerOfAsync(township, "无证乙");
        var suspended = await PassedOfficerAsync(township, "暂扣丙");
        var suspendedId = (await IssueAsync(suspended, ["work-safety"])).Id();
        await (await As("office")).PostAsJsonAsync($"/api/certificates/{suspendedId}/suspend", new { reason = "处分" }).ExpectAsync(HttpStatusCode.OK);

        using var response = await Host.Anonymous().GetAsync($"/api/public/officers?unit={township}");
        var raw = await response.Content.ReadAsStringAsync();
        var register = await response.ExpectAsync(HttpStatusCode.OK);
        var entry = Assert.Single(register.Items());
        Assert.Equal("公示甲", entry.Str("name"));
        Assert.Equal(number, entry.Str("certificateNumber"));
        Assert.Equal("公示测试镇", entry.Str("unitName"));
        Assert.Equal(["安全生产", "林业"], entry.GetProperty("domainNames").EnumerateArray().Select(d => d.GetString()!));
        Assert.Equal(Day(Today.AddYears(3).AddDays(-1)), entry.Str("expiresOn"));

        Assert.DoesNotContain(idNumber, raw);
        Assert.DoesNotContain("13700001111", raw);
        foreach (var property in new[] { "idNumber", "phone", "gender", "Female" })
        {
            Assert.DoesNotContain(property, raw, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task EachDistrictPublishesItsOwn()
    {
        var holder = await PassedOfficerAsync(Ids.Xiema, "区别公示");
        var number = (await IssueAsync(holder, ["work-safety"])).Str("number");
        var beibei = await Host.Anonymous().GetAsync("/api/public/officers?district=500109").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(beibei.Items(), e => e.Str("certificateNumber") == number);
        var second = await Host.Anonymous().GetAsync($"/api/public/officers?district={HostFixture.SecondDistrictCode}").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(second.Items(), e => e.Str("certificateNumber") == number);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PublicOfficersApiTests_Sqlite(SqliteHost host) : PublicOfficersApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class PublicOfficersApiTests_Postgres(PostgresHost host) : PublicOfficersApiTests(host);
