using Entrust.Web.Data;
using Entrust.Web.Features.Cases;
using Entrust.Web.Features.Gaps;
using Entrust.Web.Features.Inspections;
using Entrust.Web.Features.Reports;
using Entrust.Web.Features.Scope;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Meetings;

/// <summary>One line of a pack's section: the record, its units, what it says, its day, and the page that shows it.</summary>
public sealed record PackLine(Guid Id, string? Township, string? Department, string Subject, DateOnly? Day, string Link, string? Note);

/// <summary>One section of the pack: how many records there are in all, and the first of them.</summary>
public sealed record PackSection(string Key, string Title, int Total, IReadOnlyList<PackLine> Lines);

/// <summary>
/// The briefing pack of a meeting's standing topic 本月委托执法工作, as built on <see cref="BuiltOn"/>: each section read from the
/// records with the rule's own home (the gap monitor's gaps, <see cref="Case.DecisionDueWithin"/> and its siblings,
/// <see cref="RectificationOrder.OverdueOn"/>, <see cref="ActionItem.OverdueOn"/>, <see cref="Assessment.AssessmentBook.Candidates"/>). Stored as JSON when the meeting starts.
/// </summary>
public sealed record BriefingPack(Guid MeetingId, DateOnly BuiltOn, DateTimeOffset BuiltAt, bool Frozen, IReadOnlyList<PackSection> Sections);

/// <summary>
/// Builds a meeting's pack from the district's records. The pack is the meeting's material for every member, so it reads the
/// meeting's district as a whole (past the reader's own scope, as the gap scan does), never another district. A fixed number
/// of queries, two per section (count and the first <see cref="LinesPerSection"/>).
/// </summary>
public sealed class BriefingPackBuilder(EntrustDbContext db, IStringLocalizer<SharedResource> text)
{
    public const int LinesPerSection = 20;

    /// <summary>The section keys in the order the pack shows them.</summary>
    public static readonly string[] SectionKeys =
        ["MonthlyReports", "Gaps", "LapsingAgreements", "OverdueCases", "ErroneousCandidates", "OverdueRectifications", "ScopeRequests", "UnpublishedRandomResults", "OpenActionItems"];

    public async Task<BriefingPack> BuildAsync(Meeting meeting, DateOnly today, DateTimeOffset at, CancellationToken ct)
    {
        var district = meeting.DistrictId;
        var townships = await db.Townships.IgnoreQueryFilters().AsNoTracking().Where(t => t.DistrictId == district).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var departments = await db.Departments.IgnoreQueryFilters().AsNoTracking().Where(d => d.DistrictId == district).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        string? T(Guid? id) => id is { } t ? townships.GetValueOrDefault(t) : null;
        string? D(Guid? id) => id is { } d ? departments.GetValueOrDefault(d) : null;

        List<PackSection> sections = [await MonthlyReportsAsync(meeting, T, D, ct)];

        // Gaps: the monitor's own findings, the open and acknowledged ones (lapsing agreements get their own section).
        var gaps = db.Gaps.IgnoreQueryFilters().AsNoTracking()
            .Where(g => g.DistrictId == district).Where(Gap.Active());
        sections.Add(await SectionAsync("Gaps", gaps.Where(g => g.Kind != GapKind.AgreementLapsing),
            q => q.OrderByDescending(g => g.Severity).ThenBy(g => g.Since).ThenBy(g => g.Id),
            g => new PackLine(g.Id, T(g.TownshipId), D(g.DepartmentId), text["GapKind." + g.Kind] + (g.Domain is null ? "" : " · " + Catalog.Domains.Name(g.Domain)),
                g.Since, "/Gaps?kind=" + g.Kind, text["GapSeverity." + g.Severity] + " · " + text["GapState." + g.State]), ct));
        sections.Add(await SectionAsync("LapsingAgreements", gaps.Where(g => g.Kind == GapKind.AgreementLapsing),
            q => q.OrderBy(g => g.Since).ThenBy(g => g.Id),
            g => new PackLine(g.AgreementId ?? g.Id, T(g.TownshipId), D(g.DepartmentId), text["GapKind." + g.Kind], g.Since,
                g.AgreementId is { } a ? "/Agreements/" + a : "/Gaps?kind=" + g.Kind, null), ct));

        // Case deadlines passed: decision, payment and publication, each by its own expression.
        var yesterday = today.AddDays(-1);
        var cases = db.Cases.IgnoreQueryFilters().AsNoTracking().Where(c => c.DistrictId == district);
        var decision = Case.DecisionDueWithin(null, yesterday);
        var payment = Case.PaymentDueWithin(null, yesterday);
        var publication = Case.PublicationOverdue(today);
        var overdue = cases.Where(decision).Select(c => new { c.Id, c.Number, c.TownshipId, c.DepartmentId, Due = (DateOnly?)c.DecisionDueOn, What = "Decision" })
            .Concat(cases.Where(payment).Select(c => new { c.Id, c.Number, c.TownshipId, c.DepartmentId, Due = c.PaymentDueOn, What = "Payment" }))
            .Concat(cases.Where(publication).Select(c => new { c.Id, c.Number, c.TownshipId, c.DepartmentId, Due = c.PublicationDueOn, What = "Publication" }));
        sections.Add(await SectionAsync("OverdueCases", overdue, q => q.OrderBy(c => c.Due).ThenBy(c => c.Id),
            c => new PackLine(c.Id, T(c.TownshipId), D(c.DepartmentId), c.Number, c.Due, "/Cases/" + c.Id, text["Meeting.Pack.Due." + c.What]), ct));

        // 执法错案 candidates: cases a remedy changed or overturned, not yet decided by the office (the assessment's own query).
        var candidates = Assessment.AssessmentBook.Candidates(db.Cases.IgnoreQueryFilters().AsNoTracking().Where(c => c.DistrictId == district),
            db.ErroneousCases.IgnoreQueryFilters());
        sections.Add(await SectionAsync("ErroneousCandidates", candidates, q => q.OrderBy(c => c.Number),
            c => new PackLine(c.Id, T(c.TownshipId), D(c.DepartmentId), c.Number, c.OverturnedOn, "/Assessment/ErroneousCases",
                text[c.Overturned != null ? "Meeting.Pack.Overturned" : "Meeting.Pack.Changed"].Value), ct));

        var rectifications = db.RectificationOrders.IgnoreQueryFilters().AsNoTracking().Where(o => o.DistrictId == district)
            .Where(RectificationOrder.OverdueOn(today));
        sections.Add(await SectionAsync("OverdueRectifications", rectifications, q => q.OrderBy(o => o.Deadline).ThenBy(o => o.Id),
            o => new PackLine(o.Id, T(o.TownshipId), D(o.DepartmentId), o.Requirement, o.Deadline, "/Rectifications?Overdue=true", null), ct));

        var requests = db.ScopeRequests.IgnoreQueryFilters().AsNoTracking().Where(r => r.DistrictId == district && r.State == ScopeRequestState.Pending);
        sections.Add(await SectionAsync("ScopeRequests", requests, q => q.OrderBy(r => r.RequestedOn).ThenBy(r => r.Id),
            r => new PackLine(r.Id, T(r.TownshipId), null, r.RequestedPower, r.RequestedOn, "/Scope", r.Reason), ct));

        var results = db.RandomAssignments.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.DistrictId == district && a.Result != null && a.PublishedOn == null);
        sections.Add(await SectionAsync("UnpublishedRandomResults", results, q => q.OrderBy(a => a.InspectedOn).ThenBy(a => a.Id),
            a => new PackLine(a.Id, T(a.TownshipId), D(a.DepartmentId), text["Meeting.Pack.RandomResult"], a.InspectedOn, "/RandomPlans/Detail/" + a.PlanId, null), ct));

