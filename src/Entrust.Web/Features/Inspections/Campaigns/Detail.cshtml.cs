using Entrust.Web.Features.Inspections;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Inspections.Campaigns;

/// <summary>One campaign: its period, counts, and its inspections (the work list's rows, orders and export, held to the campaign).</summary>
public sealed class DetailModel(CampaignBook campaigns, InspectionBook inspections, ListExport export) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    [FromQuery] public ListQuery Listing { get; set; } = new();

    public CampaignDto Campaign { get; private set; } = null!;
    public Paged<InspectionRow> Rows { get; private set; } = new([], 0, 1, PagingExtensions.DefaultPageSize);

    private InspectionFilter Filter => new(null, null, null, null, null, Id, null, null, null);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await campaigns.List(Id).FirstOrDefaultAsync(ct) is not { } campaign)
        {
            return NotFound();
        }
        Campaign = campaign;
        Rows = await inspections.PageAsync(Filter, Listing, ct);
        return Page();
    }

    /// <summary>The campaign's inspections, in the page's order, as .xlsx (<see cref="ListExport"/>); 404 for a campaign out of sight.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) =>
        await campaigns.List(Id).AnyAsync(ct) && await inspections.ExportAsync(Filter, export, ct, Listing) is var (content, name)
            ? File(content, Spreadsheet.ContentType, name) : NotFound();
}
