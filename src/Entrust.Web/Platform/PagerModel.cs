using Microsoft.AspNetCore.WebUtilities;

namespace Entrust.Web.Platform;

/// <summary>
/// The pager under every list: the count, numbered page links (the first, the last and two either side of the current one), and,
/// for a list that takes <see cref="ListQuery"/> (<see cref="Size"/> above 0), the page-size choice and the jump to a page — a
/// plain GET form that keeps the filter and the order, so it works without JavaScript.
/// </summary>
public sealed record PagerModel(HttpRequest Request, int Total, int Page, int Pages, int Size = 0)
{
    /// <summary>The pager of a list that takes <see cref="ListQuery"/>.</summary>
    public static PagerModel Of<T>(HttpRequest request, Paged<T> page) => new(request, page.Total, page.Page, page.Pages, page.PageSize);

    public string Url(int page) => With(Request, "page", page.ToString());

    /// <summary>The page numbers to link, with 0 where a gap (…) stands.</summary>
    public IReadOnlyList<int> Numbers()
    {
        var shown = new SortedSet<int> { 1, Pages };
        for (var p = Math.Max(1, Page - 2); p <= Math.Min(Pages, Page + 2); p++)
        {
            shown.Add(p);
        }
        var numbers = new List<int>();
        var last = 0;
        foreach (var p in shown)
        {
            if (p > last + 1)
            {
                numbers.Add(0);
            }
            numbers.Add(p);
            last = p;
        }
        return numbers;
    }

    /// <summary>The query's other parameters (the filter and the order), kept as hidden fields of the jump form.</summary>
    public IEnumerable<KeyValuePair<string, string>> Kept() => Request.Query
        .Where(q => q.Key is not ("page" or "size" or "handler"))
        .Select(q => new KeyValuePair<string, string>(q.Key, q.Value.ToString()));

    /// <summary>The current URL with one query parameter replaced, for pager links and sortable headers.</summary>
    public static string With(HttpRequest request, string key, string value)
    {
        var query = request.Query.Where(q => q.Key != key && q.Key != "handler")
            .Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString()))
            .Append(new KeyValuePair<string, string?>(key, value));
        return QueryHelpers.AddQueryString(request.Path, query);
    }

    /// <summary>A sortable column's link: ascending first, descending on the second click.</summary>
    public static string Sort(HttpRequest request, string column) =>
        With(request, "sort", request.Query["sort"] == column ? "-" + column : column);
}
