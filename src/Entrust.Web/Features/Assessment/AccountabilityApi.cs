using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Assessment;

/// <summary><c>/api/accountability</c>: fault-accountability records (执法过错责任追究), thin over <see cref="AccountabilityBook"/>.</summary>
public static class AccountabilityApi
{
    public static void MapAccountabilityApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/accountability").RequireAuthorization(Api.Policy).WithTags("Assessment");
        g.MapGet("", List);
        g.MapGet("/export", async (string? sort, AccountabilityBook book, ListExport export, IStringLocalizer<SharedResource> text, CancellationToken ct) =>
            ListExport.Answer(await book.ExportAsync(new ListQuery { Sort = sort }, export, text, ct)));
        g.MapGet("/{id:guid}", Find);
        g.MapPost("", Open);
        g.MapPost("/{id:guid}/statement", (Guid id, StatementInput input, AccountabilityBook book, CancellationToken ct) =>
            Answer(book.HearAsync(id, input, ct)));
        g.MapPost("/{id:guid}/decision", (Guid id, AccountabilityDecisionInput input, AccountabilityBook book, CancellationToken ct) =>
            Answer(book.DecideAsync(id, input, ct)));
        g.MapPost("/{id:guid}/notice", (Guid id, NoticeInput input, AccountabilityBook book, CancellationToken ct) =>
            Answer(book.NotifyAsync(id, input, ct)));
        g.MapPost("/{id:guid}/appeal", (Guid id, AccountabilityAppealInput input, AccountabilityBook book, CancellationToken ct) =>
            Answer(book.AppealAsync(id, input, ct)));
        g.MapPost("/{id:guid}/appeal/decision", (Guid id, AccountabilityAppealDecisionInput input, AccountabilityBook book, CancellationToken ct) =>
            Answer(book.DecideAppealAsync(id, input, ct)));
    }

    public static async Task<Ok<IReadOnlyList<AccountabilityView>>> List(AccountabilityBook book, CancellationToken ct) =>
        TypedResults.Ok(await book.ListAsync(ct));

    public static Task<Results<Ok<AccountabilityView>, NotFound>> Find(Guid id, AccountabilityBook book, CancellationToken ct) =>
        Answer(book.FindAsync(id, ct));

    public static async Task<Created<AccountabilityView>> Open(AccountabilityInput input, AccountabilityBook book, CancellationToken ct)
    {
        var record = await book.OpenAsync(input, ct);
        return TypedResults.Created($"/api/accountability/{record.Id}", record);
    }

    private static async Task<Results<Ok<AccountabilityView>, NotFound>> Answer(Task<AccountabilityView?> work) =>
        await work is { } record ? TypedResults.Ok(record) : TypedResults.NotFound();
}
