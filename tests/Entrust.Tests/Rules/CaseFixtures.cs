using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Cases;
using Entrust.Web.Features.Officers;
using Entrust.Web.Platform;
using Calendar = Entrust.Web.Features.Calendar.WorkingDayCalendar;

namespace Entrust.Tests.Rules;

/// <summary>A case and its facts, brought along the general procedure to any state, for the case rule tests.</summary>
internal static class CaseFixtures
{
    public static DateOnly D(string iso) => DateOnly.Parse(iso);

    /// <summary>国庆 and 中秋 2026 as the State Council set them: 1–7 October off, Sunday 20 September and Saturday 10 October worked.</summary>
    public static readonly Calendar NationalDay2026 = new(
        new HashSet<DateOnly>
        {
            D("2026-09-25"), D("2026-09-26"), D("2026-09-27"),
            D("2026-10-01"), D("2026-10-02"), D("2026-10-03"), D("2026-10-04"),
            D("2026-10-05"), D("2026-10-06"), D("2026-10-07"),
        },
        new HashSet<DateOnly> { D("2026-09-20"), D("2026-10-10") },
        new HashSet<int> { 2026 });

    public static readonly Guid District = Guid.NewGuid();
    public static readonly Guid Township = Guid.NewGuid();
    public static readonly Guid Department = Guid.NewGuid();
    public static readonly Guid Matter = Guid.NewGuid();
    public static readonly CaseSettings Settings = CaseSettings.Defaults;

    public static Entitlement Entitled(Authority authority = Authority.GeneralPenalty, decimal? cap = null,
        AgreementMode mode = AgreementMode.Entrustment) =>
        new(true, null, [], Guid.NewGuid(), "北碚委托〔2026〕7号", mode, authority, cap,
            mode == AgreementMode.Grant ? Township : Department,
            mode == AgreementMode.Grant ? "重庆市北碚区歇马镇人民政府" : "重庆市北碚区卫生健康委员会");

    public static readonly ActingOfficer Zhang = new(Guid.NewGuid(), "张伟", MayActAnswer.Yes);
    public static readonly ActingOfficer Li = new(Guid.NewGuid(), "李强", MayActAnswer.Yes);
    public static readonly ActingOfficer Wang = new(Guid.NewGuid(), "王芳", MayActAnswer.Yes);
    public static readonly ActingOfficer Barred = new(Guid.NewGuid(), "赵六", MayActAnswer.No("MayAct.NoCertificate", "赵六"));
    public static readonly IReadOnlyList<ActingOfficer> Two = [Zhang, Li];

    public static readonly CaseParty Person = new(PartyKind.Person, "刘某", "11010519491231002X");
    public static readonly CaseParty Company = new(PartyKind.Organisation, "歇马某农家乐有限公司", "91500109MA5U5XXX0X");

    /// <summary>Filed Tuesday 1 September 2026 on an act of 20 August: the decision is due on 30 November.</summary>
    public static readonly DateOnly FiledOn = D("2026-09-01");

    public static CaseFiling Filing(CaseParty? party = null, DateOnly? actOn = null, DateOnly? actEndedOn = null, bool harms = false,
        DateOnly? foundOn = null, DateOnly? filedOn = null) =>
        new(District, Township, Matter, "北碚卫立〔2026〕12号", party ?? Person, "未取得卫生许可从事餐饮经营",
            actOn ?? D("2026-08-20"), actEndedOn, harms, foundOn ?? filedOn ?? FiledOn, filedOn ?? FiledOn);

    /// <summary>Where and when a summary decision was made on the spot.</summary>
    public static readonly OnTheSpotFacts Spot = new("北碚区歇马镇凤凰村3组", new TimeOnly(14, 5));

    public static Case File(CaseFiling? filing = null, Entitlement? entitlement = null) =>
        new(filing ?? Filing(), entitlement ?? Entitled(), Two, Settings);

    public static RuleViolation Refused(Action act, string key, int status = 400)
    {
        var refused = Assert.Throws<RuleViolation>(act);
        Assert.Equal(key, refused.MessageKey);
        Assert.Equal(status, refused.StatusCode);
        return refused;
    }

