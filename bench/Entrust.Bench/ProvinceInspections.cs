using System.Diagnostics;
using Entrust.Web.Data;
using Entrust.Web.Features.Inspections;
using Entrust.Web.Features.Officers;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Entrust.Bench;

/// <summary>
/// Issue 5's province history on PostgreSQL: <see cref="Default"/> (10 million) inspections, the same number per township,
/// spread day by day from 2024-01-01 to yesterday, written in the order they happened (so the table and its time-ordered
/// ids grow as a real one does). Each is on one of the township's agreement matters, by two of its officers, of one of its
/// targets (a joint inspection: three targets and a second department); one in eight ordered rectification, one in
/// thirty-three a case. Written with PostgreSQL's binary COPY: ten million rows through EF's change tracker would take hours
/// and measure nothing. The rows are what <see cref="InspectionBook"/> would have written; the checks it runs are measured
/// by recording through the API (bench/record.sh), not here.
/// </summary>
internal static class ProvinceInspections
{
    public const int Default = 10_000_000;
    private static readonly DateOnly First = new(2024, 1, 1);

    private sealed record Place(Guid DistrictId, Guid TownshipId, (Guid Matter, Guid Department)[] Matters, Guid[] Officers, Guid[] Targets);

    public static async Task SaveAsync(string connectionString, int count, Stopwatch clock)
    {
        var started = clock.ElapsedMilliseconds;
        var places = await PlacesAsync(connectionString);
        var days = ProvinceQualification.Today.DayNumber - First.DayNumber; // up to yesterday
        var perTownship = count / places.Count;
        var random = new Random(5);
        var departments = places.SelectMany(p => p.Matters.Select(m => (p.DistrictId, m.Department))).Distinct()
            .GroupBy(x => x.DistrictId).ToDictionary(g => g.Key, g => g.Select(x => x.Department).ToArray());

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var written = 0L;
        // One COPY per table at a time, a month per round: three open COPYs on one connection are not allowed.
        for (var monthStart = 0; monthStart < days; monthStart += 31)
        {
            var rows = new List<(Guid Id, Place Place, Guid Matter, Guid Department, InspectionKind Kind, Guid[] Joint, DateTime At,
                DateOnly On, InspectionResult Result, Guid[] Officers, Guid[] Targets)>();
            for (var d = monthStart; d < Math.Min(days, monthStart + 31); d++)
            {
                var on = First.AddDays(d);
                foreach (var place in places)
                {
                    var n = (int)((long)(d + 1) * perTownship / days - (long)d * perTownship / days);
                    for (var i = 0; i < n; i++)
                    {
                        var at = on.ToDateTime(new TimeOnly(8 + random.Next(10), random.Next(60)), DateTimeKind.Utc).AddHours(-8);
                        var (matter, department) = place.Matters[random.Next(place.Matters.Length)];
                        var joint = random.Next(12) == 0;
                        var officerA = random.Next(place.Officers.Length);
                        var officerB = (officerA + 1 + random.Next(place.Officers.Length - 1)) % place.Officers.Length;
                        var others = departments[place.DistrictId];
                        var targets = Enumerable.Range(0, joint ? 3 : 1).Select(_ => place.Targets[random.Next(place.Targets.Length)]).Distinct().ToArray();
                        var result = random.Next(33) == 0 ? InspectionResult.CaseToBeFiled
                            : random.Next(8) == 0 ? InspectionResult.RectificationOrdered : InspectionResult.NoProblem;
                        rows.Add((Guid.CreateVersion7(new DateTimeOffset(at)), place, matter, department,
                            joint ? InspectionKind.Joint : InspectionKind.Routine,
                            joint ? [others[random.Next(others.Length)]] : [], at, on, result,
                            [place.Officers[officerA], place.Officers[officerB]], targets));
                    }
                }
            }

            await using (var copy = await connection.BeginBinaryImportAsync("""
                COPY "Inspections" ("Id", "DistrictId", "TownshipId", "MatterId", "DepartmentId", "Kind", "JointDepartmentIds",
                    "StartedAt", "StartedOn", "Findings", "Result", "RecordedAt", "RecordedBy", "TargetCount") FROM STDIN (FORMAT BINARY)
                """))
            {
                foreach (var r in rows)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(r.Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(r.Place.DistrictId, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(r.Place.TownshipId, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(r.Matter, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(r.Department, NpgsqlDbType.Uuid);
                    await copy.WriteAsync((int)r.Kind, NpgsqlDbType.Integer);
                    await copy.WriteAsync(r.Joint, NpgsqlDbType.Array | NpgsqlDbType.Uuid);
                    await copy.WriteAsync(r.At, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(r.On, NpgsqlDbType.Date);
                    await copy.WriteAsync(Findings(r.Result, r.Targets.Length), NpgsqlDbType.Varchar);
                    await copy.WriteAsync((int)r.Result, NpgsqlDbType.Integer);
                    await copy.WriteAsync(r.At.AddHours(2), NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync("bench", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(r.Targets.Distinct().Count(), NpgsqlDbType.Integer);
                }
                await copy.CompleteAsync();
            }
            await using (var copy = await connection.BeginBinaryImportAsync(
                """COPY "InspectionOfficers" ("InspectionId", "OfficerId") FROM STDIN (FORMAT BINARY)"""))
            {
                foreach (var r in rows)
                {
                    foreach (var officer in r.Officers)
                    {
                        await copy.WriteRowAsync(default, r.Id, officer);
                    }
                }
                await copy.CompleteAsync();
            }
            await using (var copy = await connection.BeginBinaryImportAsync(
                """COPY "InspectionTargets" ("InspectionId", "TargetId") FROM STDIN (FORMAT BINARY)"""))
            {
                foreach (var r in rows)
                {
                    foreach (var target in r.Targets)
                    {
                        await copy.WriteRowAsync(default, r.Id, target);
                    }
                }
                await copy.CompleteAsync();
            }
            written += rows.Count;
            Console.Error.Write($"\rinspections   {written,10:N0} to {First.AddDays(Math.Min(days, monthStart + 31) - 1)}");
        }
        Console.Error.WriteLine();
        Console.WriteLine($"{"inspections",-13} {clock.ElapsedMilliseconds - started,6} ms  {written,6} rows");
    }

    private static string Findings(InspectionResult result, int targets) => result switch
    {
        InspectionResult.NoProblem => targets > 1 ? "联合检查，所检各户证照齐全，未发现问题。" : "现场检查，证照齐全，未发现问题。",
        InspectionResult.RectificationOrdered => "发现安全隐患，已当场责令限期整改。",
        _ => "发现涉嫌违法行为，已固定证据，拟立案查处。",
    };

    /// <summary>Each township with its agreement matters (any authority includes inspecting), its officers in post and its targets.</summary>
    private static async Task<List<Place>> PlacesAsync(string connectionString)
    {
        await using var db = BenchDatabase.Unaudited(DatabaseProvider.Postgres, connectionString);
        var matters = (await db.Agreements.AsNoTracking()
                .SelectMany(a => a.Matters.Select(m => new { a.TownshipId, m.MatterId, a.DepartmentId }))
                .ToListAsync())
            .GroupBy(x => x.TownshipId).ToDictionary(g => g.Key, g => g.Select(x => (x.MatterId, x.DepartmentId)).Distinct().ToArray());
        var officers = (await db.Officers.AsNoTracking().Where(o => o.TownshipId != null && o.Status == OfficerStatus.Active)
                .Select(o => new { TownshipId = o.TownshipId!.Value, o.Id }).ToListAsync())
            .GroupBy(x => x.TownshipId).ToDictionary(g => g.Key, g => g.Select(x => x.Id).ToArray());
        var targets = (await db.Targets.AsNoTracking().Where(t => t.MergedIntoId == null).Select(t => new { t.TownshipId, t.Id }).ToListAsync())
            .GroupBy(x => x.TownshipId).ToDictionary(g => g.Key, g => g.Select(x => x.Id).ToArray());
        var townships = await db.Townships.AsNoTracking().OrderBy(t => t.Code).Select(t => new { t.Id, t.DistrictId }).ToListAsync();
        return [.. townships
            .Where(t => matters.ContainsKey(t.Id) && officers.GetValueOrDefault(t.Id, []).Length >= 2 && targets.ContainsKey(t.Id))
            .Select(t => new Place(t.DistrictId, t.Id, matters[t.Id], officers[t.Id], targets[t.Id]))];
    }
}
