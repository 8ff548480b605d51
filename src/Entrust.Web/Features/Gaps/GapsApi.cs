using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Gaps;

/// <summary><c>/api/gaps</c>, <c>/api/gaps/scan</c>, <c>/api/gaps/scans</c> and <c>/api/workbench</c>: thin over <see cref="GapBook"/>, <see cref="GapScanner"/> and <see cref="Workbench"/>.</summary>
public static class GapsApi
{
    public sealed record AcknowledgeInput(string? Note);
    public sealed record CloseInput(string? Reason);
    public sealed record GapScanDto(Guid Id, Guid DistrictId, DateOnly Day, string Trigger, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt,
        int Found, int Opened, int Reopened, int Resolved, string? Error);

    public static void MapGapsApi(this IEndpointRouteBuilder app)
    {
        var gaps = app.MapGroup("/api/gaps").RequireAuthorization(Api.Policy).WithTags("Gaps");
        gaps.MapGet("", List);
        gaps.MapGet("/export", Export);
        gaps.MapGet("/{id:guid}", Get);
        gaps.MapPost("/{id:guid}/acknowledge", Acknowledge);
        gaps.MapPost("/{id:guid}/close", Close).RequireAuthorization(Api.CatalogueKeeper);
        gaps.MapPost("/scan", Scan).RequireAuthorization(Api.CatalogueKeeper);
        gaps.MapGet("/scans", Scans).RequireAuthorization(Api.CatalogueKeeper);
        gaps.MapGet("/settings", (GapBook book, CancellationToken ct) => GetSettings(book, ct)).RequireAuthorization(Api.CatalogueKeeper);
        gaps.MapPut("/settings", (GapSettingsInput input, GapBook book, CancellationToken ct) => PutSettings(input, book, ct))
            .RequireAuthorization(Api.CatalogueKeeper);
        var simulations = app.MapGroup("/api/simulations").RequireAuthorization(Api.CatalogueKeeper).WithTags("Gaps");
        simulations.MapPost("", (SimulationInput input, DelegationSimulator simulator, CancellationToken ct) => Simulate(input, simulator, ct));
        simulations.MapPost("/confirm", (SimulationInput input, DelegationSimulator simulator, CancellationToken ct) => Confirm(input, simulator, ct));
        app.MapGet("/api/workbench", (Workbench workbench, CancellationToken ct) => GetWorkbench(workbench, ct))
            .RequireAuthorization(Api.Policy).WithTags("Gaps");
    }

    public static async Task<Ok<Paged<GapView>>> List(GapBook book, GapKind? kind, Guid? townshipId, Guid? departmentId, GapState? state,
        bool? escalated, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await book.ListAsync(new GapFilter(kind, townshipId, departmentId, state, escalated == true), page, pageSize, ct));

    /// <summary>
    /// The gaps the /Gaps list shows for the same filter (<c>kind</c>, <c>townshipId</c>, <c>state</c>, <c>escalated</c>; <c>sort</c>: a
    /// column of the list), every page of it, as .xlsx; the data scope decides whose gaps.
    /// </summary>
    public static async Task<FileContentHttpResult> Export(GapKind? kind, Guid? townshipId, GapState? state, bool? escalated, string? sort,
        GapBook book, ListExport export, CancellationToken ct) =>
        ListExport.Answer(await book.ExportAsync(new GapFilter(kind, townshipId, null, state, escalated == true), new ListQuery { Sort = sort },
            export, ct));

    public static async Task<Results<Ok<GapView>, NotFound>> Get(Guid id, GapBook book, CancellationToken ct) =>
        await book.GetAsync(id, ct) is { } gap ? TypedResults.Ok(gap) : TypedResults.NotFound();

    public static async Task<Results<Ok<GapView>, NotFound>> Acknowledge(Guid id, AcknowledgeInput input, GapBook book, CancellationToken ct) =>
        await book.AcknowledgeAsync(id, input.Note, ct) is { } gap ? TypedResults.Ok(gap) : TypedResults.NotFound();

    public static async Task<Results<Ok<GapView>, NotFound>> Close(Guid id, CloseInput input, GapBook book, CancellationToken ct) =>
        await book.CloseAsync(id, input.Reason, ct) is { } gap ? TypedResults.Ok(gap) : TypedResults.NotFound();

    /// <summary>The office scans its district now; the admin, every district.</summary>
    public static async Task<Ok<IReadOnlyList<GapScanResult>>> Scan(GapScanner scanner, CurrentUser user, CancellationToken ct)
    {
        if (user.DistrictId is { } district)
        {
            return TypedResults.Ok<IReadOnlyList<GapScanResult>>([await scanner.ScanAsync(district, "manual", ct)]);
        }
        await scanner.ScanAllAsync("manual", ct);
        return TypedResults.Ok<IReadOnlyList<GapScanResult>>([]);
    }

    /// <summary>The latest runs, failed ones with their error (ids are time-ordered: SQLite can't order instants).</summary>
    public static async Task<Ok<List<GapScanDto>>> Scans(EntrustDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.GapScans.AsNoTracking().OrderByDescending(s => s.Day).ThenByDescending(s => s.Id).Take(50)
            .Select(s => new GapScanDto(s.Id, s.DistrictId, s.Day, s.Trigger, s.StartedAt, s.FinishedAt, s.Found, s.Opened, s.Reopened, s.Resolved, s.Error))
            .ToListAsync(ct));

    public static async Task<Ok<GapSettingsView>> GetSettings(GapBook book, CancellationToken ct) => TypedResults.Ok(await book.SettingsAsync(ct));

    public static async Task<Ok<GapSettingsView>> PutSettings(GapSettingsInput input, GapBook book, CancellationToken ct) =>
        TypedResults.Ok(await book.SetSettingsAsync(input, ct));

    /// <summary>委托推演: what the plan would take and leave open; nothing is written.</summary>
    public static async Task<Ok<SimulationView>> Simulate(SimulationInput input, DelegationSimulator simulator, CancellationToken ct) =>
        TypedResults.Ok(await simulator.SimulateAsync(input, ct));

    /// <summary>The plan confirmed: its drafts created and its trainees nominated, all or none.</summary>
    public static async Task<Ok<SimulationConfirmed>> Confirm(SimulationInput input, DelegationSimulator simulator, CancellationToken ct) =>
        TypedResults.Ok(await simulator.ConfirmAsync(input, ct));

    public static async Task<Ok<WorkbenchView>> GetWorkbench(Workbench workbench, CancellationToken ct) =>
        TypedResults.Ok(await workbench.GetAsync(ct));
}
