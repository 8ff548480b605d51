using Entrust.Web.Data;
using Entrust.Web.Features.Calendar;
using Entrust.Web.Features.Cases;
using Entrust.Web.Features.Inspections;
using Entrust.Web.Features.Meetings;
using Entrust.Web.Features.Officers;
using Entrust.Web.Features.Reports;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Gaps;

/// <summary>What one scan of a district did.</summary>
public sealed record GapScanResult(Guid ScanId, Guid DistrictId, DateOnly Day, int Found, int Opened, int Reopened, int Resolved, int Escalated);

/// <summary>
/// The scan: loads one district's records, asks <see cref="GapRules"/> for the day's findings and brings the stored gaps in line
/// — a new finding opens a gap, a finding already open updates it, one resolved (or closed and since cleared) reopens, an
/// active gap no longer found is resolved. Idempotent: the same records on the same day change nothing the second time.
/// One scan of a district at a time (a gate in the process, a PostgreSQL advisory lock across nodes, taken in the
/// scan's transaction); each run is recorded as a <see cref="GapScan"/>, a failed one with its error.
/// </summary>
/// <remarks>The scan reads as the platform, past the user's data scope: the office asks for its whole district.</remarks>
public sealed class GapScanner(EntrustDbContext db, HolidayCalendar holidays, TimeProvider clock, PlatformMetrics metrics,
    ILogger<GapScanner> logger)
{
    private const long AdvisoryLockKey = 0x47617073; // "Gaps"
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Scans every district (the nightly job); answers how many failed (each recorded, the others still scanned).</summary>
    public async Task<int> ScanAllAsync(string trigger, CancellationToken ct = default)
    {
        var districts = await db.Districts.IgnoreQueryFilters().AsNoTracking().Select(d => d.Id).ToListAsync(ct);
        var failed = 0;
        foreach (var district in districts)
        {
            try
            {
                await ScanAsync(district, trigger, ct);
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                failed++;
            }
        }
        return failed;
    }

    /// <summary>
    /// The incremental scan (every minute): scans only the districts whose records changed since their last scan — an audit
    /// entry of the district linked after the scan's <see cref="GapScan.ThroughLink"/> or not linked yet, other than the scans'
    /// own gaps — or that were last scanned on an earlier day (the rules read the day). Answers the scans that succeeded; a
    /// district whose scan failed is recorded (<see cref="ScanAsync"/>) and is tried again at the next run.
    /// </summary>
    public async Task<IReadOnlyList<GapScanResult>> ScanChangedAsync(string trigger, CancellationToken ct = default)
    {
        var day = clock.TodayInChina();
        var districts = await db.Districts.IgnoreQueryFilters().AsNoTracking().Select(d => d.Id).ToListAsync(ct);
        var scanned = new List<GapScanResult>();
        foreach (var district in districts)
        {
            if (!await ChangedSinceLastScanAsync(district, day, ct))
            {
                continue;
            }
            try
            {
                scanned.Add(await ScanAsync(district, trigger, ct));
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                // Recorded as a failed scan; its district counts as changed until a scan succeeds.
            }
        }
        return scanned;
    }

    // What the scans write themselves, and security events (sign-ins, reads: no record changed): never a reason to scan again.
    private static readonly string[] ScanOwn =
        [nameof(Gap), nameof(GapScan), nameof(GapEvent), nameof(Notifications.Notification), Audit.SecurityEvents.EntityType];

    private async Task<bool> ChangedSinceLastScanAsync(Guid districtId, DateOnly day, CancellationToken ct)
    {
        var last = await db.GapScans.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.DistrictId == districtId && s.Error == null && s.FinishedAt != null)
            .OrderByDescending(s => s.Id) // version-7 ids: the latest scan first (SQLite cannot order by a DateTimeOffset)
            .Select(s => new { s.Day, s.ThroughLink }).FirstOrDefaultAsync(ct);
        if (last is not { ThroughLink: { } through } || last.Day < day)
        {
            return true;
        }
        var entries = db.AuditEntries.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.DistrictId == districtId && !ScanOwn.Contains(a.EntityType));
        // Two probes, each on its own index: the entries still to be linked (few), and those linked after the scan.
        return await entries.AnyAsync(a => a.Link == null, ct) || await entries.AnyAsync(a => a.Link > through, ct);
    }

    public async Task<GapScanResult> ScanAsync(Guid districtId, string trigger, CancellationToken ct = default)
    {
        var day = clock.TodayInChina();
        var scan = new GapScan(districtId, day, clock.GetUtcNow(), trigger);
        await Gate.WaitAsync(ct);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var result = await RunAsync(scan, ct);
            metrics.GapScanDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds,
                new("trigger", trigger), new("outcome", "done"));
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            metrics.GapScanDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds,
                new("trigger", trigger), new("outcome", "failed"));
            logger.LogError(e, "The gap scan of district {District} failed.", districtId);
            db.ChangeTracker.Clear();
            scan.Fail(clock.GetUtcNow(), e.Message);
            db.GapScans.Add(scan);
            await db.SaveChangesAsync(ct);
            throw;
        }
        finally
        {
            Gate.Release();
        }
    }

    private async Task<GapScanResult> RunAsync(GapScan scan, CancellationToken ct)
    {
        var districtId = scan.DistrictId;
        var day = scan.Day;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
        }
        // Read before the records: a change the load does not see is linked after this, or not linked yet.
        var throughLink = await db.AuditEntries.IgnoreQueryFilters().MaxAsync(a => a.Link, ct);
        var records = await LoadAsync(districtId, ct);
        var findings = GapRules.Find(records, day);
        var gaps = await db.Gaps.IgnoreQueryFilters().Where(g => g.DistrictId == districtId).ToDictionaryAsync(g => (g.Kind, g.Key), ct);
        var calendar = await holidays.ForDistrictAsync(districtId, ct);
        var changes = GapLedger.Apply(districtId, gaps, findings, day, clock.GetUtcNow(),
            new GapEscalation(calendar, records.Settings.EscalationWorkingDays));
        db.Gaps.AddRange(changes.Added);
        db.Notifications.AddRange(Notifications.NotificationBook.OfScan(changes, clock.GetUtcNow()));
        scan.Finish(clock.GetUtcNow(), throughLink ?? 0, changes.Found, changes.Opened, changes.Reopened, changes.Resolved);
        db.GapScans.Add(scan);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return new GapScanResult(scan.Id, districtId, day, changes.Found, changes.Opened, changes.Reopened, changes.Resolved, changes.Escalated);
    }

    /// <summary>
    /// The district's records the rules read: a fixed number of queries, whatever its size. Given <paramref name="onlyMatters"/>,
    /// the acts and open records are read for those matters alone: what the simulator needs, since the gaps its drafts would open
    /// are on their own matters (the others' findings are the same with and without the drafts).
    /// </summary>
    public async Task<GapRecords> LoadAsync(Guid districtId, CancellationToken ct, IReadOnlyCollection<Guid>? onlyMatters = null)
    {
        var inspectionsOf = db.Inspections.IgnoreQueryFilters().AsNoTracking().Where(i => i.DistrictId == districtId);
        var casesOf = db.Cases.IgnoreQueryFilters().AsNoTracking().Where(c => c.DistrictId == districtId);
        var ordersOf = db.RectificationOrders.IgnoreQueryFilters().AsNoTracking().Where(o => o.DistrictId == districtId);
        if (onlyMatters is not null)
        {
            inspectionsOf = inspectionsOf.Where(i => onlyMatters.Contains(i.MatterId));
            casesOf = casesOf.Where(c => onlyMatters.Contains(c.MatterId));
            ordersOf = ordersOf.Where(o => onlyMatters.Contains(o.MatterId));
        }
        var matters = await db.Matters.IgnoreQueryFilters().AsNoTracking().Where(m => m.DistrictId == districtId)
            .Select(m => new MatterFacts(m.Id, m.DistrictId, m.DepartmentId, m.Domain)).ToListAsync(ct);
        var agreements = await db.Agreements.IgnoreQueryFilters().AsNoTracking().Include(a => a.Matters)
            .Where(a => a.DistrictId == districtId).AsSplitQuery().ToListAsync(ct);
        var dockings = await db.Dockings.IgnoreQueryFilters().AsNoTracking().Where(d => d.DistrictId == districtId).ToListAsync(ct);
        var officers = await db.Officers.IgnoreQueryFilters().AsNoTracking().Where(o => o.DistrictId == districtId && o.TownshipId != null).ToListAsync(ct);
        var certificates = await db.Certificates.IgnoreQueryFilters().AsNoTracking().Where(c => c.DistrictId == districtId && c.TownshipId != null)
            .ToListAsync(ct);
        // The last act per township, matter and side is all the dormancy rule needs of the district's inspections and cases.
        var inspections = await inspectionsOf
            .GroupBy(i => new { i.TownshipId, i.MatterId, ByTownship = i.Kind == InspectionKind.Routine })
            .Select(g => new GapActivity(g.Key.TownshipId, g.Key.MatterId, g.Max(i => i.StartedOn), g.Key.ByTownship)).ToListAsync(ct);
        var cases = await casesOf
            .GroupBy(c => new { c.TownshipId, c.MatterId, ByTownship = c.LeadDepartmentId == null })
            .Select(g => new GapActivity(g.Key.TownshipId, g.Key.MatterId, g.Max(c => c.FiledOn), g.Key.ByTownship)).ToListAsync(ct);
        // Open cases under their agreement and open rectification orders: what an ended agreement leaves behind.
        var openCases = await casesOf.Where(Case.StillOpen())
            .Select(c => new GapOpenRecord(true, c.Id, c.TownshipId, c.MatterId, c.AgreementId, c.FiledOn)).ToListAsync(ct);
        var openOrders = await ordersOf.Where(o => o.State == OrderState.Open)
            .Join(db.Inspections.IgnoreQueryFilters(), o => o.InspectionId, i => i.Id, (o, i) => new GapOpenRecord(false, o.Id, o.TownshipId, o.MatterId, null, i.StartedOn))
            .ToListAsync(ct);
        var requests = await db.ScopeRequests.IgnoreQueryFilters().AsNoTracking().Where(r => r.DistrictId == districtId).ToListAsync(ct);
        var settings = await db.GapSettings.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(s => s.DistrictId == districtId, ct)
            ?? GapSettings.Defaults(districtId);
        // Reports the township may still submit, each with its month's due day (Month.DueDay on the district's calendar), and
        // the meetings' action items still open: the deadlines of the other features that join the gap lists.
        var reports = await db.MonthlyReports.IgnoreQueryFilters().AsNoTracking().Where(r => r.DistrictId == districtId)
            .Where(MonthlyReport.Open()).ToListAsync(ct);
        var reportsDue = new List<GapReportDue>();
        if (reports.Count > 0)
        {
            var calendar = await holidays.ForDistrictAsync(districtId, ct);
            var workingDay = await db.ReportSettings.IgnoreQueryFilters().Where(s => s.DistrictId == districtId)
                .Select(s => (int?)s.DueWorkingDay).FirstOrDefaultAsync(ct) ?? ReportSettings.DefaultDueWorkingDay;
            reportsDue.AddRange(reports.Select(r => new GapReportDue(r, r.Month.DueDay(calendar, workingDay))));
        }
        var actionItems = await db.ActionItems.IgnoreQueryFilters().AsNoTracking().Where(a => a.DistrictId == districtId)
            .Where(ActionItem.Open()).ToListAsync(ct);
        return new GapRecords(matters, agreements, dockings, officers, certificates, [.. inspections, .. cases], requests,
            [.. openCases, .. openOrders], settings, reportsDue, actionItems);
    }
}
