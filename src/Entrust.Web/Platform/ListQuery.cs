using System.Linq.Expressions;
using System.Reflection;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Platform;

/// <summary>
/// What a console list's address asks besides its filter: <c>sort</c> (a key of the list's <see cref="ListSort{T}"/>, <c>-</c>
/// before it for descending), <c>page</c> (from 1) and <c>size</c> (rows a page). A page binds it with <c>[FromQuery]</c>, so the
/// route's own <c>page</c> value never reaches it.
/// </summary>
public sealed class ListQuery
{
    public string? Sort { get; set; }
    public int? Page { get; set; }
    public int? Size { get; set; }

    /// <summary>The page sizes a list offers.</summary>
    public static readonly int[] Sizes = [10, 20, 50, 100];
}

/// <summary>What the header of a sortable list needs to know: the keys it takes and the order when none is asked.</summary>
public interface IListSort
{
    string Default { get; }
    bool Knows(string? sort);

    /// <summary>The order the list is in: the asked one when it is a known key, the default otherwise.</summary>
    string Effective(string? sort) => Knows(sort) ? sort! : Default;
}

/// <summary>
/// A list's sort keys, the whitelist: each key names an expression on the list's row, the only orders the list accepts (an
/// unknown key is the default). The keys are written on the row the list shows; when the list's query ends in a projection
/// (<c>select new Row(...)</c>), the order is put before the projection on the expression the row's member was made from, so
/// the database sorts whatever the row is built from, and the paging after it stays in the database too.
/// </summary>
public sealed class ListSort<T>(string defaultSort) : IListSort
{
    private readonly Dictionary<string, LambdaExpression> _keys = new(StringComparer.OrdinalIgnoreCase);
    private LambdaExpression? _then;

    public string Default { get; } = defaultSort;

    public IReadOnlyCollection<string> Keys => _keys.Keys;

    public ListSort<T> By<TKey>(string key, Expression<Func<T, TKey>> expression)
    {
        _keys[key] = expression;
        return this;
    }

    /// <summary>The tie-breaker after every key (the row's id), so that a page boundary never splits equal rows at random.</summary>
    public ListSort<T> Then<TKey>(Expression<Func<T, TKey>> expression)
    {
        _then = expression;
        return this;
    }

    public bool Knows(string? sort) => !string.IsNullOrWhiteSpace(sort) && _keys.ContainsKey(sort.TrimStart('-'));

    public string Effective(string? sort) => Knows(sort) ? sort!.Trim() : Default;

    /// <summary>The asked order turned round (the default's when none is known): ascending for descending and back.</summary>
    public string Reversed(string? sort) => Effective(sort) is var effective && effective.StartsWith('-') ? effective[1..] : "-" + effective;

    /// <summary>The rows in the asked order (the default when the key is not on the list).</summary>
    public IQueryable<T> Apply(IQueryable<T> rows, string? sort)
    {
        var effective = Effective(sort);
        var descending = effective.StartsWith('-');
        var key = _keys[effective.TrimStart('-')];
        if (rows.Expression is MethodCallExpression { Method: { Name: nameof(Queryable.Select) } select } call
            && select.DeclaringType == typeof(Queryable) && select.GetParameters()[1].ParameterType.GetGenericArguments()[0]
                .GetGenericArguments().Length == 2
            && call.Arguments[1] is UnaryExpression { Operand: LambdaExpression selector }
            && Rebind(key, selector) is { } inner)
        {
            var source = call.Arguments[0];
            var sourceType = selector.Parameters[0].Type;
            source = Order(source, sourceType, inner, descending ? nameof(Queryable.OrderByDescending) : nameof(Queryable.OrderBy));
            if (_then is not null && Rebind(_then, selector) is { } then)
            {
                source = Order(source, sourceType, then, descending ? nameof(Queryable.ThenByDescending) : nameof(Queryable.ThenBy));
            }
            return rows.Provider.CreateQuery<T>(Expression.Call(select, source, call.Arguments[1]));
        }
        var ordered = Order(rows.Expression, typeof(T), key, descending ? nameof(Queryable.OrderByDescending) : nameof(Queryable.OrderBy));
        if (_then is not null)
        {
            ordered = Order(ordered, typeof(T), _then, descending ? nameof(Queryable.ThenByDescending) : nameof(Queryable.ThenBy));
        }
        return rows.Provider.CreateQuery<T>(ordered);
    }

