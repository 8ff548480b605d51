using System.Text.RegularExpressions;

namespace Entrust.BrowserTests.Hosting;

/// <summary>
/// What no Chinese console page may show: a posted form without its anti-forgery token, 无权访问 (a link that leads where the user may not go), a resource key shown instead of
/// its text (<c>Entity.Foo</c>, <c>Field.Bar</c>), a Latin word, or ASCII punctuation against a Chinese character. Codes, numbers, file names and addresses are not words (they
/// carry a digit, a dot, a slash or a hyphen, or are capitals: AJ, API, PDF, ID); a short list of terms and the demo's login
/// names are allowed.
/// </summary>
public static partial class PageScan
{
    /// <summary>Latin terms a Chinese official's screen may show: product names, file types, a key, the language switch.</summary>
    public static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
    {
        "Excel", "Word", "English", "xlsx", "docx", "Ctrl",
        // The demo's login names, shown where accounts are kept.
        "admin", "office", "auditor",
    };

    /// <summary>The text a page shows: its title, the visible text, and the hints and labels of its fields and buttons.</summary>
    public const string TextScript = """
        () => [document.title, document.body ? document.body.innerText : '',
               ...[...document.querySelectorAll('[placeholder],[aria-label],[title]')].flatMap(e =>
                   ['placeholder', 'aria-label', 'title'].map(a => e.getAttribute(a) || ''))].join('\n')
        """;

    /// <summary>The actions of the page's posted forms that carry no anti-forgery token (a form the server would refuse with 400).</summary>
    public const string FormScript = """
        () => [...document.querySelectorAll('form')].filter(f => f.method === 'post'
                   && !f.querySelector('input[name="__RequestVerificationToken"]')).map(f => f.getAttribute('action') || f.id || 'form')
        """;

    /// <summary>A run of characters a Latin word, a code, a key, a file's extension (.jpg) or an address (/Scope) is made of.</summary>
    [GeneratedRegex(@"[A-Za-z0-9_./][A-Za-z0-9_.\-/@:+#%=?&]*")]
    private static partial Regex Run();

    [GeneratedRegex(@"^[A-Z][A-Za-z]+(\.[A-Z][A-Za-z]*)+$")]
    private static partial Regex RawKey();

    [GeneratedRegex(@"^[A-Za-z]{2,}$")]
    private static partial Regex Word();

    /// <summary>A code in capitals (a department's AJ, SYJ): a code, not a word.</summary>
    [GeneratedRegex(@"^[A-Z]{2,5}$")]
    private static partial Regex Code();

    /// <summary>
    /// ASCII punctuation , : ; ? ! ( ) written against a Chinese character: Chinese text takes the full-width marks (，：；？！（）).
    /// Numbers, dates, times, codes and addresses keep theirs (09:00, 1,000, AJ(2026), https://) because no Chinese character
    /// touches the mark there.
    /// </summary>
    [GeneratedRegex(@"(?<=\p{IsCJKUnifiedIdeographs})[,:;?!()]|[,:;?!()](?=\p{IsCJKUnifiedIdeographs})")]
    private static partial Regex AsciiPunctuation();

    /// <summary>Everything wrong with a Chinese page's text, one line each (empty when clean).</summary>
    public static IReadOnlyList<string> Problems(string text)
    {
        var problems = new List<string>();
        if (text.Contains("无权访问", StringComparison.Ordinal))
        {
            problems.Add("无权访问");
        }
        foreach (var mark in AsciiPunctuation().Matches(text).Select(m => Around(text, m.Index)).Distinct())
        {
            problems.Add($"ASCII punctuation in Chinese text: {mark}");
        }
        foreach (var run in Run().Matches(text).Select(m => m.Value.TrimEnd('.', ':', '-', '/', '?', '&', '=')).Distinct())
        {
            if (RawKey().IsMatch(run))
            {
                problems.Add($"raw resource key {run}");
            }
            else if (Word().IsMatch(run) && !Code().IsMatch(run) && !Allowed.Contains(run))
            {
                problems.Add($"Latin word {run}");
            }
        }
        return problems;
    }

    /// <summary>The mark with a few characters either side, on one line, for the report.</summary>
    private static string Around(string text, int index)
    {
        var start = Math.Max(0, index - 6);
        return "«" + text[start..Math.Min(text.Length, index + 7)].ReplaceLineEndings(" ") + "»";
    }
}
