using Entrust.Web.Features.Audit;
using Chain = Entrust.Web.Features.Audit.AuditChain;

namespace Entrust.Tests.Rules;

/// <summary>The hash chain over the audit trail (行政处罚法 Art. 47: a record that can't be silently changed).</summary>
public sealed class AuditChain
{
    private static AuditEntry Entry(long link = 7, string previousHash = Chain.Genesis)
    {
        var e = new AuditEntry
        {
            Sequence = 100 + link,
            Link = link,
            At = Chain.Truncate(new DateTime(2026, 10, 9, 1, 2, 3, DateTimeKind.Utc).AddTicks(1234567)),
            UserId = Guid.Parse("0196f5a0-0000-7000-8000-000000000001"),
            UserName = "office",
            DistrictId = Guid.Parse("0196f5a0-0000-7000-8000-000000000002"),
            EntityType = "Matter",
            EntityId = "0196f5a0-0000-7000-8000-000000000003",
            Action = "Modified",
            Before = """{"Code":"198-01","Name":"烟花爆竹燃放安全检查"}""",
            After = """{"Code":"198-01","Name":"烟花爆竹燃放安全监督检查"}""",
            PreviousHash = previousHash,
        };
        e.Hash = Chain.HashOf(e);
        return e;
    }

    public static TheoryData<string, Action<AuditEntry>> Tampering => new()
    {
        { "Link", e => e.Link++ },
        { "At", e => e.At = e.At.AddSeconds(1) },
        { "UserId", e => e.UserId = Guid.NewGuid() },
        { "UserName", e => e.UserName = "mallory" },
        { "DistrictId", e => e.DistrictId = null },
        { "EntityType", e => e.EntityType = "Department" },
        { "EntityId", e => e.EntityId = Guid.NewGuid().ToString() },
        { "Action", e => e.Action = "Deleted" },
        { "Before", e => e.Before = null },
        { "After", e => e.After = e.After!.Replace("监督", "") },
        { "PreviousHash", e => e.PreviousHash = new string('1', 64) },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public void TheHashChangesWhenAnyFieldChanges(string field, Action<AuditEntry> change)
    {
        var entry = Entry();
        var before = Chain.HashOf(entry);
        change(entry);
        Assert.NotEqual(before, Chain.HashOf(entry));
        Assert.False(Chain.Follows(entry, entry.Link!.Value, entry.PreviousHash!), $"a changed {field} still verifies");
    }

    [Fact]
    public void TheHashIsAStableSha256()
    {
        var hash = Entry().Hash;
        Assert.Equal(hash, Chain.HashOf(Entry()));
        Assert.Matches("^[0-9a-f]{64}$", hash);
    }

    [Fact]
    public void FollowsAcceptsTheNextLink()
    {
        var first = Entry(link: 1);
        var second = Entry(link: 2, previousHash: first.Hash!);
        Assert.True(Chain.Follows(first, 1, Chain.Genesis));
        Assert.True(Chain.Follows(second, 2, first.Hash!));
    }

    [Fact]
    public void FollowsDetectsAWrongSequence()
    {
        var first = Entry(link: 1);
        var third = Entry(link: 3, previousHash: first.Hash!);
        Assert.False(Chain.Follows(third, 2, first.Hash!)); // entry 2 went missing
    }

    [Fact]
    public void FollowsDetectsAWrongPreviousHash()
    {
        var first = Entry(link: 1);
        var forked = Entry(link: 2, previousHash: new string('a', 64));
        Assert.False(Chain.Follows(forked, 2, first.Hash!));
    }

    [Fact]
    public void FollowsDetectsAStoredHashThatDoesNotMatchTheEntry()
    {
        var entry = Entry(link: 1);
        entry.Hash = new string('0', 64);
        Assert.False(Chain.Follows(entry, 1, Chain.Genesis));
    }

    [Fact]
    public void TruncatingDropsWhatPostgreSqlCannotKeep()
    {
        var t = new DateTime(2026, 10, 9, 1, 2, 3, DateTimeKind.Utc).AddTicks(1234567);
        var truncated = Chain.Truncate(t);
        Assert.Equal(0, truncated.Ticks % 10);
        Assert.Equal(t.Ticks - 7, truncated.Ticks);
        Assert.Equal(DateTimeKind.Utc, truncated.Kind);
    }
}
