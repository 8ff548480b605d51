using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Platform;

public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public static class PagingExtensions
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 200;

    /// <summary>The page number (from 1) and size (1 to <see cref="MaxPageSize"/>) a request asked for, or the defaults.</summary>
    public static (int Number, int Size) Normalize(int? page, int? pageSize) =>
        (Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize));

    /// <summary>Two queries, whatever the page: the count and the page itself.</summary>
    public static async Task<Paged<T>> ToPagedAsync<T>(this IQueryable<T> query, int? page, int? pageSize, CancellationToken ct = default)
    {
        var (number, size) = Normalize(page, pageSize);
        var total = await query.CountAsync(ct);
        var items = await query.Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return new Paged<T>(items, total, number, size);
    }
}
