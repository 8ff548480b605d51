using Entrust.Web.Features.Calendar;
using Entrust.Web.Platform;

namespace Entrust.Web.Features.Gaps;

/// <summary>The kinds of enforcement gap (执法空档) the scan looks for; each has its rule in <see cref="GapRules"/>.</summary>
public enum GapKind
{
    DormantMatter = 0,          // 懈怠: an entrusted matter in force with no inspection or case by the township in N days
    NoQualifiedPair = 1,        // fewer than two township officers who may act on a domain, today or within 60 days
    AgreementLapsing = 2,       // an agreement ending within 60 days with no successor drafted
    NoDocking = 3,              // an agreement in force whose department has no township office docked to it
    ScopeRequestUndecided = 4,  // a township's scope request waiting more than 30 days
    Turnover = 5,               // a township lost a quarter or more of its certified officers in 90 days
    EndedWithOpenRecords = 6,   // an agreement no longer in force while cases or rectification orders under it are still open
    ReportOverdue = 7,          // a township's monthly report to a department not submitted by its due day (or returned and not resubmitted)
    ActionItemOverdue = 8,      // a joint-meeting action item open past its due day
}

public enum GapState
{
    Open = 0,
    Acknowledged = 1,
    Resolved = 2, // the condition cleared, found by the scan
    Closed = 3,   // closed by the office with a reason
}

public enum GapSeverity
{
    Low = 0,
    Medium = 1,
    High = 2,
}

/// <summary>
/// One enforcement gap: what, where, since when, how serious, the records that show it, and its lifecycle
/// open → acknowledged (who, note) → resolved automatically when the condition clears, or closed by the office with a reason;
/// reopened when the condition returns. Identified by its <see cref="Key"/> (kind and subject), so a scan that finds the same
/// condition again updates the one gap instead of adding another. Every change of state is kept in <see cref="History"/>.
/// </summary>
public sealed class Gap
{
    public const int NoteLength = 500;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public GapKind Kind { get; private set; }

    /// <summary>The subject within the kind (township, matter, domain, agreement …): one gap per district, kind and key.</summary>
    public string Key { get; private set; } = "";
    public Guid? TownshipId { get; private set; }
    public Guid? DepartmentId { get; private set; }
    public Guid? MatterId { get; private set; }
    public Guid? OfficerId { get; private set; }
    public Guid? AgreementId { get; private set; }
    public string? Domain { get; private set; }

    /// <summary>Since when the condition holds (the last act, the request, the agreement's start …), not when it was found.</summary>
    public DateOnly Since { get; private set; }
    public GapSeverity Severity { get; private set; }

    /// <summary>Links to the records that show the gap (pages of the console).</summary>
    public List<string> Evidence { get; private set; } = [];

    /// <summary>The figures the message of the kind shows (counts, days, names), formatted by the page.</summary>
    public List<string> Figures { get; private set; } = [];
    public GapState State { get; private set; }
    public DateOnly FoundOn { get; private set; }

    /// <summary>The day it last opened: first found, or reopened. Escalation counts its working days from here.</summary>
    public DateOnly OpenedOn { get; private set; }

    /// <summary>
    /// The day it escalated to the office: still open (nobody acknowledged it) the office's number of working days after it opened.
    /// Kept once acknowledged or closed, for the assessment; cleared when the gap reopens.
    /// </summary>
    public DateOnly? EscalatedOn { get; private set; }
    public DateOnly LastSeenOn { get; private set; }
    public string? AcknowledgedBy { get; private set; }
    public DateOnly? AcknowledgedOn { get; private set; }
    public string? AcknowledgementNote { get; private set; }
    public DateOnly? ResolvedOn { get; private set; }
    public string? ClosedBy { get; private set; }
    public DateOnly? ClosedOn { get; private set; }
    public string? CloseReason { get; private set; }

    /// <summary>A closed gap whose condition has since cleared: when it returns, the gap reopens.</summary>
    public bool ClearedSinceClosed { get; private set; }
    public int TimesReopened { get; private set; }
    public List<GapEvent> History { get; private set; } = [];

    private Gap() { }

