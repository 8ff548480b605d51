using Entrust.Web.Data;
using Entrust.Web.Features.Targets;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Targets;

/// <summary>The regulated targets the user may see: the same filter, order and rows as GET /api/targets (<see cref="TargetRegistry.Search"/>).</summary>
public sealed class IndexModel(EntrustDbContext db, TargetRegistry registry, TargetSpreadsheet sheet, IStringLocalizer<SharedResource> text)
    : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Township { get; set; }
    [BindProperty(SupportsGet = true)] public TargetKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public RiskLevel? Risk { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Complaints { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Abnormal { get; set; }
    [FromQuery] public ListQuery Listing { get; set; } = new();

    public Paged<TargetDto> Result { get; private set; } = new([], 0, 1, PageSize);
    public List<Choice> Townships { get; private set; } = [];
    public bool MayWrite => registry.MayWrite;

    private TargetFilter Filter => new(Q, Township, Kind, Risk, Complaints, Abnormal, Listing.Sort, null, null);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await registry.ListAsync(Filter, Listing, ct);
        Townships = await db.Townships.AsNoTracking().OrderBy(t => t.Code).Select(t => new Choice(t.Id, t.Name)).ToListAsync(ct);
    }

    /// <summary>What the filter shows, in the page's order, as the targets' sheet (the file the import takes back).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) =>
        File(await sheet.ExportAsync(Filter, ct), Spreadsheet.ContentType,
            text["Export.TargetsFileName"].Value + ".xlsx");
}
