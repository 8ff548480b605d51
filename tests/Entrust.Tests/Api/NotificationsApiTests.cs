using System.Net;
using System.Text.Json;
using Entrust.Tests.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Tests.Api;

/// <summary>
/// GET /api/notifications and POST /api/notifications/read, the bell: each side hears of the gaps of its own unit as they open,
/// the office of the escalations of its district; what one user has read stays unread for the others; officers have no bell.
/// </summary>
public abstract class NotificationsApiTests(HostFixture host) : ApiTest(host)
{
    private async Task<JsonElement> BellAsync(string userName) =>
        await (await As(userName)).GetAsync("/api/notifications").ExpectAsync(HttpStatusCode.OK);

    private async Task<HashSet<Guid>> GapIdsAsync(string userName) =>
        [.. (await (await As(userName)).GetAsync("/api/gaps?pageSize=200").ExpectAsync(HttpStatusCode.OK)).Items().Select(g => g.Id())];

    private static List<JsonElement> Items(JsonElement bell) => [.. bell.GetProperty("items").EnumerateArray()];

    /// <summary>The messages about gaps (the monthly reports' messages are ReportsApiTests').</summary>
    private static List<JsonElement> OfGaps(JsonElement bell) => [.. Items(bell).Where(n => n.Str("event")!.StartsWith("Gap", StringComparison.Ordinal))];

    [Fact]
    public async Task EachSideHearsOfItsOwnGapsAndWhatOneReadStaysUnreadForTheOthers()
    {
        var user = await Host.CreateUserAsync(HostFixture.UniqueName("town.tiansheng"), Entrust.Web.Platform.Roles.Township, Ids.Beibei,
            township: Ids.Tiansheng);
        await (await As("office")).PostAsync("/api/gaps/scan", null).ExpectAsync(HttpStatusCode.OK);

        var tiansheng = await BellAsync("town.tiansheng");
        var theirs = await GapIdsAsync("town.tiansheng");
        Assert.NotEmpty(OfGaps(tiansheng));
        Assert.All(OfGaps(tiansheng), n => Assert.Contains(n.GetProperty("gapId").GetGuid(), theirs));
        Assert.Contains(Items(tiansheng), n => n.Str("event") == "GapOpened" && n.Str("title").StartsWith("新的执法空档预警", StringComparison.Ordinal));
        var forestry = await BellAsync("dept.forestry");
        var forestryGaps = await GapIdsAsync("dept.forestry");
        Assert.All(OfGaps(forestry), n => Assert.Contains(n.GetProperty("gapId").GetGuid(), forestryGaps));

        // Read by one township user: none unread for them, the same messages still unread for a colleague.
        var before = (await BellAsync(user)).GetProperty("unread").GetInt32();
        Assert.True(before > 0);
        await (await As("town.tiansheng")).PostAsync("/api/notifications/read", null).ExpectStatusAsync(HttpStatusCode.NoContent);
        var read = await BellAsync("town.tiansheng");
        Assert.Equal(0, read.GetProperty("unread").GetInt32());
        Assert.All(Items(read), n => Assert.False(n.GetProperty("unread").GetBoolean()));
        Assert.Equal(before, (await BellAsync(user)).GetProperty("unread").GetInt32());

        // No bell for an officer or the auditor: nothing listed, nothing to mark.
        Assert.Empty(Items(await BellAsync("officer.xiema")));
        Assert.Empty(Items(await BellAsync("auditor")));
        await (await As("auditor")).PostAsync("/api/notifications/read", null).ExpectStatusAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0, await Host.WithDbAsync(db => db.NotificationReads.CountAsync(r => r.UserId == db.Users.Single(u => u.UserName == "auditor").Id)));
    }

    /// <summary>With no mail server configured (the shared hosts) nobody is asked for an address; the answer says so.</summary>
    [Fact]
    public async Task WithoutAMailServerTheDigestIsOff()
    {
        var digest = await (await As("town.tiansheng")).GetAsync("/api/notifications/digest").ExpectAsync(HttpStatusCode.OK);
        Assert.False(digest.GetProperty("mailConfigured").GetBoolean());
        var page = await (await ConsoleSignIn.SignInAsync(Host, "town.tiansheng")).GetStringAsync("/Notifications");
        Assert.DoesNotContain("每日消息摘要邮件", page, StringComparison.Ordinal);
    }

    /// <summary>A gap left unacknowledged escalates on a scan: the office's bell says so, the township's does not repeat it.</summary>
    [Fact]
    public async Task AnEscalationRingsTheOfficesBell()
    {
        await (await As("office")).PostAsync("/api/gaps/scan", null).ExpectAsync(HttpStatusCode.OK);
        // The last open gap not yet escalated (the gap tests escalate the first one of the same host).
        var gap = (await (await As("town.tiansheng")).GetAsync("/api/gaps?state=Open&pageSize=200").ExpectAsync(HttpStatusCode.OK)).Items()
            .Last(g => !g.GetProperty("escalated").GetBoolean()).Id();
        var monthAgo = DateOnly.FromDateTime(Host.Clock.GetUtcNow().UtcDateTime.AddHours(8)).AddDays(-30);
        await Host.WithDbAsync(db => db.Gaps.IgnoreQueryFilters().Where(g => g.Id == gap)
            .ExecuteUpdateAsync(u => u.SetProperty(g => g.OpenedOn, monthAgo)));

        await (await As("office")).PostAsync("/api/gaps/scan", null).ExpectAsync(HttpStatusCode.OK);

        var office = Items(await BellAsync("office"));
        Assert.Contains(office, n => n.Str("event") == "GapEscalated" && n.GetProperty("gapId").GetGuid() == gap);
        Assert.All(OfGaps(await BellAsync("office")), n => Assert.Equal("GapEscalated", n.Str("event")));
        Assert.DoesNotContain(Items(await BellAsync("town.tiansheng")), n => n.Str("event") == "GapEscalated");
        Assert.DoesNotContain(OfGaps(await BellAsync("office2")), n => n.GetProperty("gapId").GetGuid() == gap);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class NotificationsApiTests_Sqlite(SqliteHost host) : NotificationsApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class NotificationsApiTests_Postgres(PostgresHost host) : NotificationsApiTests(host);
