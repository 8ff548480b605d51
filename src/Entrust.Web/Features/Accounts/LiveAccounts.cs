using System.Security.Claims;
using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Entrust.Web.Features.Accounts;

/// <summary>What a sign-in must still match for its account: stamp, role and unit, and not disabled.</summary>
public sealed record AccountState(string Stamp, string Role, Guid? DistrictId, Guid? DepartmentId, Guid? TownshipId, Guid? OfficerId, bool Disabled)
{
    /// <summary>Whether a sign-in made as <paramref name="signedIn"/> with <paramref name="stamp"/> still holds for the account as
    /// it is: not disabled, the same security stamp (no password change or reset, no sign-out everywhere), role and unit.</summary>
    public bool Holds(CurrentUser signedIn, string? stamp) =>
        !Disabled && Stamp == stamp && Role == signedIn.Role && DistrictId == signedIn.DistrictId && DepartmentId == signedIn.DepartmentId
        && TownshipId == signedIn.TownshipId && OfficerId == signedIn.OfficerId;
}

/// <summary>
/// The accounts as they are now, read at most <see cref="CacheFor"/> ago and forgotten the moment this process changes one
/// (<see cref="EntrustUserManager"/>). Every sign-in, cookie or bearer token, is held against it on every request
/// (<see cref="LiveAccountCheck"/>): a disabled, demoted, re-placed or password-reset account, or one whose sessions were
/// revoked, answers as signed out at once here and within a second on another node (each node reads an account at most once a
/// second, a cost that does not grow with the requests).
/// </summary>
public sealed class LiveAccounts(IMemoryCache cache)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(1);

    private static string Key(Guid id) => "live-account:" + id;

    public async Task<AccountState?> GetAsync(Guid id, EntrustDbContext db, CancellationToken ct = default)
    {
        if (cache.TryGetValue(Key(id), out AccountState? known))
        {
            return known;
        }
        // AppUser has no query filter: the account is found whoever asks.
        var state = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.SecurityStamp, u.Role, u.DistrictId, u.DepartmentId, u.TownshipId, u.OfficerId, u.LockoutEnd })
            .FirstOrDefaultAsync(ct) is { } u
            ? new AccountState(u.SecurityStamp ?? "", u.Role, u.DistrictId, u.DepartmentId, u.TownshipId, u.OfficerId,
                u.LockoutEnd >= AppUser.DisabledUntil)
            : null;
        cache.Set(Key(id), state, CacheFor);
        return state;
    }

    public void Forget(Guid id) => cache.Remove(Key(id));
}

/// <summary>
/// Runs after every successful authentication (cookie and bearer alike): a sign-in that no longer matches its account
/// becomes an anonymous caller, so the API answers 401 and the console sends to the sign-in page.
/// </summary>
public sealed class LiveAccountCheck(LiveAccounts accounts, EntrustDbContext db, IOptions<IdentityOptions> identity) : IClaimsTransformation
{
    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return principal;
        }
        var signedIn = CurrentUser.FromPrincipal(principal);
        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        var state = signedIn.UserId is { } id ? await accounts.GetAsync(id, db) : null;
        return state is not null && state.Holds(signedIn, stamp) ? principal : new ClaimsPrincipal(new ClaimsIdentity());
    }
}

