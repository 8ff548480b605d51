using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Platform;

/// <summary>
/// Rate limits (等保 入侵防范), with ASP.NET Core's rate limiter. Signing in (the console form and <c>POST /api/auth/login</c>)
/// is limited per IP address first, then per account name (<see cref="AccountThrottle"/>): an attempt refused here never
/// reaches the password check, so it neither costs a hash nor counts towards the account's lockout, and a stranger's address
/// runs out of attempts long before it could lock the admin out. Imports, exports and the audit verification are limited
/// per account. A refusal is 429 with <c>Retry-After</c> and a ProblemDetails in the caller's language. The limits are
/// settings (<c>RateLimits:*</c>, per window of <c>RateLimits:WindowSeconds</c>).
/// </summary>
public static class RateLimits
{
    public const string Heavy = "heavy";

    public sealed record Limits(int SignInPerIp, int SignInPerAccount, int HeavyPerAccount, TimeSpan Window)
    {
        public static Limits From(IConfiguration config) => new(
            config.GetValue("RateLimits:SignInPerIp", 10),
            config.GetValue("RateLimits:SignInPerAccount", 20),
            config.GetValue("RateLimits:HeavyPerAccount", 30),
            TimeSpan.FromSeconds(config.GetValue("RateLimits:WindowSeconds", 60)));
    }

    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration config)
    {
        var limits = Limits.From(config);
        services.AddSingleton(limits);
        services.AddSingleton<AccountThrottle>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, ct) => WriteRefusalAsync(context.HttpContext,
                context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : limits.Window);
            o.AddPolicy(Heavy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user ? "user:" + user : "ip:" + AddressOf(http),
                _ => Window(limits.HeavyPerAccount, limits.Window)));
        });
        return services;
    }

    /// <summary>Imports, exports and the audit verification: every endpoint whose path ends in /import or /export, /api/audit/verify, /api/audit/checkpoints and /api/audit/export.jsonl.</summary>
    public static TBuilder LimitHeavyWork<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder { RoutePattern: var pattern } && IsHeavy(pattern))
            {
                endpoint.Metadata.Add(new EnableRateLimitingAttribute(Heavy));
            }
        });
        return builder;
    }

    private static bool IsHeavy(RoutePattern pattern)
    {
        var path = pattern.RawText?.TrimEnd('/') ?? "";
        return path.EndsWith("/import", StringComparison.Ordinal) || path.EndsWith("/export", StringComparison.Ordinal)
            || path is "/api/audit/verify" or "/api/audit/checkpoints" or "/api/audit/export.jsonl";
    }

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = Math.Max(1, permits), Window = window, QueueLimit = 0, AutoReplenishment = true };

    /// <summary>The caller's address (behind the proxy, the forwarded one): what sign-in throttling and lockout count per.</summary>
    public static string AddressOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>429, <c>Retry-After</c> in whole seconds, and a ProblemDetails (<c>RateLimit.TooMany</c>) in the caller's language.</summary>
    public static async ValueTask WriteRefusalAsync(HttpContext http, TimeSpan retryAfter)
    {
        var text = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = text["RateLimit.Title"].Value,
                Detail = text["RateLimit.TooMany", seconds].Value,
                Extensions = { ["code"] = "RateLimit.TooMany" },
            },
        });
    }
}

/// <summary>
/// Sign-in attempts, the console form's and <c>POST /api/auth/login</c>'s alike: per IP address first, then per account name
/// (normalised as Identity does; unknown names count the same as real ones, so the answer says nothing about whether a name
/// exists). Refused attempts never reach the password check. Only attempts count, not the sign-in page being shown.
/// </summary>
public sealed class AccountThrottle(RateLimits.Limits limits) : IDisposable
{
    // Identity's own normaliser (it is registered scoped; this one has no state).
    private static readonly UpperInvariantLookupNormalizer Normalizer = new();

    private readonly PartitionedRateLimiter<string> _byAddress = Create(limits.SignInPerIp, limits.Window);
    private readonly PartitionedRateLimiter<string> _byAccount = Create(limits.SignInPerAccount, limits.Window);

    private static PartitionedRateLimiter<string> Create(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Null when the attempt may go on; otherwise how long to wait.</summary>
    public TimeSpan? Refuse(HttpContext http, string? userName)
    {
        using var address = _byAddress.AttemptAcquire(RateLimits.AddressOf(http));
        if (!address.IsAcquired)
        {
            return RetryAfter(address);
        }
        using var account = _byAccount.AttemptAcquire(Normalizer.NormalizeName(userName?.Trim() ?? "") ?? "");
        return account.IsAcquired ? null : RetryAfter(account);
    }

    private TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : limits.Window;

    public void Dispose()
    {
        _byAddress.Dispose();
        _byAccount.Dispose();
    }
}
