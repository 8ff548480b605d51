using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Meetings;
using Entrust.Web.Features.Officers;
using Entrust.Web.Features.Reports;
using Entrust.Web.Features.Scope;

namespace Entrust.Web.Features.Gaps;

/// <summary>A condition the rules found on a day: the gap it is (kind and key) and what the gap shows.</summary>
public sealed record GapFinding(GapKind Kind, string Key, Guid? TownshipId, Guid? DepartmentId, Guid? MatterId, Guid? OfficerId,
    Guid? AgreementId, string? Domain, DateOnly Since, GapSeverity Severity, IReadOnlyList<string> Evidence, IReadOnlyList<string> Figures);

/// <summary>An act on a matter in a township: an inspection or a case, by the township itself or by the department.</summary>
public sealed record GapActivity(Guid TownshipId, Guid MatterId, DateOnly On, bool ByTownship);

/// <summary>A record still open under a matter in a township: a case not closed nor transferred, or a rectification order not closed.</summary>
/// <param name="AgreementId">The agreement a case was filed under; null for an order (it names only township and matter).</param>
public sealed record GapOpenRecord(bool IsCase, Guid Id, Guid TownshipId, Guid MatterId, Guid? AgreementId, DateOnly Since);

/// <summary>A monthly report the township may still change and submit, with its month's due day.</summary>
public sealed record GapReportDue(MonthlyReport Report, DateOnly DueOn);

/// <summary>What the rules read of one district. The scan loads it; tests build it by hand.</summary>
public sealed record GapRecords(
    IReadOnlyList<MatterFacts> Matters,
    IReadOnlyList<Agreement> Agreements,
    IReadOnlyList<Docking> Dockings,
    IReadOnlyList<Officer> Officers,
    IReadOnlyList<Certificate> Certificates,
    IReadOnlyList<GapActivity> Activities,
    IReadOnlyList<ScopeRequest> ScopeRequests,
    IReadOnlyList<GapOpenRecord> OpenRecords,
    GapSettings Settings,
    IReadOnlyList<GapReportDue>? OpenReports = null,
    IReadOnlyList<ActionItem>? OpenActionItems = null);

/// <summary>
/// The gap rules, in one place: pure functions of a district's records and a day, no database, no clock. Each rule asks the
/// domain's own questions — an agreement in force (<see cref="Agreement.InForceOn"/>), an officer who may act on a matter
/// personally (<see cref="MayAct.Personally"/>: in post, a certificate valid that day covering the domain, review not missed),
/// an officer in post (<see cref="Officer.ActiveOn"/>) — and never re-types them.
/// </summary>
/// <remarks>
/// A finding's <see cref="GapFinding.Since"/> is a day taken from the records (the last act, the request, the day the holders fell
/// below two), so that the same records on a later day give the same gap: a scan run twice changes nothing.
/// </remarks>
public static class GapRules
{
    /// <summary>How far ahead "no qualified pair" and "about to lapse" look.</summary>
    public const int LookAheadDays = 60;

    /// <summary>A scope request older than this waits too long.</summary>
    public const int ScopeRequestDays = 30;

    /// <summary>Turnover is judged over this many days …</summary>
    public const int TurnoverDays = 90;

    /// <summary>… and fires at this share (one in four) of the certified officers lost.</summary>
    public const int TurnoverOneIn = 4;

    public static IReadOnlyList<GapFinding> Find(GapRecords records, DateOnly day) =>
    [
        .. Dormant(records, day),
        .. NoQualifiedPair(records, day),
        .. Lapsing(records, day),
        .. NoDocking(records, day),
        .. ScopeRequestsWaiting(records, day),
        .. Turnover(records, day),
        .. EndedWithOpenRecords(records, day),
        .. ReportsOverdue(records, day),
        .. ActionItemsOverdue(records, day),
    ];

