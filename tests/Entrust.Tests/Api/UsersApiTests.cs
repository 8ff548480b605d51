using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entrust.Tests.Hosting;
using Entrust.Web.Platform;

namespace Entrust.Tests.Api;

/// <summary>
/// GET/POST /api/users, GET/PUT /api/users/{id}, POST /api/users/{id}/password, /lock and /unlock: the admin keeps every
/// district's accounts, the office its own district's, nobody else any.
/// </summary>
public abstract class UsersApiTests(HostFixture host) : ApiTest(host)
{
    private const string NewPassword = "Renewed2026x";

    private static object TownshipUser(string userName, Guid township, string password = HostFixture.Password, string displayName = "测试镇街账号") =>
        new { userName, displayName, role = Roles.Township, townshipId = township, password };

    /// <summary>A township account of 歇马镇 made by the office through the API, with the demo password.</summary>
    private async Task<JsonElement> CreateTownshipUserAsync(string creator = "office")
    {
        var name = HostFixture.UniqueName("t");
        return await (await As(creator)).PostAsJsonAsync("/api/users", TownshipUser(name, Ids.Xiema)).ExpectAsync(HttpStatusCode.Created);
    }

    private async Task<bool> UserExistsAsync(string userName) =>
        await Host.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Users, u => u.UserName == userName));

    private async Task<Guid> IdOfAsync(string userName) =>
        (await (await As(userName)).GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK)).Id();

    [Fact]
    public async Task AnOfficersAccountNamesAnOfficerOfItsOwnTownshipOnly()
    {
        var office = await As("office");
        var xiemaOfficer = await Host.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            System.Linq.Queryable.Select(System.Linq.Queryable.Where(db.Officers, o => o.TownshipId == Ids.Xiema), o => o.Id)));
        object Officer(string name, Guid township, Guid? officerId, string role = Roles.Officer) =>
            new { userName = name, displayName = "执法账号", role, townshipId = township, password = HostFixture.Password, officerId };

        var created = await office.PostAsJsonAsync("/api/users", Officer(HostFixture.UniqueName("o"), Ids.Xiema, xiemaOfficer))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(xiemaOfficer, created.GetProperty("officerId").GetGuid());

        // Another township's officer, or an officer on a township user's account: refused, nothing written.
        var otherName = HostFixture.UniqueName("o");
        var other = await office.PostAsJsonAsync("/api/users", Officer(otherName, Ids.Tiansheng, xiemaOfficer))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("User.OfficerNotOfTownship", other.Code());
        var township = await office.PostAsJsonAsync("/api/users", Officer(HostFixture.UniqueName("t"), Ids.Xiema, xiemaOfficer, Roles.Township))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("OfficerId", township.ErrorFields());
        Assert.False(await UserExistsAsync(otherName));
    }

    [Fact]
    public async Task TheOfficeCreatesATownshipAccountThatSignsIn()
    {
        var name = HostFixture.UniqueName("xm");
        var office = await As("office");

        using var response = await office.PostAsJsonAsync("/api/users", TownshipUser(name, Ids.Xiema, displayName: "歇马镇新账号"));
        var created = await response.ExpectAsync(HttpStatusCode.Created);

        Assert.Equal($"/api/users/{created.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal(name, created.Str("userName"));
        Assert.Equal("歇马镇新账号", created.Str("displayName"));
        Assert.Equal(Roles.Township, created.Str("role"));
        Assert.Equal(Ids.Beibei, created.GetProperty("districtId").GetGuid());
        Assert.Equal("北碚区", created.Str("districtName"));
        Assert.Equal(Ids.Xiema, created.GetProperty("townshipId").GetGuid());
        Assert.Equal("歇马镇", created.Str("townshipName"));
        Assert.Equal(JsonValueKind.Null, created.GetProperty("departmentId").ValueKind);
        Assert.False(created.GetProperty("locked").GetBoolean());

        var read = await office.GetAsync($"/api/users/{created.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(name, read.Str("userName"));
        var me = await (await As(name)).GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(created.Id(), me.Id());
        Assert.Equal(Ids.Xiema, me.GetProperty("townshipId").GetGuid());
    }

    [Fact]
    public async Task NoAnswerCarriesAPasswordHashOrAStamp()
    {
        var created = await CreateTownshipUserAsync();
        var office = await As("office");
        var bodies = new[]
        {
            await office.GetStringAsync($"/api/users/{created.Id()}"),
            await office.GetStringAsync($"/api/users?q={created.Str("userName")}"),
            created.GetRawText(),
        };
        foreach (var body in bodies)
        {
            Assert.DoesNotContain("passwordHash", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("securityStamp", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("concurrencyStamp", body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task CreatingAnAccountIsAuditedWithTheHashMasked()
    {
        var created = await CreateTownshipUserAsync();

        var entry = Assert.Single(await AuditOfAsync("AppUser", created.Id()));

        Assert.Equal("Added", entry.Str("action"));
        Assert.Equal("office", entry.Str("userName"));
        var after = JsonDocument.Parse(entry.Str("after")).RootElement;
        Assert.Equal(created.Str("userName"), after.Str("UserName"));
        Assert.Equal("***", after.Str("PasswordHash"));
        Assert.Equal("***", after.Str("SecurityStamp"));
        // The office reads its district's trail, and the account is in it.
        var officeView = await (await As("office")).GetAsync($"/api/audit?entity=AppUser&entityId={created.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Single(officeView.Items());
    }

    [Fact]
    public async Task TheListFiltersByRoleUnitAndTextAndPages()
    {
        var name = HostFixture.UniqueName("aj");
        var office = await As("office");
        var created = await office.PostAsJsonAsync("/api/users",
            new { userName = name, displayName = "安监局新账号", role = Roles.Department, departmentId = Ids.Safety, password = HostFixture.Password })
            .ExpectAsync(HttpStatusCode.Created);

        var byUnit = await office.GetAsync($"/api/users?role=department&department={Ids.Safety}&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.All(byUnit.Items(), u =>
        {
            Assert.Equal(Roles.Department, u.Str("role"));
            Assert.Equal(Ids.Safety, u.GetProperty("departmentId").GetGuid());
        });
        Assert.Contains(byUnit.Items(), u => u.Id() == created.Id());
        Assert.Contains(byUnit.Items(), u => u.Str("userName") == "dept.safety");

        var byText = await office.GetAsync($"/api/users?q={name}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(created.Id(), Assert.Single(byText.Items()).Id());
        var byTownship = await office.GetAsync($"/api/users?township={Ids.Xiema}&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.All(byTownship.Items(), u => Assert.Equal(Ids.Xiema, u.GetProperty("townshipId").GetGuid()));
        Assert.Contains(byTownship.Items(), u => u.Str("userName") == "officer.xiema");

        var firstPage = await office.GetAsync("/api/users?pageSize=2").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, firstPage.Items().Count());
        Assert.True(firstPage.Total() > 2);
        var secondPage = await office.GetAsync("/api/users?pageSize=2&page=2").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(firstPage.Items().Select(u => u.Id()).Intersect(secondPage.Items().Select(u => u.Id())));
    }

    [Fact]
    public async Task EachOfficeListsOnlyItsOwnDistrictsAccounts()
    {
        var beibei = await (await As("office")).GetAsync("/api/users?pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.All(beibei.Items(), u => Assert.Equal(Ids.Beibei, u.GetProperty("districtId").GetGuid()));
        Assert.Contains(beibei.Items(), u => u.Str("userName") == "town.xiema");
        Assert.DoesNotContain(beibei.Items(), u => u.Str("userName") is "office2" or "admin");

        var second = await (await As("office2")).GetAsync("/api/users?pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.All(second.Items(), u => Assert.Equal(Ids.Second, u.GetProperty("districtId").GetGuid()));
        Assert.Contains(second.Items(), u => u.Str("userName") == "office2");
    }

    [Fact]
    public async Task TheAdminSeesEveryDistrictAndPlacesAnAccountInAny()
    {
        var admin = await As("admin");
        var name = HostFixture.UniqueName("o2");
        var created = await admin.PostAsJsonAsync("/api/users",
            new { userName = name, displayName = "测试区法制办", role = Roles.Office, districtId = Ids.Second, password = HostFixture.Password })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(Ids.Second, created.GetProperty("districtId").GetGuid());

        var all = await admin.GetAsync("/api/users?pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(all.Items(), u => u.Str("userName") == "office");
        Assert.Contains(all.Items(), u => u.Str("userName") == "office2");
        var second = await admin.GetAsync($"/api/users?district={Ids.Second}&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.All(second.Items(), u => Assert.Equal(Ids.Second, u.GetProperty("districtId").GetGuid()));
        Assert.Contains(second.Items(), u => u.Id() == created.Id());
    }

    [Fact]
    public async Task TheAdminNamingOnlyATownshipPlacesTheAccountInItsDistrict()
    {
        var created = await (await As("admin")).PostAsJsonAsync("/api/users", TownshipUser(HostFixture.UniqueName("t2"), Ids.SecondTownship))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(Ids.Second, created.GetProperty("districtId").GetGuid());
        Assert.Equal("测试镇", created.Str("townshipName"));
    }

    [Fact]
    public async Task AnotherDistrictsAccountIsNotFoundAndStaysUnchanged()
    {
        var target = await CreateTownshipUserAsync();
        var id = target.Id();
        var office2 = await As("office2");
        var head = await AuditHeadAsync();

        await office2.GetAsync($"/api/users/{id}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await office2.PutAsJsonAsync($"/api/users/{id}", new { userName = target.Str("userName"), displayName = "被篡改", role = Roles.Office })
            .ExpectStatusAsync(HttpStatusCode.NotFound);
        await office2.PostAsJsonAsync($"/api/users/{id}/password", new { password = NewPassword }).ExpectStatusAsync(HttpStatusCode.NotFound);
        await office2.PostAsync($"/api/users/{id}/lock", null).ExpectStatusAsync(HttpStatusCode.NotFound);
        await office2.PostAsync($"/api/users/{id}/unlock", null).ExpectStatusAsync(HttpStatusCode.NotFound);
        // The office of 北碚区 can't reach above its district either: the admin is nobody's district account.
        var adminId = await IdOfAsync("admin");
        await (await As("office")).PostAsync($"/api/users/{adminId}/lock", null).ExpectStatusAsync(HttpStatusCode.NotFound);

        Assert.Equal(head, await AuditHeadAsync());
        var still = await (await As("office")).GetAsync($"/api/users/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("测试镇街账号", still.Str("displayName"));
        Assert.False(still.GetProperty("locked").GetBoolean());
        await Host.PostLoginAsync(target.Str("userName"), HostFixture.Password).ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnUnknownIdIsNotFound()
    {
        var office = await As("office");
        var id = Guid.NewGuid();
        await office.GetAsync($"/api/users/{id}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await office.PutAsJsonAsync($"/api/users/{id}", new { userName = "nobody", displayName = "无", role = Roles.Auditor })
            .ExpectStatusAsync(HttpStatusCode.NotFound);
        await office.PostAsync($"/api/users/{id}/lock", null).ExpectStatusAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("dept.safety")]
    [InlineData("town.xiema")]
    [InlineData("officer.xiema")]
    [InlineData("auditor")]
    public async Task NoOtherRoleKeepsAccounts(string userName)
    {
        var target = await CreateTownshipUserAsync();
        var id = target.Id();
        var client = await As(userName);
        var head = await AuditHeadAsync();

        await client.GetAsync("/api/users").ExpectStatusAsync(HttpStatusCode.Forbidden);
        await client.GetAsync($"/api/users/{id}").ExpectStatusAsync(HttpStatusCode.Forbidden);
        await client.PostAsJsonAsync("/api/users", TownshipUser(HostFixture.UniqueName("x"), Ids.Xiema)).ExpectStatusAsync(HttpStatusCode.Forbidden);
        await client.PutAsJsonAsync($"/api/users/{id}", new { userName = target.Str("userName"), displayName = "越权", role = Roles.Office })
            .ExpectStatusAsync(HttpStatusCode.Forbidden);
        await client.PostAsJsonAsync($"/api/users/{id}/password", new { password = NewPassword }).ExpectStatusAsync(HttpStatusCode.Forbidden);
        await client.PostAsync($"/api/users/{id}/lock", null).ExpectStatusAsync(HttpStatusCode.Forbidden);
        await client.PostAsync($"/api/users/{id}/unlock", null).ExpectStatusAsync(HttpStatusCode.Forbidden);

        Assert.Equal(head, await AuditHeadAsync());
        await Host.PostLoginAsync(target.Str("userName"), HostFixture.Password).ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ADuplicateUserNameIsAConflictInEitherLanguageAndWritesNothing()
    {
        var head = await AuditHeadAsync();

        var zh = await (await As("office")).PostAsJsonAsync("/api/users", TownshipUser("town.xiema", Ids.Xiema))
            .ExpectAsync(HttpStatusCode.Conflict);
        var en = await (await As("office", "en")).PostAsJsonAsync("/api/users", TownshipUser("TOWN.XIEMA", Ids.Xiema))
            .ExpectAsync(HttpStatusCode.Conflict);
        // User names are unique across districts: sign-in knows no district.
        var elsewhere = await (await As("office2")).PostAsJsonAsync("/api/users", TownshipUser("town.xiema", Ids.SecondTownship))
            .ExpectAsync(HttpStatusCode.Conflict);

        Assert.Equal("User.DuplicateUserName", zh.Code());
        Assert.Equal("User.DuplicateUserName", elsewhere.Code());
        Assert.NotEmpty(zh.ErrorsFor("UserName"));
        Assert.Contains("town.xiema", zh.Str("detail"));
        Http.AssertChinese(zh.Str("detail"));
        Http.AssertNotChinese(en.Str("detail"));
        Assert.Equal(head, await AuditHeadAsync());
        var page = await (await As("office")).GetAsync("/api/users?q=town.xiema").ExpectAsync(HttpStatusCode.OK);
        Assert.Single(page.Items(), u => string.Equals(u.Str("userName"), "town.xiema", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task RenamingToAnotherAccountsNameIsAConflict()
    {
        var target = await CreateTownshipUserAsync();
        var problem = await (await As("office")).PutAsJsonAsync($"/api/users/{target.Id()}",
            new { userName = "officer.xiema", displayName = "改名", role = Roles.Township, townshipId = Ids.Xiema })
            .ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("User.DuplicateUserName", problem.Code());
        var unchanged = await (await As("office")).GetAsync($"/api/users/{target.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(target.Str("userName"), unchanged.Str("userName"));
    }

    [Fact]
    public async Task ADepartmentAccountWithoutADepartmentIsRefusedAndNothingIsWritten()
    {
        var name = HostFixture.UniqueName("nd");
        var head = await AuditHeadAsync();

        var zh = await (await As("office")).PostAsJsonAsync("/api/users",
            new { userName = name, displayName = "无部门账号", role = Roles.Department, password = HostFixture.Password })
            .ExpectAsync(HttpStatusCode.BadRequest);
        var en = await (await As("office", "en")).PostAsJsonAsync("/api/users",
            new { userName = name, displayName = "无部门账号", role = Roles.Department, password = HostFixture.Password })
            .ExpectAsync(HttpStatusCode.BadRequest);

        Http.AssertChinese(Assert.Single(zh.ErrorsFor("DepartmentId")));
        Http.AssertNotChinese(Assert.Single(en.ErrorsFor("DepartmentId")));
        Assert.Equal(head, await AuditHeadAsync());
        Assert.False(await UserExistsAsync(name));
    }

    [Fact]
    public async Task AUnitTheRoleDoesNotTakeIsAFieldError()
    {
        var problem = await (await As("office")).PostAsJsonAsync("/api/users",
            new { userName = HostFixture.UniqueName("au"), displayName = "督查", role = Roles.Auditor, departmentId = Ids.Safety, password = HostFixture.Password })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor("DepartmentId"));
        Assert.Empty(problem.ErrorsFor("TownshipId"));
    }

    [Fact]
    public async Task ATownshipOfAnotherDistrictIsRefused()
    {
        var name = HostFixture.UniqueName("ot");
        var problem = await (await As("office")).PostAsJsonAsync("/api/users", TownshipUser(name, Ids.SecondTownship))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("User.TownshipNotInDistrict", problem.Code());
        Assert.NotEmpty(problem.ErrorsFor("TownshipId"));
        Assert.False(await UserExistsAsync(name));

        var mixed = await (await As("admin")).PostAsJsonAsync("/api/users",
            new { userName = name, displayName = "混搭", role = Roles.Officer, districtId = Ids.Second, townshipId = Ids.Xiema, password = HostFixture.Password })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("User.TownshipNotInDistrict", mixed.Code());
        Assert.False(await UserExistsAsync(name));
    }

    [Theory]
    [InlineData("short1A")]
    [InlineData("alllowercase1")]
    [InlineData("NoDigitsHere")]
    public async Task AWeakPasswordIsRefusedAndNothingIsWritten(string password)
    {
        var name = HostFixture.UniqueName("wp");
        var head = await AuditHeadAsync();

        var zh = await (await As("office")).PostAsJsonAsync("/api/users", TownshipUser(name, Ids.Xiema, password))
            .ExpectAsync(HttpStatusCode.BadRequest);
        var en = await (await As("office", "en")).PostAsJsonAsync("/api/users", TownshipUser(name, Ids.Xiema, password))
            .ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["Password"], zh.ErrorFields());
        Http.AssertChinese(zh.ErrorsFor("Password")[0]);
        Http.AssertNotChinese(en.ErrorsFor("Password")[0]);
        Assert.Equal(head, await AuditHeadAsync());
        Assert.False(await UserExistsAsync(name));
    }

    [Fact]
    public async Task MissingFieldsAreAValidationProblemKeyedByField()
    {
        var problem = await (await As("office")).PostAsJsonAsync("/api/users", new { userName = " ", role = "" })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["DisplayName", "Password", "Role", "UserName"], problem.ErrorFields().Order().ToArray());

        var odd = await (await As("office")).PostAsJsonAsync("/api/users",
            new { userName = "张三", displayName = "张三", role = "chief", password = HostFixture.Password }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(odd.ErrorsFor("UserName"));
        Assert.NotEmpty(odd.ErrorsFor("Role"));
    }

    [Fact]
    public async Task TheOfficeCannotMakeAnAdmin()
    {
        var name = HostFixture.UniqueName("ad");
        var problem = await (await As("office")).PostAsJsonAsync("/api/users",
            new { userName = name, displayName = "冒充管理员", role = Roles.Admin, password = HostFixture.Password })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("User.RoleNotAllowed", problem.Code());
        Assert.NotEmpty(problem.ErrorsFor("Role"));
        Assert.False(await UserExistsAsync(name));

        var target = await CreateTownshipUserAsync();
        await (await As("office")).PutAsJsonAsync($"/api/users/{target.Id()}",
            new { userName = target.Str("userName"), displayName = "升级", role = Roles.Admin }).ExpectStatusAsync(HttpStatusCode.BadRequest);
        var unchanged = await (await As("office")).GetAsync($"/api/users/{target.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(Roles.Township, unchanged.Str("role"));
    }

    [Fact]
    public async Task UpdatingAnAccountChangesItsRoleAndUnitAndIsAudited()
    {
        var target = await CreateTownshipUserAsync();
        var office = await As("office");

        var updated = await office.PutAsJsonAsync($"/api/users/{target.Id()}",
            new { userName = target.Str("userName"), displayName = "天生街道执法人员", role = Roles.Officer, townshipId = Ids.Tiansheng })
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(Roles.Officer, updated.Str("role"));
        Assert.Equal("天生街道", updated.Str("townshipName"));
        Assert.Equal("天生街道执法人员", updated.Str("displayName"));
        var modified = (await AuditOfAsync("AppUser", target.Id())).First();
        Assert.Equal("Modified", modified.Str("action"));
        Assert.Contains("测试镇街账号", modified.Str("before"));
        Assert.Contains("天生街道执法人员", modified.Str("after"));
        var me = await (await As(target.Str("userName"))).GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(Ids.Tiansheng, me.GetProperty("townshipId").GetGuid());
    }

    [Fact]
    public async Task NobodyLocksThemselves()
    {
        var name = await Host.CreateUserAsync(HostFixture.UniqueName("self"), Roles.Office, Ids.Beibei);
        var self = await IdOfAsync(name);
        var head = await AuditHeadAsync();

        var problem = await (await As(name)).PostAsync($"/api/users/{self}/lock", null).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("User.SelfLock", problem.Code());
        Http.AssertChinese(problem.Str("detail"));
        Assert.Equal(head, await AuditHeadAsync());
        await Host.PostLoginAsync(name, HostFixture.Password).ExpectStatusAsync(HttpStatusCode.OK);

        var admin = await IdOfAsync("admin");
        var byAdmin = await (await As("admin")).PostAsync($"/api/users/{admin}/lock", null).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("User.SelfLock", byAdmin.Code());
    }

    [Fact]
    public async Task NobodyChangesTheirOwnRole()
    {
        var name = await Host.CreateUserAsync(HostFixture.UniqueName("self"), Roles.Office, Ids.Beibei);
        var self = await IdOfAsync(name);

        var problem = await (await As(name)).PutAsJsonAsync($"/api/users/{self}", new { userName = name, displayName = name, role = Roles.Auditor })
            .ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("User.SelfDemote", problem.Code());
        Assert.NotEmpty(problem.ErrorsFor("Role"));
        var me = await (await As(name)).GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(Roles.Office, me.Str("role"));
        // Keeping the role, the display name may change.
        var renamed = await (await As(name)).PutAsJsonAsync($"/api/users/{self}", new { userName = name, displayName = "新名字", role = Roles.Office })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("新名字", renamed.Str("displayName"));
    }

    [Fact]
    public async Task ADisabledAccountCannotSignInUntilEnabled()
    {
        var target = await CreateTownshipUserAsync();
        var name = target.Str("userName");
        var office = await As("office");

        var locked = await office.PostAsync($"/api/users/{target.Id()}/lock", null).ExpectAsync(HttpStatusCode.OK);

        Assert.True(locked.GetProperty("locked").GetBoolean());
        Assert.True(locked.GetProperty("disabled").GetBoolean());
        var refused = await Host.PostLoginAsync(name, HostFixture.Password).ExpectAsync((HttpStatusCode)423);
        Http.AssertChinese(refused.Str("detail"));
        Assert.Equal("Modified", (await AuditOfAsync("AppUser", target.Id())).First().Str("action"));
        var listed = await office.GetAsync($"/api/users?q={name}").ExpectAsync(HttpStatusCode.OK);
        Assert.True(Assert.Single(listed.Items()).GetProperty("disabled").GetBoolean());

        var unlocked = await office.PostAsync($"/api/users/{target.Id()}/unlock", null).ExpectAsync(HttpStatusCode.OK);

        Assert.False(unlocked.GetProperty("locked").GetBoolean());
        await Host.PostLoginAsync(name, HostFixture.Password).ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UnlockingLiftsALockoutForWrongPasswords()
    {
        var target = await CreateTownshipUserAsync();
        var name = target.Str("userName");
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await Host.PostLoginAsync(name, "Wrong-Passw0rd").ExpectStatusAsync(attempt < 5 ? HttpStatusCode.Unauthorized : (HttpStatusCode)423);
        }
        var lockedOut = await Host.PostLoginAsync(name, HostFixture.Password).ExpectAsync((HttpStatusCode)423);
        Assert.Equal(JsonValueKind.False, (await (await As("office")).GetAsync($"/api/users/{target.Id()}").ExpectAsync(HttpStatusCode.OK))
            .GetProperty("disabled").ValueKind);
        Http.AssertChinese(lockedOut.Str("detail"));

        await (await As("office")).PostAsync($"/api/users/{target.Id()}/unlock", null).ExpectStatusAsync(HttpStatusCode.OK);

        await Host.PostLoginAsync(name, HostFixture.Password).ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ResettingThePasswordRetiresTheOldOne()
    {
        var target = await CreateTownshipUserAsync();
        var name = target.Str("userName");

        await (await As("office")).PostAsJsonAsync($"/api/users/{target.Id()}/password", new { password = NewPassword })
            .ExpectStatusAsync(HttpStatusCode.NoContent);

        await Host.PostLoginAsync(name, HostFixture.Password).ExpectStatusAsync(HttpStatusCode.Unauthorized);
        await Host.PostLoginAsync(name, NewPassword).ExpectStatusAsync(HttpStatusCode.OK);
        var entry = (await AuditOfAsync("AppUser", target.Id())).First();
        Assert.DoesNotContain("AQAAAA", entry.Str("after"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AResetToAWeakPasswordOrOfOnesOwnIsRefused()
    {
        var target = await CreateTownshipUserAsync();
        var weak = await (await As("office")).PostAsJsonAsync($"/api/users/{target.Id()}/password", new { password = "weak" })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(weak.ErrorsFor("Password"));
        await Host.PostLoginAsync(target.Str("userName"), HostFixture.Password).ExpectStatusAsync(HttpStatusCode.OK);

        var name = await Host.CreateUserAsync(HostFixture.UniqueName("self"), Roles.Office, Ids.Beibei);
        var own = await (await As(name)).PostAsJsonAsync($"/api/users/{await IdOfAsync(name)}/password", new { password = NewPassword })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("User.SelfReset", own.Code());
        await Host.PostLoginAsync(name, HostFixture.Password).ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnonymousCallersAreAskedToSignIn()
    {
        await Host.Anonymous().GetAsync("/api/users").ExpectStatusAsync(HttpStatusCode.Unauthorized);
        await Host.Anonymous().PostAsJsonAsync("/api/users", TownshipUser("anon", Ids.Xiema)).ExpectStatusAsync(HttpStatusCode.Unauthorized);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class UsersApiTests_Sqlite(SqliteHost host) : UsersApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class UsersApiTests_Postgres(PostgresHost host) : UsersApiTests(host);
