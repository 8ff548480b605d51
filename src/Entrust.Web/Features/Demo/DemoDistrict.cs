using System.Text.Json;
using Entrust.Web.Data;
using Entrust.Web.Features.Accounts;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Calendar;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Scope;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Demo;

/// <summary>
/// The demo district from the seed report: 北碚区 with its 17 townships and streets, 歇马镇 the only pilot,
/// the 13 departments of 市政府198号令 with the 14 powers it covers, the 4 areas entrusted district-wide,
/// 歇马镇's docking offices, the 2025 and 2026 holiday schedules, the 2026 qualification drive
/// (<see cref="DemoQualification"/>), the half-year's inspections and penalty cases (<see cref="DemoCases"/>), 歇马镇's monthly
/// reports (<see cref="DemoReports"/>), the 2026 assessment in progress (<see cref="DemoAssessment"/>) and one account
/// per role.
/// </summary>
public sealed class DemoDistrict(EntrustDbContext db, UserManager<AppUser> users, TimeProvider clock, ReferenceCache cache)
{
    public const string DistrictCode = "500109";
    public const string DefaultPassword = "Entrust2026";

    /// <summary>The demo's agreements as recorded at the time: each step on its own day, the last of them on 28 April 2026.</summary>
    private static readonly DateOnly Recorded = new(2026, 4, 28);

    public static readonly string[] AccountNames =
        ["admin", "office", "dept.safety", "dept.forestry", "town.xiema", "town.tiansheng", "officer.xiema", "auditor"];

    public static string Password(IConfiguration config) =>
        config["ENTRUST_DEMO_PASSWORD"] is { Length: > 0 } p ? p : DefaultPassword;

    private static readonly (string Code, string Name, TownshipKind Kind)[] TownshipList =
    [
        ("001", "天生街道", TownshipKind.Street), ("002", "朝阳街道", TownshipKind.Street), ("003", "北温泉街道", TownshipKind.Street),
        ("004", "龙凤桥街道", TownshipKind.Street), ("005", "东阳街道", TownshipKind.Street), ("101", "蔡家岗镇", TownshipKind.Town),
        ("102", "童家溪镇", TownshipKind.Town), ("103", "施家梁镇", TownshipKind.Town), ("104", "澄江镇", TownshipKind.Town),
        ("105", "水土镇", TownshipKind.Town), ("106", "复兴镇", TownshipKind.Town), ("107", "三圣镇", TownshipKind.Town),
        ("108", "天府镇", TownshipKind.Town), ("109", "静观镇", TownshipKind.Town), ("110", "柳荫镇", TownshipKind.Town),
        ("111", "金刀峡镇", TownshipKind.Town), ("112", "歇马镇", TownshipKind.Town),
    ];

    private static readonly (string Code, string Name)[] DepartmentList =
    [
        ("GA", "区公安分局"), ("AJ", "区安监局"), ("HB", "区环保局"), ("LY", "区林业局"), ("SYJ", "区食药监局"),
        ("WS", "区卫生局"), ("NW", "区农委"), ("JT", "区交通局"), ("GT", "区国土房管局"), ("SL", "区水利局"),
        ("WG", "区文广新局"), ("JW", "区城乡建委"), ("JS", "区人口计生委"),
    ];

    /// <summary>The full legal name the documents carry: 重庆市北碚区林业局; the police branch is the city bureau's (重庆市公安局北碚区分局).</summary>
    private static string LegalNameOf(string code, string name) => code == "GA" ? "重庆市公安局北碚区分局" : "重庆市北碚" + name;

