using Entrust.Web.Features.Cases;
using static Entrust.Tests.Rules.CaseFixtures;
using Calendar = Entrust.Web.Features.Calendar.WorkingDayCalendar;

namespace Entrust.Tests.Rules;

/// <summary>The case's clocks: limitation (APL 36), deadlines on the holiday calendar (APL 60, 61, 64, 67, 85) and the late penalty (APL 72).</summary>
public sealed class CaseTimeLimits
{
    // ---- limitation ----

    [Fact]
    public void TwoYearsEndOnTheSameDateTwoYearsOn()
    {
        Assert.True(Limitation.Check(D("2024-03-10"), null, D("2026-03-10"), false).WithinLimit);
        Assert.False(Limitation.Check(D("2024-03-10"), null, D("2026-03-11"), false).WithinLimit);
    }

    [Fact]
    public void FiveYearsWhereLifeHealthOrFinancialSafetyWasHarmed()
    {
        var answer = Limitation.Check(D("2021-06-01"), null, D("2026-06-01"), harmsLifeHealthOrFinance: true);
        Assert.True(answer.WithinLimit);
        Assert.Equal(5, answer.Years);
        Assert.False(Limitation.Check(D("2021-06-01"), null, D("2026-06-02"), true).WithinLimit);
        Assert.False(Limitation.Check(D("2021-06-01"), null, D("2026-06-01"), false).WithinLimit);
    }

    [Fact]
    public void AContinuingActCountsFromItsEnd()
    {
        var answer = Limitation.Check(D("2023-01-01"), D("2024-06-30"), D("2026-06-30"), false);
        Assert.True(answer.WithinLimit);
        Assert.Equal(D("2024-06-30"), answer.CountsFrom);
        Assert.False(Limitation.Check(D("2023-01-01"), D("2024-06-30"), D("2026-07-01"), false).WithinLimit);
    }

    [Fact]
    public void AnActOnTheTwentyNinthOfFebruaryRunsToTheTwentyEighth()
    {
        Assert.Equal(D("2026-02-28"), Limitation.Check(D("2024-02-29"), null, D("2026-02-28"), false).LastDay);
        Assert.False(Limitation.Check(D("2024-02-29"), null, D("2026-03-01"), false).WithinLimit);
    }

    [Fact]
    public void TheLimitationIsCheckedOnTheDayTheActWasFoundNotTheDayOfFiling()
    {
        var c = File(Filing(actOn: D("2024-09-01"), foundOn: D("2026-09-01"), filedOn: D("2026-09-08")));
        Assert.Equal(CaseState.Filed, c.State);
    }

    // ---- late penalty ----

    [Fact]
    public void NoLatePenaltyUpToTheDueDay()
    {
        Assert.Equal(0m, LatePenalty.Compute(1000m, D("2026-10-30"), D("2026-10-30")));
        Assert.Equal(0m, LatePenalty.Compute(1000m, D("2026-10-30"), D("2026-10-20")));
    }

    [Fact]
    public void ThreePercentOfTheFineForEachDayLate()
    {
        Assert.Equal(30m, LatePenalty.Compute(1000m, D("2026-10-30"), D("2026-10-31")));
        Assert.Equal(1.5m, LatePenalty.Compute(50m, D("2026-10-30"), D("2026-10-31")));
        Assert.Equal(990m, LatePenalty.Compute(1000m, D("2026-10-30"), D("2026-12-02")));
    }

    [Fact]
    public void TheLatePenaltyIsCappedAtTheFine()
    {
        // 34 days late would be 102 %: capped at the fine.
        Assert.Equal(1000m, LatePenalty.Compute(1000m, D("2026-10-30"), D("2026-12-03")));
        Assert.Equal(1000m, LatePenalty.Compute(1000m, D("2026-10-30"), D("2027-10-30")));
    }

    [Fact]
    public void ACasePaidLongAfterDeliveryOwesTwiceTheFineAtMost()
    {
        var c = Delivered();
        Refused(() => c.RecordPayment(D("2027-01-30"), 1999.99m), "Case.PaymentShort");
        c.RecordPayment(D("2027-01-30"), 2000m);
        Assert.Equal(1000m, c.LatePenaltyCharged);
    }

