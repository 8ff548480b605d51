using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Entrust.Web.Platform;

/// <summary>
/// Every form field whose name has an error in the request's ModelState is drawn highlighted: <c>aria-invalid="true"</c> (what
/// a screen reader announces) and the <c>input-invalid</c> class (the red border), whichever way the page wrote the field
/// (<c>asp-for</c> or a plain <c>name</c>). The message itself stands beside the field (<c>asp-validation-for</c> or
/// <see cref="ConsolePageModel.ErrorOf"/>); the field keeps what was typed because the page draws its bound input again.
/// </summary>
[HtmlTargetElement("input")]
[HtmlTargetElement("select")]
[HtmlTargetElement("textarea")]
public sealed class InvalidFieldTagHelper : TagHelper
{
    /// <summary>After the framework's own helpers, which write the name from <c>asp-for</c>.</summary>
    public override int Order => 1000;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = output.Attributes.TryGetAttribute("name", out var attribute) ? attribute.Value?.ToString() : null;
        if (string.IsNullOrEmpty(name) || ViewContext?.ViewData.ModelState is not { ErrorCount: > 0 } state
            || !state.TryGetValue(name, out var entry) || entry.Errors.Count == 0)
        {
            return;
        }
        output.Attributes.SetAttribute("aria-invalid", "true");
        var css = output.Attributes.TryGetAttribute("class", out var existing) ? existing.Value + " input-invalid" : "input-invalid";
        output.Attributes.SetAttribute("class", css);
    }
}
