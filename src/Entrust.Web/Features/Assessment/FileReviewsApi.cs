using Entrust.Web.Features.RandomInspections;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entrust.Web.Features.Assessment;

/// <summary><c>/api/file-reviews</c>: the case-file review (案卷评查), thin over <see cref="FileReviewBook"/>.</summary>
public static class FileReviewsApi
{
    public static void MapFileReviewsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/file-reviews").RequireAuthorization(Api.Policy).WithTags("Assessment");
        g.MapGet("", List);
        g.MapGet("/{id:guid}", Find);
        g.MapPost("/draw", DrawSample);
        g.MapGet("/{id:guid}/verify", Verify);
        g.MapPost("/files/{fileId:guid}/reviewers", Assign);
        g.MapPost("/files/{fileId:guid}/score", Score);
    }

    public static async Task<Ok<IReadOnlyList<FileReviewView>>> List(FileReviewBook book, int? year, CancellationToken ct) =>
        TypedResults.Ok(await book.ListAsync(year, ct));

    public static async Task<Results<Ok<FileReviewView>, NotFound>> Find(Guid id, FileReviewBook book, CancellationToken ct) =>
        await book.FindAsync(id, ct) is { } r ? TypedResults.Ok(r) : TypedResults.NotFound();

    public static async Task<Created<FileReviewView>> DrawSample(FileReviewDrawInput input, FileReviewBook book, CancellationToken ct)
    {
        var review = await book.DrawAsync(input, ct);
        return TypedResults.Created($"/api/file-reviews/{review.Id}", review);
    }

    public static async Task<Results<Ok<VerifyAnswer>, NotFound>> Verify(Guid id, FileReviewBook book, CancellationToken ct) =>
        await book.VerifyAsync(id, ct) is { } answer ? TypedResults.Ok(answer) : TypedResults.NotFound();

    public static async Task<Results<Ok<FileReviewView>, NotFound>> Assign(Guid fileId, ReviewersInput input, FileReviewBook book,
        CancellationToken ct) =>
        await book.AssignAsync(fileId, input, ct) is { } r ? TypedResults.Ok(r) : TypedResults.NotFound();

    public static async Task<Results<Ok<FileReviewView>, NotFound>> Score(Guid fileId, FileScoreInput input, FileReviewBook book,
        CancellationToken ct) =>
        await book.ScoreAsync(fileId, input, ct) is { } r ? TypedResults.Ok(r) : TypedResults.NotFound();
}
