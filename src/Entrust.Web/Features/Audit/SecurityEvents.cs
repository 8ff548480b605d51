using System.Text.Json;
using Entrust.Web.Data;
using Entrust.Web.Features.Accounts;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Entrust.Web.Features.Audit;

/// <summary>
/// Security events (等保 安全审计) written into the audit trail as entries of their own kind, <see cref="EntityType"/>, one
/// <see cref="AuditEntry.Action"/> each (<see cref="SignIn"/>, <see cref="SignInFailed"/>, …), chained and sealed like every
/// other entry: the office filters them by kind (<c>GET /api/audit?entity=SecurityEvent&amp;action=SignInFailed</c>). An entry
/// names the account (its district's office reads it; an unknown name's attempt has no district and only the admin reads it),
/// and keeps the address, the user agent and what the event touched in <see cref="AuditEntry.After"/>.
/// </summary>
public sealed class SecurityEvents(EntrustDbContext db, TimeProvider clock, IHttpContextAccessor accessor)
{
    public const string EntityType = "SecurityEvent";

    public const string SignIn = "SignIn";
    public const string SignInFailed = "SignInFailed";
    public const string LockedOut = "LockedOut";
    public const string SignOut = "SignOut";
    public const string TwoFactorEnabled = "TwoFactorOn";
    public const string TwoFactorDisabled = "TwoFactorOff";
    public const string TwoFactorKeyReset = "TwoFactorKey";
    public const string RecoveryCodesMade = "RecoveryCodes";
    public const string AccessDenied = "AccessDenied";
    public const string PersonalDataRead = "PersonalRead";
    public const string FileRead = "FileRead";
    /// <summary>A refresh token used a second time (<see cref="Accounts.BearerSessions"/>): the account's refresh tokens were revoked.</summary>
    public const string RefreshReused = "RefreshReused";

    /// <summary>Every kind, for the filter and the resource check.</summary>
    public static readonly string[] Kinds =
        [SignIn, SignInFailed, LockedOut, SignOut, TwoFactorEnabled, TwoFactorDisabled, TwoFactorKeyReset, RecoveryCodesMade, AccessDenied, PersonalDataRead, FileRead, RefreshReused];

    /// <summary>Records an event of an account (or of a name no account has: <paramref name="user"/> null).</summary>
    public Task RecordAsync(string kind, AppUser? user, string? userName, object? detail = null, CancellationToken ct = default) =>
        RecordAsync(kind, user?.Id, user?.UserName ?? userName, user?.DistrictId, detail, ct);

    /// <summary>Records an event of the signed-in user (an access denied, a read of personal data).</summary>
    public Task RecordAsync(string kind, CurrentUser user, object? detail = null, CancellationToken ct = default) =>
        RecordAsync(kind, user.UserId, user.UserName, user.DistrictId, detail, ct);

    /// <summary>
    /// A read of a case's or an inspection's file (安全审计: reads of a case file, evidence, documents): an evidence file, an
    /// inspection's stored file, a notice or decision .docx. <paramref name="entity"/> names the kind of record, <paramref name="id"/>
    /// the file (or for a document the case), <paramref name="of"/> what it belongs to. Recorded only once the read was allowed and
    /// found; a refused one is an <see cref="AccessDenied"/> of its own.
    /// </summary>
    public Task RecordFileReadAsync(CurrentUser user, string entity, Guid id, Guid of, string name, CancellationToken ct) =>
        RecordAsync(FileRead, user, new { Entity = entity, Id = id, Of = of, Name = name }, ct);

    private async Task RecordAsync(string kind, Guid? userId, string? userName, Guid? districtId, object? detail, CancellationToken ct)
    {
        var http = accessor.HttpContext;
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Address"] = http is null ? null : RateLimits.AddressOf(http),
            ["UserAgent"] = Cut(http?.Request.Headers.UserAgent.ToString(), 300),
        };
        if (detail is not null)
        {
            foreach (var property in JsonSerializer.SerializeToElement(detail).EnumerateObject())
            {
                values[property.Name] = property.Value;
            }
        }
        db.AuditEntries.Add(new AuditEntry
        {
            At = AuditChain.Truncate(clock.GetUtcNow().UtcDateTime),
            UserId = userId,
            UserName = Cut(userName, 100) ?? "",
            DistrictId = districtId,
            EntityType = EntityType,
            EntityId = userId?.ToString() ?? "",
            Action = kind,
            After = JsonSerializer.Serialize(values, AuditChain.Json),
        });
        await db.SaveChangesAsync(ct);
    }

    private static string? Cut(string? text, int length) => text is { Length: > 0 } t ? t.Length > length ? t[..length] : t : null;
}

/// <summary>
/// The access-denied events: an authenticated request answered 403 or 404 (a guessed id, another district's record), or a console
/// page whose policy refused the signed-in user, which the cookie answers with a redirect to its access-denied page (recorded as
/// the 403 it stands for).
/// </summary>
public static class AccessDeniedAudit
{
    public static IApplicationBuilder UseAccessDeniedAudit(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        await next(http);
        var path = http.Request.Path.Value ?? "";
        var status = http.Response.StatusCode;
        if (IsRedirectToDenied(http))
        {
            status = StatusCodes.Status403Forbidden;
        }
        if (status is StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound
            && http.User.Identity?.IsAuthenticated == true
            // A file that is not there (an icon, a map) is not an access.
            && !Path.HasExtension(path))
        {
            // A scope of its own: the request's context may hold what its handler left unsaved.
            using var scope = http.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateScope();
            var current = scope.ServiceProvider.GetRequiredService<CurrentUser>();
            if (current.IsAuthenticated)
            {
                await scope.ServiceProvider.GetRequiredService<SecurityEvents>().RecordAsync(SecurityEvents.AccessDenied, current,
                    new { Method = http.Request.Method, Path = path.Length > 300 ? path[..300] : path, Status = status });
            }
        }
    });

    /// <summary>The cookie's answer to a refused page: a redirect to its <c>AccessDeniedPath</c> (a sign-in challenge goes elsewhere).</summary>
    private static bool IsRedirectToDenied(HttpContext http)
    {
        if (http.Response.StatusCode != StatusCodes.Status302Found
            || !Uri.TryCreate(http.Response.Headers.Location.ToString(), UriKind.RelativeOrAbsolute, out var location))
        {
            return false;
        }
        var denied = http.RequestServices.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(IdentityConstants.ApplicationScheme).AccessDeniedPath;
        var target = location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?', 2)[0];
        return denied.HasValue && string.Equals(target, http.Request.PathBase + denied, StringComparison.OrdinalIgnoreCase);
    }
}
