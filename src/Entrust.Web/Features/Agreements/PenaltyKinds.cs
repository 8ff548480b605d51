namespace Entrust.Web.Features.Agreements;

/// <summary>
/// The kinds of penalty (行政处罚法 Art. 9) an agreement may keep back from the township on a matter, beyond capping the
/// fine: e.g. no licence revocation, no 责令停产停业. A set: a matter's exclusions are stored as one number.
/// </summary>
[Flags]
public enum PenaltyKinds
{
    None = 0,
    Warning = 1,             // 警告、通报批评
    Fine = 2,                // 罚款
    Confiscation = 4,        // 没收违法所得、没收非法财物
    LicenceSuspended = 8,    // 暂扣许可证件、降低资质等级
    BusinessRestricted = 16, // 限制开展生产经营活动、责令停产停业、责令关闭、限制从业
    LicenceRevoked = 32,     // 吊销许可证件
}

public static class PenaltyKindSet
{
    public const PenaltyKinds All = PenaltyKinds.Warning | PenaltyKinds.Fine | PenaltyKinds.Confiscation | PenaltyKinds.LicenceSuspended
        | PenaltyKinds.BusinessRestricted | PenaltyKinds.LicenceRevoked;

    /// <summary>Each kind in the set on its own, in the order of the law's list.</summary>
    public static IReadOnlyList<PenaltyKinds> Each(this PenaltyKinds kinds) =>
        Enum.GetValues<PenaltyKinds>().Where(k => k != PenaltyKinds.None && kinds.HasFlag(k)).ToList();

    public static PenaltyKinds Combine(IEnumerable<PenaltyKinds>? kinds) =>
        kinds?.Aggregate(PenaltyKinds.None, (all, k) => all | k) ?? PenaltyKinds.None;

    /// <summary>The names the official documents use (always Chinese).</summary>
    public static string ChineseName(PenaltyKinds kind) => kind switch
    {
        PenaltyKinds.Warning => "警告",
        PenaltyKinds.Fine => "罚款",
        PenaltyKinds.Confiscation => "没收违法所得、没收非法财物",
        PenaltyKinds.LicenceSuspended => "暂扣许可证件、降低资质等级",
        PenaltyKinds.BusinessRestricted => "责令停产停业、责令关闭、限制从业",
        PenaltyKinds.LicenceRevoked => "吊销许可证件",
        _ => kind.ToString(),
    };
}
