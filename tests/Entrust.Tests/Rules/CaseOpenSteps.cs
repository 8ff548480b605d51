using Entrust.Web.Features.Cases;
using static Entrust.Tests.Rules.CaseFixtures;

namespace Entrust.Tests.Rules;

/// <summary>
/// One question, one answer: <see cref="Case.OpenSteps"/> says which steps a case allows now, and the status members (awaiting a
/// payment, a publication) answer the deadline list, its filters, the page and the API alike.
/// </summary>
public sealed class CaseOpenSteps
{
    public static TheoryData<CaseState, CaseStep[]> Expected => new()
    {
        { CaseState.Filed, [CaseStep.Classify, CaseStep.Extend, CaseStep.Investigate, CaseStep.Transfer, CaseStep.Recusal] },
        { CaseState.Investigating, [CaseStep.Classify, CaseStep.Extend, CaseStep.AddEvidence, CaseStep.Notify, CaseStep.Transfer, CaseStep.Recusal] },
        { CaseState.Notified, [CaseStep.Classify, CaseStep.Extend, CaseStep.Representations, CaseStep.Waive, CaseStep.Decide, CaseStep.Transfer, CaseStep.Recusal] },
        { CaseState.HearingRequested, [CaseStep.Classify, CaseStep.Extend, CaseStep.Representations, CaseStep.HoldHearing, CaseStep.Transfer, CaseStep.Recusal] },
        { CaseState.HearingHeld, [CaseStep.Classify, CaseStep.Extend, CaseStep.Representations, CaseStep.Review, CaseStep.Decide, CaseStep.Transfer, CaseStep.Recusal] },
        { CaseState.LegalReviewed, [CaseStep.Classify, CaseStep.Extend, CaseStep.TakeLead, CaseStep.Discuss, CaseStep.Decide, CaseStep.Transfer, CaseStep.Recusal] },
        { CaseState.Discussed, [CaseStep.Classify, CaseStep.Extend, CaseStep.TakeLead, CaseStep.Decide, CaseStep.Transfer, CaseStep.Recusal] },
        { CaseState.Decided, [CaseStep.Deliver, CaseStep.Transfer, CaseStep.Remedy, CaseStep.Recusal] },
        { CaseState.Delivered, [CaseStep.Payment, CaseStep.DeferPayment, CaseStep.Transfer, CaseStep.Remedy, CaseStep.Recusal] },
        { CaseState.Executed, [CaseStep.Close, CaseStep.Transfer, CaseStep.Remedy, CaseStep.Recusal] },
        { CaseState.Closed, [CaseStep.Remedy] },
        { CaseState.Transferred, [] },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void EachStateOpensItsSteps(CaseState state, CaseStep[] expected) =>
        Assert.Equal(expected.Order(), InState(state).OpenSteps().Order());

    [Fact]
    public void ARevokedDecisionOpensNoPaymentOnlyClosingAsRevoked()
    {
        var c = Delivered();
        var remedy = c.RecordRemedy(RemedyKind.Reconsideration, D("2026-10-20"), "重庆市北碚区人民政府");
        Assert.Contains(CaseStep.RemedyOutcome, c.OpenSteps());
        c.RecordRemedyOutcome(remedy.Id, RemedyOutcome.Revoked, D("2026-10-26"), NationalDay2026);
        Assert.Equal(new[] { CaseStep.Close, CaseStep.Transfer, CaseStep.Remedy, CaseStep.Recusal }.Order(), c.OpenSteps().Order());
        Assert.False(c.AwaitsPayment);
        Assert.False(c.IsPaymentDueWithin(null, D("2026-12-31")));
    }

    [Fact]
    public void ADecidedCaseLaterTransferredIsNoLongerDueForPublicationAnywhere()
    {
        var c = Notified();
        c.Decide(new DecisionFacts(D("2026-09-30"), "北碚卫罚〔2026〕12号", Penalty.FineOf(1000m), SocialImpact: true), Entitled(), Settings,
            NationalDay2026);
        Assert.True(c.AwaitsPublication);
        Assert.Contains(CaseStep.Publish, c.OpenSteps());
        c.TransferToJudiciary(D("2026-10-09"), "重庆市公安局北碚区分局", "涉嫌犯罪");
        Assert.False(c.AwaitsPublication);
        Assert.False(c.IsPublicationOverdue(D("2026-12-01")));
        Assert.DoesNotContain(CaseStep.Publish, c.OpenSteps());
        Assert.DoesNotContain(CaseDeadlines.Open(c, D("2026-12-01"), NationalDay2026), d => d.Kind == CaseDeadlineKind.Publication);
        RefusedNaming(() => c.Publish(D("2026-10-12")), "Case.NothingToPublish", 24, "APL 48", 409);
        Assert.Null(c.PublishedOn);
    }

    [Fact]
    public void TheSummaryProcedureIsReportedBeforeItCloses()
    {
        var c = Case.DecideOnTheSpot(Filing(), "北碚卫简罚〔2026〕3号", Penalty.WarningOnly, Entitled(), Two, Settings,
            new OnTheSpotFacts("北碚区歇马镇凤凰村3组", new TimeOnly(9, 30)));
        Assert.Contains(CaseStep.ReportForFiling, c.OpenSteps());
        c.Deliver(new DeliveryFacts(FiledOn, DeliveryMethod.OnTheSpot), NationalDay2026);
        Assert.DoesNotContain(CaseStep.Close, c.OpenSteps());
        c.ReportForFiling(FiledOn);
        Assert.Contains(CaseStep.Close, c.OpenSteps());
    }
}

/// <summary>LAW 5: a number given by hand is in the name of the body the case acts in, as generated numbers are.</summary>
public sealed class CaseNumbering
{
    [Theory]
    [InlineData("区林业局立字〔2026〕7号")]
    [InlineData(" 区林业局罚决字〔2026〕12号 ")]
    public void ANumberInTheActingBodysNameIsKept(string given) =>
        Assert.Equal(given.Trim(), CaseNumbers.InNameOf(given, "区林业局", "Number"));

    [Theory]
    [InlineData("歇马镇罚决字〔2026〕1号")]      // the township's own name under 委托
    [InlineData("北碚林罚〔2026〕1号")]          // not the name the case acts in
    [InlineData("区林业局")]                     // the name alone is no number
    public void ANumberInAnotherBodysNameIsRefused(string given)
    {
        var refused = RefusedNaming(() => CaseNumbers.InNameOf(given, "区林业局", "DecisionNumber"), "Case.NumberNotInName", 5, "APL 20");
        Assert.Equal("DecisionNumber", refused.Field);
        Assert.Equal("区林业局", refused.Arguments[1]);
    }

    [Fact]
    public void GeneratedPrefixesCarryTheActingBodysName()
    {
        Assert.Equal("区林业局立字〔2026〕", CaseNumbers.CasePrefix("区林业局", 2026));
        Assert.Equal("歇马镇人民政府罚决字〔2026〕", CaseNumbers.DecisionPrefix("歇马镇人民政府", 2026));
        Assert.Equal("区林业局罚决字〔2026〕3号", CaseNumbers.InNameOf(CaseNumbers.DecisionPrefix("区林业局", 2026) + "3号", "区林业局", "Number"));
    }
}
