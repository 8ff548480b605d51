using Entrust.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Audit;

/// <summary>
/// Links the audit trail's new entries into the hash chain, oldest first, about once a second (<c>Audit:SealEverySeconds</c>),
/// and whenever the chain is verified. Writers append their entries unlinked in their own transactions and never wait for one
/// another; one sealer at a time (a PostgreSQL advisory lock across processes, a gate within one) gives each entry the next
/// place in the chain and the hash of the entry before it, keyed with the <see cref="AuditKey"/>. An entry can be sealed once and
/// never changed after (ADR 0006). After sealing, every <see cref="AuditCheckpoints.Every"/> it writes a checkpoint of the head
/// outside the database (<see cref="AuditCheckpoints"/>).
/// </summary>
public sealed class AuditSealer(IServiceScopeFactory scopes, IConfiguration configuration, AuditCheckpoints checkpoints, TimeProvider clock,
    ILogger<AuditSealer> logger) : BackgroundService
{
    /// <summary>Entries sealed per transaction.</summary>
    public const int Batch = 5_000;

    // Any number, the same in every process: the key of the PostgreSQL advisory lock that makes the sealer one of a kind.
    private const long AdvisoryLockKey = 0x456e7472757374;

    private static readonly SemaphoreSlim Gate = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(configuration.GetValue("Audit:SealEverySeconds", 1.0));
        using var timer = new PeriodicTimer(every);
        DateTimeOffset? checkpointed = null;
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
                await SealAsync(db, stoppingToken);
                if (checkpointed is null || clock.GetUtcNow() - checkpointed >= checkpoints.Every)
                {
                    await checkpoints.WriteAsync(db, stoppingToken);
                    checkpointed = clock.GetUtcNow();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A database that is down or not yet migrated: the entries wait for the next round.
                logger.LogWarning(e, "Sealing the audit trail failed; retrying in {Every}.", every);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Seals every entry written so far with the application's key (<see cref="AuditKey.Of"/>); returns how many it linked.</summary>
    public static Task<int> SealAsync(EntrustDbContext db, CancellationToken ct = default) => SealAsync(db, AuditKey.Of(db), ct);

    /// <summary>Seals every entry written so far; returns how many it linked.</summary>
    public static async Task<int> SealAsync(EntrustDbContext db, AuditKey key, CancellationToken ct = default)
    {
        await Gate.WaitAsync(ct);
        try
        {
            var total = 0;
            int sealedNow;
            do
            {
                sealedNow = await SealBatchAsync(db, key, ct);
                total += sealedNow;
            }
            while (sealedNow == Batch);
            return total;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<int> SealBatchAsync(EntrustDbContext db, AuditKey key, CancellationToken ct)
    {
        var entries = db.AuditEntries.IgnoreQueryFilters();
        if (!await entries.AnyAsync(a => a.Link == null, ct))
        {
            return 0;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
        }
        var head = await entries.AsNoTracking().Where(a => a.Link != null).OrderByDescending(a => a.Link)
            .Select(a => new { a.Link, a.Hash }).FirstOrDefaultAsync(ct);
        var pending = await entries.Where(a => a.Link == null).OrderBy(a => a.Sequence).Take(Batch).ToListAsync(ct);
        var link = head?.Link ?? 0;
        var previous = head?.Hash ?? AuditChain.Genesis;
        foreach (var entry in pending)
        {
            previous = AuditChain.Seal(entry, ++link, previous, key);
        }
        if (db.Database.IsNpgsql())
        {
            // One statement for the batch: a thousand single-row updates a second would cost the database more than the
            // inserts they seal.
            var sealedNow = await db.Database.ExecuteSqlRawAsync("""
                UPDATE "AuditEntries" AS a SET "Link" = v.link, "PreviousHash" = v.previous, "Hash" = v.hash
                FROM unnest(@sequences, @links, @previous, @hashes) AS v(sequence, link, previous, hash)
                WHERE a."Sequence" = v.sequence AND a."Link" IS NULL
                """,
                [
                    new Npgsql.NpgsqlParameter<long[]>("sequences", [.. pending.Select(e => e.Sequence)]),
                    new Npgsql.NpgsqlParameter<long[]>("links", [.. pending.Select(e => e.Link!.Value)]),
                    new Npgsql.NpgsqlParameter<string[]>("previous", [.. pending.Select(e => e.PreviousHash!)]),
                    new Npgsql.NpgsqlParameter<string[]>("hashes", [.. pending.Select(e => e.Hash!)]),
                ], ct);
            if (sealedNow != pending.Count)
            {
                throw new InvalidOperationException($"Sealed {sealedNow} audit entries of {pending.Count}: another sealer ran.");
            }
        }
        else
        {
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return pending.Count;
    }
}
