using System.Net;
using System.Net.Http.Json;
using Entrust.Tests.Hosting;
using Entrust.Web.Platform;

namespace Entrust.Tests.Api;

/// <summary>POST /api/auth/login, GET /api/me, POST /api/me/password.</summary>
public abstract class AccountsApiTests(HostFixture host)
{
    [Fact]
    public async Task LoginAnswersABearerTokenThatOpensTheApi()
    {
        var body = await host.PostLoginAsync("office", HostFixture.Password).ExpectAsync(HttpStatusCode.OK);

        var token = body.Str("accessToken");
        Assert.False(string.IsNullOrWhiteSpace(token));
        Assert.Equal(3600, body.GetProperty("expiresIn").GetInt32());

        var client = host.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var me = await client.GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("office", me.Str("userName"));
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedWith401AndAChineseMessage()
    {
        var problem = await host.PostLoginAsync("office", "Wrong-Passw0rd").ExpectAsync(HttpStatusCode.Unauthorized);
        Http.AssertChinese(problem.Str("detail"));
    }

    [Fact]
    public async Task AnUnknownUserGetsTheSameAnswerAsAWrongPassword()
    {
        var unknown = await host.PostLoginAsync("nobody." + Guid.NewGuid().ToString("N")[..6], "Wrong-Passw0rd")
            .ExpectAsync(HttpStatusCode.Unauthorized);
        var wrong = await host.PostLoginAsync("auditor", "Wrong-Passw0rd").ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(wrong.Str("detail"), unknown.Str("detail"));
    }

    [Fact]
    public async Task FiveFailedAttemptsLockTheAccountEvenAgainstTheRightPassword()
    {
        var user = await host.CreateUserAsync(HostFixture.UniqueName("lock"), Roles.Auditor, host.Ids.Beibei);
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await host.PostLoginAsync(user, "Wrong-Passw0rd").ExpectStatusAsync(HttpStatusCode.Unauthorized);
        }
        await host.PostLoginAsync(user, "Wrong-Passw0rd").ExpectStatusAsync((HttpStatusCode)423);

        var locked = await host.PostLoginAsync(user, HostFixture.Password).ExpectAsync((HttpStatusCode)423);
        Http.AssertChinese(locked.Str("detail"));
    }

