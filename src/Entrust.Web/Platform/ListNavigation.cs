using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Entrust.Web.Platform;

/// <summary>
/// A console list moves without reloading the page (issue 18). The list's filter form (<c>&lt;form method="get" list-nav&gt;</c>),
/// its sortable headers (<see cref="ListHeader.Th"/>), its pager links and its page-size form (<c>_Pager</c>) stay plain GET
/// links and forms; htmx sends them in the background instead, takes from the answer (the whole page, as without JavaScript)
/// only the list's region (<c>&lt;div list-region&gt;</c>: the table and the pager) and, out of band, the export link and the
/// filter form's kept order and size (<see cref="ListHeader.Keep"/>), so the export still writes what the list shows; the
/// address goes into the browser's history, so the back button and a copied link show the same list.
/// </summary>
[HtmlTargetElement("a", Attributes = Link)]
[HtmlTargetElement("form", Attributes = Link)]
[HtmlTargetElement("div", Attributes = Region)]
public sealed class ListNavigation : TagHelper
{
    public const string Link = "list-nav";
    public const string Region = "list-region";
    public const string RegionId = "list";
    public const string KeptId = "list-keep";

    /// <summary>
    /// What htmx needs to move the list: <c>hx-boost</c> takes the link's href or the form's fields (the very request a browser
    /// without JavaScript sends); the page scrolls to its top as a reload would.
    /// </summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> Htmx =
    [
        new("hx-boost", "true"),
        new("hx-target", "#" + RegionId),
        new("hx-select", "#" + RegionId),
        new("hx-swap", "outerHTML show:window:top"),
        new("hx-select-oob", $"#export,#{KeptId}"),
        new("hx-push-url", "true"),
    ];

    /// <summary>The same attributes written out, for the links built in code.</summary>
    public static readonly string HtmxAttributes = string.Concat(Htmx.Select(a => $" {a.Key}=\"{a.Value}\""));

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (output.Attributes.ContainsName(Region))
        {
            output.Attributes.RemoveAll(Region);
            output.Attributes.SetAttribute("id", RegionId);
            return;
        }
        output.Attributes.RemoveAll(Link);
        foreach (var (name, value) in Htmx)
        {
            output.Attributes.SetAttribute(name, value);
        }
    }
}
