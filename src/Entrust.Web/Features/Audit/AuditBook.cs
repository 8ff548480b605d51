using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Audit;

/// <summary>
/// What the trail is filtered by: the record type and id, the person (a login or a display name), the days (in Shanghai), and the
/// unit (a township or department: the entries of its people).
/// </summary>
public sealed record AuditFilter(string? Entity, string? EntityId, string? User, DateOnly? From, DateOnly? To, int? Page, int? PageSize,
    Guid? Unit = null);
/// <summary>An entry as listed; <c>Link</c> and <c>Hash</c> are null for the second or so before it is sealed.</summary>
public sealed record AuditDto(long Sequence, long? Link, DateTime At, string UserName, string EntityType, string EntityId, string Action,
    string? Before, string? After, string? Hash);
/// <summary>
/// The verification's answer. <c>HeadHash</c> is the hash of the last link that verified (the genesis hash for an empty
/// chain): kept outside the database, it proves later that nothing up to that link was changed (docs/operations.md).
/// </summary>
public sealed record VerifyResult(bool Intact, long Checked, long? FirstBrokenSequence, DateTime? FirstBrokenAt, string? FirstBrokenEntity,
    string HeadHash);

/// <summary>
/// Reading the audit trail, shared by the /Audit page and /api/audit: the entries the reader's scope shows, personal data
/// masked unless the reader sees it in full (<see cref="PersonalData"/>), and the check of the whole chain.
/// </summary>
public sealed class AuditBook(EntrustDbContext db, CurrentUser user)
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

    /// <summary>
    /// Seals what was written so far, then walks the whole chain (every district's entries are links of one chain) in batches
    /// and names the first entry that does not verify, by its number. A user outside that entry's district learns only its
    /// number and time.
    /// </summary>
    public async Task<VerifyResult> VerifyAsync(CancellationToken ct)
    {
        await AuditSealer.SealAsync(db, ct);
        const int batch = 5_000;
        var previous = AuditChain.Genesis;
        long expected = 1, checkedCount = 0;
        while (true)
        {
            var entries = await db.AuditEntries.IgnoreQueryFilters().AsNoTracking()
                .Where(a => a.Link >= expected).OrderBy(a => a.Link).Take(batch).ToListAsync(ct);
            foreach (var e in entries)
            {
                if (!AuditChain.Follows(e, expected, previous))
                {
                    var visible = db.User.AllDistricts || e.DistrictId == db.User.DistrictId;
                    return new VerifyResult(false, checkedCount, e.Sequence, e.At, visible ? $"{e.EntityType} {e.EntityId}" : null, previous);
                }
                previous = e.Hash!;
                expected++;
                checkedCount++;
            }
            if (entries.Count < batch)
            {
                return new VerifyResult(true, checkedCount, null, null, null, previous);
            }
        }
    }
}
