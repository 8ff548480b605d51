using BenchmarkDotNet.Attributes;
using Entrust.Web;
using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace Entrust.Bench;

/// <summary>
/// Budget: importing a 5,000-row catalogue in under 5 s. Each iteration imports the same file into a new district of a
/// copy of the generated province, through <see cref="MatterSpreadsheet.ImportAsync"/> with the audit interceptor on,
/// as in production: 5,000 matters and 5,000 audit entries in one SaveChanges.
/// </summary>
[Config(typeof(SlowOperationConfig))]
public class ImportBenchmarks
{
    public const int Rows = 5_000;

    private string _copy = "";
    private ServiceProvider _services = null!;
    private CurrentUser _office = CurrentUser.System;
    private byte[] _file = [];
    private int _district;

    [GlobalSetup]
    public void Setup()
    {
        var source = BenchDatabase.SqliteFile(BenchDatabase.DataDirectory);
        if (!File.Exists(source))
        {
            throw new InvalidOperationException($"{source} is missing: run the generate command first.");
        }
        _copy = Path.Combine(Path.GetTempPath(), $"entrust-import-bench-{Environment.ProcessId}.db");
        File.Copy(source, _copy, overwrite: true);
        _services = BenchDatabase.Services(DatabaseProvider.Sqlite, $"Data Source={_copy}", () => _office);
        using var scope = _services.CreateScope();
        _file = Spreadsheet(scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>());
    }

    /// <summary>A file as an office would fill in the downloaded template: its headers, Chinese domain and department names.</summary>
    public static byte[] Spreadsheet(IStringLocalizer text)
    {
        string H(string column) => text["Field." + column].Value;
        var rows = MatterMaker.Make(new Random(5000), Rows, "IMP-").Select(m => new Dictionary<string, object>
        {
            [H("Code")] = m.Code,
            [H("Name")] = m.Name,
            [H("Department")] = m.DepartmentName,
            [H("Domain")] = Domains.All.Single(d => d.Code == m.Domain).NameZh,
            [H("Kind")] = MatterSpreadsheet.KindText(m.Kind, text),
            [H("LawName")] = m.LawName,
            [H("LawArticle")] = m.LawArticle,
            [H("Entrustability")] = MatterSpreadsheet.EntrustabilityText(m.Entrustability, text),
        }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(rows, sheetName: "权责清单");
        return stream.ToArray();
    }

    [IterationSetup]
    public void NewDistrict()
    {
        using var db = BenchDatabase.Unaudited(DatabaseProvider.Sqlite, $"Data Source={_copy}");
        var district = new District($"IMP{++_district:000}", $"导入测试区{_district}");
        db.Districts.Add(district);
        db.Departments.AddRange(ProvinceNames.Departments.Select(d => new Department(district.Id, d.Code, d.Name)));
        db.SaveChanges();
        _office = new CurrentUser { UserName = "bench.import", Role = Roles.Office, DistrictId = district.Id };
    }

    [Benchmark]
    public async Task<int> Import5000Rows()
    {
        await using var scope = _services.CreateAsyncScope();
        var sheet = scope.ServiceProvider.GetRequiredService<MatterSpreadsheet>();
        var result = await sheet.ImportAsync(new MemoryStream(_file), null, CancellationToken.None);
        if (result.Added != Rows)
        {
            throw new InvalidOperationException($"Import added {result.Added} of {Rows}");
        }
        return result.Added;
    }

    /// <summary>The import is measured with its audit trail: one entry per added matter, in the same transaction.</summary>
    [IterationCleanup]
    public void AuditTrailWritten()
    {
        using var db = BenchDatabase.Unaudited(DatabaseProvider.Sqlite, $"Data Source={_copy}");
        var entries = db.AuditEntries.Count(a => a.DistrictId == _office.DistrictId && a.EntityType == nameof(Matter));
        if (entries != Rows)
        {
            throw new InvalidOperationException($"{entries} audit entries for {Rows} imported matters");
        }
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
