using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Entrust.Tests.Hosting;
using Entrust.Web.Features.Officers;
using Entrust.Web.Platform;

namespace Entrust.Tests.Api;

/// <summary>/api/officers: registering, scope and masking, transfer and leaving, and the may-act question.</summary>
public abstract class OfficersApiTests(HostFixture host) : OfficerTest(host)
{
    private static readonly Regex MaskedId = new(@"^\d{4}\*{10}[0-9X]{4}$");

    [Fact]
    public async Task TheOfficeSeesIdNumberAndPhoneInFullEveryoneElseMasked()
    {
        var idNumber = NewIdNumber();
        var created = await CreateOfficerAsync(OfficerBody(Ids.Xiema, name: "王明", idNumber: idNumber, phone: "13987654321"));
        Assert.Equal(idNumber, created.Str("idNumber"));
        Assert.Equal("13987654321", created.Str("phone"));
        Assert.Equal("歇马镇", created.Str("unitName"));

        foreach (var userName in new[] { "town.xiema", "officer.xiema", "dept.safety", "auditor" })
        {
            var seen = await (await As(userName)).GetAsync($"/api/officers/{created.Id()}").ExpectAsync(HttpStatusCode.OK);
            Assert.Matches(MaskedId, seen.Str("idNumber"));
            Assert.Equal(idNumber[..4] + "**********" + idNumber[^4..], seen.Str("idNumber"));
            Assert.Equal("139****4321", seen.Str("phone"));
            var listed = await (await As(userName)).GetAsync($"/api/officers?q=王明&unit={Ids.Xiema}&pageSize=200").ExpectAsync(HttpStatusCode.OK);
            var row = Assert.Single(listed.Items(), r => r.Id() == created.Id());
            Assert.Equal("139****4321", row.Str("phone"));
            Assert.DoesNotContain(idNumber, listed.GetRawText());
        }
    }

    [Fact]
    public async Task AnInvalidIdNumberIsRefusedInChineseAndNothingIsWritten()
    {
        var before = await OfficerCountAsync();
        var problem = await (await As("office")).PostAsJsonAsync("/api/officers", OfficerBody(Ids.Xiema, idNumber: "110105194912310021"))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Officer.IdNumberInvalid", problem.Code());
        Http.AssertChinese(Assert.Single(problem.ErrorsFor("IdNumber")));
        Assert.Equal(before, await OfficerCountAsync());
    }

    [Fact]
    public async Task AMissingNameOrChoiceIsRefused()
    {
        var before = await OfficerCountAsync();
        var client = await As("office");
        var noName = await client.PostAsJsonAsync("/api/officers", OfficerBody(Ids.Xiema, name: " ")).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Officer.NameRequired", noName.Code());
        var noStaffType = await client.PostAsJsonAsync("/api/officers",
            new { townshipId = Ids.Xiema, name = "赵刚", gender = "Male", idNumber = NewIdNumber(), phone = "13812341234", post = "队员" })
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Officer.StaffTypeInvalid", noStaffType.Code());
        var noUnit = await client.PostAsJsonAsync("/api/officers", OfficerBody()).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Officer.UnitRequired", noUnit.Code());
        var bothUnits = await client.PostAsJsonAsync("/api/officers", OfficerBody(Ids.Xiema, Ids.Safety)).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Officer.UnitRequired", bothUnits.Code());
        Assert.Equal(before, await OfficerCountAsync());
    }

    [Fact]
    public async Task AnIdNumberIsRegisteredOncePerDistrict()
    {
        var idNumber = NewIdNumber();
        await CreateOfficerAsync(OfficerBody(Ids.Xiema, idNumber: idNumber));
        var before = await OfficerCountAsync();

        // Another township of the district can't see the first registration, and still may not register the person again.
        var problem = await (await As("office")).PostAsJsonAsync("/api/officers", OfficerBody(Ids.Tiansheng, idNumber: idNumber))
            .ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("Officer.IdNumberTaken", problem.Code());
        Http.AssertChinese(problem.Str("detail"));
        Assert.Equal(before, await OfficerCountAsync());

        // Another district keeps its own register.
        await CreateOfficerAsync(OfficerBody(Ids.SecondTownship, idNumber: idNumber), "office2");
    }

