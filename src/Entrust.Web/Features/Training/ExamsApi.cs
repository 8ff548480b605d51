using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Training;

/// <summary>/api/exams: sittings, scores (entered or imported, eligible trainees only) and results with totals.</summary>
public static class ExamsApi
{
    public sealed record ExamFilter(string? Q, int? Page, int? PageSize);
    public sealed record ImportResponse(int Changed);

    public static void MapExamsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/exams").RequireAuthorization(Api.Policy).WithTags("Exams");
        api.MapGet("", List);
        api.MapGet("/export", Export);
        api.MapGet("/{id:guid}", Get);
        api.MapPost("", Create);
        api.MapPut("/{id:guid}", Update);
        api.MapGet("/{id:guid}/scores", Scores);
        api.MapPut("/{id:guid}/scores", SetScores);
        api.MapGet("/{id:guid}/scores/template", Template);
        api.MapPost("/{id:guid}/scores/import", Import).DisableAntiforgery();
        api.MapGet("/{id:guid}/results", Results);
        api.MapGet("/{id:guid}/results/export", ResultsExport);
    }

    public static async Task<Ok<Paged<ExamBook.ExamRow>>> List([AsParameters] ExamFilter filter, ExamBook book, CancellationToken ct) =>
        TypedResults.Ok(await book.Rows(filter.Q).ToPagedAsync(filter.Page, filter.PageSize, ct));

    /// <summary>The exams the /Exams list shows for the same search (<c>q</c>; <c>sort</c>: a column of the list), every page of it, as .xlsx.</summary>
    public static async Task<FileContentHttpResult> Export(string? q, string? sort, ExamBook book, ListExport export, CancellationToken ct) =>
        ListExport.Answer(await book.ExportAsync(q, new ListQuery { Sort = sort }, export, ct));

    public static async Task<Results<Ok<ExamBook.ExamDto>, NotFound>> Get(Guid id, ExamBook book, CancellationToken ct) =>
        await book.DetailAsync(id, ct) is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound();

    public static async Task<Results<Created<ExamBook.ExamDto>, ValidationProblem>> Create(ExamInput input, ExamBook book,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        TrainingAccess.EnsureRun(book.User);
        var errors = ExamBook.Check(new FieldErrors(text), input, creating: true);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var exam = await book.CreateAsync(input, ct);
        return TypedResults.Created($"/api/exams/{exam.Id}", (await book.DetailAsync(exam.Id, ct))!);
    }

    public static async Task<Results<Ok<ExamBook.ExamDto>, NotFound, ValidationProblem>> Update(Guid id, ExamInput input, ExamBook book,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        TrainingAccess.EnsureRun(book.User);
        var errors = ExamBook.Check(new FieldErrors(text), input, creating: false);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        return await book.UpdateAsync(id, input, ct) is null ? TypedResults.NotFound() : TypedResults.Ok((await book.DetailAsync(id, ct))!);
    }

    /// <summary>Every trainee of the exam's classes the user may see, with eligibility and score (the results without totals).</summary>
    public static async Task<Results<Ok<IReadOnlyList<ExamBook.ResultRow>>, NotFound>> Scores(Guid id, ExamBook book, CancellationToken ct) =>
        await book.ResultsAsync(id, ct) is { } results ? TypedResults.Ok(results.Trainees) : TypedResults.NotFound();

    public static async Task<Results<Ok<IReadOnlyList<ExamBook.ResultRow>>, NotFound, ProblemHttpResult>> SetScores(Guid id, ScoresInput input,
        ExamBook book, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        try
        {
            return await book.SetScoresAsync(id, input, [], ct) is null ? TypedResults.NotFound() : TypedResults.Ok((await book.ResultsAsync(id, ct))!.Trainees);
        }
        catch (RowsRejected rejected)
        {
            return rejected.ToProblem(text, "Batch.Rejected");
        }
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> Template(Guid id, ExamBook book, CancellationToken ct) =>
        await book.TemplateAsync(id, ct) is { } file
            ? TypedResults.File(file.File, Spreadsheet.ContentType, file.Name)
            : TypedResults.NotFound();

    public static Task<Results<Ok<ImportResponse>, NotFound, ProblemHttpResult>> Import(Guid id, IFormFile? file, ExamBook book,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        TrainingAccess.EnsureRun(book.User);
        return SpreadsheetImport.ApiIntoAsync(file, text, stream => book.ImportAsync(id, stream, ct), r => new ImportResponse(r.Changed));
    }

    /// <summary>
    /// The results the exam's score grid shows (every trainee the reader sees; <c>sort</c>: a column of the grid), as .xlsx; 404 for
    /// an exam out of sight.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, NotFound>> ResultsExport(Guid id, string? sort, ExamBook book, ListExport export,
        CancellationToken ct) =>
        await book.ResultsExportAsync(id, new ListQuery { Sort = sort }, export, ct) is { } file ? ListExport.Answer(file) : TypedResults.NotFound();

    public static async Task<Results<Ok<ExamBook.ResultsDto>, NotFound>> Results(Guid id, ExamBook book, CancellationToken ct) =>
        await book.ResultsAsync(id, ct) is { } results ? TypedResults.Ok(results) : TypedResults.NotFound();
}
