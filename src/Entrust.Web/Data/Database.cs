using Entrust.Web.Features.Audit;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Entrust.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Chooses the database from configuration: SQLite under ./data by default, PostgreSQL by connection string.</summary>
public static class Database
{
    public static DatabaseProvider Provider(IConfiguration config) =>
        Enum.TryParse<DatabaseProvider>(config["Database:Provider"], ignoreCase: true, out var p) ? p : DatabaseProvider.Sqlite;

    public static string ConnectionString(IConfiguration config)
    {
        if (config.GetConnectionString("Entrust") is { Length: > 0 } cs)
        {
            return cs;
        }
        var dataDir = Path.GetFullPath(config["Database:DataDirectory"] ?? "data");
        Directory.CreateDirectory(dataDir);
        return $"Data Source={Path.Combine(dataDir, "entrust.db")}";
    }

    public static IServiceCollection AddEntrustDatabase(this IServiceCollection services, IConfiguration config)
    {
        var connectionString = ConnectionString(config);
        services.AddMemoryCache();
        services.AddSingleton<ReferenceMemory>();
        services.AddScoped<ReferenceCache>();
        services.AddSingleton<AuditInterceptor>();
        // The audit chain's key, kept outside the database (configuration or its own file), and the checkpoints of its head.
        services.AddSingleton(_ => AuditKey.From(config));
        services.AddSingleton<AuditCheckpoints>();
        // Queries that load several collections run as one SQL statement, EF's default, named here so that EF does not warn of it.
        // The options are built once for the process (singleton), not for every request's context: the interceptor reads the
        // user from the context it is saving.
        switch (Provider(config))
        {
            case DatabaseProvider.Postgres:
                var tuned = Tuned(connectionString);
                services.AddDbContext<EntrustDbContext, PostgresEntrustDbContext>((sp, o) => o
                    .UseNpgsql(tuned, n => n.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
                    .ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, ScopeModelCacheKeyFactory>()
                    .AddInterceptors(sp.GetRequiredService<AuditInterceptor>(), IdempotencyInterceptor.Instance), ServiceLifetime.Scoped, ServiceLifetime.Singleton);
                // Nodes hear each other's changes on a connection of their own; behind a pooler that cannot LISTEN (PgBouncer in
                // transaction mode), Database:ListenForChanges=false makes each request read the shared versions instead.
                if (config.GetValue("Database:ListenForChanges", true))
                {
                    services.AddHostedService<ReferenceListener>();
                }
                break;
            default:
                services.AddDbContext<EntrustDbContext, SqliteEntrustDbContext>((sp, o) => o
                    .UseSqlite(connectionString, s => s.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
                    // SQLite alters a table by rebuilding it with foreign keys off, which no transaction can hold; EF warns of
                    // it on every first start. The migrations are EF's own rebuilds on an empty file: the notes go to Debug.
                    .ConfigureWarnings(w => w.Log(
                        (RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Debug),
                        (SqliteEventId.TableRebuildPendingWarning, LogLevel.Debug)))
                    .ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, ScopeModelCacheKeyFactory>()
                    .AddInterceptors(sp.GetRequiredService<AuditInterceptor>(), IdempotencyInterceptor.Instance, new SqlitePragmas()), ServiceLifetime.Scoped, ServiceLifetime.Singleton);
                break;
        }
        services.AddKeyRingContext(Provider(config), Provider(config) == DatabaseProvider.Postgres ? Tuned(connectionString) : connectionString);
        return services;
    }

    /// <summary>
    /// PostgreSQL connection settings a request-per-context application wants, unless the connection string sets them:
    /// no <c>DISCARD ALL</c> each time a context gives its connection back to the pool (EF keeps no session state), and
    /// statements prepared once per connection and reused (the same few dozen queries run all day), each run planned with its
    /// parameters, and no JIT compilation of plans.
    /// </summary>
    public static string Tuned(string connectionString)
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var given = connectionString.ToLowerInvariant();
        if (!given.Contains("reset on close"))
        {
            b.NoResetOnClose = true;
        }
        if (!given.Contains("auto prepare"))
        {
            b.MaxAutoPrepare = 100;
            b.AutoPrepareMinUsages = 2;
        }
        // A prepared statement would otherwise get a generic plan after five runs, blind to the scope filters' parameters
        // ("all districts OR this township"): planned with the values each time, it keeps using the township's index.
        if (!given.Contains("plan_cache_mode"))
        {
            b.Options = $"{b.Options} -c plan_cache_mode=force_custom_plan".Trim();
        }
        // No JIT compilation: it starts on a query whose estimated cost passes jit_above_cost, which the year's and the month's
        // reads over a district do (an assessment's acts: a district's year of inspections with their officers), and compiling
        // costs more than it saves on them (1.40 s against 0.93 s a district). The application's queries are short and many.
        if (!(b.Options ?? "").Contains("jit", StringComparison.OrdinalIgnoreCase))
        {
            b.Options = $"{b.Options} -c jit=off".Trim();
        }
        return b.ConnectionString;
    }

    /// <summary>
    /// The <see cref="Tuned"/> connection string with PostgreSQL's own choice of plans (<c>plan_cache_mode=auto</c>), for a context
    /// that only inserts (the inspection writer): the same few inserts all day, planned once per connection instead of at every
    /// run. Its connections are a pool of their own; a <c>SET LOCAL</c> per transaction cost the writer a round trip and a tenth
    /// of a node's CPU when the batches were small (several nodes). A plan_cache_mode the connection string names is kept.
    /// </summary>
    public static string ForInserts(string tuned) =>
        tuned.Replace("plan_cache_mode=force_custom_plan", "plan_cache_mode=auto", StringComparison.Ordinal);

    /// <summary>Applies pending migrations; called on start for SQLite and by the <c>migrate</c> command.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
        await db.Database.MigrateAsync(ct);
    }
}

/// <summary>WAL lets readers go on while one request writes; busy_timeout makes a second writer wait instead of failing.</summary>
internal sealed class SqlitePragmas : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
{
    public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection,
        Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;";
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public override void ConnectionOpened(System.Data.Common.DbConnection connection,
        Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;";
        cmd.ExecuteNonQuery();
    }
}

/// <summary>Design-time factories for <c>dotnet ef migrations add</c>, one per provider.</summary>
public sealed class SqliteDesignFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<SqliteEntrustDbContext>
{
    public SqliteEntrustDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteEntrustDbContext>().UseSqlite("Data Source=design.db").Options, CurrentUserAccessor.Fixed(CurrentUser.System));
}

public sealed class PostgresDesignFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<PostgresEntrustDbContext>
{
    public PostgresEntrustDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresEntrustDbContext>().UseNpgsql("Host=localhost;Database=entrust_design").Options, CurrentUserAccessor.Fixed(CurrentUser.System));
}
