using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Meetings;

/// <summary>The standing members of the monthly meeting, serving and past, with the office's dated changes (a successor ends the predecessor).</summary>
public sealed class MembersModel(MeetingBook book, IStringLocalizer<SharedResource> text) : ConsolePageModel(text)
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

    public IReadOnlyList<MemberView> Members { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Departments { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Townships { get; private set; } = [];
    public bool MayKeep => book.MayKeep;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Members = await book.MembersAsync(false, ct);
        if (MayKeep)
        {
            (Departments, Townships) = await book.UnitsAsync(ct);
        }
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
