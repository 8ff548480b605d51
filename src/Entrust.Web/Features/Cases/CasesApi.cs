using Entrust.Web.Features.Inspections;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Cases;

public sealed record CaseSettingsDto(CaseSettings Settings, IReadOnlyList<Guid> LegalReviewerIds);

/// <summary>
/// /api/cases: lists, one case, filing (general and summary procedure), one POST per step, evidence and its files, remedies,
/// the deadline list and the office's settings. Every answer about a case is its <see cref="CaseView"/>; a step the case's state
/// forbids answers 409 naming the state (and the rule, where the law names one), a refused step 400 naming the rule.
/// </summary>
public static class CasesApi
{
    public static void MapCasesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/cases").RequireAuthorization(Api.Policy).WithTags("Cases");
        api.MapGet("", List);
        api.MapGet("/export", Export);
        api.MapGet("/deadlines", Deadlines);
        api.MapGet("/deadlines/export", DeadlinesExport);
        api.MapGet("/settings", Settings);
        api.MapPut("/settings", SaveSettings);
        api.MapGet("/{id:guid}", Get);
        api.MapPost("", File);
        api.MapPost("/summary", Summary);

        api.MapPost("/{id:guid}/investigate", (Guid id, OfficersStepInput input, CaseBook book, CancellationToken ct) =>
            View(book.InvestigateAsync(id, input, ct), book, ct));
        api.MapPost("/{id:guid}/classify", (Guid id, ClassifyInput input, CaseBook book, CancellationToken ct) =>
            View(book.ClassifyAsync(id, input, ct), book, ct));
        api.MapPost("/{id:guid}/lead", (Guid id, CaseBook book, CancellationToken ct) =>
            View(book.TakeLeadAsync(id, ct), book, ct));
        api.MapPost("/{id:guid}/notify", (Guid id, NoticeInput input, CaseBook book, CancellationToken ct) =>
            View(book.NotifyAsync(id, input, ct), book, ct));
        api.MapPost("/{id:guid}/representations", (Guid id, RepresentationsInput input, CaseBook book, CancellationToken ct) =>
            View(book.RecordRepresentationsAsync(id, input, ct), book, ct));
        api.MapPost("/{id:guid}/waive", (Guid id, DateInput input, CaseBook book, CancellationToken ct) =>
            View(book.WaiveAsync(id, input, ct), book, ct));
        api.MapPost("/{id:guid}/request-hearing", (Guid id, DateInput input, CaseBook book, CancellationToken ct) =>
            View(book.RequestHearingAsync(id, input, ct), book, ct));
        api.MapPost("/{id:guid}/hold-hearing", (Guid id, HearingInput input, CaseBook book, CancellationToken ct) =>
            View(book.HoldHearingAsync(id, input, ct), book, ct));
        api.MapPost("/{id:guid}/review", (Guid id, ReviewInput input, CaseBook book, CancellationToken ct) =>
            View(book.ReviewAsync(id, input, ct), book, ct));
        api.MapPost("/{id:guid}/discuss", (Guid id, DiscussionInput input, CaseBook book, CancellationToken ct) =>
            View(book.DiscussAsync(id, input, ct), book, ct));
        api.MapPost("/{id:guid}/decide", (Guid id, DecisionInput input, CaseBook book, CancellationToken ct) =>
            View(book.DecideAsync(id, input, ct), book, ct));
        api.MapPost("/{id:guid}/deliver", (Guid id, DeliveryInput input, CaseBook book, CancellationToken ct) =>
            View(book.DeliverAsync(id, input, ct), book, ct));
        api.MapPost("/{id:guid}/record-payment", (Guid id, PaymentInput input, CaseBook book, CancellationToken ct) =>
            View(book.RecordPaymentAsync(id, input, ct), book, ct));
        api.MapPost("/{id:guid}/defer-payment", (Guid id, PaymentDeferralInput input, CaseBook book, CancellationToken ct) =>
            View(book.DeferPaymentAsync(id, input, ct), book, ct));
        api.MapPost("/{id:guid}/payment-plan", (Guid id, PaymentPlanInput input, CaseBook book, CancellationToken ct) =>
            View(book.ArrangeInstalmentsAsync(id, input, ct), book, ct));
        api.MapPost("/{id:guid}/execute", (Guid id, DateInput input, CaseBook book, CancellationToken ct) =>
            View(book.ExecuteAsync(id, input, ct), book, ct));
        api.MapPost("/{id:guid}/report-for-filing", (Guid id, DateInput input, CaseBook book, CancellationToken ct) =>
            View(book.ReportForFilingAsync(id, input, ct), book, ct));
        api.MapPost("/{id:guid}/close", (Guid id, DateInput input, CaseBook book, CancellationToken ct) =>
            View(book.CloseAsync(id, input, ct), book, ct));
        api.MapPost("/{id:guid}/transfer", (Guid id, TransferInput input, CaseBook book, CancellationToken ct) =>
            View(book.TransferAsync(id, input, ct), book, ct));
        api.MapPost("/{id:guid}/extend", (Guid id, ExtensionInput input, CaseBook book, CancellationToken ct) =>
            View(book.ExtendAsync(id, input, ct), book, ct));
        api.MapGet("/{id:guid}/publication-preview", async Task<Results<Ok<PublicDecisions.Entry>, NotFound>> (Guid id,
            Entrust.Web.Data.EntrustDbContext db, TimeProvider clock, CancellationToken ct) =>
            await PublicDecisions.PreviewAsync(db, id, clock.TodayInChina(), ct) is { } entry ? TypedResults.Ok(entry) : TypedResults.NotFound());
        api.MapPost("/{id:guid}/publish", (Guid id, DateInput input, CaseBook book, CancellationToken ct) =>
            View(book.PublishAsync(id, input, ct), book, ct));
        api.MapPost("/{id:guid}/withdraw", (Guid id, DateInput input, CaseBook book, CancellationToken ct) =>
            View(book.WithdrawFromPublicAsync(id, input, ct), book, ct));
        api.MapPost("/{id:guid}/refund", (Guid id, DateInput input, CaseBook book, CancellationToken ct) =>
            View(book.RecordRefundAsync(id, input, ct), book, ct));

