using Npgsql;

namespace Entrust.Web.Platform;

/// <summary>
/// How a node hears, on PostgreSQL, that another node changed a <see cref="ReferenceMemory.Watched"/> table: the save that changes it
/// stamps the table's <see cref="CacheVersion"/> row, and a trigger on that row (<c>CacheVersions_notify</c>) sends the table's
/// name on the channel <see cref="Channel"/> when the transaction commits. This service keeps one connection of its own listening
/// and moves the node's version of each table it hears (<see cref="ReferenceMemory.Changed"/>), so a request asks no database to
/// learn whether what it kept is still true.
/// <para>Until it listens (start-up, a database not yet migrated, a lost connection), <see cref="ReferenceMemory.Listening"/> is
/// false and each request reads the shared versions itself, as before; on listening again it forgets everything it kept, since
/// it may have missed a change. A lost connection is noticed within <see cref="KeepAliveSeconds"/>: between a commit and its
/// notification (a few milliseconds, measured in docs/performance.md) another node may still answer from what it kept.</para>
/// </summary>
public sealed class ReferenceListener(ReferenceMemory memory, IConfiguration configuration, ILogger<ReferenceListener> logger) : BackgroundService
{
    public const string Channel = "entrust_cache";

    /// <summary>The trigger the migration <c>I13CacheNotify</c> puts on CacheVersions; without it nothing would be heard.</summary>
    public const string Trigger = "CacheVersions_notify";

    public const int KeepAliveSeconds = 1;

    /// <summary>The trigger, put on by the migration: each stamp of a table's version sends the table's name at the commit.</summary>
    public const string Notify = $$"""
        CREATE OR REPLACE FUNCTION entrust_cache_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            PERFORM pg_notify('{{Channel}}', NEW."Table");
            RETURN NULL;
        END $fn$;
        CREATE TRIGGER "{{Trigger}}" AFTER UPDATE ON "CacheVersions" FOR EACH ROW EXECUTE FUNCTION entrust_cache_changed();
        """;

    public const string Undo = $"""
        DROP TRIGGER IF EXISTS "{Trigger}" ON "CacheVersions";
        DROP FUNCTION IF EXISTS entrust_cache_changed();
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(Data.Database.ConnectionString(configuration))
        {
            Pooling = false,
            KeepAlive = KeepAliveSeconds,
            ApplicationName = "entrust-reference-listener",
        }.ConnectionString;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(connectionString, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Listening for other nodes' changes failed; requests read the shared versions until it listens again.");
            }
            finally
            {
                memory.Listening = false;
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task ListenAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using (var exists = new NpgsqlCommand("SELECT count(*) FROM pg_trigger WHERE tgname = @name", connection))
        {
            exists.Parameters.AddWithValue("name", Trigger);
            if ((long)(await exists.ExecuteScalarAsync(ct))! == 0)
            {
                // Not migrated yet: keep reading per request and look again shortly.
                await Task.Delay(TimeSpan.FromSeconds(5), ct);
                return;
            }
        }
        connection.Notification += (_, e) => memory.Changed([e.Payload]);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(ct);
        }
        // Listening from here on: whatever was kept before may have missed a change.
        memory.Changed(ReferenceMemory.Watched);
        memory.Listening = true;
        logger.LogInformation("Listening for other nodes' changes on {Channel}.", Channel);
        while (true)
        {
            await connection.WaitAsync(ct);
        }
    }
}
