using Entrust.Web.Features.Cases;
using static Entrust.Tests.Rules.CaseFixtures;

namespace Entrust.Tests.Rules;

/// <summary>Reconsideration and litigation after the decision; a changed or revoked decision leaves the public page (APL 48).</summary>
public sealed class CaseRemedies
{
    [Fact]
    public void AnUpheldDecisionLeavesTheCaseAsItWas()
    {
        var c = Closed();
        var remedy = c.RecordRemedy(RemedyKind.Reconsideration, D("2026-11-02"), "重庆市北碚区人民政府");
        c.RecordRemedyOutcome(remedy.Id, RemedyOutcome.Upheld, D("2026-12-20"), NationalDay2026);
        Assert.Equal(RemedyOutcome.Upheld, remedy.Outcome);
        Assert.False(c.IsErroneousCandidate);
        Assert.Null(c.WithdrawFromPublicBy);
        Assert.Equal(CaseState.Closed, c.State);
    }

    [Theory]
    [InlineData(RemedyOutcome.Changed)]
    [InlineData(RemedyOutcome.Revoked)]
    public void AChangedOrRevokedDecisionIsACandidateErrorAndLeavesThePublicPageWithinThreeWorkingDays(RemedyOutcome outcome)
    {
        var c = Decided();
        var lawsuit = c.RecordRemedy(RemedyKind.Litigation, D("2026-10-08"), "重庆市北碚区人民法院");
        // Decided on Friday 9 October: the make-up Saturday 10, then Monday 12 and Tuesday 13 October.
        c.RecordRemedyOutcome(lawsuit.Id, outcome, D("2026-10-09"), NationalDay2026);
        Assert.True(c.IsErroneousCandidate);
        Assert.Equal(D("2026-10-13"), c.WithdrawFromPublicBy);
        var deadline = CaseDeadlines.Open(c, D("2026-10-10"), NationalDay2026).Single(d => d.Kind == CaseDeadlineKind.PublicWithdrawal);
        Assert.Equal(2, deadline.WorkingDaysLeft);
        c.RecordWithdrawalFromPublic(D("2026-10-12"));
        Assert.DoesNotContain(CaseDeadlines.Open(c, D("2026-10-12"), NationalDay2026), d => d.Kind == CaseDeadlineKind.PublicWithdrawal);
    }

    [Fact]
    public void ADecisionConfirmedUnlawfulIsACandidateErrorWithNothingToWithdraw()
    {
        var c = Closed();
        var remedy = c.RecordRemedy(RemedyKind.Litigation, D("2026-11-02"), "重庆市北碚区人民法院");
        c.RecordRemedyOutcome(remedy.Id, RemedyOutcome.ConfirmedUnlawful, D("2027-02-01"), NationalDay2026);
        Assert.True(c.IsErroneousCandidate);
        Assert.Null(c.WithdrawFromPublicBy);
        Refused(() => c.RecordWithdrawalFromPublic(D("2027-02-02")), "Case.NothingToWithdraw", 409);
    }

    [Fact]
    public void NoRemedyBeforeADecision() =>
        Refused(() => Notified().RecordRemedy(RemedyKind.Reconsideration, D("2026-09-20"), "区政府"), "Case.NoDecisionToChallenge", 409);

    [Fact]
    public void AnOutcomeIsRecordedOnce()
    {
        var c = Closed();
        var remedy = c.RecordRemedy(RemedyKind.Reconsideration, D("2026-11-02"), "重庆市北碚区人民政府");
        Refused(() => c.RecordRemedyOutcome(remedy.Id, RemedyOutcome.Pending, D("2026-12-20"), NationalDay2026), "Validation.Invalid");
        c.RecordRemedyOutcome(remedy.Id, RemedyOutcome.Upheld, D("2026-12-20"), NationalDay2026);
        Refused(() => c.RecordRemedyOutcome(remedy.Id, RemedyOutcome.Revoked, D("2026-12-21"), NationalDay2026),
            "Case.RemedyAlreadyDecided", 409);
        Refused(() => c.RecordRemedyOutcome(Guid.NewGuid(), RemedyOutcome.Revoked, D("2026-12-21"), NationalDay2026), "Case.RemedyNotFound");
        Assert.False(c.IsErroneousCandidate);
    }
}
