using Entrust.Web.Features.RandomInspections;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.RandomInspections;

/// <summary>
/// One plan: its draw (seed, hash, who and when), the verify action (一致/不一致), the drawn assignments with their results,
/// publication and lateness. Each assignment links to its inspection, or to the inspection form filled in for it. The same workflow as /api/random-plans/{id}/….
/// </summary>
public sealed class DetailModel(RandomPlanBook book, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    public RandomPlanDetail Plan { get; private set; } = null!;
    public VerifyAnswer? Verified { get; private set; }
    public string? Error { get; private set; }
    public bool MayPlan => book.MayPlan;
    public bool MayRecord => book.MayRecord;
    public DateOnly Today => clock.TodayInChina();

    [BindProperty] public Guid? AssignmentId { get; set; }
    [BindProperty] public DateOnly? PublishedOn { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetExportAsync(Guid id, CancellationToken ct) =>
        await book.ExportAsync(id, text, ct) is { } file
            ? File(file, Spreadsheet.ContentType, $"random-plan-{id}.xlsx") : NotFound();

    public Task<IActionResult> OnPostDrawAsync(Guid id, CancellationToken ct) => ActAsync(id, () => book.DrawAsync(id, ct), ct);

    public async Task<IActionResult> OnPostVerifyAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        Verified = await book.VerifyAsync(id, ct);
        return Page();
    }

    public Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, () => book.PublishAsync(id, AssignmentId ?? Guid.Empty, new PublishInput(PublishedOn), ct), ct);

    private async Task<IActionResult> ActAsync<T>(Guid id, Func<Task<T?>> action, CancellationToken ct) where T : class
    {
        try
        {
            if (await action() is null)
            {
                return NotFound();
            }
            return RedirectToPage("/RandomInspections/Detail", new { id });
        }
        catch (RuleViolation v)
        {
            Error = text.Message(v);
        }
        catch (ForbiddenAction)
        {
            return Forbid();
        }
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await book.FindAsync(id, ct) is not { } plan)
        {
            return false;
        }
        Plan = plan;
        return true;
    }
}
