using BenchmarkDotNet.Attributes;
using Entrust.Web;
using Entrust.Web.Data;
using Entrust.Web.Features.Officers;
using Entrust.Web.Features.Training;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Entrust.Bench;

/// <summary>
/// Budget (issue 4): importing the sign-in sheet of 150 trainees × 6 sessions in under 1 s. Each iteration imports into
/// a new class of the generated province's bench district (150 of its officers, 3 days × morning and afternoon),
/// through <see cref="AttendanceBook.ImportAsync"/> with the audit interceptor on: 900 marks and 900 audit entries.
/// The sheet is the one the office downloads (<see cref="AttendanceBook.TemplateAsync"/>), filled in: mostly 出勤,
/// some 请假 and 旷课.
/// </summary>
[Config(typeof(SlowOperationConfig))]
public class AttendanceImportBenchmarks
{
    public const int Trainees = 150;
    public const int Sessions = 6;

    private string _copy = "";
    private ServiceProvider _services = null!;
    private CurrentUser _office = CurrentUser.System;
    private Guid[] _officers = [];
    private Guid _class;
    private byte[] _file = [];
    private int _round;

    [GlobalSetup]
    public async Task Setup()
    {
        var source = BenchDatabase.SqliteFile(BenchDatabase.DataDirectory);
        if (!File.Exists(source))
        {
            throw new InvalidOperationException($"{source} is missing: run the generate command first.");
        }
        _copy = Path.Combine(Path.GetTempPath(), $"entrust-attendance-bench-{Environment.ProcessId}.db");
        File.Copy(source, _copy, overwrite: true);
        var cs = $"Data Source={_copy}";
        _office = await BenchDatabase.BenchOfficeAsync(DatabaseProvider.Sqlite, cs);
        await using var db = BenchDatabase.Unaudited(DatabaseProvider.Sqlite, cs);
        _officers = await db.Officers.Where(o => o.DistrictId == _office.DistrictId && o.Status == OfficerStatus.Active)
            .OrderBy(o => o.Id).Select(o => o.Id).Take(Trainees).ToArrayAsync();
        _services = BenchDatabase.Services(DatabaseProvider.Sqlite, cs, () => _office);
    }

    /// <summary>A new class with its 150 trainees and the filled-in sheet for it (not timed).</summary>
    [IterationSetup]
    public void NewClass()
    {
        using (var db = BenchDatabase.Unaudited(DatabaseProvider.Sqlite, $"Data Source={_copy}"))
        {
            var start = new DateOnly(2026, 3, 2).AddDays(7 * ++_round);
            var trainingClass = new TrainingClass(_office.DistrictId!.Value,
                new TrainingClassFields($"基准培训班{_round}", start, start.AddDays(2), "党校", "讲师"));
            trainingClass.AddDailySessions(SessionPart.Morning, SessionPart.Afternoon);
            db.TrainingClasses.Add(trainingClass);
            var officers = db.Officers.Where(o => _officers.Contains(o.Id)).ToList();
            db.Trainees.AddRange(officers.Select(o => new Trainee(trainingClass, o, DateTimeOffset.UtcNow)));
            db.SaveChanges();
            _class = trainingClass.Id;
        }
        using var scope = _services.CreateScope();
        var book = scope.ServiceProvider.GetRequiredService<AttendanceBook>();
        var (template, _) = book.TemplateAsync(_class, CancellationToken.None).GetAwaiter().GetResult()!.Value;
        _file = FillIn(template, scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>());
    }

    /// <summary>Every session cell filled: 出勤, with one 请假 in 17 and one 旷课 in 97.</summary>
    private static byte[] FillIn(byte[] template, IStringLocalizer text)
    {
        var sheet = Spreadsheet.ReadAsync(new MemoryStream(template), CancellationToken.None).GetAwaiter().GetResult();
        var keys = new[] { "Field.IdNumber", "Field.TraineeName", "Field.Unit" }.Select(k => text[k].Value).ToHashSet();
        var sessions = sheet.Headers.Where(h => !keys.Contains(h)).ToList();
        if (sessions.Count != Sessions || sheet.Rows.Count != Trainees)
        {
            throw new InvalidOperationException($"template has {sheet.Rows.Count} rows and {sessions.Count} sessions");
        }
        var n = 0;
        var rows = sheet.Rows.Select(row => (IReadOnlyList<object?>)sheet.Headers.Select(h => keys.Contains(h) ? row[h]
            : (++n % 97 == 0 ? text["AttendanceMark.Unexcused"].Value : n % 17 == 0 ? text["AttendanceMark.Excused"].Value
                : text["AttendanceMark.Present"].Value)).ToList());
        return Spreadsheet.Write(sheet.Headers, rows, "签到表");
    }

    [Benchmark]
    public async Task<int> Import150TraineesBy6Sessions()
    {
        await using var scope = _services.CreateAsyncScope();
        var book = scope.ServiceProvider.GetRequiredService<AttendanceBook>();
        var result = await book.ImportAsync(_class, new MemoryStream(_file), CancellationToken.None);
        return result?.Changed == Trainees * Sessions ? result.Changed
            : throw new InvalidOperationException($"import changed {result?.Changed} marks");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _copy, _copy + "-wal", _copy + "-shm" })
        {
            File.Delete(f);
        }
    }
}
