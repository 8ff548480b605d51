using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Entrust.Tests.Hosting;
using Entrust.Web.Features.Audit;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entrust.Tests.Api;

/// <summary>GET /api/audit?entity=&amp;user=&amp;from=&amp;to=, GET /api/audit/verify: the hash-chained trail of every change.</summary>
public abstract class AuditApiTests(HostFixture host) : ApiTest(host)
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    private AuditKey Key => Host.Services.GetRequiredService<AuditKey>();

    private static IEnumerable<string> EntityIds(JsonElement page) => page.Items().Select(e => e.Str("entityId"));

    private async Task<JsonElement> VerifyAsync(string userName = "office") =>
        await (await As(userName)).GetAsync("/api/audit/verify").ExpectAsync(HttpStatusCode.OK);

    private async Task<long> SequenceOfAsync(Guid departmentId) =>
        Assert.Single(await AuditOfAsync("Department", departmentId)).GetProperty("sequence").GetInt64();

    /// <summary>Links what was written into the chain now, as the sealer does within a second.</summary>
    private Task<int> SealAsync() => Host.WithDbAsync(db => AuditSealer.SealAsync(db));

    /// <summary>
    /// Raw SQL as a database administrator would send it. On PostgreSQL the table's trigger refuses changes to the trail, so this
    /// is a superuser who switches triggers off for the session first (<c>session_replication_role = replica</c>).
    /// </summary>
    protected Task<int> TamperAsync(string sql, params object[] parameters) => Host.WithDbAsync(async db =>
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("SET LOCAL session_replication_role = replica");
        }
        var changed = await db.Database.ExecuteSqlRawAsync(sql, parameters);
        await transaction.CommitAsync();
        return changed;
    });

    private Task<AuditEntry> HeadEntryAsync() => Host.WithDbAsync(db =>
        db.AuditEntries.IgnoreQueryFilters().AsNoTracking().OrderByDescending(a => a.Link).FirstAsync());

    private Task<long> LinkOfAsync(long sequence) =>
        Host.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.Sequence == sequence).Select(a => a.Link!.Value).SingleAsync());

    [Fact]
    public async Task TheTrailFiltersByRecordTypeAndUser()
    {
        var created = await CreateDepartmentAsync();
        var page = await (await As("office")).GetAsync("/api/audit?entity=Department&user=office&pageSize=200").ExpectAsync(HttpStatusCode.OK);

        Assert.Contains(created.Id().ToString(), EntityIds(page));
        Assert.All(page.Items(), e =>
        {
            Assert.Equal("Department", e.Str("entityType"));
            Assert.Equal("office", e.Str("userName"));
        });

        var other = await (await As("office")).GetAsync("/api/audit?entity=Department&user=auditor").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(created.Id().ToString(), EntityIds(other));
    }

    [Fact]
    public async Task EntriesComeNewestFirstWithWhoWhatAndTheChainHash()
    {
        var created = await CreateDepartmentAsync();
        await (await As("office")).PutAsJsonAsync($"/api/departments/{created.Id()}", new { code = created.Str("code"), name = "改名后" })
            .ExpectStatusAsync(HttpStatusCode.OK);

        await SealAsync();
        var entries = await AuditOfAsync("Department", created.Id(), "office");

        Assert.Equal(["Modified", "Added"], entries.Select(e => e.Str("action")).ToArray());
        Assert.True(entries[0].GetProperty("sequence").GetInt64() > entries[1].GetProperty("sequence").GetInt64());
        Assert.All(entries, e => Assert.Matches("^[0-9a-f]{64}$", e.Str("hash")));
        Assert.Equal(JsonValueKind.Null, entries[1].GetProperty("before").ValueKind);
    }

    [Fact]
    public async Task TheDateFilterCountsDaysInShanghai()
    {
        // 23:30 and 00:30 in Shanghai are the same UTC day; the filter must still split them.
        var local = Host.Clock.GetUtcNow().ToOffset(Shanghai);
        var lateEvening = new DateTimeOffset(local.Date.AddHours(23.5), Shanghai);
        if (lateEvening <= local)
        {
            lateEvening = lateEvening.AddDays(1);
        }
        Host.Clock.Advance(lateEvening - local);
        var evening = await CreateDepartmentAsync();
        Host.Clock.Advance(TimeSpan.FromHours(1));
        var morning = await CreateDepartmentAsync();

        var day = DateOnly.FromDateTime(lateEvening.DateTime);
        var next = day.AddDays(1);
        var office = await As("office");
        var first = await office.GetAsync($"/api/audit?entity=Department&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        var second = await office.GetAsync($"/api/audit?entity=Department&from={next:yyyy-MM-dd}&to={next:yyyy-MM-dd}&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        var both = await office.GetAsync($"/api/audit?entity=Department&from={day:yyyy-MM-dd}&pageSize=200").ExpectAsync(HttpStatusCode.OK);

        Assert.Contains(evening.Id().ToString(), EntityIds(first));
        Assert.DoesNotContain(morning.Id().ToString(), EntityIds(first));
        Assert.Contains(morning.Id().ToString(), EntityIds(second));
        Assert.DoesNotContain(evening.Id().ToString(), EntityIds(second));
        Assert.Contains(evening.Id().ToString(), EntityIds(both));
        Assert.Contains(morning.Id().ToString(), EntityIds(both));
    }

    [Fact]
    public async Task EachDistrictReadsOnlyItsOwnTrail()
    {
        var beibei = await CreateDepartmentAsync();
        var second = (await (await As("office2")).PostAsJsonAsync("/api/departments", new { code = UniqueCode("D"), name = "测试区审计局" })
            .ExpectAsync(HttpStatusCode.Created)).Id();

        Assert.Empty(await AuditOfAsync("Department", beibei.Id(), "office2"));
        Assert.Single(await AuditOfAsync("Department", second, "office2"));
        Assert.Empty(await AuditOfAsync("Department", second, "office"));
        Assert.Empty(await AuditOfAsync("Department", second, "auditor"));
        Assert.Single(await AuditOfAsync("Department", beibei.Id(), "auditor"));
        Assert.Single(await AuditOfAsync("Department", second, "admin"));
    }

    [Theory]
    [InlineData("dept.safety")]
    [InlineData("town.xiema")]
    [InlineData("officer.xiema")]
    public async Task OnlyTheOfficeTheAuditorAndTheAdminReadTheTrail(string userName)
    {
        var client = await As(userName);
        await client.GetAsync("/api/audit").ExpectStatusAsync(HttpStatusCode.Forbidden);
        await client.GetAsync("/api/audit/verify").ExpectStatusAsync(HttpStatusCode.Forbidden);
        await Host.Anonymous().GetAsync("/api/audit").ExpectStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PasswordsNeverReachTheTrail()
    {
        var user = await Host.CreateUserAsync(HostFixture.UniqueName("au"), Roles.Auditor, Ids.Beibei);
        var client = await As(user);
        var id = (await client.GetAsync("/api/me").ExpectAsync(HttpStatusCode.OK)).Id();
        await client.PostAsJsonAsync("/api/me/password", new { currentPassword = HostFixture.Password, newPassword = "Audited2026x" })
            .ExpectStatusAsync(HttpStatusCode.NoContent);

        var entries = await AuditOfAsync("AppUser", id);
        var changed = entries.First(e => e.Str("action") == "Modified");
        var hash = await Host.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.PasswordHash).SingleAsync());
        Assert.All(entries, e => Assert.DoesNotContain(hash!, e.GetProperty("after").GetString() ?? ""));
        Assert.Contains("\"PasswordHash\":\"***\"", changed.Str("after"));
        Assert.Contains("\"PasswordHash\":\"***\"", changed.Str("before"));
    }

    [Fact]
    public async Task AnUntouchedChainVerifies()
    {
        await CreateDepartmentAsync();
        var result = await VerifyAsync("auditor");
        Assert.True(result.GetProperty("intact").GetBoolean(), result.ToString());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("firstBrokenSequence").ValueKind);
        // Verify seals what was written before it checks: every entry is a checked link.
        Assert.Equal(await Host.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().LongCountAsync()), result.GetProperty("checked").GetInt64());
        // Its head is the last link's hash, to keep outside the database.
        var head = await Host.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().OrderByDescending(a => a.Link).Select(a => a.Hash).FirstAsync());
        Assert.Equal(head, result.Str("headHash"));
    }

    [Fact]
    public async Task ARowChangedBehindTheApplicationsBackIsNamedByVerify()
    {
        var created = await CreateDepartmentAsync();
        await CreateDepartmentAsync(); // a later entry, so the broken one is not simply the last
        var sequence = await SequenceOfAsync(created.Id());
        await SealAsync();
        var link = await LinkOfAsync(sequence);
        var original = await Host.WithDbAsync(db => db.AuditEntries.Where(a => a.Sequence == sequence).Select(a => a.After).SingleAsync());

        await TamperAsync("UPDATE \"AuditEntries\" SET \"After\" = {0} WHERE \"Sequence\" = {1}", original!.Replace("测试局", "伪造局"), sequence);
        try
        {
            var office = await VerifyAsync("office");
            Assert.False(office.GetProperty("intact").GetBoolean());
            Assert.Equal(sequence, office.GetProperty("firstBrokenSequence").GetInt64());
            Assert.Equal("Entry", office.Str("problem"));
            Assert.Equal(link, office.GetProperty("firstBrokenLink").GetInt64());
            Assert.Equal(link - 1, office.GetProperty("checked").GetInt64());
            Assert.Equal($"Department {created.Id()}", office.Str("firstBrokenEntity"));

            // Another district learns that the chain is broken and where, but not whose record it was.
            var second = await VerifyAsync("office2");
            Assert.Equal(sequence, second.GetProperty("firstBrokenSequence").GetInt64());
            Assert.Equal(JsonValueKind.Null, second.GetProperty("firstBrokenEntity").ValueKind);
        }
        finally
        {
            await TamperAsync("UPDATE \"AuditEntries\" SET \"After\" = {0} WHERE \"Sequence\" = {1}", original!, sequence);
        }
        Assert.True((await VerifyAsync()).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task AnEntryReorderedInTheChainIsNamedByVerify()
    {
        var created = await CreateDepartmentAsync();
        await CreateDepartmentAsync();
        var sequence = await SequenceOfAsync(created.Id());
        await SealAsync();
        var original = await Host.WithDbAsync(db => db.AuditEntries.Where(a => a.Sequence == sequence).Select(a => a.PreviousHash!).SingleAsync());

        await TamperAsync("UPDATE \"AuditEntries\" SET \"PreviousHash\" = {0} WHERE \"Sequence\" = {1}", AuditChain.Genesis, sequence);
        try
        {
            Assert.Equal(sequence, (await VerifyAsync("admin")).GetProperty("firstBrokenSequence").GetInt64());
        }
        finally
        {
            await TamperAsync("UPDATE \"AuditEntries\" SET \"PreviousHash\" = {0} WHERE \"Sequence\" = {1}", original, sequence);
        }
        Assert.True((await VerifyAsync()).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task TheApplicationItselfRefusesToChangeAnEntry()
    {
        await CreateDepartmentAsync();
        var head = await AuditHeadAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => Host.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.SingleAsync(a => a.Sequence == head);
            entry.UserName = "mallory";
            return await db.SaveChangesAsync();
        }));

        Assert.Equal(head, await AuditHeadAsync());
        Assert.True((await VerifyAsync()).GetProperty("intact").GetBoolean());

        // Sealing fills an entry's link once: a sealed entry's link and hash are as fixed as the rest of it.
        foreach (var change in new Action<AuditEntry>[] { e => e.Link += 1000, e => e.Hash = AuditChain.Genesis, e => e.PreviousHash = null })
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => Host.WithDbAsync(async db =>
            {
                var entry = await db.AuditEntries.SingleAsync(a => a.Sequence == head);
                change(entry);
                return await db.SaveChangesAsync();
            }));
        }
        Assert.True((await VerifyAsync()).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task EntriesAreWrittenUnlinkedAndTheSealerChainsThemInTheOrderWritten()
    {
        var first = await CreateDepartmentAsync();
        var second = await CreateDepartmentAsync();
        var (a, b) = (await SequenceOfAsync(first.Id()), await SequenceOfAsync(second.Id()));
        Assert.True(a < b);
        // The test host seals once an hour: what was just written waits, unlinked.
        var unlinked = await Host.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(e => e.Sequence == a || e.Sequence == b)
            .CountAsync(e => e.Link == null && e.Hash == null && e.PreviousHash == null));
        Assert.Equal(2, unlinked);

        Assert.True(await SealAsync() >= 2);
        var (linkA, linkB) = (await LinkOfAsync(a), await LinkOfAsync(b));
        Assert.True(linkA < linkB);
        var entries = await Host.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.Link >= linkA - 1 && e.Link <= linkB).OrderBy(e => e.Link).ToListAsync());
        for (var i = 1; i < entries.Count; i++)
        {
            Assert.True(AuditChain.Follows(entries[i], entries[i - 1].Link!.Value + 1, entries[i - 1].Hash!, Key));
        }
        Assert.Equal(0, await SealAsync());
    }

    [Fact]
    public async Task AnEntryRewrittenWithItsHashRecomputedWithoutTheKeyIsNamedByVerify()
    {
        // Editing an entry and recomputing its hash (and so every later one) as plain SHA-256 no longer passes: the chain is keyed.
        await CreateDepartmentAsync();
        // Both readers signed in before the tampering: a sign-in is itself an entry (a security event), which sealed onto the forged
        // head would stay chained to it after the head is put back.
        Assert.True((await VerifyAsync("auditor")).GetProperty("intact").GetBoolean());
        Assert.True((await VerifyAsync()).GetProperty("intact").GetBoolean());
        await SealAsync();
        var head = await HeadEntryAsync();
        var forged = head.After!.Replace("测试局", "伪造局");
        var text = string.Join('\u001f', head.Link, head.At.Ticks, head.UserId, head.UserName, head.DistrictId, head.EntityType,
            head.EntityId, head.Action, head.Before, forged, head.PreviousHash);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
        await TamperAsync("UPDATE \"AuditEntries\" SET \"After\" = {0}, \"Hash\" = {1} WHERE \"Sequence\" = {2}", forged, sha, head.Sequence);
        try
        {
            var result = await VerifyAsync("auditor");
            Assert.False(result.GetProperty("intact").GetBoolean());
            Assert.Equal("Entry", result.Str("problem"));
            Assert.Equal(head.Sequence, result.GetProperty("firstBrokenSequence").GetInt64());
            Assert.Equal(head.Link, result.GetProperty("firstBrokenLink").GetInt64());
        }
        finally
        {
            await TamperAsync("UPDATE \"AuditEntries\" SET \"After\" = {0}, \"Hash\" = {1} WHERE \"Sequence\" = {2}", head.After!, head.Hash!, head.Sequence);
        }
        Assert.True((await VerifyAsync()).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task TheChainIsHeldAgainstCheckpointsTheOfficeKeptAndAForgedOneIsRefused()
    {
        await CreateDepartmentAsync();
        var office = await As("office");
        var kept = await office.PostAsync("/api/audit/checkpoints", null).ExpectAsync(HttpStatusCode.OK);
        var good = await office.PostAsJsonAsync("/api/audit/verify", new { checkpoints = new[] { kept } }).ExpectAsync(HttpStatusCode.OK);
        Assert.True(good.GetProperty("intact").GetBoolean(), good.ToString());
        Assert.True(good.GetProperty("latestCheckpoint").GetProperty("link").GetInt64() >= kept.GetProperty("link").GetInt64());

        // A checkpoint changed by hand (a longer chain claimed) is not genuine: its signature does not hold.
        var forged = System.Text.Json.Nodes.JsonNode.Parse(kept.GetRawText())!;
        forged["link"] = kept.GetProperty("link").GetInt64() + 5;
        var bad = await office.PostAsJsonAsync("/api/audit/verify", new { checkpoints = new[] { forged } }).ExpectAsync(HttpStatusCode.OK);
        Assert.False(bad.GetProperty("intact").GetBoolean());
        Assert.Equal("CheckpointNotGenuine", bad.Str("problem"));
    }

    [Fact]
    public async Task ASaveRefusedOnAConcurrencyCheckDoesNotHoldUpLaterSaves()

    {
        var department = await CreateDepartmentAsync();
        await Host.WithDbAsync(async db =>
        {
            var stale = await db.Departments.IgnoreQueryFilters().SingleAsync(d => d.Id == department.Id());
            await (await As("office")).DeleteAsync($"/api/departments/{department.Id()}").ExpectStatusAsync(HttpStatusCode.NoContent);
            stale.Update(stale.Code, "已删除的局", null);
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
            return true;
        });

        // The audit chain's lock must have been let go: the next change goes through.
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var next = await (await As("office")).PostAsJsonAsync("/api/departments",
            new { code = UniqueCode("D"), name = "后续的局", legalSectionContact = "法制科" }, patience.Token);
        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
        Assert.True((await VerifyAsync()).GetProperty("intact").GetBoolean());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuditApiTests_Sqlite(SqliteHost host) : AuditApiTests(host);

[Collection(PostgresCollection.Name)]
public sealed class AuditApiTests_Postgres(PostgresHost host) : AuditApiTests(host)
{
    [Fact]
    public async Task PostgreSqlItselfRefusesToChangeDeleteOrTruncateTheTrail()
    {
        await CreateDepartmentAsync();
        var sequence = await AuditHeadAsync();
        await Host.WithDbAsync(db => AuditSealer.SealAsync(db));
        foreach (var sql in new[]
        {
            "UPDATE \"AuditEntries\" SET \"UserName\" = 'mallory' WHERE \"Sequence\" = {0}",
            "UPDATE \"AuditEntries\" SET \"Hash\" = NULL, \"Link\" = NULL, \"PreviousHash\" = NULL WHERE \"Sequence\" = {0}",
            "DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = {0}",
            "TRUNCATE \"AuditEntries\"",
        })
        {
            // In a transaction never committed: were the trigger missing, the shared trail would still be left as it was.
            var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => Host.WithDbAsync(async db =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                return await db.Database.ExecuteSqlRawAsync(sql, sequence);
            }));
            Assert.Contains("append-only", refused.MessageText);
        }
        Assert.Equal(sequence, await AuditHeadAsync());
        var result = await (await As("office")).GetAsync("/api/audit/verify").ExpectAsync(HttpStatusCode.OK);
        Assert.True(result.GetProperty("intact").GetBoolean(), result.ToString());
    }
}

