using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Officers;

/// <summary>/api/officers: one-line handlers over <see cref="OfficerRegistry"/>.</summary>
public static class OfficersApi
{
    public sealed record EndInput(string? Reason);
    public sealed record MayActResult(bool MayAct, string? Reason, string? Message);

    public static void MapOfficersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/officers").RequireAuthorization(Api.Policy).WithTags("Officers");
        api.MapGet("", async ([AsParameters] OfficerFilter filter, OfficerRegistry registry, CancellationToken ct) =>
            TypedResults.Ok(await registry.PageAsync(filter, ct)));
        api.MapGet("/export", Export);
        api.MapGet("/{id:guid}", (Guid id, OfficerRegistry registry, CancellationToken ct) => Detail(registry.DetailAsync(id, ct)));
        api.MapPost("", Create);
        api.MapPut("/{id:guid}", (Guid id, OfficerInput input, OfficerRegistry registry, CancellationToken ct) =>
            Step(registry.UpdateAsync(id, input, ct), registry, ct));
        api.MapPost("/{id:guid}/transfer", (Guid id, EndInput input, OfficerRegistry registry, CancellationToken ct) =>
            Step(registry.TransferAsync(id, input.Reason, ct), registry, ct));
        api.MapPost("/{id:guid}/leave", (Guid id, EndInput input, OfficerRegistry registry, CancellationToken ct) =>
            Step(registry.LeaveAsync(id, input.Reason, ct), registry, ct));
        api.MapGet("/{id:guid}/may-act", MayActCheck);
    }

    /// <summary>
    /// The officers the /Officers list shows for the same filter (<c>unit</c>, <c>status</c>, <c>staffType</c>, <c>q</c>; <c>sort</c>:
    /// a column of the list), every page of it, as .xlsx, ID numbers and phones masked as the list masks them.
    /// </summary>
    public static async Task<FileContentHttpResult> Export(Guid? unit, OfficerStatus? status, StaffType? staffType, string? q, string? sort,
        OfficerRegistry registry, ListExport export, CancellationToken ct) =>
        ListExport.Answer(await registry.ExportAsync(new OfficerFilter(unit, status, staffType, q, null, null), new ListQuery { Sort = sort },
            export, ct));

    public static async Task<Created<OfficerDto>> Create(OfficerInput input, OfficerRegistry registry, CancellationToken ct)
    {
        var officer = await registry.CreateAsync(input, ct);
        return TypedResults.Created($"/api/officers/{officer.Id}", (await registry.DetailAsync(officer.Id, ct))!);
    }

    private static async Task<Results<Ok<OfficerDto>, NotFound>> Detail(Task<OfficerDto?> detail) =>
        await detail is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound();

    private static async Task<Results<Ok<OfficerDto>, NotFound>> Step(Task<Officer?> step, OfficerRegistry registry, CancellationToken ct) =>
        await step is { } o ? await Detail(registry.DetailAsync(o.Id, ct)) : TypedResults.NotFound();

    /// <summary>
    /// GET /api/officers/{id}/may-act?matter=&amp;township=&amp;date=: may the officer act on the matter in that township (their own
    /// when not given) that day? The officer must be in the user's scope (else 404).
    /// </summary>
    public static async Task<Results<Ok<MayActResult>, NotFound, ValidationProblem>> MayActCheck(Guid id, Guid? matter, Guid? township,
        DateOnly? date, OfficerRegistry registry, IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        matter is null ? new FieldErrors(text).Required("MatterId", null).ToProblem()
        : await registry.MayActAsync(id, matter.Value, township, date, ct) is { } answer
            ? TypedResults.Ok(new MayActResult(answer.MayAct, answer.ReasonKey, answer.Message(text)))
            : TypedResults.NotFound();
}
