using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Scope;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Scope;

/// <summary>
/// The scope ("两不扩大"): the decree, the matters it allows, the pilot townships and the office's decisions that widen
/// it; the townships' requests for powers outside it and the office's answers. Every write is <see cref="ScopeBook"/>'s,
/// bound from the same input records as /api/scope.
/// </summary>
public sealed class IndexModel(ScopeBook book, Meetings.MeetingBook meetings, EntrustDbContext db, CurrentUser user, ListExport export,
    IStringLocalizer<SharedResource> text) : ConsolePageModel(text)
{
    public sealed record MatterName(Guid Id, string Code, string Name, Entrustability Entrustability, MatterKind Kind);

    [BindProperty] public ScopeDecisionInput Decision { get; set; } = new(null, null, null, null, null, null);
    [BindProperty] public ScopeRequestInput NewRequest { get; set; } = new(null, null, null, null);

    public ScopeView Scope { get; private set; } = null!;
    [FromQuery] public ListQuery Listing { get; set; } = new();
    public Paged<ScopeRequestRow> Requests { get; private set; } = new([], 0, 1, PagingExtensions.DefaultPageSize);
    public Dictionary<Guid, MatterName> Matters { get; private set; } = [];
    public List<Choice> Townships { get; private set; } = [];
    public Dictionary<Guid, string> TownshipNames { get; private set; } = [];

    /// <summary>The requests a meeting's decision started, with the meeting and topic (the page links back).</summary>
    public IReadOnlyDictionary<Guid, Meetings.MeetingOrigin> Origins { get; private set; } = new Dictionary<Guid, Meetings.MeetingOrigin>();
    public bool IsOffice => book.MayDecide;
    public bool MayRequest => book.MayRequest;
    public bool IsTownship => user.Role == Roles.Township;
    public DateOnly Today => book.Today;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>The townships' requests in the list's order, as .xlsx (<see cref="ListExport"/>).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var (content, name) = await book.RequestsExportAsync(null, Listing, export, Text, ct);
        return File(content, Spreadsheet.ContentType, name);
    }

    public Task<IActionResult> OnPostDecisionAsync(CancellationToken ct) =>
        RunAsync(book.Check(new FieldErrors(Text), Decision), "Decision.", async () => await book.DecideAsync(Decision, ct), "Flash.ScopeDecided", ct);

    public Task<IActionResult> OnPostRequestAsync(CancellationToken ct) =>
        RunAsync(book.Check(new FieldErrors(Text), NewRequest), "NewRequest.", () => book.RequestAsync(NewRequest, ct), "Flash.ScopeRequested", ct);

    /// <summary>The request and the answer (Approve, Reject) the office sent and was refused: its dialog opens again with the errors.</summary>
    public (Guid Id, string Action)? Refused { get; private set; }

    public Task<IActionResult> OnPostApproveAsync(Guid id, [Bind(Prefix = "Approve")] ScopeApprovalInput approve, CancellationToken ct)
    {
        Refused = (id, "Approve");
        return RunAsync(book.Check(new FieldErrors(Text), approve), "Approve.", () => book.ApproveAsync(id, approve, ct), "Flash.ScopeRequestApproved", ct);
    }

    public Task<IActionResult> OnPostRejectAsync(Guid id, [Bind(Prefix = "Reject")] ScopeRejectionInput reject, CancellationToken ct)
    {
        Refused = (id, "Reject");
        return RunAsync(book.Check(new FieldErrors(Text), reject), "Reject.", () => book.RejectAsync(id, reject, ct), "Flash.ScopeRequestRejected", ct);
    }

    /// <summary>Runs one write of the book: field errors and refusals are shown on the page drawn again, nothing saved; null
    /// from the write is 404.</summary>
    private async Task<IActionResult> RunAsync<T>(FieldErrors errors, string prefix, Func<Task<T?>> write, string flashKey, CancellationToken ct)
        where T : class
    {
        try
        {
            if (!errors.Any)
            {
                if (await write() is null)
                {
                    return NotFound();
                }
                TempData["Flash"] = Text[flashKey].Value;
                return Redirect("/Scope");
            }
            errors.CopyTo(ModelState, prefix);
        }
        catch (RuleViolation v)
        {
            db.ChangeTracker.Clear();
            foreach (var refusal in v.All)
            {
                ModelState.AddModelError(refusal.Field is null ? "" : prefix + refusal.Field, Text.Message(refusal));
            }
        }
        catch (ForbiddenAction)
        {
            return Forbid();
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Scope = await book.ReadAsync(ct);
        Requests = await book.Requests().ToPagedAsync(Listing, ScopeBook.RequestSorts, ct);
        Origins = await meetings.OriginsAsync([.. Requests.Items.Select(r => r.Id)], ct);
        Matters = await db.Matters.AsNoTracking()
            .Select(m => new MatterName(m.Id, m.Code, m.Name, m.Entrustability, m.Kind)).ToDictionaryAsync(m => m.Id, ct);
        (Townships, _) = await Choice.PartiesAsync(db, ct);
        TownshipNames = Townships.ToDictionary(t => t.Id, t => t.Name);
        Decision = Decision with { DecidedOn = Decision.DecidedOn ?? Today };
    }
}
