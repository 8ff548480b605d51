using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Agreements;

public static class AgreementsApi
{
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
    public sealed record ReviewInput(bool Approved = true);
    public sealed record PublishInput(DateOnly? PublishedOn, string? PublicationPlace);
    public sealed record TerminateInput(DateOnly? TerminatedOn, string? Reason);

    public static void MapAgreementsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/agreements").RequireAuthorization(Api.Policy).WithTags("Agreements");
        api.MapGet("", List);
        api.MapGet("/{id:guid}", Get);
        api.MapPost("", Create);
        api.MapPut("/{id:guid}", Revise);
        api.MapDelete("/{id:guid}", Delete);
        api.MapPost("/{id:guid}/submit", (Guid id, AgreementBook book, EntrustDbContext db, CancellationToken ct) => Step(book.SubmitAsync(id, ct), db, book, ct));
        api.MapPost("/{id:guid}/review", (Guid id, ReviewInput? input, AgreementBook book, EntrustDbContext db, CancellationToken ct) =>
            Step(book.ReviewAsync(id, input?.Approved ?? true, ct), db, book, ct));
        api.MapPost("/{id:guid}/sign", (Guid id, SignInput input, AgreementBook book, EntrustDbContext db, CancellationToken ct) =>
            Step(book.SignAsync(id, input, ct), db, book, ct));
        api.MapPost("/{id:guid}/publish", (Guid id, PublishInput input, AgreementBook book, EntrustDbContext db, CancellationToken ct) =>
            Step(book.PublishAsync(id, input.PublishedOn, input.PublicationPlace, ct), db, book, ct));
        api.MapPost("/{id:guid}/terminate", (Guid id, TerminateInput input, AgreementBook book, EntrustDbContext db, CancellationToken ct) =>
            Step(book.TerminateAsync(id, input.TerminatedOn, input.Reason, ct), db, book, ct));
        api.MapPost("/{id:guid}/amend", (Guid id, AgreementBook book, EntrustDbContext db, CancellationToken ct) => Step(book.AmendAsync(id, ct), db, book, ct));
        api.MapPost("/batch-sign", BatchSign);
        api.MapGet("/{id:guid}/document", Document);
    }

    /// <summary>The list's rows. Every filter goes on the entity, before the projection (EF can't filter the record).</summary>
    public static IQueryable<AgreementRow> Rows(EntrustDbContext db, AgreementFilter f, DateOnly today, IReadOnlyCollection<Guid>? ids = null)
    {
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

    public static async Task<Ok<Paged<AgreementRow>>> List([AsParameters] AgreementFilter filter, EntrustDbContext db, AgreementBook book, CancellationToken ct) =>
        TypedResults.Ok(await Rows(db, filter, book.Today).ToPagedAsync(filter.Page, filter.PageSize, ct));

    public static async Task<AgreementDto?> DetailAsync(EntrustDbContext db, Guid id, DateOnly today, CancellationToken ct)
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
            a.GrantDecisionNumber, a.TermStart, a.TermEnd, a.State, a.StatusOn(today), a.RightsAndObligations, a.FundingAmount, a.FundingNote,
            a.HasPublicAffairsFunctions, a.HasQualifiedStaff, a.HasTechnicalMeans, a.SubmittedOn, a.ReviewedOn, a.SignedOn,
            a.DepartmentSignatory, a.TownshipSignatory, a.PublishedOn, a.PublicationPlace, a.TerminatedOn, a.TerminationReason,
            a.Matters.Select(m => new AgreementMatterDto(m.MatterId, matters[m.MatterId].Code, matters[m.MatterId].Name, matters[m.MatterId].Domain,
                m.Authority, m.FineCap, m.ExcludedPenalties.Each(), m.LawName, m.LawArticle)).OrderBy(m => m.Code).ToList());
    }

    public static async Task<Results<Ok<AgreementDto>, NotFound>> Get(Guid id, EntrustDbContext db, AgreementBook book, CancellationToken ct) =>
        await DetailAsync(db, id, book.Today, ct) is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound();

    public static FieldErrors Check(this FieldErrors e, AgreementInput i)
    {
        e.Required("DepartmentId", i.DepartmentId?.ToString()).Required("TownshipId", i.TownshipId?.ToString())
            .Required("TermStart", i.TermStart?.ToString()).Required("TermEnd", i.TermEnd?.ToString())
            .Optional("RightsAndObligations", i.RightsAndObligations, 8000).Optional("FundingNote", i.FundingNote, 500)
            .Optional("GrantDecisionNumber", i.GrantDecisionNumber, 100);
        if (!Enum.IsDefined(i.Mode))
        {
            e.Invalid("Mode");
        }
        if (i.Matters is null or { Count: 0 })
        {
            e.Add("Matters", "Agreement.NoMatters");
        }
        return e;
    }

    public static async Task<Results<Created<AgreementDto>, ValidationProblem>> Create(AgreementInput input, AgreementBook book,
        EntrustDbContext db, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var errors = new FieldErrors(text).Check(input);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var agreement = await book.CreateAsync(input, ct);
        return TypedResults.Created($"/api/agreements/{agreement.Id}", (await DetailAsync(db, agreement.Id, book.Today, ct))!);
    }

    public static async Task<Results<Ok<AgreementDto>, NotFound, ValidationProblem>> Revise(Guid id, AgreementInput input, AgreementBook book,
        EntrustDbContext db, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var errors = new FieldErrors(text).Check(input with { DepartmentId = input.DepartmentId ?? Guid.Empty, TownshipId = input.TownshipId ?? Guid.Empty });
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        return await book.ReviseAsync(id, input, ct) is null ? TypedResults.NotFound() : TypedResults.Ok((await DetailAsync(db, id, book.Today, ct))!);
    }

    public static async Task<Results<NoContent, NotFound>> Delete(Guid id, AgreementBook book, CancellationToken ct) =>
        await book.DeleteDraftAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Ok<AgreementDto>, NotFound>> Step(Task<Agreement?> step, EntrustDbContext db, AgreementBook book, CancellationToken ct) =>
        await step is { } a ? TypedResults.Ok((await DetailAsync(db, a.Id, book.Today, ct))!) : TypedResults.NotFound();

    public static async Task<Ok<List<AgreementRow>>> BatchSign(BatchSignInput input, AgreementBook book, EntrustDbContext db, CancellationToken ct)
    {
        var signed = await book.BatchSignAsync(input, ct);
        var ids = signed.Select(a => a.Id).ToList();
        var rows = await Rows(db, new AgreementFilter(input.TownshipId, null, null, null, null, null, null), book.Today, ids).ToListAsync(ct);
        return TypedResults.Ok(rows);
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> Document(Guid id, EntrustDbContext db, AgreementBook book, CancellationToken ct)
    {
        var dto = await DetailAsync(db, id, book.Today, ct);
        if (dto is null)
        {
            return TypedResults.NotFound();
        }
        var bytes = AgreementDocument.Render(await DocumentModelAsync(db, dto, ct));
        return TypedResults.File(bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"{dto.Number}-v{dto.Version}.docx");
    }

    public static async Task<AgreementDocumentModel> DocumentModelAsync(EntrustDbContext db, AgreementDto a, CancellationToken ct)
    {
        var township = await db.Townships.IgnoreQueryFilters().Where(t => t.Id == a.TownshipId).Select(t => new { t.Name, t.Kind, t.DistrictId }).FirstAsync(ct);
        var district = await db.Districts.IgnoreQueryFilters().Where(d => d.Id == township.DistrictId).Select(d => d.Name).FirstAsync(ct);
        return new AgreementDocumentModel(a.Number, district, a.Mode == AgreementMode.Grant, a.GrantDecisionNumber, a.DepartmentName,
            Catalog.Township.GovernmentNameOf(township.Name, township.Kind),
            a.Matters.Select(m => new AgreementDocumentMatter(m.Code, m.Name, AuthorityText(m.Authority, m.FineCap, PenaltyKindSet.Combine(m.ExcludedPenalties)), $"《{m.LawName}》{m.LawArticle}")).ToList(),
            a.TermStart, a.TermEnd, a.RightsAndObligations, a.FundingAmount, a.FundingNote, a.DepartmentSignatory, a.TownshipSignatory, a.SignedOn, a.Version);
    }

    /// <summary>The official document is always in Chinese: the authority with its limits, e.g. 一般程序处罚（罚款不超过5000元；不得吊销许可证件）.</summary>
    public static string AuthorityText(Authority authority, decimal? cap, PenaltyKinds excluded = PenaltyKinds.None)
    {
        if (authority == Authority.InspectionOnly)
        {
            return "仅限检查";
        }
        var limits = new List<string>();
        if (cap is { } c)
        {
            limits.Add($"罚款不超过{c:0.##}元");
        }
        if (excluded != PenaltyKinds.None)
        {
            limits.Add("不得" + string.Join("、", excluded.Each().Select(PenaltyKindSet.ChineseName)));
        }
        var text = authority == Authority.SummaryPenalty ? "简易程序处罚" : "一般程序处罚";
        return limits.Count == 0 ? text : $"{text}（{string.Join("；", limits)}）";
    }
}