    /// <summary>The matters each township holds in force on the day, by agreement (one per township and matter).</summary>
    private static IEnumerable<(Agreement Agreement, AgreementMatter Item, MatterFacts Matter)> InForce(GapRecords records, DateOnly day)
    {
        var matters = records.Matters.ToDictionary(m => m.Id);
        HashSet<(Guid, Guid)> seen = [];
        foreach (var agreement in records.Agreements.Where(a => a.InForceOn(day)).OrderBy(a => a.TermStart))
        {
            foreach (var item in agreement.Matters)
            {
                if (matters.TryGetValue(item.MatterId, out var matter) && seen.Add((agreement.TownshipId, item.MatterId)))
                {
                    yield return (agreement, item, matter);
                }
            }
        }
    }

    /// <summary>The first day an agreement was in force: published and its term begun.</summary>
    private static DateOnly InForceSince(Agreement a) => a.PublishedOn is { } p && p > a.TermStart ? p : a.TermStart;

    /// <summary>
    /// 懈怠: a matter in force for a township with no inspection or case by the township for N days (the office's figure for the
    /// matter's domain), counted from the last act or, without one, from the day the agreement came into force. The figures say
    /// how long, the office's N, and the department's own last act there meanwhile (empty when none).
    /// </summary>
    public static IEnumerable<GapFinding> Dormant(GapRecords records, DateOnly day)
    {
        var last = records.Activities.Where(a => a.ByTownship && a.On <= day)
            .GroupBy(a => (a.TownshipId, a.MatterId)).ToDictionary(g => g.Key, g => g.Max(a => a.On));
        var departments = records.Activities.Where(a => !a.ByTownship).ToLookup(a => (a.TownshipId, a.MatterId));
        foreach (var (agreement, _, matter) in InForce(records, day))
        {
            var days = records.Settings.DormantDaysFor(matter.Domain);
            var since = last.TryGetValue((agreement.TownshipId, matter.Id), out var on) ? on : InForceSince(agreement);
            var idle = day.DayNumber - since.DayNumber;
            if (idle < days)
            {
                continue;
            }
            // Whether the department acted there itself meanwhile (its last act), or left it to the township.
            var byDepartment = departments[(agreement.TownshipId, matter.Id)].Where(a => a.On > since && a.On <= day).Select(a => a.On.ToString("yyyy-MM-dd")).Max() ?? "";
            yield return new GapFinding(GapKind.DormantMatter, $"{agreement.TownshipId}/{matter.Id}", agreement.TownshipId, matter.DepartmentId,
                matter.Id, null, agreement.Id, matter.Domain, since, idle >= 2 * days ? GapSeverity.High : GapSeverity.Medium,
                [$"/Agreements/Detail/{agreement.Id}", $"/Inspections?townshipId={agreement.TownshipId}&matterId={matter.Id}"],
                [idle.ToString(), days.ToString(), byDepartment]);
        }
    }

