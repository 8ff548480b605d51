using System.Collections.Concurrent;
using Entrust.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Caching.Memory;

namespace Entrust.Web.Platform;

/// <summary>
/// The one cache of the platform, and the one way a cached answer learns that its rows changed. Every save goes through the
/// <see cref="Features.Audit.AuditInterceptor"/>, which tells <see cref="ReferenceMemory.Changed"/> the tables (entity types) it
/// touched — at the save, and again at the commit when the save ran inside a transaction. Each table has a version; an answer is
/// kept under the sum of the versions of the tables it was read from and is never found again after one of those tables changed.
/// A read that overlaps a change is kept under the version it began in, which is already old. Rows that a user's data scope
/// decides (officers, targets …) are keyed by <see cref="CurrentUser.ScopeKey"/> as well, so <see cref="Data.DataScope"/> still
/// decides what each user sees. A write that bypasses SaveChanges (ExecuteUpdate) calls <see cref="ChangedAsync"/> itself.
/// <para>Several nodes on one PostgreSQL: a table's version is also a row of <see cref="CacheVersion"/>, stamped by the save that
/// changes the table, in the same transaction (<see cref="ReferenceMemory.Stamp"/>), and the stamp notifies every node at the commit
/// (<see cref="ReferenceListener"/>), which moves its own version of the table: the next request there reads afresh, a few
/// milliseconds after the commit. While a node is not listening (start-up, a lost connection), a request reads those rows once
/// instead, the first time it asks the cache, before it reads anything the answer comes from. SQLite is one node by nature and
/// keeps its versions in memory only.</para>
/// </summary>
public sealed class ReferenceCache(ReferenceMemory memory, EntrustDbContext db)
{
    /// <summary>The reference rows every inspection and case step reads (townships, matters, departments, officers with their
    /// certificates, regulated targets): far more often read than changed.</summary>
    public static readonly string[] Reference = ReferenceMemory.Reference;

    private IReadOnlyDictionary<string, long>? _shared;

    /// <summary>The version of an answer read from <paramref name="tables"/>; read it before the database is.</summary>
    public async ValueTask<long> VersionOfAsync(IReadOnlyCollection<string> tables, CancellationToken ct = default)
    {
        if (memory.Listening || !db.Database.IsNpgsql())
        {
            return memory.VersionOf(tables);
        }
        var shared = _shared ??= await ReferenceMemory.ReadSharedAsync(db, ct);
        // Stamps are random 64-bit values: their sum wraps (LINQ's Sum would throw).
        return tables.Aggregate(memory.VersionOf(tables), (sum, t) => unchecked(sum + shared.GetValueOrDefault(t)));
    }

    /// <summary>The version of the <see cref="Reference"/> rows.</summary>
    public ValueTask<long> VersionAsync(CancellationToken ct = default) => VersionOfAsync(Reference, ct);

    /// <summary>An answer read from <paramref name="tables"/> (not scoped by user), from memory or by <paramref name="read"/>.</summary>
    public async Task<T> GetAsync<T>(string kind, object key, IReadOnlyCollection<string> tables, Func<Task<T>> read)
    {
        ReferenceMemory.EnsureWatched(tables);
        var version = await VersionOfAsync(tables);
        if (memory.Cache.TryGetValue((kind, key, version), out T? value))
        {
            return value!;
        }
        value = await read();
        memory.Cache.Set((kind, key, version), value, ReferenceMemory.Keep);
        return value;
    }

    /// <summary>A <see cref="Reference"/> row as the user's scope reads it, from memory or by <paramref name="read"/>.</summary>
    public async Task<T> GetAsync<T>(string kind, CurrentUser user, Guid id, Func<Task<T>> read)
    {
        var version = await VersionAsync();
        if (TryGet(kind, user, id, version, out T? value))
        {
            return value!;
        }
        value = await read();
        Set(kind, user, id, version, value);
        return value;
    }

    /// <param name="version">The <see cref="VersionAsync"/> read before the database was.</param>
    public bool TryGet<T>(string kind, CurrentUser user, Guid id, long version, out T? value) =>
        memory.Cache.TryGetValue((kind, user.ScopeKey, id, version), out value);

    /// <param name="version">The <see cref="VersionAsync"/> read before the database was.</param>
    public void Set<T>(string kind, CurrentUser user, Guid id, long version, T value) =>
        memory.Cache.Set((kind, user.ScopeKey, id, version), value, ReferenceMemory.Keep);

