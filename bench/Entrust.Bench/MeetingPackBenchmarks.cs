using BenchmarkDotNet.Attributes;
using Entrust.Web.Data;
using Entrust.Web.Features.Meetings;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entrust.Bench;

/// <summary>
/// Issue 16's budget on the generated province: building one district's briefing pack (every section, counts and first lines,
/// as <see cref="MeetingBook.PackAsync"/> builds it before the meeting starts) &lt; 1 s. On SQLite the bench works on a copy of
/// the province's database brought to this build's schema (the shared file is left as it is); with ENTRUST_BENCH_POSTGRES, on
/// that database, which must be at this build's schema.
/// </summary>
[Config(typeof(MeetingPackConfig))]
public class MeetingPackBenchmarks
{
    private ServiceProvider _services = null!;
    private Meeting _meeting = null!;
    private string? _copy;

    [GlobalSetup]
    public async Task Setup()
    {
        var provider = BenchDatabase.Postgres is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;
        var cs = BenchDatabase.ConnectionString(provider);
        if (provider == DatabaseProvider.Sqlite)
        {
            _copy = Path.Combine(Path.GetTempPath(), $"entrust-meeting-pack-bench-{Environment.ProcessId}.db");
            File.Copy(BenchDatabase.SqliteFile(BenchDatabase.DataDirectory), _copy, overwrite: true);
            cs = $"Data Source={_copy}";
            await using var db = BenchDatabase.Unaudited(provider, cs);
            await db.Database.MigrateAsync();
        }
        var office = await BenchDatabase.BenchOfficeAsync(provider, cs);
        _services = BenchDatabase.Services(provider, cs, () => office, services => services.AddScoped<BriefingPackBuilder>());
        // The month's meeting of the bench district, inviting its first township (the pack reads the district, not the invited).
        await using (var db = BenchDatabase.Unaudited(provider, cs))
        {
            var township = await db.Townships.Where(t => t.DistrictId == office.DistrictId).OrderBy(t => t.Code).FirstAsync();
            _meeting = new Meeting(office.DistrictId!.Value, MeetingKind.Monthly, "基准联席会", DateOnly.FromDateTime(DateTime.Today), new TimeOnly(9, 30),
                "会议室", "主任", [new MeetingParticipant(null, null, township.Id, township.Name, null)], "本月委托执法工作");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_copy is not null)
        {
            File.Delete(_copy);
        }
    }

    /// <summary>One district's pack, one request's work.</summary>
    [Benchmark]
    public async Task<int> BuildOneDistrictsPack()
    {
        using var scope = _services.CreateScope();
        var pack = await scope.ServiceProvider.GetRequiredService<BriefingPackBuilder>()
            .BuildAsync(_meeting, DateOnly.FromDateTime(DateTime.Today), DateTimeOffset.UtcNow, default);
        return pack.Sections.Sum(s => s.Total);
    }
}

/// <summary>A pack reads a whole district: 30 builds after 3 warm-ups.</summary>
public sealed class MeetingPackConfig() : GapBenchConfig(3, 30);
