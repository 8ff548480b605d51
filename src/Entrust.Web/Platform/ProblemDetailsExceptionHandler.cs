using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Platform;

/// <summary>
/// The one place where a refused action becomes an answer: a domain <see cref="RuleViolation"/>
/// turns into a 400/409 ProblemDetails whose title and detail are in the caller's language. Only for the API: a browser
/// gets the console's error page (<see cref="ErrorPages"/>).
/// </summary>
public sealed class ProblemDetailsExceptionHandler(
    IProblemDetailsService problemDetails,
    IStringLocalizer<SharedResource> text,
    ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (!ErrorPages.IsApi(http))
        {
            // A page's own refusal it did not catch: the console's error page answers the browser (ErrorPages).
            return false;
        }
        var (status, title, detail, field) = exception switch
        {
            RuleViolation v => (v.StatusCode, text["Error.RuleViolation"].Value, text.Message(v), v.Field),
            ForbiddenAction => (StatusCodes.Status403Forbidden, text["Error.Forbidden"].Value, text["Account.DeniedText"].Value, null),
            DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, text["Error.Conflict"].Value, text["Error.ConcurrentChange"].Value, null),
            BadHttpRequestException b when BindingMessages.ForApi(b, text) is var (f, message) =>
                (StatusCodes.Status400BadRequest, text["Error.Validation"].Value, message, f),
            BadHttpRequestException => (StatusCodes.Status400BadRequest, text["Error.BadRequest"].Value, text["Error.Unreadable"].Value, null),
            _ => (0, "", "", (string?)null),
        };
        if (status == 0)
        {
            return false;
        }

        logger.LogInformation("Refused {Path}: {Detail}", http.Request.Path, detail);
        http.Response.StatusCode = status;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
        if (exception is RuleViolation rv)
        {
            problem.Extensions["code"] = rv.MessageKey;
        }
        if (exception is RuleViolation { Others.Count: > 0 } several)
        {
            problem.Extensions["errors"] = several.All.Where(v => v.Field is not null).GroupBy(v => v.Field!)
                .ToDictionary(g => g.Key, g => g.Select(text.Message).ToArray());
        }
        else if (field is not null)
        {
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        }
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }
}
