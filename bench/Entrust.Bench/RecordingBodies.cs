using System.Text.Json;
using Entrust.Web.Data;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Officers;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entrust.Bench;

/// <summary>
/// <c>record-bodies --connection … --out FILE [--count N]</c>: for bench/record.sh, the request bodies of N lawful inspections
/// the bench district's first township could record today (a matter it holds by agreement, two of its officers who may act on
/// it today by the application's own <see cref="OfficerPowers"/>, one of its targets), one JSON per line, and on the first
/// line the name of a township account that may record them. Each body differs (matter, pair, target, time) so the server
/// can't answer from a cache.
/// </summary>
internal static class RecordingBodies
{
    public static async Task<int> RunAsync(string[] args)
    {
        var connectionString = Option(args, "--connection") ?? BenchDatabase.Postgres
            ?? throw new ArgumentException("record-bodies needs --connection \"Host=…;Database=…\" (a generated PostgreSQL province)");
        var output = Option(args, "--out") ?? throw new ArgumentException("record-bodies needs --out FILE");
        var count = int.TryParse(Option(args, "--count"), out var n) ? n : 5_000;

        await using var db = BenchDatabase.Unaudited(DatabaseProvider.Postgres, connectionString);
        var district = await db.Districts.SingleAsync(d => d.Code == ProvinceNames.BenchDistrictCode);
        var township = await db.Townships.Where(t => t.DistrictId == district.Id).OrderBy(t => t.Code).FirstAsync();
        var account = await db.Users.Where(u => u.TownshipId == township.Id && u.Role == Roles.Township).OrderBy(u => u.UserName)
            .Select(u => u.UserName).FirstAsync();
        var matters = await db.Agreements.Where(a => a.TownshipId == township.Id).SelectMany(a => a.Matters.Select(m => m.MatterId))
            .Distinct().ToListAsync();
        var officers = await db.Officers.Where(o => o.TownshipId == township.Id).Select(o => o.Id).ToListAsync();
        var targets = await db.Targets.Where(t => t.TownshipId == township.Id && t.MergedIntoId == null).Select(t => t.Id).ToListAsync();

        var office = await BenchDatabase.BenchOfficeAsync(DatabaseProvider.Postgres, connectionString);
        await using var services = BenchDatabase.Services(DatabaseProvider.Postgres, connectionString, () => office);
        using var scope = services.CreateScope();
        var powers = scope.ServiceProvider.GetRequiredService<OfficerPowers>();
        var today = TimeProvider.System.TodayInChina();
        var crews = new List<(Guid Matter, List<Guid> Officers)>();
        foreach (var matter in matters)
        {
            var able = new List<Guid>();
            foreach (var officer in officers)
            {
                if ((await powers.MayActAsync(officer, matter, today)).MayAct)
                {
                    able.Add(officer);
                }
            }
            if (able.Count >= 2)
            {
                crews.Add((matter, able));
            }
        }
        if (crews.Count == 0)
        {
            Console.Error.WriteLine($"No matter of {township.Name} has two officers who may act today.");
            return 1;
        }

        var random = new Random(2026);
        var now = DateTimeOffset.UtcNow;
        await using var file = new StreamWriter(output);
        await file.WriteLineAsync(account);
        for (var i = 0; i < count; i++)
        {
            var (matter, able) = crews[i % crews.Count];
            var a = random.Next(able.Count);
            var b = (a + 1 + random.Next(able.Count - 1)) % able.Count;
            await file.WriteLineAsync(JsonSerializer.Serialize(new
            {
                matterId = matter,
                kind = "Routine",
                startedAt = now.AddMinutes(-30 - random.Next(600)),
                targetIds = new[] { targets[random.Next(targets.Count)] },
                officerIds = new[] { able[a], able[b] },
                findings = "现场检查，证照齐全，未发现问题。",
                result = "NoProblem",
            }));
        }
        Console.WriteLine($"{count} bodies for {account} of {township.Name}: {crews.Count} of its {matters.Count} matters have two officers who may act today.");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
