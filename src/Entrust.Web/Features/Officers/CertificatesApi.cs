using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Officers;

/// <summary>/api/certificates and /api/qualification-settings: one-line handlers over <see cref="CertificateBook"/>.</summary>
public static class CertificatesApi
{
    public sealed record ReasonInput(string? Reason);
    public sealed record ReviewInput(bool? Passed, string? Note);

    public static void MapCertificatesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/certificates").RequireAuthorization(Api.Policy).WithTags("Officers");
        api.MapGet("", async ([AsParameters] CertificateFilter filter, CertificateBook book, CancellationToken ct) =>
            TypedResults.Ok(await book.PageAsync(filter, ct)));
        api.MapGet("/export", Export);
        api.MapGet("/candidates", async (CertificateBook book, CancellationToken ct) => TypedResults.Ok(await book.CandidatesAsync(ct)));
        api.MapGet("/{id:guid}", (Guid id, CertificateBook book, CancellationToken ct) => Row(book.RowAsync(id, ct)));
        api.MapPost("", Issue);
        api.MapPost("/{id:guid}/suspend", (Guid id, ReasonInput input, CertificateBook book, CancellationToken ct) =>
            Step(book.SuspendAsync(id, input.Reason, ct), book, ct));
        api.MapPost("/{id:guid}/reinstate", (Guid id, ReasonInput input, CertificateBook book, CancellationToken ct) =>
            Step(book.ReinstateAsync(id, input.Reason, ct), book, ct));
        api.MapPost("/{id:guid}/revoke", (Guid id, ReasonInput input, CertificateBook book, CancellationToken ct) =>
            Step(book.RevokeAsync(id, input.Reason, ct), book, ct));
        api.MapPost("/{id:guid}/review", (Guid id, ReviewInput input, CertificateBook book, CancellationToken ct) =>
            Step(book.ReviewAsync(id, input.Passed ?? true, input.Note, ct), book, ct));

        var settings = app.MapGroup("/api/qualification-settings").RequireAuthorization(Api.Policy).WithTags("Officers");
        settings.MapGet("", (Guid? district, CertificateBook book, IStringLocalizer<SharedResource> text, CancellationToken ct) =>
            Settings(book.SettingsAsync(district, ct), text));
        settings.MapPut("", (Guid? district, QualificationFields input, CertificateBook book, IStringLocalizer<SharedResource> text,
            CancellationToken ct) => Settings(book.SaveSettingsAsync(district, input, ct), text)).RequireAuthorization(Api.CatalogueKeeper);
    }

    /// <summary>
    /// The certificates the /Certificates list shows for the same filter (<c>officer</c>, <c>unit</c>, <c>validity</c>, <c>expiring</c>,
    /// <c>q</c>; <c>sort</c>: a column of the list, the expiring soonest first by default when <c>expiring</c>), every page of it, as .xlsx.
    /// </summary>
    public static async Task<FileContentHttpResult> Export(Guid? officer, Guid? unit, CertificateValidity? validity, bool? expiring, string? q,
        string? sort, CertificateBook book, ListExport export, IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        ListExport.Answer(await book.ExportAsync(new CertificateFilter(officer, unit, validity, expiring, q, null, null),
            new ListQuery { Sort = sort }, export, text, ct));

    public static async Task<Created<CertificateRow>> Issue(IssueInput input, CertificateBook book, CancellationToken ct)
    {
        var certificate = await book.IssueAsync(input, ct);
        return TypedResults.Created($"/api/certificates/{certificate.Id}", (await book.RowAsync(certificate.Id, ct))!);
    }

    private static async Task<Results<Ok<CertificateRow>, NotFound>> Row(Task<CertificateRow?> row) =>
        await row is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();

    private static async Task<Results<Ok<CertificateRow>, NotFound>> Step(Task<Certificate?> step, CertificateBook book, CancellationToken ct) =>
        await step is { } c ? await Row(book.RowAsync(c.Id, ct)) : TypedResults.NotFound();

    /// <summary>No district named (the admin's) or none in sight: the district is required.</summary>
    private static async Task<Results<Ok<QualificationSettings>, ValidationProblem>> Settings(Task<QualificationSettings?> settings,
        IStringLocalizer<SharedResource> text) =>
        await settings is { } found ? TypedResults.Ok(found) : new FieldErrors(text).Required("DistrictId", null).ToProblem();
}
