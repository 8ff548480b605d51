using System.Data.Common;
using System.Diagnostics;
using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;

namespace Entrust.Bench;

/// <summary>
/// <c>explain</c>: runs the matter list once per filter shape as the bench office and prints each SQL command,
/// its time and the database's plan for it (EXPLAIN QUERY PLAN / EXPLAIN ANALYZE). The first thing to read
/// when the list gets slow.
/// </summary>
internal static class Explain
{
    public static async Task<int> RunAsync(string[] args)
    {
        var provider = args.Contains("postgres") ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        var connectionString = BenchDatabase.ConnectionString(provider);
        var office = await BenchDatabase.BenchOfficeAsync(provider, connectionString);
        if (args.Contains("scope"))
        {
            return await ScopeAsync(provider, connectionString, office);
        }
        foreach (var (shape, filter) in MatterListBenchmarks.Shapes)
        {
            Console.WriteLine($"== {shape}");
            await using var db = Context(provider, connectionString, office, new PlanPrinter(provider));
            var page = (await MattersApi.List(filter, new Catalogue(db, office, new ReferenceCache(new ReferenceMemory(new MemoryCache(new MemoryCacheOptions())), db)), CancellationToken.None)).Value!;
            Console.WriteLine($"-> total {page.Total}, {page.Items.Count} on page {page.Page}");
        }
        return 0;
    }

    /// <summary>
    /// <c>explain scope</c>: how many rows each kind of user sees, so that a change to the query filters for speed can be
    /// shown to change nothing about who sees what.
    /// </summary>
    private static async Task<int> ScopeAsync(DatabaseProvider provider, string cs, CurrentUser office)
    {
        await using var any = BenchDatabase.Unaudited(provider, cs);
        var department = await any.Users.Where(u => u.Role == Roles.Department && u.DistrictId == office.DistrictId).FirstAsync();
        var township = await any.Users.Where(u => u.Role == Roles.Township && u.DistrictId == office.DistrictId).FirstAsync();
        CurrentUser[] users =
        [
            CurrentUser.System,
            new() { Role = Roles.Admin, UserName = "admin" },
            office,
            new() { Role = Roles.Auditor, UserName = "auditor", DistrictId = office.DistrictId },
            new() { Role = Roles.Department, UserName = "department", DistrictId = office.DistrictId, DepartmentId = department.DepartmentId },
            new() { Role = Roles.Township, UserName = "township", DistrictId = office.DistrictId, TownshipId = township.TownshipId },
            new() { Role = Roles.Office, UserName = "office without district" },
            new(),
        ];
        foreach (var user in users)
        {
            await using var db = Context(provider, cs, user, new NoOp());
            Console.WriteLine($"{user.UserName,-24} {user.Role,-10} districts {await db.Districts.CountAsync(),3}  departments {await db.Departments.CountAsync(),4}  "
                + $"townships {await db.Townships.CountAsync(),4}  offices {await db.InternalOffices.CountAsync(),4}  matters {await db.Matters.CountAsync(),4}  "
                + $"calendar {await db.CalendarDays.CountAsync(),4}  audit {await db.AuditEntries.CountAsync(),4}  "
                + $"matters with department {await db.Matters.Select(m => m.Department!.Name).CountAsync(),4}");
        }
        return 0;
    }

    private sealed class NoOp : IInterceptor;

    private static EntrustDbContext Context(DatabaseProvider provider, string cs, CurrentUser user, IInterceptor printer) =>
        provider == DatabaseProvider.Postgres
            ? new PostgresEntrustDbContext(new DbContextOptionsBuilder<PostgresEntrustDbContext>().UseNpgsql(cs).AddInterceptors(printer).Options, CurrentUserAccessor.Fixed(user))
            : new SqliteEntrustDbContext(new DbContextOptionsBuilder<SqliteEntrustDbContext>().UseSqlite(cs).AddInterceptors(printer).Options, CurrentUserAccessor.Fixed(user));

    private sealed class PlanPrinter(DatabaseProvider provider) : DbCommandInterceptor
    {
        private readonly Stopwatch _clock = new();

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken ct = default)
        {
            Console.WriteLine(command.CommandText);
            foreach (DbParameter p in command.Parameters)
            {
                Console.WriteLine($"   {p.ParameterName} = {p.Value}");
            }
            await using (var plan = command.Connection!.CreateCommand())
            {
                plan.CommandText = (provider == DatabaseProvider.Postgres ? "EXPLAIN ANALYZE " : "EXPLAIN QUERY PLAN ") + command.CommandText;
                foreach (DbParameter p in command.Parameters)
                {
                    var copy = plan.CreateParameter();
                    copy.ParameterName = p.ParameterName;
                    copy.Value = p.Value;
                    plan.Parameters.Add(copy);
                }
                await using var reader = await plan.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    Console.WriteLine("   plan: " + (provider == DatabaseProvider.Postgres ? reader.GetString(0) : reader.GetString(3)));
                }
            }
            _clock.Restart();
            return result;
        }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
            CancellationToken ct = default)
        {
            Console.WriteLine($"   reader open after {_clock.Elapsed.TotalMilliseconds:F2} ms (EF measured {eventData.Duration.TotalMilliseconds:F2} ms)");
            return ValueTask.FromResult(result);
        }
    }
}