/// <summary>Identity's user manager that tells <see cref="LiveAccounts"/> whenever an account is saved.</summary>
public sealed class EntrustUserManager(
    IUserStore<AppUser> store, IOptions<IdentityOptions> optionsAccessor, IPasswordHasher<AppUser> passwordHasher,
    IEnumerable<IUserValidator<AppUser>> userValidators, IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer keyNormalizer, IdentityErrorDescriber errors, IServiceProvider services,
    ILogger<UserManager<AppUser>> logger, LiveAccounts live, EntrustDbContext db, TimeProvider clock,
    IDataProtectionProvider protection)
    : UserManager<AppUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    /// <summary>A new account's password starts its life and its history (<see cref="PasswordPolicy"/>).</summary>
    public override async Task<IdentityResult> CreateAsync(AppUser user)
    {
        if (user.PasswordHash is not null)
        {
            user.PasswordChangedAt = clock.GetUtcNow();
        }
        var result = await base.CreateAsync(user);
        if (result.Succeeded && user.PasswordHash is not null)
        {
            db.PasswordHistory.Add(new PasswordHistoryEntry(user.Id, user.PasswordHash, user.PasswordChangedAt!.Value));
            await db.SaveChangesAsync(CancellationToken);
        }
        return result;
    }

    /// <summary>
    /// A new authenticator key for an account that has not enabled its second factor. Unlike <c>ResetAuthenticatorKeyAsync</c> it
    /// keeps the security stamp: a key not yet enabled signs nobody in, so the account's sessions (the one enrolling) go on.
    /// </summary>
    public async Task<string> SetNewAuthenticatorKeyAsync(AppUser user)
    {
        var key = GenerateNewAuthenticatorKey();
        await KeyStore.SetAuthenticatorKeyAsync(user, ProtectKey(key), CancellationToken);
        var result = await UpdateAsync(user);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The authenticator key could not be saved: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        }
        return key;
    }

    /// <summary>
    /// The authenticator key at rest (数据保密性): Identity keeps it in <c>AspNetUserTokens</c>; it is stored data-protected
    /// ("dp:" and the protected text; the key ring, <c>Platform/KeyRing</c>, encrypted to the configured certificate), never as
    /// the base32 key an app could be set up with. A key stored plain before this is still read (and replaced at the next reset).
    /// </summary>
    public const string ProtectedKeyPrefix = "dp:";

    private IUserAuthenticatorKeyStore<AppUser> KeyStore => (IUserAuthenticatorKeyStore<AppUser>)Store;

    private IDataProtector KeyProtector => protection.CreateProtector("Entrust.AuthenticatorKey");

    private string ProtectKey(string key) => ProtectedKeyPrefix + KeyProtector.Protect(key);

    public override async Task<string?> GetAuthenticatorKeyAsync(AppUser user)
    {
        var stored = await base.GetAuthenticatorKeyAsync(user);
        return stored is not null && stored.StartsWith(ProtectedKeyPrefix, StringComparison.Ordinal)
            ? KeyProtector.Unprotect(stored[ProtectedKeyPrefix.Length..])
            : stored;
    }

    /// <summary>Identity's reset (a new key and a new stamp), the key stored protected.</summary>
    public override async Task<IdentityResult> ResetAuthenticatorKeyAsync(AppUser user)
    {
        await KeyStore.SetAuthenticatorKeyAsync(user, ProtectKey(GenerateNewAuthenticatorKey()), CancellationToken);
        return await UpdateSecurityStampAsync(user);
    }

    protected override async Task<IdentityResult> UpdateUserAsync(AppUser user)
    {
        // A changed hash (the account's own change, or a reset) is a new password: its life starts now, and it joins the history.
        var stored = await db.Users.AsNoTracking().Where(u => u.Id == user.Id).Select(u => u.PasswordHash).FirstOrDefaultAsync(CancellationToken);
        var newPassword = user.PasswordHash is not null && user.PasswordHash != stored;
        if (newPassword)
        {
            user.PasswordChangedAt = clock.GetUtcNow();
        }
        var result = await base.UpdateUserAsync(user);
        live.Forget(user.Id);
        if (result.Succeeded && newPassword)
        {
            db.PasswordHistory.Add(new PasswordHistoryEntry(user.Id, user.PasswordHash!, user.PasswordChangedAt!.Value));
            await db.SaveChangesAsync(CancellationToken);
        }
        return result;
    }
}

/// <summary>
/// A sign-in that <see cref="LiveAccountCheck"/> turned anonymous is asked to sign in again (401, or the sign-in page), not
/// told it is forbidden: its ticket still decrypted, which would otherwise make the policy answer 403.
/// </summary>
public sealed class SignedOutChallenge : Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler
{
    private readonly Microsoft.AspNetCore.Authorization.Policy.AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, Microsoft.AspNetCore.Authorization.AuthorizationPolicy policy,
        Microsoft.AspNetCore.Authorization.Policy.PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated != true)
        {
            authorizeResult = Microsoft.AspNetCore.Authorization.Policy.PolicyAuthorizationResult.Challenge();
        }
        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
