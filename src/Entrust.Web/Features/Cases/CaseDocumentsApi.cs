using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Entrust.Web.Features.Cases;

/// <summary>
/// The case documents as .docx (<c>GET /api/cases/{id}/documents/notice|decision</c>) for whoever may see the case, and the
/// public decisions (<c>GET /api/public/decisions</c>) for anyone.
/// </summary>
public static class CaseDocumentsApi
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static void MapCaseDocumentsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cases/{id:guid}/documents/{kind}", Document).RequireAuthorization(Api.Policy).WithTags("Cases");
        app.MapGet("/api/public/decisions", PublicDecisions.Get).AllowAnonymous().WithTags("Public");
        app.MapGet("/api/public/decisions/withdrawn", PublicDecisions.GetWithdrawals).AllowAnonymous().WithTags("Public");
    }

    /// <summary>The notice once notified, the decision once decided (409 naming the state otherwise); 404 for a case out of scope.</summary>
    public static async Task<Results<FileContentHttpResult, NotFound>> Document(Guid id, string kind, CaseBook book, CancellationToken ct) =>
        await book.DocumentAsync(id, kind, ct) is { } document ? TypedResults.File(document.Content, DocxType, document.Name) : TypedResults.NotFound();
}