    [Fact]
    public async Task ATownshipRegistersItsOwnOfficersAndADepartmentItsOwn()
    {
        var own = await CreateOfficerAsync(OfficerBody(Ids.Xiema), "town.xiema");
        Assert.Equal(Ids.Xiema, own.GetProperty("townshipId").GetGuid());
        await CreateOfficerAsync(OfficerBody(departmentId: Ids.Safety), "dept.safety");

        var before = await OfficerCountAsync();
        var refusals = new[]
        {
            ("town.xiema", OfficerBody(Ids.Tiansheng)),
            ("town.xiema", OfficerBody(departmentId: Ids.Safety)),
            ("dept.safety", OfficerBody(Ids.Xiema)),
            ("dept.safety", OfficerBody(departmentId: Ids.Forestry)),
        };
        foreach (var (userName, body) in refusals)
        {
            var problem = await (await As(userName)).PostAsJsonAsync("/api/officers", body).ExpectAsync(HttpStatusCode.BadRequest);
            Assert.Equal("Officer.OwnUnitOnly", problem.Code());
        }
        await (await As("auditor")).PostAsJsonAsync("/api/officers", OfficerBody(Ids.Xiema)).ExpectStatusAsync(HttpStatusCode.Forbidden);
        await (await As("officer.xiema")).PostAsJsonAsync("/api/officers", OfficerBody(Ids.Xiema)).ExpectStatusAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before, await OfficerCountAsync());
    }

    [Fact]
    public async Task ATownshipSeesItsOwnOfficersOnly()
    {
        var other = await OfficerOfAsync(Ids.Tiansheng, "天生街道队员");
        var xiema = await As("town.xiema");
        await xiema.GetAsync($"/api/officers/{other}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await xiema.PutAsJsonAsync($"/api/officers/{other}", OfficerBody(name: "改名")).ExpectStatusAsync(HttpStatusCode.NotFound);
        await xiema.PostAsJsonAsync($"/api/officers/{other}/leave", new { reason = "辞职" }).ExpectStatusAsync(HttpStatusCode.NotFound);
        await xiema.GetAsync($"/api/officers/{other}/may-act?matter={Guid.NewGuid()}").ExpectStatusAsync(HttpStatusCode.NotFound);
        var list = await xiema.GetAsync("/api/officers?pageSize=200").ExpectAsync(HttpStatusCode.OK);
        Assert.All(list.Items(), r => Assert.Equal(Ids.Xiema, r.GetProperty("townshipId").GetGuid()));
        Assert.DoesNotContain(list.Items(), r => r.Id() == other);

        await (await As("office2")).GetAsync($"/api/officers/{other}").ExpectStatusAsync(HttpStatusCode.NotFound);
        // A department sees the townships' officers (they act in its name) but does not manage them.
        var safety = await As("dept.safety");
        await safety.GetAsync($"/api/officers/{other}").ExpectStatusAsync(HttpStatusCode.OK);
        await safety.PostAsJsonAsync($"/api/officers/{other}/leave", new { reason = "辞职" }).ExpectStatusAsync(HttpStatusCode.Forbidden);
        var still = await (await As("office")).GetAsync($"/api/officers/{other}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Active", still.Str("status"));
    }

    [Fact]
    public async Task AnUpdateChangesTheParticularsButNeverTheUnit()
    {
        var id = await OfficerOfAsync(Ids.Xiema, "钱进");
        var client = await As("town.xiema");
        var idNumber = NewIdNumber();
        var changed = await client.PutAsJsonAsync($"/api/officers/{id}", OfficerBody(name: "钱进", idNumber: idNumber, post: "中队长"))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("中队长", changed.Str("post"));

        var problem = await client.PutAsJsonAsync($"/api/officers/{id}", OfficerBody(Ids.Tiansheng, name: "钱进", idNumber: idNumber))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Officer.UnitFixed", problem.Code());
        var seen = await (await As("office")).GetAsync($"/api/officers/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(Ids.Xiema, seen.GetProperty("townshipId").GetGuid());
        Assert.Equal(idNumber, seen.Str("idNumber"));
    }

    [Fact]
    public async Task ATransferWithoutAReasonIsRefusedAndChangesNothing()
    {
        var id = await PassedOfficerAsync(Ids.Xiema);
        await IssueAsync(id, ["work-safety"]);
        foreach (var body in new object[] { new { reason = "  " }, new { } })
        {
            var problem = await (await As("office")).PostAsJsonAsync($"/api/officers/{id}/transfer", body).ExpectAsync(HttpStatusCode.BadRequest);
            Assert.Equal("Officer.ReasonRequired", problem.Code());
            Http.AssertChinese(Assert.Single(problem.ErrorsFor("Reason")));
        }
        var officer = await (await As("office")).GetAsync($"/api/officers/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Active", officer.Str("status"));
        Assert.All(await CertificatesOfAsync(id), c => Assert.Equal(CertificateState.Active, c.State));
    }

    [Fact]
    public async Task LeavingRevokesEveryCertificateTheSameDayWithTheReason()
    {
        var id = await PassedOfficerAsync(Ids.Xiema, "孙离");
        var number = (await IssueAsync(id, ["work-safety", "forestry"])).Str("number");
        var matter = await DemoMatterAsync("198-02");

        var left = await (await As("town.xiema")).PostAsJsonAsync($"/api/officers/{id}/leave", new { reason = "辞职" })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Left", left.Str("status"));
        Assert.Equal(Day(Today), left.Str("statusChangedOn"));
        var certificate = Assert.Single(await CertificatesOfAsync(id));
        Assert.Equal(CertificateState.Revoked, certificate.State);
        Assert.Equal(Today, certificate.StateChangedOn);
        Assert.Contains("辞职", certificate.StateReason);
        Assert.Equal("Revoked", Assert.Single(left.GetProperty("certificates").EnumerateArray()).Str("validity"));

        // No longer counted anywhere: may-act, the public register.
        var answer = await (await As("office")).GetAsync($"/api/officers/{id}/may-act?matter={matter}").ExpectAsync(HttpStatusCode.OK);
        Assert.False(answer.GetProperty("mayAct").GetBoolean());
        Assert.Equal("MayAct.OfficerNotActive", answer.Str("reason"));
        var register = await Host.Anonymous().GetAsync($"/api/public/officers?unit={Ids.Xiema}").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(register.Items(), e => e.Str("certificateNumber") == number);

        var again = await (await As("office")).PostAsJsonAsync($"/api/officers/{id}/transfer", new { reason = "调往外区" })
            .ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("Officer.NotActive", again.Code());
    }

    [Fact]
    public async Task ATransferRevokesTheCertificatesToo()
    {
        var id = await PassedOfficerAsync(Ids.Xiema);
        await IssueAsync(id, ["work-safety"]);
        var moved = await (await As("office")).PostAsJsonAsync($"/api/officers/{id}/transfer", new { reason = "调任镇党政办" })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Transferred", moved.Str("status"));
        Assert.Equal("调任镇党政办", moved.Str("statusReason"));
        Assert.All(await CertificatesOfAsync(id), c => Assert.Equal(CertificateState.Revoked, c.State));
    }

    [Fact]
    public async Task MayActAnswersYesOnlyWithAValidCoveringCertificateAndAnEntitledTownship()
    {
        var township = (await CreateTownshipAsync(name: "可执法测试镇")).Id();
        var matter = (await ScopedMatterAsync(Ids.Safety)).Id;
        await InForceAsync(AgreementBody(Ids.Safety, township, [MatterItem(matter)]));
        var officer = await PassedOfficerAsync(township);
        await (await As("office")).PostAsJsonAsync("/api/certificates",
            new { officerId = officer, domains = new[] { "work-safety" }, issuedOn = Day(Today.AddDays(-60)) }).ExpectAsync(HttpStatusCode.Created);
        var client = await As("office");

        var yes = await client.GetAsync($"/api/officers/{officer}/may-act?matter={matter}").ExpectAsync(HttpStatusCode.OK);
        Assert.True(yes.GetProperty("mayAct").GetBoolean());
        Assert.Equal(JsonValueKindNull, yes.GetProperty("reason").ValueKind);
        // The admin's EF model (every district) answers the same through its own compiled queries.
        var admin = await (await As("admin")).GetAsync($"/api/officers/{officer}/may-act?matter={matter}").ExpectAsync(HttpStatusCode.OK);
        Assert.True(admin.GetProperty("mayAct").GetBoolean());
        await (await As("office2")).GetAsync($"/api/officers/{officer}/may-act?matter={matter}").ExpectStatusAsync(HttpStatusCode.NotFound);

        // Before the agreement's term (it began 30 days ago) the certificate was valid but the township held no power.
        var before = await client.GetAsync($"/api/officers/{officer}/may-act?matter={matter}&date={Day(Today.AddDays(-45))}").ExpectAsync(HttpStatusCode.OK);
        Assert.False(before.GetProperty("mayAct").GetBoolean());
        Assert.Equal("MayAct.TownshipNotEntitled", before.Str("reason"));
        Http.AssertChinese(before.Str("message"));

        var earlier = await client.GetAsync($"/api/officers/{officer}/may-act?matter={matter}&date={Day(Today.AddDays(-61))}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("MayAct.CertificateNotYetIssued", earlier.Str("reason"));

        var forestry = await DemoMatterAsync("198-04");
        var other = await client.GetAsync($"/api/officers/{officer}/may-act?matter={forestry}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("MayAct.DomainNotCovered", other.Str("reason"));
        Assert.Contains("林业", other.Str("message"));

        var english = await (await As("office", "en")).GetAsync($"/api/officers/{officer}/may-act?matter={forestry}").ExpectAsync(HttpStatusCode.OK);
        Http.AssertNotChinese(english.Str("message").Replace("测试执法人员", ""));

        var missing = await client.GetAsync($"/api/officers/{officer}/may-act").ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(missing.ErrorsFor("MatterId"));
        await client.GetAsync($"/api/officers/{Guid.NewGuid()}/may-act?matter={matter}").ExpectStatusAsync(HttpStatusCode.NotFound);
        var unknownMatter = await client.GetAsync($"/api/officers/{officer}/may-act?matter={Guid.NewGuid()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("MayAct.MatterNotFound", unknownMatter.Str("reason"));
    }

    [Fact]
    public async Task AnOfficerWithoutACertificateMayNotAct()
    {
        var officer = await OfficerOfAsync(Ids.Xiema);
        var matter = await DemoMatterAsync("198-02");
        var answer = await (await As("town.xiema")).GetAsync($"/api/officers/{officer}/may-act?matter={matter}").ExpectAsync(HttpStatusCode.OK);
        Assert.False(answer.GetProperty("mayAct").GetBoolean());
        Assert.Equal("MayAct.NoCertificate", answer.Str("reason"));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}

[Collection(SqliteCollection.Name)]
public sealed class OfficersApiTests_Sqlite(SqliteHost host) : OfficersApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class OfficersApiTests_Postgres(PostgresHost host) : OfficersApiTests(host);
