using System.Net;
using System.Text.RegularExpressions;

namespace Entrust.Tests.Hosting;

/// <summary>
/// A console form posted as a browser posts it (its antiforgery field with the fields typed) and its answer read as a user reads
/// it: each refusal beside its field, the field highlighted (issue 18, item 5).
/// </summary>
public static class FormPosts
{
    /// <summary>Posts <paramref name="fields"/> with the antiforgery token of <paramref name="page"/>; the form comes back (200), decoded.</summary>
    public static async Task<string> PostAsync(HttpClient console, string url, string page, params (string Name, string Value)[] fields)
    {
        using var posted = await console.PostAsync(url, new FormUrlEncodedContent(fields
            .Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("__RequestVerificationToken", ConsoleSignIn.Antiforgery(page)))));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        return WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// The field <paramref name="id"/> (an input, select or textarea) highlighted, with <paramref name="message"/> in the field error
    /// right after it (after its label when the label wraps it).
    /// </summary>
    public static void RefusedBeside(string html, string id, string message) =>
        Assert.Matches($"<(?<tag>input|select|textarea)(?=[^>]*\\bid=\"{Regex.Escape(id)}\")(?=[^>]*aria-invalid=\"true\")[^>]*>"
            + $"(?:(?:(?!</\\k<tag>>).)*</\\k<tag>>)?(?:\\s*</label>)?\\s*<span class=\"field-error[^\"]*\"[^>]*>[^<]*{Regex.Escape(message)}",
            Regex.Replace(html, "\\s+", " "));

    /// <summary>A group of check boxes or radios (the fieldset <paramref name="id"/>) highlighted, with <paramref name="message"/> right after it.</summary>
    public static void RefusedBesideGroup(string html, string id, string message) =>
        Assert.Matches($"<fieldset(?=[^>]*\\bid=\"{Regex.Escape(id)}\")(?=[^>]*\\binput-invalid\\b)[^>]*>(?:(?!</fieldset>).)*</fieldset>"
            + $"\\s*<span class=\"field-error[^\"]*\"[^>]*>[^<]*{Regex.Escape(message)}",
            Regex.Replace(html, "\\s+", " "));

    /// <summary>The message is shown once: beside its field, not again in a list above the form.</summary>
    public static void ShownOnce(string html, string message) => Assert.Single(Regex.Matches(html, Regex.Escape(message)));
}
