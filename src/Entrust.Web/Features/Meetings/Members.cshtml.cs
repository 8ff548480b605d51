using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Meetings;

/// <summary>The standing members of the monthly meeting, serving and past, with the office's dated changes (a successor ends the predecessor).</summary>
public sealed class MembersModel(MeetingBook book, ListExport export, IStringLocalizer<SharedResource> text) : ConsolePageModel(text)
{
    public sealed class MemberForm
    {
        public string? Unit { get; set; }
        public string? Name { get; set; }
        public string? Post { get; set; }
        public string? Phone { get; set; }
        public string? UserName { get; set; }
        public DateOnly? From { get; set; }
        public Guid? MemberId { get; set; }
        public DateOnly? Until { get; set; }
    }

    [BindProperty] public MemberForm Input { get; set; } = new();

    /// <summary>The list's filter: serving members (true), past ones (false) or both (none).</summary>
    [BindProperty(SupportsGet = true)] public bool? Serving { get; set; }
    [FromQuery] public ListQuery Listing { get; set; } = new();

    /// <summary>The page of the members shown, in the asked order.</summary>
    public Paged<MemberView> Members { get; private set; } = new([], 0, 1, PagingExtensions.DefaultPageSize);
    public IReadOnlyList<(Guid Id, string Name)> Departments { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Townships { get; private set; } = [];
    public bool MayKeep => book.MayKeep;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Members = (await book.MembersShownAsync(Serving, ct)).ToPaged(Listing, MeetingBook.MemberSorts);
        if (MayKeep)
        {
            (Departments, Townships) = await book.UnitsAsync(ct);
        }
    }

    /// <summary>The members the filter shows, in the list's order, as .xlsx (<see cref="MeetingBook.MembersExportAsync"/>).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var (content, name) = await book.MembersExportAsync(Serving, Listing, export, ct);
        return File(content, Spreadsheet.ContentType, name);
    }

    public Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        Guid? Unit(string prefix) => Input.Unit is { } o && o.StartsWith(prefix, StringComparison.Ordinal) && Guid.TryParse(o[2..], out var g) ? g : null;
        return RunAsync(async () => (MemberView?)await book.AddMemberAsync(
                new MemberInput(Unit("d:"), Unit("t:"), Input.Name, Input.Post, Input.Phone, Input.UserName, Input.From), ct),
            _ => (Text["Meeting.MemberAdded"], "/Meetings/Members"), Redraw(ct));
    }

    public Task<IActionResult> OnPostEndAsync(CancellationToken ct) =>
        RunAsync(() => book.EndMemberAsync(Input.MemberId ?? Guid.Empty, Input.Until, ct), _ => (Text["Meeting.MemberEnded"], "/Meetings/Members"), Redraw(ct));

    private Func<Task<IActionResult>> Redraw(CancellationToken ct) => async () =>
    {
        await OnGetAsync(ct);
        return Page();
    };
}
