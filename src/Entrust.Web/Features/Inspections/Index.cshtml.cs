using Entrust.Web.Data;
using Entrust.Web.Features.Inspections;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Inspections;

/// <summary>The work lists: mine today, a township's by month, matter, kind and result, a department's on its matters; the same
/// filter and projection as GET /api/inspections.</summary>
public sealed class IndexModel(EntrustDbContext db, InspectionBook book, ListExport export) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Matter { get; set; }
    [BindProperty(SupportsGet = true)] public InspectionKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public InspectionResult? Result { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Township { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Campaign { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Mine { get; set; }
    [FromQuery] public ListQuery Listing { get; set; } = new();

    public Paged<InspectionRow> Rows { get; private set; } = new([], 0, 1, PageSize);
    public List<Choice> Townships { get; private set; } = [];
    public List<Choice> Matters { get; private set; } = [];
    public bool MayRecord => book.MayRecord;

    private InspectionFilter Filter => new(Month, Matter, Kind, Result, Township, Campaign, Mine, null, null);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rows = await book.PageAsync(Filter, Listing, ct);
        Townships = await db.Townships.AsNoTracking().OrderBy(t => t.Code).Select(t => new Choice(t.Id, t.Name)).ToListAsync(ct);
        Matters = await db.Matters.AsNoTracking().Where(m => m.Kind != Features.Catalog.MatterKind.Penalty).OrderBy(m => m.Code)
            .Select(m => new Choice(m.Id, m.Name)).ToListAsync(ct);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) =>
        await book.ExportAsync(Filter, export, ct, Listing) is var (content, name) ? File(content, Spreadsheet.ContentType, name) : NotFound();
}
