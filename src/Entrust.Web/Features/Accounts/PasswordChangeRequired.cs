using System.Security.Claims;
using System.Security.Cryptography;
using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Accounts;

/// <summary>
/// An account whose password someone else chose (the first admin of a production start, an account the office or the admin
/// created or reset) or whose password expired (<see cref="EntrustClaimsFactory"/>) must choose its own before it
/// does anything else: the API answers 403 <c>Password.MustChange</c> except for <c>/api/me</c> and the password change,
/// the console sends to the change-password page. Kept as a user claim, so it travels in the sign-in.
/// </summary>
public static class PasswordChangeRequired
{
    public const string ClaimType = "entrust:must-change-password";

    /// <summary>
    /// Someone else chose the account's password (the first start, the office or the admin creating or resetting it). The claim
    /// row is written on its own: the account itself is not saved again (no empty change in the audit trail).
    /// </summary>
    public static async Task RequireAsync(EntrustDbContext db, AppUser user)
    {
        if (!await db.UserClaims.AnyAsync(c => c.UserId == user.Id && c.ClaimType == ClaimType))
        {
            db.UserClaims.Add(new IdentityUserClaim<Guid> { UserId = user.Id, ClaimType = ClaimType, ClaimValue = "true" });
            await db.SaveChangesAsync();
        }
    }

    /// <summary>Called after the account's own password change succeeded.</summary>
    public static async Task ClearAsync(UserManager<AppUser> users, AppUser user)
    {
        var claims = (await users.GetClaimsAsync(user)).Where(c => c.Type == ClaimType).ToList();
        if (claims.Count > 0)
        {
            await users.RemoveClaimsAsync(user, claims);
        }
    }

    /// <summary>
    /// The gate of a sign-in that must do one thing first: change its password (<see cref="ClaimType"/>), or enrol the second
    /// factor the office requires of it (<see cref="TwoFactor.ClaimType"/>). The API answers 403 with the code
    /// (<c>Password.MustChange</c>, <c>TwoFactor.MustEnrol</c>) except for <c>/api/me</c> and the endpoints that do the thing;
    /// the console sends to the page that does it.
    /// </summary>
    public static IApplicationBuilder UsePasswordChangeRequired(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var path = http.Request.Path;
        var mustChange = http.User.HasClaim(ClaimType, "true");
        var mustEnrol = !mustChange && http.User.HasClaim(TwoFactor.ClaimType, "true");
        if ((!mustChange && !mustEnrol) || path.Equals("/api/me") || (mustChange && path.Equals("/api/me/password"))
            || (mustEnrol && path.StartsWithSegments("/api/me/two-factor"))
            || path.StartsWithSegments("/Account") || path.StartsWithSegments("/Public") || path.StartsWithSegments("/lib")
            || path.StartsWithSegments("/css") || path.StartsWithSegments("/js"))
        {
            await next(http);
            return;
        }
        if (path.StartsWithSegments("/api"))
        {
            var code = mustChange ? "Password.MustChange" : "TwoFactor.MustEnrol";
            var text = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails =
                {
                    Status = StatusCodes.Status403Forbidden,
                    Title = text["Error.Forbidden"].Value,
                    Detail = text[code].Value,
                    Extensions = { ["code"] = code },
                },
            });
            return;
        }
        http.Response.Redirect(mustChange ? "/Account/Password" : "/Account/TwoFactor");
    });
}

/// <summary>
/// A production database's first start without the demo: one admin, password from <c>Setup:AdminPassword</c> or else a
/// random one printed once on the console, to be changed at the first sign-in. Nothing when any account exists.
/// </summary>
public static class FirstAdmin
{
    public static async Task CreateIfNoneAsync(IServiceProvider services, IConfiguration config)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EntrustDbContext>();
        if (await db.Users.AnyAsync())
        {
            return;
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var given = config["Setup:AdminPassword"];
        var password = string.IsNullOrEmpty(given) ? RandomPassword() : given;
        var admin = new AppUser { UserName = "admin", DisplayName = "系统管理员", Role = Roles.Admin, LockoutEnabled = true };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("The first admin could not be created: " +
                string.Join("; ", created.Errors.Select(e => e.Description)));
        }
        await PasswordChangeRequired.RequireAsync(db, admin);
        if (string.IsNullOrEmpty(given))
        {
            Console.WriteLine($"""

                Entrust 委托执法监管平台 — first start: account admin created with the one-time password {password}
                It must be changed at the first sign-in. 首次启动：已创建 admin 账号，首次登录须修改此一次性密码。

                """);
        }
    }

    private static string RandomPassword() =>
        "Aa1-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');
}
