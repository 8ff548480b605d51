using System.Text.Json;
using System.Text.Json.Serialization;
using Entrust.Web.Data;
using Entrust.Web.Features.Calendar;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Reports;

/// <summary>A report as lists show it: who to whom, which month, where it stands, its due day and whether it is late.</summary>
public sealed record ReportRow(Guid Id, Guid TownshipId, string TownshipName, Guid DepartmentId, string DepartmentName, string Month,
    ReportState State, int Version, DateOnly DueOn, bool Overdue, bool SubmittedLate, DateOnly? SubmittedOn, DateOnly? AnsweredOn,
    DateOnly? FlaggedLateOn = null);

public sealed record ReportVersionView(int Version, string? Remarks, string SubmittedBy, DateOnly SubmittedOn, bool SubmittedLate,
    ReportState? Answer, string? DepartmentComment, string? AnsweredBy, DateOnly? AnsweredOn);

/// <summary>
/// One report: its figures (live while the township may still change it, as frozen once submitted), the lines that differ between the
/// frozen figures and the records now (<see cref="ChangedSinceSubmitted"/>), every version, and what the reader may do.
/// </summary>
public sealed record ReportDetail(ReportRow Report, string? Remarks, string? SubmittedBy, string? DepartmentComment, string? AnsweredBy,
    bool Frozen, Figures Figures, IReadOnlyList<FigureChange> ChangedSinceSubmitted, IReadOnlyList<ReportVersionView> Versions,
    bool MaySubmit, bool MayAnswer);

public sealed record ReportFilter(Month Month, Guid? TownshipId = null, Guid? DepartmentId = null, ReportState? State = null);

/// <summary>
/// One township × department in the roll-up: its report of the last month of the range (if any), and the headline figures over the
/// range, over the range just before it (as many months) and over the same months a year before.
/// </summary>
public sealed record RollupRow(Guid TownshipId, string TownshipName, Guid DepartmentId, string DepartmentName, Guid? ReportId,
    ReportState? State, bool Overdue, IReadOnlyDictionary<string, decimal> Figures, IReadOnlyDictionary<string, decimal> PreviousMonth,
    IReadOnlyDictionary<string, decimal> SameMonthLastYear);

/// <summary>
/// The district's months from <see cref="From"/> to <see cref="To"/> (one month when they are equal; <see cref="Month"/> names the
/// range): every township × department, the totals, the same over the months just before (<see cref="PreviousMonthTotals"/>: the
/// previous month when the range is one month) and a year before, and every report of the range not submitted.
/// </summary>
public sealed record RollupView(string Month, DateOnly DueOn, IReadOnlyList<string> Measures, IReadOnlyList<RollupRow> Rows,
    IReadOnlyDictionary<string, decimal> Totals, IReadOnlyDictionary<string, decimal> PreviousMonthTotals,
    IReadOnlyDictionary<string, decimal> SameMonthLastYearTotals, IReadOnlyList<ReportRow> NotSubmitted, string From, string To,
    string PreviousFrom, string PreviousTo);

/// <summary>
/// The monthly reports' use cases, shared by the /Reports pages and /api/reports. Who sees which report is the data scope's (a
/// township its own, a department those made to it, the office its district); the township submits its own, the department
/// acknowledges or returns those made to it. Listing a month that has begun opens a draft for every township × department with an
/// agreement in force that month, so that a report not yet submitted is there to be seen as missing.
/// </summary>
public sealed partial class ReportBook(EntrustDbContext db, CurrentUser user, TimeProvider clock, ReportFigures figures, HolidayCalendar calendars)
{
    /// <summary>The headline figures of the roll-up.</summary>
    public static readonly string[] RollupMeasures =
    [
        Measures.Inspections, Measures.OrdersIssued, Measures.OrdersOverdue, Measures.CasesFiled, Measures.CasesConcluded,
        Measures.FinesDecided, Measures.FinesCollected, Measures.RandomDone,
    ];

    internal static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public bool MayRollUp => MayRollUpAs(user);

    /// <summary>The district roll-up: the office, the admin, departments and the auditor; a township reads its own reports only.</summary>
    public static bool MayRollUpAs(CurrentUser u) => u.Role is Roles.Office or Roles.Admin or Roles.Department or Roles.Auditor;

