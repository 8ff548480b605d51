namespace Entrust.Web.Features.Targets;

/// <summary>
/// Unified social credit codes (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character set (no I, O, S, V, Z);
/// the 1st is the registering authority, the 2nd the kind of body, the 3rd to 8th the registering authority's
/// administrative division (digits), the 9th to 17th the body's identifier, the 18th a check character.
/// </summary>
public static class CreditCodes
{
    public const int Length = 18;

    /// <summary>Table 1 of the standard: a character's value is its position here.</summary>
    private const string Charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>Weight of position i (from 0) is 3^i mod 31.</summary>
    private static readonly int[] Weights = Enumerable.Range(0, Length - 1)
        .Select(i => Enumerable.Range(0, i).Aggregate(1, (w, _) => w * 3 % 31)).ToArray();

    /// <summary>The code as stored: trimmed and upper-cased; blank is no code.</summary>
    public static string? Normalize(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToUpperInvariant();

    public static bool IsValid(string? value)
    {
        var v = Normalize(value);
        if (v is null || v.Length != Length || !v.All(c => Charset.Contains(c)) || !v[2..8].All(char.IsAsciiDigit))
        {
            return false;
        }
        return v[17] == CheckCharacterOf(v[..17]);
    }

    /// <summary>C18 = 31 − (Σ Ci·Wi mod 31), with 31 written as 0.</summary>
    public static char CheckCharacterOf(string first17)
    {
        if (first17.Length != Length - 1)
        {
            throw new ArgumentException("A credit code's check character is computed from its first 17 characters.", nameof(first17));
        }
        var sum = 0;
        for (var i = 0; i < Length - 1; i++)
        {
            var value = Charset.IndexOf(first17[i]);
            if (value < 0)
            {
                throw new ArgumentException($"'{first17[i]}' is not a credit code character.", nameof(first17));
            }
            sum += value * Weights[i];
        }
        return Charset[(31 - sum % 31) % 31];
    }
}
