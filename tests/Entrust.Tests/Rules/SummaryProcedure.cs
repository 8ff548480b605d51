using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Cases;
using static Entrust.Tests.Rules.CaseFixtures;

namespace Entrust.Tests.Rules;

/// <summary>简易程序 (LAW 16, 行政处罚法 Arts. 51, 52): a warning or a small fine, on the spot, two officers, reported for filing.</summary>
public sealed class SummaryProcedure
{
    private static Case OnTheSpot(Penalty penalty, CaseParty? party = null, Entitlement? entitlement = null,
        IReadOnlyList<ActingOfficer>? officers = null, OnTheSpotFacts? spot = null) =>
        Case.DecideOnTheSpot(Filing(party), "北碚卫简〔2026〕3号", penalty, entitlement ?? Entitled(Authority.SummaryPenalty),
            officers ?? Two, Settings, spot ?? Spot);

    [Fact]
    public void TheDecisionStatesTheTimeAndThePlace()
    {
        var c = OnTheSpot(Penalty.FineOf(100m), spot: new OnTheSpotFacts(" 北碚区歇马镇凤凰村3组 ", new TimeOnly(9, 30)));
        Assert.Equal(("北碚区歇马镇凤凰村3组", new TimeOnly(9, 30)), (c.OnTheSpotPlace, c.OnTheSpotTime));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void NoPlaceNoOnTheSpotDecision(string? place)
    {
        var refused = RefusedNaming(() => OnTheSpot(Penalty.FineOf(100m), spot: new OnTheSpotFacts(place, new TimeOnly(9, 30))),
            "Case.SummaryNeedsPlace", 16, "APL 52");
        Assert.Equal("Place", refused.Field);
    }

    [Fact]
    public void NoTimeNoOnTheSpotDecision() =>
        Assert.Equal("Time", RefusedNaming(() => OnTheSpot(Penalty.FineOf(100m), spot: new OnTheSpotFacts("凤凰村3组", null)),
            "Case.SummaryNeedsTime", 16, "APL 52").Field);

    [Theory]
    [InlineData(PartyKind.Person, "200")]
    [InlineData(PartyKind.Organisation, "3000")]
    public void AFineUpToTheLimitIsDecidedOnTheSpot(PartyKind kind, string fine)
    {
        var c = OnTheSpot(Penalty.FineOf(decimal.Parse(fine)), kind == PartyKind.Person ? Person : Company);
        Assert.Equal(CaseProcedure.Summary, c.Procedure);
        Assert.Equal(CaseState.Decided, c.State);
        Assert.Equal(FiledOn, c.DecidedOn);
        Assert.All(c.Officers, o => Assert.Equal(CaseState.Decided, o.Step));
    }

    [Theory]
    [InlineData(PartyKind.Person, "200.01", "200")]
    [InlineData(PartyKind.Organisation, "3000.01", "3000")]
    public void AnythingMoreGoesThroughTheGeneralProcedure(PartyKind kind, string fine, string limit)
    {
        var refused = RefusedNaming(() => OnTheSpot(Penalty.FineOf(decimal.Parse(fine)), kind == PartyKind.Person ? Person : Company),
            "Case.SummaryBeyondLimit", 16, "APL 51");
        Assert.Equal(decimal.Parse(limit), refused.Arguments[0]);
    }

    [Fact]
    public void APersonsFineOfThreeThousandIsNotSummary() =>
        RefusedNaming(() => OnTheSpot(Penalty.FineOf(3000m), Person), "Case.SummaryBeyondLimit", 16, "APL 51");

    [Fact]
    public void AWarningIsSummaryButAConfiscationOrAMeasureIsNot()
    {
        Assert.Equal(CaseState.Decided, OnTheSpot(Penalty.WarningOnly).State);
        RefusedNaming(() => OnTheSpot(new Penalty(false, 0m, 50m, PenaltyMeasure.None)), "Case.SummaryBeyondLimit", 16, "APL 51");
        RefusedNaming(() => OnTheSpot(new Penalty(true, 0m, 0m, PenaltyMeasure.LicenceSuspended)), "Case.SummaryBeyondLimit", 16, "APL 51");
        RefusedNaming(() => OnTheSpot(Penalty.None), "Case.SummaryBeyondLimit", 16, "APL 51");
    }

    [Fact]
    public void TwoOfficersWhoMayActDecideOnTheSpot()
    {
        RefusedNaming(() => OnTheSpot(Penalty.FineOf(100m), officers: [Zhang]), "Case.TwoOfficersRequired", 10, "APL 42");
        RefusedNaming(() => OnTheSpot(Penalty.FineOf(100m), officers: [Zhang, Barred]), "Case.OfficerMayNotAct", 10, "APL 42");
    }

    [Fact]
    public void TheTownshipNeedsAtLeastSummaryAuthority()
    {
        RefusedNaming(() => OnTheSpot(Penalty.FineOf(100m), entitlement: Entitled(Authority.InspectionOnly)),
            "Case.AuthorityBelowProcedure", 2, "APL 20");
        Assert.Equal(CaseState.Decided, OnTheSpot(Penalty.FineOf(100m), entitlement: Entitled(Authority.GeneralPenalty)).State);
        RefusedNaming(() => OnTheSpot(Penalty.FineOf(100m), entitlement: Entitled(Authority.SummaryPenalty, cap: 50m)),
            "Case.FineAboveCap", 2, "APL 20");
    }

    [Fact]
    public void ASummaryDecisionIsHandedOverOnTheSpotAndClosesOnlyOnceReportedForFiling()
    {
        var c = OnTheSpot(Penalty.WarningOnly);
        RefusedNaming(() => c.Deliver(new DeliveryFacts(FiledOn.AddDays(1), DeliveryMethod.Direct), NationalDay2026),
            "Case.SummaryNotOnTheSpot", 16, "APL 52");
        c.Deliver(new DeliveryFacts(FiledOn, DeliveryMethod.OnTheSpot), NationalDay2026);
        RefusedNaming(() => c.Close(FiledOn), "Case.SummaryNotReported", 16, "APL 52");
        c.ReportForFiling(FiledOn.AddDays(1));
        c.Close(FiledOn.AddDays(1));
        Assert.Equal(CaseState.Closed, c.State);
    }

    [Fact]
    public void AGeneralCaseIsNotReportedForFiling() =>
        Refused(() => Decided().ReportForFiling(D("2026-10-01")), "Case.NotSummary", 409);

    [Fact]
    public void TheSummaryCaseActsInTheSameNameAsTheAgreementSays()
    {
        Assert.Equal("重庆市北碚区卫生健康委员会", OnTheSpot(Penalty.WarningOnly).ActingInNameOf);
        Assert.Equal("重庆市北碚区歇马镇人民政府",
            OnTheSpot(Penalty.WarningOnly, entitlement: Entitled(Authority.SummaryPenalty, mode: AgreementMode.Grant)).ActingInNameOf);
    }
}