    public Gap(Guid districtId, GapFinding finding, DateOnly day, DateTimeOffset at)
    {
        DistrictId = districtId;
        Kind = finding.Kind;
        Key = finding.Key;
        TownshipId = finding.TownshipId;
        DepartmentId = finding.DepartmentId;
        MatterId = finding.MatterId;
        OfficerId = finding.OfficerId;
        AgreementId = finding.AgreementId;
        Domain = finding.Domain;
        FoundOn = day;
        OpenedOn = day;
        State = GapState.Open;
        Update(finding, day);
        Record(at, GapState.Open, "scan", null);
    }

    public bool IsActive => State is GapState.Open or GapState.Acknowledged;

    /// <summary><see cref="IsActive"/> for SQL (the reports' open gaps, the assessment's).</summary>
    public static System.Linq.Expressions.Expression<Func<Gap, bool>> Active() => g => g.State == GapState.Open || g.State == GapState.Acknowledged;

    /// <summary>
    /// Active on some day from <paramref name="from"/> to <paramref name="to"/>: its condition had begun by the end, and it is still
    /// active or was resolved or closed on or after the start (the half-year summary's problems).
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<Gap, bool>> ActiveDuring(DateOnly from, DateOnly to) => g =>
        g.Since <= to
        && (g.State == GapState.Open || g.State == GapState.Acknowledged || g.ResolvedOn >= from || g.ClosedOn >= from);

    /// <summary>The scan found the condition again: the figures follow; a resolved gap, or a closed one that had cleared, reopens.</summary>
    /// <returns>Whether the gap reopened.</returns>
    public bool FoundAgain(GapFinding finding, DateOnly day, DateTimeOffset at)
    {
        Update(finding, day);
        if (State == GapState.Resolved || (State == GapState.Closed && ClearedSinceClosed))
        {
            State = GapState.Open;
            OpenedOn = day;
            EscalatedOn = null;
            ClearedSinceClosed = false;
            ResolvedOn = null;
            AcknowledgedBy = null;
            AcknowledgedOn = null;
            AcknowledgementNote = null;
            TimesReopened++;
            Record(at, GapState.Open, "scan", null);
            return true;
        }
        return false;
    }

    /// <summary>The scan no longer finds the condition: an open or acknowledged gap is resolved; a closed one is marked cleared.</summary>
    /// <returns>Whether the gap was resolved now.</returns>
    public bool NotFound(DateOnly day, DateTimeOffset at)
    {
        if (IsActive)
        {
            State = GapState.Resolved;
            ResolvedOn = day;
            Record(at, GapState.Resolved, "scan", null);
            return true;
        }
        if (State == GapState.Closed)
        {
            ClearedSinceClosed = true;
        }
        return false;
    }

    /// <summary>Open and unacknowledged since it opened, escalated to the office.</summary>
    public bool IsEscalated => State == GapState.Open && EscalatedOn is not null;

    /// <summary><see cref="IsEscalated"/> for SQL (the office's list and workbench).</summary>
    public static System.Linq.Expressions.Expression<Func<Gap, bool>> Escalated() => g => g.State == GapState.Open && g.EscalatedOn != null;

    /// <summary>
    /// 逾期未签收升级: an open gap nobody acknowledged for <paramref name="workingDays"/> working days after it opened escalates to the
    /// office on the scan's day. Answers whether it escalated now.
    /// </summary>
    public bool EscalateIfDue(WorkingDayCalendar calendar, int workingDays, DateOnly day, DateTimeOffset at)
    {
        if (State != GapState.Open || EscalatedOn is not null || calendar.AddWorkingDays(OpenedOn, workingDays) > day)
        {
            return false;
        }
        EscalatedOn = day;
        Record(at, GapState.Open, "scan", Escalation);
        return true;
    }

    /// <summary>The note the history keeps on the escalation (the page names it).</summary>
    public const string Escalation = "escalated";

