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
            q.AddTrigger(t => t.ForJob(GapScanJob.Key).WithIdentity("gap-scan-nightly", "gaps")
                .WithCronSchedule(config["Gaps:ScanCron"] ?? DefaultCron, c => c.InTimeZone(China).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            Meetings.MeetingScheduleJob.Add(q, config);
            Reports.ReportScheduleJob.Add(q, config);
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
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
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
