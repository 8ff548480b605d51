using System.Text.Json;

namespace Entrust.Bench;

/// <summary>
/// <c>record-bodies --connection … --out FILE [--count N]</c>: for bench/record.sh, the request bodies of N lawful inspections
/// the bench district's first township could record today (a matter it holds by agreement, two of its officers who may act on
/// it today (<see cref="BenchTownship"/>), one of its targets), one JSON per line, and on the first
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

        var bench = await BenchTownship.LoadAsync(connectionString);
        var (account, targets, crews) = (bench.Account, bench.Targets, bench.Crews);

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
        Console.WriteLine($"{count} bodies for {account} of {bench.Name}: {crews.Count} of its {bench.Matters} matters have two officers who may act today.");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