        // Action items from earlier meetings still open: they carry over until closed.
        var items = db.ActionItems.IgnoreQueryFilters().AsNoTracking().Where(a => a.DistrictId == district && a.MeetingId != meeting.Id).Where(ActionItem.Open());
        var overdueItem = ActionItem.OverdueOn(today).Compile();
        sections.Add(await SectionAsync("OpenActionItems", items, q => q.OrderBy(a => a.DueOn).ThenBy(a => a.Id),
            a => new PackLine(a.Id, T(a.TownshipId), D(a.DepartmentId), a.What, a.DueOn, "/Meetings/Detail/" + a.MeetingId,
                overdueItem(a) ? text["ActionItem.Overdue"].Value : null), ct));

        return new BriefingPack(meeting.Id, today, at, false, sections);
    }

    /// <summary>
    /// 月报: last month's reports (the month before the meeting's day) that the departments have not acknowledged — drafts not
    /// submitted, submitted and waiting, returned — each with its state and whether it came late.
    /// </summary>
    private Task<PackSection> MonthlyReportsAsync(Meeting meeting, Func<Guid?, string?> township, Func<Guid?, string?> department,
        CancellationToken ct)
    {
        var month = Month.Of(meeting.Day).Previous;
        var reports = db.MonthlyReports.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.DistrictId == meeting.DistrictId && r.MonthKey == month.Key && r.State != ReportState.Acknowledged);
        return SectionAsync("MonthlyReports", reports, q => q.OrderBy(r => r.State).ThenBy(r => r.TownshipId).ThenBy(r => r.DepartmentId),
            r => new PackLine(r.Id, township(r.TownshipId), department(r.DepartmentId), month + " · " + text["ReportState." + r.State],
                r.DueOn, "/Reports/Detail/" + r.Id, r.SubmittedLate ? text["Reports.Late"].Value : null), ct);
    }

    private async Task<PackSection> SectionAsync<T>(string key, IQueryable<T> rows, Func<IQueryable<T>, IOrderedQueryable<T>> order,
        Func<T, PackLine> line, CancellationToken ct)
    {
        var total = await rows.CountAsync(ct);
        var first = total == 0 ? [] : await order(rows).Take(LinesPerSection).ToListAsync(ct);
        return new PackSection(key, text["Meeting.Pack." + key], total, [.. first.Select(line)]);
    }
}
