using System.Text.Encodings.Web;
using System.Text.Json;

namespace Entrust.Web.Features.Audit;

/// <summary>
/// The keyed hash chain over the audit trail: how an entry's hash is made (HMAC-SHA256 with the <see cref="AuditKey"/>, kept
/// outside the database) and how the chain is checked.
/// </summary>
public static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>PostgreSQL keeps microseconds; truncating first makes the hash survive a round trip on both databases.</summary>
    public static DateTime Truncate(DateTime utc) => new(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);

    /// <summary>The keyed hash over the entry's place in the chain, every field of its content and the hash before it.</summary>
    public static string HashOf(AuditEntry e, AuditKey key)
    {
        var text = string.Join('\u001f',
            e.Link, e.At.Ticks, e.UserId, e.UserName, e.DistrictId, e.EntityType, e.EntityId, e.Action,
            e.Before, e.After, e.PreviousHash);
        return key.Hash(e.Link, text);
    }

    /// <summary>Links an unsealed entry after <paramref name="previousHash"/> at <paramref name="link"/>; returns its hash.</summary>
    public static string Seal(AuditEntry entry, long link, string previousHash, AuditKey key)
    {
        entry.Link = link;
        entry.PreviousHash = previousHash;
        return entry.Hash = HashOf(entry, key);
    }

    /// <summary>Whether an entry is the link expected after <paramref name="previousHash"/> at <paramref name="link"/>.</summary>
    public static bool Follows(AuditEntry entry, long link, string previousHash, AuditKey key) =>
        entry.Link == link && entry.PreviousHash == previousHash && HashOf(entry, key) == entry.Hash;
}
