using Entrust.Web.Platform;

namespace Entrust.Web.Features.Assessment;

/// <summary>The officer's fault that calls for accountability (执法过错责任追究): only intent or gross negligence.</summary>
public enum AccountabilityFault
{
    Intent = 0,          // 故意
    GrossNegligence = 1, // 重大过失
}

/// <summary>What the decision holds the officer to. The last two act on the officer's certificate the day of the decision.</summary>
public enum AccountabilityMeasure
{
    Criticism = 0,            // 批评教育
    OffDutyTraining = 1,      // 离岗培训
    Reassignment = 2,         // 调整岗位
    CertificateSuspended = 3, // 暂扣执法证
    CertificateRevoked = 4,   // 取消执法证
}

public enum AccountabilityState
{
    Opened = 0,        // 立项
    Heard = 1,         // 已听取陈述申辩
    Decided = 2,       // 已作出决定
    Notified = 3,      // 已送达决定
    Appealed = 4,      // 已申诉
    AppealDecided = 5, // 申诉已处理
}

/// <summary>
/// A fault-accountability record (执法过错责任追究, LAW 27: every body keeps one) against an officer who acted with intent or gross
/// negligence: the facts, the kind of fault, the officer's statement and defence heard (陈述申辩) — no decision before it — the decision
/// and its notice, then the officer's appeal and its outcome. Suspending or revoking the certificate is done the day of the decision
/// through the certificates' own book, so that whether the officer may act is answered by the one rule (<c>MayAct</c>) from then on.
/// </summary>
public sealed class Accountability
{
    public const int TextLength = 2000;
    public const int NumberLength = 100;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid OfficerId { get; private set; }
    public string OfficerName { get; private set; } = "";
    public Guid? TownshipId { get; private set; }
    public Guid? DepartmentId { get; private set; }

    /// <summary>The case the fault was found in, when there is one (an erroneous case, a failed file).</summary>
    public Guid? CaseId { get; private set; }
    public string Facts { get; private set; } = "";
    public AccountabilityFault Fault { get; private set; }
    public DateOnly OpenedOn { get; private set; }
    public string OpenedBy { get; private set; } = "";
    public AccountabilityState State { get; private set; }

    public DateOnly? StatementOn { get; private set; }
    public string? Statement { get; private set; }

    public AccountabilityMeasure? Measure { get; private set; }
    public string? DecisionNumber { get; private set; }
    public string? DecisionReasons { get; private set; }
    public DateOnly? DecidedOn { get; private set; }
    public string? DecidedBy { get; private set; }

    public DateOnly? NotifiedOn { get; private set; }

    public DateOnly? AppealedOn { get; private set; }
    public string? AppealText { get; private set; }
    public bool? AppealUpheld { get; private set; }
    public string? AppealReply { get; private set; }
    public DateOnly? AppealDecidedOn { get; private set; }

    private Accountability() { }

    public Accountability(Officers.Officer officer, Guid? caseId, string? facts, AccountabilityFault fault, DateOnly on, DateOnly today, string by)
    {
        if (!Enum.IsDefined(fault))
        {
            throw new RuleViolation("Accountability.FaultRequired") { Field = "Fault" };
        }
        DistrictId = officer.DistrictId;
        OfficerId = officer.Id;
        OfficerName = officer.Name;
        TownshipId = officer.TownshipId;
        DepartmentId = officer.DepartmentId;
        CaseId = caseId;
        Facts = Text(facts, "Facts", "Accountability.Facts");
        Fault = fault;
        OpenedOn = Day(on, null, today, "OpenedOn");
        OpenedBy = by;
    }

    /// <summary>陈述申辩: the officer's statement and defence, heard before any decision (and again, replacing it, until then).</summary>
    public void HearStatement(DateOnly on, string? statement, DateOnly today)
    {
        if (State > AccountabilityState.Heard)
        {
            throw RuleViolation.Conflict("Accountability.AlreadyDecided");
        }
        Statement = Text(statement, "Statement", "Accountability.Statement");
        StatementOn = Day(on, OpenedOn, today, "StatementOn");
        State = AccountabilityState.Heard;
    }

    /// <summary>
    /// The decision, dated today (a certificate measure acts the day it is taken). Refused before the officer's statement is heard: no one
    /// is held to account unheard (《行政机关公务员处分条例》第三十九条).
    /// </summary>
    public void Decide(AccountabilityMeasure measure, string? number, string? reasons, DateOnly today, string by)
    {
        if (State >= AccountabilityState.Decided)
        {
            throw RuleViolation.Conflict("Accountability.AlreadyDecided");
        }
        if (State != AccountabilityState.Heard || StatementOn is null)
        {
            throw new RuleViolation("Accountability.StatementRequired", OfficerName) { Field = "Statement" };
        }
        if (!Enum.IsDefined(measure))
        {
            throw new RuleViolation("Validation.Choose", new Text("Accountability.Measure")) { Field = "Measure" };
        }
        DecisionNumber = Text(number, "DecisionNumber", "Accountability.DecisionNumber", NumberLength);
        DecisionReasons = Text(reasons, "DecisionReasons", "Accountability.DecisionReasons");
        Measure = measure;
        DecidedOn = Day(today, StatementOn, today, "DecidedOn");
        DecidedBy = by;
        State = AccountabilityState.Decided;
    }

    /// <summary>True when the measure acts on the certificate: 暂扣 or 取消.</summary>
    public bool ActsOnCertificate => Measure is AccountabilityMeasure.CertificateSuspended or AccountabilityMeasure.CertificateRevoked;

    /// <summary>The decision delivered to the officer (送达).</summary>
    public void Notify(DateOnly on, DateOnly today)
    {
        if (State != AccountabilityState.Decided)
        {
            throw RuleViolation.Conflict("Accountability.NotDecided");
        }
        NotifiedOn = Day(on, DecidedOn, today, "NotifiedOn");
        State = AccountabilityState.Notified;
    }

    /// <summary>The officer's appeal (申诉) against the notified decision; once.</summary>
    public void Appeal(DateOnly on, string? text, DateOnly today)
    {
        if (State != AccountabilityState.Notified)
        {
            throw RuleViolation.Conflict(State < AccountabilityState.Notified ? "Accountability.NotNotified" : "Accountability.AlreadyAppealed");
        }
        AppealText = Text(text, "AppealText", "Accountability.Appeal");
        AppealedOn = Day(on, NotifiedOn, today, "AppealedOn");
        State = AccountabilityState.Appealed;
    }

    /// <summary>The appeal decided: upheld (the decision changed or withdrawn, the certificate then reinstated through its book) or not.</summary>
    public void DecideAppeal(bool upheld, string? reply, DateOnly today)
    {
        if (State != AccountabilityState.Appealed)
        {
            throw RuleViolation.Conflict("Accountability.NoAppeal");
        }
        AppealReply = Text(reply, "AppealReply", "Accountability.AppealReply");
        AppealUpheld = upheld;
        AppealDecidedOn = Day(today, AppealedOn, today, "AppealDecidedOn");
        State = AccountabilityState.AppealDecided;
    }

    private static string Text(string? value, string field, string label, int length = TextLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new RuleViolation("Validation.Required", new Text(label)) { Field = field };
        }
        if (value.Trim().Length > length)
        {
            throw new RuleViolation("Validation.TooLong", new Text(label), length) { Field = field };
        }
        return value.Trim();
    }

    private static DateOnly Day(DateOnly on, DateOnly? notBefore, DateOnly today, string field) =>
        on > today || (notBefore is { } first && on < first) ? throw new RuleViolation("Accountability.DayInvalid") { Field = field } : on;
}
