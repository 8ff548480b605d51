using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Cases;
using static Entrust.Tests.Rules.CaseFixtures;

namespace Entrust.Tests.Rules;

/// <summary>
/// LAW 2, 9: an agreement may keep kinds of penalty back from the township on a matter (no licence revocation, no 责令停产停业),
/// not only cap the fine. A notice or a decision whose penalty contains such a kind is beyond the entrusted authority: refused.
/// </summary>
public sealed class CaseExcludedPenalties
{
    private static Entitlement Excluding(PenaltyKinds excluded, Authority authority = Authority.GeneralPenalty) =>
        Entitled(authority) with { ExcludedPenalties = excluded };

    private static readonly Penalty Revocation = new(false, 5000m, 0m, PenaltyMeasure.LicenceRevoked);
    private static readonly Penalty Closure = new(false, 0m, 0m, PenaltyMeasure.BusinessRestricted);

    [Fact]
    public void APenaltyKnowsItsKinds()
    {
        Assert.Equal(PenaltyKinds.Fine | PenaltyKinds.LicenceRevoked, Revocation.Kinds);
        Assert.Equal(PenaltyKinds.Warning | PenaltyKinds.Confiscation, new Penalty(true, 0m, 300m, PenaltyMeasure.None).Kinds);
        Assert.Equal(PenaltyKinds.None, Penalty.None.Kinds);
    }

    [Fact]
    public void ADecisionWithAKindTheAgreementKeepsBackIsRefused()
    {
        var c = Notified(Revocation);

        var refused = RefusedNaming(() => c.Decide(new DecisionFacts(D("2026-09-11"), "罚1", Revocation),
            Excluding(PenaltyKinds.LicenceRevoked | PenaltyKinds.BusinessRestricted)), "Case.PenaltyKindExcluded", 2, "APL 20");

        Assert.Contains(new Entrust.Web.Platform.Text("PenaltyKinds.LicenceRevoked"), refused.Arguments);
        Assert.Equal(CaseState.Notified, c.State);
        Assert.Null(c.DecidedPenalty);
    }

    [Fact]
    public void ANoticeOfAKindTheAgreementKeepsBackIsRefusedAndNothingChanges()
    {
        var c = Investigating();
        c.AddEvidence(D("2026-09-02"), "现场笔录", "经营场所无卫生许可证", Two);

        RefusedNaming(() => c.Notify(new NoticeFacts(D("2026-09-03"), Closure, "事实、理由、依据"), Settings, NationalDay2026,
            Excluding(PenaltyKinds.BusinessRestricted)), "Case.PenaltyKindExcluded", 2, "APL 20");

        Assert.Equal(CaseState.Investigating, c.State);
        Assert.Null(c.NotifiedPenalty);
        // Another kind the agreement does not exclude is told to the party as before.
        c.Notify(new NoticeFacts(D("2026-09-03"), Penalty.FineOf(1000m), "事实、理由、依据"), Settings, NationalDay2026,
            Excluding(PenaltyKinds.BusinessRestricted));
        Assert.Equal(CaseState.Notified, c.State);
    }

    [Fact]
    public void AnOnTheSpotDecisionRespectsTheExclusionsToo()
    {
        var refused = Refused(() => Case.DecideOnTheSpot(Filing(), "北碚卫简罚〔2026〕1号", Penalty.WarningOnly,
            Excluding(PenaltyKinds.Warning, Authority.SummaryPenalty), Two, Settings, new OnTheSpotFacts("北碚区歇马镇凤凰村3组", new TimeOnly(9, 30))), "Case.PenaltyKindExcluded");
        Assert.Contains(new Entrust.Web.Platform.Text("PenaltyKinds.Warning"), refused.Arguments);
    }

    [Fact]
    public void APenaltyOfTheKindsLeftIsDecidedAsBefore()
    {
        var c = Notified();
        c.Decide(new DecisionFacts(D("2026-09-11"), "罚1", Penalty.FineOf(1000m)), Excluding(PenaltyKinds.LicenceRevoked | PenaltyKinds.BusinessRestricted));
        Assert.Equal(CaseState.Decided, c.State);
    }
}
