using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entrust.Tests.Hosting;
using Entrust.Web.Data;
using Entrust.Web.Features.Targets;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entrust.Tests.Api;

/// <summary>
/// Idempotency keys on the API's writes (issue 19: a phone that retries after a lost answer records once): the first answer is
/// kept per user and key, a retry of the same request gets it again without writing, the same key on another request is 422, a
/// write and its key commit together: a node killed after the commit answers the retry "recorded", one killed before it leaves
/// nothing and the retry runs; of two writes with one key only one commits.
/// </summary>
public abstract class IdempotencyTests(HostFixture host) : ApiTest(host)
{
    private object Target(string name, Guid? township = null) =>
        new { townshipId = township ?? Ids.Xiema, name, kind = "Restaurant", address = "歇马镇场镇新街12号", contact = "王老板", phone = "023-68221234", riskLevel = "Low" };

    private static HttpRequestMessage Post(string key, object body) =>
        new(HttpMethod.Post, "/api/targets") { Content = JsonContent.Create(body), Headers = { { Idempotency.Header, key } } };

    private Task<int> TargetsNamedAsync(string name) =>
        Host.WithDbAsync(db => db.Targets.IgnoreQueryFilters().CountAsync(t => t.Name == name));

    [Fact]
    public async Task ARetryWithTheSameKeyGetsTheFirstAnswerAndWritesNothing()
    {
        var town = await As("town.xiema");
        var key = Guid.NewGuid().ToString();
        var name = "重试饭店" + Guid.NewGuid().ToString("N")[..6];
        using var first = await town.SendAsync(Post(key, Target(name)));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var firstBody = await first.Content.ReadAsStringAsync();
        var head = await AuditHeadAsync();

        using var retry = await town.SendAsync(Post(key, Target(name)));
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal("application/json", retry.Content.Headers.ContentType?.MediaType);
        Assert.True(retry.Headers.Contains(Idempotency.ReplayedHeader));
        Assert.False(first.Headers.Contains(Idempotency.ReplayedHeader));
        Assert.Equal(1, await TargetsNamedAsync(name));
        Assert.Equal(head, await AuditHeadAsync());

        // The key is the user's own: another account's request with the same key runs.
        var other = "他人饭店" + Guid.NewGuid().ToString("N")[..6];
        using var others = await (await As("town.tiansheng")).SendAsync(Post(key, Target(other, Ids.Tiansheng)));
        Assert.Equal(HttpStatusCode.Created, others.StatusCode);
        Assert.Equal(1, await TargetsNamedAsync(other));
    }

