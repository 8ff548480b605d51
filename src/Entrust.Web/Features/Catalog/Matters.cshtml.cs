using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Catalog;

/// <summary>The matter catalogue: the same filter and projection as GET /api/matters.</summary>
public sealed class MattersModel(EntrustDbContext db, MatterSpreadsheet sheet) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Department { get; set; }
    [BindProperty(SupportsGet = true)] public string? Domain { get; set; }
    [BindProperty(SupportsGet = true)] public MatterKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public Entrustability? Entrustability { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public Paged<MattersApi.MatterDto> Result { get; private set; } = new([], 0, 1, 20);
    public List<(Guid Id, string Name)> Departments { get; private set; } = [];

    private MattersApi.MatterFilter Filter => new(Q, Department, Domain, Kind, Entrustability, Sort, PageNumber, 20);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await MattersApi.Project(MattersApi.Filter(db.Matters.AsNoTracking(), Filter), Sort).ToPagedAsync(PageNumber, 20, ct);
        Departments = (await db.Departments.AsNoTracking().OrderBy(d => d.Code).Select(d => new { d.Id, d.Name }).ToListAsync(ct))
            .Select(d => (d.Id, d.Name)).ToList();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) =>
        File(await sheet.ExportAsync(MattersApi.Filter(db.Matters, Filter), ct), Spreadsheet.ContentType, "权责清单.xlsx");
}
