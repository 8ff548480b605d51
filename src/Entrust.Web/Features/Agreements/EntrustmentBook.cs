using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace Entrust.Web.Features.Agreements;

public sealed record DockingRow(Guid TownshipId, string TownshipName, Guid DepartmentId, string DepartmentName,
    Guid? InternalOfficeId, string? OfficeName, string? LeaderInCharge);
public sealed record DockingInput(Guid? TownshipId, Guid? DepartmentId, Guid? InternalOfficeId);
public sealed record MatrixCell(Guid DepartmentId, Guid AgreementId, string Number, AgreementMode Mode, AgreementStatus Status,
    DateOnly TermEnd, int MatterCount);
public sealed record MatrixRow(Guid TownshipId, string TownshipName, bool IsPilot, IReadOnlyList<MatrixCell> Cells);
public sealed record MatrixDepartment(Guid Id, string Name);
public sealed record Matrix(DateOnly Date, IReadOnlyList<MatrixDepartment> Departments, IReadOnlyList<MatrixRow> Rows);
/// <summary>The matrix's filter: the day (default today), one township, one department, one mode.</summary>
public sealed record MatrixFilter(DateOnly? Date, Guid? Township, Guid? Department, AgreementMode? Mode);
/// <summary>The one question inspections and cases ask: may the township exercise the matter with the authority on the day (and impose the fine)?</summary>
public sealed record EntitlementQuestion(Guid? TownshipId, Guid? MatterId, Authority? Authority, DateOnly? Date, decimal? Fine);
public sealed record EntitlementAnswer(bool Allowed, string? Reason, Guid? AgreementId, string? AgreementNumber, AgreementMode? Mode,
    Authority? Authority, decimal? FineCap, IReadOnlyList<PenaltyKinds> ExcludedPenalties, string? ActingInNameOf);
/// <summary>
/// One entrusted matter as the public sees it: what may be done, and (Art. 39) in whose name, by which procedure, and where
/// to apply for reconsideration or sue (<see cref="PublicRoutes"/>).
/// </summary>
public sealed record PublicMatter(string Code, string Name, Authority Authority, string AuthorityText, decimal? FineCap,
    IReadOnlyList<PenaltyKinds> ExcludedPenalties, string LegalBasis, string ActingInNameOf, string Procedure, string ReconsiderationBody,
    string Respondent, string Court, string Remedies);
public sealed record PublicAgreement(string Number, int Version, string DepartmentName, string TownshipName, AgreementMode Mode,
    DateOnly TermStart, DateOnly TermEnd, DateOnly PublishedOn, string? PublicationPlace, IReadOnlyList<PublicMatter> Matters);

/// <summary>
/// What the agreements give, one method per use case, shared by the /Agreements/Docking, /Agreements/Matrix and
/// /Public/Agreements pages and /api/docking, /api/matrix, /api/entitlements, /api/public/agreements: docking (科室对接制),
/// the entrustment matrix, the entitlement question and public disclosure. A method answers null for a row out of the
/// user's sight (404).
/// </summary>
public sealed class EntrustmentBook(EntrustDbContext db, CurrentUser user, TimeProvider clock, Entitlements entitlements)
{
    public const string MatrixFileName = "entrustment-matrix.xlsx";

    public DateOnly Today => clock.TodayInChina();

    /// <summary>The township names its own docking offices; the office may name them for any township of its district.</summary>
    public bool MayDock => user.Role is Roles.Township or Roles.Office or Roles.Admin;

