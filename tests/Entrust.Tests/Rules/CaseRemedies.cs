using Entrust.Web.Features.Cases;
using Entrust.Web.Platform;
using static Entrust.Tests.Rules.CaseFixtures;

namespace Entrust.Tests.Rules;

/// <summary>
/// Reconsideration and litigation after the decision (LAW 6): an overturned decision (撤销, 确认无效, 确认违法) is no longer enforced
/// and what was paid is refunded; a changed one (变更) carries its new penalty; a published decision changed or overturned leaves
/// the public page within 3 working days (APL 48 ¶2).
/// </summary>
public sealed class CaseRemedies
{
    /// <summary>A 1,000 RMB decision of 30 September to publish, delivered and published on 9 October (payment due 24 October).</summary>
    private static Case Published()
    {
        var c = Notified();
        c.Decide(new DecisionFacts(D("2026-09-30"), "北碚卫罚〔2026〕12号", Penalty.FineOf(1000m), SocialImpact: true), Entitled(),
            Settings, NationalDay2026);
        c.Deliver(new DeliveryFacts(D("2026-10-09"), DeliveryMethod.Direct), NationalDay2026);
        c.Publish(D("2026-10-09"));
        return c;
    }

    private static CaseRemedy Outcome(Case c, RemedyOutcome outcome, string on = "2026-11-02", Penalty? changedTo = null,
        RemedyKind kind = RemedyKind.Reconsideration, string filedOn = "2026-10-12")
    {
        var remedy = c.RecordRemedy(kind, D(filedOn), "重庆市北碚区人民政府");
        c.RecordRemedyOutcome(remedy.Id, outcome, D(on), NationalDay2026, changedTo);
        return remedy;
    }

    [Fact]
    public void AnUpheldDecisionLeavesTheCaseAsItWas()
    {
        var c = Closed();
        var remedy = c.RecordRemedy(RemedyKind.Reconsideration, D("2026-11-02"), "重庆市北碚区人民政府");
        c.RecordRemedyOutcome(remedy.Id, RemedyOutcome.Upheld, D("2026-12-20"), NationalDay2026);
        Assert.Equal(RemedyOutcome.Upheld, remedy.Outcome);
        Assert.False(c.IsErroneousCandidate);
        Assert.Null(c.WithdrawFromPublicBy);
        Assert.True(c.DecisionStands);
        Assert.Equal(CaseState.Closed, c.State);
    }

    [Theory]
    [InlineData(RemedyOutcome.Changed)]
    [InlineData(RemedyOutcome.Revoked)]
    [InlineData(RemedyOutcome.ConfirmedUnlawful)]
    [InlineData(RemedyOutcome.ConfirmedVoid)]
    public void APublishedDecisionChangedRevokedConfirmedUnlawfulOrVoidLeavesThePublicPageWithinThreeWorkingDays(RemedyOutcome outcome)
    {
        var c = Published();
        // Decided on Friday 9 October: the make-up Saturday 10, then Monday 12 and Tuesday 13 October.
        Outcome(c, outcome, "2026-10-09", outcome == RemedyOutcome.Changed ? Penalty.FineOf(500m) : null, RemedyKind.Litigation, "2026-10-09");
        Assert.True(c.IsErroneousCandidate);
        Assert.Equal(D("2026-10-13"), c.WithdrawFromPublicBy);
        var deadline = CaseDeadlines.Open(c, D("2026-10-10"), NationalDay2026).Single(d => d.Kind == CaseDeadlineKind.PublicWithdrawal);
        Assert.Equal(2, deadline.WorkingDaysLeft);
        Assert.Contains(CaseStep.Withdraw, c.OpenSteps());
        c.RecordWithdrawalFromPublic(D("2026-10-12"));
        Assert.DoesNotContain(CaseDeadlines.Open(c, D("2026-10-12"), NationalDay2026), d => d.Kind == CaseDeadlineKind.PublicWithdrawal);
    }

    [Fact]
    public void ADecisionNeverToBePublishedHasNothingToWithdraw()
    {
        var c = Closed();
        Outcome(c, RemedyOutcome.ConfirmedUnlawful, "2027-02-01");
        Assert.True(c.IsErroneousCandidate);
        Assert.Null(c.WithdrawFromPublicBy);
        Refused(() => c.RecordWithdrawalFromPublic(D("2027-02-02")), "Case.NothingToWithdraw", 409);
    }

