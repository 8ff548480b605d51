using Entrust.Web.Data;
using Quartz;

namespace Entrust.Web.Features.Gaps;

/// <summary>
/// The nightly scan as a Quartz.NET job. On SQLite (one node by nature) the scheduler keeps its jobs in memory; on PostgreSQL it
/// keeps them in the database with clustering, so that of several nodes exactly one runs each night's scan (the nodes take the
/// trigger under a row lock in <c>qrtz_locks</c>). The Quartz tables are the library's own: it creates what is missing when the
/// scheduler starts (<c>ProvisionSchema</c>, create-only and idempotent), so they are in no EF migration — see
/// docs/architecture.md, "Gaps".
/// </summary>
public static class GapSchedule
{
    /// <summary>Every night at 01:30 in Asia/Shanghai, when nobody is recording inspections.</summary>
    public const string DefaultCron = "0 30 1 * * ?";

    public static IServiceCollection AddGapSchedule(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<GapScanner>();
        services.AddScoped<GapBook>();
        services.AddScoped<DelegationSimulator>();
        services.AddScoped<Workbench>();
        services.AddQuartz(q =>
        {
            q.AddJob<GapScanJob>(j => j.WithIdentity(GapScanJob.Key).StoreDurably()
                .WithDescription("Nightly enforcement-gap scan of every district"));
            AddCron(q, GapScanJob.Key, "gap-scan-nightly", config["Gaps:ScanCron"] ?? DefaultCron);
            q.AddJob<GapChangesJob>(j => j.WithIdentity(GapChangesJob.Key).StoreDurably()
                .WithDescription("Gap scan of the districts whose records changed since their last scan"));
            AddCron(q, GapChangesJob.Key, "gap-scan-changes", config["Gaps:ChangesCron"] ?? ChangesCron);
            Meetings.MeetingScheduleJob.Add(q, config);
            Reports.ReportScheduleJob.Add(q, config);
            Notifications.NotificationDigestJob.Add(q, config);
            if (Database.Provider(config) == DatabaseProvider.Postgres)
            {
                q.UsePersistentStore(s =>
                {
                    s.UsePostgres(Database.ConnectionString(config));
                    s.UseSystemTextJsonSerializer();
                    s.UseClustering();
                    s.ProvisionSchema();
                });
            }
            else
            {
                q.UseInMemoryStore();
            }
        });
        services.AddHostedService<SchedulerLifetime>();
        return services;
    }

    /// <summary>Every minute: the districts whose records changed are scanned again (usually none, at the cost of two probes each).</summary>
    public const string ChangesCron = "0 * * * * ?";

    /// <summary>
    /// The one way a scheduled job gets its trigger: a cron in Asia/Shanghai, a missed firing run once. A schedule of "off"
    /// leaves the job without a trigger (the test hosts, which run the jobs when they ask).
    /// </summary>
    public static void AddCron(IQuartzBuilder q, JobKey job, string name, string cron)
    {
        if (!string.Equals(cron, "off", StringComparison.OrdinalIgnoreCase))
        {
            q.AddTrigger(t => t.ForJob(job).WithIdentity(name, job.Group)
                .WithCronSchedule(cron, c => c.InTimeZone(China).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
        }
    }

    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
}

/// <summary>
/// Scans every district. A district whose scan fails is recorded as a failed <see cref="GapScan"/> (the admin sees it) and the
/// others still run; the next night's run, or the office's own scan, retries it. Never two at once in one cluster.
/// </summary>
[DisallowConcurrentExecution]
public sealed class GapScanJob(GapScanner scanner) : IJob
{
    public static readonly JobKey Key = new("gap-scan", "gaps");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var failed = await scanner.ScanAllAsync("nightly", cancellationToken);
        if (failed > 0)
        {
            throw new JobExecutionException($"The gap scan failed in {failed} district(s); see the gap scans.");
        }
    }
}

/// <summary>
/// The incremental scan (<see cref="GapScanner.ScanChangedAsync"/>): a change shows in the gap lists within a minute instead of
/// the next night. Never two at once in one cluster; a failed district is recorded and tried again the next minute.
/// </summary>
[DisallowConcurrentExecution]
public sealed class GapChangesJob(GapScanner scanner) : IJob
{
    public static readonly JobKey Key = new("gap-scan-changes", "gaps");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await scanner.ScanChangedAsync("changes", cancellationToken);
}

/// <summary>
/// Starts the scheduler with the node and stops it with the node: a stopping node lets a running job finish, but never waits longer
/// than the host's shutdown timeout (<c>Host:ShutdownTimeoutSeconds</c>). Quartz's own hosted service awaits the whole of the
/// scheduler's shutdown, whose cancellation (Quartz's documentation) bounds only the wait for running jobs: the rest — the job
/// store told, its cluster manager and misfire handler stopped — always runs to its end, and with a database that does not answer
/// (a PostgreSQL pair stopped) that end depends on the store's own retries. Here the host stops waiting at its timeout whatever
/// the scheduler still does; a job given up on fires again at its next time, on any node.
/// </summary>
public sealed class SchedulerLifetime(ISchedulerFactory schedulers, ILogger<SchedulerLifetime> logger) : IHostedService
{
    private IScheduler? _scheduler;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _scheduler = await schedulers.GetScheduler(cancellationToken);
        await _scheduler.Start(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_scheduler is not { } scheduler)
        {
            return;
        }
        var stopping = ShutdownAsync(scheduler, cancellationToken);
        try
        {
            await stopping.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The scheduler had not stopped at the shutdown timeout (a job still running, or its database unreachable); the node stops without waiting for it.");
        }
    }

    private static async Task ShutdownAsync(IScheduler scheduler, CancellationToken cancellationToken) =>
        await scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
}