    /// <summary>The township or the department takes note (with what it will do); only an open gap can be acknowledged.</summary>
    public void Acknowledge(string by, string? note, DateOnly day, DateTimeOffset at)
    {
        if (State != GapState.Open)
        {
            throw RuleViolation.Conflict("Gap.WrongState", new Text("GapState." + State));
        }
        var trimmed = note?.Trim();
        if (trimmed is { Length: > NoteLength })
        {
            throw new RuleViolation("Gap.NoteTooLong", NoteLength) { Field = "Note" };
        }
        State = GapState.Acknowledged;
        AcknowledgedBy = by;
        AcknowledgedOn = day;
        AcknowledgementNote = string.IsNullOrEmpty(trimmed) ? null : trimmed;
        Record(at, GapState.Acknowledged, by, AcknowledgementNote);
    }

    /// <summary>The office closes a gap it judges no gap (a seasonal matter out of season, a township being merged); it needs a reason.</summary>
    public void Close(string by, string? reason, DateOnly day, DateTimeOffset at)
    {
        if (!IsActive)
        {
            throw RuleViolation.Conflict("Gap.WrongState", new Text("GapState." + State));
        }
        var trimmed = reason?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new RuleViolation("Gap.CloseNeedsReason") { Field = "Reason" };
        }
        if (trimmed.Length > NoteLength)
        {
            throw new RuleViolation("Gap.NoteTooLong", NoteLength) { Field = "Reason" };
        }
        State = GapState.Closed;
        ClosedBy = by;
        ClosedOn = day;
        CloseReason = trimmed;
        ClearedSinceClosed = false;
        Record(at, GapState.Closed, by, trimmed);
    }

    private void Update(GapFinding finding, DateOnly day)
    {
        Since = finding.Since;
        Severity = finding.Severity;
        Evidence = [.. finding.Evidence];
        Figures = [.. finding.Figures];
        LastSeenOn = day;
    }

    private void Record(DateTimeOffset at, GapState state, string by, string? note) => History.Add(new GapEvent(DistrictId, at, state, by, note));
}

/// <summary>One change of a gap's state: when, to what, by whom (the scan or a user), and the note or reason.</summary>
public sealed class GapEvent
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid GapId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public GapState State { get; private set; }
    public string By { get; private set; } = "";
    public string? Note { get; private set; }

    private GapEvent() { }

    public GapEvent(Guid districtId, DateTimeOffset at, GapState state, string by, string? note)
    {
        DistrictId = districtId;
        At = at.ToUniversalTime();
        State = state;
        By = by;
        Note = note;
    }
}

/// <summary>
/// One run of the scan for a district: when it started and finished, what it found, and the error if it failed (the admin
/// sees failed runs; the next run retries).
/// </summary>
public sealed class GapScan
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public DateOnly Day { get; private set; }
    public string Trigger { get; private set; } = "";
    public int Found { get; private set; }
    public int Opened { get; private set; }
    public int Reopened { get; private set; }
    public int Resolved { get; private set; }
    public string? Error { get; private set; }

    /// <summary>
    /// The audit chain's last link when the scan read the records: every change the scan did not see is in an audit entry of the
    /// district linked after it, or not linked yet (<see cref="GapScanner.ScanChangedAsync"/> looks for exactly those).
    /// </summary>
    public long? ThroughLink { get; private set; }

    private GapScan() { }

    public GapScan(Guid districtId, DateOnly day, DateTimeOffset startedAt, string trigger)
    {
        DistrictId = districtId;
        Day = day;
        StartedAt = startedAt.ToUniversalTime();
        Trigger = trigger;
    }

    public void Finish(DateTimeOffset at, long? throughLink, int found, int opened, int reopened, int resolved)
    {
        ThroughLink = throughLink;
        FinishedAt = at.ToUniversalTime();
        Found = found;
        Opened = opened;
        Reopened = reopened;
        Resolved = resolved;
    }

    public void Fail(DateTimeOffset at, string error)
    {
        FinishedAt = at.ToUniversalTime();
        Error = error.Length > 2000 ? error[..2000] : error;
    }
}

/// <summary>
/// The office's figures for the scan: after how many days without an act an entrusted matter counts as dormant, by default and
/// per domain (a seasonal domain such as forest fire prevention gets a longer span). Defaults until the office sets them.
/// </summary>
public sealed class GapSettings
{
    public const int DefaultDormantDays = 90;

    /// <summary>An open gap unacknowledged this many working days escalates to the office.</summary>
    public const int DefaultEscalationWorkingDays = 5;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public int DormantDays { get; private set; } = DefaultDormantDays;

