using Entrust.Web.Data;
using Entrust.Web.Features.RandomInspections;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.RandomInspections;

/// <summary>随机抽查事项清单公示, for anyone without signing in (GET /api/public/inspection-items).</summary>
public sealed class PublicInspectionItemsModel(EntrustDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? District { get; set; }

    public List<PublicInspectionItems.Entry> Entries { get; private set; } = [];
    public string? DistrictName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Entries = await PublicInspectionItems.EntriesAsync(db, District, clock.TodayInChina(), ct);
        DistrictName = await db.Districts.IgnoreQueryFilters().Where(d => District == null || d.Code == District).OrderBy(d => d.Code)
            .Select(d => d.Name).FirstOrDefaultAsync(ct);
    }
}
