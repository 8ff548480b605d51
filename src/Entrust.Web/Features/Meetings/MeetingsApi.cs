using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Scope;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Meetings;

/// <summary><c>/api/meetings</c> and <c>/api/action-items</c>: one-line handlers over <see cref="MeetingBook"/>.</summary>
public static class MeetingsApi
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static void MapMeetingsApi(this IEndpointRouteBuilder app)
    {
        var meetings = app.MapGroup("/api/meetings").RequireAuthorization(Api.Policy).WithTags("Meetings");
        meetings.MapGet("", List);
        meetings.MapGet("/export", Export);
        meetings.MapPost("", Create).RequireAuthorization(Api.CatalogueKeeper);
        meetings.MapGet("/members", Members);
        // The console list's filter: serving true the members serving today, false those who left, none both.
        meetings.MapGet("/members/export", async (bool? serving, string? sort, MeetingBook book, ListExport export, CancellationToken ct) =>
            ListExport.Answer(await book.MembersExportAsync(serving, new ListQuery { Sort = sort }, export, ct)));
        meetings.MapPost("/members", AddMember).RequireAuthorization(Api.CatalogueKeeper);
        meetings.MapPost("/members/{id:guid}/end", EndMember).RequireAuthorization(Api.CatalogueKeeper);
        meetings.MapGet("/settings", (MeetingBook book, CancellationToken ct) => Settings(book, ct));
        meetings.MapPut("/settings", SetSettings).RequireAuthorization(Api.CatalogueKeeper);
        meetings.MapGet("/{id:guid}", Get);
        meetings.MapPost("/{id:guid}/notify", Notify).RequireAuthorization(Api.CatalogueKeeper);
        meetings.MapGet("/{id:guid}/agenda", Agenda);
        meetings.MapPost("/{id:guid}/agenda", Propose);
        meetings.MapGet("/{id:guid}/pack", Pack);
        meetings.MapGet("/{id:guid}/pack.docx", PackDocument);
        meetings.MapPost("/{id:guid}/start", Start).RequireAuthorization(Api.CatalogueKeeper);
        meetings.MapPost("/{id:guid}/attendance", Attendance).RequireAuthorization(Api.CatalogueKeeper);
        meetings.MapGet("/{id:guid}/minutes", Minutes);
        meetings.MapPut("/{id:guid}/minutes", WriteMinutes).RequireAuthorization(Api.CatalogueKeeper);
        meetings.MapGet("/{id:guid}/minutes.docx", MinutesDocument);
        meetings.MapPost("/{id:guid}/issue", Issue).RequireAuthorization(Api.CatalogueKeeper);
        meetings.MapPost("/{id:guid}/action-items", AddActionItem).RequireAuthorization(Api.CatalogueKeeper);
        meetings.MapPost("/{id:guid}/decisions/scope-request", StartScopeRequest).RequireAuthorization(Api.CatalogueKeeper);
        meetings.MapPost("/{id:guid}/decisions/agreement", StartAgreement).RequireAuthorization(Api.CatalogueKeeper);

        var items = app.MapGroup("/api/action-items").RequireAuthorization(Api.Policy).WithTags("Meetings");
        items.MapGet("", ActionItems);
        items.MapPost("/{id:guid}/done", Done);
    }

    public static async Task<Ok<Paged<MeetingSummary>>> List(MeetingBook book, string? q, MeetingKind? kind, MeetingState? state, DateOnly? from,
        DateOnly? to, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await book.ListAsync(new MeetingFilter(q, kind, state, from, to), page, pageSize, ct));

    /// <summary>
    /// The meetings the /Meetings list shows for the same filter (<c>q</c>, <c>kind</c>, <c>from</c>, <c>to</c>; <c>sort</c>: a column of
    /// the list), every page of it, as .xlsx.
    /// </summary>
    public static async Task<FileContentHttpResult> Export(string? q, MeetingKind? kind, DateOnly? from, DateOnly? to, string? sort,
        MeetingBook book, ListExport export, CancellationToken ct) =>
        ListExport.Answer(await book.ExportAsync(new MeetingFilter(q, kind, null, from, to), new ListQuery { Sort = sort }, export, ct));

    public static async Task<Created<MeetingView>> Create(MeetingInput input, MeetingBook book, CancellationToken ct) =>
        await book.CreateAsync(input, ct) is var m ? TypedResults.Created($"/api/meetings/{m.Id}", m) : null!;

    public static async Task<Ok<IReadOnlyList<MemberView>>> Members(MeetingBook book, bool? serving, CancellationToken ct) =>
        TypedResults.Ok(await book.MembersAsync(serving ?? false, ct));

    public static async Task<Created<MemberView>> AddMember(MemberInput input, MeetingBook book, CancellationToken ct) =>
        await book.AddMemberAsync(input, ct) is var m ? TypedResults.Created($"/api/meetings/members/{m.Id}", m) : null!;

    public static async Task<Results<Ok<MemberView>, NotFound>> EndMember(Guid id, MemberEndInput input, MeetingBook book, CancellationToken ct) =>
        Found(await book.EndMemberAsync(id, input.Until, ct));

    public static async Task<Ok<MeetingSettingsView>> Settings(MeetingBook book, CancellationToken ct) => TypedResults.Ok(await book.SettingsAsync(ct));

    public static async Task<Ok<MeetingSettingsView>> SetSettings(MeetingSettingsInput input, MeetingBook book, CancellationToken ct) =>
        TypedResults.Ok(await book.SetSettingsAsync(input, ct));

    public static async Task<Results<Ok<MeetingView>, NotFound>> Get(Guid id, MeetingBook book, CancellationToken ct) => Found(await book.GetAsync(id, ct));

    public static async Task<Results<Ok<MeetingView>, NotFound>> Notify(Guid id, MeetingBook book, CancellationToken ct) => Found(await book.NotifyAsync(id, ct));

    /// <summary>The agenda: the topics in order (the standing topic first), with who proposed them.</summary>
    public static async Task<Results<Ok<IReadOnlyList<TopicView>>, NotFound>> Agenda(Guid id, MeetingBook book, CancellationToken ct) =>
        await book.GetAsync(id, ct) is { } m ? TypedResults.Ok(m.Topics) : TypedResults.NotFound();

    public static async Task<Results<Ok<MeetingView>, NotFound>> Propose(Guid id, TopicInput input, MeetingBook book, CancellationToken ct) =>
        Found(await book.ProposeTopicAsync(id, input, ct));

    public static async Task<Results<Ok<BriefingPack>, NotFound>> Pack(Guid id, MeetingBook book, CancellationToken ct) =>
        Found(await book.PackAsync(id, ct));

    public static async Task<Results<FileContentHttpResult, NotFound>> PackDocument(Guid id, MeetingBook book, CancellationToken ct) =>
        await book.PackDocumentAsync(id, ct) is { } d ? TypedResults.File(d.Bytes, DocxType, d.FileName) : TypedResults.NotFound();

    public static async Task<Results<Ok<MeetingView>, NotFound>> Start(Guid id, MeetingBook book, CancellationToken ct) => Found(await book.StartAsync(id, ct));

    public static async Task<Results<Ok<MeetingView>, NotFound>> Attendance(Guid id, AttendanceInput input, MeetingBook book, CancellationToken ct) =>
        Found(await book.RecordAttendanceAsync(id, input, ct));

    public static async Task<Results<Ok<MeetingView>, NotFound>> Minutes(Guid id, MeetingBook book, CancellationToken ct) => Found(await book.GetAsync(id, ct));

    public static async Task<Results<Ok<MeetingView>, NotFound>> WriteMinutes(Guid id, MinutesInput input, MeetingBook book, CancellationToken ct) =>
        Found(await book.WriteMinutesAsync(id, input, ct));

    public static async Task<Results<FileContentHttpResult, NotFound>> MinutesDocument(Guid id, MeetingBook book, CancellationToken ct) =>
        await book.MinutesDocumentAsync(id, ct) is { } d ? TypedResults.File(d.Bytes, DocxType, d.FileName) : TypedResults.NotFound();

    public static async Task<Results<Ok<MeetingView>, NotFound>> Issue(Guid id, MeetingBook book, CancellationToken ct) => Found(await book.IssueAsync(id, ct));

    public static async Task<Results<Created<ActionItemView>, NotFound>> AddActionItem(Guid id, ActionItemInput input, MeetingBook book, CancellationToken ct) =>
        await book.AddActionItemAsync(id, input, ct) is { } a ? TypedResults.Created($"/api/action-items/{a.Id}", a) : TypedResults.NotFound();

    /// <summary>A decision starts a scope request: checked as <c>POST /api/scope-requests</c> is, drafted by the same book method.</summary>
    public static async Task<Results<Created<ActionItemView>, ValidationProblem, NotFound>> StartScopeRequest(Guid id, DecisionScopeRequestInput input,
        MeetingBook book, ScopeBook scopes, IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        scopes.Check(new FieldErrors(text), input.Request) is { Any: true } errors ? errors.ToProblem()
        : await book.StartScopeRequestAsync(id, input, ct) is { } a ? TypedResults.Created($"/api/action-items/{a.Id}", a)
        : TypedResults.NotFound();

    /// <summary>A decision proposes a new agreement: checked as <c>POST /api/agreements</c> is, drafted by the same book method.</summary>
    public static async Task<Results<Created<ActionItemView>, ValidationProblem, NotFound>> StartAgreement(Guid id, DecisionAgreementInput input,
        MeetingBook book, IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        input.Agreement is { } draft && AgreementBook.Check(new FieldErrors(text), draft) is { Any: true } errors ? errors.ToProblem()
        : await book.StartAgreementAsync(id, input, ct) is { } a ? TypedResults.Created($"/api/action-items/{a.Id}", a)
        : TypedResults.NotFound();

    public static async Task<Ok<IReadOnlyList<ActionItemView>>> ActionItems(MeetingBook book, bool? open, bool? overdue, Guid? meetingId, CancellationToken ct) =>
        TypedResults.Ok(await book.ActionItemsAsync(new ActionItemFilter(open, overdue, meetingId), ct));

    public static async Task<Results<Ok<ActionItemView>, NotFound>> Done(Guid id, DoneInput input, MeetingBook book, CancellationToken ct) =>
        Found(await book.MarkDoneAsync(id, input, ct));

    private static Results<Ok<T>, NotFound> Found<T>(T? value) where T : class => value is null ? TypedResults.NotFound() : TypedResults.Ok(value);
}
