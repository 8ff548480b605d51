using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Entrust.Web.Features.Audit;

/// <summary>
/// The secret the audit chain is keyed with (HMAC-SHA256), kept outside the database: whoever can write the database but does
/// not hold the key can't recompute a hash, so an edited, inserted or re-chained entry no longer verifies.
/// <para>Where it comes from, first found: <c>Audit:ChainKey</c> (base64, at least 32 bytes; an environment variable
/// <c>Audit__ChainKey</c> or a secret store), else the file <c>Audit:ChainKeyFile</c> (default <c>&lt;DataDirectory&gt;/audit-chain.key</c>),
/// which the first start writes with 32 random bytes (readable by its owner only) when it is missing. Nothing of it is committed
/// or stored in the database; several nodes must share one key (set <c>Audit:ChainKey</c> on each). Not the data-protection key
/// ring: that ring lives in the database (<c>Platform/KeyRing</c>), and a key there is a key beside what it protects.</para>
/// <para>A chain sealed before the key existed (plain SHA-256) keeps verifying up to <c>Audit:UnkeyedThroughLink</c>: set it,
/// when upgrading, to the head link the last verification answered; every link after it must be keyed.</para>
/// </summary>
public sealed class AuditKey
{
    private readonly byte[] _key;

    public AuditKey(byte[] key, long unkeyedThroughLink = 0)
    {
        if (key.Length < 32)
        {
            throw new ArgumentException("The audit chain key must be at least 32 bytes.", nameof(key));
        }
        _key = key;
        UnkeyedThroughLink = unkeyedThroughLink;
        Id = Convert.ToHexStringLower(HMACSHA256.HashData(_key, "entrust-audit-key-id"u8))[..16];
    }

    /// <summary>The last link sealed with plain SHA-256 before the chain was keyed (0: every link is keyed).</summary>
    public long UnkeyedThroughLink { get; }

    /// <summary>Names the key without telling it (in checkpoints: a checkpoint of another key is seen as such).</summary>
    public string Id { get; }

    /// <summary>The entry hash: HMAC-SHA256 with the key, or plain SHA-256 for a link sealed before the chain was keyed.</summary>
    public string Hash(long? link, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return Convert.ToHexStringLower(link <= UnkeyedThroughLink ? SHA256.HashData(bytes) : HMACSHA256.HashData(_key, bytes));
    }

    /// <summary>A signature over a checkpoint's text (its own domain, so that no entry hash can pass for one).</summary>
    public string Sign(string text) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes("entrust-audit-checkpoint\u001f" + text)));

    /// <summary>The key from configuration, or from its file (made when missing); see the class.</summary>
    public static AuditKey From(IConfiguration config)
    {
        var unkeyed = config.GetValue("Audit:UnkeyedThroughLink", 0L);
        if (config["Audit:ChainKey"] is { Length: > 0 } configured)
        {
            return new AuditKey(Convert.FromBase64String(configured), unkeyed);
        }
        var file = config["Audit:ChainKeyFile"] is { Length: > 0 } path
            ? Path.GetFullPath(path)
            : Path.Combine(Path.GetFullPath(config["Database:DataDirectory"] ?? "data"), "audit-chain.key");
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var fresh = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }
                using var writer = new StreamWriter(file, Encoding.ASCII, options);
                writer.Write(fresh);
            }
            catch (IOException) when (File.Exists(file))
            {
                // Another process of the same data directory wrote it first: read theirs.
            }
        }
        return new AuditKey(Convert.FromBase64String(File.ReadAllText(file).Trim()), unkeyed);
    }

    /// <summary>The application's key, found through the services that made <paramref name="db"/>.</summary>
    public static AuditKey Of(DbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<AuditKey>()
        ?? throw new InvalidOperationException("No audit chain key: this context was not made by the application's services.");
}
