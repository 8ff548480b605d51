using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Gaps;

/// <summary>A gap as lists show it: names resolved, the message in the reader's language.</summary>
public sealed record GapView(Guid Id, GapKind Kind, string KindName, GapState State, GapSeverity Severity, Guid? TownshipId, string? TownshipName,
    Guid? DepartmentId, string? DepartmentName, Guid? MatterId, string? MatterName, string? Domain, DateOnly Since, DateOnly FoundOn,
    DateOnly LastSeenOn, string Message, IReadOnlyList<string> Evidence, string? AcknowledgedBy, DateOnly? AcknowledgedOn,
    string? AcknowledgementNote, string? ClosedBy, DateOnly? ClosedOn, string? CloseReason, DateOnly? ResolvedOn, int TimesReopened,
    DateOnly? EscalatedOn, bool Escalated);

/// <summary>What a gap is and where, by name (the summary's problems).</summary>
public sealed record GapSubject(GapKind Kind, string? TownshipName, string? DepartmentName, string? MatterName, string? Domain);

/// <param name="Escalated">Only the gaps escalated to the office and still unacknowledged.</param>
/// <summary>The office's figures for the scan: dormancy by default and per domain (domain code → days), escalation in working days.</summary>
public sealed record GapSettingsInput(int? DormantDays, Dictionary<string, int>? DormantDaysByDomain, int? EscalationWorkingDays);

public sealed record GapSettingsView(int DormantDays, IReadOnlyDictionary<string, int> DormantDaysByDomain, int EscalationWorkingDays);

/// <summary>A gap as the list sorts it: with the names of its township and department.</summary>
public sealed record GapHit(Gap Gap, string? TownshipName, string? DepartmentName);

public sealed record GapFilter(GapKind? Kind = null, Guid? TownshipId = null, Guid? DepartmentId = null, GapState? State = null, bool Escalated = false);

/// <summary>
/// Reading and answering gaps, shared by the /Gaps page and /api/gaps. Who sees which gap is the data scope's (a township its
/// own, a department those on its matters, the office its district); who may answer: the township's and the department's users
/// and the office acknowledge, the office alone closes.
/// </summary>
public sealed class GapBook(EntrustDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> text)
{
    public bool MayAcknowledge => user.Role is Roles.Office or Roles.Admin or Roles.Department or Roles.Township;

    public bool MayClose => user.Role is Roles.Office or Roles.Admin;

    /// <summary>The office keeps its district's figures (the admin, of no district, has none to keep).</summary>
    public bool MayKeepSettings => MayClose && user.DistrictId is not null;

    public async Task<Paged<GapView>> ListAsync(GapFilter filter, int? page, int? pageSize, CancellationToken ct = default)
    {
        var paged = await Prioritised(Filtered(filter)).ToPagedAsync(page, pageSize, ct);
        return new Paged<GapView>(await ViewsAsync(paged.Items, ct), paged.Total, paged.Page, paged.PageSize);
    }

    /// <summary>
    /// The console list's orders (its column headers). None asked is the API's order: the active gaps first, the most severe
    /// first, the oldest first (<see cref="Prioritised"/>); "priority" is not a column, so no header shows an arrow for it.
    /// </summary>
    public static readonly ListSort<GapHit> Sorts = new ListSort<GapHit>("priority")
        .By("kind", h => h.Gap.Kind).By("township", h => h.TownshipName).By("department", h => h.DepartmentName)
        .By("since", h => h.Gap.Since).By("state", h => h.Gap.State).By("severity", h => h.Gap.Severity).Then(h => h.Gap.Id);

    /// <summary>A page of the list in the asked order (the console's /Gaps).</summary>
    public async Task<Paged<GapView>> ListAsync(GapFilter filter, ListQuery list, CancellationToken ct = default)
    {
        if (!Sorts.Knows(list.Sort))
        {
            var prioritised = await Prioritised(Filtered(filter)).ToPagedAsync(list, ct);
            return new Paged<GapView>(await ViewsAsync(prioritised.Items, ct), prioritised.Total, prioritised.Page, prioritised.PageSize);
        }
        var paged = await Hits(filter).ToPagedAsync(list, Sorts, ct);
        return new Paged<GapView>(await ViewsAsync([.. paged.Items.Select(h => h.Gap)], ct), paged.Total, paged.Page, paged.PageSize);
    }