    // Department code, matter code, name, domain, kind, law, article, entrustability.
    private static readonly (string Dept, string Code, string Name, string Domain, MatterKind Kind, string Law, string Article, Entrustability Scope)[] MatterList =
    [
        ("GA", "198-01", "烟花爆竹燃放安全检查", "public-security", MatterKind.Inspection, "烟花爆竹安全管理条例", "第三十二条", Entrustability.PilotOnly),
        ("AJ", "198-02", "煤矿、非煤矿山安全生产检查", "work-safety", MatterKind.Inspection, "中华人民共和国安全生产法", "第六十五条", Entrustability.PilotOnly),
        ("HB", "198-03", "排污单位环境保护现场检查", "environment", MatterKind.Inspection, "中华人民共和国环境保护法", "第二十四条", Entrustability.PilotOnly),
        ("LY", "198-04", "森林防火检查", "forestry", MatterKind.Inspection, "森林防火条例", "第二十四条", Entrustability.PilotOnly),
        ("LY", "198-05", "对滥伐林木行为的处罚", "forestry", MatterKind.Penalty, "中华人民共和国森林法", "第七十六条", Entrustability.PilotOnly),
        ("SYJ", "198-06", "餐饮服务食品安全监督检查", "food-hygiene", MatterKind.Inspection, "中华人民共和国食品安全法", "第一百一十条", Entrustability.PilotOnly),
        ("WS", "198-07", "公共场所卫生监督检查", "public-health", MatterKind.Inspection, "公共场所卫生管理条例", "第十条", Entrustability.PilotOnly),
        ("NW", "198-08", "农药经营使用监督检查", "agriculture", MatterKind.Inspection, "农药管理条例", "第四十一条", Entrustability.PilotOnly),
        ("JT", "198-09", "公路路政巡查", "road-traffic", MatterKind.Inspection, "中华人民共和国公路法", "第六十九条", Entrustability.PilotOnly),
        ("GT", "198-10", "违法占用土地行为检查", "land", MatterKind.Inspection, "中华人民共和国土地管理法", "第六十七条", Entrustability.PilotOnly),
        ("SL", "198-11", "河道采砂监督检查", "water", MatterKind.Inspection, "中华人民共和国水法", "第三十九条", Entrustability.PilotOnly),
        ("WG", "198-12", "文化市场经营活动检查", "culture", MatterKind.Inspection, "娱乐场所管理条例", "第三十五条", Entrustability.PilotOnly),
        ("JW", "198-13", "违法建设行为检查", "construction", MatterKind.Inspection, "中华人民共和国城乡规划法", "第六十四条", Entrustability.PilotOnly),
        ("JS", "198-14", "流动人口计划生育检查", "family-planning", MatterKind.Inspection, "流动人口计划生育工作条例", "第十八条", Entrustability.PilotOnly),
        ("SYJ", "QQ-01", "药品经营使用质量监督检查", "drugs", MatterKind.Inspection, "中华人民共和国药品管理法", "第九十九条", Entrustability.DistrictWide),
        ("JS", "QQ-02", "对违反计划生育规定行为的处罚", "family-planning", MatterKind.Penalty, "中华人民共和国人口与计划生育法", "第四十一条", Entrustability.DistrictWide),
        ("JT", "QQ-03", "乡村道路交通违法行为的处罚", "road-traffic", MatterKind.Penalty, "中华人民共和国道路交通安全法", "第九十条", Entrustability.DistrictWide),
        ("AJ", "QQ-04", "生产经营单位安全生产检查", "work-safety", MatterKind.Inspection, "中华人民共和国安全生产法", "第六十五条", Entrustability.DistrictWide),
        ("AJ", "AJ-09", "查封、扣押不符合安全生产标准的设施设备", "work-safety", MatterKind.Coercive, "中华人民共和国安全生产法", "第六十五条第一款第四项", Entrustability.NotEntrusted),
        ("HB", "HB-21", "对超标排放污染物的处罚", "environment", MatterKind.Penalty, "中华人民共和国大气污染防治法", "第九十九条", Entrustability.NotEntrusted),
        // Powers the townships asked for that the decree left out (the seed: 森林防火, 市政管理).
        ("LY", "LY-12", "对森林防火期内违规野外用火的处罚", "forestry", MatterKind.Penalty, "森林防火条例", "第五十条", Entrustability.NotEntrusted),
        ("JW", "JW-07", "对损坏市政设施行为的处罚", "municipal", MatterKind.Penalty, "城市道路管理条例", "第四十二条", Entrustability.NotEntrusted),
    ];

    // 歇马镇's docking (科室对接制): which internal office answers for which department; 卫生 and 农委 did not dock.
    private static readonly Dictionary<string, string> XiemaDocking = new()
    {
        ["GA"] = "综治办",
        ["AJ"] = "综治办",
        ["JT"] = "综治办",
        ["HB"] = "经发办",
        ["LY"] = "经发办",
        ["GT"] = "经发办",
        ["SL"] = "经发办",
        ["SYJ"] = "社事办",
        ["JS"] = "社事办",
        ["WG"] = "社事办",
        ["JW"] = "城管办",
    };

    private static readonly string[] DistrictWideDepartments = ["SYJ", "JS", "JT", "AJ"];

    private const string Rights = """
        甲方负责对乙方实施委托事项进行业务指导、培训和监督，提供执法文书式样，及时通报法律法规的变化。
        乙方以甲方名义在委托范围内实施行政执法，按月向甲方报送委托执法月报，重大执法事项和专项行动由甲方牵头、乙方协助。
        乙方执法人员应当取得行政执法证件，执法时不少于两人并出示证件。
        """;

