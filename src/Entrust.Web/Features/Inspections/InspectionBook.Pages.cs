using System.Linq.Expressions;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Inspections;

public sealed partial class InspectionBook
{
    /// <summary>
    /// A page of the work list in the asked order (<see cref="Sorts"/>). Sorted by a name (the township, the matter, the department)
    /// the page is found by ordered lookups: the filtered inspections counted per township (matter, department) in one grouped query,
    /// the groups put in the order of their names, and only the groups the page falls in read (the rows of a name in the order of
    /// their ids, the list's tie-breaker; descending the exact reverse). Ordering a district's half a million inspections by a
    /// looked-up name would name every one of them before the first page.
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
            _ => await Rows(filtered).ToPagedAsync(listing, Sorts, ct),
        };
    }

    /// <summary>The page of the rows grouped by <paramref name="key"/>, the groups in the order of their names (then ids), each
    /// group's rows in the order of their ids.</summary>
    private async Task<Paged<InspectionRow>> PageByNameAsync(IQueryable<Inspection> filtered, ListQuery listing, bool descending,
        Expression<Func<Inspection, Guid>> key, Func<List<Guid>, CancellationToken, Task<Dictionary<Guid, string>>> namesAsync,
        CancellationToken ct)
    {
        var counts = await filtered.GroupBy(key).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var names = await namesAsync([.. counts.Select(c => c.Key)], ct);
        var groups = counts.OrderBy(c => names.GetValueOrDefault(c.Key, ""), StringComparer.Ordinal).ThenBy(c => c.Key).ToList();
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

    /// <summary>The order within a name: the list's tie-breaker, put before the projection (<see cref="ListSort{T}.Apply(IQueryable{T}, string?)"/>).</summary>
    private static readonly ListSort<InspectionRow> ById = new ListSort<InspectionRow>("id").By("id", r => r.Id);

    /// <summary><c>i =&gt; key(i) == id</c>, the id a query parameter.</summary>
    private static Expression<Func<Inspection, bool>> In(Expression<Func<Inspection, Guid>> key, Guid id)
    {
        Expression<Func<Guid>> parameter = () => id;
        return Expression.Lambda<Func<Inspection, bool>>(Expression.Equal(key.Body, parameter.Body), key.Parameters);
    }
}