    [Fact]
    public void ADeferredFineFallsDueOnTheApprovedDayAndTheLatePenaltyFollows()
    {
        // Delivered 15 October, due 30 October; the party applied on the 20th, approved the 21st: due 30 November.
        var c = Delivered();
        c.ArrangePayment(Deferral(D("2026-10-20"), D("2026-10-21"), "dept.health", true, D("2026-11-30"), "经济困难"), D("2026-10-21"));
        Assert.Equal(D("2026-11-30"), c.PaymentDueOn);
        Assert.Equal((D("2026-10-20"), D("2026-10-21"), "dept.health", "经济困难"),
            (c.PaymentDeferralAppliedOn!.Value, c.PaymentDeferredOn!.Value, c.PaymentDeferredBy, c.PaymentDeferralReason));
        Assert.Equal(CaseDeadlineKind.Payment, CaseDeadlines.Next(c, D("2026-11-01"), NationalDay2026)!.Kind);
        Assert.Equal(D("2026-11-30"), CaseDeadlines.Next(c, D("2026-11-01"), NationalDay2026)!.Due);
        // Paid on the new due day: nothing late; a day after, 3 %.
        Refused(() => c.RecordPayment(D("2026-12-01"), 1000m), "Case.PaymentShort");
        c.RecordPayment(D("2026-11-30"), 1000m);
        Assert.Equal(0m, c.LatePenaltyCharged);
    }

    /// <summary>A deferral is a payment plan of one instalment: the whole fine (1,000 yuan here) on the new day.</summary>
    private static PaymentPlan Deferral(DateOnly appliedOn, DateOnly approvedOn, string by, bool mayApprove, DateOnly newDueOn, string reason) =>
        new(appliedOn, approvedOn, by, mayApprove, reason, [new InstalmentTerm(newDueOn, 1000m)]);

    private static PaymentPlan Instalments(params (string DueOn, decimal Amount)[] terms) =>
        new(D("2026-10-20"), D("2026-10-21"), "dept.health", true, "经济困难", [.. terms.Select(t => new InstalmentTerm(D(t.DueOn), t.Amount))]);

    [Fact]
    public void InstalmentsArePaidInOrderEachWithItsOwnLatePenaltyAndTheLastExecutesTheCase()
    {
        // Delivered 15 October, due 30 October; 1,000 yuan in three instalments.
        var c = Delivered();
        c.ArrangePayment(Instalments(("2026-10-30", 400m), ("2026-11-30", 300m), ("2026-12-31", 300m)), D("2026-10-21"));
        Assert.Equal([1, 2, 3], c.Instalments.Select(i => i.Number));
        Assert.Equal(D("2026-10-30"), c.PaymentDueOn);
        c.RecordPayment(D("2026-10-30"), 400m);
        Assert.Equal(CaseState.Delivered, c.State);
        Assert.Equal(D("2026-11-30"), c.PaymentDueOn);
        Assert.True(c.AwaitsPayment);
        // The second paid ten days late: 3 % a day on its own 300 yuan, 90 yuan.
        Refused(() => c.RecordPayment(D("2026-12-10"), 300m), "Case.PaymentShort");
        c.RecordPayment(D("2026-12-10"), 390m);
        Assert.Equal(90m, c.Instalments[1].LatePenalty);
        Assert.Equal(D("2026-12-31"), c.PaymentDueOn);
        c.RecordPayment(D("2026-12-31"), 300m);
        Assert.Equal(CaseState.Executed, c.State);
        Assert.Equal(D("2026-12-31"), c.PaidOn);
        Assert.Equal(1090m, c.AmountPaid);
        Assert.Equal(90m, c.LatePenaltyCharged);
        Assert.False(c.AwaitsPayment);
    }