    private static readonly (string Name, string Leader)[] XiemaOffices =
        [("综治办", "王建国（副镇长）"), ("经发办", "李红梅（副镇长）"), ("社事办", "陈志强（副镇长）"), ("城管办", "刘德华（副镇长）")];

    /// <summary>Loads the demo district unless it is already there; answers whether it loaded.</summary>
    public async Task<bool> LoadAsync(string password, CancellationToken ct = default)
    {
        if (await db.Districts.IgnoreQueryFilters().AnyAsync(d => d.Code == DistrictCode, ct))
        {
            return false;
        }
        var district = new District(DistrictCode, "北碚区");
        db.Districts.Add(district);
        var townships = TownshipList.ToDictionary(t => t.Name,
            t => new Township(district.Id, DistrictCode + t.Code, t.Name, t.Kind, isPilot: t.Name == "歇马镇",
                legalName: "重庆市北碚区" + Township.GovernmentNameOf(t.Name, t.Kind)));
        db.Townships.AddRange(townships.Values);
        var departments = DepartmentList.ToDictionary(d => d.Code, d => new Department(district.Id, d.Code, d.Name, d.Name + "法制科", LegalNameOf(d.Code, d.Name)));
        db.Departments.AddRange(departments.Values);
        db.Matters.AddRange(MatterList.Select(m => new Matter(district.Id,
            new MatterFields(departments[m.Dept].Id, m.Code, m.Name, m.Domain, m.Kind, m.Law, m.Article, m.Scope))));
        db.InternalOffices.AddRange(XiemaOffices.Select(o => new InternalOffice(townships["歇马镇"], o.Name, o.Leader)));
        db.CalendarDays.AddRange(HolidaySchedules(district.Id));
        await db.SaveChangesAsync(ct);
        await AddEntrustmentAsync(district, townships, departments, ct);
        await new DemoQualification(db, clock).LoadAsync(district, townships, departments, ct);

        (string UserName, string DisplayName, string Role, Guid? Department, Guid? Township)[] accounts =
        [
            ("office", "区政府法制办", Roles.Office, null, null),
            ("dept.safety", "区安监局法制科", Roles.Department, departments["AJ"].Id, null),
            ("dept.forestry", "区林业局法制科", Roles.Department, departments["LY"].Id, null),
            ("town.xiema", "歇马镇综治办", Roles.Township, null, townships["歇马镇"].Id),
            ("town.tiansheng", "天生街道综治办", Roles.Township, null, townships["天生街道"].Id),
            ("officer.xiema", "张伟（歇马镇执法人员）", Roles.Officer, null, townships["歇马镇"].Id),
            ("auditor", "区政府督查室", Roles.Auditor, null, null),
        ];
        // officer.xiema is 张伟, the first of 歇马镇's comprehensive officers.
        var zhangWei = await db.Officers.IgnoreQueryFilters()
            .Where(o => o.TownshipId == townships["歇马镇"].Id && o.Name == "张伟").Select(o => o.Id).SingleAsync(ct);
        await CreateUserAsync(new AppUser { UserName = "admin", DisplayName = "系统管理员", Role = Roles.Admin }, password);
        foreach (var a in accounts)
        {
            await CreateUserAsync(new AppUser
            {
                UserName = a.UserName,
                DisplayName = a.DisplayName,
                Role = a.Role,
                DistrictId = district.Id,
                DepartmentId = a.Department,
                TownshipId = a.Township,
                OfficerId = a.UserName == "officer.xiema" ? zhangWei : null,
            }, password);
        }
        await new DemoTargets(db).LoadAsync(district, townships, ct);
        await new DemoInspections(db).LoadAsync(district, townships, departments, ct);
        await new DemoCases(db, cache).LoadAsync(district, townships, ct);
        await new DemoRandomInspections(db, clock, cache).LoadAsync(district, townships, departments, ct);
        await new DemoReports(db, clock, cache).LoadAsync(district, townships, departments, ct);
        await new DemoMeetings(db).LoadAsync(district, townships, departments, ct);
        await new DemoAssessment(db, clock).LoadAsync(district, townships, departments, ct);
        return true;
    }

