using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Meetings;

/// <summary>The meetings the user sees, newest first, searched by title, place, number and what the minutes say; the office calls a meeting here.</summary>
public sealed class IndexModel(MeetingBook book, ListExport export, IStringLocalizer<SharedResource> text) : ConsolePageModel(text)
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public MeetingKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [FromQuery] public ListQuery Listing { get; set; } = new();

    public sealed class CallForm
    {
        public MeetingKind? Kind { get; set; }
        public string? Title { get; set; }
        public DateOnly? Day { get; set; }
        public TimeOnly? Time { get; set; }
        public string? Place { get; set; }
        public string? Chair { get; set; }
        public List<Guid> DepartmentIds { get; set; } = [];
        public List<Guid> TownshipIds { get; set; } = [];
        public string? Others { get; set; }
    }

    [BindProperty] public CallForm Input { get; set; } = new();

    public Paged<MeetingSummary> Meetings { get; private set; } = new([], 0, 1, PageSize);
    public IReadOnlyList<ActionItemView> OpenItems { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Departments { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Townships { get; private set; } = [];
    public bool MayKeep => book.MayKeep;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Meetings = await book.ListAsync(Filter, Listing, ct);
        OpenItems = await book.ActionItemsAsync(new ActionItemFilter(Open: true), ct);
        if (MayKeep)
        {
            (Departments, Townships) = await book.UnitsAsync(ct);
        }
    }

    private MeetingFilter Filter => new(Q, Kind, null, From, To);

    /// <summary>What the filter shows, in the page's order, as .xlsx (<see cref="ListExport"/>).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var (content, name) = await book.ExportAsync(Filter, Listing, export, ct);
        return File(content, Spreadsheet.ContentType, name);
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        RunAsync(async () => (MeetingView?)await book.CreateAsync(new MeetingInput(Input.Kind.OrUnchosen(), Input.Title, Input.Day, Input.Time, Input.Place, Input.Chair, null,
                Input.DepartmentIds, Input.TownshipIds, [.. (Input.Others ?? "").Split('、', '\n', ',').Select(o => o.Trim()).Where(o => o.Length > 0)]), ct),
            m => (Text["Meeting.Called"], "/Meetings/Detail/" + m.Id), async () =>
            {
                await OnGetAsync(ct);
                return Page();
            });
}
