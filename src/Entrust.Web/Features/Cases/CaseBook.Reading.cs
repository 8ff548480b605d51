using System.Linq.Expressions;
using Entrust.Web.Features.Calendar;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Cases;

/// <summary>A case in a list, with the deadline it runs against next (working days on the district's calendar).</summary>
public sealed record CaseRow(Guid Id, string Number, CaseProcedure Procedure, CaseState State, Guid TownshipId, string TownshipName,
    Guid MatterId, string MatterName, Guid DepartmentId, Guid? LeadDepartmentId, string ActingInNameOf, PartyKind PartyKind,
    string PartyName, DateOnly FiledOn, DateOnly DecisionDueOn, DateOnly? DecidedOn, DateOnly? ClosedOn, bool IsMajor,
    bool IsErroneousCandidate, CaseDeadline? Next);

/// <summary>A case the list found, with its township's and matter's names: what the list sorts before its rows are made.</summary>
public sealed record CaseHit(Case Case, string TownshipName, string MatterName);

public sealed record CaseFileDto(Guid Id, Guid EvidenceId, string Name, string ContentType, long Size, string Sha256, DateTimeOffset UploadedAt);

/// <summary>
/// One case as the detail page and GET /api/cases/{id} show it: the case with its officers, evidence, extensions and remedies, the
/// names of its units, its open deadlines, its evidence files, and what the user may do with it: <see cref="Steps"/> are the steps
/// the user may take now (the case's <see cref="Case.OpenSteps"/> that are theirs), the one answer the page and a client follow.
/// </summary>
public sealed record CaseView(Case Case, string TownshipName, string MatterName, string DepartmentName, string? LeadDepartmentName,
    IReadOnlyList<CaseDeadline> Deadlines, IReadOnlyList<CaseFileDto> Files, bool MayWrite, bool MayAssist, bool MayRecordRemedies,
    IReadOnlyList<CaseStep> Steps);

/// <summary>A deadline in the deadline list: the case, which deadline, its day and the working days left (negative: overdue).</summary>
public sealed record DeadlineRow(Guid CaseId, string Number, Guid TownshipId, string TownshipName, Guid MatterId, string MatterName,
    string PartyName, CaseState State, CaseDeadlineKind Kind, DateOnly Due, int WorkingDaysLeft, bool Overdue, bool Provisional);

