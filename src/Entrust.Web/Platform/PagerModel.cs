using Microsoft.AspNetCore.WebUtilities;

namespace Entrust.Web.Platform;

/// <summary>The pager under every list: the page's query string with another page number.</summary>
public sealed record PagerModel(HttpRequest Request, int Total, int Page, int Pages)
{
    public string Url(int page) => With(Request, "page", page.ToString());

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
