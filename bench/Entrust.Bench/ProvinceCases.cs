using System.Diagnostics;
using Entrust.Web.Data;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Calendar;
using Entrust.Web.Features.Cases;
using Entrust.Web.Features.Officers;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Entrust.Bench;

/// <summary>
/// Issue 6's province on PostgreSQL: <see cref="Default"/> (one million) penalty cases, a thousand per township, filed from
/// 2024-01-01 to yesterday on the township's general-penalty matters by two of its officers, each carried through the
/// <see cref="Case"/> domain's own steps (so every row is one the law allows): the older ones to closing (a few transferred to
/// the judiciary), the recent ones stopped at every step from filing to delivery, some past their 90-day deadline. Plus
/// <see cref="BenchQueue"/> cases the bench township filed this month and has not begun investigating, on matters its
/// officers may act on today: bench/cases.sh investigates them through the API. Written with <see cref="PostgresCopy"/>.
/// </summary>
internal static class ProvinceCases
{
    public const int Default = 1_000_000;
    public const int BenchQueue = 30_000;
    private static readonly DateOnly First = new(2024, 1, 1);
    private static readonly DateOnly Today = ProvinceQualification.Today;
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴"];

    private sealed record Holding(Guid MatterId, Guid DepartmentId, Entitlement Entitlement);
    private sealed record Place(Guid DistrictId, Guid TownshipId, Holding[] Holdings, ActingOfficer[] Officers);

