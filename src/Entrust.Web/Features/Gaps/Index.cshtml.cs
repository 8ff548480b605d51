using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Gaps;

/// <summary>The gaps the user sees, filtered; an open gap acknowledged with a note, an active one closed by the office with a reason.</summary>
public sealed class IndexModel(GapBook book, IStringLocalizer<SharedResource> text) : ConsolePageModel(text)
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public GapKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public GapState? State { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? TownshipId { get; set; }
    [BindProperty(SupportsGet = true)] public bool Escalated { get; set; }
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    /// <summary>The answer posted: the gap, and the note (acknowledge) or the reason (close).</summary>
    public sealed record AnswerInput(Guid GapId, string? Note, string? Reason);

    [BindProperty] public AnswerInput? Input { get; set; }

    public Paged<GapView> Gaps { get; private set; } = new([], 0, 1, PageSize);
    public bool MayAcknowledge => book.MayAcknowledge;
    public bool MayClose => book.MayClose;

    public async Task OnGetAsync(CancellationToken ct) =>
        Gaps = await book.ListAsync(new GapFilter(Kind, TownshipId, null, State, Escalated), PageNumber, PageSize, ct);

    public Task<IActionResult> OnPostAcknowledgeAsync(CancellationToken ct) =>
        RunAsync(() => book.AcknowledgeAsync(Input?.GapId ?? Guid.Empty, Input?.Note, ct), g => (Text["Gaps.Acknowledged"], Back()), Redraw(ct));

    public Task<IActionResult> OnPostCloseAsync(CancellationToken ct) =>
        RunAsync(() => book.CloseAsync(Input?.GapId ?? Guid.Empty, Input?.Reason, ct), g => (Text["Gaps.Closed"], Back()), Redraw(ct));

    private Func<Task<IActionResult>> Redraw(CancellationToken ct) => async () =>
    {
        await OnGetAsync(ct);
        return Page();
    };

    private string Back() => "/Gaps" + Request.QueryString;
}
