using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Cases;
using Entrust.Web.Platform;
using static Entrust.Tests.Rules.CaseFixtures;

namespace Entrust.Tests.Rules;

/// <summary>
/// The general procedure of a penalty case (LAW 14–23, 行政处罚法): every step it allows, and every step it refuses with the rule
/// that refuses it.
/// </summary>
public sealed class CaseStateMachine
{
    // ---- allowed transitions ----

    [Fact]
    public void FilingRecordsTheCaseInTheNameTheEntitlementGives()
    {
        var c = File();
        Assert.Equal(CaseState.Filed, c.State);
        Assert.Equal(CaseProcedure.General, c.Procedure);
        Assert.Equal(FiledOn, c.FiledOn);
        Assert.Equal(D("2026-11-30"), c.DecisionDueOn);
        Assert.Equal(D("2028-08-20"), c.LimitationLastDay);
        Assert.Equal(2, c.Officers.Count);
        Assert.All(c.Officers, o => Assert.Equal(CaseState.Filed, o.Step));
        Assert.Equal(7, c.Id.Version);
    }

    [Fact]
    public void UnderEntrustmentTheCaseActsInTheEntrustingDepartmentsName()
    {
        var c = File(entitlement: Entitled(mode: AgreementMode.Entrustment));
        Assert.Equal(AgreementMode.Entrustment, c.Mode);
        Assert.Equal("重庆市北碚区卫生健康委员会", c.ActingInNameOf);
        Assert.Equal(Department, c.ActingUnitId);
    }

    [Fact]
    public void UnderAGrantTheCaseActsInTheTownshipsOwnName()
    {
        var c = File(entitlement: Entitled(mode: AgreementMode.Grant));
        Assert.Equal(AgreementMode.Grant, c.Mode);
        Assert.Equal("重庆市北碚区歇马镇人民政府", c.ActingInNameOf);
        Assert.Equal(Township, c.ActingUnitId);
    }

    [Fact]
    public void FiledToInvestigatingToNotified()
    {
        var c = Investigating();
        Assert.Equal(CaseState.Investigating, c.State);
        var evidence = c.AddEvidence(D("2026-09-02"), "询问笔录", "当事人承认无证经营", Two);
        Assert.Equal(CaseState.Investigating, c.State);
        Assert.Equal([Zhang.OfficerId, Li.OfficerId], evidence.OfficerIds);
        c.Notify(new NoticeFacts(D("2026-09-03"), Penalty.FineOf(1000m), "告知"), Settings, NationalDay2026);
        Assert.Equal(CaseState.Notified, c.State);
        Assert.Equal(D("2026-09-10"), c.RepresentationsUntil);
        Assert.False(c.HearingOffered);
        Assert.Null(c.HearingRequestUntil);
    }

    [Fact]
    public void NotifiedToDecidedWhenNeitherReviewNorDiscussionIsNeeded()
    {
        var c = Decided();
        Assert.Equal(CaseState.Decided, c.State);
        Assert.Equal(D("2026-09-30"), c.DecidedOn);
        Assert.Equal(1000m, c.DecidedPenalty!.Fine);
    }

    [Fact]
    public void TheHearingPath()
    {
        var c = HearingRequested();
        Assert.True(c.HearingOffered);
        Assert.Equal(CaseState.HearingRequested, c.State);
        c.HoldHearing(new HearingFacts(D("2026-10-12"), D("2026-10-21"), Wang.OfficerId, Wang.Name, "听证笔录"), NationalDay2026);
        Assert.Equal(CaseState.HearingHeld, c.State);
        Assert.True(c.NeedsLegalReview);
        c.RecordLegalReview(Review(D("2026-10-22")));
        Assert.Equal(CaseState.LegalReviewed, c.State);
        c.Decide(new DecisionFacts(D("2026-10-23"), "北碚卫罚〔2026〕13号", Penalty.FineOf(8000m)), Entitled());
        Assert.Equal(CaseState.Decided, c.State);
    }

    [Fact]
    public void AMajorCaseIsReviewedThenDiscussedThenDecided()
    {
        var c = Notified(major: true);
        c.RecordLegalReview(Review(D("2026-09-11")));
        Assert.Equal(CaseState.LegalReviewed, c.State);
        c.RecordCollectiveDiscussion(D("2026-09-14"), "同意");
        Assert.Equal(CaseState.Discussed, c.State);
        c.Decide(new DecisionFacts(D("2026-09-15"), "北碚卫罚〔2026〕14号", Penalty.FineOf(1000m)), Entitled());
        Assert.Equal(CaseState.Decided, c.State);
    }

