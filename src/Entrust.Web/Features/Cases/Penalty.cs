using Entrust.Web.Features.Agreements;

namespace Entrust.Web.Features.Cases;

/// <summary>A penalty beyond warning and money (APL 9); each one opens a hearing (APL 63).</summary>
public enum PenaltyMeasure
{
    None = 0,
    LicenceSuspended = 1,   // 降低资质等级、暂扣许可证件
    BusinessRestricted = 2, // 限制开展生产经营活动、责令停产停业、责令关闭、限制从业
    LicenceRevoked = 3,     // 吊销许可证件
}

/// <summary>
/// An intended or decided penalty: a warning, a fine, a confiscation (违法所得/非法财物, valued in RMB) and at most one further
/// measure. <see cref="None"/> is a decision not to penalise (APL 57 (二)(三)).
/// </summary>
public sealed record Penalty(bool Warning, decimal Fine, decimal Confiscation, PenaltyMeasure Measure)
{
    public static readonly Penalty None = new(false, 0m, 0m, PenaltyMeasure.None);

    public static Penalty WarningOnly => new(true, 0m, 0m, PenaltyMeasure.None);

    public static Penalty FineOf(decimal amount) => new(false, amount, 0m, PenaltyMeasure.None);

    public bool IsNone => !Warning && Fine == 0 && Confiscation == 0 && Measure == PenaltyMeasure.None;

    public bool IsValid => Fine >= 0 && Confiscation >= 0 && Enum.IsDefined(Measure);

    /// <summary>The kinds of penalty this one contains, to hold against an agreement's exclusions.</summary>
    public PenaltyKinds Kinds =>
        (Warning ? PenaltyKinds.Warning : PenaltyKinds.None)
        | (Fine > 0 ? PenaltyKinds.Fine : PenaltyKinds.None)
        | (Confiscation > 0 ? PenaltyKinds.Confiscation : PenaltyKinds.None)
        | Measure switch
        {
            PenaltyMeasure.LicenceSuspended => PenaltyKinds.LicenceSuspended,
            PenaltyMeasure.BusinessRestricted => PenaltyKinds.BusinessRestricted,
            PenaltyMeasure.LicenceRevoked => PenaltyKinds.LicenceRevoked,
            _ => PenaltyKinds.None,
        };

    /// <summary>Something remains to be done after delivery: money to pay or a measure to carry out. A warning is done by delivery.</summary>
    public bool NeedsExecution => Fine > 0 || Confiscation > 0 || Measure != PenaltyMeasure.None;

    /// <summary>
    /// Heavier than <paramref name="other"/> in any part: more money, or a kind of penalty the other did not contain. A different
    /// measure counts as heavier, since the party was not told of it.
    /// </summary>
    public bool IsHeavierThan(Penalty other) =>
        Fine > other.Fine
        || Confiscation > other.Confiscation
        || (Warning && !other.Warning)
        || (Measure != PenaltyMeasure.None && Measure != other.Measure);

    /// <summary>A hearing must be offered (APL 63): a large fine or confiscation at the office's threshold, or any further measure.</summary>
    public bool OpensHearing(PartyKind party, CaseSettings settings)
    {
        var threshold = party == PartyKind.Person ? settings.HearingFinePerson : settings.HearingFineOrganisation;
        return Fine >= threshold || Confiscation >= threshold || Measure != PenaltyMeasure.None;
    }

    /// <summary>
    /// Major by rule (重大执法决定, LAW 19): a licence revoked, production or business restricted, stopped or closed (责令停产停业), or
    /// a fine at or above the office's threshold for the party's kind. Such a case needs legal review and collective discussion
    /// (APL 58, 57) whether or not anyone marked it major.
    /// </summary>
    public bool MakesMajor(PartyKind party, CaseSettings settings) =>
        Measure is PenaltyMeasure.LicenceRevoked or PenaltyMeasure.BusinessRestricted
        || Fine >= (party == PartyKind.Person ? settings.MajorFinePerson : settings.MajorFineOrganisation);

    /// <summary>The summary procedure's reach (APL 51): a warning and/or a fine up to 200 RMB (person) or 3,000 RMB (organisation).</summary>
    public bool FitsSummaryProcedure(PartyKind party) =>
        !IsNone && Confiscation == 0 && Measure == PenaltyMeasure.None
        && Fine <= (party == PartyKind.Person ? CaseLaw.SummaryFinePerson : CaseLaw.SummaryFineOrganisation);
}
