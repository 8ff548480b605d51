using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;

namespace Entrust.Bench;

/// <summary>
/// What opening a pooled SQLite connection costs, with and without the PRAGMAs the app runs on every open
/// (Data/Database.cs SqlitePragmas). EF opens and closes the connection once per query, so a matter list page
/// (count + page) pays this twice.
/// </summary>
public class SqliteOpenBenchmarks
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;";
    private string _connectionString = "";

    [GlobalSetup]
    public void Setup() => _connectionString = $"Data Source={BenchDatabase.SqliteFile(BenchDatabase.DataDirectory)}";

    [Benchmark(Baseline = true)]
    public void OpenFromPool()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
    }

    [Benchmark]
    public int OpenFromPoolWithPragmas()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        return command.ExecuteNonQuery();
    }
}
