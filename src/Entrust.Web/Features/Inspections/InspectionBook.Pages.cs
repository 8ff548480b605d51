using System.Linq.Expressions;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Inspections;

public sealed partial class InspectionBook
{
    /// <summary>
    /// A page of the work list in the asked order (<see cref="Sorts"/>). Sorted by a name (the township, the matter, the department)
    /// or by the number of targets, the page is found by ordered lookups: the filtered inspections counted per township (matter,
    /// department, number of targets) in one grouped query, the groups put in order, and only the groups the page falls in read (the
    /// rows of a group in the order of their ids, the list's tie-breaker; descending the exact reverse). Ordering a district's half
    /// a million inspections by a looked-up name or a count would name or count every one of them before the first page.
    /// </summary>
    public async Task<Paged<InspectionRow>> PageAsync(InspectionFilter f, ListQuery listing, CancellationToken ct)
    {
        var sort = Sorts.Effective(listing.Sort);
        var descending = sort.StartsWith('-');
        var filtered = Filter(db.Inspections.AsNoTracking(), f);
        return sort.TrimStart('-').ToLowerInvariant() switch
        {
            "township" => await PageByNameAsync(filtered, listing, descending, i => i.TownshipId, async (ids, token) =>
                await db.Townships.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, token), ct),
            "matter" => await PageByNameAsync(filtered, listing, descending, i => i.MatterId, async (ids, token) =>
                await db.Matters.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name, token), ct),
            "department" => await PageByNameAsync(filtered, listing, descending, i => i.DepartmentId, async (ids, token) =>
                await db.Departments.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, token), ct),
            "targets" => await PageByGroupAsync(filtered, listing, descending, i => i.TargetCount, Task.FromResult, ct),
            _ => await Rows(filtered).ToPagedAsync(listing, Sorts, ct),
        };
    }

    /// <summary>The page of the rows grouped by <paramref name="key"/>, the groups in the order of their names (then ids), each
    /// group's rows in the order of their ids.</summary>
    private Task<Paged<InspectionRow>> PageByNameAsync(IQueryable<Inspection> filtered, ListQuery listing, bool descending,
        Expression<Func<Inspection, Guid>> key, Func<List<Guid>, CancellationToken, Task<Dictionary<Guid, string>>> namesAsync,
        CancellationToken ct) =>
        PageByGroupAsync(filtered, listing, descending, key, async groups =>
        {
            var names = await namesAsync([.. groups.Select(g => g.Key)], ct);
            return [.. groups.OrderBy(g => names.GetValueOrDefault(g.Key, ""), StringComparer.Ordinal).ThenBy(g => g.Key)];
        }, ct);

    /// <summary>The page of the rows grouped by <paramref name="key"/>, the groups as <paramref name="orderAsync"/> puts them
    /// (a key that orders itself: by its value), each group's rows in the order of their ids.</summary>
    private async Task<Paged<InspectionRow>> PageByGroupAsync<TKey>(IQueryable<Inspection> filtered, ListQuery listing, bool descending,
        Expression<Func<Inspection, TKey>> key, Func<List<Group<TKey>>, Task<List<Group<TKey>>>> orderAsync, CancellationToken ct)
        where TKey : IComparable<TKey>
    {
        var counts = await filtered.GroupBy(key).Select(g => new Group<TKey>(g.Key, g.Count())).ToListAsync(ct);
        var groups = await orderAsync([.. counts.OrderBy(g => g.Key)]);
        if (descending)
        {
            groups.Reverse();
        }
        var (number, size) = PagingExtensions.Normalize(listing.Page, listing.Size);
        var total = counts.Sum(c => c.Count);
        number = Math.Min(number, Math.Max(1, (total + size - 1) / size));
        var skip = (number - 1) * size;
        List<InspectionRow> items = [];
        foreach (var group in groups)
        {
            if (items.Count == size)
            {
                break;
            }
            if (skip >= group.Count)
            {
                skip -= group.Count;
                continue;
            }
            var take = Math.Min(size - items.Count, group.Count - skip);
            var rows = ById.Apply(Rows(filtered.Where(In(key, group.Key))), descending ? "-id" : "id");
            items.AddRange(await rows.Skip(skip).Take(take).ToListAsync(ct));
            skip = 0;
        }
        return new Paged<InspectionRow>(items, total, number, size);
    }

    /// <summary>One group of the filtered inspections: its key and how many it holds.</summary>
    private sealed record Group<TKey>(TKey Key, int Count);

    /// <summary>The order within a name: the list's tie-breaker, put before the projection (<see cref="ListSort{T}.Apply(IQueryable{T}, string?)"/>).</summary>
    private static readonly ListSort<InspectionRow> ById = new ListSort<InspectionRow>("id").By("id", r => r.Id);

    /// <summary><c>i =&gt; key(i) == value</c>, the value a query parameter.</summary>
    private static Expression<Func<Inspection, bool>> In<TKey>(Expression<Func<Inspection, TKey>> key, TKey value)
    {
        Expression<Func<TKey>> parameter = () => value;
        return Expression.Lambda<Func<Inspection, bool>>(Expression.Equal(key.Body, parameter.Body), key.Parameters);
    }
}
