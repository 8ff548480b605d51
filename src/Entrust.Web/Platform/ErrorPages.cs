using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Platform;

/// <summary>
/// Who gets which error answer: the API (and the OpenAPI document) keeps ProblemDetails; a browser on any other address gets
/// the console's own error page (Features/Error.cshtml) in its layout and language, with the status code kept — never JSON.
/// </summary>
public static class ErrorPages
{
    /// <summary>Requests that answer ProblemDetails; everything else is a page a browser asked for.</summary>
    public static bool IsApi(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/openapi");

    /// <summary>The status a refusal left unhandled by its page stands for (the API's statuses, same exceptions).</summary>
    public static int StatusOf(Exception exception) => exception switch
    {
        RuleViolation v => v.StatusCode,
        ForbiddenAction => StatusCodes.Status403Forbidden,
        DbUpdateConcurrencyException => StatusCodes.Status409Conflict,
        BadHttpRequestException b => b.StatusCode,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static void UseErrorPages(this WebApplication app)
    {
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(http => !IsApi(http), pages =>
        {
            pages.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/Error",
                StatusCodeSelector = StatusOf,
                AllowStatusCode404Response = true,
            });
            pages.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        });
        // Routing after the error pages, so that a request re-executed as /Error finds the error page's endpoint.
        app.UseRouting();
    }
}