    /// <summary>Rows already in memory (a list built from several queries), in the asked order.</summary>
    public IReadOnlyList<T> Apply(IEnumerable<T> rows, string? sort) => [.. Apply(rows.AsQueryable(), sort)];

    private static MethodCallExpression Order(Expression source, Type element, LambdaExpression key, string method) =>
        Expression.Call(typeof(Queryable), method, [element, key.ReturnType], source, Expression.Quote(key));

    /// <summary>The key written on the row, rewritten on the projection's source: <c>r =&gt; r.TownshipName</c> becomes <c>x =&gt; t.Name</c>.</summary>
    private static LambdaExpression? Rebind(LambdaExpression key, LambdaExpression selector)
    {
        var members = MembersOf(selector.Body);
        if (members is null)
        {
            return null;
        }
        var visitor = new MemberSwap(key.Parameters[0], members);
        var body = visitor.Visit(key.Body);
        return visitor.Failed ? null : Expression.Lambda(body, selector.Parameters[0]);
    }

    private static Dictionary<string, Expression>? MembersOf(Expression body)
    {
        var members = new Dictionary<string, Expression>(StringComparer.OrdinalIgnoreCase);
        var construct = body switch
        {
            NewExpression n => n,
            MemberInitExpression m => m.NewExpression,
            _ => null,
        };
        if (construct is null)
        {
            return null;
        }
        if (construct.Members is { } named)
        {
            for (var i = 0; i < named.Count; i++)
            {
                members[named[i].Name] = construct.Arguments[i];
            }
        }
        else if (construct.Constructor is { } constructor)
        {
            var parameters = constructor.GetParameters();
            for (var i = 0; i < parameters.Length; i++)
            {
                members[parameters[i].Name!] = construct.Arguments[i];
            }
        }
        if (body is MemberInitExpression init)
        {
            foreach (var binding in init.Bindings.OfType<MemberAssignment>())
            {
                members[binding.Member.Name] = binding.Expression;
            }
        }
        return members;
    }

    private sealed class MemberSwap(ParameterExpression row, Dictionary<string, Expression> members) : ExpressionVisitor
    {
        public bool Failed { get; private set; }

        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression == row)
            {
                if (members.TryGetValue(node.Member.Name, out var made) && made.Type == ((node.Member as PropertyInfo)?.PropertyType ?? made.Type))
                {
                    return made;
                }
                Failed = true;
                return node;
            }
            return base.VisitMember(node);
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            if (node == row)
            {
                Failed = true;
            }
            return node;
        }
    }
}

public static class ListQueryExtensions
{
    /// <summary>
    /// The list's page in the asked order; a page past the last one is the last one. A page past the middle is read from the end in
    /// the reverse order (<see cref="ListSort{T}.Reversed"/>, the tie-breaker reversed too, so the rows are the same) and turned
    /// round: the database steps over the rows after it, not the hundreds of thousands before the last page of a district's list.
    /// </summary>
    public static async Task<Paged<T>> ToPagedAsync<T>(this IQueryable<T> query, ListQuery list, ListSort<T> sort, CancellationToken ct)
    {
        var (number, size) = PagingExtensions.Normalize(list.Page, list.Size);
        var total = await query.CountAsync(ct);
        number = Math.Min(number, Math.Max(1, (total + size - 1) / size));
        var skip = (number - 1) * size;
        if (skip <= total / 2)
        {
            return new Paged<T>(await sort.Apply(query, list.Sort).Skip(skip).Take(size).ToListAsync(ct), total, number, size);
        }
        var take = Math.Min(size, total - skip);
        var items = await sort.Apply(query, sort.Reversed(list.Sort)).Skip(total - skip - take).Take(take).ToListAsync(ct);
        items.Reverse();
        return new Paged<T>(items, total, number, size);
    }

    /// <summary>A page of a query already in its order (a list whose default order is not one of its columns).</summary>
    public static async Task<Paged<T>> ToPagedAsync<T>(this IQueryable<T> query, ListQuery list, CancellationToken ct)
    {
        var (number, size) = PagingExtensions.Normalize(list.Page, list.Size);
        var total = await query.CountAsync(ct);
        number = Math.Min(number, Math.Max(1, (total + size - 1) / size));
        var items = await query.Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return new Paged<T>(items, total, number, size);
    }