    [Fact]
    public void DecidedToDeliveredToExecutedToClosed()
    {
        var c = Delivered();
        Assert.Equal(CaseState.Delivered, c.State);
        Assert.Equal(D("2026-10-30"), c.PaymentDueOn);
        Assert.Equal(D("2026-12-14"), c.ReconsiderationUntil);
        Assert.Equal(D("2027-04-15"), c.LitigationUntil);
        c.RecordPayment(D("2026-10-30"), 1000m);
        Assert.Equal(CaseState.Executed, c.State);
        Assert.Equal(0m, c.LatePenaltyCharged);
        c.Close(D("2026-11-02"));
        Assert.Equal(CaseState.Closed, c.State);
    }

    [Fact]
    public void AWarningIsCarriedOutByDeliveryAndTheCaseClosesFromThere()
    {
        var c = Delivered(Penalty.WarningOnly);
        Assert.Null(c.PaymentDueOn);
        c.Close(D("2026-10-16"));
        Assert.Equal(CaseState.Closed, c.State);
    }

    [Fact]
    public void AConfiscationIsExecutedAfterTheFineIsPaid()
    {
        var penalty = new Penalty(false, 1000m, 500m, PenaltyMeasure.None);
        var c = Delivered(penalty);
        Refused(() => c.RecordExecution(D("2026-10-16")), "Case.FineUnpaid");
        c.RecordPayment(D("2026-10-16"), 1000m);
        Assert.Equal(CaseState.Delivered, c.State);
        c.RecordExecution(D("2026-10-19"));
        Assert.Equal(CaseState.Executed, c.State);
    }

    [Theory]
    [InlineData(CaseState.Filed)]
    [InlineData(CaseState.Investigating)]
    [InlineData(CaseState.Notified)]
    [InlineData(CaseState.HearingRequested)]
    [InlineData(CaseState.HearingHeld)]
    [InlineData(CaseState.LegalReviewed)]
    [InlineData(CaseState.Discussed)]
    [InlineData(CaseState.Decided)]
    [InlineData(CaseState.Delivered)]
    [InlineData(CaseState.Executed)]
    public void ASuspectedCrimeIsTransferredFromAnyOpenStateAndTheCaseStopsThere(CaseState state)
    {
        var c = InState(state);
        Assert.Equal(state, c.State);
        c.TransferToJudiciary(D("2026-11-10"), "重庆市公安局北碚区分局", "涉嫌犯罪");
        Assert.Equal(CaseState.Transferred, c.State);
        Assert.Equal("重庆市公安局北碚区分局", c.TransferredTo);
        OutOfOrder(() => c.Close(D("2026-11-11")), CaseState.Transferred);
    }

    [Theory]
    [InlineData(CaseState.Closed)]
    [InlineData(CaseState.Transferred)]
    public void AClosedOrTransferredCaseIsNotTransferred(CaseState state)
    {
        var c = InState(state);
        var refused = RefusedNaming(() => c.TransferToJudiciary(D("2026-11-10"), "公安", "涉嫌犯罪"), "Case.CannotTransfer", 23, "APL 27", 409);
        Assert.Equal(new Text("CaseState." + state), refused.Arguments[0]);
    }

    // ---- refusals at filing ----

    [Fact]
    public void NoAgreementNoCase()
    {
        RefusedNaming(() => new Case(Filing(), null, Two, Settings), "Entitlement.NoAgreement", 9, "APL 38");
        var terminated = Entitlement.No("Entitlement.Terminated", "北碚委托〔2026〕7号");
        var refused = RefusedNaming(() => new Case(Filing(), terminated, Two, Settings), "Entitlement.Terminated", 9, "APL 38");
        Assert.Equal("北碚委托〔2026〕7号", refused.Arguments[0]);
    }

    [Theory]
    [InlineData(Authority.InspectionOnly)]
    [InlineData(Authority.SummaryPenalty)]
    public void AnAuthorityBelowTheGeneralProcedureCannotFileAGeneralCase(Authority authority) =>
        RefusedNaming(() => File(entitlement: Entitled(authority)), "Case.AuthorityBelowProcedure", 2, "APL 20");

    [Fact]
    public void FilingNeedsTwoOfficersWhoMayAct()
    {
        RefusedNaming(() => new Case(Filing(), Entitled(), [Zhang], Settings), "Case.TwoOfficersRequired", 10, "APL 42");
        RefusedNaming(() => new Case(Filing(), Entitled(), [Zhang, Zhang], Settings), "Case.TwoOfficersRequired", 10, "APL 42");
        var refused = RefusedNaming(() => new Case(Filing(), Entitled(), [Zhang, Li, Barred], Settings), "Case.OfficerMayNotAct", 10, "APL 42");
        Assert.Equal("赵六", refused.Arguments[0]);
    }

