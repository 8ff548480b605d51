using System.Security.Claims;
using System.Security.Cryptography;
using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Entrust.Web.Features.Accounts;

/// <summary>Why <c>POST /api/auth/refresh</c> answered as it did; each refusal is a <c>Refresh.*</c> text.</summary>
public enum RefreshOutcome { Refreshed, Invalid, Reused, Revoked }

/// <summary>
/// API sessions (等保 身份鉴别): a short access token (<see cref="AccessTokenMinutes"/>, 15 by default) and a refresh token that
/// works once. ASP.NET Core's bearer scheme makes and reads both tokens (data-protected tickets, the key ring in the database);
/// what it lacks is state, so that a refresh token can be spent. That state is a row per session in Identity's own
/// <c>AspNetUserTokens</c> (provider <see cref="Provider"/>, name the session's id, value the SHA-256 of the session's current
/// generation and the session's end): no new table. Both tokens carry the session id and generation as claims.
/// <list type="bullet">
/// <item>A refresh moves the session to a new generation with a conditional update (<c>… WHERE Value = the old one</c>), so of
/// two uses of one token only one gets a new pair.</item>
/// <item>A refresh token whose session has moved on was used before (stolen, or replayed): every refresh session of the account
/// is deleted (OWASP's reuse detection) and it is refused, <c>Refresh.Reused</c>; a security event says so.</item>
/// <item>The account is checked as <see cref="LiveAccountCheck"/> checks every request (<see cref="AccountState.Holds"/>):
/// disabled, its password changed or reset, its role or unit changed, or "sign out everywhere" (the security stamp), and the
/// refresh token is refused, <c>Refresh.Revoked</c>; so is one whose session was deleted.</item>
/// <item>An unreadable, foreign or expired token is <c>Refresh.Invalid</c>.</item>
/// </list>
/// The access token itself is not looked up per request (its account is, by <see cref="LiveAccountCheck"/>): a session ended by
/// reuse keeps its current access token for at most its short life.
/// </summary>
public sealed class BearerSessions(SignInManager<AppUser> signIn, EntrustDbContext db, TimeProvider clock, LiveAccounts accounts,
    IOptionsMonitor<BearerTokenOptions> bearer, IOptions<IdentityOptions> identity, Audit.SecurityEvents events)
{
    public const string Provider = "Entrust.Refresh";
    public const string SessionClaim = "entrust:session";
    public const string GenerationClaim = "entrust:generation";

    /// <summary>Configuration of the access token's life in minutes (<c>Sessions:AccessTokenMinutes</c>) and the refresh token's in
    /// hours (<c>Sessions:RefreshTokenHours</c>, 7 days by default: a phone in the field signs in again once a week).</summary>
    public const string AccessTokenMinutes = "Sessions:AccessTokenMinutes";
    public const string RefreshTokenHours = "Sessions:RefreshTokenHours";

    public static void Configure(BearerTokenOptions o, IConfiguration config)
    {
        o.BearerTokenExpiration = TimeSpan.FromMinutes(Math.Clamp(config.GetValue(AccessTokenMinutes, 15), 1, 24 * 60));
        o.RefreshTokenExpiration = TimeSpan.FromHours(Math.Clamp(config.GetValue(RefreshTokenHours, 7 * 24), 1, 90 * 24));
    }

    private BearerTokenOptions Options => bearer.Get(IdentityConstants.BearerScheme);

    /// <summary>Starts a session and answers its first pair (the response of <c>POST /api/auth/login</c>).</summary>
    public async Task SignInAsync(AppUser user, bool secondFactor)
    {
        var now = clock.GetUtcNow();
        // The account's ended sessions go as a new one starts: a handful of rows per account at most.
        var ended = (await db.UserTokens.Where(t => t.UserId == user.Id && t.LoginProvider == Provider).ToListAsync())
            .Where(t => Ends(t.Value) <= now).ToList();
        db.UserTokens.RemoveRange(ended);
        var session = Guid.NewGuid().ToString("N");
        var generation = NewGeneration();
        db.UserTokens.Add(new IdentityUserToken<Guid>
        {
            UserId = user.Id,
            LoginProvider = Provider,
            Name = session,
            Value = Stored(generation, now + Options.RefreshTokenExpiration),
        });
        await db.SaveChangesAsync();
        await AnswerAsync(user, secondFactor ? "mfa" : "pwd", session, generation);
    }

    /// <summary>The refresh token's ticket, or null when it is unreadable, foreign or expired.</summary>
    public AuthenticationTicket? Read(string? refreshToken) =>
        string.IsNullOrWhiteSpace(refreshToken) || Options.RefreshTokenProtector.Unprotect(refreshToken) is not { } ticket
            || ticket.Properties.ExpiresUtc is not { } expires || expires <= clock.GetUtcNow()
            ? null
            : ticket;

    /// <summary>Spends the refresh token of <paramref name="ticket"/> (<see cref="Read"/>) and answers a new pair, or says why not.</summary>
    public async Task<RefreshOutcome> RefreshAsync(AuthenticationTicket? ticket, CancellationToken ct)
    {
        if (ticket?.Principal is not { } principal)
        {
            return RefreshOutcome.Invalid;
        }
        var signedIn = CurrentUser.FromPrincipal(principal);
        if (signedIn.UserId is not { } id || principal.FindFirstValue(SessionClaim) is not { } session
            || principal.FindFirstValue(GenerationClaim) is not { } generation)
        {
            return RefreshOutcome.Invalid;
        }
        var state = await accounts.GetAsync(id, db, ct);
        if (state is null || !state.Holds(signedIn, principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType)))
        {
            return RefreshOutcome.Revoked;
        }
        var now = clock.GetUtcNow();
        var next = NewGeneration();
        var (spent, renewed) = (Digest(generation) + " ", Stored(next, now + Options.RefreshTokenExpiration));
        var moved = await db.UserTokens
            .Where(t => t.UserId == id && t.LoginProvider == Provider && t.Name == session && t.Value!.StartsWith(spent))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Value, renewed), ct);
        if (moved == 0)
        {
            // The session has moved on (this token was used before) or was deleted: a stolen token is in use somewhere.
            var sessions = await db.UserTokens.Where(t => t.UserId == id && t.LoginProvider == Provider).ExecuteDeleteAsync(ct);
            if (sessions == 0)
            {
                return RefreshOutcome.Revoked;
            }
            await events.RecordAsync(Audit.SecurityEvents.RefreshReused, await signIn.UserManager.FindByIdAsync(id.ToString()), null,
                new { Sessions = sessions }, ct);
            return RefreshOutcome.Reused;
        }
        var user = await signIn.UserManager.FindByIdAsync(id.ToString());
        await AnswerAsync(user!, principal.FindFirstValue("amr") ?? "pwd", session, next);
        return RefreshOutcome.Refreshed;
    }

    private Task AnswerAsync(AppUser user, string amr, string session, string generation)
    {
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        return signIn.SignInWithClaimsAsync(user, isPersistent: false,
            [new Claim("amr", amr), new Claim(SessionClaim, session), new Claim(GenerationClaim, generation)]);
    }

    private static string NewGeneration() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The stored value: the generation's SHA-256 (the token is the secret, not the row), and when the session ends, for
    /// clearing ended sessions.</summary>
    private static string Stored(string generation, DateTimeOffset ends) => Digest(generation) + " " + ends.ToUnixTimeSeconds();

    private static string Digest(string generation) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(generation)));

    private static DateTimeOffset Ends(string? stored) =>
        stored?.Split(' ') is [_, var seconds] && long.TryParse(seconds, out var s) ? DateTimeOffset.FromUnixTimeSeconds(s) : DateTimeOffset.MinValue;
}