    [Fact]
    public void APlanCoversWhatRemainsInOrderNotBeforeTheDueDay()
    {
        var c = Delivered();
        var on = D("2026-10-21");
        RefusedNaming(() => c.ArrangePayment(Instalments(("2026-10-30", 400m), ("2026-11-30", 500m)), on), "Case.InstalmentsSum", 22, "APL 66");
        RefusedNaming(() => c.ArrangePayment(Instalments(("2026-10-29", 500m), ("2026-11-30", 500m)), on), "Case.InstalmentBeforeDue", 22, "APL 66");
        RefusedNaming(() => c.ArrangePayment(Instalments(("2026-11-30", 500m), ("2026-11-30", 500m)), on), "Case.InstalmentsOrder", 22, "APL 66");
        RefusedNaming(() => c.ArrangePayment(Instalments(("2026-11-30", 1000m), ("2026-12-30", 0m)), on), "Case.InstalmentAmount", 22, "APL 66");
        RefusedNaming(() => c.ArrangePayment(Instalments(), on), "Case.InstalmentsCount", 22, "APL 66");
        Assert.Empty(c.Instalments);
        // Half paid, a new plan covers the other half and replaces the unpaid instalment.
        c.ArrangePayment(Instalments(("2026-10-30", 500m), ("2026-11-30", 500m)), on);
        c.RecordPayment(D("2026-10-30"), 500m);
        RefusedNaming(() => c.ArrangePayment(Instalments(("2026-12-15", 1000m)), on), "Case.InstalmentsSum", 22, "APL 66");
        c.ArrangePayment(Instalments(("2026-12-15", 250m), ("2027-01-15", 250m)), on);
        Assert.Equal([(1, true), (2, false), (3, false)], c.Instalments.Select(i => (i.Number, i.PaidOn != null)));
        Assert.Equal(500m, c.FineOutstanding);
        Assert.Equal(D("2026-12-15"), c.PaymentDueOn);
    }

    [Fact]
    public void ADeferralIsTheActingBodysRecordedTheDayAndLater()
    {
        var c = Delivered();
        RefusedNaming(() => c.ArrangePayment(Deferral(D("2026-10-20"), D("2026-10-21"), "town.xiema", false, D("2026-11-30"), "困难"), D("2026-10-21")),
            "Case.DeferralApproverNotAuthorised", 22, "APL 66");
        RefusedNaming(() => c.ArrangePayment(Deferral(D("2026-10-20"), D("2026-10-20"), "dept.health", true, D("2026-11-30"), "困难"), D("2026-10-21")),
            "Case.DeferralBackDated", 22, "APL 66");
        RefusedNaming(() => c.ArrangePayment(Deferral(D("2026-10-20"), D("2026-10-21"), "dept.health", true, D("2026-10-30"), "困难"), D("2026-10-21")),
            "Case.DeferralNotLater", 22, "APL 66");
        Refused(() => c.ArrangePayment(Deferral(D("2026-10-20"), D("2026-10-21"), "dept.health", true, D("2026-11-30"), " "), D("2026-10-21")),
            "Validation.Required");
        Assert.Equal((D("2026-10-30"), (DateOnly?)null), (c.PaymentDueOn!.Value, c.PaymentDeferredOn));
    }

    // ---- deadlines ----

    [Fact]
    public void TheDecisionIsDueNinetyCalendarDaysAfterFilingPlusExtensions()
    {
        Assert.Equal(D("2026-11-30"), CaseDeadlines.DecisionDue(D("2026-09-01"), 90, []));
        Assert.Equal(D("2027-01-09"), CaseDeadlines.DecisionDue(D("2026-09-01"), 90, [30, 10]));
        // Ninety days are calendar days: National Day does not move them.
        Assert.Equal(D("2026-12-29"), CaseDeadlines.DecisionDue(D("2026-09-30"), 90, []));
    }

    [Fact]
    public void WorkingDayWindowsSkipTheHolidayAndCountTheMakeUpSaturday()
    {
        Assert.Equal(D("2026-10-10"), CaseDeadlines.HearingRequestDue(D("2026-09-28"), NationalDay2026));
        Assert.Equal(D("2026-10-15"), CaseDeadlines.DeliveryDue(D("2026-09-30"), NationalDay2026));
        // Without the office's schedule only the statutory 1 and 2 October (weekdays) are off.
        Assert.Equal(D("2026-10-13"), CaseDeadlines.DeliveryDue(D("2026-09-30"), Calendar.Empty));
        Assert.Equal(D("2026-10-15"), CaseDeadlines.EarliestHearing(D("2026-09-30"), NationalDay2026));
    }