    /// <summary>A refusal that names its rule: "LAW n" and the article among the arguments.</summary>
    public static RuleViolation RefusedNaming(Action act, string key, int law, string article, int status = 400)
    {
        var refused = Refused(act, key, status);
        Assert.Contains($"LAW {law}", refused.Arguments);
        Assert.Contains(article, refused.Arguments);
        return refused;
    }

    /// <summary>A step the state forbids: 409 naming the state it is in.</summary>
    public static void OutOfOrder(Action act, CaseState state)
    {
        var refused = Refused(act, "Case.WrongState", 409);
        Assert.Contains(new Text("CaseState." + state), refused.Arguments);
    }

    public static Case Investigating()
    {
        var c = File();
        c.BeginInvestigation(FiledOn, Two);
        return c;
    }

    /// <summary>Evidence on 2 September, notice on 3 September of <paramref name="penalty"/> (a 1,000 RMB fine: no hearing).</summary>
    public static Case Notified(Penalty? penalty = null, DateOnly? on = null, bool major = false, bool complex = false)
    {
        var c = Investigating();
        c.AddEvidence(D("2026-09-02"), "现场笔录", "经营场所无卫生许可证", Two);
        if (major || complex)
        {
            c.Classify(major, complex);
        }
        c.Notify(new NoticeFacts(on ?? D("2026-09-03"), penalty ?? Penalty.FineOf(1000m), "事实、理由、依据及陈述申辩权利"), Settings,
            NationalDay2026);
        return c;
    }

    /// <summary>A 10,000 RMB fine notified Monday 28 September: the hearing may be asked for until the make-up Saturday, 10 October.</summary>
    public static Case HearingRequested()
    {
        var c = Notified(Penalty.FineOf(10000m), D("2026-09-28"));
        c.RequestHearing(D("2026-10-09"));
        return c;
    }

    public static Case HearingHeld()
    {
        var c = HearingRequested();
        c.HoldHearing(new HearingFacts(D("2026-10-12"), D("2026-10-21"), Wang.OfficerId, Wang.Name, "听证笔录"), NationalDay2026);
        return c;
    }

    public static LegalReviewFacts Review(DateOnly on, bool qualified = true) =>
        new(on, Guid.NewGuid(), "陈律", qualified, "事实清楚，证据确凿，适用依据正确，程序合法");

    /// <summary>A 1,000 RMB fine decided Wednesday 30 September, after the representations window closed on the 10th.</summary>
    public static Case Decided(Penalty? penalty = null)
    {
        var c = Notified(penalty);
        c.Decide(new DecisionFacts(D("2026-09-30"), "北碚卫罚〔2026〕12号", penalty ?? Penalty.FineOf(1000m)), Entitled());
        return c;
    }

    /// <summary>Delivered Thursday 15 October: payment due Friday 30 October.</summary>
    public static Case Delivered(Penalty? penalty = null)
    {
        var c = Decided(penalty);
        c.Deliver(new DeliveryFacts(D("2026-10-15"), DeliveryMethod.Direct), NationalDay2026);
        return c;
    }

    public static Case Executed()
    {
        var c = Delivered();
        c.RecordPayment(D("2026-10-20"), 1000m);
        return c;
    }

    public static Case Closed()
    {
        var c = Executed();
        c.Close(D("2026-10-21"));
        return c;
    }

    public static Case InState(CaseState state) => state switch
    {
        CaseState.Filed => File(),
        CaseState.Investigating => Investigating(),
        CaseState.Notified => Notified(),
        CaseState.HearingRequested => HearingRequested(),
        CaseState.HearingHeld => HearingHeld(),
        CaseState.LegalReviewed => WithReview(),
        CaseState.Discussed => WithDiscussion(),
        CaseState.Decided => Decided(),
        CaseState.Delivered => Delivered(),
        CaseState.Executed => Executed(),
        CaseState.Closed => Closed(),
        CaseState.Transferred => Transferred(),
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    private static Case WithReview()
    {
        var c = Notified(major: true);
        c.RecordLegalReview(Review(D("2026-09-11")));
        return c;
    }

    private static Case WithDiscussion()
    {
        var c = WithReview();
        c.RecordCollectiveDiscussion(D("2026-09-14"), "同意处罚");
        return c;
    }

    private static Case Transferred()
    {
        var c = Investigating();
        c.TransferToJudiciary(D("2026-09-10"), "重庆市公安局北碚区分局", "涉嫌非法经营罪");
        return c;
    }
}
