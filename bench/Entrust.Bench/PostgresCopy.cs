using Entrust.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Entrust.Bench;

/// <summary>
/// Writes entities with PostgreSQL's binary COPY, reading the table, the columns, the value converters (enums) and the
/// complex properties (a case's penalties) from the application's EF model, so the rows are exactly what EF would have
/// written. For generated data only: no audit entries, no change tracking.
/// </summary>
internal sealed class PostgresCopy(EntrustDbContext db, NpgsqlConnection connection)
{
    private sealed record Column(string Name, string StoreType, Func<object, object?> Read);

    public async Task WriteAsync<T>(IEnumerable<T> rows) where T : class
    {
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped");
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var columns = new List<Column>();
        foreach (var p in type.GetProperties())
        {
            columns.Add(new Column(p.GetColumnName(table)!, p.GetColumnType(), o => ToProvider(p, p.GetGetter().GetClrValue(o))));
        }
        foreach (var complex in type.GetComplexProperties())
        {
            foreach (var p in complex.ComplexType.GetProperties())
            {
                columns.Add(new Column(p.GetColumnName(table)!, p.GetColumnType(), o =>
                    complex.GetGetter().GetClrValue(o) is { } value ? ToProvider(p, p.GetGetter().GetClrValue(value)) : null));
            }
        }
        var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        await using var copy = await connection.BeginBinaryImportAsync($"COPY \"{table.Name}\" ({names}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            await copy.StartRowAsync();
            foreach (var column in columns)
            {
                if (column.Read(row) is { } value)
                {
                    await copy.WriteAsync(value, BaseType(column.StoreType));
                }
                else
                {
                    await copy.WriteNullAsync();
                }
            }
        }
        await copy.CompleteAsync();
    }

    private static object? ToProvider(IReadOnlyProperty property, object? value) =>
        value is null ? null : property.GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider(value) : value;

    // "character varying(200)" → "character varying", "numeric(14,2)" → "numeric": COPY takes the type without its facets.
    private static string BaseType(string storeType) => storeType.IndexOf('(') is var i and > 0 ? storeType[..i] : storeType;
}
