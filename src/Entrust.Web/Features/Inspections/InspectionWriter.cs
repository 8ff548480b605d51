using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Inspections;

/// <summary>
/// Writes the inspections that requests have checked, many to a transaction (group commit). A township crew's phones record
/// in bursts; one transaction per inspection costs the database a commit each, while the inspections that arrive during one
/// write are written together by the next. A request still answers only once its inspection is committed, and each
/// inspection's audit entry names its own user.
/// <para>One inspection that fails (a target merged away between the check and the write) must not fail the others: a
/// failed batch is written again one inspection at a time, and only the failing request sees the error.</para>
/// Inspections with files or a drawn assignment are written by <see cref="InspectionBook"/> itself.
/// <para>A request's <c>Idempotency-Key</c> (<see cref="IdempotencyClaim"/>) is inserted with its inspection, in the batch's
/// transaction: the key is committed exactly when its inspection is. Two inspections with one key in a batch fail it on the key,
/// and written one by one, the second fails alone.</para>
/// <para>No thread of its own waits for work: the request whose inspection finds fewer than <c>Inspections:Writers</c> (2) batches
/// being written leads a batch itself, with whatever is queued beside its own (leader and followers, as PostgreSQL's own
/// commits group). A request thus writes its inspection without two hand-overs between threads when the node is quiet — each a
/// sleeping thread woken, which three nodes sharing two cores paid for most writes — and the inspections that arrive while a
/// batch is written are written together by the next, as before. A leader answers once its own inspection is written; if
/// others are queued by then, it hands the rest to the thread pool rather than keep its request waiting.</para>
/// <para>A node that stops (deployment, scale-in) first refuses new inspections, then writes every one it had accepted, so that each
/// waiting request still gets its answer: the host waits for that up to its shutdown timeout (30 s by default). At the timeout
/// (a database that does not answer) the writes still in progress are cancelled before their commit and the rest of the queue is
/// answered with an error: none is acknowledged that was not committed, and no request is left waiting.</para>
/// </summary>
public sealed class InspectionWriter(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<InspectionWriter> logger,
    IMeterFactory meters) : BackgroundService
{
    /// <summary>The most inspections one transaction writes.</summary>
    public const int MaxBatch = 64;

    private sealed record Job(CurrentUser User, Inspection Inspection, IReadOnlyList<RectificationOrder> Orders, IdempotencyClaim? Key,
        TaskCompletionSource Done);

    private readonly Channel<Job> _jobs = Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Cancelled when the host's shutdown timeout has passed: what is not committed by then is given up.</summary>
    private readonly CancellationTokenSource _givenUp = new();

    private readonly Meter _meter = meters.Create(Platform.Telemetry.Name);

    /// <summary>How many batches may be written at once (two: while one waits for its commit, the next fills).</summary>
    private readonly int _writers = Math.Max(1, configuration.GetValue("Inspections:Writers", 2));

    /// <summary>How many writers are writing batches now (requests leading, or the thread pool carrying on after them).</summary>
    private int _writing;

    /// <summary>How many inspections each transaction wrote: the group commit's gain (/metrics: entrust_inspection_writer_batch).</summary>
    private Histogram<int>? _batches;

    /// <summary>Completes when the writer takes no more inspections (the node is stopping); those accepted are still written.</summary>
    internal Task Closed => _closed.Task;

    /// <summary>Completes when the inspection and its orders (and the request's idempotency key) are committed; throws what their
    /// write threw.</summary>
    public Task WriteAsync(CurrentUser user, Inspection inspection, IReadOnlyList<RectificationOrder> orders, IdempotencyClaim? key = null)
    {
        var job = new Job(user, inspection, orders, key, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_jobs.Writer.TryWrite(job))
        {
            throw new InvalidOperationException("The platform is shutting down.");
        }
        return TryLead() ? LeadAsync(job) : job.Done.Task;
    }

    /// <summary>Writes these inspections as one batch, as the loop does with what it finds queued (tests use it to be sure
    /// of a batch); one task per inspection.</summary>
    internal IReadOnlyList<Task> WriteTogether(CurrentUser user, params Inspection[] inspections) =>
        WriteTogether(user, [.. inspections.Select(i => (i, (IdempotencyClaim?)null))]);

    /// <summary><see cref="WriteTogether(CurrentUser, Inspection[])"/>, each inspection with its request's idempotency key.</summary>
    internal IReadOnlyList<Task> WriteTogether(CurrentUser user, IReadOnlyList<(Inspection Inspection, IdempotencyClaim? Key)> inspections)
    {
        List<Job> jobs = [.. inspections.Select(i => new Job(user, i.Inspection, [], i.Key, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)))];
        _ = WriteBatchAsync(jobs);
        return [.. jobs.Select(j => j.Done.Task)];
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // How many accepted inspections wait for their transaction (Telemetry; /metrics shows entrust_inspection_writer_queue).
        _meter.CreateObservableGauge("entrust.inspection_writer.queue", () => _jobs.Reader.Count, "{inspection}",
            "Inspections accepted and not yet written.");
        _batches = _meter.CreateHistogram<int>("entrust.inspection_writer.batch", "{inspection}", "Inspections written by one transaction.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64] });
        // The writer runs until the queue is closed (StopAsync) and what was accepted is written, not until the stopping signal.
        await _jobs.Reader.Completion;
        while (Volatile.Read(ref _writing) > 0)
        {
            await Task.Delay(10, CancellationToken.None);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _jobs.Writer.TryComplete();
        _closed.TrySetResult();
        await using var giveUp = cancellationToken.Register(_givenUp.Cancel);
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _givenUp.Dispose();
        base.Dispose();
    }

    /// <summary>Takes one of the writers' places if one is free (Inspections:Writers, 2: while one batch waits for its commit,
    /// the next fills).</summary>
    private bool TryLead()
    {
        while (true)
        {
            var writing = Volatile.Read(ref _writing);
            if (writing >= _writers)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _writing, writing + 1, writing) == writing)
            {
                return true;
            }
        }
    }

    /// <summary>The leading request: writes batches until its own inspection is written, then leaves what is still queued to
    /// the thread pool, or its place free.</summary>
    private async Task LeadAsync(Job own)
    {
        while (!own.Done.Task.IsCompleted && await WriteNextBatchAsync())
        {
        }
        if (_jobs.Reader.Count > 0)
        {
            CarryOn();
        }
        else
        {
            Leave();
        }
        await own.Done.Task;
    }

    /// <summary>Goes on writing what is queued on the thread pool, outside the request that hands it over: that request may
    /// end first, and nothing of it (its HttpContext, returned to the server's pool; its trace) may follow the writer.</summary>
    private void CarryOn()
    {
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(WriteWhileQueuedAsync, CancellationToken.None);
        }
    }

    private async Task WriteWhileQueuedAsync()
    {
        while (await WriteNextBatchAsync())
        {
        }
        Leave();
    }

    /// <summary>Frees the writer's place. An inspection queued while this writer found the queue empty and every place taken
    /// would wait for no one: the writer looks once more after leaving, and leads again if it can.</summary>
    private void Leave()
    {
        Interlocked.Decrement(ref _writing);
        if (_jobs.Reader.Count > 0 && TryLead())
        {
            CarryOn();
        }
    }

    /// <summary>Writes what is queued, up to <see cref="MaxBatch"/>; false when nothing was.</summary>
    private async Task<bool> WriteNextBatchAsync()
    {
        List<Job> batch = [];
        while (batch.Count < MaxBatch && _jobs.Reader.TryRead(out var job))
        {
            batch.Add(job);
        }
        if (batch.Count == 0)
        {
            return false;
        }
        _batches?.Record(batch.Count);
        await WriteBatchAsync(batch);
        return true;
    }

    private async Task WriteBatchAsync(List<Job> batch)
    {
        try
        {
            await SaveAsync(batch);
            batch.ForEach(Written);
            return;
        }
        catch (Exception e) when (batch.Count > 1)
        {
            logger.LogWarning(e, "A batch of {Count} inspections failed; writing them one by one.", batch.Count);
        }
        catch (Exception e)
        {
            batch[0].Done.TrySetException(e);
            return;
        }
        foreach (var job in batch)
        {
            try
            {
                await SaveAsync([job]);
                Written(job);
            }
            catch (Exception e)
            {
                job.Done.TrySetException(e);
            }
        }
    }

    private static void Written(Job job)
    {
        job.Key?.MarkCommitted();
        job.Done.TrySetResult();
    }

    /// <summary>One transaction; one save per user, so that the audit interceptor names each inspection's own user.</summary>
    private async Task SaveAsync(IReadOnlyList<Job> jobs)
    {
        var ct = _givenUp.Token;
        ct.ThrowIfCancellationRequested();
        using var scope = scopes.CreateScope();
        var acting = scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>();
        // Acting for a user before the context is first used: its model is chosen by the user's scope, and without one the
        // accessor would ask the HttpContext of whichever request this runs in — or, on the thread pool, of one that ended
        // (ObjectDisposedException, seen once in a day of load runs, 2026-12-05).
        acting.ActAs(jobs[0].User);
        var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
        if (db.Database.IsNpgsql())
        {
            // The same few inserts all day: planned once per connection, not at every execution as the scope-filtered reads
            // are (Database.Tuned), on connections of the writer's own.
            db.Database.SetConnectionString(Database.ForInserts(db.Database.GetConnectionString()!));
        }
        await using var transaction = jobs.Count > 1 ? await db.Database.BeginTransactionAsync(ct) : null;
        // No savepoint around each save in the transaction (two more round trips a batch): a batch that fails is rolled back
        // whole and written again one by one.
        db.Database.AutoSavepointsEnabled = false;
        foreach (var byUser in jobs.GroupBy(j => (j.User.UserId, j.User.UserName)))
        {
            acting.ActAs(byUser.First().User);
            foreach (var job in byUser)
            {
                db.Inspections.Add(job.Inspection);
                db.RectificationOrders.AddRange(job.Orders);
                if (job.Key is { } key)
                {
                    db.IdempotentRequests.Add(key.Recorded(db.Entry(job.Inspection)));
                }
            }
            await db.SaveChangesAsync(ct);
        }
        if (transaction is not null)
        {
            // The commit itself is not cancelled: once asked, what it wrote is answered as written.
            await transaction.CommitAsync(CancellationToken.None);
        }
    }
}