    /// <summary>
    /// Fewer than two officers of the township who may act on a domain it holds in force — today, or on a day within the next 60
    /// (a certificate expiring or its review falling due, an officer's recorded departure). One gap per township, department and
    /// domain. Since: the day the holders fell below two (a change in the officers' records), or the coming day they will.
    /// </summary>
    public static IEnumerable<GapFinding> NoQualifiedPair(GapRecords records, DateOnly day)
    {
        var certificates = records.Certificates.ToLookup(c => c.OfficerId);
        var officers = records.Officers.Where(o => o.TownshipId is not null).ToLookup(o => o.TownshipId!.Value);
        var groups = InForce(records, day).GroupBy(x => (x.Agreement.TownshipId, x.Matter.DepartmentId, x.Matter.Domain));
        // Each township's officers and the days their standing changes, and each (township, domain, day)'s count, once: the
        // search below asks about the same days again and again, for every department entrusting the domain there.
        var standing = new Dictionary<Guid, (List<Officer> Officers, List<DateOnly> ChangeDays)>();
        var counted = new Dictionary<(Guid, string, DateOnly), int>();
        foreach (var group in groups)
        {
            var (township, department, domain) = group.Key;
            var matter = group.First().Matter;
            if (!standing.TryGetValue(township, out var theirs))
            {
                var officersThere = officers[township].ToList();
                standing[township] = theirs = (officersThere, [.. ChangeDays(officersThere, certificates).Distinct().Order()]);
            }
            var (mine, changeDays) = theirs;
            int Holders(DateOnly d) => counted.TryGetValue((township, domain, d), out var n) ? n
                : counted[(township, domain, d)] = GapRules.Holders(mine, certificates, matter, d);
            var changes = changeDays.Where(d => d > day && d <= day.AddDays(LookAheadDays)).ToList();
            var today = Holders(day);
            DateOnly since;
            if (today < Coverage.RequiredHolders)
            {
                // The last change that left fewer than two, else the day the township first held the domain.
                var start = group.Min(x => InForceSince(x.Agreement));
                since = changeDays.Where(d => d > start && d <= day).Reverse()
                    .FirstOrDefault(d => Holders(d) < Coverage.RequiredHolders && Holders(d.AddDays(-1)) >= Coverage.RequiredHolders, start);
            }
            else if (changes.FirstOrDefault(d => Holders(d) < Coverage.RequiredHolders) is { } coming && coming != default)
            {
                since = coming;
            }
            else
            {
                continue;
            }
            var inWindow = Holders(day.AddDays(LookAheadDays));
            yield return new GapFinding(GapKind.NoQualifiedPair, $"{township}/{department}/{domain}", township, department, null, null,
                null, domain, since, today < 2 ? GapSeverity.High : GapSeverity.Medium,
                [$"/Coverage?townshipId={township}", $"/Officers?townshipId={township}"],
                [today.ToString(), inWindow.ToString(), since.ToString("yyyy-MM-dd")]);
        }
    }

    /// <summary>How many of these officers may act personally on the matter's domain on the day (<see cref="MayAct.HoldsPersonally"/>).</summary>
    public static int Holders(IEnumerable<Officer> officers, ILookup<Guid, Certificate> certificates, MatterFacts matter, DateOnly day) =>
        officers.Count(o => MayAct.HoldsPersonally(o, certificates[o.Id], matter.Domain, day));

    /// <summary>The days an officer's standing may change: certificates issued, expiring, review falling due, revoked or suspended, the officer leaving.</summary>
    private static IEnumerable<DateOnly> ChangeDays(IEnumerable<Officer> officers, ILookup<Guid, Certificate> certificates)
    {
        foreach (var o in officers)
        {
            if (o.StatusChangedOn is { } s)
            {
                yield return s;
            }
            foreach (var c in certificates[o.Id])
            {
                yield return c.IssuedOn;
                yield return c.ExpiresOn.AddDays(1);
                yield return c.ReviewDueOn.AddDays(1);
                if (c.StateChangedOn is { } changed)
                {
                    yield return changed;
                }
            }
        }
    }

    /// <summary>
    /// An agreement in force whose last day comes within 60 days, with no successor between the same department and township
    /// (a later agreement in any state but terminated, or an amendment of it). Since: 60 days before the last day.
    /// </summary>
    public static IEnumerable<GapFinding> Lapsing(GapRecords records, DateOnly day)
    {
        foreach (var a in records.Agreements.Where(a => a.InForceOn(day)))
        {
            if (a.LastDayInForce is not { } lastDay || lastDay > day.AddDays(LookAheadDays))
            {
                continue;
            }
            var successor = records.Agreements.Any(o => o.Id != a.Id && o.DepartmentId == a.DepartmentId && o.TownshipId == a.TownshipId
                && o.State != AgreementState.Terminated && (o.PreviousVersionId == a.Id || o.TermEnd > lastDay));
            if (successor)
            {
                continue;
            }
            var left = lastDay.DayNumber - day.DayNumber;
            yield return new GapFinding(GapKind.AgreementLapsing, a.Id.ToString(), a.TownshipId, a.DepartmentId, null, null, a.Id, null,
                lastDay.AddDays(-LookAheadDays), left <= 15 ? GapSeverity.High : GapSeverity.Medium,
                [$"/Agreements/Detail/{a.Id}"], [lastDay.ToString("yyyy-MM-dd"), left.ToString(), a.Number]);
        }
    }