    public bool MayKeepSettings => MayKeepSettingsAs(user);

    /// <summary>The due day is the office's to set.</summary>
    public static bool MayKeepSettingsAs(CurrentUser u) => u.Role is Roles.Office;

    public bool MaySubmit(MonthlyReport r) => user.Role == Roles.Township && user.TownshipId == r.TownshipId && r.IsOpen;

    public bool MayAnswer(MonthlyReport r) => user.Role == Roles.Department && user.DepartmentId == r.DepartmentId && r.State == ReportState.Submitted;

    /// <summary>
    /// The report list's orders (its column headers and GET /api/reports' <c>sort</c>); unasked, by township then department
    /// (<see cref="RowsAsync"/>). The rows are built in memory (their due days come from the holiday calendar), a month's few hundred.
    /// </summary>
    public static readonly ListSort<ReportRow> Sorts = new ListSort<ReportRow>("township")
        .By("township", r => r.TownshipName + "\u0001" + r.DepartmentName).By("department", r => r.DepartmentName)
        .By("state", r => r.State).By("due", r => r.DueOn).By("submitted", r => r.SubmittedOn)
        .Then(r => r.Id);

    /// <summary>
    /// The month's reports the filter keeps, in the list's order, as .xlsx (<see cref="ListExport"/>) with the month as its period:
    /// the /Reports export button and GET /api/reports/export alike.
    /// </summary>
    public async Task<(byte[] Content, string FileName)> ExportAsync(ReportFilter filter, string? sort, ListExport export, IStringLocalizer text,
        CancellationToken ct) =>
        await export.WriteAsync("Reports.Title", filter.Month.ToString(), [.. (await ListAsync(filter, sort, ct)).Take(ListExport.MaxRows)], [
            new("Reports.Township", r => r.TownshipName),
            new("Reports.Department", r => r.DepartmentName),
            new("Reports.Month", r => r.Month),
            new("Reports.State", r => text["ReportState." + r.State].Value),
            new("Reports.Overdue", r => r.Overdue),
            new("Reports.DueOn", r => r.DueOn),
            new("Reports.SubmittedOn", r => r.SubmittedOn),
        ], ct);

    /// <summary>The month's reports the filter keeps, in the asked order (<see cref="Sorts"/>) or by township and department.</summary>
    public async Task<IReadOnlyList<ReportRow>> ListAsync(ReportFilter filter, string? sort, CancellationToken ct = default)
    {
        var rows = await ListAsync(filter, ct);
        return Sorts.Knows(sort) ? Sorts.Apply(rows, sort) : rows;
    }

    public async Task<IReadOnlyList<ReportRow>> ListAsync(ReportFilter filter, CancellationToken ct = default)
    {
        await OpenMonthAsync(filter.Month, ct);
        var query = db.MonthlyReports.AsNoTracking().Where(r => r.MonthKey == filter.Month.Key);
        if (filter.TownshipId is { } township)
        {
            query = query.Where(r => r.TownshipId == township);
        }
        if (filter.DepartmentId is { } department)
        {
            query = query.Where(r => r.DepartmentId == department);
        }
        if (filter.State is { } state)
        {
            query = query.Where(r => r.State == state);
        }
        return await RowsAsync(await query.ToListAsync(ct), ct);
    }

