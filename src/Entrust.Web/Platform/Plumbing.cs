using Entrust.Web.Data;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.OpenApi;

namespace Entrust.Web.Platform;

/// <summary>
/// Ready to serve (<c>/health/ready</c>, and <c>/health</c>): the node has started and is not stopping, the database answers, and
/// it holds every migration this build knows — a node started before <c>migrate</c> ran, or while it runs, is not sent requests.
/// Liveness (<c>/health/live</c>) runs no check: the process answers.
/// </summary>
public sealed class ReadinessCheck(EntrustDbContext db, Readiness node) : IHealthCheck
{
    public const string Tag = "ready";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (!node.Serving)
        {
            return HealthCheckResult.Unhealthy("starting or stopping");
        }
        try
        {
            // One round trip that needs the database and its schema both.
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            return pending.Count == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"{pending.Count} migrations not applied");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("database unreachable");
        }
    }
}

/// <summary>Whether this node takes requests: from the host's start (the database prepared) until it begins to stop, so that the
/// balancer stops sending requests while the node drains what it accepted.</summary>
public sealed class Readiness
{
    private volatile bool _serving;

    public bool Serving => _serving;

    public static void Follow(WebApplication app)
    {
        var node = app.Services.GetRequiredService<Readiness>();
        app.Lifetime.ApplicationStarted.Register(() => node._serving = true);
        app.Lifetime.ApplicationStopping.Register(() => node._serving = false);
    }
}

/// <summary>Tells the OpenAPI document (and so the reference page) that the API takes bearer tokens.</summary>
public sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "Entrust 委托执法监管平台 API";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "POST /api/auth/login {userName, password} → accessToken",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
        return Task.CompletedTask;
    }
}

/// <summary>
/// The OpenAPI schema names. By default a schema is named after its type's short name, so two features' records of the same
/// name (cases' <c>ReviewInput</c>, certificates' and agreements') shared one schema and a generated client sent the wrong
/// body. A name that more than one of the application's types carry is qualified by the feature and any enclosing type
/// (<c>OfficersCertificatesApiReviewInput</c>); every other name stays as it was.
/// </summary>
public static class SchemaNames
{
    private static readonly HashSet<string> Shared = typeof(SchemaNames).Assembly.GetTypes()
        .Where(t => !t.IsGenericTypeDefinition && !t.Name.Contains('<', StringComparison.Ordinal))
        .GroupBy(t => t.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);

    public static string? For(System.Text.Json.Serialization.Metadata.JsonTypeInfo info)
    {
        var type = info.Type;
        if (type.Assembly != typeof(SchemaNames).Assembly || !Shared.Contains(type.Name) || type.IsGenericType)
        {
            return OpenApiOptions.CreateDefaultSchemaReferenceId(info);
        }
        var name = type.Name;
        for (var outer = type.DeclaringType; outer is not null; outer = outer.DeclaringType)
        {
            name = outer.Name + name;
        }
        return type.Namespace?.Split('.')[^1] + name;
    }
}

public static class CultureSwitch
{
    /// <summary>POST /culture: remembers the chosen language in a cookie and goes back where the user was.</summary>
    public static void MapCultureSwitch(this IEndpointRouteBuilder app) =>
        app.MapPost("/culture", (HttpContext http, string? culture, string? returnUrl) =>
        {
            var chosen = culture == Cultures.English ? Cultures.English : Cultures.Chinese;
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") ? returnUrl : "/");
        }).AllowAnonymous().ExcludeFromDescription();
}
