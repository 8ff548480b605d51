using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Meetings;

/// <summary>
/// One meeting: its agenda and briefing pack, attendance, minutes per topic and action items, with the steps its state and the user's
/// role allow (the office notifies, starts, records and issues; an invited unit proposes topics and closes its items). The .docx
/// downloads are page handlers calling the same <see cref="MeetingBook"/> methods as the API.
/// </summary>
public sealed class DetailModel(MeetingBook book, IStringLocalizer<SharedResource> text) : ConsolePageModel(text)
{
    public sealed class StepForm
    {
        public string? Title { get; set; }
        public List<Guid> ParticipantIds { get; set; } = [];
        public List<Presence> Presences { get; set; } = [];
        public List<string?> Reasons { get; set; } = [];
        public List<string?> Deputies { get; set; } = [];
        public List<Guid> TopicIds { get; set; } = [];
        public List<string?> Minutes { get; set; } = [];
        public List<string?> Decisions { get; set; } = [];
        public string? What { get; set; }
        public Guid? TopicId { get; set; }
        public string? Owner { get; set; }
        public DateOnly? DueOn { get; set; }
        public string? RecordLink { get; set; }
        public Guid? ItemId { get; set; }
        public string? Evidence { get; set; }
        public Guid? TownshipId { get; set; }
        public Guid? DepartmentId { get; set; }
        public Guid? MatterId { get; set; }
        public string? RequestedPower { get; set; }
        public string? Reason { get; set; }
        public DateOnly? TermStart { get; set; }
        public DateOnly? TermEnd { get; set; }
        public List<Guid> MatterIds { get; set; } = [];
    }

    [BindProperty] public StepForm Input { get; set; } = new();

