using System.Diagnostics;
using Entrust.Web.Data;
using Entrust.Web.Features.Accounts;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Demo;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Bench;

/// <summary>
/// Fills an empty database at province scale: 40 districts, 1,000 townships (4,000 internal offices),
/// 600 departments, 5,000 matters, 20,000 users, every township's agreements in force, 20,000 officers and 60,000
/// certificates (<see cref="ProvinceQualification"/>), 500,000 regulated targets (<see cref="ProvinceTargets"/>) and, on PostgreSQL, 10 million inspections
/// (<see cref="ProvinceInspections"/>; <c>--inspections N</c> for another number) and one million penalty cases
/// (<see cref="ProvinceCases"/>, <c>--cases N</c>). District 渝北区 holds 2,000 of the matters and the
/// <c>bench.office</c> account. The same seed gives the same names, codes and spread every time.
/// </summary>
internal static class ProvinceGenerator
{
    public const string OfficeUserName = "bench.office";
    public const string AdminUserName = "bench.admin";
    public const string Password = "Bench2026";

    private const int TownshipsPerDistrict = 25;
    private const int Users = 20_000;
    private const int Matters = 5_000;
    private const int BenchDistrictMatters = 2_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var provider = Option(args, "--provider") is { } p && p.StartsWith("postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        string connectionString;
        if (provider == DatabaseProvider.Postgres)
        {
            connectionString = Option(args, "--connection") ?? BenchDatabase.Postgres
                ?? throw new ArgumentException("generate --provider postgres needs --connection \"Host=…;Database=…\"");
        }
        else
        {
            var file = BenchDatabase.SqliteFile(Option(args, "--out") ?? BenchDatabase.DefaultDataDirectory);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            foreach (var f in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(f);
            }
            connectionString = $"Data Source={file}";
        }

        var clock = Stopwatch.StartNew();
        await using (var db = BenchDatabase.Unaudited(provider, connectionString))
        {
            if (provider == DatabaseProvider.Postgres && args.Contains("--reset"))
            {
                await db.Database.EnsureDeletedAsync();
            }
            await db.Database.MigrateAsync();
            if (await db.Districts.AnyAsync())
            {
                Console.Error.WriteLine("The database already holds districts; generate fills an empty one (PostgreSQL: add --reset to drop it first).");
                return 1;
            }
        }
        Console.WriteLine($"schema        {clock.ElapsedMilliseconds,6} ms");

        var random = new Random(20261125);
        var plan = Plan(random);
        await SaveAsync(provider, connectionString, plan.Units, "units", clock);
        await SaveAsync(provider, connectionString, plan.Matters, "matters", clock);
        // One hash for every account: hashing 20,000 passwords would take minutes and measure nothing.
        var hash = new PasswordHasher<AppUser>().HashPassword(new AppUser(), Password);
        await SaveAsync(provider, connectionString, MakeUsers(random, plan, hash), "users", clock);
        var matters = plan.Matters.Cast<Matter>().ToList();
        await SaveAsync(provider, connectionString, ProvinceQualification.Agreements(plan.Townships, plan.Departments, matters), "agreements", clock);
        var (settings, officers, certificates) = ProvinceQualification.People(random, plan.Districts, plan.Townships, plan.Departments, matters,
            r => PersonName(r).Hanzi);
        await SaveAsync(provider, connectionString, settings, "settings", clock);
        await SaveAsync(provider, connectionString, officers, "officers", clock);
        await SaveAsync(provider, connectionString, certificates, "certificates", clock);
        var training = await ProvinceTraining.SaveAsync(provider, connectionString, random, clock);
        await ProvinceTargets.SaveAsync(provider, connectionString, random, plan.Districts, plan.Townships, clock);
        // Ten million inspections only where they can be copied in (PostgreSQL); --inspections 0 leaves them out.
        var inspections = int.TryParse(Option(args, "--inspections"), out var n) ? n
            : provider == DatabaseProvider.Postgres ? ProvinceInspections.Default : 0;
        if (inspections > 0)
        {
            if (provider != DatabaseProvider.Postgres)
            {
                throw new ArgumentException("--inspections needs --provider postgres (they are written with COPY).");
            }
            await ProvinceInspections.SaveAsync(connectionString, inspections, clock);
        }
        var cases = int.TryParse(Option(args, "--cases"), out var m) ? m
            : provider == DatabaseProvider.Postgres ? ProvinceCases.Default : 0;
        if (cases > 0)
        {
            if (provider != DatabaseProvider.Postgres)
            {
                throw new ArgumentException("--cases needs --provider postgres (they are written with COPY).");
            }
            await ProvinceCases.SaveAsync(connectionString, cases, clock);
        }

        await using (var db = BenchDatabase.Unaudited(provider, connectionString))
        {
            // SQLite: one self-contained file that can be copied. PostgreSQL: the statistics autovacuum would gather soon.
            await db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.Sqlite ? "PRAGMA wal_checkpoint(TRUNCATE);" : "ANALYZE;");
        }
        Console.WriteLine($"""
            Generated {plan.Districts.Count} districts, {plan.Townships.Count} townships, {plan.Departments.Count} departments, {plan.Matters.Count} matters, {Users} users, {officers.Count} officers, {certificates.Count} certificates, {training.Classes} training classes ({training.Trainees} trainees, {training.Scores} exam scores), {ProvinceTargets.Targets} targets, {inspections} inspections, {cases} cases in {clock.Elapsed.TotalSeconds:F1} s.
            {connectionString}
            Sign in as {OfficeUserName} (office of {ProvinceNames.Districts[0].Name}, {BenchDistrictMatters} matters) or {AdminUserName}, password {Password}.
            """);
        return 0;
    }

    private sealed record Province(List<District> Districts, List<Department> Departments, List<Township> Townships,
        List<object> Units, List<object> Matters);

    private static Province Plan(Random random)
    {
        var districts = ProvinceNames.Districts.Select(d => new District(d.Code, d.Name)).ToList();
        var departments = new List<Department>();
        var townships = new List<Township>();
        var units = new List<object>(districts);
        var matters = new List<object>();
        for (var i = 0; i < districts.Count; i++)
        {
            var district = districts[i];
            var own = ProvinceNames.Departments.ToDictionary(d => d.Code,
                d => new Department(district.Id, d.Code, d.Name, $"{d.Name}法制科 023-{random.Next(60000000, 69999999)}"));
            departments.AddRange(own.Values);
            units.AddRange(own.Values);

            foreach (var (name, n) in TownshipNames(random).Select((name, n) => (name, n)))
            {
                var kind = n < 5 ? TownshipKind.Street : TownshipKind.Town;
                var township = new Township(district.Id, $"{district.Code}{n + 1:000}", name + (kind == TownshipKind.Street ? "街道" : "镇"),
                    kind, isPilot: n % 12 == 11);
                townships.Add(township);
                units.Add(township);
                units.AddRange(ProvinceNames.TownshipOffices.Select(o => new InternalOffice(township, o, PersonName(random).Hanzi + "（副镇长）")));
            }
            units.AddRange(DemoDistrict.HolidaySchedules(district.Id));

            // 2,000 in the bench district; the other 3,000 spread evenly over the other 39.
            var count = i == 0 ? BenchDistrictMatters
                : (Matters - BenchDistrictMatters) / (districts.Count - 1) + (i <= (Matters - BenchDistrictMatters) % (districts.Count - 1) ? 1 : 0);
            matters.AddRange(MatterMaker.Make(random, count).Select(m => new Matter(district.Id,
                new MatterFields(own[m.DepartmentCode].Id, m.Code, m.Name, m.Domain, m.Kind, m.LawName, m.LawArticle, m.Entrustability))));
        }
        return new Province(districts, departments, townships, units, matters);
    }

    private static IEnumerable<string> TownshipNames(Random random)
    {
        var names = new HashSet<string>();
        while (names.Count < TownshipsPerDistrict)
        {
            names.Add(ProvinceNames.PlaceFirst[random.Next(ProvinceNames.PlaceFirst.Length)]
                + ProvinceNames.PlaceSecond[random.Next(ProvinceNames.PlaceSecond.Length)]);
        }
        return names;
    }

    private static (string Hanzi, string Pinyin) PersonName(Random random)
    {
        var surname = ProvinceNames.Surnames[random.Next(ProvinceNames.Surnames.Length)];
        var given = Enumerable.Range(0, random.Next(3) == 0 ? 1 : 2)
            .Select(_ => ProvinceNames.GivenChars[random.Next(ProvinceNames.GivenChars.Length)]).ToList();
        return (surname.Hanzi + string.Concat(given.Select(g => g.Hanzi)), surname.Pinyin + string.Concat(given.Select(g => g.Pinyin)));
    }

    /// <summary>Per district 500 accounts: 4 office, 4 auditors, 6 per department, 8 per township, the rest officers.</summary>
    private static List<object> MakeUsers(Random random, Province plan, string passwordHash)
    {
        var users = new List<object>(Users);
        AppUser User(string userName, string displayName, string role, Guid? district, Guid? department = null, Guid? township = null) => new()
        {
            UserName = userName,
            NormalizedUserName = userName.ToUpperInvariant(),
            PasswordHash = passwordHash,
            DisplayName = displayName,
            Role = role,
            DistrictId = district,
            DepartmentId = department,
            TownshipId = township,
            PhoneNumber = $"1{random.Next(30, 99)}{random.Next(10000000, 99999999)}",
            LockoutEnabled = true,
            Culture = "zh-CN",
        };
        AppUser Person(string role, Guid district, Guid? department = null, Guid? township = null)
        {
            var (hanzi, pinyin) = PersonName(random);
            return User($"{pinyin}{users.Count:00000}", hanzi, role, district, department, township);
        }

        users.Add(User(AdminUserName, "省级系统管理员（压测）", Roles.Admin, null));
        foreach (var district in plan.Districts)
        {
            var departments = plan.Departments.Where(d => d.DistrictId == district.Id).ToList();
            var townships = plan.Townships.Where(t => t.DistrictId == district.Id).ToList();
            var quota = users.Count + 500 > Users ? Users - users.Count : 500;
            var start = users.Count;
            if (district.Code == ProvinceNames.BenchDistrictCode)
            {
                users.Add(User(OfficeUserName, district.Name + "政府法制办（压测）", Roles.Office, district.Id));
            }
            while (users.Count - start < 4)
            {
                users.Add(Person(Roles.Office, district.Id));
            }
            for (var n = 0; n < 4; n++)
            {
                users.Add(Person(Roles.Auditor, district.Id));
            }
            foreach (var department in departments)
            {
                for (var n = 0; n < 6; n++)
                {
                    users.Add(Person(Roles.Department, district.Id, department: department.Id));
                }
            }
            foreach (var township in townships)
            {
                for (var n = 0; n < 8; n++)
                {
                    users.Add(Person(Roles.Township, district.Id, township: township.Id));
                }
            }
            for (var n = 0; users.Count - start < quota; n++)
            {
                users.Add(Person(Roles.Officer, district.Id, township: townships[n % townships.Count].Id));
            }
        }
        return users;
    }

    /// <summary>AddRange and SaveChanges in batches, change tracking kept small; no audit interceptor (see <see cref="BenchDatabase.Unaudited"/>).</summary>
    internal static async Task SaveAsync(DatabaseProvider provider, string connectionString, List<object> rows, string what, Stopwatch clock)
    {
        var started = clock.ElapsedMilliseconds;
        foreach (var batch in rows.Chunk(5_000))
        {
            await using var db = BenchDatabase.Unaudited(provider, connectionString);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.AddRange(batch);
            await db.SaveChangesAsync();
        }
        Console.WriteLine($"{what,-13} {clock.ElapsedMilliseconds - started,6} ms  {rows.Count,6} rows");
    }

    /// <summary><c>add-cases --connection … [--cases N]</c>: the cases alone, into a PostgreSQL province generated before they existed.</summary>
    public static async Task<int> AddCasesAsync(string[] args)
    {
        var connectionString = Option(args, "--connection") ?? BenchDatabase.Postgres
            ?? throw new ArgumentException("add-cases needs --connection \"Host=…;Database=…\"");
        await using (var db = BenchDatabase.Unaudited(DatabaseProvider.Postgres, connectionString))
        {
            await db.Database.MigrateAsync();
            if (await db.Cases.AnyAsync())
            {
                Console.Error.WriteLine("The database already holds cases.");
                return 1;
            }
        }
        var clock = Stopwatch.StartNew();
        await ProvinceCases.SaveAsync(connectionString, int.TryParse(Option(args, "--cases"), out var n) ? n : ProvinceCases.Default, clock);
        await using (var db = BenchDatabase.Unaudited(DatabaseProvider.Postgres, connectionString))
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE;");
        }
        return 0;
    }

    /// <summary><c>add-training --provider … --connection …</c>: the training classes and exams alone, into a province generated
    /// before they existed.</summary>
    public static async Task<int> AddTrainingAsync(string[] args)
    {
        var provider = Option(args, "--provider") is { } p && p.StartsWith("postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        var connectionString = Option(args, "--connection")
            ?? (provider == DatabaseProvider.Postgres ? BenchDatabase.Postgres : $"Data Source={BenchDatabase.SqliteFile(BenchDatabase.DataDirectory)}")
            ?? throw new ArgumentException("add-training needs --connection \"Host=…;Database=…\"");
        await using (var db = BenchDatabase.Unaudited(provider, connectionString))
        {
            await db.Database.MigrateAsync();
            if (await db.TrainingClasses.AnyAsync())
            {
                Console.Error.WriteLine("The database already holds training classes.");
                return 1;
            }
        }
        var clock = Stopwatch.StartNew();
        var (classes, trainees, scores) = await ProvinceTraining.SaveAsync(provider, connectionString, new Random(20261205), clock);
        await using (var db = BenchDatabase.Unaudited(provider, connectionString))
        {
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10)); // ANALYZE of a whole province
            await db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.Sqlite ? "PRAGMA wal_checkpoint(TRUNCATE);" : "ANALYZE;");
        }
        Console.WriteLine($"Added {classes} training classes, {trainees} trainees, {scores} exam scores in {clock.Elapsed.TotalSeconds:F1} s.");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