    [Theory]
    [InlineData(RemedyOutcome.Revoked)]
    [InlineData(RemedyOutcome.ConfirmedVoid)]
    [InlineData(RemedyOutcome.ConfirmedUnlawful)]
    public void AnOverturnedDecisionIsNeitherPaidNorExecutedNorClosedAsValid(RemedyOutcome outcome)
    {
        var c = Delivered(new Penalty(false, 1000m, 300m, PenaltyMeasure.None));
        Outcome(c, outcome);
        Assert.False(c.DecisionStands);
        Assert.Equal((outcome, D("2026-11-02")), (c.Overturned!.Value, c.OverturnedOn!.Value));
        var refused = RefusedNaming(() => c.RecordPayment(D("2026-11-03"), 1000m), "Case.DecisionOverturned", 6, "APL 20", 409);
        Assert.Contains(new Text("RemedyOutcome." + outcome), refused.Arguments);
        RefusedNaming(() => c.RecordExecution(D("2026-11-03")), "Case.DecisionOverturned", 6, "APL 20", 409);
        Assert.Null(c.PaidOn);
        Assert.Equal(CaseState.Delivered, c.State);
        Assert.DoesNotContain(CaseStep.Payment, c.OpenSteps());
        Assert.DoesNotContain(CaseStep.Execute, c.OpenSteps());
        // Nothing was paid: it closes as overturned, keeping the outcome that ended it; no payment deadline runs meanwhile.
        Assert.DoesNotContain(CaseDeadlines.Open(c, D("2026-11-03"), NationalDay2026), d => d.Kind == CaseDeadlineKind.Payment);
        Assert.Contains(CaseStep.Close, c.OpenSteps());
        c.Close(D("2026-11-03"));
        Assert.Equal(CaseState.Closed, c.State);
        Assert.Equal(outcome, c.Overturned);
        Assert.Null(c.RefundDue);
    }

    [Fact]
    public void ADecisionRevokedBeforeDeliveryIsNotDelivered()
    {
        var c = Decided();
        Outcome(c, RemedyOutcome.Revoked, "2026-10-13");
        RefusedNaming(() => c.Deliver(new DeliveryFacts(D("2026-10-13"), DeliveryMethod.Direct), NationalDay2026), "Case.DecisionOverturned",
            6, "APL 20", 409);
        Assert.DoesNotContain(CaseDeadlines.Open(c, D("2026-10-13"), NationalDay2026), d => d.Kind == CaseDeadlineKind.Delivery);
        Assert.Equal(new[] { CaseStep.Close }, c.OpenSteps().Where(s => s is CaseStep.Deliver or CaseStep.Close).ToArray());
    }

    [Fact]
    public void MoneyPaidOnARevokedDecisionIsRecordedForRefundAndTheCaseClosesOnceRefunded()
    {
        var c = Closed(); // 1,000 RMB paid on 20 October, closed on the 21st
        Outcome(c, RemedyOutcome.Revoked, "2026-12-01");
        Assert.Equal(1000m, c.RefundDue);
        Assert.True(c.AwaitsRefund);
        Assert.Contains(CaseStep.Refund, c.OpenSteps());
        Refused(() => c.RecordRefund(D("2026-11-30")), "Case.StepBeforePrevious");
        c.RecordRefund(D("2026-12-03"));
        Assert.Equal(D("2026-12-03"), c.RefundedOn);
        Refused(() => c.RecordRefund(D("2026-12-04")), "Case.NothingToRefund", 409);

        var executed = Executed();
        Outcome(executed, RemedyOutcome.ConfirmedVoid, "2026-12-01");
        RefusedNaming(() => executed.Close(D("2026-12-02")), "Case.RefundPending", 6, "APL 20", 409);
        Assert.Equal(CaseState.Executed, executed.State);
        executed.RecordRefund(D("2026-12-02"));
        executed.Close(D("2026-12-02"));
        Assert.Equal(CaseState.Closed, executed.State);
    }

