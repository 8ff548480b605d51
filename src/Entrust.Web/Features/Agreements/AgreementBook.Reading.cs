using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Agreements;

public sealed record AgreementMatterDto(Guid MatterId, string Code, string Name, string Domain, Authority Authority, decimal? FineCap,
    IReadOnlyList<PenaltyKinds> ExcludedPenalties, string LawName, string LawArticle);
public sealed record AgreementDto(Guid Id, string Number, int Version, Guid? PreviousVersionId, Guid DepartmentId, string DepartmentName,
    Guid TownshipId, string TownshipName, AgreementMode Mode, string? GrantDecisionNumber, DateOnly TermStart, DateOnly TermEnd,
    AgreementState State, AgreementStatus Status, string RightsAndObligations, decimal? FundingAmount, string? FundingNote,
    bool HasPublicAffairsFunctions, bool HasQualifiedStaff, bool HasTechnicalMeans,
    DateOnly? SubmittedOn, DateOnly? ReviewedOn, DateOnly? SignedOn, string? DepartmentSignatory, string? TownshipSignatory,
    DateOnly? PublishedOn, string? PublicationPlace, DateOnly? TerminatedOn, string? TerminationReason,
    IReadOnlyList<AgreementMatterDto> Matters);
public sealed record AgreementRow(Guid Id, string Number, int Version, string DepartmentName, string TownshipName, AgreementMode Mode,
    DateOnly TermStart, DateOnly TermEnd, AgreementState State, AgreementStatus Status, int MatterCount);
public sealed record AgreementFilter(Guid? Township, Guid? Department, AgreementState? State, AgreementMode? Mode, string? Q, int? Page, int? PageSize);
public sealed record AgreementVersion(Guid Id, int Version, AgreementState State);

/// <summary>Reading agreements: the list, one agreement, its versions and its printed document — for the pages and the API alike.</summary>
public sealed partial class AgreementBook
{
    public bool IsOffice => user.Role is Roles.Admin or Roles.Office;

    /// <summary>Who drafts: the office for any department, a department for itself. Townships receive, they never entrust.</summary>
    public bool MayDraft => user.Role is Roles.Admin or Roles.Office or Roles.Department;

    /// <summary>The office manages every agreement of its district; a department only its own (the query filter already hides others').</summary>
    public bool MayManage(Guid departmentId) => IsOffice || (user.Role == Roles.Department && user.DepartmentId == departmentId);

    /// <summary>The required fields of a draft; a revision keeps its parties, so it need not name them.</summary>
    public static FieldErrors Check(FieldErrors e, AgreementInput i, bool revising = false)
    {
        if (revising)
        {
            i = i with { DepartmentId = i.DepartmentId ?? Guid.Empty, TownshipId = i.TownshipId ?? Guid.Empty };
        }
        e.Required("DepartmentId", i.DepartmentId?.ToString()).Required("TownshipId", i.TownshipId?.ToString())
            .Required("TermStart", i.TermStart?.ToString()).Required("TermEnd", i.TermEnd?.ToString())
            .Optional("RightsAndObligations", i.RightsAndObligations, 8000).Optional("FundingNote", i.FundingNote, 500)
            .Optional("GrantDecisionNumber", i.GrantDecisionNumber, 100);
        e.Chosen<AgreementMode>("Mode", i.Mode);
        if (i.Matters is null or { Count: 0 })
        {
            e.Add("Matters", "Agreement.NoMatters");
        }
        return e;
    }

