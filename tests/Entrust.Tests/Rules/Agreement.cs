using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using AgreementEntity = Entrust.Web.Features.Agreements.Agreement;
using MatterEntity = Entrust.Web.Features.Catalog.Matter;

namespace Entrust.Tests.Rules;

/// <summary>
/// The rules of a 委托执法协议书 (LAW.md 1–9) that the agreement itself enforces, whoever calls it: what it may
/// list, its lifecycle, and on which days it is in force.
/// </summary>
public sealed class Agreement
{
    private static readonly Guid District = Guid.NewGuid();
    private static readonly Department Safety = new(District, "AJ", "区安监局");
    private static readonly Department Forestry = new(District, "LY", "区林业局");
    private static readonly Township Xiema = new(District, "500109112", "歇马镇", TownshipKind.Town, isPilot: true);
    private static readonly Township Tiansheng = new(District, "500109001", "天生街道", TownshipKind.Street, isPilot: false);

    private static readonly DateOnly Start = new(2026, 5, 1);
    private static readonly DateOnly End = new(2029, 4, 30);
    private static readonly DateOnly SignedOn = new(2026, 4, 26);
    private static readonly DateOnly PublishedOn = new(2026, 4, 28);
    /// <summary>The day the steps are recorded on, after every date these tests give.</summary>
    private static readonly DateOnly Today = new(2030, 1, 1);

    private static MatterEntity MatterOf(Department department, string code, MatterKind kind = MatterKind.Inspection,
        Entrustability scope = Entrustability.DistrictWide) =>
        new(District, new MatterFields(department.Id, code, "事项" + code, "work-safety", kind, "中华人民共和国安全生产法", "第六十五条", scope));

    private static readonly MatterEntity Inspection = MatterOf(Safety, "QQ-04");
    private static readonly MatterEntity Penalty = MatterOf(Safety, "AJ-05", MatterKind.Penalty);

    private static AgreementTerms Terms(
        AgreementMode mode = AgreementMode.Entrustment,
        string? grantDecision = null,
        DateOnly? start = null,
        DateOnly? end = null,
        decimal? funding = 20000m,
        bool publicAffairs = true,
        bool qualifiedStaff = true,
        bool technicalMeans = true) =>
        new(mode, grantDecision, start ?? Start, end ?? End, "甲方指导监督，乙方以甲方名义执法。", funding, "区财政拨付",
            publicAffairs, qualifiedStaff, technicalMeans);

    private static (MatterEntity, Authority, decimal?) Item(MatterEntity matter, Authority authority = Authority.InspectionOnly, decimal? cap = null) =>
        (matter, authority, cap);

    private static AgreementEntity Draft(Township? township = null, AgreementTerms? terms = null,
        params (MatterEntity, Authority, decimal?)[] matters) =>
        new(Safety, township ?? Xiema, "北碚委托〔2026〕99号", terms ?? Terms(),
            matters.Length > 0 ? matters : [Item(Inspection), Item(Penalty, Authority.GeneralPenalty, 5000m)]);

    private static RuleViolation Refused(Action act)
    {
        var refused = Assert.Throws<RuleViolation>(act);
        Assert.Equal(400, refused.StatusCode);
        return refused;
    }

    /// <summary>An agreement brought along its lifecycle up to <paramref name="state"/>.</summary>
    private static AgreementEntity InState(AgreementState state, AgreementTerms? terms = null)
    {
        var agreement = Draft(terms: terms);
        if (state == AgreementState.Draft)
        {
            return agreement;
        }
        agreement.Submit(new DateOnly(2026, 4, 15));
        if (state == AgreementState.Submitted)
        {
            return agreement;
        }
        agreement.Review(new DateOnly(2026, 4, 20), "office", approved: true);
        if (state == AgreementState.Reviewed)
        {
            return agreement;
        }
        agreement.Sign(SignedOn, Today, "区安监局局长", "歇马镇镇长");
        if (state == AgreementState.Signed)
        {
            return agreement;
        }
        agreement.Publish(PublishedOn, Today, "北碚区人民政府网站");
        if (state == AgreementState.Published)
        {
            return agreement;
        }
        agreement.Terminate(new DateOnly(2027, 1, 1), PublishedOn, "机构调整");
        return agreement;
    }

