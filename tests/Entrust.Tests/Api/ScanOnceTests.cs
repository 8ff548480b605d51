using Entrust.Tests.Hosting;
using Entrust.Web.Features.Gaps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;

namespace Entrust.Tests.Api;

/// <summary>
/// Two nodes of the platform on one PostgreSQL share one clustered Quartz store (Features/Gaps/GapSchedule.cs): each firing of a
/// scheduled scan runs on exactly one of them. A host of its own, so that no other test's job lands on the second node.
/// </summary>
public sealed class ScanOnceTests(ScanOnceTests.Host host) : IClassFixture<ScanOnceTests.Host>
{
    public sealed class Host : PostgresHost;

    private const int Firings = 4;

    [Fact]
    public async Task EachFiringOfTheScanRunsOnOneNodeOnly()
    {
        await using var second = host.AnotherNode();
        _ = second.Server;
        var nodes = new[] { host.Services, second.Services };
        var schedulers = await Task.WhenAll(nodes.Select(n => n.GetRequiredService<ISchedulerFactory>().GetScheduler().AsTask()));
        var ran = new RunCounter();
        foreach (var scheduler in schedulers)
        {
            scheduler.ListenerManager.AddJobListener(ran, [Matchers.Key(GapScanJob.Key)]);
        }
        var districts = await host.WithDbAsync(db => db.Districts.CountAsync());
        var before = await host.WithDbAsync(db => db.GapScans.CountAsync(s => s.Trigger == "nightly"));

        // Both nodes have checked in to the cluster under ids of their own: the trigger below is theirs to compete for.
        await UntilAsync(async () => await ClusterNodesAsync() == 2);

        // Several firings due at once, half of them asked on each node: each is taken by one node, and the scan's
        // DisallowConcurrentExecution holds the others back until it is done, on either node.
        for (var i = 0; i < Firings; i++)
        {
            await schedulers[i % 2].TriggerJob(GapScanJob.Key);
        }

        // A firing's trigger leaves the store once taken; then wait for the runs to finish.
        await UntilAsync(async () => ran.Running == 0 && ran.Finished >= Firings && (await schedulers[0].GetTriggersOfJob(GapScanJob.Key)).Count == 0,
            () => $"finished {ran.Finished}, running {ran.Running}");

        Assert.Equal(Firings, ran.Finished);
        Assert.Equal(0, ran.Failed);
        Assert.Equal(Firings * districts, await host.WithDbAsync(db => db.GapScans.CountAsync(s => s.Trigger == "nightly")) - before);
    }

    /// <summary>Waits for what the scheduler does on its own threads, failing after two minutes.</summary>
    private static async Task UntilAsync(Func<Task<bool>> done, Func<string>? state = null)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"the scheduler did not get there in two minutes {state?.Invoke()}");
            await Task.Delay(100);
        }
    }

    private async Task<int> ClusterNodesAsync()
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(DISTINCT instance_name) FROM qrtz_scheduler_state";
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }

    /// <summary>Counts the runs of the scan on every node it listens to.</summary>
    private sealed class RunCounter : IJobListener
    {
        private int _running;
        private int _finished;
        private int _failed;

        public int Running => Volatile.Read(ref _running);
        public int Finished => Volatile.Read(ref _finished);
        public int Failed => Volatile.Read(ref _failed);

        public string Name => "scan-once-counter";

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _running);
            return ValueTask.CompletedTask;
        }

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            if (jobException is not null)
            {
                Interlocked.Increment(ref _failed);
            }
            Interlocked.Increment(ref _finished);
            Interlocked.Decrement(ref _running);
            return ValueTask.CompletedTask;
        }
    }
}
