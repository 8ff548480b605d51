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

/// <summary>The matter list's two statements in plain ADO.NET: what SQLite itself costs, without EF around it.</summary>
public class MatterListSqlBenchmarks
{
    private string _connectionString = "";
    private string _district = "";

    [GlobalSetup]
    public void Setup()
    {
        _connectionString = $"Data Source={BenchDatabase.SqliteFile(BenchDatabase.DataDirectory)}";
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT Id FROM Districts WHERE Code = '{ProvinceNames.BenchDistrictCode}'";
        _district = (string)command.ExecuteScalar()!;
    }

    [Benchmark]
    public long Count()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"Matters\" AS \"m\" WHERE \"m\".\"DistrictId\" = @d";
        command.Parameters.AddWithValue("@d", _district);
        return (long)command.ExecuteScalar()!;
    }

    [Benchmark]
    public int Page()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT "m0"."Id", "m0"."DistrictId", "m0"."Code", "m0"."Name", "m0"."DepartmentId", "d0"."Name", "m0"."Domain", "m0"."Kind", "m0"."LawName", "m0"."LawArticle", "m0"."Entrustability"
            FROM (SELECT * FROM "Matters" AS "m" WHERE "m"."DistrictId" = @d ORDER BY "m"."Code" LIMIT 20 OFFSET 0) AS "m0"
            INNER JOIN (SELECT "d"."Id", "d"."Name" FROM "Departments" AS "d" WHERE "d"."DistrictId" = @d) AS "d0" ON "m0"."DepartmentId" = "d0"."Id"
            ORDER BY "m0"."Code"
            """;
        command.Parameters.AddWithValue("@d", _district);
        using var reader = command.ExecuteReader();
        var n = 0;
        while (reader.Read())
        {
            _ = reader.GetString(0) + reader.GetString(3) + reader.GetString(5) + reader.GetString(8);
            n++;
        }
        return n;
    }
}