    [Fact]
    public void AnActFoundAfterTheLimitationPeriodIsNotFiled()
    {
        var refused = RefusedNaming(() => File(Filing(actOn: D("2024-03-10"), foundOn: D("2026-03-11"), filedOn: D("2026-03-12"))),
            "Case.LimitationPassed", 14, "APL 36");
        Assert.Equal("2026-03-10", refused.Arguments[2]);
        var filed = File(Filing(actOn: D("2024-03-10"), foundOn: D("2026-03-10"), filedOn: D("2026-03-12")));
        Assert.Equal(D("2026-03-10"), filed.LimitationLastDay);
    }

    [Fact]
    public void DatesOutOfOrderAreRefused() =>
        Refused(() => File(Filing(actOn: D("2026-09-05"))), "Case.DatesOutOfOrder");

    // ---- refusals during the procedure ----

    [Fact]
    public void InvestigationNeedsTwoOfficersWhoMayAct()
    {
        var c = File();
        RefusedNaming(() => c.BeginInvestigation(FiledOn, [Li]), "Case.TwoOfficersRequired", 10, "APL 55");
        RefusedNaming(() => c.BeginInvestigation(FiledOn, [Li, Barred]), "Case.OfficerMayNotAct", 10, "APL 55");
        Assert.Equal(CaseState.Filed, c.State);
        var i = Investigating();
        RefusedNaming(() => i.AddEvidence(D("2026-09-02"), "物证", "菜刀", [Barred, Li]), "Case.OfficerMayNotAct", 10, "APL 55");
        Assert.Empty(i.Evidence);
    }

    [Fact]
    public void NoNoticeWithoutEvidence()
    {
        var c = Investigating();
        RefusedNaming(() => c.Notify(new NoticeFacts(D("2026-09-03"), Penalty.FineOf(1000m), "告知"), Settings, NationalDay2026),
            "Case.NoEvidence", 17, "APL 40");
        Assert.Equal(CaseState.Investigating, c.State);
    }

    [Theory]
    [InlineData(CaseState.Filed)]
    [InlineData(CaseState.Investigating)]
    public void NoDecisionWithoutPriorNotice(CaseState state)
    {
        var c = InState(state);
        var refused = RefusedNaming(() => c.Decide(new DecisionFacts(D("2026-09-30"), "罚1", Penalty.FineOf(1000m)), Entitled()),
            "Case.NoPriorNotice", 17, "APL 44", 409);
        Assert.Equal(new Text("CaseState." + state), refused.Arguments[0]);
        Assert.Equal(state, c.State);
    }

    [Fact]
    public void NoDecisionWhileTheRepresentationsWindowIsOpen()
    {
        var c = Notified();
        var refused = RefusedNaming(() => c.Decide(new DecisionFacts(D("2026-09-10"), "罚1", Penalty.FineOf(1000m)), Entitled()),
            "Case.RepresentationWindowOpen", 17, "APL 62");
        Assert.Equal("2026-09-10", refused.Arguments[0]);
        c.Decide(new DecisionFacts(D("2026-09-11"), "罚1", Penalty.FineOf(1000m)), Entitled());
        Assert.Equal(CaseState.Decided, c.State);
    }

    [Fact]
    public void AWaiverLetsTheDecisionComeAtOnce()
    {
        var c = Notified();
        c.RecordWaiver(D("2026-09-04"));
        c.Decide(new DecisionFacts(D("2026-09-04"), "罚1", Penalty.FineOf(1000m)), Entitled());
        Assert.Equal(CaseState.Decided, c.State);
    }

    [Fact]
    public void RepresentationsNeverMakeThePenaltyHeavier()
    {
        var c = Notified();
        c.RecordRepresentations(D("2026-09-04"), "初次违法，已整改");
        RefusedNaming(() => c.Decide(new DecisionFacts(D("2026-09-11"), "罚1", Penalty.FineOf(1500m)), Entitled()),
            "Case.HeavierAfterRepresentations", 17, "APL 45");
        RefusedNaming(() => c.Decide(new DecisionFacts(D("2026-09-11"), "罚1", new Penalty(true, 1000m, 0m, PenaltyMeasure.None)), Entitled()),
            "Case.HeavierAfterRepresentations", 17, "APL 45");
        c.Decide(new DecisionFacts(D("2026-09-11"), "罚1", Penalty.FineOf(500m)), Entitled());
        Assert.Equal(500m, c.DecidedPenalty!.Fine);
    }

    [Fact]
    public void APenaltyHeavierThanNotifiedIsRefusedEvenWithoutRepresentations()
    {
        var c = Notified();
        RefusedNaming(() => c.Decide(new DecisionFacts(D("2026-09-11"), "罚1", Penalty.FineOf(1000.01m)), Entitled()),
            "Case.HeavierThanNotified", 17, "APL 44");
        Assert.Equal(CaseState.Notified, c.State);
    }

