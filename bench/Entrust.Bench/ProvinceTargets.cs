using System.Diagnostics;
using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Targets;

namespace Entrust.Bench;

/// <summary>
/// What issue 5 adds to the province: 500,000 regulated targets, 2,000 per township in the bench district (50,000: what a
/// random draw over a whole district's register is measured on) and the rest spread evenly (about 460 each), in the kinds and proportions a
/// township keeps (restaurants and individual businesses most, then enterprises and 农家乐, a few mines and fireworks
/// sellers, road sections and forest areas); most licensed businesses carry a valid credit code unique in the province;
/// one in twenty has complaints, one in thirty is on the abnormal-operations list, and one in five hundred is a duplicate
/// merged into its neighbour. Generated township by township and saved in batches, so memory stays flat.
/// </summary>
internal static class ProvinceTargets
{
    public const int Targets = 500_000;
    public const int BenchDistrictTargets = 50_000;
    private const int Batch = 10_000;
    private static readonly DateTimeOffset RegisteredAt = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    // Kind, weight (per thousand), whether a credit code is likely, name suffixes.
    private static readonly (TargetKind Kind, int Weight, bool Licensed, string[] Suffixes)[] Mix =
    [
        (TargetKind.Restaurant, 280, true, ["饭店", "火锅店", "面馆", "豆花饭", "中餐馆", "烤鱼店", "小吃店"]),
        (TargetKind.IndividualBusiness, 200, true, ["便利店", "五金店", "农资店", "理发店", "药店", "副食店"]),
        (TargetKind.Enterprise, 120, true, ["机械有限公司", "建材有限公司", "食品有限公司", "农业开发有限公司", "物流有限公司"]),
        (TargetKind.FarmStay, 100, true, ["农家乐", "山庄", "农庄"]),
        (TargetKind.RoadSection, 60, false, ["通村公路", "场镇主街", "县道段"]),
        (TargetKind.ForestArea, 40, false, ["林区", "生态公益林"]),
        (TargetKind.ConstructionSite, 40, true, ["安置房建设工地", "道路改造工地"]),
        (TargetKind.PublicPlace, 40, true, ["农贸市场", "网吧", "文化广场"]),
        (TargetKind.FireworksSeller, 30, true, ["烟花爆竹零售点", "烟花爆竹经营部"]),
        (TargetKind.SchoolCanteen, 20, true, ["小学食堂", "中学食堂", "幼儿园食堂"]),
        (TargetKind.RiverSection, 20, false, ["河段"]),
        (TargetKind.NonCoalMine, 15, true, ["石灰岩矿", "砂岩矿", "采石场"]),
        (TargetKind.CoalMine, 5, true, ["煤矿"]),
        (TargetKind.Other, 30, false, ["其他场所"]),
    ];

    public static async Task SaveAsync(DatabaseProvider provider, string connectionString, Random random,
        IReadOnlyList<District> districts, IReadOnlyList<Township> townships, Stopwatch clock)
    {
        var started = clock.ElapsedMilliseconds;
        var total = 0;
        foreach (var batch in Make(random, districts, townships).Chunk(Batch))
        {
            await using var db = BenchDatabase.Unaudited(provider, connectionString);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Targets.AddRange(batch);
            await db.SaveChangesAsync();
            total += batch.Length;
        }
        Console.WriteLine($"{"targets",-13} {clock.ElapsedMilliseconds - started,6} ms  {total,6} rows");
    }

    public static IEnumerable<Target> Make(Random random, IReadOnlyList<District> districts, IReadOnlyList<Township> townships)
    {
        var regionOf = districts.ToDictionary(d => d.Id, d => d.Code);
        var weights = Mix.Sum(m => m.Weight);
        var serial = 0;
        var bench = districts.Single(d => d.Code == ProvinceNames.BenchDistrictCode).Id;
        var benchTownships = townships.Count(t => t.DistrictId == bench);
        var others = townships.Where(t => t.DistrictId != bench).Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i);
        for (var n = 0; n < townships.Count; n++)
        {
            var township = townships[n];
            var count = township.DistrictId == bench ? BenchDistrictTargets / benchTownships
                : (Targets - BenchDistrictTargets) / others.Count + (others[township.Id] < (Targets - BenchDistrictTargets) % others.Count ? 1 : 0);
            var villages = Enumerable.Range(0, 12).Select(_ => ProvinceNames.PlaceFirst[random.Next(ProvinceNames.PlaceFirst.Length)]
                + ProvinceNames.PlaceSecond[random.Next(ProvinceNames.PlaceSecond.Length)] + "村").Distinct().ToArray();
            Target? previous = null;
            for (var i = 0; i < count; i++)
            {
                var pick = random.Next(weights);
                var mix = Mix.First(m => (pick -= m.Weight) < 0);
                var village = villages[random.Next(villages.Length)];
                var person = ProvinceNames.Surnames[random.Next(ProvinceNames.Surnames.Length)].Hanzi
                    + ProvinceNames.GivenChars[random.Next(ProvinceNames.GivenChars.Length)].Hanzi;
                var name = mix.Licensed
                    ? $"{township.Name}{village}{person[..1]}记{mix.Suffixes[random.Next(mix.Suffixes.Length)]}"
                    : $"{township.Name}{village}{mix.Suffixes[random.Next(mix.Suffixes.Length)]}";
                // Serial in the name: targets of one village and kind are told apart, as the office's register does (一、二…号).
                name += $"{i + 1}号";
                var code = mix.Licensed && random.Next(10) < 7 ? Code(mix.Kind, regionOf[township.DistrictId], serial++) : null;
                var risk = mix.Kind is TargetKind.CoalMine or TargetKind.NonCoalMine or TargetKind.FireworksSeller ? RiskLevel.High
                    : random.Next(10) switch { < 6 => RiskLevel.Low, < 9 => RiskLevel.Medium, _ => RiskLevel.High };
                var target = new Target(township.DistrictId, township.Id, new TargetFields(name, mix.Kind, $"{township.Name}{village}{random.Next(1, 13)}组",
                    code, mix.Licensed ? person : null, mix.Licensed ? $"13{random.Next(100_000_000, 999_999_999)}" : null, risk,
                    random.Next(20) == 0, random.Next(30) == 0), RegisteredAt.AddMinutes(i));
                if (i % 500 == 499 && previous is not null)
                {
                    target.MergeInto(previous, RegisteredAt.AddDays(90));
                }
                previous = target;
                yield return target;
            }
        }
    }

    /// <summary>A valid code of the district's region: 91 (enterprise), 92 (individual business) or 12 (school), then the serial.</summary>
    private static string Code(TargetKind kind, string region, int serial)
    {
        const string charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var prefix = kind switch { TargetKind.SchoolCanteen => "12", TargetKind.Enterprise or TargetKind.CoalMine or TargetKind.NonCoalMine => "91", _ => "92" };
        var body = new char[7];
        for (var (i, v) = (6, serial + 1_000_000L); i >= 0; i--, v /= 31)
        {
            body[i] = charset[(int)(v % 31)];
        }
        var first17 = prefix + region + "MA" + new string(body);
        return first17 + CreditCodes.CheckCharacterOf(first17);
    }
}
