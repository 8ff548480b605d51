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

    /// <summary>What the search shows, in the list's order, as .xlsx (<see cref="ListExport"/>).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var (content, name) = await export.WriteAsync("Menu.Departments", null, await catalogue.DepartmentsForExportAsync(Q, Listing, ct), [
            new("Field.Code", d => d.Code),
            new("Field.Name", d => d.Name),
            new("Field.LegalSectionContact", d => d.LegalSectionContact),
            new("Home.Matters", d => d.MatterCount),
        ], ct);
        return File(content, Spreadsheet.ContentType, name);
    }
}
