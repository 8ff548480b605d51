using Microsoft.AspNetCore.HttpOverrides;

namespace Entrust.Web.Platform;

/// <summary>
/// The headers every answer carries (等保 入侵防范): a Content-Security-Policy that allows scripts from this site only (the
/// pages keep their behaviour in site.js, never inline), forbids framing, and sends no referrer across sites; nosniff.
/// Behind a TLS-terminating proxy (<c>Proxy:Enabled</c>) the forwarded scheme and client address are taken from it, so
/// HTTPS requests get HSTS and cookies marked Secure.
/// </summary>
public static class SecurityHeaders
{
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // The API reference (Scalar) starts itself with an inline script: it keeps every other header and a policy that allows it.
    private const string ReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services, IConfiguration config)
    {
        // Every cookie (sign-in, antiforgery, language) is Secure whenever the request came over HTTPS.
        services.Configure<CookiePolicyOptions>(o => o.Secure = CookieSecurePolicy.SameAsRequest);
        if (config.GetValue<bool>("Proxy:Enabled"))
        {
            services.Configure<ForwardedHeadersOptions>(o =>
            {
                o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                var known = config.GetSection("Proxy:KnownProxies").Get<string[]>() ?? [];
                if (known.Length > 0)
                {
                    foreach (var proxy in known)
                    {
                        o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
                    }
                }
                else
                {
                    // No list: the app is reachable through the proxy only (documented in docs/security.md).
                    o.KnownIPNetworks.Clear();
                    o.KnownProxies.Clear();
                }
            });
            services.AddHsts(o =>
            {
                o.MaxAge = TimeSpan.FromDays(365);
                o.IncludeSubDomains = true;
                o.ExcludedHosts.Clear();
            });
        }
        return services;
    }

    public static IApplicationBuilder UseSecurityHeaders(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>("Proxy:Enabled"))
        {
            app.UseForwardedHeaders();
            app.UseHsts();
        }
        app.UseCookiePolicy();
        return app.Use(async (http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/api-reference") ? ReferencePolicy : Policy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers.XFrameOptions = "DENY";
                return Task.CompletedTask;
            });
            await next(http);
        });
    }
}