    [Fact]
    public void AChangedOutcomeMustNameTheNewPenaltyNeverHeavier()
    {
        var c = Delivered();
        var remedy = c.RecordRemedy(RemedyKind.Reconsideration, D("2026-10-20"), "重庆市北碚区人民政府");
        RefusedNaming(() => c.RecordRemedyOutcome(remedy.Id, RemedyOutcome.Changed, D("2026-11-02"), NationalDay2026),
            "Case.ChangedPenaltyRequired", 6, "APL 20");
        RefusedNaming(() => c.RecordRemedyOutcome(remedy.Id, RemedyOutcome.Changed, D("2026-11-02"), NationalDay2026, Penalty.FineOf(1500m)),
            "Case.ChangedHeavier", 6, "ARL 63");
        Refused(() => c.RecordRemedyOutcome(remedy.Id, RemedyOutcome.Changed, D("2026-11-02"), NationalDay2026, Penalty.FineOf(-1m)),
            "Validation.Invalid");
        Refused(() => c.RecordRemedyOutcome(remedy.Id, RemedyOutcome.Revoked, D("2026-11-02"), NationalDay2026, Penalty.FineOf(500m)),
            "Case.PenaltyOnlyWhenChanged");
        Assert.Equal(RemedyOutcome.Pending, remedy.Outcome);
        Assert.Null(c.ChangedPenalty);
        Assert.False(c.IsErroneousCandidate);
    }

    [Fact]
    public void AfterAChangeTheAmountDueAndTheLatePenaltyFollowTheChangedPenalty()
    {
        var c = Delivered(); // 1,000 RMB, due 30 October
        Outcome(c, RemedyOutcome.Changed, "2026-10-28", Penalty.FineOf(600m));
        Assert.Equal(Penalty.FineOf(600m), c.PenaltyInForce);
        Assert.Equal(Penalty.FineOf(1000m), c.DecidedPenalty);
        // Paid 2 days late: 600 + 3 % × 2 days of 600 = 636.
        var refused = Refused(() => c.RecordPayment(D("2026-11-01"), 635m), "Case.PaymentShort");
        Assert.Equal((636m, 36m), ((decimal)refused.Arguments[0], (decimal)refused.Arguments[1]));
        c.RecordPayment(D("2026-11-01"), 636m);
        Assert.Equal((CaseState.Executed, 36m), (c.State, c.LatePenaltyCharged!.Value));
    }

    [Fact]
    public void AChangeAfterPaymentRecordsTheDifferenceForRefund()
    {
        var c = Executed(); // 1,000 RMB paid on time
        Outcome(c, RemedyOutcome.Changed, "2026-11-02", Penalty.FineOf(400m));
        Assert.Equal(600m, c.RefundDue);
        Assert.True(c.DecisionStands);
        var toNone = Delivered();
        Outcome(toNone, RemedyOutcome.Changed, "2026-11-02", Penalty.None); // 不予处罚: a change never adds a kind of penalty
        // Nothing left to pay: no payment deadline, and the case may close.
        Assert.Null(toNone.PaymentDueOn);
        Assert.Contains(CaseStep.Close, toNone.OpenSteps());
        Refused(() => toNone.RecordPayment(D("2026-11-03"), 1000m), "Case.NothingToPay", 409);
        toNone.Close(D("2026-11-03"));
    }

    [Fact]
    public void TheDecisionDocumentPrintsTheChangedPenalty()
    {
        var c = Delivered();
        Outcome(c, RemedyOutcome.Changed, "2026-11-02", Penalty.FineOf(500m));
        var sources = new CaseDocumentSources("重庆市北碚区歇马镇人民政府", "对未取得卫生许可从事餐饮经营行为的处罚", "《中华人民共和国食品安全法》第一百二十二条",
            "北碚委托〔2026〕7号", "重庆市北碚区人民政府", "重庆市北碚区人民法院", "中国工商银行重庆北碚支行", "重庆市北碚区歇马街道某村某组12号");
        Assert.Equal(Penalty.FineOf(500m), CaseDocumentModel.Of(c, CaseDocumentKind.Decision, sources).Penalty);
    }

    [Fact]
    public void AnOverturnedDecisionIsNotChangedAfterwards()
    {
        var c = Delivered();
        Outcome(c, RemedyOutcome.Revoked);
        var lawsuit = c.RecordRemedy(RemedyKind.Litigation, D("2026-11-03"), "重庆市北碚区人民法院");
        RefusedNaming(() => c.RecordRemedyOutcome(lawsuit.Id, RemedyOutcome.Changed, D("2026-11-04"), NationalDay2026, Penalty.FineOf(100m)),
            "Case.DecisionOverturned", 6, "APL 20", 409);
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
