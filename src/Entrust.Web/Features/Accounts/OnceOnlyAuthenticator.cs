using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Entrust.Web.Features.Accounts;

/// <summary>
/// The authenticator check (TOTP, RFC 6238: HMAC-SHA1, 6 digits, 30-second steps, ±2 steps as Identity takes them) that takes
/// each code once: the step a code matched is kept for the account (an Identity token of its own, <see cref="LastStepToken"/>
/// in <c>AspNetUserTokens</c>), and a code of that step or an earlier one is refused, so a code seen over someone's shoulder or replayed from a captured request signs nobody in
/// again. Two sign-ins racing with the same code: the account's concurrency stamp lets one save, the other is refused.
/// Like Identity's own provider it reads the wall clock (the app on the phone does too), not the platform's
/// <see cref="TimeProvider"/>.
/// </summary>
public sealed class OnceOnlyAuthenticatorTokenProvider : AuthenticatorTokenProvider<AppUser>
{
    public const string Name = "AuthenticatorOnce";

    /// <summary>Where the last step taken is kept: Identity's token store, login provider "Entrust".</summary>
    public const string LastStepToken = "LastTotpStep";

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || token.Length != 6
            || !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return false;
        }
        var secret = Base32(key);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        for (var step = now - 2; step <= now + 2; step++)
        {
            if (Code(secret, step) != code)
            {
                continue;
            }
            var last = await manager.GetAuthenticationTokenAsync(user, "Entrust", LastStepToken);
            if (long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var taken) && step <= taken)
            {
                return false;
            }
            // Saved with the account's concurrency stamp: of two sign-ins racing with one code, one saves, the other is refused.
            return (await manager.SetAuthenticationTokenAsync(user, "Entrust", LastStepToken,
                step.ToString(CultureInfo.InvariantCulture))).Succeeded;
        }
        return false;
    }

    /// <summary>RFC 4226's dynamic truncation of HMAC-SHA1 over the step.</summary>
    private static int Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
        HMACSHA1.HashData(secret, counter, hash);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return binary % 1_000_000;
    }

    private static byte[] Base32(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>(20);
        int buffer = 0, bits = 0;
        foreach (var c in text.Trim().TrimEnd('=').ToUpperInvariant())
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                continue;
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }
        return [.. bytes];
    }
}
