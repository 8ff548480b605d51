using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Entrust.Web.Features.Catalog;

/// <summary>The departments in sight (the query filters decide), sorted, paged and exported as every console list.</summary>
public sealed class DepartmentsModel(Catalogue catalogue, ListExport export) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [FromQuery] public ListQuery Listing { get; set; } = new();

    public Paged<DepartmentRow> Result { get; private set; } = new([], 0, 1, PagingExtensions.DefaultPageSize);

    public async Task OnGetAsync(CancellationToken ct) =>
        Result = await catalogue.DepartmentsAsync(Q, Listing, ct);

    /// <summary>What the list shows, in its order, as .xlsx (<see cref="Catalogue.DepartmentsExportAsync"/>).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var (content, name) = await catalogue.DepartmentsExportAsync(Q, Listing, export, ct);
        return File(content, Spreadsheet.ContentType, name);
    }
}
