using Entrust.Web.Features.RandomInspections;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Entrust.Web.Features.RandomInspections;

/// <summary>双随机抽查计划: the plans the user may see, newest first (GET /api/random-plans).</summary>
public sealed class IndexModel(RandomPlanBook book) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public RandomPlanState? State { get; set; }
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public Paged<RandomPlanDto> Result { get; private set; } = new([], 0, 1, PageSize);
    public bool MayPlan => book.MayPlan;

    public async Task OnGetAsync(CancellationToken ct) => Result = await book.List(State, Q).ToPagedAsync(PageNumber, PageSize, ct);
}