    /// <summary>科室对接: an agreement in force whose department has no office of the township docked to it. Since: in force.</summary>
    public static IEnumerable<GapFinding> NoDocking(GapRecords records, DateOnly day)
    {
        var docked = records.Dockings.Select(d => (d.TownshipId, d.DepartmentId)).ToHashSet();
        foreach (var g in records.Agreements.Where(a => a.InForceOn(day)).GroupBy(a => (a.TownshipId, a.DepartmentId)))
        {
            if (docked.Contains(g.Key))
            {
                continue;
            }
            var first = g.OrderBy(InForceSince).First();
            yield return new GapFinding(GapKind.NoDocking, $"{g.Key.TownshipId}/{g.Key.DepartmentId}", g.Key.TownshipId, g.Key.DepartmentId,
                null, null, first.Id, null, InForceSince(first), GapSeverity.Medium,
                [$"/Agreements/Docking?townshipId={g.Key.TownshipId}", $"/Agreements/Detail/{first.Id}"], [first.Number]);
        }
    }

    /// <summary>A township's scope request (the seed's 市政管理, 森林防火) undecided after 30 days. Since: the day requested.</summary>
    public static IEnumerable<GapFinding> ScopeRequestsWaiting(GapRecords records, DateOnly day)
    {
        var matters = records.Matters.ToDictionary(m => m.Id);
        foreach (var r in records.ScopeRequests.Where(r => r.State == ScopeRequestState.Pending))
        {
            var waited = day.DayNumber - r.RequestedOn.DayNumber;
            if (waited <= ScopeRequestDays)
            {
                continue;
            }
            MatterFacts? matter = r.MatterId is { } id && matters.TryGetValue(id, out var m) ? m : null;
            yield return new GapFinding(GapKind.ScopeRequestUndecided, r.Id.ToString(), r.TownshipId, matter?.DepartmentId, r.MatterId, null,
                null, matter?.Domain, r.RequestedOn, waited > 3 * ScopeRequestDays ? GapSeverity.High : GapSeverity.Medium,
                ["/Scope"], [waited.ToString(), r.RequestedPower]);
        }
    }

    /// <summary>
    /// 人员流动性大: a township lost a quarter or more of its certified officers (in post with a valid certificate 90 days ago) by
    /// leaving or transfer. Since: the first of those departures.
    /// </summary>
    public static IEnumerable<GapFinding> Turnover(GapRecords records, DateOnly day)
    {
        var from = day.AddDays(-TurnoverDays);
        var certificates = records.Certificates.ToLookup(c => c.OfficerId);
        foreach (var g in records.Officers.Where(o => o.TownshipId is not null).GroupBy(o => o.TownshipId!.Value))
        {
            var certified = g.Where(o => o.ActiveOn(from) && certificates[o.Id].Any(c => c.ValidOn(from))).ToList();
            var lost = certified.Where(o => !o.ActiveOn(day)).ToList();
            if (lost.Count == 0 || lost.Count * TurnoverOneIn < certified.Count)
            {
                continue;
            }
            yield return new GapFinding(GapKind.Turnover, g.Key.ToString(), g.Key, null, null, null, null, null,
                lost.Min(o => o.StatusChangedOn!.Value), lost.Count * 2 >= certified.Count ? GapSeverity.High : GapSeverity.Medium,
                [$"/Officers?townshipId={g.Key}&status=Left", $"/Coverage?townshipId={g.Key}"], [lost.Count.ToString(), certified.Count.ToString()]);
        }
    }

