using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Audit;

/// <summary>
/// What the trail is filtered by: the record type and id, the person (a login or a display name), the days (in Shanghai), the
/// unit (a township or department: the entries of its people) and the action (a security event's kind among them).
/// </summary>
public sealed record AuditFilter(string? Entity, string? EntityId, string? User, DateOnly? From, DateOnly? To, int? Page, int? PageSize,
    Guid? Unit = null, string? Action = null);
/// <summary>An entry as listed; <c>Link</c> and <c>Hash</c> are null for the second or so before it is sealed.</summary>
public sealed record AuditDto(long Sequence, long? Link, DateTime At, string UserName, string EntityType, string EntityId, string Action,
    string? Before, string? After, string? Hash);
/// <summary>A line of the JSON-lines export: the entry as stored (personal fields masked by the reader's right) with its link.</summary>
public sealed record AuditExportLine(long Sequence, long? Link, DateTime At, Guid? UserId, string UserName, Guid? DistrictId, string EntityType,
    string EntityId, string Action, string? Before, string? After, string? PreviousHash, string? Hash);
/// <summary>
/// The verification's answer. <c>HeadHash</c> is the hash of the last link that verified (the genesis hash for an empty
/// chain), <c>HeadLink</c> its place. When not intact, <c>Problem</c> says what was found and <c>FirstBrokenLink</c> where:
/// <list type="bullet">
/// <item><c>Entry</c>: the entry at that link does not verify with the key (changed, inserted, reordered, or the one before it
/// deleted); <c>FirstBrokenSequence</c> names it.</item>
/// <item><c>Checkpoint</c>: the entry at a checkpoint's link verifies but has another hash than the checkpoint recorded (the
/// history was re-chained).</item>
/// <item><c>Tail</c>: a checkpoint recorded more links than the chain has: the links from <c>FirstBrokenLink</c> on were deleted.</item>
/// <item><c>CheckpointNotGenuine</c>: a checkpoint's signature does not hold (changed, or signed with another key).</item>
/// </list>
/// <c>CheckpointsCompared</c> counts the checkpoints the chain was held against; <c>LatestCheckpoint</c> is the newest of them.
/// </summary>
public sealed record VerifyResult(bool Intact, long Checked, long? FirstBrokenSequence, DateTime? FirstBrokenAt, string? FirstBrokenEntity,
    string HeadHash, long HeadLink = 0, string? Problem = null, long? FirstBrokenLink = null, int CheckpointsCompared = 0,
    AuditCheckpoint? LatestCheckpoint = null);

/// <summary>Checkpoints the office kept, handed to <c>POST /api/audit/verify</c> to hold the chain against.</summary>
public sealed record VerifyRequest(List<AuditCheckpoint>? Checkpoints);

/// <summary>
/// Reading the audit trail, shared by the /Audit page and /api/audit: the entries the reader's scope shows, personal data
/// masked unless the reader sees it in full (<see cref="PersonalData"/>), and the check of the whole chain.
/// </summary>
public sealed class AuditBook(EntrustDbContext db, CurrentUser user, AuditKey key, AuditCheckpoints checkpoints)
{
    /// <summary>The page's orders (the console's column headers); the newest first by default.</summary>
    public static readonly ListSort<AuditDto> Sorts = new ListSort<AuditDto>("-sequence")
        .By("sequence", e => e.Sequence).By("at", e => e.At).By("user", e => e.UserName).By("entity", e => e.EntityType)
        .By("action", e => e.Action).Then(e => e.Sequence);

    /// <summary>A page of the trail in the asked order, masked as <see cref="ListAsync(AuditFilter, CancellationToken)"/>.</summary>
    public async Task<Paged<AuditDto>> ListAsync(AuditFilter filter, ListQuery list, CancellationToken ct)
    {
        var page = await Entries(filter).ToPagedAsync(list, Sorts, ct);
        return page with { Items = page.Items.Select(Masked).ToList() };
    }

    /// <summary>Every entry the filter shows in the asked order (up to the export's limit), masked as the page masks them.</summary>
    public async Task<List<AuditDto>> AllAsync(AuditFilter filter, ListQuery list, CancellationToken ct) =>
        (await Entries(filter).ForExport(list, Sorts).ToListAsync(ct)).Select(Masked).ToList();

