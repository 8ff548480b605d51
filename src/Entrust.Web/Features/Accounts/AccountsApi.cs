using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Accounts;

public static class AccountsApi
{
    public sealed record LoginRequest(string? UserName, string? Password);
    public sealed record MeResponse(Guid Id, string UserName, string DisplayName, string Role,
        Guid? DistrictId, string? DistrictName, Guid? DepartmentId, string? DepartmentName, Guid? TownshipId, string? TownshipName);
    public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);
    public sealed record SecuritySettingsInput(int PasswordExpiryDays, int IdleMinutes);

    public static void MapAccountsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/login", Login).AllowAnonymous().WithTags("Accounts");
        var me = app.MapGroup("/api/me").RequireAuthorization(Api.Policy).WithTags("Accounts");
        me.MapGet("", Me);
        me.MapPost("/password", ChangePassword);
        me.MapPost("/sign-out-everywhere", SignOutEverywhere);
        var security = app.MapGroup("/api/security").RequireAuthorization(Api.Policy).WithTags("Accounts");
        security.MapGet("/settings", GetSecuritySettings);
        security.MapPut("/settings", PutSecuritySettings);
    }

    /// <summary>The rules the caller's district lives by: password lifetime in days, console idle timeout in minutes.</summary>
    public static async Task<Ok<SecurityRules>> GetSecuritySettings(SecuritySettingsBook book, CancellationToken ct) =>
        TypedResults.Ok(await book.CurrentAsync(ct));

    /// <summary>The office sets its district's password lifetime (1–365 days) and console idle timeout (5–240 minutes).</summary>
    public static async Task<Ok<SecurityRules>> PutSecuritySettings(SecuritySettingsInput input, SecuritySettingsBook book, CancellationToken ct) =>
        TypedResults.Ok(await book.SetAsync(input.PasswordExpiryDays, input.IdleMinutes, ct));

    /// <summary>Answers a bearer token ({accessToken, expiresIn}); five wrong passwords lock the account.</summary>
    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Login(
        LoginRequest request, SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> text, AccountThrottle throttle, HttpContext http)
    {
        if (throttle.Refuse(http, request.UserName) is { } wait)
        {
            await RateLimits.WriteRefusalAsync(http, wait);
            return TypedResults.Empty;
        }
        var (user, result) = await SignInCheck.CheckAsync(signIn, request.UserName, request.Password);
        if (user is null)
        {
            return TypedResults.Problem(text["Login.Failed"].Value, statusCode: 401, title: text["Login.Title"].Value);
        }
        if (result.IsLockedOut)
        {
            var why = user.LockoutEnd >= AppUser.DisabledUntil ? "Login.Disabled" : "Login.LockedOut";
            return TypedResults.Problem(text[why].Value, statusCode: 423, title: text["Login.Title"].Value);
        }
        if (!result.Succeeded)
        {
            return TypedResults.Problem(text["Login.Failed"].Value, statusCode: 401, title: text["Login.Title"].Value);
        }
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        await signIn.SignInAsync(user, isPersistent: false);
        return TypedResults.Empty;
    }

    public static async Task<Results<Ok<MeResponse>, NotFound>> Me(CurrentUser current, EntrustDbContext db)
    {
        var me = await db.Users.AsNoTracking().Where(u => u.Id == current.UserId)
            .Select(u => new MeResponse(u.Id, u.UserName!, u.DisplayName, u.Role,
                u.DistrictId, db.Districts.Where(d => d.Id == u.DistrictId).Select(d => d.Name).FirstOrDefault(),
                u.DepartmentId, db.Departments.Where(d => d.Id == u.DepartmentId).Select(d => d.Name).FirstOrDefault(),
                u.TownshipId, db.Townships.Where(t => t.Id == u.TownshipId).Select(t => t.Name).FirstOrDefault()))
            .FirstOrDefaultAsync();
        return me is null ? TypedResults.NotFound() : TypedResults.Ok(me);
    }

    /// <summary>Ends every session of the caller's account: all its bearer tokens and console cookies, this one included.</summary>
    public static async Task<NoContent> SignOutEverywhere(CurrentUser current, UserManager<AppUser> users)
    {
        var user = await users.FindByIdAsync(current.UserId.ToString()!);
        await users.UpdateSecurityStampAsync(user!);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ValidationProblem>> ChangePassword(
        ChangePasswordRequest request, CurrentUser current, UserManager<AppUser> users, IStringLocalizer<SharedResource> text)
    {
        var errors = new FieldErrors(text)
            .Required("CurrentPassword", request.CurrentPassword, 100)
            .Required("NewPassword", request.NewPassword, 100);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var user = await users.FindByIdAsync(current.UserId.ToString()!);
        var result = await users.ChangePasswordAsync(user!, request.CurrentPassword!, request.NewPassword!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                errors.Add(error.Code == "PasswordMismatch" ? "CurrentPassword" : "NewPassword", "Identity." + error.Code);
            }
            return errors.ToProblem();
        }
        await PasswordChangeRequired.ClearAsync(users, user!);
        return TypedResults.NoContent();
    }
}