    public static async Task SaveAsync(string connectionString, int count, Stopwatch clock)
    {
        var started = clock.ElapsedMilliseconds;
        var places = await PlacesAsync(connectionString);
        var bench = await BenchTownship.LoadAsync(connectionString);
        var settings = CaseSettings.Defaults;
        var calendar = WorkingDayCalendar.Empty;
        var random = new Random(6);
        var perTownship = count / places.Count;
        var days = Today.DayNumber - First.DayNumber;

        await using var db = BenchDatabase.Unaudited(DatabaseProvider.Postgres, connectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var copy = new PostgresCopy(db, connection);
        var written = 0;
        var numbers = new Dictionary<(Guid, int), int>();
        string Number(Guid unit, DateOnly on)
        {
            var key = (unit, on.Year);
            numbers[key] = numbers.GetValueOrDefault(key) + 1;
            return $"委罚〔{on.Year}〕{numbers[key]}号";
        }

        foreach (var chunk in places.Chunk(50))
        {
            var cases = new List<Case>(chunk.Length * perTownship);
            foreach (var place in chunk)
            {
                for (var i = 0; i < perTownship; i++)
                {
                    var filedOn = First.AddDays((int)((long)i * days / perTownship) + random.Next(Math.Max(1, days / perTownship)));
                    var holding = place.Holdings[random.Next(place.Holdings.Length)];
                    var pair = Pair(random, place.Officers);
                    cases.Add(Carry(random, Filing(random, place, holding, Number(holding.Entitlement.ActingUnitId!.Value, filedOn), filedOn),
                        holding.Entitlement, pair, settings, calendar, Number));
                }
            }
            if (chunk.Any(p => p.TownshipId == bench.TownshipId))
            {
                var place = chunk.Single(p => p.TownshipId == bench.TownshipId);
                var officers = place.Officers.ToDictionary(o => o.OfficerId);
                var crews = bench.Crews.Where(c => place.Holdings.Any(h => h.MatterId == c.Matter)).ToList();
                for (var i = 0; i < BenchQueue; i++)
                {
                    var (matter, able) = crews[i % crews.Count];
                    var holding = place.Holdings.First(h => h.MatterId == matter);
                    var filedOn = Today.AddDays(-random.Next(1, 25));
                    var a = random.Next(able.Count);
                    var pair = new[] { officers[able[a]], officers[able[(a + 1 + random.Next(able.Count - 1)) % able.Count]] };
                    cases.Add(new Case(Filing(random, place, holding, Number(holding.Entitlement.ActingUnitId!.Value, filedOn), filedOn),
                        holding.Entitlement, pair, settings));
                }
            }
            await copy.WriteAsync(cases);
            await copy.WriteAsync(cases.SelectMany(c => c.Officers));
            await copy.WriteAsync(cases.SelectMany(c => c.Evidence));
            written += cases.Count;
            Console.Error.Write($"\rcases         {written,10:N0}");
        }
        Console.Error.WriteLine();
        Console.WriteLine($"{"cases",-13} {clock.ElapsedMilliseconds - started,6} ms  {written,6} rows");
    }

    private static CaseFiling Filing(Random random, Place place, Holding holding, string number, DateOnly filedOn)
    {
        var person = random.Next(4) > 0;
        var party = person
            ? new CaseParty(PartyKind.Person, Surnames[random.Next(Surnames.Length)] + "某" + (char)('甲' + random.Next(10)), $"5001{random.Next(10_000_000, 99_999_999)}{random.Next(100_000, 999_999)}")
            : new CaseParty(PartyKind.Organisation, $"某某{random.Next(1000)}号经营部", $"92500000MA{random.Next(10_000_000, 99_999_999)}");
        var foundOn = filedOn.AddDays(-random.Next(0, 10));
        return new CaseFiling(place.DistrictId, place.TownshipId, holding.MatterId, number, party,
            "经现场检查发现当事人涉嫌违法行为，证据确凿。", foundOn.AddDays(-random.Next(0, 60)), null, false, foundOn, filedOn,
            DepartmentId: holding.DepartmentId);
    }

    /// <summary>Takes a filed case as far as its age allows: older than four months closed, younger stopped at some step.</summary>
    private static Case Carry(Random random, CaseFiling filing, Entitlement entitlement, ActingOfficer[] pair, CaseSettings settings,
        WorkingDayCalendar calendar, Func<Guid, DateOnly, string> number)
    {
        var c = new Case(filing, entitlement, pair, settings);
        var f = filing.FiledOn;
        var age = Today.DayNumber - f.DayNumber;
        // How many steps it has taken: 0 filed … 7 closed; an old case is done, a young one anywhere, a few overdue.
        var steps = age > 120 ? 7 : Math.Min(7, random.Next(0, 1 + age / 12));
        if (steps >= 1 && random.Next(200) == 0)
        {
            c.TransferToJudiciary(f.AddDays(5), "区公安分局", "涉嫌犯罪，依法移送。");
            return c;
        }
        if (steps >= 1)
        {
            c.BeginInvestigation(f.AddDays(1), pair);
            c.AddEvidence(f.AddDays(2), "现场笔录", "现场检查笔录及照片", pair);
        }
        var penalty = random.Next(5) == 0 ? Penalty.WarningOnly : Penalty.FineOf(100 * random.Next(5, 40));
        if (steps >= 2)
        {
            c.Notify(new NoticeFacts(f.AddDays(15), penalty, "违法事实、理由及依据见告知书。"), settings, calendar);
        }
        if (steps >= 3)
        {
            c.RecordWaiver(f.AddDays(16));
        }
        if (steps >= 4)
        {
            c.Decide(new DecisionFacts(f.AddDays(25), number(entitlement.ActingUnitId!.Value, f.AddDays(25)), penalty), entitlement, settings, calendar);
        }
        if (steps >= 5)
        {
            c.Deliver(new DeliveryFacts(f.AddDays(26), DeliveryMethod.Direct), calendar);
        }
        if (steps >= 6)
        {
            if (penalty.Fine > 0)
            {
                c.RecordPayment(f.AddDays(30), penalty.Fine);
            }
        }
        if (steps >= 7)
        {
            c.Close(f.AddDays(35));
        }
        return c;
    }

    private static ActingOfficer[] Pair(Random random, ActingOfficer[] officers)
    {
        var a = random.Next(officers.Length);
        return [officers[a], officers[(a + 1 + random.Next(officers.Length - 1)) % officers.Length]];
    }

    /// <summary>Each township with its general-penalty matters (the agreement that grants them, in whose name) and its officers.</summary>
    private static async Task<List<Place>> PlacesAsync(string connectionString)
    {
        await using var db = BenchDatabase.Unaudited(DatabaseProvider.Postgres, connectionString);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name);
        var holdings = (await db.Agreements.AsNoTracking()
                .SelectMany(a => a.Matters.Where(m => m.Authority == Authority.GeneralPenalty)
                    .Select(m => new { a.Id, a.Number, a.TownshipId, a.DepartmentId, a.Mode, m.MatterId }))
                .ToListAsync())
            .GroupBy(x => x.TownshipId)
            .ToDictionary(g => g.Key, g => g.Select(x => new Holding(x.MatterId, x.DepartmentId,
                new Entitlement(true, null, [], x.Id, x.Number, x.Mode, Authority.GeneralPenalty, null, x.DepartmentId, departments[x.DepartmentId])))
                .ToArray());
        var officers = (await db.Officers.AsNoTracking().Where(o => o.TownshipId != null && o.Status == OfficerStatus.Active)
                .Select(o => new { TownshipId = o.TownshipId!.Value, o.Id, o.Name }).ToListAsync())
            .GroupBy(x => x.TownshipId)
            .ToDictionary(g => g.Key, g => g.Select(x => new ActingOfficer(x.Id, x.Name, MayActAnswer.Yes)).ToArray());
        var townships = await db.Townships.AsNoTracking().OrderBy(t => t.Code).Select(t => new { t.Id, t.DistrictId }).ToListAsync();
        return [.. townships
            .Where(t => holdings.ContainsKey(t.Id) && officers.GetValueOrDefault(t.Id, []).Length >= 2)
            .Select(t => new Place(t.DistrictId, t.Id, holdings[t.Id], officers[t.Id]))];
    }
}