    /// <summary>Per domain, "domain=days" (a domain not listed takes <see cref="DormantDays"/>).</summary>
    public List<string> DormantDaysByDomain { get; private set; } = [];

    public int EscalationWorkingDays { get; private set; } = DefaultEscalationWorkingDays;

    private GapSettings() { }

    public GapSettings(Guid districtId) => DistrictId = districtId;

    public static GapSettings Defaults(Guid districtId) => new(districtId);

    public int DormantDaysFor(string domain)
    {
        foreach (var entry in DormantDaysByDomain)
        {
            var parts = entry.Split('=', 2);
            if (parts.Length == 2 && parts[0] == domain && int.TryParse(parts[1], out var days))
            {
                return days;
            }
        }
        return DormantDays;
    }

    public void Set(int dormantDays, IReadOnlyDictionary<string, int> byDomain, int escalationWorkingDays = DefaultEscalationWorkingDays)
    {
        if (dormantDays is < 7 or > 730 || byDomain.Values.Any(d => d is < 7 or > 730))
        {
            throw new RuleViolation("Gap.DormantDaysOutOfRange", 7, 730) { Field = "DormantDays" };
        }
        if (escalationWorkingDays is < 1 or > 60)
        {
            throw new RuleViolation("Gap.EscalationDaysOutOfRange", 1, 60) { Field = "EscalationWorkingDays" };
        }
        EscalationWorkingDays = escalationWorkingDays;
        DormantDays = dormantDays;
        DormantDaysByDomain = [.. byDomain.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")];
    }
}

/// <summary>What bringing the stored gaps in line with a day's findings did.</summary>
/// <param name="Added">The gaps opened, for the caller to save; <paramref name="ReopenedGaps"/> and <paramref name="EscalatedGaps"/>
/// the stored ones that reopened or escalated (the bell tells their units and the office).</param>
public sealed record GapChanges(int Found, int Opened, int Reopened, int Resolved, int Escalated, IReadOnlyList<Gap> Added,
    IReadOnlyList<Gap> ReopenedGaps, IReadOnlyList<Gap> EscalatedGaps);

/// <summary>When an unacknowledged gap escalates: the district's working days and the office's number of them.</summary>
public sealed record GapEscalation(WorkingDayCalendar Calendar, int WorkingDays);

/// <summary>The stored gaps of a district brought in line with a day's findings (the scan's one step that changes anything).</summary>
public static class GapLedger
{
    /// <summary>
    /// A new finding opens a gap; one already stored is updated (and reopens if resolved, or closed and since cleared); an active
    /// gap not found is resolved. <paramref name="gaps"/> holds every stored gap of the district by kind and key; the gaps added
    /// are returned for the caller to save. Then every gap still open and unacknowledged past the escalation's working days escalates.
    /// </summary>
    public static GapChanges Apply(Guid districtId, IReadOnlyDictionary<(GapKind, string), Gap> gaps, IEnumerable<GapFinding> findings,
        DateOnly day, DateTimeOffset at, GapEscalation escalation)
    {
        var resolved = 0;
        List<Gap> added = [], reopened = [], escalated = [];
        HashSet<(GapKind, string)> found = [];
        foreach (var finding in findings)
        {
            if (!found.Add((finding.Kind, finding.Key)))
            {
                continue;
            }
            if (gaps.TryGetValue((finding.Kind, finding.Key), out var gap))
            {
                if (gap.FoundAgain(finding, day, at))
                {
                    reopened.Add(gap);
                }
            }
            else
            {
                added.Add(new Gap(districtId, finding, day, at));
            }
        }
        foreach (var (key, gap) in gaps)
        {
            if (!found.Contains(key))
            {
                resolved += gap.NotFound(day, at) ? 1 : 0;
            }
        }
        foreach (var gap in gaps.Values.Concat(added))
        {
            if (gap.EscalateIfDue(escalation.Calendar, escalation.WorkingDays, day, at))
            {
                escalated.Add(gap);
            }
        }
        return new GapChanges(found.Count, added.Count, reopened.Count, resolved, escalated.Count, added, reopened, escalated);
    }
}