    [Fact]
    public void ADraftKeepsItsPartiesTermsAndMattersWithTheirLegalBasis()
    {
        var agreement = Draft();

        Assert.Equal(AgreementState.Draft, agreement.State);
        Assert.Equal(1, agreement.Version);
        Assert.Equal(Safety.Id, agreement.DepartmentId);
        Assert.Equal(Xiema.Id, agreement.TownshipId);
        Assert.Equal(District, agreement.DistrictId);
        Assert.Equal(2, agreement.Matters.Count);
        var penalty = Assert.Single(agreement.Matters, m => m.MatterId == Penalty.Id);
        Assert.Equal(Authority.GeneralPenalty, penalty.Authority);
        Assert.Equal(5000m, penalty.FineCap);
        Assert.Equal("中华人民共和国安全生产法", penalty.LawName);
        Assert.Equal("第六十五条", penalty.LawArticle);
    }

    [Fact]
    public void ACoerciveMeasureIsNeverEntrusted()
    {
        // 行政强制法 Art. 17.
        var seizure = MatterOf(Safety, "AJ-09", MatterKind.Coercive, Entrustability.NotEntrusted);
        var refused = Refused(() => Draft(matters: Item(seizure)));
        Assert.Equal("Matter.CoerciveNotEntrustable", refused.MessageKey);
        Assert.Contains("AJ-09", refused.Arguments);
    }

    [Fact]
    public void ADepartmentEntrustsOnlyItsOwnPowers()
    {
        // 行政处罚法 Art. 20 ¶1.
        var forestMatter = MatterOf(Forestry, "198-04");
        var refused = Refused(() => Draft(matters: [Item(Inspection), Item(forestMatter)]));
        Assert.Equal("Agreement.NotDepartmentsMatter", refused.MessageKey);
        Assert.Contains("198-04", refused.Arguments);
        Assert.Contains("区安监局", refused.Arguments);
    }

    [Fact]
    public void AMatterOutsideTheScopeIsRefused()
    {
        var outside = MatterOf(Safety, "HB-21", MatterKind.Penalty, Entrustability.NotEntrusted);
        var refused = Refused(() => Draft(matters: Item(outside, Authority.GeneralPenalty)));
        Assert.Equal("Agreement.OutsideScope", refused.MessageKey);
        Assert.Contains("HB-21", refused.Arguments);
    }

    [Fact]
    public void APilotOnlyMatterGoesOnlyToAPilotTownship()
    {
        var pilotOnly = MatterOf(Safety, "198-02", scope: Entrustability.PilotOnly);

        var refused = Refused(() => Draft(Tiansheng, matters: Item(pilotOnly)));
        Assert.Equal("Agreement.PilotOnly", refused.MessageKey);
        Assert.Contains("198-02", refused.Arguments);
        Assert.Contains("天生街道", refused.Arguments);

        Assert.Single(Draft(Xiema, matters: Item(pilotOnly)).Matters);
        Assert.Single(Draft(Tiansheng, matters: Item(Inspection)).Matters); // a district-wide matter goes to any township
    }

    [Theory]
    [InlineData(Authority.SummaryPenalty)]
    [InlineData(Authority.GeneralPenalty)]
    public void AnInspectionMatterCarriesNoPenaltyAuthority(Authority authority)
    {
        var refused = Refused(() => Draft(matters: Item(Inspection, authority)));
        Assert.Equal("Agreement.AuthorityBeyondMatter", refused.MessageKey);
        Assert.Contains("QQ-04", refused.Arguments);
    }

    [Fact]
    public void AnUnknownAuthorityIsRefused()
    {
        Assert.Equal("Validation.Invalid", Refused(() => Draft(matters: Item(Penalty, (Authority)7))).MessageKey);
    }

    [Theory]
    [InlineData(Authority.GeneralPenalty, 0)]
    [InlineData(Authority.SummaryPenalty, -200)]
    [InlineData(Authority.InspectionOnly, 3000)] // a cap without a penalty authority means nothing
    public void ABadFineCapIsRefused(Authority authority, int cap)
    {
        var refused = Refused(() => Draft(matters: Item(Penalty, authority, cap)));
        Assert.Equal("Agreement.BadFineCap", refused.MessageKey);
        Assert.Contains("AJ-05", refused.Arguments);
    }

