using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entrust.Tests.Hosting;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Tests.Api;

/// <summary>
/// Idempotency keys on the API's writes (issue 19: a phone that retries after a lost answer records once): the first answer is
/// kept per user and key, a retry of the same request gets it again without writing, the same key on another request is 422, a
/// key whose first request still runs (here or on another node) is 409.
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
    public async Task AKeyWhoseFirstRequestStillRunsIsAConflictAndARefusedAnswerIsKeptToo()
    {
        // As another node holds it: claimed by a first request, its answer not yet kept.
        var key = Guid.NewGuid().ToString();
        var userId = await Host.WithDbAsync(db => db.Users.Where(u => u.UserName == "town.xiema").Select(u => u.Id).SingleAsync());
        var name = "并发饭店" + Guid.NewGuid().ToString("N")[..6];
        var town = await As("town.xiema");
        using (var running = await town.SendAsync(Post(key, Target(name))))
        {
            Assert.Equal(HttpStatusCode.Created, running.StatusCode);
        }
        await Host.WithDbAsync(db => db.IdempotentRequests.Where(r => r.UserId == userId && r.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.StatusCode, (int?)null)));
        var conflict = await town.SendAsync(Post(key, Target(name))).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("Idempotency.InProgress", conflict.Code());
        Assert.Equal(1, await TargetsNamedAsync(name));

        // A refusal (400, a name missing) is the request's answer: the retry gets it again.
        var refusedKey = Guid.NewGuid().ToString();
        var bad = new { townshipId = Ids.Xiema, name = "", kind = "Restaurant", address = "x", riskLevel = "Low" };
        using var refused = await town.SendAsync(Post(refusedKey, bad));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using var again = await town.SendAsync(Post(refusedKey, bad));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.True(again.Headers.Contains(Idempotency.ReplayedHeader));
        Assert.Equal(await refused.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class IdempotencyTests_Sqlite(SqliteHost host) : IdempotencyTests(host);

[Collection(PostgresCollection.Name)]
public sealed class IdempotencyTests_Postgres(PostgresHost host) : IdempotencyTests(host);