    [Fact]
    public async Task FewerThanFiveFailuresDoNotLock()
    {
        var user = await host.CreateUserAsync(HostFixture.UniqueName("four"), Roles.Auditor, host.Ids.Beibei);
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await host.PostLoginAsync(user, "Wrong-Passw0rd").ExpectStatusAsync(HttpStatusCode.Unauthorized);
        }
        await host.PostLoginAsync(user, HostFixture.Password).ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheApiRefusesRequestsWithoutAValidToken()
    {
        await host.Anonymous().GetAsync("/api/me").ExpectStatusAsync(HttpStatusCode.Unauthorized);
        await host.Anonymous().GetAsync("/api/matters").ExpectStatusAsync(HttpStatusCode.Unauthorized);

        var forged = host.Anonymous();
        forged.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");
        await forged.GetAsync("/api/me").ExpectStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ATokenExpiresAfterAnHourOnThePlatformClock()
    {
        var token = (await host.PostLoginAsync("auditor", HostFixture.Password).ExpectAsync(HttpStatusCode.OK)).Str("accessToken");
        var client = host.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        await client.GetAsync("/api/me").ExpectStatusAsync(HttpStatusCode.OK);

        host.Clock.Advance(TimeSpan.FromMinutes(61));

        await client.GetAsync("/api/me").ExpectStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task MeTellsATownshipUserItsRoleDistrictAndTownship()
    {
        var me = await (await host.ClientAsync("town.xiema")).GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("town.xiema", me.Str("userName"));
        Assert.Equal(Roles.Township, me.Str("role"));
        Assert.Equal(host.Ids.Beibei, me.GetProperty("districtId").GetGuid());
        Assert.Equal("北碚区", me.Str("districtName"));
        Assert.Equal(host.Ids.Xiema, me.GetProperty("townshipId").GetGuid());
        Assert.Equal("歇马镇", me.Str("townshipName"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, me.GetProperty("departmentId").ValueKind);
    }

    [Fact]
    public async Task MeTellsADepartmentUserItsDepartment()
    {
        var me = await (await host.ClientAsync("dept.safety")).GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(Roles.Department, me.Str("role"));
        Assert.Equal(host.Ids.Safety, me.GetProperty("departmentId").GetGuid());
        Assert.Equal("区安监局", me.Str("departmentName"));
    }

    [Fact]
    public async Task MeTellsTheSecondDistrictsOfficeItsOwnDistrict()
    {
        var me = await (await host.ClientAsync("office2")).GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(Roles.Office, me.Str("role"));
        Assert.Equal(host.Ids.Second, me.GetProperty("districtId").GetGuid());
        Assert.Equal("测试区", me.Str("districtName"));
    }

    [Fact]
    public async Task TheAdminStandsAboveTheDistricts()
    {
        var me = await (await host.ClientAsync("admin")).GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(Roles.Admin, me.Str("role"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, me.GetProperty("districtId").ValueKind);
    }

    [Fact]
    public async Task ChangingThePasswordRetiresTheOldOne()
    {
        var user = await host.CreateUserAsync(HostFixture.UniqueName("pw"), Roles.Auditor, host.Ids.Beibei);
        var client = await host.ClientAsync(user);

        await client.PostAsJsonAsync("/api/me/password", new { currentPassword = HostFixture.Password, newPassword = "Changed2026x" })
            .ExpectStatusAsync(HttpStatusCode.NoContent);

        await host.PostLoginAsync(user, HostFixture.Password).ExpectStatusAsync(HttpStatusCode.Unauthorized);
        await host.PostLoginAsync(user, "Changed2026x").ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AWrongCurrentPasswordIsAFieldErrorAndChangesNothing()
    {
        var user = await host.CreateUserAsync(HostFixture.UniqueName("pw"), Roles.Auditor, host.Ids.Beibei);
        var client = await host.ClientAsync(user);

        var problem = await client.PostAsJsonAsync("/api/me/password", new { currentPassword = "Wrong-Passw0rd", newPassword = "Changed2026x" })
            .ExpectAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor("CurrentPassword"));
        await host.PostLoginAsync(user, HostFixture.Password).ExpectStatusAsync(HttpStatusCode.OK);
        await host.PostLoginAsync(user, "Changed2026x").ExpectStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AWeakNewPasswordIsRefusedByThePolicy()
    {
        var user = await host.CreateUserAsync(HostFixture.UniqueName("pw"), Roles.Auditor, host.Ids.Beibei);
        var client = await host.ClientAsync(user);

        var problem = await client.PostAsJsonAsync("/api/me/password", new { currentPassword = HostFixture.Password, newPassword = "short" })
            .ExpectAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor("NewPassword"));
        Assert.Empty(problem.ErrorsFor("CurrentPassword"));
        await host.PostLoginAsync(user, HostFixture.Password).ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task MissingPasswordsAreFieldErrorsInChineseOrEnglish()
    {
        var zh = await (await host.ClientAsync("auditor")).PostAsJsonAsync("/api/me/password", new { })
            .ExpectAsync(HttpStatusCode.BadRequest);
        var en = await (await host.ClientAsync("auditor", "en")).PostAsJsonAsync("/api/me/password", new { })
            .ExpectAsync(HttpStatusCode.BadRequest);

        foreach (var field in new[] { "CurrentPassword", "NewPassword" })
        {
            var chinese = Assert.Single(zh.ErrorsFor(field));
            var english = Assert.Single(en.ErrorsFor(field));
            Http.AssertChinese(chinese);
            Http.AssertNotChinese(english);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AccountsApiTests_Sqlite(SqliteHost host) : AccountsApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class AccountsApiTests_Postgres(PostgresHost host) : AccountsApiTests(host);
