using System.Collections.Concurrent;
using System.Text.Json;
using Entrust.Web.Data;
using Entrust.Web.Features.Accounts;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Entrust.Web.Features.Audit;

/// <summary>
/// Writes the audit trail for every SaveChanges, in the same transaction as the change, so no
/// handler can forget it. Entries are chained: each carries the hash of the entry before.
/// </summary>
public sealed class AuditInterceptor(CurrentUserAccessor users, TimeProvider clock) : SaveChangesInterceptor
{
    // One writer at a time extends the chain; the unique sequence number makes a second process
    // that races this one fail instead of forking the chain.
    private static readonly SemaphoreSlim ChainLock = new(1, 1);
    private bool _holdsLock;

    // The chain's head as this process last wrote it, per database: a save links to it without reading it back, so the
    // lock is held for the insert and the commit only. Forgotten whenever a save fails, or runs inside a transaction the
    // caller may still roll back, and then read from the database again.
    private static readonly ConcurrentDictionary<string, (long Sequence, string Hash)> Heads = new();
    private (string Database, long Sequence, string Hash)? _newHead;

    private static readonly HashSet<string> Secret =
        [nameof(AppUser.PasswordHash), nameof(AppUser.SecurityStamp), nameof(AppUser.ConcurrencyStamp)];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        if (eventData.Context is EntrustDbContext db)
        {
            await ChainLock.WaitAsync(ct);
            _holdsLock = true;
            try
            {
                await AppendAsync(db, ct);
            }
            catch
            {
                Release();
                throw;
            }
        }
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        SavingChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Release(saved: true);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        Release(saved: true);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Release();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        Release();
        return Task.CompletedTask;
    }

    // EF reports a concurrency failure here instead of through SaveChangesFailed: without this the chain lock leaks
    // and every later save in the process waits for ever.
    public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        Release();
        return result;
    }

    public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData,
        InterceptionResult result, CancellationToken ct = default)
    {
        Release();
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Release();

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken ct = default)
    {
        Release();
        return Task.CompletedTask;
    }

    private void Release(bool saved = false)
    {
        if (_newHead is var (database, sequence, hash))
        {
            if (saved)
            {
                Heads[database] = (sequence, hash);
            }
            else
            {
                Heads.TryRemove(database, out _);
            }
            _newHead = null;
        }
        if (_holdsLock)
        {
            _holdsLock = false;
            ChainLock.Release();
        }
    }

    private async Task AppendAsync(EntrustDbContext db, CancellationToken ct)
    {
        var changes = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        if (changes.Any(e => e.Entity is AuditEntry && e.State != EntityState.Added))
        {
            throw new InvalidOperationException("The audit trail is append-only.");
        }
        changes.RemoveAll(e => e.Entity is AuditEntry);
        if (changes.Any(e => e.State == EntityState.Added && e.Entity is IBatchRecord))
        {
            changes.RemoveAll(e => e.State == EntityState.Added && e.Entity is IBatchRow);
        }
        if (changes.Count == 0)
        {
            return;
        }

        var connection = db.Database.GetDbConnection();
        var database = $"{connection.DataSource}|{connection.Database}";
        var inCallersTransaction = db.Database.CurrentTransaction is not null;
        if (inCallersTransaction || !Heads.TryGetValue(database, out var head))
        {
            Heads.TryRemove(database, out _);
            var last = await db.AuditEntries.IgnoreQueryFilters()
                .OrderByDescending(a => a.Sequence)
                .Select(a => new { a.Sequence, a.Hash })
                .FirstOrDefaultAsync(ct);
            head = (last?.Sequence ?? 0, last?.Hash ?? AuditChain.Genesis);
        }
        var (sequence, previousHash) = head;
        var at = AuditChain.Truncate(clock.GetUtcNow().UtcDateTime);
        var user = users.Current;

        foreach (var change in changes)
        {
            var entry = new AuditEntry
            {
                Sequence = ++sequence,
                At = at,
                UserId = user.UserId,
                UserName = user.UserName,
                DistrictId = DistrictOf(change),
                EntityType = change.Metadata.ClrType.Name,
                EntityId = string.Join(",", change.Metadata.FindPrimaryKey()!.Properties.Select(p => change.Property(p.Name).CurrentValue)),
                Action = change.State.ToString(),
                Before = change.State == EntityState.Added ? null : Snapshot(change, original: true),
                After = change.State == EntityState.Deleted ? null : Snapshot(change, original: false),
                PreviousHash = previousHash,
            };
            entry.Hash = AuditChain.HashOf(entry);
            previousHash = entry.Hash;
            db.AuditEntries.Add(entry);
        }
        _newHead = inCallersTransaction ? null : (database, sequence, previousHash);
    }

    private static Guid? DistrictOf(EntityEntry change) => change.Entity switch
    {
        District d => d.Id,
        _ => change.Metadata.FindProperty("DistrictId") is { } p ? change.Property(p.Name).CurrentValue as Guid? : null,
    };

    /// <summary>Longest text an entry keeps as it is; a longer one, and any file's bytes, are kept as their SHA-256.</summary>
    public const int LongestKeptText = 8 * 1024;

    /// <summary>
    /// A file's bytes (a photo of 10 MB) or a long text (a draw's 3 MB of inputs) is recorded by its SHA-256 and length: the
    /// chained entry still shows whether the stored value was changed, without copying evidence files into the trail.
    /// </summary>
    private static object? Digested(object? value) => value switch
    {
        byte[] bytes => $"sha256:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))} ({bytes.Length} bytes)",
        string { Length: > LongestKeptText } text =>
            $"sha256:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))} ({text.Length} chars)",
        _ => value,
    };

    private static string Snapshot(EntityEntry change, bool original)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in change.Properties)
        {
            var value = original ? property.OriginalValue : property.CurrentValue;
            values[property.Metadata.Name] = Secret.Contains(property.Metadata.Name) && value is not null ? "***" : Digested(value);
        }
        // Complex properties (a case's penalties) are columns of the row too: "NotifiedPenalty.Fine".
        foreach (var complex in change.ComplexProperties)
        {
            foreach (var property in complex.Properties)
            {
                values[complex.Metadata.Name + "." + property.Metadata.Name] = original ? property.OriginalValue : property.CurrentValue;
            }
        }
        return JsonSerializer.Serialize(values, AuditChain.Json);
    }
}