    public async Task<ReportDetail?> GetAsync(Guid id, CancellationToken ct = default)
    {
        var report = await db.MonthlyReports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            return null;
        }
        var live = await LiveAsync(report, ct);
        var frozen = report.Snapshot is { } snapshot && !report.IsOpen ? Read(snapshot) : null;
        var row = (await RowsAsync([report], ct))[0];
        return new ReportDetail(row, report.Remarks, report.SubmittedBy, report.DepartmentComment, report.AnsweredBy, frozen is not null,
            frozen ?? live, frozen is null ? [] : Figures.Differences(frozen, live),
            [.. report.Versions.OrderByDescending(v => v.Version).Select(v => new ReportVersionView(v.Version, v.Remarks, v.SubmittedBy,
                v.SubmittedOn, v.SubmittedLate, v.Answer, v.DepartmentComment, v.AnsweredBy, v.AnsweredOn))],
            MaySubmit(report), MayAnswer(report));
    }

    /// <summary>Keeps the township's remarks on an open report without submitting it.</summary>
    public Task<ReportDetail?> SaveRemarksAsync(Guid id, string? remarks, CancellationToken ct = default) =>
        ChangeAsync(id, r => r.IsOpen && user.Role == Roles.Township && user.TownshipId == r.TownshipId, (r, _, _) =>
        {
            r.SaveRemarks(remarks);
            return Task.CompletedTask;
        }, ct);

    /// <summary>The township submits: the figures as they stand now are frozen with its remarks; after the due day it is recorded late.</summary>
    public Task<ReportDetail?> SubmitAsync(Guid id, string? remarks, CancellationToken ct = default) =>
        ChangeAsync(id, MaySubmitOrConflict, async (r, today, at) =>
        {
            var live = await LiveAsync(r, ct);
            var due = await DueDayAsync(r.DistrictId, r.Month, ct);
            r.Submit(remarks, JsonSerializer.Serialize(live.Lines, SnapshotJson), user.UserName, at, today, due);
        }, ct);

    public Task<ReportDetail?> AcknowledgeAsync(Guid id, string? comment, CancellationToken ct = default) =>
        ChangeAsync(id, MayAnswerOrConflict, (r, today, _) =>
        {
            r.Acknowledge(comment, user.UserName, today);
            return Task.CompletedTask;
        }, ct);

    /// <summary>The department returns the report with its comment; the township hears of it on the bell.</summary>
    public Task<ReportDetail?> ReturnAsync(Guid id, string? comment, CancellationToken ct = default) =>
        ChangeAsync(id, MayAnswerOrConflict, (r, today, now) =>
        {
            r.Return(comment, user.UserName, today);
            db.Notifications.Add(Notifications.Notification.Returned(r, now));
            return Task.CompletedTask;
        }, ct);

    // The role decides first (403); a report in the wrong state is then the state's refusal (409), from the report itself.
    private bool MaySubmitOrConflict(MonthlyReport r) => user.Role == Roles.Township && user.TownshipId == r.TownshipId;

    private bool MayAnswerOrConflict(MonthlyReport r) => user.Role == Roles.Department && user.DepartmentId == r.DepartmentId;

    private async Task<ReportDetail?> ChangeAsync(Guid id, Func<MonthlyReport, bool> may, Func<MonthlyReport, DateOnly, DateTimeOffset, Task> change,
        CancellationToken ct)
    {
        var report = await db.MonthlyReports.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            return null;
        }
        if (!may(report))
        {
            throw new ForbiddenAction();
        }
        await change(report, clock.TodayInChina(), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>The report as .xlsx (one sheet: the unit and the period in the title, a row per matter, a totals row, the breakdowns below).</summary>
    public async Task<(string FileName, byte[] Content)?> XlsxAsync(Guid id, IStringLocalizer text, CancellationToken ct = default)
    {
        if (await GetAsync(id, ct) is not { } detail)
        {
            return null;
        }
        var r = detail.Report;
        var title = text["Report.SheetTitle", r.TownshipName, r.DepartmentName, r.Month].Value;
        return ($"{r.TownshipName}-{r.DepartmentName}-{r.Month}.xlsx", ReportSheet.Write(title, detail.Figures, text));
    }

    /// <summary>The longest range a roll-up covers, in months.</summary>
    public const int MaxRollupMonths = 36;

    public Task<RollupView> RollupAsync(Month month, CancellationToken ct = default) => RollupAsync(month, month, ct);

    /// <summary>
    /// The district's months for the office (its district) and a department (the reports made to it): every township × department with
    /// an agreement in force, its headline figures over the range, the same before and a year before, the totals, and every report of
    /// the range not submitted. Townships may not (403); a range backwards or longer than <see cref="MaxRollupMonths"/> is refused (400).
    /// </summary>
    public async Task<RollupView> RollupAsync(Month from, Month to, CancellationToken ct = default) =>
        (await RollupWithFiguresAsync(from, to, full: false, ct)).View;

    /// <summary>
    /// The roll-up and, when <paramref name="full"/>, every row's figures over the range in full (what its .xlsx prints). Its three
    /// periods are read in the statistics' shape (<see cref="ReportFigures.StatisticsOfRangeAsync(FigureScope, CancellationToken)"/>):
    /// the headline measures are among its columns, and a settled month kept in it is a fifteenth of its whole figures to read.
    /// </summary>
    private async Task<(RollupView View, IReadOnlyDictionary<Pair, Figures> Figures)> RollupWithFiguresAsync(Month from, Month to,
        bool full, CancellationToken ct)
    {
        if (!MayRollUp)
        {
            throw new ForbiddenAction();
        }
        var length = CheckRange(from, to);
        var before = (From: Shift(from, -length), To: from.Previous);
        var lastYear = (From: from.SameMonthLastYear, To: to.SameMonthLastYear);
        var name = from == to ? from.ToString() : $"{from}—{to}";
        if (user.DistrictId is not { } district)
        {
            return (new RollupView(name, to.Next.FirstDay, RollupMeasures, [], Empty(), Empty(), Empty(), [], from.ToString(), to.ToString(),
                before.From.ToString(), before.To.ToString()), new Dictionary<Pair, Figures>());
        }
        await OpenMonthsAsync(from, to, ct);
        var departments = user.DepartmentId is { } own ? new[] { own } : null;
        var reports = await db.MonthlyReports.AsNoTracking().Where(r => r.MonthKey >= from.Key && r.MonthKey <= to.Key).ToListAsync(ct);
        var all = await RowsAsync(reports, ct);
        var rows = all.Where(r => r.Month == to.ToString()).ToDictionary(r => new Pair(r.TownshipId, r.DepartmentId));
        // Each period as the sum of its months: a settled month is read as kept, not counted again from the records (every
        // roll-up measure adds up over months; the orders overdue are the end's state).
        var scope = new FigureScope(district, from.FirstDay, to.LastDay, null, departments);
        var now = await figures.StatisticsOfRangeAsync(scope, ct);
        var previous = await figures.StatisticsOfRangeAsync(new FigureScope(district, before.From.FirstDay, before.To.LastDay, null, departments), ct);
        var yearBefore = await figures.StatisticsOfRangeAsync(new FigureScope(district, lastYear.From.FirstDay, lastYear.To.LastDay, null, departments), ct);
        var pairs = rows.Keys.Union(now.Keys).Union(all.Select(r => new Pair(r.TownshipId, r.DepartmentId))).ToList();
        var names = await NamesAsync(pairs.Select(p => p.TownshipId), pairs.Select(p => p.DepartmentId), ct);
        IReadOnlyDictionary<string, decimal> Headline(IReadOnlyDictionary<Pair, StatisticsNumbers> of, Pair p) =>
            RollupMeasures.ToDictionary(m => m, m => of.TryGetValue(p, out var numbers) ? numbers.Total(m) : 0m);
        var result = pairs.Select(p => rows.GetValueOrDefault(p) is { } row
                ? new RollupRow(p.TownshipId, row.TownshipName, p.DepartmentId, row.DepartmentName, row.Id, row.State, row.Overdue,
                    Headline(now, p), Headline(previous, p), Headline(yearBefore, p))
                : new RollupRow(p.TownshipId, names.Townships.GetValueOrDefault(p.TownshipId, ""), p.DepartmentId,
                    names.Departments.GetValueOrDefault(p.DepartmentId, ""), null, null, false, Headline(now, p), Headline(previous, p),
                    Headline(yearBefore, p)))
            .OrderBy(r => r.TownshipName, StringComparer.Ordinal).ThenBy(r => r.DepartmentName, StringComparer.Ordinal).ToList();
        IReadOnlyDictionary<string, decimal> Sum(Func<RollupRow, IReadOnlyDictionary<string, decimal>> of) =>
            RollupMeasures.ToDictionary(m => m, m => result.Sum(r => of(r)[m]));
        return (new RollupView(name, await DueDayAsync(district, to, ct), RollupMeasures, result, Sum(r => r.Figures),
            Sum(r => r.PreviousMonth), Sum(r => r.SameMonthLastYear),
            [.. all.Where(r => r.State is ReportState.Draft or ReportState.Returned).OrderBy(r => r.Month, StringComparer.Ordinal)],
            from.ToString(), to.ToString(), before.From.ToString(), before.To.ToString()),
            full ? await figures.SumOfMonthsAsync(scope, ct) : new Dictionary<Pair, Figures>());

        static Dictionary<string, decimal> Empty() => RollupMeasures.ToDictionary(m => m, _ => 0m);
    }

    /// <summary>Refuses (400) a range backwards or longer than <see cref="MaxRollupMonths"/>; the number of its months.</summary>
    public static int CheckRange(Month from, Month to)
    {
        if (from > to)
        {
            throw new RuleViolation("Reports.RangeBackwards", from.ToString(), to.ToString()) { Field = "from" };
        }
        var length = (to.Year - from.Year) * 12 + to.Number - from.Number + 1;
        if (length > MaxRollupMonths)
        {
            throw new RuleViolation("Reports.RangeTooLong", MaxRollupMonths) { Field = "to" };
        }
        return length;
    }

    private static Month Shift(Month month, int months)
    {
        var index = month.Year * 12 + month.Number - 1 + months;
        return new Month(index / 12, index % 12 + 1);
    }

    // The districts' due working days this request has read (a roll-up asks once per month of its range).
    private readonly Dictionary<Guid, int> _dueWorkingDays = [];

    public async Task<int> DueWorkingDayAsync(Guid districtId, CancellationToken ct = default)
    {
        if (!_dueWorkingDays.TryGetValue(districtId, out var day))
        {
            _dueWorkingDays[districtId] = day = await db.ReportSettings.IgnoreQueryFilters().AsNoTracking().Where(s => s.DistrictId == districtId)
                .Select(s => (int?)s.DueWorkingDay).FirstOrDefaultAsync(ct) ?? ReportSettings.DefaultDueWorkingDay;
        }
        return day;
    }

    /// <summary>The office sets the working day of the next month its district's reports are due.</summary>
    public async Task<int> SetDueWorkingDayAsync(int dueWorkingDay, CancellationToken ct = default)
    {
        if (!MayKeepSettings || user.DistrictId is not { } district)
        {
            throw new ForbiddenAction();
        }
        var settings = await db.ReportSettings.FirstOrDefaultAsync(s => s.DistrictId == district, ct);
        if (settings is null)
        {
            db.ReportSettings.Add(new ReportSettings(district, dueWorkingDay));
        }
        else
        {
            settings.Set(dueWorkingDay);
        }
        await db.SaveChangesAsync(ct);
        _dueWorkingDays.Remove(district);
        return dueWorkingDay;
    }

    public async Task<DateOnly> DueDayAsync(Guid districtId, Month month, CancellationToken ct = default) =>
        month.DueDay(await calendars.ForDistrictAsync(districtId, ct), await DueWorkingDayAsync(districtId, ct));

    /// <summary>
    /// Opens the drafts of a month that has begun: a report for every township × department in the reader's scope with an agreement in
    /// force on some day of the month and no report yet. Two readers opening the same month at once: the unique index keeps one.
    /// </summary>
    public Task OpenMonthAsync(Month month, CancellationToken ct = default) => OpenMonthsAsync(month, month, ct);

    /// <summary>Opens the drafts of the months from–to that have begun (<see cref="OpenMonthAsync"/>), their reports read in one query.</summary>
    public async Task OpenMonthsAsync(Month from, Month to, CancellationToken ct = default)
    {
        var today = clock.TodayInChina();
        var months = Month.Range(from, to).Where(m => m.FirstDay <= today).ToList();
        if (user.DistrictId is not { } district || months.Count == 0)
        {
            return;
        }
        var (first, last) = (months[0].Key, months[^1].Key);
        var have = (await db.MonthlyReports.IgnoreQueryFilters().AsNoTracking()
                .Where(r => r.DistrictId == district && r.MonthKey >= first && r.MonthKey <= last)
                .Select(r => new { r.MonthKey, r.TownshipId, r.DepartmentId }).ToListAsync(ct))
            .Select(r => (r.MonthKey, new Pair(r.TownshipId, r.DepartmentId))).ToHashSet();
        foreach (var month in months)
        {
            var scope = new FigureScope(district, month.FirstDay, month.LastDay,
                user.TownshipId is { } t ? [t] : null, user.DepartmentId is { } d ? [d] : null);
            var missing = (await figures.PairsAsync(scope, ct)).Where(p => !have.Contains((month.Key, p)))
                .Select(p => new MonthlyReport(district, p.TownshipId, p.DepartmentId, month)).ToList();
            if (missing.Count == 0)
            {
                continue;
            }
            db.MonthlyReports.AddRange(missing);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another reader opened them first: theirs stand.
                foreach (var r in missing)
                {
                    db.Entry(r).State = EntityState.Detached;
                }
            }
        }
    }

    /// <summary>
    /// The nightly round of the reader's district (the scheduler acts as its office): opens the drafts of this month and the last, and
    /// flags every report still not submitted after its due day, telling the township, the department and the office on the bell
    /// (<see cref="Notifications.Notification.Late"/>). Returns how many were flagged now.
    /// </summary>
    public async Task<int> OpenAndFlagLateAsync(CancellationToken ct = default)
    {
        if (user.DistrictId is not { } district)
        {
            return 0;
        }
        var today = clock.TodayInChina();
        var month = Month.Of(today);
        await OpenMonthAsync(month.Previous, ct);
        await OpenMonthAsync(month, ct);
        var open = await db.MonthlyReports.Where(r => r.DistrictId == district && r.MonthKey < month.Key && r.FlaggedLateOn == null)
            .Where(MonthlyReport.Open()).ToListAsync(ct);
        var flagged = 0;
        foreach (var group in open.GroupBy(r => r.MonthKey))
        {
            var due = await DueDayAsync(district, Month.FromKey(group.Key), ct);
            foreach (var late in group.Where(r => r.FlagLate(due, today)))
            {
                db.Notifications.AddRange(Notifications.Notification.Late(late, clock.GetUtcNow()));
                flagged++;
            }
        }
        await db.SaveChangesAsync(ct);
        return flagged;
    }

    private Task<Figures> LiveAsync(MonthlyReport r, CancellationToken ct) =>
        figures.ComputeAsync(r.DistrictId, r.TownshipId, r.DepartmentId, r.Month.FirstDay, r.Month.LastDay, ct);

    internal static Figures Read(string snapshot) => new(JsonSerializer.Deserialize<List<FigureLine>>(snapshot, SnapshotJson) ?? []);

    private async Task<IReadOnlyList<ReportRow>> RowsAsync(IReadOnlyList<MonthlyReport> reports, CancellationToken ct)
    {
        var names = await NamesAsync(reports.Select(r => r.TownshipId), reports.Select(r => r.DepartmentId), ct);
        var today = clock.TodayInChina();
        var dues = new Dictionary<(Guid, int), DateOnly>();
        foreach (var key in reports.Select(r => (r.DistrictId, r.MonthKey)).Distinct())
        {
            dues[key] = await DueDayAsync(key.DistrictId, Month.FromKey(key.MonthKey), ct);
        }
        return [.. reports.Select(r =>
            {
                var due = r.DueOn is { } fixedDue && !r.IsOpen ? fixedDue : dues[(r.DistrictId, r.MonthKey)];
                return new ReportRow(r.Id, r.TownshipId, names.Townships.GetValueOrDefault(r.TownshipId, ""), r.DepartmentId,
                    names.Departments.GetValueOrDefault(r.DepartmentId, ""), r.Month.ToString(), r.State, r.Version, due,
                    r.IsOverdue(due, today), r.SubmittedLate, r.SubmittedOn, r.AnsweredOn, r.FlaggedLateOn);
            })
            .OrderBy(r => r.TownshipName, StringComparer.Ordinal).ThenBy(r => r.DepartmentName, StringComparer.Ordinal)];
    }

    // Names past the reader's scope: a township reads the name of the department it reports to.
    private async Task<(Dictionary<Guid, string> Townships, Dictionary<Guid, string> Departments)> NamesAsync(IEnumerable<Guid> townshipIds,
        IEnumerable<Guid> departmentIds, CancellationToken ct)
    {
        var t = townshipIds.Distinct().ToList();
        var d = departmentIds.Distinct().ToList();
        return (await db.Townships.IgnoreQueryFilters().AsNoTracking().Where(x => t.Contains(x.Id)).Select(x => new { x.Id, x.Name })
                .ToDictionaryAsync(x => x.Id, x => x.Name, ct),
            await db.Departments.IgnoreQueryFilters().AsNoTracking().Where(x => d.Contains(x.Id)).Select(x => new { x.Id, x.Name })
                .ToDictionaryAsync(x => x.Id, x => x.Name, ct));
    }
}