    [Fact]
    public void PaymentIsDueFifteenCalendarDaysAfterDelivery() =>
        Assert.Equal(D("2026-10-16"), CaseDeadlines.PaymentDue(D("2026-10-01")));

    [Fact]
    public void AFiledCaseRunsAgainstItsDecisionDeadlineInWorkingDays()
    {
        var c = File();
        var next = CaseDeadlines.Next(c, D("2026-11-20"), NationalDay2026)!;
        Assert.Equal(CaseDeadlineKind.Decision, next.Kind);
        Assert.Equal(D("2026-11-30"), next.Due);
        // Friday 20 November to Monday 30 November: 23–27 and 30.
        Assert.Equal(6, next.WorkingDaysLeft);
        Assert.False(next.IsOverdue(D("2026-11-30")));
        var overdue = CaseDeadlines.Next(c, D("2026-12-02"), NationalDay2026)!;
        Assert.True(overdue.IsOverdue(D("2026-12-02")));
        Assert.Equal(-2, overdue.WorkingDaysLeft);
    }

    [Fact]
    public void ADeadlineInAYearWithoutTheOfficesScheduleIsProvisional()
    {
        // Filed 1 September 2026: the decision is due 30 November, inside 2026, which the office kept.
        Assert.False(CaseDeadlines.Next(File(), D("2026-11-20"), NationalDay2026)!.Provisional);
        // Filed 20 November 2026: due 18 February 2027, and 2027's schedule (春节 bridging days, make-up days) is not kept.
        var late = File(Filing(actOn: D("2026-11-01"), foundOn: D("2026-11-18"), filedOn: D("2026-11-20")));
        var next = CaseDeadlines.Next(late, D("2026-11-25"), NationalDay2026)!;
        Assert.Equal(D("2027-02-18"), next.Due);
        Assert.True(next.Provisional);
    }

    [Fact]
    public void ANotifiedCaseRunsAgainstThePartysWindowsBeforeTheDecision()
    {
        var c = Notified(Penalty.FineOf(10000m), D("2026-09-28"));
        var open = CaseDeadlines.Open(c, D("2026-09-30"), NationalDay2026);
        Assert.Equal(
            [CaseDeadlineKind.Representations, CaseDeadlineKind.HearingRequest, CaseDeadlineKind.Decision],
            open.Select(d => d.Kind));
        // With the default five working days for representations both windows close on the make-up Saturday.
        Assert.Equal(D("2026-10-10"), open[0].Due);
        Assert.Equal(D("2026-10-10"), open[1].Due);
        // From Wednesday 30 September: 8, 9 and the make-up Saturday 10 October.
        Assert.Equal(3, open[0].WorkingDaysLeft);
        Assert.Equal(CaseDeadlineKind.Decision, CaseDeadlines.Next(c, D("2026-10-12"), NationalDay2026)!.Kind);
    }

    [Fact]
    public void ADecidedCaseRunsAgainstDeliveryAndADeliveredOneAgainstPayment()
    {
        var decided = Decided();
        var delivery = CaseDeadlines.Next(decided, D("2026-09-30"), NationalDay2026)!;
        Assert.Equal(CaseDeadlineKind.Delivery, delivery.Kind);
        Assert.Equal(D("2026-10-15"), delivery.Due);
        Assert.Equal(7, delivery.WorkingDaysLeft);

        var delivered = Delivered();
        var payment = CaseDeadlines.Next(delivered, D("2026-10-15"), NationalDay2026)!;
        Assert.Equal(CaseDeadlineKind.Payment, payment.Kind);
        Assert.Equal(D("2026-10-30"), payment.Due);
    }

    [Fact]
    public void AClosedCaseRunsAgainstNothing() => Assert.Null(CaseDeadlines.Next(Closed(), D("2026-11-01"), NationalDay2026));

    [Fact]
    public void ExtensionsShowInTheDeadline()
    {
        var c = Notified();
        c.Extend(new ExtensionFacts(D("2026-11-25"), 20, "局长", true, "需鉴定"), D("2026-11-25"), Settings);
        Assert.Equal(D("2026-12-20"), CaseDeadlines.Next(c, D("2026-12-01"), NationalDay2026)!.Due);
    }
}
