using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Training;

/// <summary>
/// /api/training-classes: classes with their sessions, trainees (nominated by their units), attendance (the roster with
/// each trainee's eligibility) and the .xlsx sign-in sheet. Roles are <see cref="TrainingAccess"/>'s.
/// </summary>
public static class TrainingApi
{
    public sealed record ClassFilter(string? Q, int? Page, int? PageSize);

    public static void MapTrainingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/training-classes").RequireAuthorization(Api.Policy).WithTags("Training");
        api.MapGet("", List);
        api.MapGet("/export", Export);
        api.MapGet("/{id:guid}", Get);
        api.MapPost("", Create);
        api.MapPut("/{id:guid}", Update);
        api.MapGet("/{id:guid}/trainees", Trainees);
        api.MapPost("/{id:guid}/trainees", Nominate);
        api.MapDelete("/{id:guid}/trainees/{traineeId:guid}", RemoveTrainee);
        api.MapGet("/{id:guid}/attendance", Roster);
        api.MapPut("/{id:guid}/attendance", SetAttendance);
        api.MapGet("/{id:guid}/attendance/template", Template);
        api.MapGet("/{id:guid}/attendance/export", RosterExport);
        api.MapPost("/{id:guid}/attendance/import", Import).DisableAntiforgery();
    }

    public static async Task<Ok<Paged<TrainingBook.ClassRow>>> List([AsParameters] ClassFilter filter, TrainingBook book, CancellationToken ct) =>
        TypedResults.Ok(await book.Rows(filter.Q).ToPagedAsync(filter.Page, filter.PageSize, ct));

    /// <summary>The classes the /Training list shows for the same search (<c>q</c>; <c>sort</c>: a column of the list), every page of it, as .xlsx.</summary>
    public static async Task<FileContentHttpResult> Export(string? q, string? sort, TrainingBook book, ListExport export, CancellationToken ct) =>
        ListExport.Answer(await book.ExportAsync(q, new ListQuery { Sort = sort }, export, ct));

    public static async Task<Results<Ok<TrainingBook.ClassDto>, NotFound>> Get(Guid id, TrainingBook book, CancellationToken ct) =>
        await book.DetailAsync(id, ct) is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound();

    public static async Task<Results<Created<TrainingBook.ClassDto>, ValidationProblem>> Create(TrainingClassInput input, TrainingBook book,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        TrainingAccess.EnsureRun(book.User);
        var errors = book.Check(new FieldErrors(text), input, creating: true);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var created = await book.CreateAsync(input, ct);
        return TypedResults.Created($"/api/training-classes/{created.Id}", (await book.DetailAsync(created.Id, ct))!);
    }

    public static async Task<Results<Ok<TrainingBook.ClassDto>, NotFound, ValidationProblem>> Update(Guid id, TrainingClassInput input,
        TrainingBook book, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        TrainingAccess.EnsureRun(book.User);
        var errors = book.Check(new FieldErrors(text), input, creating: false);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        return await book.UpdateAsync(id, input, ct) is null ? TypedResults.NotFound() : TypedResults.Ok((await book.DetailAsync(id, ct))!);
    }

    public static async Task<Results<Ok<List<TrainingBook.TraineeDto>>, NotFound>> Trainees(Guid id, TrainingBook book, CancellationToken ct) =>
        await book.TraineesAsync(id, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    public static async Task<Results<Ok<List<TrainingBook.TraineeDto>>, NotFound, ProblemHttpResult>> Nominate(Guid id, NominateInput input,
        TrainingBook book, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        try
        {
            var nominated = await book.NominateAsync(id, input, ct);
            if (nominated is null)
            {
                return TypedResults.NotFound();
            }
            var ids = nominated.Select(t => t.Id).ToHashSet();
            return TypedResults.Ok((await book.TraineesAsync(id, ct))!.Where(t => ids.Contains(t.Id)).ToList());
        }
        catch (RowsRejected rejected)
        {
            return rejected.ToProblem(text, "Batch.Rejected");
        }
    }

    public static async Task<Results<NoContent, NotFound>> RemoveTrainee(Guid id, Guid traineeId, TrainingBook book, CancellationToken ct) =>
        await book.RemoveTraineeAsync(id, traineeId, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<Ok<AttendanceBook.RosterDto>, NotFound>> Roster(Guid id, AttendanceBook book, CancellationToken ct) =>
        await book.RosterAsync(id, ct) is { } roster ? TypedResults.Ok(roster) : TypedResults.NotFound();

    /// <summary>The roster as the class's page exports it (<see cref="AttendanceBook.RosterExportAsync"/>); 404 for a class out of sight.</summary>
    public static async Task<Results<FileContentHttpResult, NotFound>> RosterExport(Guid id, string? sort, AttendanceBook book, ListExport export,
        CancellationToken ct) =>
        await book.RosterExportAsync(id, new ListQuery { Sort = sort }, export, ct) is { } file ? ListExport.Answer(file) : TypedResults.NotFound();

    public static async Task<Results<Ok<AttendanceBook.RosterDto>, NotFound, ProblemHttpResult>> SetAttendance(Guid id, AttendanceInput input,
        AttendanceBook book, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        try
        {
            return await book.SetAsync(id, input, ct) is null ? TypedResults.NotFound() : TypedResults.Ok((await book.RosterAsync(id, ct))!);
        }
        catch (RowsRejected rejected)
        {
            return rejected.ToProblem(text, "Batch.Rejected");
        }
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> Template(Guid id, AttendanceBook book, CancellationToken ct) =>
        await book.TemplateAsync(id, ct) is { } file
            ? TypedResults.File(file.File, Spreadsheet.ContentType, file.Name)
            : TypedResults.NotFound();

    public sealed record ImportResponse(int Changed);

    public static Task<Results<Ok<ImportResponse>, NotFound, ProblemHttpResult>> Import(Guid id, IFormFile? file, AttendanceBook book,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        TrainingAccess.EnsureRun(book.User);
        return SpreadsheetImport.ApiIntoAsync(file, text, stream => book.ImportAsync(id, stream, ct), r => new ImportResponse(r.Changed));
    }
}
