using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Agreements;

/// <summary>Docking, the entrustment matrix, the entitlement question and public disclosure: one-line handlers over <see cref="EntrustmentBook"/>.</summary>
public static class EntrustmentApi
{
    public static void MapEntrustmentApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(Api.Policy).WithTags("Agreements");
        api.MapGet("/docking", async (Guid? township, bool? undocked, EntrustmentBook book, CancellationToken ct) =>
            TypedResults.Ok(await book.DockingsAsync(township, undocked == true, ct)));
        api.MapGet("/docking/export", DockingExport);
        api.MapPut("/docking", Dock);
        api.MapGet("/matrix", async (DateOnly? date, Guid? township, Guid? department, AgreementMode? mode, EntrustmentBook book, CancellationToken ct) =>
            TypedResults.Ok(await book.MatrixAsync(new MatrixFilter(date, township, department, mode), ct)));
        api.MapGet("/matrix/export", async (DateOnly? date, Guid? township, Guid? department, AgreementMode? mode, EntrustmentBook book,
            IStringLocalizer<SharedResource> text, CancellationToken ct) =>
            TypedResults.File(await book.MatrixWorkbookAsync(new MatrixFilter(date, township, department, mode), text, ct), MatterSpreadsheet.ContentType,
                EntrustmentBook.MatrixFileName));
        api.MapGet("/entitlements", Entitle);
        app.MapGet("/api/public/agreements", async (string? district, Guid? township, string? q, EntrustmentBook book, CancellationToken ct) =>
            TypedResults.Ok(await book.PublicAsync(district, township, q, ct))).AllowAnonymous().WithTags("Public");
    }

    /// <summary>
    /// The pairs the /Agreements/Docking list shows for the same filter (<c>township</c>, <c>undocked</c>; <c>sort</c>: a column of the
    /// list), every page of it, as .xlsx; the query filters decide whose pairs.
    /// </summary>
    public static async Task<FileContentHttpResult> DockingExport(Guid? township, bool? undocked, string? sort, EntrustmentBook book,
        ListExport export, IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        ListExport.Answer(await book.DockingExportAsync(township, undocked == true, new ListQuery { Sort = sort }, export, text, ct));

    /// <summary>The township (or the office) names the internal office responsible for one department's matters.</summary>
    public static async Task<Results<Ok<DockingRow>, NotFound, ValidationProblem>> Dock(DockingInput input, EntrustmentBook book,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        EntrustmentBook.Check(new FieldErrors(text), input) is { Any: true } errors ? errors.ToProblem()
        : await book.DockAsync(input, ct) is { } row ? TypedResults.Ok(row)
        : TypedResults.NotFound();

    /// <summary>GET /api/entitlements?township=&amp;matter=&amp;authority=&amp;date=&amp;fine=: the one question inspections and cases ask.</summary>
    public static async Task<Results<Ok<EntitlementAnswer>, NotFound, ValidationProblem>> Entitle(Guid? township, Guid? matter, Authority? authority,
        DateOnly? date, decimal? fine, EntrustmentBook book, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var question = new EntitlementQuestion(township, matter, authority, date, fine);
        return EntrustmentBook.Check(new FieldErrors(text), question) is { Any: true } errors ? errors.ToProblem()
            : await book.EntitleAsync(question, text, ct) is { } answer ? TypedResults.Ok(answer)
            : TypedResults.NotFound();
    }
}
