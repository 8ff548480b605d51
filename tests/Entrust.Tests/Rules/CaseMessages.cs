using System.Globalization;
using Entrust.Web;
using Entrust.Web.Features.Cases;
using Entrust.Web.Platform;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Entrust.Tests.Rules.CaseFixtures;

namespace Entrust.Tests.Rules;

/// <summary>Every refusal a case gives is shipped in both languages, and the Chinese one names the article it rests on.</summary>
public sealed class CaseMessages
{
    private static readonly IStringLocalizer Text =
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance)
            .Create(typeof(SharedResource));

    public static TheoryData<string> Keys => new(
        "Case.AuthorityBelowProcedure",
        "Case.CannotTransfer",
        "Case.ChairInvestigated",
        "Case.DatesOutOfOrder",
        "Case.DecisionOverdue",
        "Case.DeliveryLate",
        "Case.DiscussionRequired",
        "Case.ElectronicWithoutConsent",
        "Case.ExtensionTooLate",
        "Case.ExtensionTooLong",
        "Case.FineAboveCap",
        "Case.FineUnpaid",
        "Case.HearingNotAvailable",
        "Case.HearingNoticeTooShort",
        "Case.HearingPending",
        "Case.HearingRequestLate",
        "Case.HearingWaived",
        "Case.HearingWindowOpen",
        "Case.HeavierAfterRepresentations",
        "Case.HeavierThanNotified",
        "Case.LegalReviewRequired",
        "Case.LimitationPassed",
        "Case.NoDecisionToChallenge",
        "Case.NoEvidence",
        "Case.NoPriorNotice",
        "Case.NotExecuted",
        "Case.NotSummary",
        "Case.NothingToExecute",
        "Case.NothingToPay",
        "Case.NothingToWithdraw",
        "Case.OfficerMayNotAct",
        "Case.OnTheSpotSameDay",
        "Case.PaymentShort",
        "Case.RemedyAlreadyDecided",
        "Case.RemedyNotFound",
        "Case.RepresentationWindowOpen",
        "Case.ReviewerNotQualified",
        "Case.StepBeforePrevious",
        "Case.SummaryBeyondLimit",
        "Case.SummaryNotOnTheSpot",
        "Case.SummaryNotReported",
        "Case.TwoOfficersRequired",
        "Case.WrongState",
        "CaseState.Transferred",
        "RemedyOutcome.ConfirmedUnlawful");

    private static string In(string culture, Func<string> render)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            return render();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void EveryKeyIsShippedInChineseAndEnglish(string key)
    {
        var zh = In(Cultures.Chinese, () => Text[key].Value);
        var en = In(Cultures.English, () => Text[key].Value);
        Assert.NotEqual(key, zh);
        Assert.NotEqual(key, en);
        Assert.NotEqual(zh, en);
    }

    [Fact]
    public void ADecisionWithoutNoticeIsRefusedNamingArticleFortyFourAndTheStage()
    {
        var refused = Assert.Throws<RuleViolation>(() =>
            Investigating().Decide(new DecisionFacts(D("2026-09-30"), "罚1", Penalty.FineOf(1000m)), Entitled()));
        Assert.Equal("未履行告知程序，不得作出处罚决定，案件当前处于“调查取证”阶段（《行政处罚法》第四十四条）。",
            In(Cultures.Chinese, () => Text.Message(refused)));
        Assert.Contains("(APL Art. 44)", In(Cultures.English, () => Text.Message(refused)));
    }

    [Fact]
    public void TheLimitationRefusalGivesTheDatesAndTheYears()
    {
        var refused = Assert.Throws<RuleViolation>(() =>
            File(Filing(actOn: D("2020-01-15"), foundOn: D("2026-09-01"), harms: true)));
        Assert.Equal("违法行为自2020-01-15起5年内未被发现（至2025-01-15），不再给予行政处罚（《行政处罚法》第三十六条）。",
            In(Cultures.Chinese, () => Text.Message(refused)));
    }
}
