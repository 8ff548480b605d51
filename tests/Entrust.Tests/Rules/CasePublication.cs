using Entrust.Web.Features.Cases;
using static Entrust.Tests.Rules.CaseFixtures;

namespace Entrust.Tests.Rules;

/// <summary>LAW 24 (APL 48): a decision with social impact is published within the office's window, in working days.</summary>
public sealed class CasePublication
{
    private static Case DecidedToPublish(DateOnly on, CaseSettings? settings = null)
    {
        var c = Notified();
        c.Decide(new DecisionFacts(on, "北碚卫罚〔2026〕12号", Penalty.FineOf(1000m), SocialImpact: true), Entitled(),
            settings ?? Settings, NationalDay2026);
        return c;
    }

    [Fact]
    public void ADecisionWithSocialImpactIsDueForPublicationSevenWorkingDaysLaterAcrossNationalDay()
    {
        // Decided Wednesday 30 September; 1–7 October are off and Saturday 10 October is worked: 8, 9, 10, 12, 13, 14, 15 October.
        var c = DecidedToPublish(D("2026-09-30"));
        Assert.True(c.MustPublish);
        Assert.Equal(D("2026-10-15"), c.PublicationDueOn);
        Assert.Null(c.PublishedOn);
    }

    [Fact]
    public void TheOfficeSetsTheWindow()
    {
        var c = DecidedToPublish(D("2026-09-30"), Settings with { PublicationWorkingDays = 3 });
        Assert.Equal(D("2026-10-10"), c.PublicationDueOn);
    }

    [Fact]
    public void ADecisionWithoutSocialImpactIsNotPublished()
    {
        var c = Decided();
        Assert.False(c.MustPublish);
        Assert.Null(c.PublicationDueOn);
        RefusedNaming(() => c.Publish(D("2026-10-01")), "Case.NothingToPublish", 24, "APL 48", 409);
    }

    [Fact]
    public void NothingIsPublishedBeforeTheDecision()
    {
        var c = Notified();
        RefusedNaming(() => c.Publish(D("2026-09-10")), "Case.NothingToPublish", 24, "APL 48", 409);
    }

    [Fact]
    public void PublishedOnceNotBeforeTheDecision()
    {
        var c = DecidedToPublish(D("2026-09-30"));
        Refused(() => c.Publish(D("2026-09-29")), "Case.StepBeforePrevious");
        c.Publish(D("2026-10-09"));
        Assert.Equal(D("2026-10-09"), c.PublishedOn);
        RefusedNaming(() => c.Publish(D("2026-10-12")), "Case.AlreadyPublished", 24, "APL 48", 409);
    }

    [Fact]
    public void ALatePublicationIsRecordedAsItHappened()
    {
        var c = DecidedToPublish(D("2026-09-30"));
        c.Publish(D("2026-10-20"));
        Assert.True(c.PublishedOn > c.PublicationDueOn);
    }

    [Fact]
    public void TheDeadlineListShowsThePublicationUntilPublished()
    {
        var c = DecidedToPublish(D("2026-09-30"));
        var open = CaseDeadlines.Open(c, D("2026-10-08"), NationalDay2026);
        var publication = Assert.Single(open, d => d.Kind == CaseDeadlineKind.Publication);
        Assert.Equal(D("2026-10-15"), publication.Due);
        Assert.Equal(6, publication.WorkingDaysLeft);
        c.Publish(D("2026-10-09"));
        Assert.DoesNotContain(CaseDeadlines.Open(c, D("2026-10-09"), NationalDay2026), d => d.Kind == CaseDeadlineKind.Publication);
    }

    [Fact]
    public void ARevokedDecisionIsNotPublishedAgain()
    {
        var c = DecidedToPublish(D("2026-09-30"));
        c.Deliver(new DeliveryFacts(D("2026-10-09"), DeliveryMethod.Direct), NationalDay2026);
        var remedy = c.RecordRemedy(RemedyKind.Reconsideration, D("2026-10-12"), "重庆市北碚区人民政府");
        c.RecordRemedyOutcome(remedy.Id, RemedyOutcome.Revoked, D("2026-11-02"), NationalDay2026);
        RefusedNaming(() => c.Publish(D("2026-11-03")), "Case.AlreadyPublished", 24, "APL 48", 409);
        Assert.DoesNotContain(CaseDeadlines.Open(c, D("2026-11-03"), NationalDay2026), d => d.Kind == CaseDeadlineKind.Publication);
    }

    [Fact]
    public void ADecisionToPublishNeedsTheCalendar()
    {
        var c = Notified();
        Assert.Throws<ArgumentException>(() =>
            c.Decide(new DecisionFacts(D("2026-09-30"), "北碚卫罚〔2026〕12号", Penalty.FineOf(1000m), SocialImpact: true), Entitled()));
        Assert.Equal(CaseState.Notified, c.State);
    }
}
