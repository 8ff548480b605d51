using System.Text.Json;
using Entrust.Web.Data;
using Entrust.Web.Features.Accounts;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Reports;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Entrust.Web.Features.Audit;

/// <summary>
/// Writes the audit trail for every SaveChanges, in the same transaction as the change, so no handler can forget it. The
/// entries are written unlinked and numbered by the database, so saves never wait for one another; the
/// <see cref="AuditSealer"/> chains them within a second. A new aggregate's owned rows (an inspection's targets and officers)
/// are recorded inside its own entry.
/// </summary>
public sealed class AuditInterceptor(TimeProvider clock, ReferenceMemory cache) : SaveChangesInterceptor, IDbTransactionInterceptor
{

    private static readonly HashSet<string> Secret =
        [nameof(AppUser.PasswordHash), nameof(AppUser.SecurityStamp), nameof(AppUser.ConcurrencyStamp)];

    // What the sealer fills in, once: everything else of an entry is never changed.
    private static readonly HashSet<string> SealFields = [nameof(AuditEntry.Link), nameof(AuditEntry.PreviousHash), nameof(AuditEntry.Hash)];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        if (eventData.Context is EntrustDbContext db)
        {
            Append(db);
        }
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is EntrustDbContext db)
        {
            Append(db);
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        TablesSaved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        TablesSaved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    // The tables a save touched start a new version in the cache. Inside a caller's transaction the change is seen by others
    // only at its commit: their versions change then as well.
    private void TablesSaved(DbContext? context)
    {
        if (context is EntrustDbContext db && db.ChangedTables.Count > 0)
        {
            cache.Changed(db.ChangedTables);
            if (db.Database.CurrentTransaction is null)
            {
                db.ChangedTables.Clear();
            }
        }
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) =>
        Committed(eventData.Context);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken ct = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    private void Committed(DbContext? context)
    {
        if (context is EntrustDbContext db && db.ChangedTables.Count > 0)
        {
            cache.Changed(db.ChangedTables);
            db.ChangedTables.Clear();
        }
    }

    /// <summary>A change of data the trail records (an audit entry itself is none): what makes a save a write.</summary>
    internal static bool Records(EntityEntry e) =>
        (e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted) && !IsNotAudited(e) && e.Entity is not AuditEntry;

    /// <summary>
    /// Kept apart from the trail: an <see cref="INotAudited"/> row, and an API session's refresh state (<see cref="BearerSessions"/>,
    /// a row of Identity's tokens moved at every refresh; the sign-in itself is a security event).
    /// </summary>
    private static bool IsNotAudited(EntityEntry e) =>
        e.Entity is INotAudited or Microsoft.AspNetCore.Identity.IdentityUserToken<Guid> { LoginProvider: BearerSessions.Provider };

    private void Append(EntrustDbContext db)
    {
        var changes = db.ChangeTracker.Entries()
            .Where(e => (e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted) && !IsNotAudited(e))
            .ToList();
        // The months whose kept figures the save changes, logged in its transaction.
        ClosedMonthLog.Log(db, changes, clock.TodayInChina());
        if (changes.Count > 0)
        {
            db.ChangedTables.UnionWith(changes.Select(e => e.Metadata.ClrType.Name));
            // Also now: a read that starts before the commit is kept under the version that ends here.
            cache.Changed(db.ChangedTables);
            // Other nodes learn it from the shared versions, stamped in this save's transaction.
            ReferenceMemory.Stamp(db, changes.Select(e => e.Metadata.ClrType.Name));
        }
        if (changes.Any(e => e.Entity is AuditEntry && e.State != EntityState.Added && !IsSealing(e)))
        {
            throw new InvalidOperationException("The audit trail is append-only.");
        }
        changes.RemoveAll(e => e.Entity is AuditEntry);
        if (changes.Any(e => e.State == EntityState.Added && e.Entity is IBatchRecord))
        {
            changes.RemoveAll(e => e.State == EntityState.Added && e.Entity is IBatchRow);
        }
        // A new aggregate's new owned rows are part of its own entry.
        var folded = new Dictionary<object, List<(string Navigation, EntityEntry Row)>>(ReferenceEqualityComparer.Instance);
        foreach (var owner in changes.Where(e => e.State == EntityState.Added && !e.Metadata.IsOwned()))
        {
            foreach (var navigation in owner.Navigations.Where(n => n.Metadata is INavigation { ForeignKey.IsOwnership: true, IsOnDependent: false }))
            {
                var rows = navigation is CollectionEntry collection ? collection.CurrentValue?.Cast<object>() ?? []
                    : navigation.CurrentValue is { } one ? [one] : [];
                foreach (var row in rows.Select(db.Entry).Where(r => r.State == EntityState.Added))
                {
                    (folded.TryGetValue(owner.Entity, out var list) ? list : folded[owner.Entity] = []).Add((navigation.Metadata.Name, row));
                }
            }
        }
        // EntityEntry is a view made afresh on each call: the row is its entity.
        var inOwners = folded.Values.SelectMany(rows => rows.Select(r => r.Row.Entity)).ToHashSet(ReferenceEqualityComparer.Instance);
        changes.RemoveAll(e => inOwners.Contains(e.Entity));
        if (changes.Count == 0)
        {
            return;
        }

        var at = AuditChain.Truncate(clock.GetUtcNow().UtcDateTime);
        var user = db.User;
        foreach (var change in changes)
        {
            db.AuditEntries.Add(new AuditEntry
            {
                At = at,
                UserId = user.UserId,
                UserName = user.UserName,
                DistrictId = DistrictOf(change),
                EntityType = change.Metadata.ClrType.Name,
                EntityId = string.Join(",", change.Metadata.FindPrimaryKey()!.Properties.Select(p => change.Property(p.Name).CurrentValue)),
                Action = change.State.ToString(),
                Before = change.State == EntityState.Added ? null : Snapshot(change, original: true),
                After = change.State == EntityState.Deleted ? null : Snapshot(change, original: false, folded.GetValueOrDefault(change.Entity)),
            });
        }
    }

    /// <summary>
    /// Never written into the trail: password hashes and stamps, and an account's tokens (its authenticator key and recovery
    /// codes, kept by Identity in <c>AspNetUserTokens.Value</c>); that they changed is recorded, not what they are.
    /// </summary>
    private static bool IsSecret(EntityEntry change, string property) =>
        Secret.Contains(property) || (change.Entity is Microsoft.AspNetCore.Identity.IdentityUserToken<Guid> && property == "Value");

    /// <summary>The sealer's change: the link fields filled in for the first time, nothing else.</summary>
    private static bool IsSealing(EntityEntry entry) =>
        entry.State == EntityState.Modified
        && entry.Properties.All(p => !p.IsModified || (SealFields.Contains(p.Metadata.Name) && p.OriginalValue is null));

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

    private static string Snapshot(EntityEntry change, bool original, List<(string Navigation, EntityEntry Row)>? owned = null)
    {
        var values = Values(change, original);
        // An owned row's own key repeats its owner's: "Officers": [{"OfficerId": …}, …].
        foreach (var group in (owned ?? []).GroupBy(o => o.Navigation))
        {
            values[group.Key] = group.Select(o =>
            {
                var row = Values(o.Row, original: false);
                foreach (var key in o.Row.Metadata.FindOwnership()!.Properties)
                {
                    row.Remove(key.Name);
                }
                return row;
            }).ToList();
        }
        return JsonSerializer.Serialize(values, AuditChain.Json);
    }

    private static SortedDictionary<string, object?> Values(EntityEntry change, bool original)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in change.Properties)
        {
            var value = original ? property.OriginalValue : property.CurrentValue;
            values[property.Metadata.Name] = IsSecret(change, property.Metadata.Name) && value is not null ? "***" : Digested(value);
        }
        // Complex properties (a case's penalties) are columns of the row too: "NotifiedPenalty.Fine".
        foreach (var complex in change.ComplexProperties)
        {
            foreach (var property in complex.Properties)
            {
                values[complex.Metadata.Name + "." + property.Metadata.Name] = original ? property.OriginalValue : property.CurrentValue;
            }
        }
        return values;
    }
}
