using Entrust.Web.Features.RandomInspections;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.RandomInspections;

/// <summary>双随机抽查计划: the plans the user may see, newest first (GET /api/random-plans).</summary>
public sealed class IndexModel(RandomPlanBook book, ListExport export, IStringLocalizer<SharedResource> text) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public RandomPlanState? State { get; set; }
    [FromQuery] public ListQuery Listing { get; set; } = new();

    public Paged<RandomPlanDto> Result { get; private set; } = new([], 0, 1, PageSize);
    public bool MayPlan => book.MayPlan;

    public async Task OnGetAsync(CancellationToken ct) => Result = await book.List(State, Q).ToPagedAsync(Listing, RandomPlanBook.Sorts, ct);

    /// <summary>What the filter shows, in the page's order, as .xlsx (<see cref="ListExport"/>).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var (content, name) = await book.ListExportAsync(State, Q, Listing, export, text, ct);
        return File(content, Spreadsheet.ContentType, name);
    }
}
