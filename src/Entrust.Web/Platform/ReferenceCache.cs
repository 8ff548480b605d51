using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;

namespace Entrust.Web.Platform;

/// <summary>
/// The one cache of the platform, and the one way a cached answer learns that its rows changed. Every save goes through the
/// <see cref="Features.Audit.AuditInterceptor"/>, which tells <see cref="Changed"/> the tables (entity types) it touched — at
/// the save, and again at the commit when the save ran inside a transaction. Each table has a version; an answer is kept
/// under the sum of the versions of the tables it was read from (versions only grow, so the sum changes whenever one of them
/// does) and is never found again after one of those tables changed. A read that overlaps a change is kept under the version
/// it began in, which is already old. Rows that a user's data scope decides (officers, targets …) are keyed by
/// <see cref="CurrentUser.ScopeKey"/> as well, so <see cref="Data.DataScope"/> still decides what each user sees.
/// A write that bypasses SaveChanges (ExecuteUpdate) calls <see cref="Changed"/> itself.
/// One process: several nodes need a shared signal in <see cref="Changed"/>.
/// </summary>
public sealed class ReferenceCache(IMemoryCache cache)
{
    private readonly ConcurrentDictionary<string, long> _versions = new();

    /// <summary>The reference rows every inspection and case step reads (townships, matters, departments, officers with their
    /// certificates, regulated targets): far more often read than changed.</summary>
    public static readonly string[] Reference = ["District", "Department", "Township", "Matter", "Officer", "Certificate", "Target"];

    private static readonly MemoryCacheEntryOptions Keep = new() { SlidingExpiration = TimeSpan.FromMinutes(30) };

    /// <summary>A save changed rows of these tables (entity type names).</summary>
    public void Changed(IEnumerable<string> tables)
    {
        foreach (var table in tables)
        {
            _versions.AddOrUpdate(table, 1, (_, v) => v + 1);
        }
    }

    /// <summary>The version of an answer read from <paramref name="tables"/>; read it before the database is.</summary>
    public long VersionOf(IEnumerable<string> tables) => tables.Sum(t => _versions.GetValueOrDefault(t));

    /// <summary>The version of the <see cref="Reference"/> rows.</summary>
    public long Version => VersionOf(Reference);

    /// <summary>An answer read from <paramref name="tables"/> (not scoped by user), from memory or by <paramref name="read"/>.</summary>
    public async Task<T> GetAsync<T>(string kind, object key, IReadOnlyCollection<string> tables, Func<Task<T>> read)
    {
        var version = VersionOf(tables);
        if (cache.TryGetValue((kind, key, version), out T? value))
        {
            return value!;
        }
        value = await read();
        cache.Set((kind, key, version), value, Keep);
        return value;
    }

    /// <summary>A <see cref="Reference"/> row as the user's scope reads it, from memory or by <paramref name="read"/>.</summary>
    public async Task<T> GetAsync<T>(string kind, CurrentUser user, Guid id, Func<Task<T>> read)
    {
        var version = Version;
        if (TryGet(kind, user, id, version, out T? value))
        {
            return value!;
        }
        value = await read();
        Set(kind, user, id, version, value);
        return value;
    }

    /// <param name="version">The <see cref="Version"/> read before the database was.</param>
    public bool TryGet<T>(string kind, CurrentUser user, Guid id, long version, out T? value) =>
        cache.TryGetValue((kind, user.ScopeKey, id, version), out value);

    /// <param name="version">The <see cref="Version"/> read before the database was.</param>
    public void Set<T>(string kind, CurrentUser user, Guid id, long version, T value) =>
        cache.Set((kind, user.ScopeKey, id, version), value, Keep);
}
