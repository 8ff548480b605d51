using Entrust.Web.Platform;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features;

/// <summary>
/// The console's error page for a browser (<see cref="ErrorPages"/> re-executes here): 404, 403, a refusal a page left
/// uncaught and 500, in the console's layout and the user's language; the status code of the failed request is kept.
/// Any method may arrive here (a failed POST is re-executed as a POST), so no handler and no antiforgery check.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(IStringLocalizer<SharedResource> text) : PageModel
{
    public int Status { get; private set; }
    public string Heading { get; private set; } = "";
    public string Text { get; private set; } = "";

    /// <summary>Reads what failed; the view calls it first (any method renders the page, so no handler does).</summary>
    public void Describe()
    {
        var failed = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        Status = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null || failed is not null
            ? Response.StatusCode
            : StatusCodes.Status500InternalServerError;
        (Heading, Text) = (Status, failed) switch
        {
            (StatusCodes.Status404NotFound, _) => (text["Error.NotFound"].Value, text["Error.NotFoundText"].Value),
            (StatusCodes.Status403Forbidden, _) => (text["Account.Denied"].Value, text["Account.DeniedText"].Value),
            (_, RuleViolation v) => (text["Error.Refused"].Value, text.Message(v)),
            ( >= 400 and < 500, _) => (text["Error.Refused"].Value, text["Error.Text"].Value),
            _ => (text["Error.Title"].Value, text["Error.ServerText"].Value),
        };
    }
}
