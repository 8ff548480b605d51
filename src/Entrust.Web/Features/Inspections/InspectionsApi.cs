using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Inspections;

public static class InspectionsApi
{
    public static void MapInspectionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/inspections").RequireAuthorization(Api.Policy).WithTags("Inspections");
        api.MapGet("", List);
        api.MapGet("/export", Export);
        api.MapGet("/{id:guid}", Get);
        api.MapPost("", Record);
        // Bearer-only: no cookie reaches these endpoints, so there is no cross-site form to forge.
        api.MapPost("/{id:guid}/files", AddFiles).DisableAntiforgery();
        api.MapGet("/{id:guid}/files/{fileId:guid}", Download);

        var orders = app.MapGroup("/api/rectifications").RequireAuthorization(Api.Policy).WithTags("Inspections");
        orders.MapGet("", Orders);
        orders.MapGet("/export", OrdersExport);
        orders.MapGet("/{id:guid}", Order);
        orders.MapPost("/{id:guid}/reinspect", Reinspect);

        var campaigns = app.MapGroup("/api/campaigns").RequireAuthorization(Api.Policy).WithTags("Inspections");
        campaigns.MapGet("", Campaigns);
        campaigns.MapGet("/export", CampaignsExport);
        campaigns.MapGet("/{id:guid}", Campaign);
        campaigns.MapGet("/{id:guid}/inspections/export", CampaignInspectionsExport);
        campaigns.MapPost("", CreateCampaign);
    }

    public static async Task<Ok<Paged<InspectionRow>>> List([AsParameters] InspectionFilter filter, InspectionBook book, CancellationToken ct) =>
        TypedResults.Ok(await book.Search(filter).ToPagedAsync(filter.Page, filter.PageSize, ct));

    public static async Task<Results<Ok<InspectionDto>, NotFound>> Get(Guid id, InspectionBook book, CancellationToken ct) =>
        await book.FindAsync(id, ct) is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound();

    public static async Task<Results<Created<InspectionDto>, NotFound, ValidationProblem>> Record(InspectionInput input, InspectionBook book,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (!book.MayRecord)
        {
            throw new ForbiddenAction();
        }
        var errors = book.Check(new FieldErrors(text), input);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        if (await book.RecordAsync(input, [], ct) is not { } inspection)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Created($"/api/inspections/{inspection.Id}", book.Describe(inspection));
    }

    public static async Task<Results<Ok<IReadOnlyList<FileDto>>, NotFound>> AddFiles(Guid id, IFormFileCollection files, InspectionBook book,
        CancellationToken ct)
    {
        var uploaded = await ReadAsync(files, book.MaxFileBytes, ct);
        if (await book.AddFilesAsync(id, uploaded, ct) is not { } kept)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok<IReadOnlyList<FileDto>>([.. kept.Select(f => new FileDto(f.Id, f.Name, f.ContentType, f.Size, f.Sha256, f.UploadedAt))]);
    }

    /// <summary>
    /// The uploads as bytes. A file over the limit is kept only up to one byte past it (enough for the book to refuse it by
    /// size) so an oversized upload is never held whole in memory.
    /// </summary>
    public static async Task<List<UploadedFile>> ReadAsync(IEnumerable<IFormFile> files, long max, CancellationToken ct)
    {
        List<UploadedFile> result = [];
        foreach (var file in files.Where(f => f.Length > 0))
        {
            await using var stream = file.OpenReadStream();
            using var copy = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(buffer, ct)) > 0 && copy.Length <= max)
            {
                copy.Write(buffer, 0, read);
            }
            result.Add(new UploadedFile(file.FileName, copy.ToArray()));
        }
        return result;
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> Download(Guid id, Guid fileId, InspectionBook book, CancellationToken ct) =>
        await book.FileAsync(id, fileId, ct) is { } f ? TypedResults.File(f.Content, f.ContentType, f.Name) : TypedResults.NotFound();

    /// <summary>
    /// The inspections the /Inspections work list shows for the same filter (<c>month</c>, <c>matter</c>, <c>kind</c>, <c>result</c>,
    /// <c>township</c>, <c>campaign</c>, <c>mine</c>; <c>sort</c>: a column of the list), every page of it, as .xlsx.
    /// </summary>
    public static async Task<FileContentHttpResult> Export(string? month, Guid? matter, InspectionKind? kind, InspectionResult? result,
        Guid? township, Guid? campaign, bool? mine, string? sort, InspectionBook book, ListExport export, CancellationToken ct) =>
        ListExport.Answer(await book.ExportAsync(new InspectionFilter(month, matter, kind, result, township, campaign, mine, null, null), export,
            ct, new ListQuery { Sort = sort }));

    public static async Task<Ok<Paged<OrderDto>>> Orders([AsParameters] OrderFilter filter, InspectionBook book, CancellationToken ct) =>
        TypedResults.Ok(await book.Orders(filter).ToPagedAsync(filter.Page, filter.PageSize, ct));

    /// <summary>
    /// The orders the /Rectifications list shows for the same filter (<c>overdue</c>, <c>state</c>, <c>township</c>, <c>matter</c>,
    /// <c>campaign</c>; <c>sort</c>: a column of the list), every page of it, as .xlsx.
    /// </summary>
    public static async Task<FileContentHttpResult> OrdersExport(bool? overdue, OrderState? state, Guid? township, Guid? matter, Guid? campaign,
        string? sort, InspectionBook book, ListExport export, CancellationToken ct) =>
        ListExport.Answer(await book.OrdersExportAsync(new OrderFilter(overdue, state, township, matter, campaign, null, null),
            new ListQuery { Sort = sort }, export, ct));

    public static async Task<Results<Ok<OrderDto>, NotFound>> Order(Guid id, InspectionBook book, CancellationToken ct) =>
        await book.FindOrderAsync(id, ct) is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound();

    public static async Task<Results<Created<InspectionDto>, NotFound>> Reinspect(Guid id, ReinspectInput input, InspectionBook book,
        CancellationToken ct)
    {
        if (await book.ReinspectAsync(id, input, [], ct) is not { } inspection)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Created($"/api/inspections/{inspection.Id}", book.Describe(inspection));
    }

    /// <summary>The campaigns the user sees, in the console list's order (<see cref="CampaignBook.Sorts"/>; an unknown key is the default).</summary>
    public static async Task<Ok<List<CampaignDto>>> Campaigns(string? sort, CampaignBook book, CancellationToken ct) =>
        TypedResults.Ok(await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            CampaignBook.Sorts.Apply(book.List(), sort), ct));

    /// <summary>The campaigns the /Campaigns list shows (<c>sort</c>: a column of the list), every page of it, with their counts, as .xlsx.</summary>
    public static async Task<FileContentHttpResult> CampaignsExport(string? sort, CampaignBook book, ListExport export, CancellationToken ct) =>
        ListExport.Answer(await book.ExportAsync(new ListQuery { Sort = sort }, export, ct));

    /// <summary>
    /// The inspections the /Campaigns/Detail page lists for one campaign (<c>sort</c>: a column of the list), every page of it, as
    /// .xlsx; 404 for a campaign out of sight.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, NotFound>> CampaignInspectionsExport(Guid id, string? sort, CampaignBook book,
        InspectionBook inspections, ListExport export, CancellationToken ct) =>
        await book.InspectionsExportAsync(id, new ListQuery { Sort = sort }, inspections, export, ct) is { } file
            ? ListExport.Answer(file) : TypedResults.NotFound();

    public static async Task<Results<Ok<CampaignDto>, NotFound>> Campaign(Guid id, CampaignBook book, CancellationToken ct) =>
        await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(book.List(id), ct) is { } dto
            ? TypedResults.Ok(dto) : TypedResults.NotFound();

    public static async Task<Created<CampaignDto>> CreateCampaign(CampaignInput input, CampaignBook book, CancellationToken ct)
    {
        var campaign = await book.CreateAsync(input, ct);
        var dto = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(book.List(campaign.Id), ct);
        return TypedResults.Created($"/api/campaigns/{campaign.Id}", dto);
    }
}
