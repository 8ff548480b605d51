using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Catalog;

/// <summary>The townships in sight (the query filters decide), sorted, paged and exported as every console list.</summary>
public sealed class TownshipsModel(Catalogue catalogue, ListExport export, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Pilot { get; set; }
    [FromQuery] public ListQuery Listing { get; set; } = new();

    public Paged<TownshipRow> Result { get; private set; } = new([], 0, 1, PagingExtensions.DefaultPageSize);

    public async Task OnGetAsync(CancellationToken ct) =>
        Result = await catalogue.TownshipsAsync(Q, Pilot, Listing, ct);

    /// <summary>What the list shows, in its order, as .xlsx (<see cref="Catalogue.TownshipsExportAsync"/>).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var (content, name) = await catalogue.TownshipsExportAsync(Q, Pilot, Listing, export, text, ct);
        return File(content, Spreadsheet.ContentType, name);
    }
}
