using System.Text;
using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Identity;
using QRCoder;

namespace Entrust.Web.Features.Accounts;

/// <summary>What the account's second factor is: enrolled or not, required of it or not, recovery codes left.</summary>
public sealed record TwoFactorStatus(bool Enabled, bool Required, int RecoveryCodesLeft);

/// <summary>The key to enrol an authenticator app with: typed by hand (groups of four) or scanned (the otpauth URI, drawn as a QR code).</summary>
public sealed record TwoFactorKey(string SharedKey, string AuthenticatorUri);

/// <summary>One-time recovery codes, shown once: each signs in once in place of an authenticator code.</summary>
public sealed record RecoveryCodes(IReadOnlyList<string> Codes);

public sealed record TwoFactorCodeInput(string? Code);

/// <summary>
/// The second factor (等保 2.0 level 3, 身份鉴别: two authentication techniques), with ASP.NET Core Identity's authenticator
/// support: TOTP of RFC 6238 (HMAC-SHA1, 6 digits, 30 s, ±90 s accepted — Identity's <c>AuthenticatorTokenProvider</c>), with
/// ten recovery codes. Every account may enrol one; the office's setting requires it of its office accounts, and of every
/// admin (<see cref="SecurityRulesCache.TwoFactorRequiredAsync"/>): such an account that has not enrolled may do nothing
/// else until it does (<see cref="PasswordChangeRequired"/>'s gate, <see cref="ClaimType"/>).
/// </summary>
public static class TwoFactor
{
    public const string ClaimType = "entrust:must-enrol-two-factor";
    public const string Issuer = "Entrust";
    public const int RecoveryCodeCount = 10;

    /// <summary>A code as typed, without the spaces and dashes people put in.</summary>
    public static string Compact(string code) => code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();

    /// <summary>The key in groups of four, in capitals (base32, as authenticator apps take it).</summary>
    public static string Grouped(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }
        return text.ToString().TrimEnd().ToUpperInvariant();
    }

    public static string Uri(string userName, string key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(Issuer)}:{System.Uri.EscapeDataString(userName)}?secret={key}&issuer={System.Uri.EscapeDataString(Issuer)}&digits=6";

    /// <summary>The otpauth URI as an SVG QR code (no script, no inline style: the page's CSP holds).</summary>
    public static string QrSvg(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }
}

/// <summary>The caller's own second factor, for the page (/Account/TwoFactor) and the API (<c>/api/me/two-factor</c>) alike.</summary>
public sealed class TwoFactorBook(EntrustUserManager users, CurrentUser current, SecurityRulesCache rules, EntrustDbContext db,
    Audit.SecurityEvents events)
{
    private async Task<AppUser> MeAsync() =>
        current.UserId is { } id && await users.FindByIdAsync(id.ToString()) is { } user ? user : throw new ForbiddenAction();

    public async Task<TwoFactorStatus> StatusAsync(CancellationToken ct = default)
    {
        var user = await MeAsync();
        var enabled = await users.GetTwoFactorEnabledAsync(user);
        return new(enabled, await rules.TwoFactorRequiredAsync(user.Role, user.DistrictId, db, ct),
            enabled ? await users.CountRecoveryCodesAsync(user) : 0);
    }

    /// <summary>
    /// The key to enrol with, made when the account has none. Refused once the second factor is on (the key is not shown
    /// again). Making it does not end the account's sessions: a key not yet enabled signs nobody in.
    /// </summary>
    public async Task<TwoFactorKey> KeyAsync()
    {
        var user = await MeAsync();
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            throw RuleViolation.Conflict("TwoFactor.AlreadyEnabled");
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            key = await users.SetNewAuthenticatorKeyAsync(user);
            await events.RecordAsync(Audit.SecurityEvents.TwoFactorKeyReset, user, null);
        }
        return new(TwoFactor.Grouped(key), TwoFactor.Uri(user.UserName!, key));
    }

    /// <summary>
    /// Turns the second factor on with a code the app shows, and answers the recovery codes (shown this once). The account's
    /// other sessions end (a new stamp): from now on it signs in with the code.
    /// </summary>
    public async Task<RecoveryCodes> EnableAsync(string? code)
    {
        var user = await MeAsync();
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            throw RuleViolation.Conflict("TwoFactor.AlreadyEnabled");
        }
        if (string.IsNullOrWhiteSpace(code) || string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user))
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, TwoFactor.Compact(code)))
        {
            throw new RuleViolation("TwoFactor.WrongCode") { Field = "Code" };
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactor.RecoveryCodeCount) ?? [];
        await events.RecordAsync(Audit.SecurityEvents.TwoFactorEnabled, user, null);
        return new([.. codes]);
    }

    /// <summary>Ten new recovery codes in place of the old ones (all of which stop working).</summary>
    public async Task<RecoveryCodes> NewRecoveryCodesAsync()
    {
        var user = await MeAsync();
        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            throw RuleViolation.Conflict("TwoFactor.NotEnabled");
        }
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactor.RecoveryCodeCount) ?? [];
        await events.RecordAsync(Audit.SecurityEvents.RecoveryCodesMade, user, null);
        return new([.. codes]);
    }

    /// <summary>Turns the second factor off and forgets its key; refused while the office's setting requires it of the account.</summary>
    public async Task DisableAsync(CancellationToken ct = default)
    {
        var user = await MeAsync();
        if (await rules.TwoFactorRequiredAsync(user.Role, user.DistrictId, db, ct))
        {
            throw RuleViolation.Conflict("TwoFactor.Required");
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await events.RecordAsync(Audit.SecurityEvents.TwoFactorDisabled, user, null);
    }
}