    /// <summary>Every gap the filter shows in the list's order, up to the export's limit.</summary>
    private async Task<IReadOnlyList<GapView>> AllAsync(GapFilter filter, ListQuery list, CancellationToken ct = default) =>
        await ViewsAsync(Sorts.Knows(list.Sort)
            ? await Hits(filter).ForExport(list, Sorts).Select(h => h.Gap).ToListAsync(ct)
            : await Prioritised(Filtered(filter)).Take(ListExport.MaxRows).ToListAsync(ct), ct);

    /// <summary>
    /// Every gap the filter shows, in the list's order, as .xlsx (<see cref="ListExport"/>): the /Gaps export button and
    /// GET /api/gaps/export alike.
    /// </summary>
    public async Task<(byte[] Content, string FileName)> ExportAsync(GapFilter filter, ListQuery list, ListExport export, CancellationToken ct) =>
        await export.WriteAsync("Gaps.Title", null, await AllAsync(filter, list, ct), [
            new("Gaps.Kind", g => g.KindName),
            new("Field.Township", g => g.TownshipName),
            new("Gaps.Department", g => g.DepartmentName),
            new("Gaps.Message", g => g.MatterName is null ? g.Message : $"{g.Message} · {g.MatterName}"),
            new("Gaps.Since", g => g.Since),
            new("Gaps.State", g => text["GapState." + g.State].Value),
            new("AuditField.EscalatedOn", g => g.EscalatedOn),
        ], ct);

    /// <summary>The filtered gaps with the names the list sorts by; the joins keep their filters (whoever sees a gap sees its unit).</summary>
    private IQueryable<GapHit> Hits(GapFilter filter) =>
        from g in Filtered(filter)
        join t in db.Townships on g.TownshipId equals t.Id into townships
        from t in townships.DefaultIfEmpty()
        join d in db.Departments on g.DepartmentId equals d.Id into departments
        from d in departments.DefaultIfEmpty()
        orderby g.Id // (replaced by the asked order; it makes the last step a Select, which ListSort orders before)
        select new GapHit(g, t == null ? null : t.Name, d == null ? null : d.Name);

    private static IQueryable<Gap> Prioritised(IQueryable<Gap> gaps) =>
        gaps.OrderByDescending(Gap.Active()).ThenByDescending(g => g.Severity).ThenBy(g => g.Since).ThenBy(g => g.Id);

    private IQueryable<Gap> Filtered(GapFilter filter)
    {
        var query = db.Gaps.AsNoTracking();
        if (filter.Kind is { } kind)
        {
            query = query.Where(g => g.Kind == kind);
        }
        if (filter.TownshipId is { } township)
        {
            query = query.Where(g => g.TownshipId == township);
        }
        if (filter.DepartmentId is { } department)
        {
            query = query.Where(g => g.DepartmentId == department);
        }
        if (filter.State is { } state)
        {
            query = query.Where(g => g.State == state);
        }
        if (filter.Escalated)
        {
            query = query.Where(Gap.Escalated());
        }
        return query;
    }