    /// <summary>
    /// The entries the filter shows, in the page's order, read as the page reads them (<see cref="AuditReader"/>) and masked as it masks
    /// them, as .xlsx (<see cref="ListExport"/>): the /Audit export button and GET /api/audit/export alike.
    /// </summary>
    public async Task<(byte[] Content, string FileName)> ExportAsync(AuditFilter filter, ListQuery list, AuditReader reader, ListExport export,
        CancellationToken ct)
    {
        var rows = await reader.ReadAsync(await AllAsync(filter, list, ct), ct);
        var period = filter.From is null && filter.To is null ? null : $"{filter.From:yyyy-MM-dd} ~ {filter.To:yyyy-MM-dd}";
        return await export.WriteAsync("Menu.Audit", period, rows, [
            new("Audit.Sequence", l => l.Entry.Sequence),
            new("Audit.At", l => new DateTimeOffset(DateTime.SpecifyKind(l.Entry.At, DateTimeKind.Utc))),
            new("Audit.User", l => l.Person),
            new("Audit.Unit", l => l.Unit),
            new("Audit.Login", l => l.Entry.UserName),
            new("Audit.Entity", l => l.Kind),
            new("Audit.Record", l => l.Record),
            new("Audit.EntityId", l => l.Entry.EntityId),
            new("Audit.Action", l => l.Action),
            new("Audit.Change", l => l.ChangeText),
        ], ct);
    }

    private IQueryable<AuditDto> Entries(AuditFilter filter) => Filter(db.AuditEntries.AsNoTracking(), filter)
        .Select(a => new AuditDto(a.Sequence, a.Link, a.At, a.UserName, a.EntityType, a.EntityId, a.Action, a.Before, a.After, a.Hash));

    private AuditDto Masked(AuditDto e) => e with
    {
        Before = PersonalData.MaskSnapshot(e.Before, e.EntityType, user),
        After = PersonalData.MaskSnapshot(e.After, e.EntityType, user),
    };

    /// <summary>The trail, newest first; personal fields (an officer's ID number and phone) masked unless the reader sees them in full.</summary>
    public async Task<Paged<AuditDto>> ListAsync(AuditFilter filter, CancellationToken ct)
    {
        var page = await Filter(db.AuditEntries.AsNoTracking(), filter)
            .OrderByDescending(a => a.Sequence)
            .Select(a => new AuditDto(a.Sequence, a.Link, a.At, a.UserName, a.EntityType, a.EntityId, a.Action, a.Before, a.After, a.Hash))
            .ToPagedAsync(filter.Page, filter.PageSize, ct);
        return page with
        {
            Items = page.Items.Select(e => e with
            {
                Before = PersonalData.MaskSnapshot(e.Before, e.EntityType, user),
                After = PersonalData.MaskSnapshot(e.After, e.EntityType, user),
            }).ToList(),
        };
    }

    private static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();

    /// <summary>
    /// The trail for a separate log server (等保 安全审计: the record kept apart from the system it records), as JSON lines: every
    /// entry the filter shows (paging ignored), oldest first, one object per line with the entry's fields and its chain link
    /// (link, previous hash, hash; null while unsealed), masked as the page masks them. Streamed from the database row by row.
    /// </summary>
    public async Task WriteJsonLinesAsync(AuditFilter filter, Stream output, CancellationToken ct)
    {
        var entries = Filter(db.AuditEntries.AsNoTracking(), filter).OrderBy(a => a.Sequence)
            .Select(a => new AuditExportLine(a.Sequence, a.Link, a.At, a.UserId, a.UserName, a.DistrictId, a.EntityType, a.EntityId, a.Action,
                a.Before, a.After, a.PreviousHash, a.Hash));
        var written = 0;
        await foreach (var line in entries.AsAsyncEnumerable().WithCancellation(ct))
        {
            var masked = line with
            {
                Before = PersonalData.MaskSnapshot(line.Before, line.EntityType, user),
                After = PersonalData.MaskSnapshot(line.After, line.EntityType, user),
            };
            await output.WriteAsync(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(masked, System.Text.Json.JsonSerializerOptions.Web), ct);
            await output.WriteAsync(NewLine, ct);
            if (++written % 500 == 0)
            {
                await output.FlushAsync(ct);
            }
        }
    }