    /// <summary>Every department-township pair with an agreement past drafting, with its docking office or none.</summary>
    public async Task<List<DockingRow>> DockingsAsync(Guid? township, bool undocked, CancellationToken ct)
    {
        var pairs = db.Agreements.AsNoTracking()
            .Where(a => a.State >= AgreementState.Submitted && a.State != AgreementState.Terminated)
            .Select(a => new { a.TownshipId, a.DepartmentId }).Distinct();
        if (township is { } t)
        {
            pairs = pairs.Where(p => p.TownshipId == t);
        }
        var rows = await (
            from p in pairs
            join town in db.Townships on p.TownshipId equals town.Id
            join dep in db.Departments on p.DepartmentId equals dep.Id
            join d in db.Dockings on new { p.TownshipId, p.DepartmentId } equals new { d.TownshipId, d.DepartmentId } into docked
            from d in docked.DefaultIfEmpty()
            join o in db.InternalOffices on d.InternalOfficeId equals o.Id into offices
            from o in offices.DefaultIfEmpty()
            select new
            {
                TownshipCode = town.Code,
                DepartmentCode = dep.Code,
                Row = new DockingRow(p.TownshipId, town.Name, p.DepartmentId, dep.Name,
                o == null ? null : o.Id, o == null ? null : o.Name, o == null ? null : o.LeaderInCharge)
            })
            .ToListAsync(ct);
        return rows.OrderBy(r => r.TownshipCode).ThenBy(r => r.DepartmentCode).Select(r => r.Row)
            .Where(r => !undocked || r.InternalOfficeId is null).ToList();
    }

    /// <summary>
    /// The docking list's orders (its column headers). None asked is the API's order, by township and department code; "code" is
    /// not a column, so no header shows an arrow for it.
    /// </summary>
    public static readonly ListSort<DockingRow> DockingSorts = new ListSort<DockingRow>("code")
        .By("township", r => r.TownshipName).By("department", r => r.DepartmentName).By("office", r => r.OfficeName)
        .By("leader", r => r.LeaderInCharge).Then(r => r.TownshipId.ToString() + r.DepartmentId.ToString());

    /// <summary>A page of the pairs in the asked order (the console's docking page). A district has a few hundred pairs at most,
    /// so they are ordered and paged in memory after the one query.</summary>
    public async Task<Paged<DockingRow>> DockingsAsync(Guid? township, bool undocked, ListQuery list, CancellationToken ct) =>
        Ordered(await DockingsAsync(township, undocked, ct), list).ToPaged(list);

    /// <summary>Every pair the filter shows in the list's order, up to the export's limit.</summary>
    private async Task<IReadOnlyList<DockingRow>> AllDockingsAsync(Guid? township, bool undocked, ListQuery list, CancellationToken ct) =>
        [.. Ordered(await DockingsAsync(township, undocked, ct), list).Take(ListExport.MaxRows)];

