using Entrust.Web.Data;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Entrust.Bench;

/// <summary>Where the generated province lives, and the application's own services pointed at it.</summary>
internal static class BenchDatabase
{
    public const string DefaultDataDirectory = "/tmp/entrust-province/data";

    /// <summary>The SQLite data directory the generator filled (<c>ENTRUST_BENCH_DATA</c>).</summary>
    public static string DataDirectory =>
        Environment.GetEnvironmentVariable("ENTRUST_BENCH_DATA") is { Length: > 0 } d ? d : DefaultDataDirectory;

    public static string SqliteFile(string dataDirectory) => Path.Combine(Path.GetFullPath(dataDirectory), "entrust.db");

    /// <summary>A PostgreSQL connection string to a generated database (<c>ENTRUST_BENCH_POSTGRES</c>), if any.</summary>
    public static string? Postgres => Environment.GetEnvironmentVariable("ENTRUST_BENCH_POSTGRES") is { Length: > 0 } cs ? cs : null;

    public static string ConnectionString(DatabaseProvider provider) => provider == DatabaseProvider.Postgres
        ? Postgres ?? throw new InvalidOperationException("Set ENTRUST_BENCH_POSTGRES to a generated PostgreSQL database.")
        : $"Data Source={SqliteFile(DataDirectory)}";

    /// <summary>
    /// The application's database registration (<see cref="Database.AddEntrustDatabase"/>, interceptors and all),
    /// acting as <paramref name="user"/>. <c>ENTRUST_BENCH_SQL=1</c> prints every SQL command.
    /// </summary>
    public static ServiceProvider Services(DatabaseProvider provider, string connectionString, Func<CurrentUser> user,
        Action<IServiceCollection>? more = null)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:Entrust"] = connectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        services.AddSingleton(TimeProvider.System);
        services.AddLogging(b =>
        {
            if (Environment.GetEnvironmentVariable("ENTRUST_BENCH_SQL") == "1")
            {
                b.AddSimpleConsole().AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information);
            }
            b.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        });
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddScoped(_ => CurrentUserAccessor.Fixed(user()));
        services.AddScoped(sp => sp.GetRequiredService<CurrentUserAccessor>().Current);
        services.AddEntrustDatabase(config);
        services.AddScoped<Catalogue>();
        services.AddScoped<MatterSpreadsheet>();
        services.AddScoped<Entitlements>();
        services.AddScoped<AgreementBook>();
        services.AddScoped<EntrustmentBook>();
        services.AddScoped<Entrust.Web.Features.Officers.OfficerPowers>();
        services.AddScoped<Entrust.Web.Features.Training.AttendanceBook>();
        services.AddScoped<Entrust.Web.Features.Training.TrainingBook>();
        services.AddScoped<Entrust.Web.Features.Training.ExamBook>();
        more?.Invoke(services);
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// A context WITHOUT the audit interceptor, for writing generated bench data only: the audit trail records
    /// what people did, and 30,000 synthetic rows written in seconds are not that.
    /// </summary>
    public static EntrustDbContext Unaudited(DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.Postgres => new PostgresEntrustDbContext(
            new DbContextOptionsBuilder<PostgresEntrustDbContext>().UseNpgsql(connectionString).Options, CurrentUserAccessor.Fixed(CurrentUser.System)),
        _ => new SqliteEntrustDbContext(
            new DbContextOptionsBuilder<SqliteEntrustDbContext>().UseSqlite(connectionString).Options, CurrentUserAccessor.Fixed(CurrentUser.System)),
    };

    /// <summary>The bench district's office, as the API would see it after <c>bench.office</c> signs in.</summary>
    public static async Task<CurrentUser> BenchOfficeAsync(DatabaseProvider provider, string connectionString)
    {
        await using var db = Unaudited(provider, connectionString);
        var district = await db.Districts.SingleOrDefaultAsync(d => d.Code == ProvinceNames.BenchDistrictCode)
            ?? throw new InvalidOperationException($"No district {ProvinceNames.BenchDistrictCode}: run the generate command first.");
        var office = await db.Users.SingleAsync(u => u.UserName == ProvinceGenerator.OfficeUserName);
        return new CurrentUser
        {
            UserId = office.Id,
            UserName = office.UserName!,
            Role = Roles.Office,
            DistrictId = district.Id,
        };
    }
}
