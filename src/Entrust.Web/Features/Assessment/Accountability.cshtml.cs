using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Assessment;

/// <summary>执法过错责任追究: the records the reader sees and, for the office, the step each one is at; refusals beside their field.</summary>
public sealed class AccountabilityModel(AccountabilityBook book, ListExport export, IStringLocalizer<SharedResource> text) : ConsolePageModel(text)
{
    /// <summary>One input for the page's forms; <see cref="RecordId"/> names the record a step is for (empty for opening one).</summary>
    public sealed class PageInput
    {
        public Guid RecordId { get; set; }
        public Guid? OfficerId { get; set; }
        public Guid? CaseId { get; set; }
        public string? Facts { get; set; }
        public AccountabilityFault? Fault { get; set; }
        public DateOnly? On { get; set; }
        public string? Statement { get; set; }
        public AccountabilityMeasure? Measure { get; set; }
        public string? DecisionNumber { get; set; }
        public string? DecisionReasons { get; set; }
        public string? Text { get; set; }
        public bool Upheld { get; set; }
    }

    [BindProperty] public PageInput Input { get; set; } = new();

    [FromQuery] public ListQuery Listing { get; set; } = new();

    /// <summary>The record a link points at (<see cref="Link"/>): the list opens on the page that holds it.</summary>
    [BindProperty(SupportsGet = true)] public Guid? Record { get; set; }

    /// <summary>The address of one record: the list on the page holding it, scrolled to its row, whatever page it is on.</summary>
    public static string Link(Guid id) => $"/Assessment/Accountability?record={id}#a-{id}";

    /// <summary>The page of the records shown, in the asked order.</summary>
    public Paged<AccountabilityView> Records { get; private set; } = new([], 0, 1, PagingExtensions.DefaultPageSize);
    public IReadOnlyList<Officers.PickerOfficer> Officers { get; private set; } = [];
    public bool IsOffice => book.IsOffice;

    /// <summary>The record whose form was refused (errors are drawn there), empty for the opening form.</summary>
    public Guid? Refused { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        // A refused step's record is shown on its page, with its form's errors; a link's record likewise.
        var shown = Record ?? (Refused is { } refused && refused != Guid.Empty ? refused : null);
        Records = (await book.ListAsync(ct)).ToPaged(Listing, AccountabilityBook.Sorts, shown is { } id ? a => a.Id == id : null);
        if (IsOffice)
        {
            Officers = await book.OfficersAsync(ct);
        }
    }

    /// <summary>The records the reader sees, in the list's order, as .xlsx (<see cref="AccountabilityBook.ExportAsync"/>).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var (content, name) = await book.ExportAsync(Listing, export, Text, ct);
        return File(content, Spreadsheet.ContentType, name);
    }

    public Task<IActionResult> OnPostOpenAsync(CancellationToken ct) =>
        RunAsync(async () => (AccountabilityView?)await book.OpenAsync(new AccountabilityInput(Input.OfficerId ?? Guid.Empty, Input.CaseId, Input.Facts,
                Input.Fault.OrUnchosen(), Input.On), ct),
            a => (Text["Accountability.Opened", a.OfficerName], Link(a.Id)), () => AgainAsync(Guid.Empty, ct));

    public Task<IActionResult> OnPostHearAsync(CancellationToken ct) =>
        Step(() => book.HearAsync(Input.RecordId, new StatementInput(Input.On, Input.Statement), ct), ct);

    public Task<IActionResult> OnPostDecideAsync(CancellationToken ct) =>
        Step(() => book.DecideAsync(Input.RecordId, new AccountabilityDecisionInput(Input.Measure.OrUnchosen(), Input.DecisionNumber, Input.DecisionReasons), ct), ct);

    public Task<IActionResult> OnPostNotifyAsync(CancellationToken ct) =>
        Step(() => book.NotifyAsync(Input.RecordId, new NoticeInput(Input.On), ct), ct);

    public Task<IActionResult> OnPostAppealAsync(CancellationToken ct) =>
        Step(() => book.AppealAsync(Input.RecordId, new AccountabilityAppealInput(Input.On, Input.Text), ct), ct);

    public Task<IActionResult> OnPostDecideAppealAsync(CancellationToken ct) =>
        Step(() => book.DecideAppealAsync(Input.RecordId, new AccountabilityAppealDecisionInput(Input.Upheld, Input.Text), ct), ct);

    private Task<IActionResult> Step(Func<Task<AccountabilityView?>> write, CancellationToken ct) =>
        RunAsync(write, a => (Text["Accountability.Saved"], Link(a.Id)), () => AgainAsync(Input.RecordId, ct));

    private async Task<IActionResult> AgainAsync(Guid record, CancellationToken ct)
    {
        Refused = record;
        await OnGetAsync(ct);
        return Page();
    }
}
