using System.Globalization;
using System.Text.Json;
using Entrust.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Audit;

/// <summary>
/// The chain's head as it was at <see cref="At"/>: <see cref="Link"/> links, the last one's <see cref="Hash"/>, signed with the
/// audit key (<see cref="Signature"/>). Kept outside the database, it proves later that the chain still holds those links
/// unchanged: a deleted tail is shorter than the checkpoint, a re-chained history has another hash at its link.
/// </summary>
public sealed record AuditCheckpoint(DateTime At, long Link, string Hash, string KeyId, string Signature)
{
    public static string SignedText(DateTime at, long link, string hash, string keyId) =>
        string.Join('\u001f', link, hash, at.Ticks.ToString(CultureInfo.InvariantCulture), keyId);

    /// <summary>Whether the checkpoint was signed with <paramref name="key"/> and not changed since.</summary>
    public bool IsGenuine(AuditKey key) =>
        KeyId == key.Id && Signature == key.Sign(SignedText(At, Link, Hash, KeyId));
}

/// <summary>
/// Checkpoints of the audit chain written outside the database: every <c>Audit:CheckpointEveryMinutes</c> (60 by default) the
/// sealer appends one line (JSON) to the day's file <c>audit-checkpoints-yyyy-MM-dd.jsonl</c> (the day in Asia/Shanghai) in
/// <c>Audit:CheckpointDirectory</c> (default <c>&lt;DataDirectory&gt;/audit-checkpoints</c>; put it on storage the database's
/// administrators can't write, or copy the files away daily). The office can also take one at any time
/// (<c>POST /api/audit/checkpoints</c>) and keep it. Verification compares the chain against every checkpoint of the directory and
/// any the office hands in.
/// </summary>
public sealed class AuditCheckpoints(AuditKey key, IConfiguration config, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);
    private static readonly Lock FileLock = new();

    public string Directory { get; } = config["Audit:CheckpointDirectory"] is { Length: > 0 } dir
        ? Path.GetFullPath(dir)
        : Path.Combine(Path.GetFullPath(config["Database:DataDirectory"] ?? "data"), "audit-checkpoints");

    public TimeSpan Every { get; } = TimeSpan.FromMinutes(config.GetValue("Audit:CheckpointEveryMinutes", 60.0));

    /// <summary>A signed checkpoint of a head.</summary>
    public AuditCheckpoint Of(long link, string hash)
    {
        var at = AuditChain.Truncate(clock.GetUtcNow().UtcDateTime);
        return new AuditCheckpoint(at, link, hash, key.Id, key.Sign(AuditCheckpoint.SignedText(at, link, hash, key.Id)));
    }

    /// <summary>Seals what was written, then signs the head and appends it to the day's file; answers it.</summary>
    public async Task<AuditCheckpoint> WriteAsync(EntrustDbContext db, CancellationToken ct = default)
    {
        await AuditSealer.SealAsync(db, key, ct);
        var head = await db.AuditEntries.IgnoreQueryFilters().AsNoTracking().Where(a => a.Link != null)
            .OrderByDescending(a => a.Link).Select(a => new { a.Link, a.Hash }).FirstOrDefaultAsync(ct);
        var checkpoint = Of(head?.Link ?? 0, head?.Hash ?? AuditChain.Genesis);
        var day = clock.GetUtcNow().ToOffset(Shanghai).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        System.IO.Directory.CreateDirectory(Directory);
        lock (FileLock)
        {
            File.AppendAllText(Path.Combine(Directory, $"audit-checkpoints-{day}.jsonl"), JsonSerializer.Serialize(checkpoint, Json) + "\n");
        }
        return checkpoint;
    }

    /// <summary>Every checkpoint of the directory; a line that is not one is answered as a checkpoint that is not genuine.</summary>
    public List<AuditCheckpoint> Read()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }
        var found = new List<AuditCheckpoint>();
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "audit-checkpoints-*.jsonl").Order(StringComparer.Ordinal))
        {
            foreach (var line in File.ReadLines(file).Where(l => !string.IsNullOrWhiteSpace(l)))
            {
                found.Add(Parse(line) ?? new AuditCheckpoint(default, 0, "", "", Path.GetFileName(file)));
            }
        }
        return found;
    }

    private static AuditCheckpoint? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<AuditCheckpoint>(line, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
