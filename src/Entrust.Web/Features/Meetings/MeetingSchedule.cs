using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Entrust.Web.Features.Meetings;

/// <summary>
/// Every morning, on the scheduler of the gap scan (Features/Gaps/GapSchedule.cs: in memory on SQLite, clustered on PostgreSQL), each
/// district's next monthly meeting is proposed on the office's usual day when none is planned for that month, and a planned monthly
/// meeting within the office's notice period (N working days) is notified: the members' workbench shows it from then on.
/// </summary>
[DisallowConcurrentExecution]
public sealed class MeetingScheduleJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("meeting-proposal", "meetings");

    /// <summary>Every day at 07:00 in Asia/Shanghai.</summary>
    public const string DefaultCron = "0 0 7 * * ?";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        List<Guid> districts;
        using (var scope = scopes.CreateScope())
        {
            districts = await scope.ServiceProvider.GetRequiredService<EntrustDbContext>().Districts.IgnoreQueryFilters().AsNoTracking()
                .Select(d => d.Id).ToListAsync(cancellationToken);
        }
        foreach (var district in districts)
        {
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>()
                .ActAs(CurrentUser.ScheduledFor(district));
            await scope.ServiceProvider.GetRequiredService<MeetingBook>().ProposeAndNotifyAsync(cancellationToken);
        }
    }

    public static void Add(IQuartzBuilder q, IConfiguration config)
    {
        q.AddJob<MeetingScheduleJob>(j => j.WithIdentity(Key).StoreDurably().WithDescription("Monthly meeting proposal and notice"));
        Gaps.GapSchedule.AddCron(q, Key, "meeting-proposal-daily", config["Meetings:ScheduleCron"] ?? DefaultCron);
    }
}
