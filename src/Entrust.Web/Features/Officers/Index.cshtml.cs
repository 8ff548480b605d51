using Entrust.Web.Data;
using Entrust.Web.Features.Officers;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Officers;

/// <summary>The officers the user may see (the query filters decide), through the same rows and masking as GET /api/officers.</summary>
public sealed class IndexModel(EntrustDbContext db, OfficerRegistry registry, ListExport export) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public OfficerStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public StaffType? StaffType { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [FromQuery] public ListQuery Listing { get; set; } = new();

    public Paged<OfficerRow> Result { get; private set; } = new([], 0, 1, 20);
    public List<Choice> Townships { get; private set; } = [];
    public List<Choice> Departments { get; private set; } = [];
    public bool MayRegister => registry.MayRegister;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await registry.PageAsync(new OfficerFilter(Unit, Status, StaffType, Q, null, null), Listing, ct);
        (Townships, Departments) = await Choice.PartiesAsync(db, ct);
    }

    /// <summary>What the filter shows, as .xlsx (<see cref="ListExport"/>), masked as the list masks it.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var (content, name) = await registry.ExportAsync(new OfficerFilter(Unit, Status, StaffType, Q, null, null), Listing, export, ct);
        return File(content, Spreadsheet.ContentType, name);
    }
}
