using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Entrust.Web.Features.Catalog;

/// <summary>The districts: every one for the admin, the user's own for everyone else (the query filter decides).</summary>
public sealed class DistrictsModel(Catalogue catalogue, ListExport export) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [FromQuery] public ListQuery Listing { get; set; } = new();

    public Paged<DistrictRow> Result { get; private set; } = new([], 0, 1, PagingExtensions.DefaultPageSize);

    public async Task OnGetAsync(CancellationToken ct) =>
        Result = await catalogue.DistrictsAsync(Q, Listing, ct);

    /// <summary>What the list shows, in its order, as .xlsx (<see cref="Catalogue.DistrictsExportAsync"/>).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var (content, name) = await catalogue.DistrictsExportAsync(Q, Listing, export, ct);
        return File(content, Spreadsheet.ContentType, name);
    }
}
