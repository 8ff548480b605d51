using Entrust.Web.Platform;

namespace Entrust.Web.Features.Cases;

/// <summary>
/// The figures the Administrative Penalty Law fixes. The office can't change them; what it may set is in <see cref="CaseSettings"/>.
/// Counts of 2, 3, 5 or 7 days are working days (APL 85); 15, 60 and 90 days are calendar days.
/// </summary>
public static class CaseLaw
{
    public const decimal SummaryFinePerson = 200m;          // APL 51
    public const decimal SummaryFineOrganisation = 3000m;   // APL 51
    public const int HearingRequestWorkingDays = 5;         // APL 64 (一)
    public const int HearingNoticeWorkingDays = 7;          // APL 64 (二)
    public const int DeliveryWorkingDays = 7;               // APL 61
    public const int PaymentDays = 15;                      // APL 67
    public const int MaxInstalments = 12;                   // APL 66 ¶2 names no number: a year of monthly payments
    public const decimal LatePenaltyRatePerDay = 0.03m;     // APL 72 (一)
    public const int WithdrawalWorkingDays = 3;             // APL 48
    public const int ReconsiderationDays = 60;              // 行政复议法 Art. 20
    public const int LitigationMonths = 6;                  // 行政诉讼法 Art. 46
    public const int LimitationYears = 2;                   // APL 36
    public const int LimitationYearsWhereHarmed = 5;        // APL 36
}

/// <summary>
/// What the legal affairs office may set for cases (LAW 15, 18, 19, 24 *configurable*): the large-fine threshold that opens a
/// hearing, the decision period a special rule may set instead of 90 days, the longest single extension and how many extensions a
/// case may have, the window left for representations, the publication window, and the fines that make a case major by rule.
/// Passed in by the caller, never read from a global.
/// </summary>
public sealed record CaseSettings(
    decimal HearingFinePerson,
    decimal HearingFineOrganisation,
    int DecisionDays,
    int MaxExtensionDays,
    int RepresentationWorkingDays,
    int PublicationWorkingDays,
    decimal MajorFinePerson = CaseSettings.DefaultMajorFinePerson,
    decimal MajorFineOrganisation = CaseSettings.DefaultMajorFineOrganisation,
    int MaxExtensions = CaseSettings.DefaultMaxExtensions,
    IReadOnlyDictionary<string, int>? MaxExtensionsByDomain = null)
{
    /// <summary>
    /// How many extensions a case on a matter of <paramref name="domain"/> may have: the office's figure for that sector where it set
    /// one, else the general <see cref="MaxExtensions"/>; <c>Sector</c> tells which rule answered.
    /// </summary>
    public (int Limit, bool Sector) ExtensionLimitFor(string? domain) =>
        domain is not null && MaxExtensionsByDomain is not null && MaxExtensionsByDomain.TryGetValue(domain, out var limit)
            ? (limit, true)
            : (MaxExtensions, false);

    public const decimal DefaultMajorFinePerson = 50000m;
    public const decimal DefaultMajorFineOrganisation = 200000m;
    public const int DefaultMaxExtensions = 2;

    public static readonly CaseSettings Defaults = new(
        HearingFinePerson: 5000m,
        HearingFineOrganisation: 50000m,
        DecisionDays: 90,
        MaxExtensionDays: 30,
        RepresentationWorkingDays: 5,
        PublicationWorkingDays: 7);
}

/// <summary>A rule a refusal names: its number in LAW.md and its article, appended to the refusal's arguments.</summary>
public sealed record CaseRule(int Law, string Article)
{
    public static readonly CaseRule Standing = new(9, "APL 38");
    public static readonly CaseRule Authority = new(2, "APL 20");
    public static readonly CaseRule Officers = new(10, "APL 42");
    public static readonly CaseRule Recusal = new(11, "APL 43");
    public static readonly CaseRule Investigation = new(10, "APL 55");
    public static readonly CaseRule Limitation = new(14, "APL 36");
    public static readonly CaseRule DecisionPeriod = new(15, "APL 60");
    public static readonly CaseRule Summary = new(16, "APL 51");
    public static readonly CaseRule SummaryFiling = new(16, "APL 52");
    public static readonly CaseRule Evidence = new(17, "APL 40");
    public static readonly CaseRule Notice = new(17, "APL 44");
    public static readonly CaseRule NoHeavier = new(17, "APL 45");
    public static readonly CaseRule Representations = new(17, "APL 62");
    public static readonly CaseRule HearingRight = new(18, "APL 63");
    public static readonly CaseRule HearingProcedure = new(18, "APL 64");
    public static readonly CaseRule LegalReview = new(19, "APL 58");
    public static readonly CaseRule Discussion = new(19, "APL 57");
    public static readonly CaseRule Delivery = new(21, "APL 61");
    public static readonly CaseRule Payment = new(22, "APL 67");
    public static readonly CaseRule PaymentDeferral = new(22, "APL 66");
    public static readonly CaseRule Transfer = new(23, "APL 27");
    public static readonly CaseRule Withdrawal = new(24, "APL 48");
    public static readonly CaseRule Overturned = new(6, "APL 20");
    public static readonly CaseRule NoHeavierChange = new(6, "ARL 63");
    public static readonly CaseRule Naming = new(5, "APL 20");

    public string LawText => $"LAW {Law}";

    /// <summary>A refusal (400) whose arguments are <paramref name="args"/> then "LAW n" and the article.</summary>
    public RuleViolation Refuse(string key, params object[] args) => new(key, [.. args, LawText, Article]);

    /// <summary>As <see cref="Refuse"/>, about one field that the UI shows the message beside.</summary>
    public RuleViolation RefuseAt(string field, string key, params object[] args) =>
        new(key, [.. args, LawText, Article]) { Field = field };

    /// <summary>A refusal for a step the case's state forbids (409), with the state as the first argument.</summary>
    public RuleViolation Conflict(string key, CaseState state, params object[] args) =>
        RuleViolation.Conflict(key, [new Text("CaseState." + state), .. args, LawText, Article]);
}