    /// <summary>The kinds of entity the reader's entries name, for the filter.</summary>
    public Task<List<string>> EntityTypesAsync(CancellationToken ct) =>
        db.AuditEntries.AsNoTracking().Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);

    private IQueryable<AuditEntry> Filter(IQueryable<AuditEntry> entries, AuditFilter f)
    {
        if (!string.IsNullOrWhiteSpace(f.Entity))
        {
            entries = entries.Where(a => a.EntityType == f.Entity);
        }
        if (!string.IsNullOrWhiteSpace(f.EntityId))
        {
            entries = entries.Where(a => a.EntityId == f.EntityId);
        }
        if (!string.IsNullOrWhiteSpace(f.Action))
        {
            entries = entries.Where(a => a.Action == f.Action);
        }
        if (!string.IsNullOrWhiteSpace(f.User))
        {
            var who = f.User.Trim();
            var named = db.Users.Where(u => u.DisplayName == who).Select(u => (Guid?)u.Id);
            entries = entries.Where(a => a.UserName == who || named.Contains(a.UserId));
        }
        if (f.Unit is { } unit)
        {
            var people = db.Users.Where(u => u.TownshipId == unit || u.DepartmentId == unit).Select(u => (Guid?)u.Id);
            entries = entries.Where(a => people.Contains(a.UserId));
        }
        // Dates are days in Asia/Shanghai (UTC+8, no daylight saving).
        if (f.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
            entries = entries.Where(a => a.At >= start);
        }
        if (f.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
            entries = entries.Where(a => a.At < end);
        }
        return entries;
    }

    /// <summary>Seals what was written, writes a signed checkpoint of the head to the checkpoint directory and answers it to keep.</summary>
    public Task<AuditCheckpoint> CheckpointAsync(CancellationToken ct) => checkpoints.WriteAsync(db, ct);

    /// <summary>
    /// Seals what was written so far, then walks the whole chain (every district's entries are links of one chain) in batches,
    /// checks each link with the key and holds it against every checkpoint (the directory's and <paramref name="kept"/>), and
    /// names the first place that does not verify (<see cref="VerifyResult"/>). A user outside that entry's district learns
    /// only its number and time.
    /// </summary>
    public async Task<VerifyResult> VerifyAsync(CancellationToken ct, IEnumerable<AuditCheckpoint>? kept = null)
    {
        await AuditSealer.SealAsync(db, key, ct);
        var all = checkpoints.Read().Concat(kept ?? []).ToList();
        var genuine = all.Where(c => c.IsGenuine(key)).ToList();
        var expectedAt = genuine.GroupBy(c => c.Link).ToDictionary(g => g.Key, g => g.Select(c => c.Hash).Distinct().ToList());
        var latest = genuine.OrderByDescending(c => c.Link).ThenByDescending(c => c.At).FirstOrDefault();
        const int batch = 5_000;
        var previous = AuditChain.Genesis;
        long expected = 1, checkedCount = 0;
        VerifyResult Broken(AuditEntry e, string problem)
        {
            var visible = db.User.AllDistricts || e.DistrictId == db.User.DistrictId;
            return new VerifyResult(false, checkedCount, e.Sequence, e.At, visible ? $"{e.EntityType} {e.EntityId}" : null, previous,
                expected - 1, problem, expected, genuine.Count, latest);
        }
        while (true)
        {
            var entries = await db.AuditEntries.IgnoreQueryFilters().AsNoTracking()
                .Where(a => a.Link >= expected).OrderBy(a => a.Link).Take(batch).ToListAsync(ct);
            foreach (var e in entries)
            {
                if (!AuditChain.Follows(e, expected, previous, key))
                {
                    return Broken(e, "Entry");
                }
                if (expectedAt.TryGetValue(expected, out var hashes) && hashes.Any(h => h != e.Hash))
                {
                    return Broken(e, "Checkpoint");
                }
                previous = e.Hash!;
                expected++;
                checkedCount++;
            }
            if (entries.Count < batch)
            {
                break;
            }
        }
        var head = expected - 1;
        if (latest is not null && latest.Link > head)
        {
            return new VerifyResult(false, checkedCount, null, null, null, previous, head, "Tail", head + 1, genuine.Count, latest);
        }
        if (genuine.Count < all.Count)
        {
            return new VerifyResult(false, checkedCount, null, null, null, previous, head, "CheckpointNotGenuine", null, genuine.Count, latest);
        }
        return new VerifyResult(true, checkedCount, null, null, null, previous, head, null, null, genuine.Count, latest);
    }
}