    /// <summary>A write that bypassed SaveChanges (ExecuteUpdate) changed these tables: every node forgets what it read from them.</summary>
    public async Task ChangedAsync(IReadOnlyCollection<string> tables, CancellationToken ct = default)
    {
        memory.Changed(tables);
        if (db.Database.IsNpgsql())
        {
            foreach (var table in tables.Where(ReferenceMemory.Watched.Contains))
            {
                var stamp = ReferenceMemory.NewStamp();
                await db.Set<CacheVersion>().Where(v => v.Table == table)
                    .ExecuteUpdateAsync(u => u.SetProperty(v => v.Version, stamp), ct);
            }
        }
    }
}

/// <summary>
/// What the <see cref="ReferenceCache"/> keeps for the process: the answers and this process's versions of the tables. A singleton,
/// nothing static.
/// </summary>
public sealed class ReferenceMemory(IMemoryCache cache)
{
    public static readonly string[] Reference = ["District", "Department", "Township", "Matter", "Officer", "Certificate", "Target"];

    /// <summary>Every table an answer is kept under: the <see cref="Reference"/> rows, the agreements the entitlements come from, the
    /// holiday calendars and the recorded conflicts of interest. A save that changes one of them stamps its <see cref="CacheVersion"/> row on PostgreSQL; a cached answer
    /// over any other table is refused (<see cref="EnsureWatched"/>), so that no node can keep one the others can't invalidate.</summary>
    public static readonly IReadOnlySet<string> Watched = new HashSet<string>([.. Reference, "Agreement", "AgreementMatter", "CalendarDay", "OfficerConflict"]);

    internal static readonly MemoryCacheEntryOptions Keep = new() { SlidingExpiration = TimeSpan.FromMinutes(30) };

    private readonly ConcurrentDictionary<string, long> _versions = new();

    internal IMemoryCache Cache => cache;

    /// <summary>A save changed rows of these tables (entity type names), in this process.</summary>
    public void Changed(IEnumerable<string> tables)
    {
        foreach (var table in tables)
        {
            _versions.AddOrUpdate(table, 1, (_, v) => v + 1);
        }
    }

    /// <summary>This process hears every other node's changes (<see cref="ReferenceListener"/>): its own versions are enough.</summary>
    public bool Listening
    {
        get => Volatile.Read(ref _listening);
        set => Volatile.Write(ref _listening, value);
    }
    private bool _listening;

    /// <summary>This process's version of these tables: it moves at each change made here or heard from another node.</summary>
    public long VersionOf(IEnumerable<string> tables) => tables.Sum(t => _versions.GetValueOrDefault(t));

    internal static void EnsureWatched(IEnumerable<string> tables)
    {
        if (tables.FirstOrDefault(t => !Watched.Contains(t)) is { } unwatched)
        {
            throw new InvalidOperationException($"{unwatched} is not among ReferenceMemory.Watched: other nodes could not invalidate an answer read from it.");
        }
    }

    internal static long NewStamp() => Random.Shared.NextInt64(1, long.MaxValue);

    /// <summary>
    /// On PostgreSQL, the save that changes <paramref name="tables"/> also stamps their <see cref="CacheVersion"/> rows with new
    /// values: the same SaveChanges, so the same transaction (called before the save, by the audit interceptor).
    /// </summary>
    internal static void Stamp(EntrustDbContext db, IEnumerable<string> tables)
    {
        List<string> watched = [.. tables.Where(Watched.Contains)];
        if (watched.Count == 0 || !db.Database.IsNpgsql())
        {
            return;
        }
        var local = db.Set<CacheVersion>().Local;
        foreach (var table in watched)
        {
            var row = local.FirstOrDefault(v => v.Table == table);
            if (row is null)
            {
                row = new CacheVersion { Table = table };
                db.Set<CacheVersion>().Attach(row);
            }
            row.Version = NewStamp();
            db.Entry(row).Property(v => v.Version).IsModified = true;
        }
    }

    internal static async Task<IReadOnlyDictionary<string, long>> ReadSharedAsync(EntrustDbContext db, CancellationToken ct) =>
        db.Database.IsNpgsql()
            ? await db.Set<CacheVersion>().AsNoTracking().ToDictionaryAsync(v => v.Table, v => v.Version, ct)
            : new Dictionary<string, long>();
}

/// <summary>The version of one <see cref="ReferenceMemory.Watched"/> table that every node reads (PostgreSQL): a new random value at
/// each change, written in the transaction of the change.</summary>
public sealed class CacheVersion : Features.Audit.INotAudited
{
    public required string Table { get; init; }

    public long Version { get; set; }
}

internal sealed class CacheVersionConfiguration : IEntityTypeConfiguration<CacheVersion>
{
    public void Configure(EntityTypeBuilder<CacheVersion> builder)
    {
        builder.ToTable("CacheVersions");
        builder.HasKey(v => v.Table);
        builder.Property(v => v.Table).HasMaxLength(64);
        builder.HasData(ReferenceMemory.Watched.Order().Select(t => new CacheVersion { Table = t, Version = 0 }));
    }
}
