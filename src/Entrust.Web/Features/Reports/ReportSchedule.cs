using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Entrust.Web.Features.Reports;

/// <summary>
/// Every night, on the scheduler of the gap scan (Features/Gaps/GapSchedule.cs: in memory on SQLite, clustered on PostgreSQL), each
/// district's report drafts of this month and the last are opened (before, they opened only when someone listed the month) and the
/// reports not submitted after their due day are flagged late (<see cref="MonthlyReport.FlagLate"/>): the workbench counts them.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ReportScheduleJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("report-drafts", "reports");

    /// <summary>Every night at 02:15 in Asia/Shanghai, after the gap scan.</summary>
    public const string DefaultCron = "0 15 2 * * ?";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        List<Guid> districts;
        using (var scope = scopes.CreateScope())
        {
            districts = await scope.ServiceProvider.GetRequiredService<EntrustDbContext>().Districts.IgnoreQueryFilters().AsNoTracking()
                .Select(d => d.Id).ToListAsync(cancellationToken);
        }
        var failed = 0;
        foreach (var district in districts)
        {
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>()
                .ActAs(CurrentUser.ScheduledFor(district));
            try
            {
                await scope.ServiceProvider.GetRequiredService<ReportBook>().OpenAndFlagLateAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // One district's failure leaves the others to run; the next night retries it.
                failed++;
            }
        }
        if (failed > 0)
        {
            throw new JobExecutionException($"Opening the report drafts failed in {failed} district(s).");
        }
    }

    public static void Add(IQuartzBuilder q, IConfiguration config)
    {
        q.AddJob<ReportScheduleJob>(j => j.WithIdentity(Key).StoreDurably().WithDescription("Monthly report drafts and late flags"));
        Gaps.GapSchedule.AddCron(q, Key, "report-drafts-nightly", config["Reports:ScheduleCron"] ?? DefaultCron);
    }
}