/// <summary>
/// One page of the deadline list, earliest first (the overdue ones lead), with the counts of the whole list: a province's list
/// runs to thousands of rows, which no one reads at once.
/// </summary>
public sealed record DeadlineList(DateOnly Today, int Within, int Overdue, int DueSoon, IReadOnlyList<DeadlineRow> Items, int Total = 0,
    int Page = 1, int PageSize = CaseBook.DeadlinePageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed partial class CaseBook
{
    public const int DueSoonWorkingDays = 10;
    public const int DeadlinePageSize = 50;

    /// <summary>
    /// The list, filtered before the projection and paged; each row with its next deadline. The joins keep their filters
    /// (IgnoreQueryFilters would lift the cases' own): whoever sees a case sees its township and matter.
    /// </summary>
    public Task<Paged<CaseRow>> SearchAsync(CaseFilter f, CancellationToken ct) => SearchAsync(f, PagingExtensions.Normalize(f.Page, f.PageSize), ct);

    /// <summary>Every row the filter shows, up to <paramref name="max"/> (the list's export): the same query as the list.</summary>
    public async Task<IReadOnlyList<CaseRow>> AllAsync(CaseFilter f, int max, CancellationToken ct) => (await SearchAsync(f, (1, max), ct)).Items;

    /// <summary>The list's orders (the console's column headers); the newest filed first by default. The next deadline is worked
    /// out per row after the page is read, so it is not an order.</summary>
    public static readonly ListSort<CaseHit> Sorts = new ListSort<CaseHit>("-filed")
        .By("number", h => h.Case.Number).By("township", h => h.TownshipName).By("matter", h => h.MatterName)
        .By("party", h => h.Case.PartyName).By("filed", h => h.Case.FiledOn).By("state", h => h.Case.State).Then(h => h.Case.Id);

    /// <summary>A page of the list in the asked order.</summary>
    public async Task<Paged<CaseRow>> SearchAsync(CaseFilter f, ListQuery list, CancellationToken ct)
    {
        var (hits, today) = await HitsAsync(f, ct);
        var (number, size) = PagingExtensions.Normalize(list.Page, list.Size);
        var total = await hits.CountAsync(ct);
        number = Math.Min(number, Math.Max(1, (total + size - 1) / size));
        var page = await Sorts.Apply(hits, list.Sort).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return new Paged<CaseRow>(await RowsAsync(page, today, ct), total, number, size);
    }

    /// <summary>Every row the filter shows in the list's order, up to the export's limit.</summary>
    public async Task<IReadOnlyList<CaseRow>> AllAsync(CaseFilter f, ListQuery list, CancellationToken ct)
    {
        var (hits, today) = await HitsAsync(f, ct);
        return await RowsAsync(await hits.ForExport(list, Sorts).ToListAsync(ct), today, ct);
    }

    /// <summary>
    /// The cases the filter shows, in the list's order, each with its next deadline as the list shows it, as .xlsx
    /// (<see cref="ListExport"/>): the /Cases export button and GET /api/cases/export alike.
    /// </summary>
    public async Task<(byte[] Content, string FileName)> ExportAsync(CaseFilter f, ListQuery list, ListExport export,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        await export.WriteAsync("Menu.Cases", null, await AllAsync(f, list, ct), [
            new("CaseField.Number", r => r.Number),
            new("Field.Township", r => r.TownshipName),
            new("Field.Matter", r => r.MatterName),
            new("Cases.Party", r => r.PartyName),
            new("CaseField.FiledOn", r => r.FiledOn),
            new("Field.State", r => text["CaseState." + r.State].Value),
            new("Cases.NextDeadline", r => r.Next is { } d ? text["CaseDeadlineKind." + d.Kind].Value : text["Cases.NoDeadline"].Value),
            new("Field.Deadline", r => r.Next?.Due),
        ], ct);

    private async Task<Paged<CaseRow>> SearchAsync(CaseFilter f, (int Number, int Size) paging, CancellationToken ct)
    {
        var (hits, today) = await HitsAsync(f, ct);
        var (number, size) = paging;
        var total = await hits.CountAsync(ct);
        var page = await hits.Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return new Paged<CaseRow>(await RowsAsync(page, today, ct), total, number, size);
    }

    private async Task<List<CaseRow>> RowsAsync(List<CaseHit> page, DateOnly today, CancellationToken ct)
    {
        var rows = new List<CaseRow>(page.Count);
        foreach (var r in page)
        {
            var c = r.Case;
            var next = CaseDeadlines.Next(c, today, await calendars.ForDistrictAsync(c.DistrictId, ct));
            rows.Add(new CaseRow(c.Id, c.Number, c.Procedure, c.State, c.TownshipId, r.TownshipName, c.MatterId, r.MatterName,
                c.DepartmentId, c.LeadDepartmentId, c.ActingInNameOf, c.PartyKind, c.PartyName, c.FiledOn, c.DecisionDueOn, c.DecidedOn,
                c.ClosedOn, c.IsMajor, c.IsErroneousCandidate, next));
        }
        return rows;
    }

    /// <summary>The cases the filter shows with their township's and matter's names, newest filed first.</summary>
    private async Task<(IQueryable<CaseHit> Hits, DateOnly Today)> HitsAsync(CaseFilter f, CancellationToken ct)
    {
        var today = Today;
        var q = db.Cases.AsNoTracking().IgnoreAutoIncludes();
        if (f.State is { } state)
        {
            q = q.Where(c => c.State == state);
        }
        if (f.Matter is { } matter)
        {
            q = q.Where(c => c.MatterId == matter);
        }
        if (f.Township is { } township)
        {
            q = q.Where(c => c.TownshipId == township);
        }
        if (f.Procedure is { } procedure)
        {
            q = q.Where(c => c.Procedure == procedure);
        }
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var s = f.Q.Trim();
            q = q.Where(c => c.Number.Contains(s) || c.PartyName.Contains(s));
        }
        if (f.Overdue == true)
        {
            q = q.Where(DueWithin(null, today.AddDays(-1)));
        }
        if (f.DueSoon == true)
        {
            var horizon = (await CalendarOfUserAsync(ct)).AddWorkingDays(today, DueSoonWorkingDays);
            q = q.Where(DueWithin(today, horizon));
        }
        return (from c in q
                join t in db.Townships on c.TownshipId equals t.Id
                join m in db.Matters on c.MatterId equals m.Id
                orderby c.FiledOn descending, c.Id descending
                select new CaseHit(c, t.Name, m.Name), today);
    }

    /// <summary>One case with everything the detail page shows; null when out of sight.</summary>
    public async Task<CaseView?> FindAsync(Guid id, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return null;
        }
        // The case was seen, so the names of its units are shown whoever sees it.
        var township = await db.Townships.IgnoreQueryFilters().Where(t => t.Id == c.TownshipId).Select(t => t.Name).FirstAsync(ct);
        var matter = await db.Matters.IgnoreQueryFilters().Where(m => m.Id == c.MatterId).Select(m => m.Name).FirstAsync(ct);
        var departmentIds = new[] { c.DepartmentId, c.LeadDepartmentId ?? c.DepartmentId };
        var departments = await db.Departments.IgnoreQueryFilters().Where(d => departmentIds.Contains(d.Id))
            .ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var files = await db.CaseEvidenceFiles.AsNoTracking().Where(f => f.CaseId == id).OrderBy(f => f.Id)
            .Select(f => new CaseFileDto(f.Id, f.EvidenceId, f.Name, f.ContentType, f.Size, f.Sha256, f.UploadedAt)).ToListAsync(ct);
        var deadlines = CaseDeadlines.Open(c, Today, await calendars.ForDistrictAsync(c.DistrictId, ct));
        return new CaseView(c, township, matter, departments[c.DepartmentId],
            c.LeadDepartmentId is { } lead ? departments[lead] : null, deadlines, files, MayWrite(c), MayAssist(c), MayRecordRemedies(c),
            StepsFor(c));
    }

    /// <summary>An evidence file of a case the user sees, its read recorded as a security event; null otherwise.</summary>
    public async Task<CaseEvidenceFile?> FileAsync(Guid caseId, Guid fileId, CancellationToken ct)
    {
        if (!await db.Cases.AnyAsync(c => c.Id == caseId, ct))
        {
            return null;
        }
        var file = await db.CaseEvidenceFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId && f.CaseId == caseId, ct);
        if (file is not null)
        {
            await events.RecordFileReadAsync(user, nameof(CaseEvidenceFile), file.Id, caseId, file.Name, ct);
        }
        return file;
    }

    /// <summary>
    /// Every open deadline of the cases the user sees that falls within <c>within</c> working days (10 by default) or has passed,
    /// earliest first, computed by <see cref="CaseDeadlines"/> on each district's holiday calendar. The database narrows the cases
    /// first to those that can have such a deadline (a decision, payment or publication due by a generous bound, a notice's or a
    /// decision's short windows, a withdrawal pending), each by the case's own expression.
    /// </summary>
    public async Task<DeadlineList> DeadlinesAsync(DeadlineFilter f, CancellationToken ct, ListQuery? list = null)
    {
        var (today, within, rows) = await DeadlineRowsAsync(f, list?.Sort, ct);
        var (page, size) = PagingExtensions.Normalize(list?.Page ?? f.Page, list?.Size ?? f.PageSize ?? DeadlinePageSize);
        page = Math.Min(page, Math.Max(1, (rows.Count + size - 1) / size));
        return new DeadlineList(today, within, rows.Count(r => r.Overdue), rows.Count(r => !r.Overdue),
            [.. rows.Skip((page - 1) * size).Take(size)], rows.Count, page, size);
    }

    /// <summary>Every deadline the filter keeps, in the asked order (<see cref="DeadlineSorts"/>): the list's rows unpaged, what its export writes.</summary>
    public async Task<IReadOnlyList<DeadlineRow>> DeadlinesForExportAsync(DeadlineFilter f, string? sort, CancellationToken ct) =>
        [.. (await DeadlineRowsAsync(f, sort, ct)).Rows.Take(ListExport.MaxRows)];

    /// <summary>
    /// Every deadline the filter keeps, in the list's order, as .xlsx (<see cref="ListExport"/>): the /Cases/Deadlines export button
    /// and GET /api/cases/deadlines/export alike.
    /// </summary>
    public async Task<(byte[] Content, string FileName)> DeadlinesExportAsync(DeadlineFilter f, ListQuery list, ListExport export,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        await export.WriteAsync("Cases.Deadlines", null, await DeadlinesForExportAsync(f, list.Sort, ct), [
            new("CaseField.Due", r => r.Due),
            new("Cases.WorkingDaysLeftColumn", r => r.WorkingDaysLeft),
            new("Rectifications.Overdue", r => r.Overdue),
            new("CaseField.DeadlineKind", r => text["CaseDeadlineKind." + r.Kind].Value),
            new("CaseField.Number", r => r.Number),
            new("Field.Township", r => r.TownshipName),
            new("Field.Matter", r => r.MatterName),
            new("Cases.Party", r => r.PartyName),
            new("Field.State", r => text["CaseState." + r.State].Value),
        ], ct);

    private async Task<(DateOnly Today, int Within, List<DeadlineRow> Rows)> DeadlineRowsAsync(DeadlineFilter f, string? sort, CancellationToken ct)
    {
        var today = Today;
        var within = Math.Clamp(f.Within ?? DueSoonWorkingDays, 0, 60);
        // Ten working days never span more than three calendar weeks plus a holiday week.
        var bound = today.AddDays(within * 2 + 14);
        var q = db.Cases.AsNoTracking().IgnoreAutoIncludes()
            .Where(Predicates.Or(DueWithin(null, bound), Case.AwaitingPartyResponseOrDelivery(), Case.AwaitingWithdrawal()));
        if (f.Township is { } township)
        {
            q = q.Where(c => c.TownshipId == township);
        }
        if (f.Matter is { } matter)
        {
            q = q.Where(c => c.MatterId == matter);
        }
        var cases = await (
            from c in q
            join t in db.Townships on c.TownshipId equals t.Id
            join m in db.Matters on c.MatterId equals m.Id
            select new { Case = c, TownshipName = t.Name, MatterName = m.Name }).ToListAsync(ct);
        var calendarsByDistrict = new Dictionary<Guid, WorkingDayCalendar>();
        List<DeadlineRow> rows = [];
        foreach (var r in cases)
        {
            var c = r.Case;
            if (!calendarsByDistrict.TryGetValue(c.DistrictId, out var calendar))
            {
                calendarsByDistrict[c.DistrictId] = calendar = await calendars.ForDistrictAsync(c.DistrictId, ct);
            }
            foreach (var d in CaseDeadlines.Open(c, today, calendar).Where(d => d.WorkingDaysLeft <= within))
            {
                rows.Add(new DeadlineRow(c.Id, c.Number, c.TownshipId, r.TownshipName, c.MatterId, r.MatterName, c.PartyName, c.State,
                    d.Kind, d.Due, d.WorkingDaysLeft, d.IsOverdue(today), d.Provisional));
            }
        }
        rows = [.. rows.OrderBy(r => r.Due).ThenBy(r => r.Number, StringComparer.Ordinal).ThenBy(r => r.Kind)];
        if (DeadlineSorts.Knows(sort))
        {
            rows = [.. DeadlineSorts.Apply(rows, sort)];
        }
        return (today, within, rows);
    }

    /// <summary>The deadline list's orders; the earliest due first by default (the days are worked out per case, so it sorts in
    /// memory, the rows being few: open deadlines within a few weeks). A case is a row per open deadline, so the tie-breaker is the
    /// case and the deadline's kind (the row), never the case alone: its rows would tie, and a descending list would not be the reverse.</summary>
    public static readonly ListSort<DeadlineRow> DeadlineSorts = new ListSort<DeadlineRow>("due")
        .By("due", r => r.Due).By("kind", r => r.Kind).By("number", r => r.Number).By("township", r => r.TownshipName)
        .By("matter", r => r.MatterName).By("party", r => r.PartyName).By("state", r => r.State)
        .Then(r => ValueTuple.Create(r.CaseId, r.Kind));

    /// <summary>
    /// A decision, a payment or a publication due within [from, to] (any day up to <paramref name="to"/> when from is null): the
    /// overdue and due-soon filters in SQL, from the case's own expressions (<see cref="Case.PublicationDueWithin"/> and its kin).
    /// </summary>
    private static Expression<Func<Case, bool>> DueWithin(DateOnly? from, DateOnly to) =>
        Predicates.Or(Case.DecisionDueWithin(from, to), Case.PaymentDueWithin(from, to), Case.PublicationDueWithin(from, to));

    /// <summary>The user's district calendar; the plain week for a user of every district.</summary>
    private async Task<WorkingDayCalendar> CalendarOfUserAsync(CancellationToken ct) =>
        user.DistrictId is { } district ? await calendars.ForDistrictAsync(district, ct) : WorkingDayCalendar.Empty;
}
