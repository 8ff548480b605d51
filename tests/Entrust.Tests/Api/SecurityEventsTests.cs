using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Entrust.Tests.Hosting;
using Entrust.Web.Data;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Calendar;
using Entrust.Web.Features.Cases;
using Entrust.Web.Features.Demo;
using Entrust.Web.Features.Inspections;
using Entrust.Web.Features.Officers;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entrust.Tests.Api;

/// <summary>
/// Security events in the audit trail (等保 安全审计): sign-in success and failure with address and user agent, lockout,
/// sign-out, second-factor changes, access denied (403/404 to a signed-in user) and reads of personal data, each an entry
/// of kind <c>SecurityEvent</c> that the office filters by action (<c>GET /api/audit?entity=SecurityEvent&amp;action=…</c>).
/// </summary>
public abstract class SecurityEventsTests(HostFixture host) : ApiTest(host)
{
    private static string NewAddress() => $"10.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}";

    private HttpClient From(string address)
    {
        var client = Host.Anonymous();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("EntrustTest", "1.0"));
        return client;
    }

    private async Task<List<JsonElement>> EventsAsync(string action, string? user = null, string reader = "office")
    {
        var query = $"/api/audit?entity=SecurityEvent&action={action}&pageSize=200" + (user is null ? "" : $"&user={user}");
        var page = await (await As(reader)).GetAsync(query).ExpectAsync(HttpStatusCode.OK);
        Assert.All(page.Items(), e => Assert.Equal(action, e.Str("action")));
        return page.Items().ToList();
    }

    private static JsonElement After(JsonElement entry) => JsonDocument.Parse(entry.Str("after")).RootElement;

    [Fact]
    public async Task SignInsFailuresAndTheLockoutAreRecordedWithAddressAndUserAgent()
    {
        var name = await Host.CreateUserAsync(HostFixture.UniqueName("ev"), Roles.Auditor, Ids.Beibei);
        var address = NewAddress();
        var client = From(address);
        await client.PostAsJsonAsync("/api/auth/login", new { userName = name, password = "Wrong-Password-1" }).ExpectStatusAsync(HttpStatusCode.Unauthorized);
        await client.PostAsJsonAsync("/api/auth/login", new { userName = name, password = HostFixture.Password }).ExpectStatusAsync(HttpStatusCode.OK);

        var failed = Assert.Single(await EventsAsync("SignInFailed", name));
        Assert.Equal("WrongPassword", After(failed).GetProperty("Reason").GetString());
        Assert.Equal(address, After(failed).GetProperty("Address").GetString());
        Assert.Contains("EntrustTest/1.0", After(failed).GetProperty("UserAgent").GetString());
        var signedIn = Assert.Single(await EventsAsync("SignIn", name));
        Assert.Equal("Password", After(signedIn).GetProperty("Factor").GetString());
        Assert.Empty(await EventsAsync("LockedOut", name));

        // Five failures in a row lock the name for the address: the lock is an event of its own.
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/auth/login", new { userName = name, password = "Wrong-Password-1" });
        }
        var locked = Assert.Single(await EventsAsync("LockedOut", name));
        Assert.Equal(address, After(locked).GetProperty("Address").GetString());

        // Another district's office does not read this account's events; an unknown name's attempt is the admin's to read.
        Assert.Empty(await EventsAsync("SignInFailed", name, "office2"));
        var unknown = HostFixture.UniqueName("nobody");
        await client.PostAsJsonAsync("/api/auth/login", new { userName = unknown, password = "Wrong-Password-1" }).ExpectStatusAsync(HttpStatusCode.Unauthorized);
        Assert.Contains(await EventsAsync("SignInFailed", reader: "admin"),
            e => e.Str("userName") == unknown.ToUpperInvariant() && After(e).GetProperty("Reason").GetString() == "UnknownName");
    }

    [Fact]
    public async Task SecondFactorChangesAndSigningOutEverywhereAreRecorded()
    {
        var name = await Host.CreateUserAsync(HostFixture.UniqueName("ev"), Roles.Auditor, Ids.Beibei);
        var client = await As(name);
        await client.PostAsync("/api/me/two-factor/key", null).ExpectStatusAsync(HttpStatusCode.OK);
        await client.PostAsync("/api/me/sign-out-everywhere", null).ExpectStatusAsync(HttpStatusCode.NoContent);
        // Signed out everywhere: a new sign-in turns the second factor off (which ends that session too, with a new key).
        var login = await Host.PostLoginAsync(name, HostFixture.Password).ExpectAsync(HttpStatusCode.OK);
        var again = Host.Anonymous();
        again.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.Str("accessToken"));
        await again.PostAsync("/api/me/two-factor/disable", null).ExpectStatusAsync(HttpStatusCode.NoContent);

        Assert.Single(await EventsAsync("TwoFactorKey", name));
        Assert.Single(await EventsAsync("TwoFactorOff", name));
        Assert.True(After(Assert.Single(await EventsAsync("SignOut", name))).GetProperty("Everywhere").GetBoolean());
    }

    [Fact]
    public async Task GuessedIdsAndForbiddenCallsAreRecordedAsAccessDenied()
    {
        var guessed = Guid.NewGuid();
        await (await As("office")).GetAsync($"/api/departments/{guessed}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await (await As("dept.safety")).GetAsync("/api/audit").ExpectStatusAsync(HttpStatusCode.Forbidden);

        var denied = await EventsAsync("AccessDenied");
        Assert.Contains(denied, e => e.Str("userName") == "office" && After(e).GetProperty("Path").GetString() == $"/api/departments/{guessed}"
            && After(e).GetProperty("Status").GetInt32() == 404);
        Assert.Contains(denied, e => e.Str("userName") == "dept.safety" && After(e).GetProperty("Path").GetString() == "/api/audit"
            && After(e).GetProperty("Status").GetInt32() == 403);
    }

    [Fact]
    public async Task ReadingAnOfficersFullIdNumberIsRecordedAndAMaskedReadIsNot()
    {
        var officer = (await (await As("office")).GetAsync("/api/officers?pageSize=1").ExpectAsync(HttpStatusCode.OK)).Items().First().Id();
        var auditor = await Host.CreateUserAsync(HostFixture.UniqueName("ev"), Roles.Auditor, Ids.Beibei);
        var office = await Host.CreateUserAsync(HostFixture.UniqueName("ev"), Roles.Office, Ids.Beibei);
        await (await As(auditor)).GetAsync($"/api/officers/{officer}").ExpectStatusAsync(HttpStatusCode.OK);
        await (await As(office)).GetAsync($"/api/officers/{officer}").ExpectStatusAsync(HttpStatusCode.OK);

        Assert.Empty(await EventsAsync("PersonalRead", auditor));
        var read = Assert.Single(await EventsAsync("PersonalRead", office));
        Assert.Equal(officer.ToString(), After(read).GetProperty("Id").GetString());
        Assert.Equal("Officer", After(read).GetProperty("Entity").GetString());
    }

    /// <summary>A notified case of 歇马镇 with one evidence file, and an inspection of 歇马镇 with one stored file, made behind the API.</summary>
    private async Task<(Guid Case, Guid EvidenceFile, Guid Inspection, Guid InspectionFile)> XiemaFilesAsync()
    {
        using var scope = Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
        var matter = await db.Matters.AsNoTracking().SingleAsync(m => m.Code == DemoCases.MatterCode);
        var day = new DateOnly(2026, 11, 2);
        var entitlement = await scope.ServiceProvider.GetRequiredService<Entitlements>().CheckAsync(Ids.Xiema, matter.Id, Authority.GeneralPenalty, day);
        var officers = (await db.Officers.AsNoTracking().Where(o => o.TownshipId == Ids.Xiema).OrderBy(o => o.Id).Take(2).ToListAsync())
            .Select(o => new ActingOfficer(o.Id, o.Name, MayActAnswer.Yes)).ToList();
        var c = new Case(new CaseFiling(matter.DistrictId, Ids.Xiema, matter.Id, "北碚测立〔2026〕" + Guid.NewGuid().ToString("N")[..6] + "号",
            new CaseParty(PartyKind.Person, "测试人", "500109199001011234"), "伪造计划生育证明", day.AddDays(-5), null, false, day, day,
            DepartmentId: matter.DepartmentId), entitlement, officers, CaseSettings.Defaults);
        c.BeginInvestigation(day, officers);
        var evidence = c.AddEvidence(day, "书证", "伪造的证明一份", officers);
        c.Notify(new NoticeFacts(day, Penalty.FineOf(1000m), "事实清楚"), CaseSettings.Defaults, WorkingDayCalendar.Empty);
        db.Cases.Add(c);
        var evidenceFile = new CaseEvidenceFile(evidence, "证明.jpg", "image/jpeg", Rules.Inspection.Jpeg, Host.Clock.GetUtcNow(), "test");
        db.CaseEvidenceFiles.Add(evidenceFile);
        var inspection = await db.Inspections.IgnoreQueryFilters().AsNoTracking().FirstAsync(i => i.TownshipId == Ids.Xiema);
        var inspectionFile = new InspectionFile(inspection, "现场.jpg", "image/jpeg", Rules.Inspection.Jpeg, Host.Clock.GetUtcNow(), "test");
        db.InspectionFiles.Add(inspectionFile);
        await db.SaveChangesAsync();
        return (c.Id, evidenceFile.Id, inspection.Id, inspectionFile.Id);
    }

    [Fact]
    public async Task ReadingEvidenceAnInspectionsFileOrACaseDocumentIsRecordedOnceAndARefusedReadIsAnAccessDenied()
    {
        var (caseId, evidenceFile, inspection, inspectionFile) = await XiemaFilesAsync();
        // The demo's accounts: an account of its own in 歇马镇 would change what the trail's unit filter shows other tests.
        const string reader = "town.xiema";
        var client = await As(reader);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/cases/{caseId}/files/{evidenceFile}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/inspections/{inspection}/files/{inspectionFile}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/cases/{caseId}/documents/notice")).StatusCode);

        // Read by the auditor, each read once: what was read, of which record.
        string[] mine = [evidenceFile.ToString(), inspectionFile.ToString(), caseId.ToString()];
        var reads = (await EventsAsync("FileRead", reader, "auditor")).Where(e => mine.Contains(After(e).GetProperty("Id").GetString())).ToList();
        Assert.Equal(3, reads.Count);
        var byEntity = reads.ToDictionary(e => After(e).GetProperty("Entity").GetString()!);
        Assert.Equal(evidenceFile.ToString(), After(byEntity["CaseEvidenceFile"]).GetProperty("Id").GetString());
        Assert.Equal(caseId.ToString(), After(byEntity["CaseEvidenceFile"]).GetProperty("Of").GetString());
        Assert.Equal("证明.jpg", After(byEntity["CaseEvidenceFile"]).GetProperty("Name").GetString());
        Assert.Equal(inspectionFile.ToString(), After(byEntity["InspectionFile"]).GetProperty("Id").GetString());
        Assert.Equal(inspection.ToString(), After(byEntity["InspectionFile"]).GetProperty("Of").GetString());
        Assert.Equal(caseId.ToString(), After(byEntity["CaseDocument.Notice"]).GetProperty("Id").GetString());
        Assert.All(reads, e => Assert.Equal(reader.ToUpperInvariant(), e.Str("userName").ToUpperInvariant()));

        // Another township's user is refused (404): an access denied, never a read.
        const string stranger = "town.tiansheng";
        var other = await As(stranger);
        await other.GetAsync($"/api/cases/{caseId}/files/{evidenceFile}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await other.GetAsync($"/api/inspections/{inspection}/files/{inspectionFile}").ExpectStatusAsync(HttpStatusCode.NotFound);
        await other.GetAsync($"/api/cases/{caseId}/documents/notice").ExpectStatusAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(await EventsAsync("FileRead", stranger, "auditor"), e => mine.Contains(After(e).GetProperty("Id").GetString()));
        var denied = (await EventsAsync("AccessDenied", stranger, "auditor"))
            .Where(e => mine.Any(id => After(e).GetProperty("Path").GetString()!.Contains(id, StringComparison.Ordinal))).ToList();
        Assert.Equal(3, denied.Count);
        Assert.Contains(denied, e => After(e).GetProperty("Path").GetString() == $"/api/cases/{caseId}/files/{evidenceFile}");
    }

    [Fact]
    public async Task AConsolePageItsPolicyRefusesIsRecordedAsAccessDenied()
    {
        // A demo account (one of its own in 歇马镇 would change what the trail's unit filter shows other tests); this collection's
        // tests run one at a time, so the entries added here are the difference.
        const string name = "town.xiema";
        async Task<List<JsonElement>> DeniedAsync() =>
            (await EventsAsync("AccessDenied", name, "auditor")).Where(e => After(e).GetProperty("Path").GetString() == "/Cases/Settings").ToList();
        var before = (await DeniedAsync()).Select(e => e.GetProperty("sequence").GetInt64()).ToHashSet();
        var console = await ConsoleSignIn.SignInAsync(Host, name);
        using (var allowed = await console.GetAsync("/Cases"))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
        Assert.DoesNotContain(await DeniedAsync(), e => !before.Contains(e.GetProperty("sequence").GetInt64()));

        // Only the office keeps the case settings: the cookie sends the township to the access-denied page.
        using var refused = await console.GetAsync("/Cases/Settings");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        using (var deniedPage = await console.GetAsync(refused.Headers.Location))
        {
            Assert.Equal(HttpStatusCode.OK, deniedPage.StatusCode);
        }
        var denied = Assert.Single(await DeniedAsync(), e => !before.Contains(e.GetProperty("sequence").GetInt64()));
        Assert.Equal(403, After(denied).GetProperty("Status").GetInt32());
        Assert.Equal("GET", After(denied).GetProperty("Method").GetString());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SecurityEventsTests_Sqlite(SqliteHost host) : SecurityEventsTests(host);

[Collection(PostgresCollection.Name)]
public sealed class SecurityEventsTests_Postgres(PostgresHost host) : SecurityEventsTests(host);
