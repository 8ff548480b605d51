using Entrust.Web.Data;
using Entrust.Web.Features.Calendar;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Reports;
using Entrust.Web.Platform;

namespace Entrust.Web.Features.Demo;

/// <summary>
/// 歇马镇's monthly reports (委托执法报表) of the first half of 2026, compiled from the demo's records, submitted by the township on the
/// third working day of the next month and acknowledged by each department two days later. Only months with an agreement in force
/// have reports: the demo's agreements with 歇马镇 run from 2026-05-01, so January to April have none. The current month's reports
/// open as drafts when first listed (<see cref="ReportBook.OpenMonthAsync"/>).
/// </summary>
public sealed class DemoReports(EntrustDbContext db, TimeProvider clock, ReferenceCache cache)
{
    private const string Submitter = "town.xiema";

    public async Task LoadAsync(District district, IReadOnlyDictionary<string, Township> townships, IReadOnlyDictionary<string, Department> departments,
        CancellationToken ct)
    {
        var xiema = townships["歇马镇"];
        var calendars = new HolidayCalendar(db, cache);
        var calendar = await calendars.ForDistrictAsync(district.Id, ct);
        var figures = new ReportFigures(db, calendars, clock);
        var names = departments.Values.ToDictionary(d => d.Id, d => d.Name);
        var today = clock.TodayInChina();
        foreach (var month in Month.Range(new Month(2026, 1), new Month(2026, 6)))
        {
            var submittedOn = calendar.AddWorkingDays(month.Next.FirstDay.AddDays(-1), 3);
            var acknowledgedOn = calendar.AddWorkingDays(submittedOn, 2);
            if (acknowledgedOn >= today)
            {
                continue;
            }
            var due = month.DueDay(calendar, ReportSettings.DefaultDueWorkingDay);
            var scope = new FigureScope(district.Id, month.FirstDay, month.LastDay, [xiema.Id]);
            var compiled = await figures.ComputeAsync(scope, ct);
            foreach (var pair in await figures.PairsAsync(scope, ct))
            {
                var report = new MonthlyReport(district.Id, pair.TownshipId, pair.DepartmentId, month);
                var lines = compiled.GetValueOrDefault(pair, Figures.Empty).Lines;
                var at = new DateTimeOffset(submittedOn.ToDateTime(new TimeOnly(17, 0)), TimeSpan.FromHours(8));
                report.Submit(Remarks(names[pair.DepartmentId], month), System.Text.Json.JsonSerializer.Serialize(lines, ReportBook.SnapshotJson),
                    Submitter, at, submittedOn, due);
                report.Acknowledge("收悉。", names[pair.DepartmentId] + "法制科", acknowledgedOn);
                db.MonthlyReports.Add(report);
            }
        }
        await db.SaveChangesAsync(ct);
    }

    // The seed's problems, said where they belong: the powers the township asked for, and its thin and changing staff.
    private static string Remarks(string department, Month month) => department switch
    {
        "区林业局" => "镇急需的森林防火处罚权限尚未纳入试点范围，已于6月报请区政府研究。",
        "区城乡建委" => "场镇市政设施损坏、占道经营问题突出，市政管理处罚权尚未委托，已报请研究。",
        _ when month.Number == 5 => "委托协议自5月1日起施行，本月以熟悉事项、建立台账为主。",
        _ => "本月委托执法工作正常开展。执法人员少、事多，部分专业性较强的事项仍需部门现场指导。",
    };
}
