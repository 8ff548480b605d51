namespace Entrust.Web.Features.Cases;

/// <summary>The answer of <see cref="Limitation.Check"/>: whether the act can still be penalised and the last day it could be found.</summary>
public sealed record LimitationAnswer(bool WithinLimit, DateOnly CountsFrom, DateOnly LastDay, int Years);

/// <summary>
/// APL 36: no penalty for an act not found within 2 years, 5 where life, health or financial safety was harmed; counted from the
/// act, or from its end when it continued. The day the period counts from is not counted, so an act on 10 March 2024 may still
/// be found on 10 March 2026 and not on the 11th. An act on 29 February ends its period on 28 February.
/// </summary>
public static class Limitation
{
    /// <param name="actEnded">The day a continuing act ended; for one still going on when found, the day it was found; null for a single act.</param>
    public static LimitationAnswer Check(DateOnly actDate, DateOnly? actEnded, DateOnly foundOn, bool harmsLifeHealthOrFinance)
    {
        var from = actEnded is { } ended && ended > actDate ? ended : actDate;
        var years = harmsLifeHealthOrFinance ? CaseLaw.LimitationYearsWhereHarmed : CaseLaw.LimitationYears;
        var lastDay = from.AddYears(years);
        return new LimitationAnswer(foundOn <= lastDay, from, lastDay, years);
    }
}

/// <summary>APL 72 (一): a fine paid late carries 3 % of the fine for each day after the due date, never more than the fine.</summary>
public static class LatePenalty
{
    /// <summary>The late penalty in RMB, rounded to the fen; zero when paid on or before <paramref name="dueDate"/>.</summary>
    public static decimal Compute(decimal fine, DateOnly dueDate, DateOnly paidOn)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fine);
        var daysLate = paidOn.DayNumber - dueDate.DayNumber;
        if (daysLate <= 0)
        {
            return 0m;
        }
        return Math.Min(fine, Math.Round(fine * CaseLaw.LatePenaltyRatePerDay * daysLate, 2, MidpointRounding.AwayFromZero));
    }
}