    [Fact]
    public void APenaltyMatterMayBeEntrustedForInspectionOnlyOrWithoutACap()
    {
        Assert.Null(Assert.Single(Draft(matters: Item(Penalty)).Matters).FineCap);
        Assert.Null(Assert.Single(Draft(matters: Item(Penalty, Authority.SummaryPenalty)).Matters).FineCap);
    }

    [Fact]
    public void ATermThatEndsBeforeItStartsIsRefused()
    {
        var refused = Refused(() => Draft(terms: Terms(start: new DateOnly(2026, 5, 1), end: new DateOnly(2026, 4, 30))));
        Assert.Equal("Agreement.TermEndsBeforeStart", refused.MessageKey);
        Assert.Equal("TermEnd", refused.Field);

        var oneDay = Draft(terms: Terms(start: new DateOnly(2026, 5, 1), end: new DateOnly(2026, 5, 1)));
        Assert.Equal(oneDay.TermStart, oneDay.TermEnd);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void AGrantNeedsTheGrantingDecisionsNumber(string? decision)
    {
        // 行政处罚法 Art. 24: a grant is by decision of the province.
        var refused = Refused(() => Draft(terms: Terms(AgreementMode.Grant, decision)));
        Assert.Equal("Agreement.GrantNeedsDecision", refused.MessageKey);

        var grant = Draft(terms: Terms(AgreementMode.Grant, " 渝府发〔2025〕12号 "));
        Assert.Equal(AgreementMode.Grant, grant.Mode);
        Assert.Equal("渝府发〔2025〕12号", grant.GrantDecisionNumber);
    }

    [Fact]
    public void AnEntrustmentKeepsNoGrantDecision()
    {
        Assert.Null(Draft(terms: Terms(AgreementMode.Entrustment, "渝府发〔2025〕12号")).GrantDecisionNumber);
    }

    [Fact]
    public void NegativeFundingIsRefused()
    {
        Assert.Equal("Agreement.NegativeFunding", Refused(() => Draft(terms: Terms(funding: -1m))).MessageKey);
    }

    [Fact]
    public void AnAgreementWithoutMattersIsRefused()
    {
        // 行政处罚法 Art. 20 ¶2: the document states the specific matters.
        var refused = Refused(() => new AgreementEntity(Safety, Xiema, "北碚委托〔2026〕99号", Terms(), new List<EntrustedMatter>()));
        Assert.Equal("Agreement.NoMatters", refused.MessageKey);
    }

    [Fact]
    public void AMatterListedTwiceIsRefused()
    {
        var refused = Refused(() => Draft(matters: [Item(Penalty), Item(Inspection), Item(Penalty, Authority.SummaryPenalty)]));
        Assert.Equal("Agreement.MatterTwice", refused.MessageKey);
        Assert.Contains("AJ-05", refused.Arguments);
    }

    [Fact]
    public void TheDepartmentAndTheTownshipAreOfOneDistrict()
    {
        var elsewhere = new Township(Guid.NewGuid(), "500999001", "测试镇", TownshipKind.Town, isPilot: true);
        Assert.Equal("Agreement.OtherDistrict", Refused(() => Draft(elsewhere)).MessageKey);
    }

    [Fact]
    public void ARefusedRevisionLeavesTheDraftAsItWas()
    {
        var agreement = Draft();
        var outside = MatterOf(Safety, "HB-21", MatterKind.Penalty, Entrustability.NotEntrusted);

        Refused(() => agreement.Revise(Safety, Xiema, Terms(end: new DateOnly(2030, 4, 30)), [Item(Inspection), Item(outside)]));

        Assert.Equal(End, agreement.TermEnd);
        Assert.Equal(2, agreement.Matters.Count);
        Assert.DoesNotContain(agreement.Matters, m => m.MatterId == outside.Id);
    }

    [Theory]
    [InlineData(false, true, true)]
    [InlineData(true, false, true)]
    [InlineData(true, true, false)]
    public void SigningWithTheArticle21ChecklistIncompleteIsRefused(bool publicAffairs, bool qualifiedStaff, bool technicalMeans)
    {
        var agreement = InState(AgreementState.Reviewed, Terms(publicAffairs: publicAffairs, qualifiedStaff: qualifiedStaff, technicalMeans: technicalMeans));

        var refused = Refused(() => agreement.Sign(SignedOn, Today, "区安监局局长", "歇马镇镇长"));

        Assert.Equal("Agreement.ChecklistIncomplete", refused.MessageKey);
        Assert.Equal(AgreementState.Reviewed, agreement.State);
        Assert.Null(agreement.SignedOn);
    }

    [Theory]
    [InlineData("", "歇马镇镇长", "DepartmentSignatory")]
    [InlineData("区安监局局长", " ", "TownshipSignatory")]
    public void SigningNeedsBothSignatoriesAndNamesTheBlankOne(string departmentSignatory, string townshipSignatory, string field)
    {
        var agreement = InState(AgreementState.Reviewed);

        var refused = Refused(() => agreement.Sign(SignedOn, Today, departmentSignatory, townshipSignatory));

        Assert.Equal("Agreement.SignatoriesRequired", refused.MessageKey);
        Assert.Equal(field, refused.Field);
        Assert.Equal(AgreementState.Reviewed, agreement.State);
    }

    [Fact]
    public void PublishingBeforeTheSigningDateIsRefused()
    {
        var agreement = InState(AgreementState.Signed);

        var refused = Refused(() => agreement.Publish(SignedOn.AddDays(-1), Today, "北碚区人民政府网站"));

        Assert.Equal("Agreement.PublishedBeforeSigned", refused.MessageKey);
        Assert.Equal(AgreementState.Signed, agreement.State);
        Assert.Null(agreement.PublishedOn);
        agreement.Publish(SignedOn, Today, "北碚区人民政府网站"); // the same day is fine
        Assert.Equal(AgreementState.Published, agreement.State);
    }

    [Fact]
    public void PublishingSaysWhere()
    {
        var agreement = InState(AgreementState.Signed);
        Assert.Equal("Agreement.PublicationPlaceRequired", Refused(() => agreement.Publish(PublishedOn, Today, " ")).MessageKey);
        Assert.Equal(AgreementState.Signed, agreement.State);
    }

    [Fact]
    public void TheLifecycleRecordsEachStep()
    {
        var agreement = InState(AgreementState.Published);

        Assert.Equal(AgreementState.Published, agreement.State);
        Assert.Equal(new DateOnly(2026, 4, 15), agreement.SubmittedOn);
        Assert.Equal(new DateOnly(2026, 4, 20), agreement.ReviewedOn);
        Assert.Equal("office", agreement.ReviewedBy);
        Assert.Equal(SignedOn, agreement.SignedOn);
        Assert.Equal("区安监局局长", agreement.DepartmentSignatory);
        Assert.Equal("歇马镇镇长", agreement.TownshipSignatory);
        Assert.Equal(PublishedOn, agreement.PublishedOn);
        Assert.Equal("北碚区人民政府网站", agreement.PublicationPlace);
    }

    [Fact]
    public void AReviewThatDoesNotPassSendsTheAgreementBackToDraft()
    {
        var agreement = InState(AgreementState.Submitted);
        agreement.Review(new DateOnly(2026, 4, 20), "office", approved: false);
        Assert.Equal(AgreementState.Draft, agreement.State);
        agreement.Revise(Safety, Xiema, Terms(), [Item(Inspection)]); // a draft again, so it can be changed
        Assert.Single(agreement.Matters);
    }

    public static TheoryData<AgreementState, string> WrongSteps() => new()
    {
        { AgreementState.Submitted, "Submit" }, { AgreementState.Reviewed, "Submit" }, { AgreementState.Published, "Submit" },
        { AgreementState.Draft, "Review" }, { AgreementState.Reviewed, "Review" }, { AgreementState.Signed, "Review" },
        { AgreementState.Draft, "Sign" }, { AgreementState.Submitted, "Sign" }, { AgreementState.Signed, "Sign" },
        { AgreementState.Terminated, "Sign" },
        { AgreementState.Draft, "Publish" }, { AgreementState.Reviewed, "Publish" }, { AgreementState.Published, "Publish" },
        { AgreementState.Terminated, "Publish" },
        { AgreementState.Draft, "Terminate" }, { AgreementState.Submitted, "Terminate" }, { AgreementState.Reviewed, "Terminate" },
        { AgreementState.Terminated, "Terminate" },
        { AgreementState.Draft, "Amend" }, { AgreementState.Reviewed, "Amend" }, { AgreementState.Terminated, "Amend" },
        { AgreementState.Submitted, "Revise" }, { AgreementState.Signed, "Revise" }, { AgreementState.Published, "Revise" },
    };

    [Theory]
    [MemberData(nameof(WrongSteps))]
    public void AStepTheStateDoesNotAllowIsAConflictNamingTheState(AgreementState state, string step)
    {
        var agreement = InState(state);
        var day = new DateOnly(2026, 6, 1);
        Action act = step switch
        {
            "Submit" => () => agreement.Submit(day),
            "Review" => () => agreement.Review(day, "office", approved: true),
            "Sign" => () => agreement.Sign(day, Today, "区安监局局长", "歇马镇镇长"),
            "Publish" => () => agreement.Publish(day, Today, "北碚区人民政府网站"),
            "Terminate" => () => agreement.Terminate(day, day, "机构调整"),
            "Amend" => () => agreement.Amend(),
            _ => () => agreement.Revise(Safety, Xiema, Terms(), [Item(Inspection)]),
        };

        var refused = Assert.Throws<RuleViolation>(act);

        Assert.Equal("Agreement.WrongState", refused.MessageKey);
        Assert.Equal(409, refused.StatusCode);
        Assert.Contains(new Text("AgreementState." + state), refused.Arguments);
        Assert.Equal(state, agreement.State);
    }

    [Fact]
    public void NoStepIsDatedBeforeTheStepItFollows()
    {
        // LAW 3, 9: submitted ≤ reviewed ≤ signed ≤ published, whatever date the caller gives.
        var submitted = InState(AgreementState.Submitted);
        var early = Refused(() => submitted.Review(new DateOnly(2026, 4, 14), "office", approved: true));
        Assert.Equal(("Agreement.DateBeforePreviousStep", "ReviewedOn"), (early.MessageKey, early.Field));
        Assert.Equal(AgreementState.Submitted, submitted.State);

        var reviewed = InState(AgreementState.Reviewed);
        foreach (var day in new[] { new DateOnly(2026, 4, 19), new DateOnly(1900, 1, 1), DateOnly.MinValue })
        {
            var refused = Refused(() => reviewed.Sign(day, Today, "区安监局局长", "歇马镇镇长"));
            Assert.Equal(("Agreement.DateBeforePreviousStep", "SignedOn"), (refused.MessageKey, refused.Field));
            Assert.Contains("2026-04-20", refused.Arguments);
        }
        Assert.Equal(AgreementState.Reviewed, reviewed.State);
        Assert.Null(reviewed.SignedOn);

        var signed = InState(AgreementState.Signed);
        Assert.Equal("Agreement.PublishedBeforeSigned", Refused(() => signed.Publish(DateOnly.MinValue, Today, "北碚区人民政府网站")).MessageKey);
        Assert.Null(signed.PublishedOn);
    }

    [Fact]
    public void NoStepIsDatedAfterToday()
    {
        var today = new DateOnly(2026, 4, 26);
        var reviewed = InState(AgreementState.Reviewed);
        foreach (var day in new[] { today.AddDays(1), DateOnly.MaxValue })
        {
            var refused = Refused(() => reviewed.Sign(day, today, "区安监局局长", "歇马镇镇长"));
            Assert.Equal(("Agreement.DateInFuture", "SignedOn"), (refused.MessageKey, refused.Field));
        }
        reviewed.Sign(today, today, "区安监局局长", "歇马镇镇长");
        var ahead = Refused(() => reviewed.Publish(today.AddDays(1), today, "北碚区人民政府网站"));
        Assert.Equal(("Agreement.DateInFuture", "PublishedOn"), (ahead.MessageKey, ahead.Field));
        Assert.Equal(AgreementState.Signed, reviewed.State);
    }

    [Fact]
    public void TerminationNeverReachesBackOverDaysTheRecordShowsInForce()
    {
        var today = new DateOnly(2027, 3, 15);
        var agreement = InState(AgreementState.Published);

        foreach (var day in new[] { today.AddDays(-1), new DateOnly(1900, 1, 1), DateOnly.MinValue })
        {
            var refused = Refused(() => agreement.Terminate(day, today, "机构调整"));
            Assert.Equal(("Agreement.TerminationBackDated", "TerminatedOn"), (refused.MessageKey, refused.Field));
        }
        Assert.Equal(AgreementState.Published, agreement.State);
        Assert.True(agreement.InForceOn(today));

        agreement.Terminate(today.AddDays(30), today, "机构调整"); // set ahead: in force until then
        Assert.True(agreement.InForceOn(today.AddDays(29)));
        Assert.False(agreement.InForceOn(today.AddDays(30)));
    }

    [Fact]
    public void AnAgreementIsNeverInForceBeforeItWasPublished()
    {
        var agreement = InState(AgreementState.Signed);
        agreement.Publish(new DateOnly(2026, 6, 1), Today, "北碚区人民政府网站");

        Assert.False(agreement.InForceOn(Start)); // the term began a month before
        Assert.Equal(AgreementStatus.Pending, agreement.StatusOn(Start));
        Assert.True(agreement.InForceOn(new DateOnly(2026, 6, 1)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void TerminationNeedsAReason(string reason)
    {
        var agreement = InState(AgreementState.Published);

        var refused = Refused(() => agreement.Terminate(new DateOnly(2027, 1, 1), PublishedOn, reason));

        Assert.Equal("Agreement.TerminationReasonRequired", refused.MessageKey);
        Assert.Equal(AgreementState.Published, agreement.State);
        Assert.Null(agreement.TerminatedOn);
    }

    [Theory]
    [InlineData("2026-04-30", false, AgreementStatus.Pending)]   // the day before the term: published, not yet in force
    [InlineData("2026-05-01", true, AgreementStatus.InForce)]    // the first day
    [InlineData("2027-11-25", true, AgreementStatus.InForce)]
    [InlineData("2029-04-30", true, AgreementStatus.InForce)]    // the last day
    [InlineData("2029-05-01", false, AgreementStatus.Expired)]   // the day after
    public void APublishedAgreementIsInForceExactlyWithinItsTerm(string day, bool inForce, AgreementStatus status)
    {
        var agreement = InState(AgreementState.Published);
        var date = DateOnly.Parse(day);

        Assert.Equal(inForce, agreement.InForceOn(date));
        Assert.Equal(status, agreement.StatusOn(date));
        Assert.Equal(End, agreement.LastDayInForce);
    }

    [Theory]
    [InlineData(AgreementState.Draft, AgreementStatus.Draft)]
    [InlineData(AgreementState.Submitted, AgreementStatus.Submitted)]
    [InlineData(AgreementState.Reviewed, AgreementStatus.Reviewed)]
    [InlineData(AgreementState.Signed, AgreementStatus.Signed)]
    public void AnUnpublishedAgreementIsNeverInForce(AgreementState state, AgreementStatus status)
    {
        // 行政处罚法 Art. 20 ¶2: signed is not enough, it must be published.
        var agreement = InState(state);

        foreach (var day in new[] { Start.AddDays(-1), Start, new DateOnly(2027, 11, 25), End, End.AddDays(1) })
        {
            Assert.False(agreement.InForceOn(day), $"{state} in force on {day}");
            Assert.Equal(status, agreement.StatusOn(day));
        }
        Assert.Null(agreement.LastDayInForce);
    }

    [Fact]
    public void AnAgreementPublishedAfterItsTermBeganIsInForceFromItsPublication()
    {
        var agreement = InState(AgreementState.Signed);
        agreement.Publish(new DateOnly(2026, 5, 10), Today, "歇马镇政务公开栏");

        Assert.False(agreement.InForceOn(new DateOnly(2026, 5, 9)));
        Assert.Equal(AgreementStatus.Pending, agreement.StatusOn(new DateOnly(2026, 5, 9)));
        Assert.True(agreement.InForceOn(new DateOnly(2026, 5, 10)));
    }

    [Fact]
    public void ATerminatedAgreementIsNotInForceFromItsTerminationDay()
    {
        var agreement = InState(AgreementState.Published);
        var terminatedOn = new DateOnly(2027, 3, 15);

        agreement.Terminate(terminatedOn, PublishedOn, " 镇街机构调整 ");

        Assert.Equal(AgreementState.Terminated, agreement.State);
        Assert.Equal("镇街机构调整", agreement.TerminationReason);
        Assert.True(agreement.InForceOn(terminatedOn.AddDays(-1)));
        Assert.Equal(AgreementStatus.InForce, agreement.StatusOn(terminatedOn.AddDays(-1)));
        Assert.False(agreement.InForceOn(terminatedOn));
        Assert.Equal(AgreementStatus.Terminated, agreement.StatusOn(terminatedOn));
        Assert.False(agreement.InForceOn(End));
        Assert.Equal(terminatedOn.AddDays(-1), agreement.LastDayInForce);
    }

    [Fact]
    public void ASignedAgreementTerminatedBeforePublicationNeverComesIntoForce()
    {
        var agreement = InState(AgreementState.Signed);
        agreement.Terminate(new DateOnly(2026, 4, 27), new DateOnly(2026, 4, 27), "签订有误");

        Assert.Equal(AgreementState.Terminated, agreement.State);
        Assert.False(agreement.InForceOn(Start));
        Assert.Null(agreement.LastDayInForce);
    }

    [Fact]
    public void AmendingCopiesTheTermsAndMattersIntoVersionTwo()
    {
        var signed = InState(AgreementState.Published);

        var next = signed.Amend();

        Assert.Equal(2, next.Version);
        Assert.Equal(signed.Id, next.PreviousVersionId);
        Assert.NotEqual(signed.Id, next.Id);
        Assert.Equal(AgreementState.Draft, next.State);
        Assert.Equal(signed.Number, next.Number);
        Assert.Equal((signed.DepartmentId, signed.TownshipId, signed.DistrictId), (next.DepartmentId, next.TownshipId, next.DistrictId));
        Assert.Equal((signed.TermStart, signed.TermEnd, signed.Mode), (next.TermStart, next.TermEnd, next.Mode));
        Assert.Equal(signed.FundingAmount, next.FundingAmount);
        Assert.True(next.HasPublicAffairsFunctions && next.HasQualifiedStaff && next.HasTechnicalMeans);
        Assert.Null(next.SignedOn);
        Assert.Null(next.PublishedOn);
        Assert.Equal(
            signed.Matters.Select(m => (m.MatterId, m.Authority, m.FineCap, m.LawName, m.LawArticle)).OrderBy(m => m.MatterId),
            next.Matters.Select(m => (m.MatterId, m.Authority, m.FineCap, m.LawName, m.LawArticle)).OrderBy(m => m.MatterId));
        Assert.All(next.Matters, m => Assert.Equal(next.Id, m.AgreementId));
        Assert.Empty(next.Matters.Select(m => m.Id).Intersect(signed.Matters.Select(m => m.Id)));
        // The signed version stays as it was, in force, until the new one is published.
        Assert.Equal(AgreementState.Published, signed.State);
        Assert.Equal(1, signed.Version);
        Assert.True(signed.InForceOn(Start));
    }

    [Fact]
    public void TwoAgreementsOverlapWhenTheirTermsShareADay()
    {
        var first = InState(AgreementState.Published);
        var touching = Draft(terms: Terms(start: End, end: End.AddYears(3)));
        var after = Draft(terms: Terms(start: End.AddDays(1), end: End.AddYears(3)));

        Assert.True(first.OverlapsInTime(touching));
        Assert.True(touching.OverlapsInTime(first));
        Assert.False(first.OverlapsInTime(after));

        first.Terminate(new DateOnly(2027, 1, 1), PublishedOn, "提前终止");
        var fromTermination = Draft(terms: Terms(start: new DateOnly(2027, 1, 1), end: End));
        Assert.False(first.OverlapsInTime(fromTermination));
    }
}
