using Entrust.Web.Features.Inspections;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Inspections.Campaigns;

/// <summary>One campaign: its period, counts, and its inspections.</summary>
public sealed class DetailModel(CampaignBook campaigns, InspectionBook inspections) : PageModel
{
    public CampaignDto Campaign { get; private set; } = null!;
    public Paged<InspectionRow> Rows { get; private set; } = new([], 0, 1, 50);

    public async Task<IActionResult> OnGetAsync(Guid id, [FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        if (await campaigns.List(id).FirstOrDefaultAsync(ct) is not { } campaign)
        {
            return NotFound();
        }
        Campaign = campaign;
        Rows = await inspections.Search(new InspectionFilter(null, null, null, null, null, id, null, page, 50)).ToPagedAsync(page, 50, ct);
        return Page();
    }
}