    public MeetingView Meeting { get; private set; } = null!;
    public BriefingPack Pack { get; private set; } = null!;
    public IReadOnlyList<(Guid Id, string Name)> Departments { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Townships { get; private set; } = [];
    public IReadOnlyList<MatterChoice> Matters { get; private set; } = [];

    /// <summary>The form whose post was refused (its errors are shown beside its fields, not another form's of the same names).</summary>
    public string? Posted { get; private set; }
    public bool MayKeep => book.MayKeep;
    public bool MayPropose => book.MayPropose;

    public bool MayClose(ActionItemView item) => book.MayClose(item);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetPackDocxAsync(Guid id, CancellationToken ct) =>
        await book.PackDocumentAsync(id, ct) is { } d ? File(d.Bytes, MeetingsApi.DocxType, d.FileName) : NotFound();

    public async Task<IActionResult> OnGetMinutesDocxAsync(Guid id, CancellationToken ct) =>
        await book.MinutesDocumentAsync(id, ct) is { } d ? File(d.Bytes, MeetingsApi.DocxType, d.FileName) : NotFound();

    public Task<IActionResult> OnPostNotifyAsync(Guid id, CancellationToken ct) => Step(id, () => book.NotifyAsync(id, ct), "Meeting.Notified", ct);

    public Task<IActionResult> OnPostStartAsync(Guid id, CancellationToken ct) => Step(id, () => book.StartAsync(id, ct), "Meeting.Started", ct);

    public Task<IActionResult> OnPostIssueAsync(Guid id, CancellationToken ct) => Step(id, () => book.IssueAsync(id, ct), "Meeting.IssuedFlash", ct);

    public Task<IActionResult> OnPostProposeAsync(Guid id, CancellationToken ct) =>
        Step(id, () => book.ProposeTopicAsync(id, new TopicInput(Input.Title), ct), "Meeting.Proposed", ct);

    public Task<IActionResult> OnPostAttendanceAsync(Guid id, CancellationToken ct) =>
        Step(id, () => book.RecordAttendanceAsync(id, new AttendanceInput([.. Input.ParticipantIds.Select((p, i) =>
            new AttendanceEntry(p, Input.Presences.ElementAtOrDefault(i), Input.Reasons.ElementAtOrDefault(i), Input.Deputies.ElementAtOrDefault(i)))]), ct),
            "Meeting.AttendanceSaved", ct);

    public Task<IActionResult> OnPostMinutesAsync(Guid id, CancellationToken ct) =>
        Step(id, () => book.WriteMinutesAsync(id, new MinutesInput([.. Input.TopicIds.Select((t, i) =>
            new MinutesEntry(t, Input.Minutes.ElementAtOrDefault(i), Input.Decisions.ElementAtOrDefault(i)))]), ct), "Meeting.MinutesSaved", ct);

    public Task<IActionResult> OnPostActionItemAsync(Guid id, CancellationToken ct)
    {
        // The owner is posted as "d:{id}" (a department) or "t:{id}" (a township).
        Guid? Unit(string prefix) => Input.Owner is { } o && o.StartsWith(prefix, StringComparison.Ordinal) && Guid.TryParse(o[2..], out var g) ? g : null;
        return Step(id, () => book.AddActionItemAsync(id, new ActionItemInput(Input.TopicId, Input.What, Unit("d:"), Unit("t:"), Input.DueOn, Input.RecordLink), ct),
            "Meeting.ActionItemAdded", ct);
    }

    /// <summary>A decision starts a scope request for a township (checked as the /Scope page checks one).</summary>
    public Task<IActionResult> OnPostScopeRequestAsync(Guid id, [FromServices] Scope.ScopeBook scopes, CancellationToken ct)
    {
        Posted = "scope";
        var input = new DecisionScopeRequestInput(Input.TopicId, Input.What, Input.DueOn, Input.TownshipId, Input.MatterId, Input.RequestedPower, Input.Reason);
        return Checked(id, scopes.Check(new FieldErrors(Text), input.Request), () => book.StartScopeRequestAsync(id, input, ct), ct);
    }

    /// <summary>A decision proposes a new agreement: a draft (委托 mode) with the matters chosen, each at its kind's usual authority.</summary>
    public async Task<IActionResult> OnPostAgreementAsync(Guid id, CancellationToken ct)
    {
        Posted = "agreement";
        var matters = (await book.MattersAsync(ct)).ToDictionary(m => m.Id);
        var draft = new Agreements.AgreementInput(Input.DepartmentId, Input.TownshipId, Agreements.AgreementMode.Entrustment, null, Input.TermStart,
            Input.TermEnd, null, null, null, false, false, false,
            [.. Input.MatterIds.Distinct().Select(m => new Agreements.AgreementMatterInput(m,
                matters.GetValueOrDefault(m)?.Kind == Catalog.MatterKind.Penalty ? Agreements.Authority.GeneralPenalty : Agreements.Authority.InspectionOnly, null))]);
        return await Checked(id, Agreements.AgreementBook.Check(new FieldErrors(Text), draft),
            () => book.StartAgreementAsync(id, new DecisionAgreementInput(Input.TopicId, Input.What, Input.DueOn, draft), ct), ct);
    }

    public Task<IActionResult> OnPostDoneAsync(Guid id, CancellationToken ct) =>
        Step(id, () => book.MarkDoneAsync(Input.ItemId ?? Guid.Empty, new DoneInput(Input.Evidence), ct), "Meeting.ItemDone", ct);

    /// <summary>A write after the form's own checks: field errors are shown beside the fields and nothing is written.</summary>
    private async Task<IActionResult> Checked(Guid id, FieldErrors? errors, Func<Task<ActionItemView?>> write, CancellationToken ct)
    {
        if (errors is { Any: true })
        {
            errors.CopyTo(ModelState);
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }
        return await Step(id, write, "Meeting.WorkStarted", ct);
    }

    private Task<IActionResult> Step<T>(Guid id, Func<Task<T?>> write, string flash, CancellationToken ct) where T : class =>
        RunAsync(write, _ => (Text[flash], "/Meetings/Detail/" + id), async () => await LoadAsync(id, ct) ? Page() : NotFound());

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await book.GetAsync(id, ct) is not { } meeting || await book.PackAsync(id, ct) is not { } pack)
        {
            return false;
        }
        Meeting = meeting;
        Pack = pack;
        if (MayKeep)
        {
            (Departments, Townships) = await book.UnitsAsync(ct);
            Matters = await book.MattersAsync(ct);
        }
        return true;
    }
}
