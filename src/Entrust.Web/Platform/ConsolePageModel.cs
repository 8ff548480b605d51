using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Platform;

/// <summary>
/// A console page that runs one write per post: on success it flashes and redirects (post-redirect-get); a refusal is shown
/// beside its field (or above the form) and the page is drawn again, nothing saved; a write on a row out of sight is 404 and
/// one the user may not make 403.
/// </summary>
public abstract class ConsolePageModel(IStringLocalizer<SharedResource> text) : PageModel
{
    private readonly HashSet<string> _placed = [];

    protected IStringLocalizer<SharedResource> Text => text;

    /// <summary>The errors of one field of <c>Input</c>, for the view to show beside it; null when none.</summary>
    public string? ErrorOf(string field) => ErrorAt("Input." + field);

    /// <summary>The errors of one posted field by its full name (a page of several forms binds each under its own prefix); null when none.</summary>
    public string? ErrorAt(string key)
    {
        _placed.Add(key);
        return ModelState.ErrorsOf(key);
    }

    /// <summary>
    /// Field errors the view has not shown beside a field (asked after the fields are drawn); of one form's fields when the page
    /// binds several under their own prefixes.
    /// </summary>
    public IEnumerable<string> UnplacedErrors(string prefix = "") => ModelState
        .Where(e => e.Key != "" && e.Key.StartsWith(prefix, StringComparison.Ordinal) && !_placed.Contains(e.Key))
        .SelectMany(e => e.Value?.Errors ?? []).Select(e => e.ErrorMessage);

    /// <summary>
    /// A refused batch of a grid or a picker (<see cref="RowsRejected"/>): each row's reason beside the field <paramref name="fieldOf"/>
    /// names for it (a roster cell, a trainee's score, the officers chosen); one it gives "" for, above the page.
    /// </summary>
    protected void PlaceRows(RowsRejected rejected, Func<int, string> fieldOf)
    {
        foreach (var row in rejected.Rows)
        {
            ModelState.AddModelError(fieldOf(row.Row), row.Reason);
        }
    }

    /// <summary>
    /// Whether a value typed could not be read as its field's kind (“abc” for a number). Only such binding failures count here:
    /// a page's own checks (required, too long) are the domain's, which answers them when the write runs.
    /// </summary>
    protected bool Unreadable => ModelState.Values.Any(e => e.Errors.Count > 0 && !string.IsNullOrEmpty(e.AttemptedValue));

    /// <summary>Runs <paramref name="write"/>; null from it is 404. <paramref name="done"/> gives the flash and where to go.</summary>
    protected async Task<IActionResult> RunAsync<T>(Func<Task<T?>> write, Func<T, (string Flash, string Url)> done,
        Func<Task<IActionResult>> refused) where T : class
    {
        if (Unreadable)
        {
            // Text in a number or date field: its message is already beside the field (BindingMessages); nothing is written.
            return await refused();
        }
        try
        {
            var result = await write();
            if (result is null)
            {
                return NotFound();
            }
            var (flash, url) = done(result);
            TempData["Flash"] = flash;
            return Redirect(url);
        }
        catch (RuleViolation v)
        {
            foreach (var refusal in v.All)
            {
                ModelState.AddModelError(refusal.Field is null ? "" : "Input." + refusal.Field, text.Message(refusal));
            }
            return await refused();
        }
        catch (ForbiddenAction)
        {
            return Forbid();
        }
    }
}
