using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Scope;

/// <summary>/api/scope and /api/scope-requests: one-line handlers over <see cref="ScopeBook"/>.</summary>
public static class ScopeApi
{
    public static void MapScopeApi(this IEndpointRouteBuilder app)
    {
        var scope = app.MapGroup("/api/scope").RequireAuthorization(Api.Policy).WithTags("Scope");
        scope.MapGet("", async (ScopeBook book, CancellationToken ct) => TypedResults.Ok(await book.ReadAsync(ct)));
        scope.MapPost("/decisions", Decide).RequireAuthorization(Api.CatalogueKeeper);
        var requests = app.MapGroup("/api/scope-requests").RequireAuthorization(Api.Policy).WithTags("Scope");
        requests.MapGet("", async (ScopeRequestState? state, string? sort, ScopeBook book, CancellationToken ct) =>
            TypedResults.Ok(await book.RequestsAsync(state, sort, ct)));
        requests.MapGet("/export", Export);
        requests.MapPost("", Request);
        requests.MapPost("/{id:guid}/approve", Approve).RequireAuthorization(Api.CatalogueKeeper);
        requests.MapPost("/{id:guid}/reject", Reject).RequireAuthorization(Api.CatalogueKeeper);
    }

    /// <summary>
    /// The requests the /Scope page lists (<c>state</c>, as GET /api/scope-requests takes it; <c>sort</c>: a column of the list), every
    /// page of it, as .xlsx; a township exports its own requests.
    /// </summary>
    public static async Task<FileContentHttpResult> Export(ScopeRequestState? state, string? sort, ScopeBook book, ListExport export,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        ListExport.Answer(await book.RequestsExportAsync(state, new ListQuery { Sort = sort }, export, text, ct));

    public static async Task<Results<Created<ScopeDecisionRow>, ValidationProblem>> Decide(ScopeDecisionInput input, ScopeBook book,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        book.Check(new FieldErrors(text), input) is { Any: true } errors
            ? errors.ToProblem()
            : TypedResults.Created("/api/scope", await book.DecideAsync(input, ct));

    public static async Task<Results<Created<ScopeRequestRow>, ValidationProblem, NotFound>> Request(ScopeRequestInput input, ScopeBook book,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        book.Check(new FieldErrors(text), input) is { Any: true } errors ? errors.ToProblem()
        : await book.RequestAsync(input, ct) is { } row ? TypedResults.Created($"/api/scope-requests/{row.Id}", row)
        : TypedResults.NotFound();

    public static async Task<Results<Ok<ScopeRequestRow>, ValidationProblem, NotFound>> Approve(Guid id, ScopeApprovalInput input, ScopeBook book,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        book.Check(new FieldErrors(text), input) is { Any: true } errors ? errors.ToProblem()
        : await book.ApproveAsync(id, input, ct) is { } row ? TypedResults.Ok(row)
        : TypedResults.NotFound();

    public static async Task<Results<Ok<ScopeRequestRow>, ValidationProblem, NotFound>> Reject(Guid id, ScopeRejectionInput input, ScopeBook book,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        book.Check(new FieldErrors(text), input) is { Any: true } errors ? errors.ToProblem()
        : await book.RejectAsync(id, input, ct) is { } row ? TypedResults.Ok(row)
        : TypedResults.NotFound();
}
