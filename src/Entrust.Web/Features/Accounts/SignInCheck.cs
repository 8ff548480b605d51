using System.Globalization;
using System.Security.Claims;
using Entrust.Web.Data;
using Entrust.Web.Features.Audit;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Accounts;

public enum SignInOutcome
{
    Succeeded,
    Failed,
    /// <summary>Too many failures of the name from this address (<see cref="SignInLock"/>); <see cref="SignInAttempt.LockMinutes"/> left.</summary>
    Locked,
    /// <summary>Disabled by the office or the admin; said only to whoever gave the right password.</summary>
    Disabled,
    /// <summary>The password was right and the account signs in with a second factor: <see cref="SignInAttempt.SecondStep"/> carries on.</summary>
    TwoFactorRequired,
    /// <summary>The second step's token is unknown, expired, or its account changed since.</summary>
    StepExpired,
}

public sealed record SignInAttempt(SignInOutcome Outcome, AppUser? User = null, int LockMinutes = 0, string? SecondStep = null);

/// <summary>
/// Signing in, shared by the console's sign-in page and <c>POST /api/auth/login</c> (and its second step), in one place:
/// <list type="bullet">
/// <item>等保 defect 7, account discovery by timing: every password attempt verifies exactly one password hash — the account's
/// own, or a dummy hash made by the same hasher with the same settings for an unknown name, an empty password or a locked name.</item>
/// <item>Lockout per user name and address (<see cref="SignInLock"/>): the district's number of failures in a row, wrong
/// passwords and wrong second-factor codes alike, lock the name for that address for the district's minutes; other addresses
/// are not held back. Unknown names lock the same way, so the answer never tells whether an account exists; a disabled
/// account is said to be disabled only to whoever gives its right password.</item>
/// <item>The second factor (<see cref="TwoFactor"/>): a right password of an enrolled account answers a short-lived second-step
/// token instead of a sign-in; the step takes an authenticator code or a recovery code.</item>
/// </list>
/// Identity's own per-account lockout is not used for failures (it would let a stranger lock the admin out, and runs on the
/// wall clock); its lockout end marks disabled accounts only (<see cref="AppUser.DisabledUntil"/>).
/// </summary>
public sealed class SignInCheck(SignInManager<AppUser> signIn, EntrustDbContext db, TimeProvider clock, SecurityRulesCache rules,
    IDataProtectionProvider protection, SecurityEvents events)
{
    /// <summary>How long the second step may wait for its code after the right password.</summary>
    public static readonly TimeSpan SecondStepLifetime = TimeSpan.FromMinutes(5);

    private static string? _dummyHash;

    private UserManager<AppUser> Users => signIn.UserManager;

    private IDataProtector SecondSteps => protection.CreateProtector("Entrust.SignIn.SecondStep");

    public async Task<SignInAttempt> PasswordAsync(string? userName, string? password, HttpContext http)
    {
        var name = Normalized(userName);
        var address = RateLimits.AddressOf(http);
        var now = clock.GetUtcNow();
        var user = name.Length == 0 ? null : await Users.FindByNameAsync(userName!.Trim());
        var record = await RecordAsync(name, address);
        if (record is not null && record.LockedAt(now))
        {
            SpendEqualWork(password);
            await events.RecordAsync(SecurityEvents.SignInFailed, user, name, new { Reason = "Locked" });
            return Locked(record, now);
        }
        if (user?.PasswordHash is null || string.IsNullOrEmpty(password))
        {
            SpendEqualWork(password);
            return await FailAsync(name, address, user, record, now, user is null ? "UnknownName" : "WrongPassword");
        }
        if (!await Users.CheckPasswordAsync(user, password))
        {
            return await FailAsync(name, address, user, record, now, "WrongPassword");
        }
        if (user.LockoutEnd >= AppUser.DisabledUntil)
        {
            await events.RecordAsync(SecurityEvents.SignInFailed, user, name, new { Reason = "Disabled" });
            return new(SignInOutcome.Disabled, user);
        }
        if (await Users.GetTwoFactorEnabledAsync(user))
        {
            // The count of failures stays until the second step succeeds: wrong codes count on.
            return new(SignInOutcome.TwoFactorRequired, user, SecondStep: Protect(user, now));
        }
        await SucceededAsync(record);
        await events.RecordAsync(SecurityEvents.SignIn, user, name, new { Factor = "Password" });
        return new(SignInOutcome.Succeeded, user);
    }

    /// <summary>The second step: an authenticator code (<paramref name="code"/>) or one of the account's recovery codes.</summary>
    public async Task<SignInAttempt> SecondStepAsync(string? secondStep, string? code, string? recoveryCode, HttpContext http)
    {
        var now = clock.GetUtcNow();
        var user = await UnprotectAsync(secondStep, now);
        if (user is null || user.LockoutEnd >= AppUser.DisabledUntil)
        {
            await events.RecordAsync(SecurityEvents.SignInFailed, user, null, new { Reason = "StepExpired" });
            return new(SignInOutcome.StepExpired);
        }
        var name = user.NormalizedUserName ?? "";
        var address = RateLimits.AddressOf(http);
        var record = await RecordAsync(name, address);
        if (record is not null && record.LockedAt(now))
        {
            await events.RecordAsync(SecurityEvents.SignInFailed, user, null, new { Reason = "Locked" });
            return Locked(record, now);
        }
        var recovery = !string.IsNullOrWhiteSpace(recoveryCode);
        var right = !string.IsNullOrWhiteSpace(recoveryCode)
            ? (await Users.RedeemTwoFactorRecoveryCodeAsync(user, recoveryCode.Trim())).Succeeded
            : !string.IsNullOrWhiteSpace(code)
              && await Users.VerifyTwoFactorTokenAsync(user, Users.Options.Tokens.AuthenticatorTokenProvider, TwoFactor.Compact(code));
        if (!right)
        {
            var failed = await FailAsync(name, address, user, record, now, recovery ? "WrongRecoveryCode" : "WrongCode");
            // The step may be tried again with the same token until it expires or the name locks.
            return failed.Outcome == SignInOutcome.Failed ? failed with { SecondStep = secondStep } : failed;
        }
        await SucceededAsync(record);
        await events.RecordAsync(SecurityEvents.SignIn, user, null, new { Factor = recovery ? "RecoveryCode" : "Authenticator" });
        return new(SignInOutcome.Succeeded, user);
    }

    /// <summary>Signs a checked account in to the console; <paramref name="secondFactor"/> when it gave its code ("amr": mfa).</summary>
    public Task SignInToConsoleAsync(AppUser user, bool secondFactor = false) =>
        signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", secondFactor ? "mfa" : "pwd")]);

    private string Normalized(string? userName)
    {
        var name = string.IsNullOrWhiteSpace(userName) ? "" : Users.NormalizeName(userName.Trim()) ?? "";
        // No account's name is longer (Identity's column); a longer one is still counted, by its first 256 characters.
        return name.Length > 256 ? name[..256] : name;
    }

    private Task<SignInLock?> RecordAsync(string name, string address) =>
        db.SignInLocks.IgnoreQueryFilters().FirstOrDefaultAsync(l => l.UserName == name && l.Address == address);

    private static SignInAttempt Locked(SignInLock record, DateTimeOffset now) =>
        new(SignInOutcome.Locked, LockMinutes: Math.Max(1, (int)Math.Ceiling((record.LockedUntil!.Value - now).TotalMinutes)));

    private async Task<SignInAttempt> FailAsync(string name, string address, AppUser? user, SignInLock? record, DateTimeOffset now,
        string reason)
    {
        var attempt = await CountFailureAsync(name, address, user, record, now);
        if (name.Length > 0)
        {
            await events.RecordAsync(SecurityEvents.SignInFailed, user, name, new { Reason = reason });
            if (attempt.Outcome == SignInOutcome.Locked)
            {
                await events.RecordAsync(SecurityEvents.LockedOut, user, name, new { Minutes = attempt.LockMinutes });
            }
        }
        return attempt;
    }

    private async Task<SignInAttempt> CountFailureAsync(string name, string address, AppUser? user, SignInLock? record, DateTimeOffset now)
    {
        if (name.Length == 0)
        {
            return new(SignInOutcome.Failed);
        }
        var isNew = record is null;
        record ??= db.SignInLocks.Add(new SignInLock(name, address, user)).Entity;
        var locked = record.Fail(now, user is null ? SecurityRules.Defaults : await rules.ForAsync(user.DistrictId, db));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException) when (isNew)
        {
            // Another attempt of the same name from the same address wrote the first failure at the same moment: that one counts.
            db.Entry(record).State = EntityState.Detached;
            foreach (var entry in db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).ToList())
            {
                entry.State = EntityState.Detached;
            }
            return new(SignInOutcome.Failed);
        }
        return locked ? Locked(record, now) : new(SignInOutcome.Failed);
    }

    private async Task SucceededAsync(SignInLock? record)
    {
        if (record is not null)
        {
            db.SignInLocks.Remove(record);
            await db.SaveChangesAsync();
        }
    }

    private string Protect(AppUser user, DateTimeOffset now) => SecondSteps.Protect(string.Join('|', user.Id.ToString("N"),
        user.SecurityStamp, (now + SecondStepLifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));

    private async Task<AppUser?> UnprotectAsync(string? secondStep, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(secondStep))
        {
            return null;
        }
        string[] parts;
        try
        {
            parts = SecondSteps.Unprotect(secondStep).Split('|');
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
        if (parts.Length != 3 || !Guid.TryParseExact(parts[0], "N", out var id)
            || !long.TryParse(parts[2], CultureInfo.InvariantCulture, out var expires) || now.ToUnixTimeSeconds() > expires)
        {
            return null;
        }
        var user = await Users.FindByIdAsync(id.ToString());
        // A changed password, a disabled account or revoked sessions end the step too.
        return user is not null && user.SecurityStamp == parts[1] ? user : null;
    }

    private void SpendEqualWork(string? password)
    {
        var nobody = new AppUser();
        // Made once per process by the configured hasher, so verifying it costs what verifying a real one does.
        var dummy = _dummyHash ??= Users.PasswordHasher.HashPassword(nobody, Guid.NewGuid().ToString("N"));
        Users.PasswordHasher.VerifyHashedPassword(nobody, dummy, password ?? "");
    }
}