        api.MapPost("/{id:guid}/evidence", AddEvidence);
        // Bearer-only: no cookie reaches these endpoints, so there is no cross-site form to forge.
        api.MapPost("/{id:guid}/evidence/{evidenceId:guid}/files", AddFiles).DisableAntiforgery();
        api.MapGet("/{id:guid}/files/{fileId:guid}", Download);
        api.MapPost("/{id:guid}/remedies", AddRemedy);
        api.MapPost("/{id:guid}/recusals", (Guid id, RecusalInput input, CaseBook book, CancellationToken ct) =>
            View(book.ApplyForRecusalAsync(id, input, ct), book, ct));
        api.MapPost("/{id:guid}/recusals/{recusalId:guid}/decision", (Guid id, Guid recusalId, RecusalDecisionInput input, CaseBook book,
            CancellationToken ct) => View(book.DecideRecusalAsync(id, recusalId, input, ct), book, ct));
        api.MapPost("/{id:guid}/remedies/{remedyId:guid}/outcome", (Guid id, Guid remedyId, RemedyOutcomeInput input, CaseBook book,
            CancellationToken ct) => View(book.RecordRemedyOutcomeAsync(id, remedyId, input, ct), book, ct));
    }

    private static async Task<Results<Ok<CaseView>, NotFound>> View(Task<Case?> step, CaseBook book, CancellationToken ct) =>
        await step is { } c ? TypedResults.Ok((await book.FindAsync(c.Id, ct))!) : TypedResults.NotFound();

    public static async Task<Ok<Paged<CaseRow>>> List([AsParameters] CaseFilter filter, CaseBook book, CancellationToken ct) =>
        TypedResults.Ok(await book.SearchAsync(filter, ct));

    /// <summary>
    /// The cases the /Cases list shows for the same filter (<c>state</c>, <c>matter</c>, <c>township</c>, <c>procedure</c>, <c>overdue</c>,
    /// <c>dueSoon</c>, <c>q</c>; <c>sort</c>: a column of the list), every page of it, with each case's next deadline, as .xlsx.
    /// </summary>
    public static async Task<FileContentHttpResult> Export(CaseState? state, Guid? matter, Guid? township, CaseProcedure? procedure,
        bool? overdue, bool? dueSoon, string? q, string? sort, CaseBook book, ListExport export, IStringLocalizer<SharedResource> text,
        CancellationToken ct) =>
        ListExport.Answer(await book.ExportAsync(new CaseFilter(state, matter, township, procedure, overdue, dueSoon, q, null, null),
            new ListQuery { Sort = sort }, export, text, ct));

    /// <summary>
    /// The deadlines the /Cases/Deadlines list shows for the same filter (<c>township</c>, <c>matter</c>, <c>within</c> working days;
    /// <c>sort</c>: a column of the list), every page of it, as .xlsx.
    /// </summary>
    public static async Task<FileContentHttpResult> DeadlinesExport(Guid? township, Guid? matter, int? within, string? sort, CaseBook book,
        ListExport export, IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        ListExport.Answer(await book.DeadlinesExportAsync(new DeadlineFilter(township, matter, within), new ListQuery { Sort = sort },
            export, text, ct));

    public static async Task<Results<Ok<CaseView>, NotFound>> Get(Guid id, CaseBook book, CancellationToken ct) =>
        await book.FindAsync(id, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    public static async Task<Ok<DeadlineList>> Deadlines([AsParameters] DeadlineFilter filter, CaseBook book, CancellationToken ct) =>
        TypedResults.Ok(await book.DeadlinesAsync(filter, ct));

    public static async Task<Results<Created<CaseView>, NotFound, ValidationProblem>> File(CaseFileInput input, CaseBook book,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (!book.MayFile)
        {
            throw new ForbiddenAction();
        }
        var errors = book.Check(new FieldErrors(text), input);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        return await book.FileAsync(input, ct) is { } c
            ? TypedResults.Created($"/api/cases/{c.Id}", (await book.FindAsync(c.Id, ct))!)
            : TypedResults.NotFound();
    }

    public static async Task<Results<Created<CaseView>, NotFound, ValidationProblem>> Summary(SummaryCaseInput input, CaseBook book,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (!book.MayDecideOnTheSpot)
        {
            throw new ForbiddenAction();
        }
        var errors = book.Check(new FieldErrors(text), input);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        return await book.DecideOnTheSpotAsync(input, ct) is { } c
            ? TypedResults.Created($"/api/cases/{c.Id}", (await book.FindAsync(c.Id, ct))!)
            : TypedResults.NotFound();
    }

    public static async Task<Results<Created<CaseView>, NotFound>> AddEvidence(Guid id, EvidenceInput input, CaseBook book, CancellationToken ct) =>
        await book.AddEvidenceAsync(id, input, ct) is not null
            ? TypedResults.Created($"/api/cases/{id}", (await book.FindAsync(id, ct))!)
            : TypedResults.NotFound();

    public static async Task<Results<Ok<IReadOnlyList<CaseFileDto>>, NotFound>> AddFiles(Guid id, Guid evidenceId, IFormFileCollection files,
        CaseBook book, CancellationToken ct)
    {
        var uploaded = await InspectionsApi.ReadAsync(files, book.MaxFileBytes, ct);
        if (await book.AddEvidenceFilesAsync(id, evidenceId, uploaded, ct) is not { } kept)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok<IReadOnlyList<CaseFileDto>>(
            [.. kept.Select(f => new CaseFileDto(f.Id, f.EvidenceId, f.Name, f.ContentType, f.Size, f.Sha256, f.UploadedAt))]);
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> Download(Guid id, Guid fileId, CaseBook book, CancellationToken ct) =>
        await book.FileAsync(id, fileId, ct) is { } f ? TypedResults.File(f.Content, f.ContentType, f.Name) : TypedResults.NotFound();

    public static async Task<Results<Created<CaseView>, NotFound>> AddRemedy(Guid id, RemedyInput input, CaseBook book, CancellationToken ct) =>
        await book.AddRemedyAsync(id, input, ct) is not null
            ? TypedResults.Created($"/api/cases/{id}", (await book.FindAsync(id, ct))!)
            : TypedResults.NotFound();

    public static async Task<Results<Ok<CaseSettingsDto>, NotFound>> Settings(Guid? district, CurrentUser user, CaseBook book,
        CancellationToken ct)
    {
        // A district's users read their own district's settings; the admin names the district.
        if ((user.DistrictId ?? district) is not { } districtId)
        {
            return TypedResults.NotFound();
        }
        var (settings, reviewers) = await book.SettingsOfAsync(districtId, ct);
        return TypedResults.Ok(new CaseSettingsDto(settings, reviewers));
    }

    public static async Task<Ok<CaseSettingsDto>> SaveSettings(CaseSettingsInput input, CaseBook book, CancellationToken ct)
    {
        var row = await book.SaveSettingsAsync(input, ct);
        return TypedResults.Ok(new CaseSettingsDto(row.ToSettings(), row.LegalReviewerIds));
    }
}
