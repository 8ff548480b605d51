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

    /// <summary>The refresh token a sign-in or the last refresh answered.</summary>
    public sealed record RefreshRequest(string? RefreshToken);

    /// <summary>The second step of signing in: the token the first answered, and an authenticator code or a recovery code.</summary>
    public sealed record SecondStepRequest(string? TwoFactorToken, string? Code, string? RecoveryCode);
    public sealed record MeResponse(Guid Id, string UserName, string DisplayName, string Role,
        Guid? DistrictId, string? DistrictName, Guid? DepartmentId, string? DepartmentName, Guid? TownshipId, string? TownshipName);
    public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);
    /// <summary>The office's settings; a setting left out (null) stays as it is.</summary>
    public sealed record SecuritySettingsInput(int PasswordExpiryDays, int IdleMinutes, int? LockoutAttempts = null, int? LockoutMinutes = null,
        bool? RequireTwoFactor = null)
    {
        public SecurityRules Over(SecurityRules current) => new(PasswordExpiryDays, IdleMinutes, LockoutAttempts ?? current.LockoutAttempts,
            LockoutMinutes ?? current.LockoutMinutes, RequireTwoFactor ?? current.RequireTwoFactor);
    }

    public static void MapAccountsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/login", Login).AllowAnonymous().WithTags("Accounts");
        app.MapPost("/api/auth/login/two-factor", LoginSecondStep).AllowAnonymous().WithTags("Accounts");
        app.MapPost("/api/auth/refresh", Refresh).AllowAnonymous().WithTags("Accounts");
        var me = app.MapGroup("/api/me").RequireAuthorization(Api.Policy).WithTags("Accounts");
        me.MapGet("", Me);
        me.MapPost("/password", ChangePassword);
        me.MapPost("/sign-out-everywhere", SignOutEverywhere);
        var twoFactor = me.MapGroup("/two-factor");
        twoFactor.MapGet("", TwoFactorStatusOf);
        twoFactor.MapPost("/key", TwoFactorKeyOf);
        twoFactor.MapPost("/enable", EnableTwoFactor);
        twoFactor.MapPost("/recovery-codes", NewRecoveryCodes);
        twoFactor.MapPost("/disable", DisableTwoFactor);
        var security = app.MapGroup("/api/security").RequireAuthorization(Api.Policy).WithTags("Accounts");
        security.MapGet("/settings", GetSecuritySettings);
        security.MapPut("/settings", PutSecuritySettings);
    }

    /// <summary>
    /// The rules the caller's district lives by: password lifetime in days, console idle timeout in minutes, failed sign-ins
    /// that lock a name for an address and for how many minutes, and whether its office signs in with a second factor.
    /// </summary>
    public static async Task<Ok<SecurityRules>> GetSecuritySettings(SecuritySettingsBook book, CancellationToken ct) =>
        TypedResults.Ok(await book.CurrentAsync(ct));

    /// <summary>
    /// The office sets its district's password lifetime (1–365 days), console idle timeout (5–240 minutes), lockout (3–10 failed
    /// sign-ins, 5–1440 minutes) and whether its office accounts need a second factor.
    /// </summary>
    public static async Task<Ok<SecurityRules>> PutSecuritySettings(SecuritySettingsInput input, SecuritySettingsBook book, CancellationToken ct) =>
        TypedResults.Ok(await book.SetAsync(input.Over(await book.CurrentAsync(ct)), ct));

    /// <summary>
    /// Answers a bearer token ({accessToken, expiresIn, refreshToken}: the access token lives 15 minutes by default, the refresh
    /// token is spent by <c>POST /api/auth/refresh</c>, <see cref="BearerSessions"/>); or, for an account with a second factor, 401 with code
    /// <c>Login.TwoFactorRequired</c> and a <c>twoFactorToken</c> for <c>POST /api/auth/login/two-factor</c>. The district's number
    /// of failures in a row (5 by default) lock the name for the caller's address: 423 <c>Login.LockedOut</c>.
    /// </summary>
    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Login(
        LoginRequest request, SignInCheck check, BearerSessions sessions, IStringLocalizer<SharedResource> text, AccountThrottle throttle,
        HttpContext http)
    {
        if (throttle.Refuse(http, request.UserName) is { } wait)
        {
            await RateLimits.WriteRefusalAsync(http, wait);
            return TypedResults.Empty;
        }
        return await AnswerAsync(await check.PasswordAsync(request.UserName, request.Password, http), sessions, text);
    }

    /// <summary>
    /// Spends a refresh token ({refreshToken}) for a new pair ({accessToken, expiresIn, refreshToken}). Refused 401 with a code:
    /// <c>Refresh.Invalid</c> (unreadable or expired), <c>Refresh.Reused</c> (spent before: every refresh token of the account is
    /// revoked), <c>Refresh.Revoked</c> (the account was disabled, its password changed or reset, its role or unit changed, or
    /// its sessions ended). Throttled per address and account as sign-ins are.
    /// </summary>
    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Refresh(RefreshRequest request, BearerSessions sessions,
        IStringLocalizer<SharedResource> text, AccountThrottle throttle, HttpContext http, CancellationToken ct)
    {
        var ticket = sessions.Read(request.RefreshToken);
        if (throttle.Refuse(http, ticket?.Principal.Identity?.Name) is { } wait)
        {
            await RateLimits.WriteRefusalAsync(http, wait);
            return TypedResults.Empty;
        }
        var outcome = await sessions.RefreshAsync(ticket, ct);
        if (outcome == RefreshOutcome.Refreshed)
        {
            return TypedResults.Empty;
        }
        var code = "Refresh." + outcome;
        return TypedResults.Problem(text[code].Value, statusCode: StatusCodes.Status401Unauthorized, title: text["Refresh.Title"].Value,
            extensions: new Dictionary<string, object?> { ["code"] = code });
    }

    /// <summary>The second step: a bearer token for the right authenticator or recovery code; wrong codes count towards the lockout.</summary>
    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> LoginSecondStep(
        SecondStepRequest request, SignInCheck check, BearerSessions sessions, IStringLocalizer<SharedResource> text, HttpContext http)
    {
        return await AnswerAsync(await check.SecondStepAsync(request.TwoFactorToken, request.Code, request.RecoveryCode, http), sessions, text);
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> AnswerAsync(
        SignInAttempt attempt, BearerSessions sessions, IStringLocalizer<SharedResource> text)
    {
        ProblemHttpResult Problem(int status, string code, object? extra = null, params object[] args)
        {
            var extensions = new Dictionary<string, object?> { ["code"] = code };
            if (extra is not null)
            {
                extensions["twoFactorToken"] = extra;
            }
            return TypedResults.Problem(text[code, args].Value, statusCode: status, title: text["Login.Title"].Value, extensions: extensions);
        }
        switch (attempt.Outcome)
        {
            case SignInOutcome.Succeeded:
                await sessions.SignInAsync(attempt.User!, secondFactor: attempt.User!.TwoFactorEnabled);
                return TypedResults.Empty;
            case SignInOutcome.Locked:
                return Problem(423, "Login.LockedOut", null, attempt.LockMinutes);
            case SignInOutcome.Disabled:
                return Problem(423, "Login.Disabled");
            case SignInOutcome.TwoFactorRequired:
                return Problem(401, "Login.TwoFactorRequired", attempt.SecondStep);
            case SignInOutcome.StepExpired:
                return Problem(401, "Login.TwoFactorExpired");
            default:
                return attempt.SecondStep is { } again ? Problem(401, "Login.TwoFactorWrong", again) : Problem(401, "Login.Failed");
        }
    }

    /// <summary>Whether the caller's second factor is on, whether the office requires it, and how many recovery codes are left.</summary>
    public static async Task<Ok<TwoFactorStatus>> TwoFactorStatusOf(TwoFactorBook book, CancellationToken ct) =>
        TypedResults.Ok(await book.StatusAsync(ct));

    /// <summary>The key to enrol an authenticator app with (made when there is none): the shared key and the otpauth URI. 409 once enabled.</summary>
    public static async Task<Ok<TwoFactorKey>> TwoFactorKeyOf(TwoFactorBook book) => TypedResults.Ok(await book.KeyAsync());

    /// <summary>
    /// Turns the second factor on with a current code ({code}) and answers ten recovery codes, shown this once. The account's
    /// sessions end, this token's too: it signs in again, with the code.
    /// </summary>
    public static async Task<Ok<RecoveryCodes>> EnableTwoFactor(TwoFactorCodeInput input, TwoFactorBook book) =>
        TypedResults.Ok(await book.EnableAsync(input.Code));

    /// <summary>Ten new recovery codes; the old ones stop working.</summary>
    public static async Task<Ok<RecoveryCodes>> NewRecoveryCodes(TwoFactorBook book) => TypedResults.Ok(await book.NewRecoveryCodesAsync());

    /// <summary>Turns the second factor off (409 <c>TwoFactor.Required</c> while the office requires it of the account).</summary>
    public static async Task<NoContent> DisableTwoFactor(TwoFactorBook book, CancellationToken ct)
    {
        await book.DisableAsync(ct);
        return TypedResults.NoContent();
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
    public static async Task<NoContent> SignOutEverywhere(CurrentUser current, UserManager<AppUser> users, Audit.SecurityEvents events)
    {
        var user = await users.FindByIdAsync(current.UserId.ToString()!);
        await users.UpdateSecurityStampAsync(user!);
        await events.RecordAsync(Audit.SecurityEvents.SignOut, user, null, new { Everywhere = true });
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