    /// <summary>A page of rows already in memory, in the asked order.</summary>
    public static Paged<T> ToPaged<T>(this IEnumerable<T> rows, ListQuery list, ListSort<T> sort)
    {
        var all = sort.Apply(rows, list.Sort);
        var (number, size) = PagingExtensions.Normalize(list.Page, list.Size);
        number = Math.Min(number, Math.Max(1, (all.Count + size - 1) / size));
        return new Paged<T>([.. all.Skip((number - 1) * size).Take(size)], all.Count, number, size);
    }

    /// <summary>
    /// A page of rows already in memory, in the asked order; when no page is asked and a row <paramref name="holding"/> picks is among
    /// them, the page that holds it: a link to one record of a paged list (<c>?record={id}#a-{id}</c>) lands on its row, wherever the
    /// order puts it.
    /// </summary>
    public static Paged<T> ToPaged<T>(this IEnumerable<T> rows, ListQuery list, ListSort<T> sort, Func<T, bool>? holding)
    {
        if (holding is null || list.Page is not null)
        {
            return rows.ToPaged(list, sort);
        }
        var all = sort.Apply(rows, list.Sort);
        var (_, size) = PagingExtensions.Normalize(null, list.Size);
        var number = Enumerable.Range(0, all.Count).FirstOrDefault(i => holding(all[i])) / size + 1;
        return new Paged<T>([.. all.Skip((number - 1) * size).Take(size)], all.Count, number, size);
    }

    /// <summary>A page of rows already in memory and already in their order (a public list).</summary>
    public static Paged<T> ToPaged<T>(this IReadOnlyList<T> rows, ListQuery list)
    {
        var (number, size) = PagingExtensions.Normalize(list.Page, list.Size);
        number = Math.Min(number, Math.Max(1, (rows.Count + size - 1) / size));
        return new Paged<T>([.. rows.Skip((number - 1) * size).Take(size)], rows.Count, number, size);
    }

    /// <summary>Every row the filter shows in the list's order, up to the export's limit: what the export writes.</summary>
    public static IQueryable<T> ForExport<T>(this IQueryable<T> query, ListQuery list, ListSort<T> sort) =>
        sort.Apply(query, list.Sort).Take(ListExport.MaxRows);
}

/// <summary>
/// A sortable column's header: a link to the list in that order (from its first page), the arrow and aria-sort; with JavaScript
/// the link moves only the list (<see cref="ListNavigation"/>).
/// </summary>
public static class ListHeader
{
    public static IHtmlContent Th(HttpRequest request, IListSort sort, string key, string label, string? css = null)
    {
        var effective = sort.Effective(request.Query["sort"]);
        var current = effective.TrimStart('-');
        var on = string.Equals(current, key, StringComparison.OrdinalIgnoreCase);
        var descending = on && effective.StartsWith('-');
        var next = on && !descending ? "-" + key : key;
        var query = request.Query.Where(q => q.Key is not ("sort" or "page" or "handler"))
            .Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString()))
            .Append(new KeyValuePair<string, string?>("sort", next));
        var href = QueryHelpers.AddQueryString(request.Path, query);
        var encoder = HtmlEncoder.Default;
        var aria = on ? $" aria-sort=\"{(descending ? "descending" : "ascending")}\"" : "";
        var arrow = on ? (descending ? " ▼" : " ▲") : "";
        var cls = css is null ? "" : $" class=\"{encoder.Encode(css)}\"";
        return new HtmlString($"<th{cls}{aria} data-sort=\"{encoder.Encode(key)}\"><a class=\"sort\" href=\"{encoder.Encode(href)}\"{ListNavigation.HtmxAttributes}>"
            + $"{encoder.Encode(label)}<span class=\"sort-mark\" aria-hidden=\"true\">{arrow}</span></a></th>");
    }

    /// <summary>
    /// The order and page size as hidden fields of a list's filter form, so that filtering keeps them (and starts at page 1); in
    /// one element that a list moved without a reload replaces too (<see cref="ListNavigation"/>).
    /// </summary>
    public static IHtmlContent Keep(HttpRequest request)
    {
        var encoder = HtmlEncoder.Default;
        var fields = new[] { "sort", "size" }.Where(k => !string.IsNullOrEmpty(request.Query[k]))
            .Select(k => $"<input type=\"hidden\" name=\"{k}\" value=\"{encoder.Encode(request.Query[k].ToString())}\" />");
        return new HtmlString($"<span id=\"{ListNavigation.KeptId}\">{string.Concat(fields)}</span>");
    }
}