    /// <summary>The list's rows. Every filter goes on the entity, before the projection (EF can't filter the record).</summary>
    public IQueryable<AgreementRow> Rows(AgreementFilter f, IReadOnlyCollection<Guid>? ids = null)
    {
        var today = Today;
        var agreements = db.Agreements.AsNoTracking();
        if (ids is not null)
        {
            agreements = agreements.Where(a => ids.Contains(a.Id));
        }
        if (f.Township is { } t)
        {
            agreements = agreements.Where(a => a.TownshipId == t);
        }
        if (f.Department is { } d)
        {
            agreements = agreements.Where(a => a.DepartmentId == d);
        }
        if (f.State is { } s)
        {
            agreements = agreements.Where(a => a.State == s);
        }
        if (f.Mode is { } m)
        {
            agreements = agreements.Where(a => a.Mode == m);
        }
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            agreements = agreements.Where(a => a.Number.Contains(f.Q));
        }
        // "In force" is the agreement's own rule (Agreement.InForceOnExpression), asked here as a subquery.
        var inForce = db.Agreements.Where(Agreement.InForceOnExpression(today)).Select(a => a.Id);
        return from a in agreements
               join dep in db.Departments on a.DepartmentId equals dep.Id
               // No IgnoreQueryFilters here: EF applies it to the whole query, which would show a township every agreement.
               join town in db.Townships on a.TownshipId equals town.Id
               orderby town.Code, dep.Code, a.Version
               select new AgreementRow(a.Id, a.Number, a.Version, dep.Name, town.Name, a.Mode, a.TermStart, a.TermEnd, a.State,
                   a.State == AgreementState.Draft ? AgreementStatus.Draft
                   : a.State == AgreementState.Submitted ? AgreementStatus.Submitted
                   : a.State == AgreementState.Reviewed ? AgreementStatus.Reviewed
                   : a.State == AgreementState.Signed ? AgreementStatus.Signed
                   : inForce.Contains(a.Id) ? AgreementStatus.InForce
                   : a.State == AgreementState.Terminated && a.TerminatedOn <= today ? AgreementStatus.Terminated
                   : today < a.TermStart || today < a.PublishedOn ? AgreementStatus.Pending
                   : AgreementStatus.Expired,
                   a.Matters.Count);
    }

    /// <summary>The list's orders (the console's column headers); newest term first by default.</summary>
    public static readonly ListSort<AgreementRow> Sorts = new ListSort<AgreementRow>("-term")
        .By("number", r => r.Number).By("department", r => r.DepartmentName).By("township", r => r.TownshipName)
        .By("mode", r => r.Mode).By("term", r => r.TermStart).By("matters", r => r.MatterCount).By("status", r => r.Status)
        .Then(r => r.Id);

    public Task<Paged<AgreementRow>> ListAsync(AgreementFilter filter, CancellationToken ct) =>
        Rows(filter).ToPagedAsync(filter.Page, filter.PageSize, ct);

    /// <summary>
    /// The agreements the filter shows, in the list's order, as .xlsx (<see cref="ListExport"/>): the /Agreements export button and
    /// GET /api/agreements/export alike.
    /// </summary>
    public Task<(byte[] Content, string FileName)> ExportAsync(AgreementFilter filter, ListQuery list, ListExport export,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        export.WriteAsync("Menu.Agreements", null, Rows(filter).ForExport(list, Sorts), [
            new("Field.Number", a => a.Number),
            new("Field.Version", a => a.Version),
            new("Field.Department", a => a.DepartmentName),
            new("Field.TownshipId", a => a.TownshipName),
            new("Field.Mode", a => text["AgreementMode." + a.Mode].Value),
            new("Field.TermStart", a => a.TermStart),
            new("Field.TermEnd", a => a.TermEnd),
            new("Field.Matters", a => a.MatterCount),
            new("Field.Status", a => text["AgreementStatus." + a.Status].Value),
        ], ct);

    /// <summary>The rows of agreements just written (a batch signing's), as the list shows them.</summary>
    public Task<List<AgreementRow>> RowsOfAsync(IEnumerable<Agreement> agreements, CancellationToken ct) =>
        Rows(new AgreementFilter(null, null, null, null, null, null, null), agreements.Select(a => a.Id).ToList()).ToListAsync(ct);

    /// <summary>One agreement with its matters and the parties' names; null when the user does not see it.</summary>
    public async Task<AgreementDto?> GetAsync(Guid id, CancellationToken ct)
    {
        var a = await db.Agreements.AsNoTracking().Include(x => x.Matters).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null)
        {
            return null;
        }
        var department = await db.Departments.IgnoreQueryFilters().Where(d => d.Id == a.DepartmentId).Select(d => d.Name).FirstAsync(ct);
        var township = await db.Townships.IgnoreQueryFilters().Where(t => t.Id == a.TownshipId).Select(t => t.Name).FirstAsync(ct);
        var matterIds = a.Matters.Select(m => m.MatterId).ToList();
        var matters = await db.Matters.IgnoreQueryFilters().Where(m => matterIds.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => new { m.Code, m.Name, m.Domain }, ct);
        return new AgreementDto(a.Id, a.Number, a.Version, a.PreviousVersionId, a.DepartmentId, department, a.TownshipId, township, a.Mode,
            a.GrantDecisionNumber, a.TermStart, a.TermEnd, a.State, a.StatusOn(Today), a.RightsAndObligations, a.FundingAmount, a.FundingNote,
            a.HasPublicAffairsFunctions, a.HasQualifiedStaff, a.HasTechnicalMeans, a.SubmittedOn, a.ReviewedOn, a.SignedOn,
            a.DepartmentSignatory, a.TownshipSignatory, a.PublishedOn, a.PublicationPlace, a.TerminatedOn, a.TerminationReason,
            a.Matters.Select(m => new AgreementMatterDto(m.MatterId, matters[m.MatterId].Code, matters[m.MatterId].Name, matters[m.MatterId].Domain,
                m.Authority, m.FineCap, m.ExcludedPenalties.Each(), m.LawName, m.LawArticle)).OrderBy(m => m.Code).ToList());
    }

    /// <summary>Every version of the agreement's number between its two parties, oldest first; empty when there is only the one.</summary>
    public async Task<List<AgreementVersion>> VersionsAsync(AgreementDto agreement, CancellationToken ct)
    {
        var all = await db.Agreements.AsNoTracking().Where(a => a.Number == agreement.Number && a.DepartmentId == agreement.DepartmentId
                && a.TownshipId == agreement.TownshipId)
            .OrderBy(a => a.Version).Select(a => new AgreementVersion(a.Id, a.Version, a.State)).ToListAsync(ct);
        return all.Count > 1 ? all : [];
    }

    /// <summary>The printed agreement (.docx) and its file name; null when the user does not see the agreement.</summary>
    public async Task<(string FileName, byte[] Content)?> DocumentAsync(Guid id, CancellationToken ct)
    {
        if (await GetAsync(id, ct) is not { } a)
        {
            return null;
        }
        // The parties by their full legal names, as the catalogue sets them (the short names when it has none).
        var township = await db.Townships.IgnoreQueryFilters().Where(t => t.Id == a.TownshipId)
            .Select(t => new { t.Name, t.Kind, t.LegalName, t.DistrictId }).FirstAsync(ct);
        var department = await db.Departments.IgnoreQueryFilters().Where(d => d.Id == a.DepartmentId)
            .Select(d => new { d.Name, d.LegalName }).FirstAsync(ct);
        var district = await db.Districts.IgnoreQueryFilters().Where(d => d.Id == township.DistrictId).Select(d => d.Name).FirstAsync(ct);
        var model = new AgreementDocumentModel(a.Number, district, a.Mode == AgreementMode.Grant, a.GrantDecisionNumber,
            Department.DocumentNameOf(department.LegalName, department.Name),
            Township.DocumentNameOf(township.LegalName, township.Name, township.Kind),
            a.Matters.Select(m => new AgreementDocumentMatter(m.Code, m.Name,
                AgreementDocument.AuthorityText(m.Authority, m.FineCap, PenaltyKindSet.Combine(m.ExcludedPenalties)), $"《{m.LawName}》{m.LawArticle}")).ToList(),
            a.TermStart, a.TermEnd, a.RightsAndObligations, a.FundingAmount, a.FundingNote, a.DepartmentSignatory, a.TownshipSignatory, a.SignedOn, a.Version);
        return ($"{a.Number}-v{a.Version}.docx", AgreementDocument.Render(model));
    }
}
