using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Entrust.Web.Data;

/// <summary>
/// Many new rows of one kind saved with the changes tracked beside them, in one transaction: a random draw's 5,000 assignments.
/// On PostgreSQL the rows go by <c>COPY … FROM STDIN (FORMAT BINARY)</c> after the tracked changes, inside their transaction (a
/// multi-row INSERT of 5,000 rows costs PostgreSQL several times as much to parse and bind); on SQLite, which has no COPY, they are
/// added to the context and saved with the rest. The columns and their values come from the EF model (value converters included),
/// so the copy writes what EF would. Rows saved this way pass no interceptor: they are for <see cref="Features.Audit.IBatchRow"/>s,
/// which get no audit entry of their own, and for tables no cache is kept over.
/// </summary>
public static class NewRows
{
    public static async Task SaveWithAsync<T>(EntrustDbContext db, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        if (!db.Database.IsNpgsql())
        {
            db.AddRange(rows);
            await db.SaveChangesAsync(ct);
            return;
        }
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.SaveChangesAsync(ct);
        await CopyAsync(db, rows, ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }
    }

    private static async Task CopyAsync<T>(EntrustDbContext db, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Where(p => !p.IsShadowProperty()).Select(p => (
            Name: p.GetColumnName(table)!,
            Get: p.GetGetter(),
            Converter: p.GetTypeMapping().Converter)).ToList();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var schema = entity.GetSchema() is { } s ? $"\"{s}\"." : "";
        var copy = $"COPY {schema}\"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await connection.BeginBinaryImportAsync(copy, ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var (_, get, converter) in columns)
            {
                var value = get.GetClrValue(row);
                if (value is not null && converter is not null)
                {
                    value = converter.ConvertToProvider(value);
                }
                if (value is null)
                {
                    await importer.WriteNullAsync(ct);
                }
                else
                {
                    await importer.WriteAsync(value, ct);
                }
            }
        }
        await importer.CompleteAsync(ct);
    }
}
