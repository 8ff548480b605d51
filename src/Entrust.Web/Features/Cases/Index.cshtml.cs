using Entrust.Web.Data;
using Entrust.Web.Features.Cases;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Cases;

/// <summary>The case list of whoever sees cases, filtered and paged as GET /api/cases, each row with its next deadline.</summary>
public sealed class IndexModel(EntrustDbContext db, CaseBook book, ListExport export, IStringLocalizer<SharedResource> text) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public CaseState? State { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Matter { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Township { get; set; }
    [BindProperty(SupportsGet = true)] public CaseProcedure? Procedure { get; set; }
    [BindProperty(SupportsGet = true)] public string? Due { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [FromQuery] public ListQuery Listing { get; set; } = new();

    public Paged<CaseRow> Rows { get; private set; } = new([], 0, 1, PageSize);
    public List<Choice> Townships { get; private set; } = [];
    public List<Choice> Matters { get; private set; } = [];
    public bool MayFile => book.MayFile;
    public DateOnly Today => book.Today;

    private CaseFilter Filter => new(State, Matter, Township, Procedure, Due == "overdue" ? true : null, Due == "soon" ? true : null, Q,
        null, null);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rows = await book.SearchAsync(Filter, Listing, ct);
        (Townships, Matters) = await CaseChoices.TownshipsAndMattersAsync(db, ct);
    }

    /// <summary>What the filter shows, as .xlsx (<see cref="ListExport"/>), with each case's next deadline as the list shows it.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var (content, name) = await book.ExportAsync(Filter, Listing, export, text, ct);
        return File(content, Spreadsheet.ContentType, name);
    }
}

/// <summary>The townships and matters the case pages offer in their filters and forms.</summary>
public static class CaseChoices
{
    public static async Task<(List<Choice> Townships, List<Choice> Matters)> TownshipsAndMattersAsync(EntrustDbContext db, CancellationToken ct) =>
        (await db.Townships.AsNoTracking().OrderBy(t => t.Code).Select(t => new Choice(t.Id, t.Name)).ToListAsync(ct),
         await db.Matters.AsNoTracking().OrderBy(m => m.Kind != Features.Catalog.MatterKind.Penalty).ThenBy(m => m.Code)
             .Select(m => new Choice(m.Id, m.Name)).ToListAsync(ct));

    /// <summary>The active officers of the township and of the user's department, who may be named on a case.</summary>
    public static Task<List<Choice>> OfficersAsync(EntrustDbContext db, Guid? townshipId, Guid? departmentId, CancellationToken ct) =>
        db.Officers.AsNoTracking()
            .Where(Features.Officers.Officer.Active())
            .Where(o => o.TownshipId == townshipId || (departmentId != null && o.DepartmentId == departmentId))
            .OrderBy(o => o.Name).Select(o => new Choice(o.Id, o.Name)).ToListAsync(ct);
}
