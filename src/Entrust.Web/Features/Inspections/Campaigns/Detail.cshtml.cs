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

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await campaigns.List(Id).FirstOrDefaultAsync(ct) is not { } campaign)
        {
            return NotFound();
        }
        Campaign = campaign;
        Rows = await inspections.PageAsync(InspectionFilter.OfCampaign(Id), Listing, ct);
        return Page();
    }

    /// <summary>The campaign's inspections, in the page's order, as .xlsx (<see cref="ListExport"/>); 404 for a campaign out of sight.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) =>
        await campaigns.InspectionsExportAsync(Id, Listing, inspections, export, ct) is { } file
            ? File(file.Content, Spreadsheet.ContentType, file.FileName) : NotFound();
}
