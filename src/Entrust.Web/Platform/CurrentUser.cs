using System.Security.Claims;

namespace Entrust.Web.Platform;

/// <summary>The roles of the platform; one per account.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Office = "office";
    public const string Department = "department";
    public const string Township = "township";
    public const string Officer = "officer";
    public const string Auditor = "auditor";

    public static readonly string[] All = [Admin, Office, Department, Township, Officer, Auditor];
}

public static class EntrustClaims
{
    public const string District = "entrust:district";
    public const string Department = "entrust:department";
    public const string Township = "entrust:township";
    public const string Officer = "entrust:officer";
    public const string DisplayName = "entrust:name";
}

/// <summary>
/// Who is asking and which rows they may see. The DbContext's query filters read this one object,
/// so data scope is decided here and nowhere else.
/// </summary>
public sealed class CurrentUser
{
    public static readonly CurrentUser System = new() { Role = Roles.Admin, UserName = "system", IsSystem = true };

    /// <summary>
    /// The platform's scheduled work in one district (opening report months, proposing meetings): it acts as the district's
    /// office, which sees every township × department of its district, and the audit shows it as 系统 like the rest of the platform's own work.
    /// </summary>
    public static CurrentUser ScheduledFor(Guid district) => new() { Role = Roles.Office, DistrictId = district, UserName = System.UserName };

    public Guid? UserId { get; init; }
    public string UserName { get; init; } = "anonymous";
    public string? Role { get; init; }
    public Guid? DistrictId { get; init; }
    public Guid? DepartmentId { get; init; }
    public Guid? TownshipId { get; init; }

    /// <summary>An officer's account: the officer record it belongs to, if linked.</summary>
    public Guid? OfficerId { get; init; }

    /// <summary>Start-up, seeding and migrations run as the system and see every district.</summary>
    public bool IsSystem { get; init; }

    public bool IsAuthenticated => Role is not null;

    /// <summary>Everything the data-scope filters read of the user: two users with the same key see the same rows.</summary>
    public string ScopeKey => _scopeKey ??= $"{Role}|{IsSystem}|{DistrictId}|{DepartmentId}|{TownshipId}|{OfficerId}";
    private string? _scopeKey;
    public bool AllDistricts => IsSystem || Role == Roles.Admin;

    /// <summary>The office keeps the catalogue of its district; the admin keeps every district's.</summary>
    public bool MayKeepCatalogue => Role is Roles.Admin or Roles.Office;

    public bool MayReadAudit => Role is Roles.Admin or Roles.Office or Roles.Auditor;

    /// <summary>The office keeps its district's accounts; the admin keeps every district's.</summary>
    public bool MayManageUsers => Role is Roles.Admin or Roles.Office;

    public static CurrentUser FromPrincipal(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return new CurrentUser();
        }

        return new CurrentUser
        {
            UserId = Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null,
            UserName = principal.Identity.Name ?? "",
            Role = principal.FindFirstValue(ClaimTypes.Role),
            DistrictId = ParseGuid(principal.FindFirstValue(EntrustClaims.District)),
            DepartmentId = ParseGuid(principal.FindFirstValue(EntrustClaims.Department)),
            TownshipId = ParseGuid(principal.FindFirstValue(EntrustClaims.Township)),
            OfficerId = ParseGuid(principal.FindFirstValue(EntrustClaims.Officer)),
        };
    }

    private static Guid? ParseGuid(string? value) => Guid.TryParse(value, out var g) ? g : null;
}

/// <summary>
/// Gives the DbContext and the audit interceptor the user of the moment. They are created early in a
/// request (Identity's cookie validation builds a DbContext before the request's user is known), so they
/// must ask for the user when they query or save, not when they are built.
/// </summary>
public sealed class CurrentUserAccessor
{
    private readonly IHttpContextAccessor? _http;
    private readonly CurrentUser? _fixed;
    private System.Security.Claims.ClaimsPrincipal? _principal;
    private CurrentUser _user = new();

    public CurrentUserAccessor(IHttpContextAccessor http) => _http = http;

    private CurrentUserAccessor(CurrentUser user) => _fixed = user;

    /// <summary>For code that runs outside a request: seeding, benchmarks, tests, design-time tools.</summary>
    public static CurrentUserAccessor Fixed(CurrentUser user) => new(user);

    private CurrentUser? _acting;

    /// <summary>
    /// For a background writer that saves on behalf of the users whose requests it serves (<c>InspectionWriter</c>): later
    /// saves are attributed to <paramref name="user"/>.
    /// </summary>
    public void ActAs(CurrentUser user) => _acting = user;

    public CurrentUser Current
    {
        get
        {
            if (_acting is not null)
            {
                return _acting;
            }
            if (_fixed is not null)
            {
                return _fixed;
            }
            // Outside a request (start-up, seeding) the platform itself acts and sees every district.
            if (_http?.HttpContext is not { } http)
            {
                return CurrentUser.System;
            }
            if (!ReferenceEquals(http.User, _principal))
            {
                _principal = http.User;
                _user = CurrentUser.FromPrincipal(http.User);
            }
            return _user;
        }
    }
}