    public async Task<GapView?> GetAsync(Guid id, CancellationToken ct = default) =>
        await db.Gaps.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, ct) is { } gap ? (await ViewsAsync([gap], ct))[0] : null;

    /// <summary>The gaps of these ids the reader sees, as lists show them (the bell's messages).</summary>
    public async Task<IReadOnlyDictionary<Guid, GapView>> ViewsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default) =>
        (await ViewsAsync(await db.Gaps.AsNoTracking().Where(g => ids.Contains(g.Id)).ToListAsync(ct), ct)).ToDictionary(g => g.Id);

    /// <summary>
    /// The gaps the reader sees that were active during the period (<see cref="Gap.ActiveDuring"/>), of one township and some
    /// departments if asked, oldest first, as what and where only: what the half-year summary's problems section is drafted from.
    /// </summary>
    public async Task<IReadOnlyList<GapSubject>> DuringAsync(DateOnly from, DateOnly to, Guid? townshipId = null,
        IReadOnlyCollection<Guid>? departments = null, CancellationToken ct = default)
    {
        var (allD, dIds) = (departments is null, departments?.ToList() ?? []);
        var gaps = await db.Gaps.AsNoTracking().Where(Gap.ActiveDuring(from, to))
            .Where(g => (townshipId == null || g.TownshipId == townshipId) && (allD || (g.DepartmentId != null && dIds.Contains(g.DepartmentId.Value))))
            .OrderBy(g => g.Since).ThenBy(g => g.Id)
            .Select(g => new { g.Kind, g.TownshipId, g.DepartmentId, g.MatterId, g.Domain }).ToListAsync(ct);
        var townshipIds = gaps.Where(g => g.TownshipId != null).Select(g => g.TownshipId!.Value).Distinct().ToList();
        var departmentIds = gaps.Where(g => g.DepartmentId != null).Select(g => g.DepartmentId!.Value).Distinct().ToList();
        var matterIds = gaps.Where(g => g.MatterId != null).Select(g => g.MatterId!.Value).Distinct().ToList();
        var townships = await db.Townships.IgnoreQueryFilters().AsNoTracking().Where(t => townshipIds.Contains(t.Id)).Select(t => new { t.Id, t.Name })
            .ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var names = await db.Departments.IgnoreQueryFilters().AsNoTracking().Where(d => departmentIds.Contains(d.Id)).Select(d => new { d.Id, d.Name })
            .ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var matters = await db.Matters.IgnoreQueryFilters().AsNoTracking().Where(m => matterIds.Contains(m.Id)).Select(m => new { m.Id, m.Name })
            .ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        return [.. gaps.Select(g => new GapSubject(g.Kind, g.TownshipId is { } t ? townships.GetValueOrDefault(t) : null,
            g.DepartmentId is { } d ? names.GetValueOrDefault(d) : null, g.MatterId is { } m ? matters.GetValueOrDefault(m) : null, g.Domain))];
    }

    /// <summary>Open gaps by kind for the reader's scope (the workbench's chart).</summary>
    public async Task<IReadOnlyDictionary<GapKind, int>> OpenByKindAsync(CancellationToken ct = default) =>
        await db.Gaps.AsNoTracking().Where(Gap.Active())
            .GroupBy(g => g.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    /// <summary>
    /// The last <paramref name="weeks"/> weeks (Monday to Sunday in China, this week last) in the user's scope: the gaps opened
    /// (found, or reopened) and those cleared (resolved by a scan, or closed by the office), each counted in the week of its
    /// latest opening or clearing.
    /// </summary>
    public async Task<IReadOnlyList<GapWeek>> WeeklyAsync(int weeks, CancellationToken ct = default)
    {
        var today = clock.TodayInChina();
        var first = today.AddDays(-(((int)today.DayOfWeek + 6) % 7) - 7 * (weeks - 1));
        var opened = await db.Gaps.AsNoTracking().Where(g => g.OpenedOn >= first).Select(g => g.OpenedOn).ToListAsync(ct);
        var cleared = await db.Gaps.AsNoTracking().Where(g => g.ResolvedOn >= first || g.ClosedOn >= first)
            .Select(g => g.ClosedOn ?? g.ResolvedOn ?? first).ToListAsync(ct);
        int Week(DateOnly day) => (day.DayNumber - first.DayNumber) / 7;
        return [.. Enumerable.Range(0, weeks).Select(w => new GapWeek(first.AddDays(7 * w),
            opened.Count(d => Week(d) == w), cleared.Count(d => Week(d) == w)))];
    }

    /// <summary>The district's figures for the scan (the defaults until the office sets them).</summary>
    public async Task<GapSettingsView> SettingsAsync(CancellationToken ct = default)
    {
        var district = user.DistrictId ?? throw new ForbiddenAction();
        var settings = await db.GapSettings.AsNoTracking().FirstOrDefaultAsync(s => s.DistrictId == district, ct) ?? GapSettings.Defaults(district);
        return View(settings);
    }

    /// <summary>The office sets its district's figures; a day out of range or an unknown domain refuses the whole change.</summary>
    public async Task<GapSettingsView> SetSettingsAsync(GapSettingsInput input, CancellationToken ct = default)
    {
        if (!MayClose || user.DistrictId is not { } district)
        {
            throw new ForbiddenAction();
        }
        var byDomain = input.DormantDaysByDomain ?? [];
        if (byDomain.Keys.FirstOrDefault(d => !Catalog.Domains.IsKnown(d)) is { } unknown)
        {
            throw new RuleViolation("Gap.UnknownDomain", unknown) { Field = "DormantDaysByDomain" };
        }
        var settings = await db.GapSettings.FirstOrDefaultAsync(s => s.DistrictId == district, ct);
        if (settings is null)
        {
            settings = new GapSettings(district);
            db.GapSettings.Add(settings);
        }
        settings.Set(input.DormantDays ?? GapSettings.DefaultDormantDays, byDomain,
            input.EscalationWorkingDays ?? GapSettings.DefaultEscalationWorkingDays);
        await db.SaveChangesAsync(ct);
        return View(settings);
    }

    private static GapSettingsView View(GapSettings s) => new(s.DormantDays,
        s.DormantDaysByDomain.Select(e => e.Split('=', 2)).Where(p => p.Length == 2 && int.TryParse(p[1], out _))
            .ToDictionary(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)),
        s.EscalationWorkingDays);

    /// <returns>The gap after the change; null when the reader doesn't see it.</returns>
    public async Task<GapView?> AcknowledgeAsync(Guid id, string? note, CancellationToken ct = default)
    {
        if (!MayAcknowledge)
        {
            throw new ForbiddenAction();
        }
        return await ChangeAsync(id, (gap, day, at) => gap.Acknowledge(user.UserName, note, day, at), ct);
    }

    public async Task<GapView?> CloseAsync(Guid id, string? reason, CancellationToken ct = default)
    {
        if (!MayClose)
        {
            throw new ForbiddenAction();
        }
        return await ChangeAsync(id, (gap, day, at) => gap.Close(user.UserName, reason, day, at), ct);
    }

    private async Task<GapView?> ChangeAsync(Guid id, Action<Gap, DateOnly, DateTimeOffset> change, CancellationToken ct)
    {
        var gap = await db.Gaps.FirstOrDefaultAsync(g => g.Id == id, ct);
        if (gap is null)
        {
            return null;
        }
        change(gap, clock.TodayInChina(), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    private async Task<IReadOnlyList<GapView>> ViewsAsync(IReadOnlyList<Gap> gaps, CancellationToken ct)
    {
        var townshipIds = gaps.Where(g => g.TownshipId != null).Select(g => g.TownshipId!.Value).Distinct().ToList();
        var departmentIds = gaps.Where(g => g.DepartmentId != null).Select(g => g.DepartmentId!.Value).Distinct().ToList();
        var matterIds = gaps.Where(g => g.MatterId != null).Select(g => g.MatterId!.Value).Distinct().ToList();
        // Names past the reader's scope: a township reads the name of the department its gap is about.
        var townships = await db.Townships.IgnoreQueryFilters().AsNoTracking().Where(t => townshipIds.Contains(t.Id)).Select(t => new { t.Id, t.Name })
            .ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var departments = await db.Departments.IgnoreQueryFilters().AsNoTracking().Where(d => departmentIds.Contains(d.Id))
            .Select(d => new { d.Id, d.Name }).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var matters = await db.Matters.IgnoreQueryFilters().AsNoTracking().Where(m => matterIds.Contains(m.Id)).Select(m => new { m.Id, m.Name })
            .ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        return [.. gaps.Select(g => new GapView(g.Id, g.Kind, text["GapKind." + g.Kind], g.State, g.Severity,
            g.TownshipId, g.TownshipId is { } t ? townships.GetValueOrDefault(t) : null,
            g.DepartmentId, g.DepartmentId is { } d ? departments.GetValueOrDefault(d) : null,
            g.MatterId, g.MatterId is { } m ? matters.GetValueOrDefault(m) : null, g.Domain, g.Since, g.FoundOn, g.LastSeenOn,
            Message(g), g.Evidence, g.AcknowledgedBy, g.AcknowledgedOn, g.AcknowledgementNote, g.ClosedBy, g.ClosedOn, g.CloseReason,
            g.ResolvedOn, g.TimesReopened, g.EscalatedOn, g.IsEscalated))];
    }

    private string Message(Gap g)
    {
        object[] figures = [.. g.Figures];
        if (g.Kind == GapKind.DormantMatter && figures.Length == 3)
        {
            figures[2] = (string)figures[2] is { Length: > 0 } day ? text["GapDetail.DormantMatter.Department", day].Value : "";
        }
        return text["GapDetail." + g.Kind, figures];
    }
}
