using System.Diagnostics;
using Entrust.Web.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Entrust.Web.Platform;

/// <summary>
/// Backups of the whole database and their restore (issue 19), run as commands of the application on the node's own settings:
/// <c>dotnet Entrust.Web.dll backup FILE</c> and <c>dotnet Entrust.Web.dll restore FILE</c> (docs/operations.md).
/// PostgreSQL: <c>pg_dump</c>'s custom format (compressed, every table, the key ring and the scheduler's tables with them), read
/// back by <c>pg_restore</c> in one transaction. SQLite: the online backup API, a consistent copy of a database in use (never a
/// file copy, which can catch a write half done or miss what is still in the WAL file). A backup is checked as it is written
/// (the archive's table of contents, SQLite's integrity check) and appears under its name only when complete. A restore goes
/// into an empty database only: it never overwrites data.
/// </summary>
public static class Backups
{
    /// <summary>The command in <paramref name="args"/> (<c>backup FILE</c> or <c>restore FILE</c>), if any.</summary>
    public static (string Verb, string File)? Command(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "backup" or "restore")
            {
                return i + 1 < args.Length
                    ? (args[i], args[i + 1])
                    : throw new ArgumentException($"usage: Entrust.Web {args[i]} FILE");
            }
        }
        return null;
    }

    /// <summary>Runs a command on the configured database; the exit code.</summary>
    public static async Task<int> RunAsync(IConfiguration config, (string Verb, string File) command, CancellationToken ct = default)
    {
        var (provider, connection) = (Database.Provider(config), Database.ConnectionString(config));
        var file = Path.GetFullPath(command.File);
        try
        {
            if (command.Verb == "backup")
            {
                await BackupAsync(provider, connection, file, PostgresTools(config), ct);
                Console.WriteLine($"Backup written: {file} ({new FileInfo(file).Length:N0} bytes).");
            }
            else
            {
                await RestoreAsync(provider, connection, file, PostgresTools(config), ct);
                Console.WriteLine($"Restored from {file}. Start the nodes (or run `migrate` first if this build is newer).");
            }
            return 0;
        }
        catch (BackupException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }

    /// <summary>Where pg_dump and pg_restore are (<c>Backup:PostgresTools</c>); by default the ones on the PATH.</summary>
    private static string? PostgresTools(IConfiguration config) => config["Backup:PostgresTools"];

    public static async Task BackupAsync(DatabaseProvider provider, string connectionString, string file, string? tools = null,
        CancellationToken ct = default)
    {
        var partial = file + ".partial";
        File.Delete(partial);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        try
        {
            if (provider == DatabaseProvider.Postgres)
            {
                var server = new NpgsqlConnectionStringBuilder(connectionString);
                await RunToolAsync(Tool(tools, "pg_dump"), server, ["--format=custom", "--no-password", $"--file={partial}"], ct);
                // The archive's table of contents reads back: the file is whole.
                await RunToolAsync(Tool(tools, "pg_restore"), server, ["--list", partial], ct);
            }
            else
            {
                await using (var source = new SqliteConnection(connectionString))
                await using (var target = new SqliteConnection(Unpooled(partial)))
                {
                    await source.OpenAsync(ct);
                    await target.OpenAsync(ct);
                    source.BackupDatabase(target);
                }
                await CheckSqliteAsync(partial, ct);
            }
            File.Move(partial, file, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    public static async Task RestoreAsync(DatabaseProvider provider, string connectionString, string file, string? tools = null,
        CancellationToken ct = default)
    {
        if (!File.Exists(file))
        {
            throw new BackupException($"No backup at {file}.");
        }
        if (provider == DatabaseProvider.Postgres)
        {
            var server = new NpgsqlConnectionStringBuilder(connectionString);
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync(ct);
                await using var tables = new NpgsqlCommand(
                    "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')", connection);
                if ((long)(await tables.ExecuteScalarAsync(ct))! > 0)
                {
                    throw new BackupException($"Database {server.Database} is not empty: a restore goes into a new, empty database only.");
                }
            }
            NpgsqlConnection.ClearAllPools();
            // One transaction: a restore that fails leaves the database as empty as it was. The restoring account owns what it makes.
            await RunToolAsync(Tool(tools, "pg_restore"), server,
                ["--no-password", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", $"--dbname={server.Database}", file], ct);
            return;
        }
        var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
        await CheckSqliteAsync(file, ct);
        await using (var target = new SqliteConnection(Unpooled(path)))
        {
            await target.OpenAsync(ct);
            await using var tables = target.CreateCommand();
            tables.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table'";
            if ((long)(await tables.ExecuteScalarAsync(ct))! > 0)
            {
                throw new BackupException($"{path} is not empty: a restore goes into a new, empty database only.");
            }
            await using var source = new SqliteConnection(Unpooled(file) + ";Mode=ReadOnly");
            await source.OpenAsync(ct);
            source.BackupDatabase(target);
        }
        await CheckSqliteAsync(path, ct);
    }

    private static string Unpooled(string path) => new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString;

    private static async Task CheckSqliteAsync(string path, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(Unpooled(path) + ";Mode=ReadOnly");
        await connection.OpenAsync(ct);
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        var answer = (string?)await check.ExecuteScalarAsync(ct);
        if (answer != "ok")
        {
            throw new BackupException($"{path} fails SQLite's integrity check: {answer}");
        }
    }

    private static string Tool(string? directory, string name) => directory is { Length: > 0 } ? Path.Combine(directory, name) : name;

    /// <summary>Runs a PostgreSQL tool with the server, account and password given in its environment, never on its command line.</summary>
    private static async Task RunToolAsync(string tool, NpgsqlConnectionStringBuilder server, string[] arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["PGHOST"] = server.Host ?? "localhost";
        start.Environment["PGPORT"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGDATABASE"] = server.Database ?? "";
        if (server.Username is { Length: > 0 } user)
        {
            start.Environment["PGUSER"] = user;
        }
        if (server.Password is { Length: > 0 } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }
        if (server.SslMode is not SslMode.Prefer)
        {
            start.Environment["PGSSLMODE"] = server.SslMode.ToString().ToLowerInvariant() switch
            {
                "verifyca" => "verify-ca",
                "verifyfull" => "verify-full",
                var mode => mode,
            };
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new BackupException($"{tool} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BackupException($"{tool} not found ({e.Message}): install postgresql-client or set Backup:PostgresTools.");
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(ct);
            var errors = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            await output;
            if (process.ExitCode != 0)
            {
                throw new BackupException($"{Path.GetFileName(tool)} failed (exit {process.ExitCode}): {(await errors).Trim()}");
            }
        }
    }
}

/// <summary>A backup or restore that could not be done; its message says why.</summary>
public sealed class BackupException(string message) : Exception(message);
