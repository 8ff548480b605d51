using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Entrust.Tests.Hosting;
using Entrust.Web.Features.Gaps;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Quartz;

namespace Entrust.Tests.Api;

/// <summary>
/// A node stopped while its database does not answer (its PostgreSQL pair stopped, a failover not yet done) still stops, within
/// its shutdown timeout (<c>Host:ShutdownTimeoutSeconds</c>), and what it acknowledged before is kept. A host of its own: the
/// test closes its database to every connection and stops it.
/// </summary>
public sealed class ShutdownTests(ShutdownTests.Node host) : ApiTest(host), IClassFixture<ShutdownTests.Node>
{
    public sealed class Node : PostgresHost
    {
        public const int ShutdownSeconds = 5;

        protected override void Configure(IWebHostBuilder web) =>
            web.UseSetting("Host:ShutdownTimeoutSeconds", ShutdownSeconds.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ANodeWhoseDatabaseIsUnreachableStopsWithinItsShutdownTimeoutKeepingWhatItAcknowledged()
    {
        // A write the node acknowledged.
        var target = (await (await As("office")).PostAsJsonAsync("/api/targets", new
        {
            townshipId = Ids.Xiema,
            name = "停机前登记" + Guid.NewGuid().ToString("N")[..6],
            kind = "ForestArea",
            address = "歇马镇",
            riskLevel = "Low",
        }).ExpectAsync(HttpStatusCode.Created)).Id();

        // A scheduled job running when the database goes away (the scheduler waits for running jobs when it stops): held at its
        // start until the database is closed, then it runs, fails, and the scheduler cannot record that it ended.
        var scheduler = await Host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var held = new HeldJob();
        scheduler.ListenerManager.AddJobListener(held, [Matchers.Key(GapScanJob.Key)]);
        await scheduler.TriggerJob(GapScanJob.Key);
        await held.Started.Task.WaitAsync(TimeSpan.FromSeconds(60));

        var database = new NpgsqlConnectionStringBuilder(Host.ConnectionString).Database!;
        await AdminAsync($"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS false",
            $"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '{database}' AND pid <> pg_backend_pid()");
        Task stopping;
        bool stopped;
        try
        {
            held.Release.TrySetResult();
            stopping = Host.Services.GetRequiredService<IHost>().StopAsync();
            // A hang detector, not a measurement: the node gives up on what it can't finish at its shutdown timeout (5 s).
            stopped = await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(60))) == stopping;
        }
        finally
        {
            await AdminAsync($"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS true");
        }
        Assert.True(stopped, $"the node did not stop within a minute of being asked (its shutdown timeout is {Node.ShutdownSeconds} s)");
        await stopping;

        // What it acknowledged is there.
        await using var connection = new NpgsqlConnection(Host.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM \"Targets\" WHERE \"Id\" = @id", connection);
        count.Parameters.AddWithValue("id", target);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    private async Task AdminAsync(params string[] statements)
    {
        var admin = new NpgsqlConnectionStringBuilder(Host.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Holds a job at its start until released.</summary>
    private sealed class HeldJob : IJobListener
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name { get; } = "held-" + Guid.NewGuid().ToString("N");

        public async ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            Started.TrySetResult();
            await Release.Task;
        }

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default) =>
            ValueTask.CompletedTask;
    }
}