    [Fact]
    public void AHearingIsOfferedOnlyForALargeFineOrAFurtherMeasure()
    {
        Assert.False(Notified(Penalty.FineOf(4999.99m)).HearingOffered);
        Assert.True(Notified(Penalty.FineOf(5000m)).HearingOffered);
        Assert.True(Notified(new Penalty(false, 0m, 0m, PenaltyMeasure.LicenceRevoked)).HearingOffered);
        var c = Notified();
        RefusedNaming(() => c.RequestHearing(D("2026-09-04")), "Case.HearingNotAvailable", 18, "APL 63");
    }

    [Fact]
    public void APartyWhoWaivedTheirRightsCannotAskForAHearingAfterwards()
    {
        var c = Notified(Penalty.FineOf(10000m), D("2026-09-28"));
        c.RecordWaiver(D("2026-09-29"));
        RefusedNaming(() => c.RequestHearing(D("2026-09-30")), "Case.HearingWaived", 18, "APL 63");
        Assert.Equal(CaseState.Notified, c.State);
    }

    [Fact]
    public void TheHearingRequestWindowRunsFiveWorkingDaysAcrossNationalDay()
    {
        // Notice Monday 28 September: 29, 30 September, 8, 9 October and the make-up Saturday 10 October.
        var late = Notified(Penalty.FineOf(10000m), D("2026-09-28"));
        Assert.Equal(D("2026-10-10"), late.HearingRequestUntil);
        var refused = RefusedNaming(() => late.RequestHearing(D("2026-10-12")), "Case.HearingRequestLate", 18, "APL 64");
        Assert.Equal("2026-10-10", refused.Arguments[0]);
        var lastDay = Notified(Penalty.FineOf(10000m), D("2026-09-28"));
        lastDay.RequestHearing(D("2026-10-10"));
        Assert.Equal(CaseState.HearingRequested, lastDay.State);
    }

    [Fact]
    public void NoDecisionWhileTheHearingRequestWindowIsOpen()
    {
        var c = Notified(Penalty.FineOf(10000m), D("2026-09-28"));
        c.RecordRepresentations(D("2026-09-29"), "陈述");
        RefusedNaming(() => c.Decide(new DecisionFacts(D("2026-10-10"), "罚1", Penalty.FineOf(10000m)), Entitled()),
            "Case.HearingWindowOpen", 18, "APL 64");
    }

    [Fact]
    public void AHearingAskedForMustBeHeldBeforeReviewOrDecision()
    {
        var c = HearingRequested();
        RefusedNaming(() => c.Decide(new DecisionFacts(D("2026-10-30"), "罚1", Penalty.FineOf(10000m)), Entitled()),
            "Case.HearingPending", 18, "APL 64", 409);
        RefusedNaming(() => c.RecordLegalReview(Review(D("2026-10-30"))), "Case.HearingPending", 18, "APL 64", 409);
    }

    [Fact]
    public void TheHearingNoticeComesSevenWorkingDaysAhead()
    {
        var c = HearingRequested();
        // Notice Monday 12 October: the seventh working day after it is Wednesday 21 October.
        var refused = RefusedNaming(
            () => c.HoldHearing(new HearingFacts(D("2026-10-12"), D("2026-10-20"), Wang.OfficerId, Wang.Name, "笔录"), NationalDay2026),
            "Case.HearingNoticeTooShort", 18, "APL 64");
        Assert.Equal("2026-10-21", refused.Arguments[1]);
        Assert.Equal(CaseState.HearingRequested, c.State);
    }

    [Fact]
    public void AnOfficerWhoInvestigatedDoesNotChairTheHearing()
    {
        var c = HearingRequested();
        var refused = RefusedNaming(
            () => c.HoldHearing(new HearingFacts(D("2026-10-12"), D("2026-10-21"), Zhang.OfficerId, Zhang.Name, "笔录"), NationalDay2026),
            "Case.ChairInvestigated", 18, "APL 64");
        Assert.Equal("张伟", refused.Arguments[0]);
    }

    [Fact]
    public void AnOfficerWhoJoinedOnlyForTheInvestigationDoesNotChairEither()
    {
        var c = File();
        c.BeginInvestigation(FiledOn, [Wang, Li]);
        c.AddEvidence(D("2026-09-02"), "现场笔录", "无证经营", [Wang, Li]);
        c.Notify(new NoticeFacts(D("2026-09-28"), Penalty.FineOf(10000m), "告知"), Settings, NationalDay2026);
        c.RequestHearing(D("2026-09-29"));
        RefusedNaming(
            () => c.HoldHearing(new HearingFacts(D("2026-10-12"), D("2026-10-21"), Wang.OfficerId, Wang.Name, "笔录"), NationalDay2026),
            "Case.ChairInvestigated", 18, "APL 64");
        var outsider = Guid.NewGuid();
        c.HoldHearing(new HearingFacts(D("2026-10-12"), D("2026-10-21"), outsider, "法制科孙某", "笔录"), NationalDay2026);
        Assert.Equal(outsider, c.HearingChairId);
    }

