using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Targets;

namespace Entrust.Web.Features.Demo;

/// <summary>
/// 歇马镇's regulated targets, the ones the seed's first half-year inspects: 84 food establishments (restaurants,
/// 农家乐, school canteens), 8 fireworks sellers, 2 coal and 4 non-coal mines, 12 road sections, forest areas, river
/// sections, enterprises with their credit codes, a few individual businesses and public places; some with complaints or
/// on the abnormal-operations list. 天生街道 has a handful of its own. Every run makes the same names, codes and flags.
/// </summary>
public sealed class DemoTargets(EntrustDbContext db)
{
    /// <summary>When the demo's targets were registered: before the half-year's first inspection.</summary>
    public static readonly DateTimeOffset RegisteredAt = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    // 歇马镇's 场镇 communities and villages.
    private static readonly string[] Communities = ["歇马社区", "桥头社区"];
    private static readonly string[] Streets = ["歇马场镇正街", "歇马场镇新街", "歇马老街", "桥头街", "歇马镇文化路"];
    private static readonly string[] Villages = ["卫星村", "龙车村", "虎头村", "永庆村", "板栗村", "大坪村", "天马村", "凉水村", "磨滩村", "双塘村"];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "冉", "谭", "向", "何", "罗"];
    private static readonly string[] GivenNames = ["德明", "桂兰", "建国", "春梅", "志强", "小红", "国华", "玉珍", "永福", "秀英", "大勇", "海燕"];

    private static readonly string[] RestaurantOwners =
        ["张记", "李二嬢", "老王家", "刘三", "胖妹", "何记", "歇马老街", "桥头", "陈氏", "冉家", "老谭", "向嬢嬢", "黄记", "周师傅", "罗家", "吴记"];
    private static readonly string[] RestaurantDishes =
        ["豆花饭", "羊肉汤锅", "面馆", "火锅", "烧鸡公", "冷锅鱼", "家常菜", "蹄花汤", "小面", "中餐馆", "烤鱼", "串串香", "酸菜鱼", "抄手", "卤菜馆"];

    private static readonly string[] FarmStayThemes =
        ["荷塘", "竹林", "桃花源", "田园", "枇杷园", "农家小院", "柴火鸡", "鱼塘", "葡萄园", "山泉", "柚子林", "稻香", "李子园", "老院子", "樱桃沟"];
    private static readonly string[] FarmStaySuffixes = ["农家乐", "山庄", "农庄"];

    private static readonly string[] Schools =
        ["北碚区歇马小学", "北碚区歇马初级中学", "北碚区歇马镇卫星小学", "北碚区歇马镇龙车小学", "北碚区歇马镇永庆小学",
         "北碚区歇马镇中心幼儿园", "北碚区歇马镇桥头幼儿园", "北碚区职业教育中心歇马校区"];

    private static readonly string[] FireworksSellers =
        ["歇马场镇红运烟花爆竹零售点", "桥头社区吉祥烟花爆竹店", "卫星村平安烟花爆竹零售点", "龙车村鸿福烟花爆竹经营部",
         "虎头村兴旺烟花爆竹店", "永庆村喜庆烟花爆竹零售点", "板栗村福满堂烟花爆竹经营部", "歇马镇鑫盛烟花爆竹批发部"];

    private int _serial;

    public async Task LoadAsync(District district, IReadOnlyDictionary<string, Township> townships, CancellationToken ct)
    {
        var xiema = townships["歇马镇"];
        var tiansheng = townships["天生街道"];
        var targets = new List<Target>();
        Target Add(Township township, string name, TargetKind kind, string address, string? code = null, RiskLevel risk = RiskLevel.Low,
            bool complaints = false, bool abnormal = false, bool contact = true)
        {
            var n = _serial++;
            var target = new Target(district.Id, township.Id, new TargetFields(name, kind, address, code,
                contact ? Surnames[n % Surnames.Length] + GivenNames[n * 5 % GivenNames.Length] : null,
                contact ? $"139{(n * 7919 + 2_308_153) % 100_000_000:D8}" : null, risk, complaints, abnormal), RegisteredAt);
            targets.Add(target);
            return target;
        }

        // 46 restaurants: the 场镇 streets first, then the villages; about half are registered 个体工商户 with a code.
        for (var i = 0; i < 46; i++)
        {
            var name = "歇马镇" + RestaurantOwners[i % RestaurantOwners.Length] + RestaurantDishes[(i * 7 + i / RestaurantOwners.Length) % RestaurantDishes.Length];
            var address = i < 30 ? $"{Streets[i % Streets.Length]}{i * 3 + 2}号" : $"{Villages[i % Villages.Length]}{i % 7 + 1}组";
            Add(xiema, name, TargetKind.Restaurant, address, i % 2 == 0 ? Code("92500109", i) : null,
                i % 9 == 4 ? RiskLevel.Medium : RiskLevel.Low, complaints: i is 7 or 23 or 38);
        }
        // 30 农家乐 in the villages.
        for (var i = 0; i < 30; i++)
        {
            var village = Villages[i % Villages.Length];
            var name = village + FarmStayThemes[(i * 4 + i / FarmStayThemes.Length) % FarmStayThemes.Length] + FarmStaySuffixes[i % FarmStaySuffixes.Length];
            Add(xiema, name, TargetKind.FarmStay, $"歇马镇{village}{i % 6 + 1}组", i % 3 == 0 ? Code("92500109", 100 + i) : null,
                i % 5 == 2 ? RiskLevel.Medium : RiskLevel.Low, complaints: i == 11, abnormal: i == 17);
        }
        // 8 school canteens, each run by its school (事业单位 codes).
        for (var i = 0; i < Schools.Length; i++)
        {
            var place = i < 2 ? $"{Streets[i + 1]}{40 + i * 10}号" : $"歇马镇{Villages[i - 2]}";
            Add(xiema, Schools[i] + "食堂", TargetKind.SchoolCanteen, place, Code("12500109", 200 + i), RiskLevel.Medium);
        }
        // The Spring Festival campaign's fireworks sellers.
        for (var i = 0; i < FireworksSellers.Length; i++)
        {
            var address = i < 2 ? $"{Streets[i]}{60 + i}号" : $"歇马镇{FireworksSellers[i][..3]}{i + 1}组";
            Add(xiema, FireworksSellers[i], TargetKind.FireworksSeller, i == 7 ? "歇马镇卫星村工业点8号" : address,
                Code(i == 7 ? "91500109" : "92500109", 300 + i), RiskLevel.High, complaints: i == 3);
        }
        // Mines.
        Add(xiema, "重庆市北碚区歇马镇龙车煤矿", TargetKind.CoalMine, "歇马镇龙车村9组", Code("91500109", 400), RiskLevel.High);
        Add(xiema, "重庆市北碚区天马煤矿", TargetKind.CoalMine, "歇马镇天马村5组", Code("91500109", 401), RiskLevel.High, abnormal: true);
        Add(xiema, "重庆市北碚区歇马镇虎头石灰岩矿", TargetKind.NonCoalMine, "歇马镇虎头村3组", Code("91500109", 402), RiskLevel.High);
        Add(xiema, "重庆市北碚区永庆建筑用砂岩矿", TargetKind.NonCoalMine, "歇马镇永庆村7组", Code("91500109", 403), RiskLevel.High);
        Add(xiema, "重庆市北碚区磨滩石英砂矿", TargetKind.NonCoalMine, "歇马镇磨滩村2组", Code("91500109", 404), RiskLevel.Medium);
        Add(xiema, "重庆市北碚区卫星页岩采石场", TargetKind.NonCoalMine, "歇马镇卫星村11组", Code("91500109", 405), RiskLevel.Medium);
        // Road sections (乡村道路执法 is entrusted to every township).
        (string Name, string Where)[] roads =
        [
            ("国道212线歇马段", "K18+200至K24+600"), ("歇马至澄江公路歇马段", "K0至K7+300"), ("歇马场镇正街", "场镇正街全段"),
            ("歇马场镇新街", "场镇新街全段"), ("卫星村通村公路", "卫星村村委会至8组"), ("龙车村通村公路", "龙车村村委会至龙车寺"),
            ("虎头村至永庆村公路", "虎头村3组至永庆村1组"), ("板栗村通组公路", "板栗村2组至6组"), ("歇马至龙凤桥公路歇马段", "K0至K5+800"),
            ("歇马至施家梁公路歇马段", "K0至K6+100"), ("凉水村通村公路", "凉水村村委会至4组"), ("天马村通村公路", "天马村村委会至天马煤矿"),
        ];
        foreach (var (name, where) in roads)
        {
            Add(xiema, name, TargetKind.RoadSection, "歇马镇" + where, risk: RiskLevel.Medium, contact: false);
        }
        // Forest areas (森林防火) and river sections.
        (string Name, string Where, RiskLevel Risk)[] places =
        [
            ("缙云山歇马片区林区", "歇马镇卫星村、龙车村交界", RiskLevel.High), ("虎头山林区", "歇马镇虎头村", RiskLevel.High),
            ("龙车寺林区", "歇马镇龙车村", RiskLevel.High), ("天马山林区", "歇马镇天马村", RiskLevel.Medium),
            ("板栗村生态公益林", "歇马镇板栗村", RiskLevel.Medium), ("大坪村集体林地", "歇马镇大坪村", RiskLevel.Low),
        ];
        foreach (var (name, where, risk) in places)
        {
            Add(xiema, name, TargetKind.ForestArea, where, risk: risk, contact: false);
        }
        Add(xiema, "梁滩河歇马段", TargetKind.RiverSection, "歇马镇磨滩村至双塘村", risk: RiskLevel.Medium, contact: false);
        Add(xiema, "磨滩河歇马段", TargetKind.RiverSection, "歇马镇磨滩村", contact: false);
        // Enterprises (环境保护, 安全生产), individual businesses, construction sites and public places.
        Add(xiema, "重庆歇马机械制造有限公司", TargetKind.Enterprise, "歇马镇卫星村工业点1号", Code("91500109", 500), RiskLevel.Medium);
        Add(xiema, "重庆市北碚区歇马建材有限公司", TargetKind.Enterprise, "歇马镇永庆村工业点3号", Code("91500109", 501), RiskLevel.Medium, complaints: true);
        Add(xiema, "重庆卫星食品有限公司", TargetKind.Enterprise, "歇马镇卫星村工业点5号", Code("91500109", 502));
        Add(xiema, "重庆龙车农业开发有限公司", TargetKind.Enterprise, "歇马镇龙车村6组", Code("91500109", 503), abnormal: true);
        Add(xiema, "重庆歇马页岩砖厂", TargetKind.Enterprise, "歇马镇虎头村8组", Code("91500109", 504), RiskLevel.High, complaints: true);
        Add(xiema, "北碚区歇马镇永庆生猪养殖场", TargetKind.Enterprise, "歇马镇永庆村4组", Code("91500109", 505), RiskLevel.Medium);
        Add(xiema, "重庆北碚歇马加油站", TargetKind.Enterprise, "歇马镇国道212线K20+100", Code("91500109", 506), RiskLevel.High);
        Add(xiema, "歇马镇惠农农资经营部", TargetKind.IndividualBusiness, "歇马场镇新街88号", Code("92500109", 600));
        Add(xiema, "歇马镇康宁大药房", TargetKind.IndividualBusiness, "歇马场镇正街15号", Code("92500109", 601));
        Add(xiema, "歇马镇诚信诊所", TargetKind.IndividualBusiness, "桥头街21号", Code("92500109", 602), abnormal: true);
        Add(xiema, "歇马镇安置房二期建设工地", TargetKind.ConstructionSite, "歇马镇桥头社区", Code("91500109", 700), RiskLevel.Medium);
        Add(xiema, "歇马镇农贸市场", TargetKind.PublicPlace, "歇马场镇正街2号", Code("91500109", 701), RiskLevel.Medium);
        Add(xiema, "歇马镇文化广场", TargetKind.PublicPlace, "歇马镇文化路1号", contact: false);

        // 天生街道: a few of the street's own.
        Add(tiansheng, "天生街道天生路小面馆", TargetKind.Restaurant, "天生路12号", Code("92500109", 800));
        Add(tiansheng, "天生街道好再来中餐馆", TargetKind.Restaurant, "天生路46号", complaints: true);
        Add(tiansheng, "北碚区天生小学食堂", TargetKind.SchoolCanteen, "天生路88号", Code("12500109", 801), RiskLevel.Medium);
        Add(tiansheng, "天生街道吉祥烟花爆竹零售点", TargetKind.FireworksSeller, "云华路7号", Code("92500109", 802), RiskLevel.High);
        Add(tiansheng, "天生街道星空网吧", TargetKind.PublicPlace, "云华路33号", Code("92500109", 803));
        Add(tiansheng, "天生街道旧城改造建设工地", TargetKind.ConstructionSite, "天生路北段", Code("91500109", 804), RiskLevel.Medium);

        db.Targets.AddRange(targets);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A valid credit code: the given first eight characters, "MA" and seven more from <paramref name="n"/>, and the check character.</summary>
    public static string Code(string first8, int n)
    {
        const string charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var body = new char[7];
        var v = 4_500_000_000L + n * 37_813_031L;
        for (var i = 6; i >= 0; i--)
        {
            body[i] = charset[(int)(v % 31)];
            v /= 31;
        }
        var first17 = first8 + "MA" + new string(body);
        return first17 + CreditCodes.CheckCharacterOf(first17);
    }
}
