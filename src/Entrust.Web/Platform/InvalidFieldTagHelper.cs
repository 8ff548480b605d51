using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Entrust.Web.Platform;

/// <summary>
/// Every form field whose name has an error in the request's ModelState is drawn highlighted: <c>aria-invalid="true"</c> (what
/// a screen reader announces) and the <c>input-invalid</c> class (the red border), whichever way the page wrote the field
/// (<c>asp-for</c> or a plain <c>name</c>). The message itself stands beside the field (<c>asp-validation-for</c> or
/// <see cref="ConsolePageModel.ErrorOf"/>); the field keeps what was typed because the page draws its bound input again.
/// A refusal filed under another name than the field's (one for two selects, the meeting's participants; the township chosen
/// in a form of its own) names it in <c>invalid-for</c>; a group of check boxes (a <c>fieldset</c>) is marked the same way.
/// </summary>
[HtmlTargetElement("input")]
[HtmlTargetElement("select")]
[HtmlTargetElement("textarea")]
[HtmlTargetElement("fieldset", Attributes = "invalid-for")]
public sealed class InvalidFieldTagHelper : TagHelper
{
    /// <summary>After the framework's own helpers, which write the name from <c>asp-for</c>.</summary>
    public override int Order => 1000;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    /// <summary>The ModelState key whose errors this field answers, besides its own name.</summary>
    [HtmlAttributeName("invalid-for")]
    public string? InvalidFor { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = output.Attributes.TryGetAttribute("name", out var attribute) ? attribute.Value?.ToString() : null;
        if (ViewContext?.ViewData.ModelState is not { ErrorCount: > 0 } state || !new[] { name, InvalidFor }.Any(key =>
            !string.IsNullOrEmpty(key) && state.TryGetValue(key, out var entry) && entry.Errors.Count > 0))
        {
            return;
        }
        if (output.TagName != "fieldset")
        {
            // A group is no form control to a screen reader: its boxes (by their name) or the message beside it say so.
            output.Attributes.SetAttribute("aria-invalid", "true");
        }
        var css = output.Attributes.TryGetAttribute("class", out var existing) ? existing.Value + " input-invalid" : "input-invalid";
        output.Attributes.SetAttribute("class", css);
    }
}
