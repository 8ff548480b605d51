using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Catalog;

/// <summary>The matter catalogue: the same filter, order and rows as GET /api/matters (<see cref="Catalogue.Matters"/>).</summary>
public sealed class MattersModel(Catalogue catalogue, MatterSpreadsheet sheet, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Department { get; set; }
    [BindProperty(SupportsGet = true)] public string? Domain { get; set; }
    [BindProperty(SupportsGet = true)] public MatterKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public Entrustability? Entrustability { get; set; }
    [FromQuery] public ListQuery Listing { get; set; } = new();

    public Paged<MatterRow> Result { get; private set; } = new([], 0, 1, PagingExtensions.DefaultPageSize);
    public List<(Guid Id, string Name)> Departments { get; private set; } = [];

    private MatterFilter Filter => new(Q, Department, Domain, Kind, Entrustability);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await catalogue.MattersAsync(Filter, Listing, ct);
        Departments = [.. (await catalogue.DepartmentsAsync(null, ct)).Select(d => (d.Id, d.Name))];
    }

    /// <summary>What the filter shows, in the page's order, as the catalogue's sheet (the file its import takes back).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) =>
        File(await sheet.ExportAsync(Filter, Listing.Sort, ct), Spreadsheet.ContentType,
            text["Export.MattersFileName"].Value + ".xlsx");
}
