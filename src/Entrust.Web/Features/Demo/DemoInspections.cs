using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Inspections;
using Entrust.Web.Features.Officers;
using Entrust.Web.Features.Targets;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Demo;

/// <summary>
/// 歇马镇's first half-year of inspections from the seed, as records: 25 forest-fire inspections, 6 environmental, a fireworks
/// campaign of 区公安分局 with 7 inspections (5 ordered to rectify: 3 completed and 1 escalated by re-inspection, 1 overdue),
/// 12 road patrols, 15 food-hygiene inspections covering all 84 food establishments, and 5 mine inspections.
/// <para>The seed dates the work January to June, but the demo's certificates were issued on 2026-06-01 (and the agreements
/// run from 2026-05-01): an inspection before then would be unlawful, so the half-year's work is dated in June 2026 and the
/// re-inspections in July. Two officers per inspection, chosen among 歇马镇's officers whose certificate covers the matter's
/// domain that day.</para>
/// </summary>
public sealed class DemoInspections(EntrustDbContext db)
{
    public const string CampaignName = "春节烟花爆竹安全专项行动";
    private const string RecordedBy = "town.xiema";
    public static readonly DateTimeOffset RecordedAt = new DateTimeOffset(2026, 7, 10, 18, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    private int _serial;

    public async Task LoadAsync(District district, IReadOnlyDictionary<string, Township> townships,
        IReadOnlyDictionary<string, Department> departments, CancellationToken ct)
    {
        var xiema = townships["歇马镇"];
        var matters = await db.Matters.IgnoreQueryFilters().Where(m => m.DistrictId == district.Id).ToDictionaryAsync(m => m.Code, ct);
        var officers = await db.Officers.IgnoreQueryFilters().Where(o => o.TownshipId == xiema.Id).OrderBy(o => o.Id).ToListAsync(ct);
        var certificates = await db.Certificates.IgnoreQueryFilters().Where(c => c.TownshipId == xiema.Id).ToListAsync(ct);
        var targets = await db.Targets.IgnoreQueryFilters().Where(t => t.TownshipId == xiema.Id && t.MergedIntoId == null)
            .OrderBy(t => t.Name).ToListAsync(ct);
        List<Target> Of(params TargetKind[] kinds) => [.. targets.Where(t => kinds.Contains(t.Kind))];

        // Two officers who may act personally (MayAct.Personally: in post that day, a certificate valid that day covering the
        // domain; 歇马镇 holds the matters by the demo's agreements); taken in turn.
        Guid[] Pair(Matter matter, DateOnly day)
        {
            var facts = new MatterFacts(matter.Id, matter.DistrictId, matter.DepartmentId, matter.Domain);
            var able = officers.Where(o => MayAct.Personally(o, [.. certificates.Where(c => c.OfficerId == o.Id)], facts, day) is null)
                .ToList();
            if (able.Count < 2)
            {
                throw new InvalidOperationException($"歇马镇 has fewer than two officers for {matter.Domain} on {day}.");
            }
            var n = _serial++;
            return [able[n % able.Count].Id, able[(n + 1) % able.Count].Id];
        }

        var inspections = new List<Inspection>();
        Inspection Add(Matter matter, DateOnly day, int hour, IEnumerable<Target> covered, string findings,
            InspectionResult result = InspectionResult.NoProblem, Campaign? campaign = null, Guid? reinspects = null)
        {
            var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 30)), TimeSpan.FromHours(8));
            var inspection = new Inspection(district.Id, xiema.Id, matter.Id, matter.DepartmentId,
                campaign is null ? InspectionKind.Routine : InspectionKind.Campaign, campaign?.Id, [], at, findings, result,
                covered.Select(t => t.Id), Pair(matter, day), RecordedAt, RecordedBy, reinspects);
            inspections.Add(inspection);
            return inspection;
        }
        static DateOnly June(int day) => new(2026, 6, day);

        // 林业: 25 forest-fire inspections over the forest areas, every working day or so in June.
        var forests = Of(TargetKind.ForestArea);
        for (var i = 0; i < 25; i++)
        {
            Add(matters["198-04"], June(2 + i), 9 + i % 6, [forests[i % forests.Count]],
                "防火通道畅通，防火警示牌齐全，未发现野外用火。");
        }
        // 环境保护: 6 inspections of enterprises.
        var enterprises = Of(TargetKind.Enterprise);
        for (var i = 0; i < 6; i++)
        {
            Add(matters["198-03"], June(3 + i * 4), 10, [enterprises[i % enterprises.Count]], "污染防治设施正常运行，排污台账齐全。");
        }
        // 区公安分局's fireworks campaign, 歇马镇 assisting: 7 sellers, 5 ordered to rectify.
        var campaign = new Campaign(district.Id, departments["GA"].Id, CampaignName, June(1), June(30), [matters["198-01"].Id], [xiema.Id],
            new DateTimeOffset(2026, 5, 25, 9, 0, 0, TimeSpan.FromHours(8)));
        db.Campaigns.Add(campaign);
        var sellers = Of(TargetKind.FireworksSeller);
        var orders = new List<RectificationOrder>();
        string[] requirements =
        [
            "超量存放烟花爆竹，限期清理至核定数量以内", "未配备灭火器材，限期配齐", "储存场所与居住场所未有效隔离，限期整改",
            "未张贴安全警示标志，限期张贴", "经营许可证未公示，限期悬挂公示",
        ];
        for (var i = 0; i < 7; i++)
        {
            var ordered = i < 5;
            var inspection = Add(matters["198-01"], June(5 + i * 3), 14, [sellers[i]],
                ordered ? "发现安全隐患：" + requirements[i] + "。" : "证照齐全，存放规范，消防器材完好。",
                ordered ? InspectionResult.RectificationOrdered : InspectionResult.NoProblem, campaign);
            if (ordered)
            {
                orders.Add(new RectificationOrder(inspection, sellers[i].Id, requirements[i], inspection.Day.AddDays(10)));
            }
        }
        // Re-inspections in July: three put right, one escalated to a case; the fifth is left open past its deadline (overdue).
        for (var i = 0; i < 4; i++)
        {
            var order = orders[i];
            var passed = i < 3;
            var reinspection = Add(matters["198-01"], order.Deadline.AddDays(1), 10, [sellers[i]],
                passed ? "复查：已按要求整改到位。" : "复查：逾期未整改，拟立案查处。",
                passed ? InspectionResult.NoProblem : InspectionResult.CaseToBeFiled, campaign, order.Id);
            order.Close(reinspection);
        }
        // 道路交通: 12 road patrols, one per road section.
        var roads = Of(TargetKind.RoadSection);
        for (var i = 0; i < 12; i++)
        {
            Add(matters["198-09"], June(2 + i * 2), 15, [roads[i % roads.Count]], "路面完好，无违法占道、堆放物品。");
        }
        // 食品卫生: 15 inspections covering all 84 restaurants, 农家乐 and school canteens, five or six at a time.
        var food = Of(TargetKind.Restaurant, TargetKind.FarmStay, TargetKind.SchoolCanteen);
        for (var i = 0; i < 15; i++)
        {
            var batch = food.Where((_, k) => k % 15 == i).ToList();
            Add(matters["198-06"], June(4 + i), 9, batch, "证照齐全，从业人员持健康证上岗，后厨卫生良好。");
        }
        // 煤矿、非煤矿山: 5 inspections.
        var mines = Of(TargetKind.CoalMine, TargetKind.NonCoalMine);
        for (var i = 0; i < 5; i++)
        {
            Add(matters["198-02"], June(8 + i * 5), 10, [mines[i]], "安全设施完好，安全管理台账齐全，未发现重大隐患。");
        }

        db.Inspections.AddRange(inspections);
        db.RectificationOrders.AddRange(orders);
        await db.SaveChangesAsync(ct);
    }
}