    /// <summary>
    /// An agreement that was in force and no longer is (its term ended or it was terminated) while records under it are still
    /// open on a matter no agreement in force gives the township today (a new version or a successor takes its records over):
    /// cases filed under it, and rectification orders of its township on its matters issued while it was in force. Nobody may
    /// carry them on in the township's hands; the department must take them over. One gap per agreement.
    /// Since: the day after its last day in force. High when a case is open.
    /// </summary>
    public static IEnumerable<GapFinding> EndedWithOpenRecords(GapRecords records, DateOnly day)
    {
        var covered = InForce(records, day).Select(x => (x.Agreement.TownshipId, x.Item.MatterId)).ToHashSet();
        foreach (var a in records.Agreements)
        {
            if (a.LastDayInForce is not { } lastDay || lastDay >= day || a.InForceOn(day))
            {
                continue;
            }
            var matters = a.Matters.Select(m => m.MatterId).ToHashSet();
            var open = records.OpenRecords.Where(r => !covered.Contains((r.TownshipId, r.MatterId)) && (r.IsCase
                ? r.AgreementId == a.Id
                : r.TownshipId == a.TownshipId && matters.Contains(r.MatterId) && r.Since <= lastDay)).ToList();
            if (open.Count == 0)
            {
                continue;
            }
            var cases = open.Count(r => r.IsCase);
            yield return new GapFinding(GapKind.EndedWithOpenRecords, a.Id.ToString(), a.TownshipId, a.DepartmentId, null, null, a.Id, null,
                lastDay.AddDays(1), cases > 0 ? GapSeverity.High : GapSeverity.Medium,
                [$"/Agreements/Detail/{a.Id}", .. open.OrderBy(r => r.Since).Take(5).Select(r => r.IsCase ? $"/Cases/Detail/{r.Id}" : $"/Rectifications?townshipId={r.TownshipId}")],
                [a.Number, lastDay.ToString("yyyy-MM-dd"), cases.ToString(), (open.Count - cases).ToString()]);
        }
    }

    /// <summary>
    /// A monthly report not submitted by its due day (<see cref="MonthlyReport.IsOverdue"/>: a returned one counts as not
    /// submitted) is a gap of the township and the department it reports to, from the day after the due day until submitted.
    /// </summary>
    public static IEnumerable<GapFinding> ReportsOverdue(GapRecords records, DateOnly day) =>
        (records.OpenReports ?? []).Where(r => r.Report.IsOverdue(r.DueOn, day)).Select(r => new GapFinding(GapKind.ReportOverdue,
            r.Report.Id.ToString(), r.Report.TownshipId, r.Report.DepartmentId, null, null, null, null, r.DueOn.AddDays(1), GapSeverity.Medium,
            [$"/Reports/Detail/{r.Report.Id}"], [r.Report.Month.ToString(), r.DueOn.ToString("yyyy-MM-dd")]));

    /// <summary>
    /// A joint-meeting action item open past its due day (<see cref="ActionItem.IsOverdue"/>) is a gap of its owner unit, from the
    /// day after the due day until it is marked done.
    /// </summary>
    public static IEnumerable<GapFinding> ActionItemsOverdue(GapRecords records, DateOnly day) =>
        (records.OpenActionItems ?? []).Where(a => a.IsOverdue(day)).Select(a => new GapFinding(GapKind.ActionItemOverdue, a.Id.ToString(),
            a.TownshipId, a.DepartmentId, null, null, null, null, a.DueOn.AddDays(1), GapSeverity.Medium,
            [$"/Meetings/Detail/{a.MeetingId}", .. a.RecordLink is { } link ? [link] : Array.Empty<string>()],
            [a.What, a.DueOn.ToString("yyyy-MM-dd")]));
}