    /// <summary>
    /// The seed's state of entrustment: the decree; the four district-wide areas entrusted to all 17 townships;
    /// 11 departments' agreements with 歇马镇 signed on 26 April and published; 卫生 and 农委's still awaiting review;
    /// 歇马镇's docking; two pending scope requests.
    /// </summary>
    private async Task AddEntrustmentAsync(District district, Dictionary<string, Township> townships, Dictionary<string, Department> departments,
        CancellationToken ct)
    {
        db.Decrees.Add(new Decree(district.Id, "市政府198号令", "改革乡镇执法监管强化公共服务试点办法", new DateOnly(2025, 11, 30)));
        var matters = await db.Matters.IgnoreQueryFilters().Where(m => m.DistrictId == district.Id).ToListAsync(ct);
        var xiema = townships["歇马镇"];
        var number = 0;
        Agreement Draft(Department department, Township township, DateOnly start, IEnumerable<Matter> entrusted) =>
            new(department, township, $"北碚委托〔2026〕{++number}号",
                new AgreementTerms(AgreementMode.Entrustment, null, start, start.AddYears(3).AddDays(-1), Rights, 20000m, "每年由区财政随部门预算拨付",
                    true, true, true),
                entrusted.Select(m => (m, m.Kind == MatterKind.Inspection ? Authority.InspectionOnly
                    : m.Code == "QQ-03" ? Authority.SummaryPenalty : Authority.GeneralPenalty, (decimal?)null)));

        foreach (var code in DepartmentList.Select(d => d.Code))
        {
            var department = departments[code];
            var own = matters.Where(m => m.DepartmentId == department.Id && m.Entrustability != Entrustability.NotEntrusted).ToList();
            var agreement = Draft(department, xiema, new DateOnly(2026, 5, 1), own);
            agreement.Submit(new DateOnly(2026, 4, 15));
            if (code is not ("WS" or "NW"))
            {
                agreement.Review(new DateOnly(2026, 4, 20), "office", approved: true);
                agreement.Sign(new DateOnly(2026, 4, 26), Recorded, department.Name + "局长", "歇马镇镇长");
                agreement.Publish(new DateOnly(2026, 4, 28), Recorded, "北碚区人民政府网站、歇马镇政务公开栏");
                var office = db.InternalOffices.Local.First(o => o.TownshipId == xiema.Id && o.Name == XiemaDocking[code]);
                db.Dockings.Add(new Docking(district.Id, xiema.Id, department.Id, office.Id));
            }
            db.Agreements.Add(agreement);
        }
        foreach (var township in townships.Values.Where(t => !t.IsPilot).OrderBy(t => t.Code))
        {
            foreach (var code in DistrictWideDepartments)
            {
                var department = departments[code];
                var wide = matters.Where(m => m.DepartmentId == department.Id && m.Entrustability == Entrustability.DistrictWide);
                var agreement = Draft(department, township, new DateOnly(2026, 4, 1), wide);
                agreement.Submit(new DateOnly(2026, 3, 10));
                agreement.Review(new DateOnly(2026, 3, 15), "office", approved: true);
                agreement.Sign(new DateOnly(2026, 3, 20), Recorded, department.Name + "局长", township.Name + "主要负责人");
                agreement.Publish(new DateOnly(2026, 3, 25), Recorded, "北碚区人民政府网站");
                db.Agreements.Add(agreement);
            }
        }
        db.ScopeRequests.Add(new ScopeRequest(xiema, matters.First(m => m.Code == "LY-12").Id, "森林防火",
            "辖区林地面积大，森林防火期野外用火多发，区林业局执法力量难以及时到场。", new DateOnly(2026, 6, 15)));
        db.ScopeRequests.Add(new ScopeRequest(xiema, matters.First(m => m.Code == "JW-07").Id, "市政管理",
            "场镇市政设施损坏、占道经营问题突出，镇城管办需要相应处罚权。", new DateOnly(2026, 6, 15)));
        await db.SaveChangesAsync(ct);
    }

    private async Task CreateUserAsync(AppUser user, string password)
    {
        if (await users.FindByNameAsync(user.UserName!) is not null)
        {
            return;
        }
        user.IsDemo = true;
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Demo account {user.UserName}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }

    /// <summary>The State Council's 2025 and 2026 schedules (国办发明电〔2024〕12号 and the 2026 notice).</summary>
    public static IEnumerable<CalendarDay> HolidaySchedules(Guid districtId)
    {
        using var stream = typeof(DemoDistrict).Assembly.GetManifestResourceStream("Entrust.Web.Features.Demo.holidays-cn.json")!;
        using var json = JsonDocument.Parse(stream);
        foreach (var year in json.RootElement.GetProperty("years").EnumerateObject())
        {
            foreach (var day in year.Value.GetProperty("holidays").EnumerateArray())
            {
                yield return new CalendarDay(districtId, DateOnly.Parse(day.GetString()!), isWorkday: false);
            }
            foreach (var day in year.Value.GetProperty("workdays").EnumerateArray())
            {
                yield return new CalendarDay(districtId, DateOnly.Parse(day.GetString()!), isWorkday: true);
            }
        }
    }
}
