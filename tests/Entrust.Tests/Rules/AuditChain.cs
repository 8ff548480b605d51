using Entrust.Web.Features.Audit;
using Microsoft.Extensions.Configuration;
using Chain = Entrust.Web.Features.Audit.AuditChain;

namespace Entrust.Tests.Rules;

/// <summary>The hash chain over the audit trail (行政处罚法 Art. 47: a record that can't be silently changed).</summary>
public sealed class AuditChain
{
    private static readonly AuditKey Key = new(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

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
        e.Hash = Chain.HashOf(e, Key);
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
        var before = Chain.HashOf(entry, Key);
        change(entry);
        Assert.NotEqual(before, Chain.HashOf(entry, Key));
        Assert.False(Chain.Follows(entry, entry.Link!.Value, entry.PreviousHash!, Key), $"a changed {field} still verifies");
    }

    [Fact]
    public void TheHashIsAStableHmacSha256()
    {
        var hash = Entry().Hash;
        Assert.Equal(hash, Chain.HashOf(Entry(), Key));
        Assert.Matches("^[0-9a-f]{64}$", hash);
    }

    [Fact]
    public void WithoutTheKeyNoHashCanBeMadeThatVerifies()
    {
        // Whoever rewrites an entry and recomputes its hash, as plain SHA-256 or with a key of their own, is found out.
        var entry = Entry(link: 1);
        entry.After = entry.After!.Replace("监督", "");
        var text = string.Join('\u001f', entry.Link, entry.At.Ticks, entry.UserId, entry.UserName, entry.DistrictId, entry.EntityType,
            entry.EntityId, entry.Action, entry.Before, entry.After, entry.PreviousHash);
        entry.Hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
        Assert.False(Chain.Follows(entry, 1, Chain.Genesis, Key));
        entry.Hash = Chain.HashOf(entry, new AuditKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        Assert.False(Chain.Follows(entry, 1, Chain.Genesis, Key));
        entry.Hash = Chain.HashOf(entry, Key);
        Assert.True(Chain.Follows(entry, 1, Chain.Genesis, Key));
    }

    [Fact]
    public void LinksSealedBeforeTheChainWasKeyedVerifyAsPlainSha256UpToTheConfiguredLinkOnly()
    {
        var upgraded = new AuditKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), unkeyedThroughLink: 1);
        var first = Entry(link: 1);
        var text = string.Join('\u001f', first.Link, first.At.Ticks, first.UserId, first.UserName, first.DistrictId, first.EntityType,
            first.EntityId, first.Action, first.Before, first.After, first.PreviousHash);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
        Assert.Equal(sha, Chain.HashOf(first, upgraded));
        var second = Entry(link: 2, previousHash: sha);
        Assert.NotEqual(Chain.HashOf(second, new AuditKey(new byte[32], unkeyedThroughLink: 2)), Chain.HashOf(second, upgraded));
    }

    [Fact]
    public void TheKeyIsKeptInAFileOfItsOwnWhenNotConfigured()
    {
        var directory = Directory.CreateTempSubdirectory("entrust-key-").FullName;
        try
        {
            var config = new ConfigurationBuilder().AddInMemoryCollection(
                new Dictionary<string, string?> { ["Database:DataDirectory"] = directory }).Build();
            var first = AuditKey.From(config);
            var file = Path.Combine(directory, "audit-chain.key");
            Assert.True(File.Exists(file));
            Assert.Equal(32, Convert.FromBase64String(File.ReadAllText(file)).Length);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }
            // The next start reads the same key; a configured key wins over the file.
            Assert.Equal(first.Id, AuditKey.From(config).Id);
            var configured = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            config["Audit:ChainKey"] = configured;
            Assert.NotEqual(first.Id, AuditKey.From(config).Id);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void AKeyShorterThan256BitsIsRefused() =>
        Assert.Throws<ArgumentException>(() => new AuditKey(new byte[16]));

    [Fact]
    public void FollowsAcceptsTheNextLink()
    {
        var first = Entry(link: 1);
        var second = Entry(link: 2, previousHash: first.Hash!);
        Assert.True(Chain.Follows(first, 1, Chain.Genesis, Key));
        Assert.True(Chain.Follows(second, 2, first.Hash!, Key));
    }

    [Fact]
    public void FollowsDetectsAWrongSequence()
    {
        var first = Entry(link: 1);
        var third = Entry(link: 3, previousHash: first.Hash!);
        Assert.False(Chain.Follows(third, 2, first.Hash!, Key)); // entry 2 went missing
    }

    [Fact]
    public void FollowsDetectsAWrongPreviousHash()
    {
        var first = Entry(link: 1);
        var forked = Entry(link: 2, previousHash: new string('a', 64));
        Assert.False(Chain.Follows(forked, 2, first.Hash!, Key));
    }

    [Fact]
    public void FollowsDetectsAStoredHashThatDoesNotMatchTheEntry()
    {
        var entry = Entry(link: 1);
        entry.Hash = new string('0', 64);
        Assert.False(Chain.Follows(entry, 1, Chain.Genesis, Key));
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
