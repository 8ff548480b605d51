using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;

namespace Entrust.Web.Features.Audit;

/// <summary>/api/audit: one-line handlers over <see cref="AuditBook"/>.</summary>
public static class AuditApi
{
    public const string JsonLinesType = "application/x-ndjson";

    public static void MapAuditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/audit").RequireAuthorization(Api.AuditReader).WithTags("Audit");
        api.MapGet("", async ([AsParameters] AuditFilter filter, AuditBook book, CancellationToken ct) => TypedResults.Ok(await book.ListAsync(filter, ct)));
        // The /Audit page's export: the list's filter (entity, entityId, user, from, to, unit, action; sort: a column), read and masked as
        // the page shows it, as .xlsx.
        api.MapGet("/export", async (string? entity, string? entityId, string? user, DateOnly? from, DateOnly? to, Guid? unit, string? action,
            string? sort, AuditBook book, AuditReader reader, ListExport export, CancellationToken ct) =>
            ListExport.Answer(await book.ExportAsync(new AuditFilter(entity, entityId, user, from, to, null, null, unit, action),
                new ListQuery { Sort = sort }, reader, export, ct)));
        // JSON lines for a log server: the list's filter, every page of it, streamed.
        api.MapGet("/export.jsonl", ([AsParameters] AuditFilter filter, AuditBook book, CancellationToken ct) =>
            TypedResults.Stream(stream => book.WriteJsonLinesAsync(filter, stream, ct), JsonLinesType, "audit.jsonl"));
        api.MapGet("/verify", async (AuditBook book, CancellationToken ct) => TypedResults.Ok(await book.VerifyAsync(ct)));
        // The same check, held also against checkpoints the office kept (as POST /checkpoints answered them).
        api.MapPost("/verify", async (VerifyRequest request, AuditBook book, CancellationToken ct) =>
            TypedResults.Ok(await book.VerifyAsync(ct, request.Checkpoints)));
        // A signed checkpoint of the chain's head now, also appended to the checkpoint directory: the office keeps it.
        api.MapPost("/checkpoints", async (AuditBook book, CancellationToken ct) => TypedResults.Ok(await book.CheckpointAsync(ct)));
    }
}
