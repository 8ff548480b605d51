using Microsoft.Extensions.Caching.Memory;

namespace Entrust.Web.Platform;

/// <summary>
/// Reference rows that every inspection and case step reads and that change far less often than they are read — townships,
/// matters, departments, officers and their certificates, regulated targets — kept in memory per data scope. The scope's own query reads a row the first
/// time (so <see cref="Data.DataScope"/> still decides what a user sees: the key holds <see cref="CurrentUser.ScopeKey"/>),
/// and every save that touches one of those tables (<see cref="Features.Audit.AuditInterceptor"/>) starts a new
/// <see cref="Version"/>, so no answer outlives a change. A read that overlaps a change is kept under the version it began in,
/// which is already old. One process: a second instance of the platform would need its own signal.
/// </summary>
public sealed class ReferenceCache(IMemoryCache cache)
{
    private static long _version;

    /// <summary>The types whose saves start a new version.</summary>
    public static readonly HashSet<string> Tables =
        ["District", "Department", "Township", "Matter", "Officer", "Certificate", "Target"];

    public static long Version => Interlocked.Read(ref _version);

    public static void Changed() => Interlocked.Increment(ref _version);

    private static readonly MemoryCacheEntryOptions Keep = new() { SlidingExpiration = TimeSpan.FromMinutes(30) };

    /// <summary>The row as the user's scope reads it, from memory or by <paramref name="read"/>.</summary>
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
