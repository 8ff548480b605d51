using Entrust.Web.Data;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Calendar;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Officers;
using Entrust.Web.Features.RandomInspections;
using Entrust.Web.Features.Targets;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Demo;

/// <summary>
/// The seed's random-inspection plan: 区食药监局 draws 10 % of 歇马镇's food establishments (restaurants, 农家乐, school
/// canteens; complaints and abnormal listings weighted 2×) for its food-safety inspection matter 198-06, with 歇马镇's
/// officers certified for food hygiene as the pool, one of them recused from one restaurant. Drawn on 1 September 2026 with a
/// fixed seed, so every demo shows the same draw and verifies; six results recorded, five published, one of them late, and
/// one recorded but still unpublished past its deadline.
/// </summary>
public sealed class DemoRandomInspections(EntrustDbContext db, TimeProvider clock, ReferenceCache cache)
{
    public const ulong Seed = 0x5EED_2026_0901_0198;
    public const string PlanName = "2026年下半年餐饮服务食品安全双随机抽查";
    public static readonly DateOnly DrawDay = new(2026, 9, 1);

    public async Task LoadAsync(District district, IReadOnlyDictionary<string, Township> townships, IReadOnlyDictionary<string, Department> departments,
        CancellationToken ct)
    {
        var xiema = townships["歇马镇"];
        var syj = departments["SYJ"];
        var matter = await db.Matters.IgnoreQueryFilters().SingleAsync(m => m.DistrictId == district.Id && m.Code == "198-06", ct);
        var certificates = await db.Certificates.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.TownshipId == xiema.Id && c.State == CertificateState.Active).Select(c => new { c.OfficerId, c.Domains }).ToListAsync(ct);
        var pool = certificates.Where(c => c.Domains.Contains(matter.Domain)).Select(c => c.OfficerId).Distinct().Order().ToList();
        var restaurant = await db.Targets.IgnoreQueryFilters().Where(t => t.TownshipId == xiema.Id && t.Kind == TargetKind.Restaurant)
            .OrderBy(t => t.Name).FirstAsync(ct);
        db.OfficerConflicts.Add(new OfficerConflict(district.Id, pool[0], restaurant.Id, xiema.Id, "系该餐馆经营者的近亲属（申请回避，已批准）",
            DrawDay.AddDays(-7), "office"));
        var plan = new RandomPlan(district.Id, syj.Id, new RandomPlanFields(PlanName, matter.Id, [xiema.Id],
            [TargetKind.Restaurant, TargetKind.FarmStay, TargetKind.SchoolCanteen], null, 0.10m, null, 2, 2, pool, 20),
            new DateTimeOffset(2026, 8, 25, 9, 0, 0, TimeSpan.FromHours(8)));
        db.RandomPlans.Add(plan);
        await db.SaveChangesAsync(ct);

        var calendar = new HolidayCalendar(db, cache);
        var book = new RandomPlanBook(db, CurrentUser.System, clock, new OfficerPowers(db, new Entitlements(db, cache), cache), calendar);
        await book.DrawAsync(plan.Id, ct, Seed, DrawDay);

        var assignments = await db.RandomAssignments.IgnoreQueryFilters().Where(a => a.PlanId == plan.Id).OrderBy(a => a.Order).ToListAsync(ct);
        (int Day, InspectionOutcome Result, string Summary, int? PublishedAfter)[] results =
        [
            (8, InspectionOutcome.NoProblem, "证照齐全，从业人员健康证有效，后厨卫生良好。", 10),
            (9, InspectionOutcome.RectificationOrdered, "冷藏柜生熟混放，责令三日内整改。", 12),
            (10, InspectionOutcome.NoProblem, "未发现问题。", 50),   // published late: 50 days is past 20 working days
            (15, InspectionOutcome.NoProblem, "食品留样记录完整。", 8),
            (16, InspectionOutcome.RectificationOrdered, "部分从业人员健康证过期，责令整改。", 14),
            (22, InspectionOutcome.NoProblem, "未发现问题。", null), // recorded, never published: past its deadline
        ];
        for (var i = 0; i < results.Length && i < assignments.Count; i++)
        {
            var (day, result, summary, publishedAfter) = results[i];
            var inspectedOn = new DateOnly(2026, 9, day);
            assignments[i].RecordResult(inspectedOn, result, summary, clock.TodayInChina(), DrawDay);
            if (publishedAfter is { } after)
            {
                assignments[i].Publish(inspectedOn.AddDays(after), clock.TodayInChina());
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
