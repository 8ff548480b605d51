using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace Entrust.Web.Features.Accounts;

/// <summary>
/// A name and password checked with the same work whether the account exists or not (等保 defect 7: an unknown name answered
/// in ~4 ms, a real one in ~200 ms, so names could be found by timing). Every attempt verifies exactly one password hash:
/// the account's own, or — for an unknown name, an empty password, or an account Identity refuses before hashing (locked
/// out, disabled) — a dummy hash made by the same hasher with the same settings. Shared by the console's sign-in page and
/// <c>POST /api/auth/login</c>; five wrong passwords still lock the account.
/// </summary>
public static class SignInCheck
{
    private static string? _dummyHash;

    public static async Task<(AppUser? User, SignInResult Result)> CheckAsync(SignInManager<AppUser> signIn, string? userName, string? password)
    {
        var users = signIn.UserManager;
        var user = string.IsNullOrWhiteSpace(userName) ? null : await users.FindByNameAsync(userName.Trim());
        if (user is null || string.IsNullOrEmpty(password))
        {
            SpendEqualWork(users, password);
            return (user, SignInResult.Failed);
        }
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.IsLockedOut || result.IsNotAllowed)
        {
            // Identity answers these before it hashes anything.
            SpendEqualWork(users, password);
        }
        return (user, result);
    }

    /// <summary>Signs a checked account in to the console as <c>PasswordSignInAsync</c> would ("amr": password).</summary>
    public static Task SignInToConsoleAsync(SignInManager<AppUser> signIn, AppUser user) =>
        signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "pwd")]);

    private static void SpendEqualWork(UserManager<AppUser> users, string? password)
    {
        var nobody = new AppUser();
        // Made once per process by the configured hasher, so verifying it costs what verifying a real one does.
        var dummy = _dummyHash ??= users.PasswordHasher.HashPassword(nobody, Guid.NewGuid().ToString("N"));
        users.PasswordHasher.VerifyHashedPassword(nobody, dummy, password ?? "");
    }
}