    /// <summary>
    /// Every pair the filter shows, in the list's order, as .xlsx (<see cref="ListExport"/>): the /Agreements/Docking export button
    /// and GET /api/docking/export alike.
    /// </summary>
    public async Task<(byte[] Content, string FileName)> DockingExportAsync(Guid? township, bool undocked, ListQuery list, ListExport export,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        await export.WriteAsync("Menu.Docking", null, await AllDockingsAsync(township, undocked, list, ct), [
            new("Field.TownshipId", r => r.TownshipName),
            new("Field.Department", r => r.DepartmentName),
            new("Field.InternalOfficeId", r => r.OfficeName ?? text["Docking.None"].Value),
            new("Field.LeaderInCharge", r => r.LeaderInCharge),
        ], ct);

    private static IReadOnlyList<DockingRow> Ordered(List<DockingRow> rows, ListQuery list) =>
        DockingSorts.Knows(list.Sort) ? DockingSorts.Apply(rows, list.Sort) : rows;

    public static FieldErrors Check(FieldErrors errors, DockingInput input) => errors
        .Required("TownshipId", input.TownshipId?.ToString()).Required("DepartmentId", input.DepartmentId?.ToString())
        .Required("InternalOfficeId", input.InternalOfficeId?.ToString());

    /// <summary>
    /// Names (or changes) the township's office for one department. Null when the township is not the user's to see;
    /// refused when the office is another township's or there is no agreement.
    /// </summary>
    public async Task<DockingRow?> DockAsync(DockingInput input, CancellationToken ct)
    {
        if (!MayDock)
        {
            throw new ForbiddenAction();
        }
        var (departmentId, internalOfficeId) = (input.DepartmentId!.Value, input.InternalOfficeId!.Value);
        var township = await db.Townships.FirstOrDefaultAsync(t => t.Id == input.TownshipId, ct);
        if (township is null)
        {
            return null;
        }
        if (!await db.InternalOffices.AnyAsync(o => o.Id == internalOfficeId && o.TownshipId == township.Id, ct))
        {
            throw new RuleViolation("Docking.OfficeNotOfTownship", township.Name) { Field = "InternalOfficeId" };
        }
        if (!await db.Agreements.AnyAsync(a => a.TownshipId == township.Id && a.DepartmentId == departmentId && a.State >= AgreementState.Submitted, ct))
        {
            throw new RuleViolation("Docking.NoAgreement") { Field = "DepartmentId" };
        }
        var docking = await db.Dockings.FirstOrDefaultAsync(d => d.TownshipId == township.Id && d.DepartmentId == departmentId, ct);
        if (docking is null)
        {
            db.Dockings.Add(new Docking(township.DistrictId, township.Id, departmentId, internalOfficeId));
        }
        else
        {
            docking.AssignTo(internalOfficeId);
        }
        await db.SaveChangesAsync(ct);
        return (await DockingsAsync(township.Id, undocked: false, ct)).First(r => r.DepartmentId == departmentId);
    }

    /// <summary>
    /// Townships × departments on a day: each cell the latest version between the pair. A department user sees its own
    /// column and a township user its own row, because the query filters hide the rest.
    /// </summary>
    public async Task<Matrix> MatrixAsync(MatrixFilter filter, CancellationToken ct)
    {
        var date = filter.Date ?? Today;
        var departments = db.Departments.AsNoTracking();
        if (user.DepartmentId is { } own)
        {
            departments = departments.Where(d => d.Id == own);
        }
        if (filter.Department is { } dep)
        {
            departments = departments.Where(d => d.Id == dep);
        }
        var columns = await departments.OrderBy(d => d.Code).Select(d => new MatrixDepartment(d.Id, d.Name)).ToListAsync(ct);
        var townships = db.Townships.AsNoTracking();
        if (filter.Township is { } t)
        {
            townships = townships.Where(x => x.Id == t);
        }
        var rows = await townships.OrderBy(x => x.Code).Select(x => new { x.Id, x.Name, x.IsPilot }).ToListAsync(ct);
        var agreements = db.Agreements.AsNoTracking();
        if (filter.Mode is { } m)
        {
            agreements = agreements.Where(a => a.Mode == m);
        }
        var all = await agreements.Include(a => a.Matters).ToListAsync(ct);
        var latest = all.GroupBy(a => (a.TownshipId, a.DepartmentId))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.InForceOn(date)).ThenByDescending(a => a.Version).ThenByDescending(a => a.TermStart).First());
        var columnIds = columns.Select(c => c.Id).ToHashSet();
        return new Matrix(date, columns, rows.Select(r => new MatrixRow(r.Id, r.Name, r.IsPilot,
            latest.Where(l => l.Key.TownshipId == r.Id && columnIds.Contains(l.Key.DepartmentId))
                .Select(l => new MatrixCell(l.Key.DepartmentId, l.Value.Id, l.Value.Number, l.Value.Mode, l.Value.StatusOn(date), l.Value.TermEnd, l.Value.Matters.Count))
                .ToList())).ToList());
    }

    /// <summary>The matrix as an .xlsx sheet, one row per township: the API's export and the matrix page's export button.</summary>
    public async Task<byte[]> MatrixWorkbookAsync(MatrixFilter filter, IStringLocalizer text, CancellationToken ct)
    {
        var matrix = await MatrixAsync(filter, ct);
        var sheet = matrix.Rows.Select(r =>
        {
            var row = new Dictionary<string, object> { [text["Menu.Townships"].Value] = r.TownshipName };
            foreach (var d in matrix.Departments)
            {
                var cell = r.Cells.FirstOrDefault(c => c.DepartmentId == d.Id);
                row[d.Name] = cell is null ? "" : $"{text["AgreementMode." + cell.Mode].Value} · {text["AgreementStatus." + cell.Status].Value} · {cell.TermEnd:yyyy-MM-dd}";
            }
            return row;
        }).ToList();
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(sheet, sheetName: "委托矩阵", cancellationToken: ct);
        return stream.ToArray();
    }

    public static FieldErrors Check(FieldErrors errors, EntitlementQuestion question) => errors
        .Required("TownshipId", question.TownshipId?.ToString()).Required("MatterId", question.MatterId?.ToString());

    /// <summary>The entitlement question (<see cref="Entitlements"/>) with its refusal in the reader's language; null when the township is out of sight.</summary>
    public async Task<EntitlementAnswer?> EntitleAsync(EntitlementQuestion q, IStringLocalizer text, CancellationToken ct)
    {
        if (!await db.Townships.AnyAsync(t => t.Id == q.TownshipId, ct))
        {
            return null;
        }
        var e = await entitlements.CheckAsync(q.TownshipId!.Value, q.MatterId!.Value, q.Authority ?? Authority.InspectionOnly, q.Date ?? Today, q.Fine, ct);
        var reason = e.ReasonKey is null ? null : text.Message(new RuleViolation(e.ReasonKey, e.ReasonArguments.ToArray()));
        return new EntitlementAnswer(e.Allowed, reason, e.AgreementId, e.AgreementNumber, e.Mode, e.Authority, e.FineCap, e.ExcludedPenalties.Each(),
            e.ActingInNameOf);
    }

    /// <summary>公示 (行政处罚法 Art. 20 ¶2, 39): agreements in force today, per township, for anyone. Terminated ones leave on their termination day.</summary>
    public async Task<List<PublicAgreement>> PublicAsync(string? districtCode, Guid? township, string? q, CancellationToken ct)
    {
        var today = Today;
        var districtId = await db.Districts.IgnoreQueryFilters()
            .Where(d => districtCode == null || d.Code == districtCode).OrderBy(d => d.Code).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(ct);
        var agreements = db.Agreements.IgnoreQueryFilters().AsNoTracking().Include(a => a.Matters)
            .Where(a => a.DistrictId == districtId).Where(Agreement.InForceOnExpression(today));
        if (township is { } t)
        {
            agreements = agreements.Where(a => a.TownshipId == t);
        }
        var list = await agreements.ToListAsync(ct);
        var departments = await db.Departments.IgnoreQueryFilters().Where(d => d.DistrictId == districtId).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var townships = await db.Townships.IgnoreQueryFilters().Where(x => x.DistrictId == districtId)
            .ToDictionaryAsync(x => x.Id, x => new { x.Name, x.Code, Government = Township.GovernmentNameOf(x.Name, x.Kind) }, ct);
        var districtName = await db.Districts.IgnoreQueryFilters().Where(d => d.Id == districtId).Select(d => d.Name).FirstOrDefaultAsync(ct) ?? "";
        var matterIds = list.SelectMany(a => a.Matters.Select(m => m.MatterId)).Distinct().ToList();
        var matters = await db.Matters.IgnoreQueryFilters().Where(m => matterIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => new { m.Code, m.Name }, ct);
        var result = list
            .OrderBy(a => townships[a.TownshipId].Code).ThenBy(a => departments[a.DepartmentId])
            .Select(a => new PublicAgreement(a.Number, a.Version, departments[a.DepartmentId], townships[a.TownshipId].Name, a.Mode, a.TermStart, a.TermEnd,
                a.PublishedOn!.Value, a.PublicationPlace,
                a.Matters.Select(m =>
                {
                    var route = PublicRoutes.For(a.Mode, m.Authority, departments[a.DepartmentId], townships[a.TownshipId].Government, districtName);
                    return new PublicMatter(matters[m.MatterId].Code, matters[m.MatterId].Name, m.Authority,
                        AgreementDocument.AuthorityText(m.Authority, m.FineCap, m.ExcludedPenalties), m.FineCap, m.ExcludedPenalties.Each(),
                        $"《{m.LawName}》{m.LawArticle}", route.ActingInNameOf, route.Procedure, route.ReconsiderationBody, route.Respondent,
                        route.Court, route.Remedies);
                }).OrderBy(m => m.Code).ToList()));
        if (!string.IsNullOrWhiteSpace(q))
        {
            result = result.Where(a => a.DepartmentName.Contains(q) || a.TownshipName.Contains(q) || a.Number.Contains(q)
                || a.Matters.Any(m => m.Name.Contains(q) || m.Code.Contains(q)));
        }
        return result.ToList();
    }
}