    [Fact]
    public async Task TheSameKeyOnAnotherRequestIsRefusedInBothLanguages()
    {
        var key = Guid.NewGuid().ToString();
        var name = "改单饭店" + Guid.NewGuid().ToString("N")[..6];
        using var first = await (await As("town.xiema")).SendAsync(Post(key, Target(name)));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        var zh = await (await As("town.xiema")).SendAsync(Post(key, Target(name + "二"))).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Idempotency.KeyReused", zh.Code());
        Assert.Contains("已用于另一请求", zh.Str("detail"));
        var en = await (await As("town.xiema", "en")).SendAsync(Post(key, Target(name + "二"))).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("was used for another request", en.Str("detail"));
        Assert.Equal(0, await TargetsNamedAsync(name + "二"));

        var invalid = await (await As("town.xiema")).SendAsync(Post("not-a-uuid", Target(name + "三"))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Idempotency.KeyInvalid", invalid.Code());
        Assert.Equal(0, await TargetsNamedAsync(name + "三"));
    }

    [Fact]
    public async Task ARefusedAnswerIsKeptToo()
    {
        // A refusal (400, a name missing) is the request's answer: the retry gets it again.
        var town = await As("town.xiema");
        var refusedKey = Guid.NewGuid().ToString();
        var bad = new { townshipId = Ids.Xiema, name = "", kind = "Restaurant", address = "x", riskLevel = "Low" };
        using var refused = await town.SendAsync(Post(refusedKey, bad));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using var again = await town.SendAsync(Post(refusedKey, bad));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.True(again.Headers.Contains(Idempotency.ReplayedHeader));
        Assert.Equal(await refused.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ANodeKilledAfterTheCommitAnswersTheRetryWithTheRecordedOutcome()
    {
        // The write commits with its key, then the node dies before the middleware keeps the answer: the retry is told it was
        // recorded (201, the created target named), replayed, and nothing is written twice.
        var (key, name) = (Guid.NewGuid().ToString(), "断电饭店" + Guid.NewGuid().ToString("N")[..6]);
        var body = JsonSerializer.SerializeToUtf8Bytes(Target(name));
        var (claim, created) = await WriteAsTownAsync(key, body, name, commit: true);
        Assert.True(claim.Committed);

        using var retry = await (await As("town.xiema")).SendAsync(Raw(key, body));
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.True(retry.Headers.Contains(Idempotency.ReplayedHeader));
        var outcome = await retry.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(outcome.GetProperty("recorded").GetBoolean());
        Assert.Equal("Target", outcome.GetProperty("entity").GetString());
        Assert.Equal(created.ToString(), outcome.GetProperty("id").GetString());
        Assert.Equal(1, await TargetsNamedAsync(name));
    }

    [Fact]
    public async Task ANodeKilledBeforeTheCommitLeavesNoKeyAndTheRetryRecordsOnce()
    {
        // The write and its key were saved in a transaction that never committed (the node died): the key is not held, the
        // retry runs as the first time and records once.
        var (key, name) = (Guid.NewGuid().ToString(), "未提交饭店" + Guid.NewGuid().ToString("N")[..6]);
        var body = JsonSerializer.SerializeToUtf8Bytes(Target(name));
        var (claim, _) = await WriteAsTownAsync(key, body, name, commit: false);
        Assert.False(claim.Committed);
        Assert.Equal(0, await TargetsNamedAsync(name));

        using var retry = await (await As("town.xiema")).SendAsync(Raw(key, body));
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.False(retry.Headers.Contains(Idempotency.ReplayedHeader));
        Assert.Equal(1, await TargetsNamedAsync(name));
        using var again = await (await As("town.xiema")).SendAsync(Raw(key, body));
        Assert.True(again.Headers.Contains(Idempotency.ReplayedHeader));
        Assert.Equal(await retry.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(1, await TargetsNamedAsync(name));
    }

    [Fact]
    public async Task OfTwoWritesWithOneKeyOnlyOneCommits()
    {
        // As two nodes running the same retry at once: the second write fails on the key the first committed, and writes nothing.
        var (key, name) = (Guid.NewGuid().ToString(), "双写饭店" + Guid.NewGuid().ToString("N")[..6]);
        var body = JsonSerializer.SerializeToUtf8Bytes(Target(name));
        var (first, _) = await WriteAsTownAsync(key, body, name, commit: true);
        Assert.True(first.Committed);
        await Assert.ThrowsAsync<DbUpdateException>(() => WriteAsTownAsync(key, body, name, commit: true));
        Assert.Equal(1, await TargetsNamedAsync(name));
    }

    private static HttpRequestMessage Raw(string key, byte[] body) => new(HttpMethod.Post, "/api/targets")
    {
        Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } },
        Headers = { { Idempotency.Header, key } },
    };

    /// <summary>What the API does for <c>POST /api/targets</c> with this key and body, without the middleware's last step; with
    /// <paramref name="commit"/> false, in a transaction that is never committed.</summary>
    private async Task<(IdempotencyClaim Claim, Guid Target)> WriteAsTownAsync(string key, byte[] body, string name, bool commit)
    {
        using var scope = Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
        var account = await db.Users.SingleAsync(u => u.UserName == "town.xiema");
        var district = await db.Townships.IgnoreQueryFilters().Where(t => t.Id == Ids.Xiema).Select(t => t.DistrictId).SingleAsync();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().ActAs(new CurrentUser
        {
            UserId = account.Id,
            UserName = account.UserName!,
            Role = Roles.Township,
            DistrictId = district,
            TownshipId = Ids.Xiema,
        });
        var claim = new IdempotencyClaim(account.Id, key, Idempotency.HashOf("POST", "/api/targets", body), Host.Clock.GetUtcNow().UtcDateTime);
        db.Idempotency = claim;
        await using var transaction = commit ? null : await db.Database.BeginTransactionAsync();
        var created = await scope.ServiceProvider.GetRequiredService<TargetRegistry>().CreateAsync(
            new TargetInput(Ids.Xiema, name, TargetKind.Restaurant, "歇马镇场镇新街12号", null, "王老板", "023-68221234"), default);
        return (claim, created!.Id);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class IdempotencyTests_Sqlite(SqliteHost host) : IdempotencyTests(host);

[Collection(PostgresCollection.Name)]
public sealed class IdempotencyTests_Postgres(PostgresHost host) : IdempotencyTests(host);