    [Fact]
    public void AHeardCaseIsNotDecidedWithoutLegalReview()
    {
        var c = HearingHeld();
        RefusedNaming(() => c.Decide(new DecisionFacts(D("2026-10-22"), "罚1", Penalty.FineOf(10000m)), Entitled()),
            "Case.LegalReviewRequired", 19, "APL 58", 409);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void AMajorOrComplexCaseNeedsLegalReviewThenCollectiveDiscussion(bool major, bool complex)
    {
        var c = Notified(major: major, complex: complex);
        RefusedNaming(() => c.Decide(new DecisionFacts(D("2026-09-11"), "罚1", Penalty.FineOf(1000m)), Entitled()),
            "Case.LegalReviewRequired", 19, "APL 58", 409);
        RefusedNaming(() => c.RecordCollectiveDiscussion(D("2026-09-11"), "同意"), "Case.LegalReviewRequired", 19, "APL 58", 409);
        c.RecordLegalReview(Review(D("2026-09-11")));
        RefusedNaming(() => c.Decide(new DecisionFacts(D("2026-09-11"), "罚1", Penalty.FineOf(1000m)), Entitled()),
            "Case.DiscussionRequired", 19, "APL 57", 409);
        Assert.Equal(CaseState.LegalReviewed, c.State);
    }

    [Fact]
    public void AnInvestigatorIsNotTheLegalReviewer()
    {
        var c = HearingHeld();
        var refused = RefusedNaming(() => c.RecordLegalReview(new LegalReviewFacts(D("2026-10-22"), Zhang.OfficerId, Zhang.Name, true, "同意")),
            "Case.ReviewerInvestigated", 19, "APL 58");
        Assert.Equal("ReviewerId", refused.Field);
        Assert.Equal(CaseState.HearingHeld, c.State);
        c.RecordLegalReview(new LegalReviewFacts(D("2026-10-22"), Wang.OfficerId, Wang.Name, true, "同意"));
        Assert.Equal(CaseState.LegalReviewed, c.State);
    }

    [Theory]
    [InlineData(PartyKind.Person, "50000", PenaltyMeasure.None)]
    [InlineData(PartyKind.Organisation, "200000", PenaltyMeasure.None)]
    [InlineData(PartyKind.Person, "0", PenaltyMeasure.LicenceRevoked)]
    [InlineData(PartyKind.Organisation, "0", PenaltyMeasure.BusinessRestricted)]
    public void APenaltyThatMakesTheCaseMajorNeedsReviewAndDiscussionUnmarked(PartyKind kind, string fine, PenaltyMeasure measure)
    {
        var penalty = new Penalty(false, decimal.Parse(fine), 0m, measure);
        var c = NotifiedAs(kind, penalty);
        Assert.False(c.IsMajor);
        Assert.True(c.IsMajorByRule);
        Assert.True(c.NeedsLegalReview && c.NeedsCollectiveDiscussion);
        c.RecordWaiver(D("2026-09-03"));
        RefusedNaming(() => c.Decide(new DecisionFacts(D("2026-09-04"), "罚1", penalty), Entitled()), "Case.LegalReviewRequired", 19, "APL 58", 409);
        c.RecordLegalReview(Review(D("2026-09-04")));
        RefusedNaming(() => c.Decide(new DecisionFacts(D("2026-09-04"), "罚1", penalty), Entitled()), "Case.DiscussionRequired", 19, "APL 57", 409);
        c.RecordCollectiveDiscussion(D("2026-09-05"), "同意");
        c.Decide(new DecisionFacts(D("2026-09-07"), "罚1", penalty), Entitled());
        Assert.Equal(CaseState.Decided, c.State);
    }

    [Fact]
    public void BelowTheOfficesFiguresACaseIsNotMajorByRule()
    {
        var c = NotifiedAs(PartyKind.Person, new Penalty(false, 49999.99m, 0m, PenaltyMeasure.LicenceSuspended));
        Assert.False(c.IsMajorByRule);
        // The office's own figures decide: a threshold of 10,000 makes 20,000 major.
        var lower = Settings with { MajorFinePerson = 10000m };
        Assert.True(Penalty.FineOf(20000m).MakesMajor(PartyKind.Person, lower));
        Assert.False(Penalty.FineOf(20000m).MakesMajor(PartyKind.Person, Settings));
    }

    [Fact]
    public void TheDecidedPenaltyIsJudgedWithTheOfficesFiguresOfTheDay()
    {
        // Notified under the default figures (not major); by the decision the office lowered its threshold to 800.
        var c = Notified();
        c.RecordWaiver(D("2026-09-03"));
        var lowered = Settings with { MajorFinePerson = 800m };
        RefusedNaming(() => c.Decide(new DecisionFacts(D("2026-09-04"), "罚1", Penalty.FineOf(1000m)), Entitled(), lowered, NationalDay2026),
            "Case.LegalReviewRequired", 19, "APL 58", 409);
        Assert.Equal(CaseState.Notified, c.State);
    }

    private static Case NotifiedAs(PartyKind kind, Penalty penalty)
    {
        var c = File(Filing(kind == PartyKind.Person ? Person : Company));
        c.BeginInvestigation(FiledOn, Two);
        c.AddEvidence(D("2026-09-02"), "现场笔录", "经营场所无卫生许可证", Two);
        c.Notify(new NoticeFacts(D("2026-09-03"), penalty, "事实、理由、依据"), Settings, NationalDay2026);
        return c;
    }

    [Fact]
    public void ATownshipAloneCannotLowerACasesClass()
    {
        var c = Notified(major: true);
        var township = new ClassLowering(D("2026-09-04"), "town.xiema", false, "情节轻微");
        var refused = RefusedNaming(() => c.Classify(false, false, township), "Case.LoweringNeedsOffice", 19, "APL 58");
        Assert.Equal("IsMajor", refused.Field);
        RefusedNaming(() => c.Classify(false, false), "Case.LoweringNeedsOffice", 19, "APL 58");
        Assert.True(c.IsMajor);
        Assert.Null(c.ClassLoweredOn);
        // Raising needs no approval.
        c.Classify(true, true, township);
        Assert.True(c.IsComplex);
    }

    [Fact]
    public void TheOfficeLowersTheClassWithAReasonRecorded()
    {
        var c = Notified(major: true);
        Refused(() => c.Classify(false, false, new ClassLowering(D("2026-09-04"), "office", true, " ")), "Validation.Required");
        Assert.True(c.IsMajor);
        c.Classify(false, false, new ClassLowering(D("2026-09-04"), "office", true, "罚款数额较小，不属重大案件"));
        Assert.False(c.IsMajor);
        Assert.Equal((D("2026-09-04"), "office", "罚款数额较小，不属重大案件"), (c.ClassLoweredOn!.Value, c.ClassLoweredBy, c.ClassLoweringReason));
        Assert.False(c.NeedsLegalReview);
    }

    [Fact]
    public void WhenADepartmentLeadsItApprovesTheLowering()
    {
        var c = Notified(major: true);
        c.TakeLead(c.DepartmentId);
        RefusedNaming(() => c.Classify(false, false, new ClassLowering(D("2026-09-04"), "office", false, "理由")),
            "Case.LoweringNeedsLead", 19, "APL 58");
        c.Classify(false, false, new ClassLowering(D("2026-09-04"), "dept.forestry", true, "理由"));
        Assert.False(c.IsMajor);
    }

    [Fact]
    public void ACaseMajorByRuleIsNotMarkedDown()
    {
        var c = NotifiedAs(PartyKind.Person, Penalty.FineOf(60000m));
        c.Classify(true, false);
        RefusedNaming(() => c.Classify(false, false, new ClassLowering(D("2026-09-04"), "office", true, "理由")), "Case.MajorByRule", 19, "APL 58");
        Assert.True(c.IsMajor);
    }

    [Fact]
    public void TheLegalReviewerMustBeQualified()
    {
        var c = HearingHeld();
        RefusedNaming(() => c.RecordLegalReview(Review(D("2026-10-22"), qualified: false)), "Case.ReviewerNotQualified", 19, "APL 58");
        Assert.Equal(CaseState.HearingHeld, c.State);
    }

    [Fact]
    public void NoDecisionWithoutStandingOnTheDay()
    {
        var c = Notified();
        var ended = Entitlement.No("Entitlement.OutsideTerm", "北碚委托〔2026〕7号", "2026-05-01", "2026-09-10");
        RefusedNaming(() => c.Decide(new DecisionFacts(D("2026-09-11"), "罚1", Penalty.FineOf(1000m)), ended),
            "Entitlement.OutsideTerm", 9, "APL 38");
        RefusedNaming(() => c.Decide(new DecisionFacts(D("2026-09-11"), "罚1", Penalty.FineOf(1000m)), Entitled(cap: 800m)),
            "Case.FineAboveCap", 2, "APL 20");
        Assert.Equal(CaseState.Notified, c.State);
    }

    [Fact]
    public void TheDecisionComesWithinNinetyDaysOfFiling()
    {
        var late = Notified();
        var refused = RefusedNaming(() => late.Decide(new DecisionFacts(D("2026-12-01"), "罚1", Penalty.FineOf(1000m)), Entitled()),
            "Case.DecisionOverdue", 15, "APL 60");
        Assert.Equal("2026-11-30", refused.Arguments[1]);
        var onTheLastDay = Notified();
        onTheLastDay.Decide(new DecisionFacts(D("2026-11-30"), "罚1", Penalty.FineOf(1000m)), Entitled());
        Assert.Equal(CaseState.Decided, onTheLastDay.State);
    }

    [Fact]
    public void AnApprovedExtensionMovesTheDecisionDeadline()
    {
        var c = Notified();
        var extension = c.Extend(new ExtensionFacts(D("2026-11-30"), 30, "局长", true, "案情复杂"), D("2026-11-30"), Settings);
        Assert.Equal(D("2026-11-30"), extension.PreviousDueOn);
        Assert.Equal(D("2026-12-30"), c.DecisionDueOn);
        c.Decide(new DecisionFacts(D("2026-12-30"), "罚1", Penalty.FineOf(1000m)), Entitled());
        Assert.Equal(CaseState.Decided, c.State);
    }

    [Fact]
    public void AnExtensionIsApprovedByTheActingBodyAndRecordedTheDayItIsApproved()
    {
        var c = Notified();
        var unauthorised = RefusedNaming(() => c.Extend(new ExtensionFacts(D("2026-11-20"), 30, "town.xiema", false, "案情复杂"), D("2026-11-20"), Settings),
            "Case.ExtensionApproverNotAuthorised", 15, "APL 60");
        Assert.Equal("ApprovedBy", unauthorised.Field);
        var backDated = RefusedNaming(() => c.Extend(new ExtensionFacts(D("2026-11-19"), 30, "dept.forestry", true, "案情复杂"), D("2026-11-20"), Settings),
            "Case.ExtensionBackDated", 15, "APL 60");
        Assert.Equal("ApprovedOn", backDated.Field);
        Assert.Empty(c.Extensions);
        Assert.Equal(D("2026-11-30"), c.DecisionDueOn);
    }

    [Fact]
    public void NoMoreExtensionsThanTheOfficeAllows()
    {
        var c = Notified();
        var once = Settings with { MaxExtensions = 1 };
        c.Extend(new ExtensionFacts(D("2026-11-20"), 30, "dept.forestry", true, "需鉴定"), D("2026-11-20"), once);
        var refused = RefusedNaming(() => c.Extend(new ExtensionFacts(D("2026-12-20"), 10, "dept.forestry", true, "再延"), D("2026-12-20"), once),
            "Case.ExtensionLimit", 15, "APL 60");
        Assert.Equal(1, refused.Arguments[0]);
        Assert.Single(c.Extensions);
        Assert.Equal(D("2026-12-30"), c.DecisionDueOn);
        // The default allows a second.
        c.Extend(new ExtensionFacts(D("2026-12-20"), 10, "dept.forestry", true, "再延"), D("2026-12-20"), Settings);
        Assert.Equal(D("2027-01-09"), c.DecisionDueOn);
    }

    [Fact]
    public void AnExtensionIsApprovedBeforeThePeriodEndsAndWithinTheOfficesMaximum()
    {
        var c = Notified();
        RefusedNaming(() => c.Extend(new ExtensionFacts(D("2026-12-01"), 30, "局长", true, "迟了"), D("2026-12-01"), Settings), "Case.ExtensionTooLate", 15, "APL 60");
        RefusedNaming(() => c.Extend(new ExtensionFacts(D("2026-11-20"), 31, "局长", true, "太长"), D("2026-11-20"), Settings), "Case.ExtensionTooLong", 15, "APL 60");
        RefusedNaming(() => c.Extend(new ExtensionFacts(D("2026-11-20"), 0, "局长", true, "零"), D("2026-11-20"), Settings), "Case.ExtensionTooLong", 15, "APL 60");
        Assert.Empty(c.Extensions);
        Assert.Equal(D("2026-11-30"), c.DecisionDueOn);
    }

    [Fact]
    public void ADeliveryAfterSevenWorkingDaysIsRecordedAndFlaggedLate()
    {
        // Decided Wednesday 30 September; the seventh working day after is 15 October (LAW.md's example).
        var onTime = Decided();
        onTime.Deliver(new DeliveryFacts(D("2026-10-15"), DeliveryMethod.Post), NationalDay2026);
        Assert.Equal(CaseState.Delivered, onTime.State);
        Assert.False(onTime.DeliveredLate);
        // A day later is still a delivery: refusing it would leave the case unable to close. It shows as late.
        var late = Decided();
        late.Deliver(new DeliveryFacts(D("2026-10-16"), DeliveryMethod.Post), NationalDay2026);
        Assert.Equal((CaseState.Delivered, true), (late.State, late.DeliveredLate));
        Assert.Equal(D("2026-10-31"), late.PaymentDueOn);
        late.RecordPayment(D("2026-10-20"), 1000m);
        late.Close(D("2026-10-21"));
        Assert.Equal(CaseState.Closed, late.State);
    }

    [Fact]
    public void ElectronicDeliveryOnlyWithTheConsentRecorded()
    {
        var c = Decided();
        RefusedNaming(() => c.Deliver(new DeliveryFacts(D("2026-10-08"), DeliveryMethod.Electronic), NationalDay2026),
            "Case.ElectronicWithoutConsent", 21, "APL 61");
        RefusedNaming(() => c.Deliver(new DeliveryFacts(D("2026-10-08"), DeliveryMethod.Electronic, D("2026-10-09")), NationalDay2026),
            "Case.ElectronicWithoutConsent", 21, "APL 61");
        c.Deliver(new DeliveryFacts(D("2026-10-08"), DeliveryMethod.Electronic, D("2026-09-30")), NationalDay2026);
        Assert.Equal(D("2026-09-30"), c.ElectronicConsentOn);
    }

    [Fact]
    public void OnTheSpotMeansTheDayOfTheDecision()
    {
        var c = Decided();
        RefusedNaming(() => c.Deliver(new DeliveryFacts(D("2026-10-08"), DeliveryMethod.OnTheSpot), NationalDay2026),
            "Case.OnTheSpotSameDay", 21, "APL 61");
        c.Deliver(new DeliveryFacts(D("2026-09-30"), DeliveryMethod.OnTheSpot), NationalDay2026);
        Assert.Equal(CaseState.Delivered, c.State);
    }

    [Fact]
    public void APaymentShortOfTheFineAndLatePenaltyIsRefused()
    {
        var c = Delivered();
        // Due 30 October; paid Monday 2 November: 3 days late, 3 % a day of 1,000 = 90.
        var refused = RefusedNaming(() => c.RecordPayment(D("2026-11-02"), 1000m), "Case.PaymentShort", 22, "APL 67");
        Assert.Equal(1090m, refused.Arguments[0]);
        Assert.Equal(90m, refused.Arguments[1]);
        c.RecordPayment(D("2026-11-02"), 1090m);
        Assert.Equal(90m, c.LatePenaltyCharged);
        Assert.Equal(CaseState.Executed, c.State);
    }

    [Fact]
    public void AnUnpaidFineKeepsTheCaseOpen()
    {
        var c = Delivered();
        RefusedNaming(() => c.Close(D("2026-11-02")), "Case.NotExecuted", 22, "APL 67", 409);
    }

    // ---- steps out of order: 409 with the state ----

    public static TheoryData<CaseState, string> OutOfOrderSteps => new()
    {
        { CaseState.Filed, "notify" },
        { CaseState.Filed, "evidence" },
        { CaseState.Filed, "deliver" },
        { CaseState.Filed, "close" },
        { CaseState.Investigating, "investigate" },
        { CaseState.Investigating, "request-hearing" },
        { CaseState.Investigating, "review" },
        { CaseState.Notified, "hold-hearing" },
        { CaseState.Notified, "record-payment" },
        { CaseState.Decided, "request-hearing" },
        { CaseState.Decided, "decide" },
        { CaseState.Decided, "extend" },
        { CaseState.Delivered, "deliver" },
        { CaseState.Executed, "record-payment" },
        { CaseState.Closed, "investigate" },
        { CaseState.Closed, "decide" },
        { CaseState.Closed, "close" },
        { CaseState.Transferred, "notify" },
        { CaseState.Transferred, "decide" },
    };

    [Theory]
    [MemberData(nameof(OutOfOrderSteps))]
    public void AStepOutOfOrderIsAConflictNamingTheState(CaseState state, string step)
    {
        var c = InState(state);
        var on = D("2026-11-20");
        Action act = step switch
        {
            "investigate" => () => c.BeginInvestigation(on, Two),
            "evidence" => () => c.AddEvidence(on, "物证", "证据", Two),
            "notify" => () => c.Notify(new NoticeFacts(on, Penalty.FineOf(100m), "告知"), Settings, NationalDay2026),
            "request-hearing" => () => c.RequestHearing(on),
            "hold-hearing" => () => c.HoldHearing(new HearingFacts(on, on.AddDays(20), Wang.OfficerId, Wang.Name, "笔录"), NationalDay2026),
            "review" => () => c.RecordLegalReview(Review(on)),
            "decide" => () => c.Decide(new DecisionFacts(on, "罚1", Penalty.FineOf(100m)), Entitled()),
            "extend" => () => c.Extend(new ExtensionFacts(on, 10, "局长", true, "理由"), on, Settings),
            "deliver" => () => c.Deliver(new DeliveryFacts(on, DeliveryMethod.Direct), NationalDay2026),
            "record-payment" => () => c.RecordPayment(on, 1000m),
            "close" => () => c.Close(on),
            _ => throw new ArgumentOutOfRangeException(nameof(step)),
        };
        OutOfOrder(act, state);
        Assert.Equal(state, c.State);
    }

    [Fact]
    public void AStepDatedBeforeThePreviousOneIsRefused()
    {
        var c = Decided();
        Refused(() => c.Deliver(new DeliveryFacts(D("2026-09-29"), DeliveryMethod.Direct), NationalDay2026), "Case.StepBeforePrevious");
    }
}
