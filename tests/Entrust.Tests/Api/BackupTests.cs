using System.Data.Common;
using System.Net;
using Entrust.Tests.Hosting;
using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Entrust.Tests.Api;

/// <summary>
/// The restore drill (issue 19): the running platform's database is backed up (pg_dump's custom format; SQLite's online backup
/// API), restored into a new database, and the copy holds the same rows in every table, the same audit chain, the same key ring
/// (a token the running node issued opens the API on a node started on the copy) and what was written just before the backup.
/// </summary>
public abstract class BackupTests(HostFixture host) : ApiTest(host)
{
    [Fact]
    public async Task ADatabaseBackedUpInUseAndRestoredIntoANewOneHoldsTheSameData()
    {
        var department = await CreateDepartmentAsync(name: "备份前新建的局");
        using var office = await As("office");
        var chain = await office.GetAsync("/api/audit/verify").ExpectAsync(HttpStatusCode.OK);
        var file = Path.Combine(Host.DataDirectory, $"backup-{Guid.NewGuid():N}.dump");

        await Backups.BackupAsync(Host.Provider, Host.ConnectionString, file);
        var copy = await NewDatabaseAsync();
        try
        {
            await Backups.RestoreAsync(Host.Provider, copy, file);

            // Every table, with as many rows as the running database has (nothing writes between the backup and this count).
            var before = await RowCountsAsync(Host.ConnectionString);
            Assert.Contains(before.Keys, t => t.Contains("DataProtectionKeys"));
            Assert.Equal(before, await RowCountsAsync(copy));

            // A node on the copy: the running node's token signs in (the key ring came along), the department is there and the
            // audit chain verifies to the same head.
            var own = Directory.CreateDirectory(Path.Combine(Host.DataDirectory, "restored-" + Guid.NewGuid().ToString("N")[..8])).FullName;
            await using (var node = Host.AnotherNode(web =>
            {
                web.UseSetting("ConnectionStrings:Entrust", copy);
                web.UseSetting("Database:DataDirectory", own);
            }))
            {
                using var restored = node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
                restored.DefaultRequestHeaders.Authorization = office.DefaultRequestHeaders.Authorization;
                var found = await restored.GetAsync($"/api/departments/{department.Id()}").ExpectAsync(HttpStatusCode.OK);
                Assert.Equal(("备份前新建的局", department.Str("code")), (found.Str("name"), found.Str("code")));
                var restoredChain = await restored.GetAsync("/api/audit/verify").ExpectAsync(HttpStatusCode.OK);
                Assert.True(restoredChain.GetProperty("intact").GetBoolean());
                Assert.Equal(chain.Str("headHash"), restoredChain.Str("headHash"));
            }

            // A restore never writes over data: the copy, now in use, is refused and keeps its rows.
            var refused = await Assert.ThrowsAsync<BackupException>(() => Backups.RestoreAsync(Host.Provider, copy, file));
            Assert.Contains("not empty", refused.Message);
            Assert.Equal(before[before.Keys.Single(t => t.Contains("\"Departments\""))],
                (await RowCountsAsync(copy))[before.Keys.Single(t => t.Contains("\"Departments\""))]);
        }
        finally
        {
            await DropDatabaseAsync(copy);
        }
    }

    [Fact]
    public async Task ARestoreFromAMissingOrDamagedFileIsRefused()
    {
        var copy = await NewDatabaseAsync();
        try
        {
            var missing = Path.Combine(Host.DataDirectory, "no-such-backup.dump");
            Assert.Contains("No backup", (await Assert.ThrowsAsync<BackupException>(() => Backups.RestoreAsync(Host.Provider, copy, missing))).Message);
            var damaged = Path.Combine(Host.DataDirectory, $"damaged-{Guid.NewGuid():N}.dump");
            await File.WriteAllTextAsync(damaged, "not a backup");
            await Assert.ThrowsAnyAsync<Exception>(() => Backups.RestoreAsync(Host.Provider, copy, damaged));
            Assert.Empty(await RowCountsAsync(copy));
        }
        finally
        {
            await DropDatabaseAsync(copy);
        }
    }

    private DbConnection Connect(string connectionString) => Host.Provider == DatabaseProvider.Postgres
        ? new NpgsqlConnection(connectionString)
        : new SqliteConnection(connectionString);

    /// <summary>A new, empty database beside the host's: its connection string.</summary>
    private async Task<string> NewDatabaseAsync()
    {
        if (Host.Provider == DatabaseProvider.Sqlite)
        {
            return new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(Host.DataDirectory, $"restored-{Guid.NewGuid():N}.db"),
                Pooling = false,
            }.ConnectionString;
        }
        var name = "entrust_restore_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(Server("postgres"), $"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0");
        return Server(name);
    }

    private async Task DropDatabaseAsync(string connectionString)
    {
        if (Host.Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            File.Delete(new SqliteConnectionStringBuilder(connectionString).DataSource);
            return;
        }
        await ExecuteAsync(Server("postgres"), $"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(connectionString).Database}\" WITH (FORCE)");
    }

    private string Server(string database) =>
        new NpgsqlConnectionStringBuilder(Host.ConnectionString) { Database = database, Pooling = false }.ConnectionString;

    private async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = Connect(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Every table of the database (PostgreSQL: in every schema but the catalog's) and its row count.</summary>
    private async Task<SortedDictionary<string, long>> RowCountsAsync(string connectionString)
    {
        await using var connection = Connect(connectionString);
        await connection.OpenAsync();
        List<string> tables = [];
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = Host.Provider == DatabaseProvider.Postgres
                ? "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
                : "SELECT '\"' || name || '\"' FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        SortedDictionary<string, long> counts = [];
        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT count(*) FROM {table}";
            counts[table] = Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        return counts;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BackupTests_Sqlite(SqliteHost host) : BackupTests(host);

[Collection(PostgresCollection.Name)]
public sealed class BackupTests_Postgres(PostgresHost host) : BackupTests(host);
