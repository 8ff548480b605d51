using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Agreements;

/// <summary>/api/agreements: one-line handlers over <see cref="AgreementBook"/>.</summary>
public static class AgreementsApi
{
    public static void MapAgreementsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/agreements").RequireAuthorization(Api.Policy).WithTags("Agreements");
        api.MapGet("", async ([AsParameters] AgreementFilter filter, AgreementBook book, CancellationToken ct) =>
            TypedResults.Ok(await book.ListAsync(filter, ct)));
        api.MapGet("/export", Export);
        api.MapGet("/{id:guid}", Get);
        api.MapPost("", Create);
        api.MapPut("/{id:guid}", Revise);
        api.MapDelete("/{id:guid}", Delete);
        api.MapPost("/{id:guid}/submit", (Guid id, AgreementBook book, CancellationToken ct) => Shown(book.SubmitAsync(id, ct), book, ct));
        api.MapPost("/{id:guid}/review", (Guid id, ReviewInput? input, AgreementBook book, CancellationToken ct) =>
            Shown(book.ReviewAsync(id, input?.Approved ?? true, ct), book, ct));
        api.MapPost("/{id:guid}/sign", (Guid id, SignInput input, AgreementBook book, CancellationToken ct) =>
            Shown(book.SignAsync(id, input, ct), book, ct));
        api.MapPost("/{id:guid}/publish", (Guid id, PublishInput input, AgreementBook book, CancellationToken ct) =>
            Shown(book.PublishAsync(id, input, ct), book, ct));
        api.MapPost("/{id:guid}/terminate", (Guid id, TerminateInput input, AgreementBook book, CancellationToken ct) =>
            Shown(book.TerminateAsync(id, input, ct), book, ct));
        api.MapPost("/{id:guid}/amend", (Guid id, AgreementBook book, CancellationToken ct) => Shown(book.AmendAsync(id, ct), book, ct));
        api.MapPost("/batch-sign", async (BatchSignInput input, AgreementBook book, CancellationToken ct) =>
            TypedResults.Ok(await book.RowsOfAsync(await book.BatchSignAsync(input, ct), ct)));
        api.MapGet("/{id:guid}/document", Document);
    }

    /// <summary>
    /// The agreements the /Agreements list shows for the same filter (<c>township</c>, <c>department</c>, <c>state</c>, <c>mode</c>,
    /// <c>q</c>; <c>sort</c>: a column of the list), every page of it, as .xlsx; the query filters decide whose agreements.
    /// </summary>
    public static async Task<FileContentHttpResult> Export(Guid? township, Guid? department, AgreementState? state, AgreementMode? mode,
        string? q, string? sort, AgreementBook book, ListExport export, IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        ListExport.Answer(await book.ExportAsync(new AgreementFilter(township, department, state, mode, q, null, null),
            new ListQuery { Sort = sort }, export, text, ct));

    public static async Task<Results<Ok<AgreementDto>, NotFound>> Get(Guid id, AgreementBook book, CancellationToken ct) =>
        await book.GetAsync(id, ct) is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound();

    public static async Task<Results<Created<AgreementDto>, ValidationProblem>> Create(AgreementInput input, AgreementBook book,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (AgreementBook.Check(new FieldErrors(text), input) is { Any: true } errors)
        {
            return errors.ToProblem();
        }
        var agreement = await book.CreateAsync(input, ct);
        return TypedResults.Created($"/api/agreements/{agreement.Id}", (await book.GetAsync(agreement.Id, ct))!);
    }

    public static async Task<Results<Ok<AgreementDto>, NotFound, ValidationProblem>> Revise(Guid id, AgreementInput input, AgreementBook book,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        AgreementBook.Check(new FieldErrors(text), input, revising: true) is { Any: true } errors ? errors.ToProblem()
        : await book.ReviseAsync(id, input, ct) is not null && await book.GetAsync(id, ct) is { } dto ? TypedResults.Ok(dto)
        : TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound>> Delete(Guid id, AgreementBook book, CancellationToken ct) =>
        await book.DeleteDraftAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<FileContentHttpResult, NotFound>> Document(Guid id, AgreementBook book, CancellationToken ct) =>
        await book.DocumentAsync(id, ct) is { } file ? TypedResults.File(file.Content, AgreementDocument.ContentType, file.FileName) : TypedResults.NotFound();

    /// <summary>A step's answer: the agreement it produced (a new version for an amendment) as GET shows it, or 404.</summary>
    private static async Task<Results<Ok<AgreementDto>, NotFound>> Shown(Task<Agreement?> step, AgreementBook book, CancellationToken ct) =>
        await step is { } a && await book.GetAsync(a.Id, ct) is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound();
}
