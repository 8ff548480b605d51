using Entrust.Web.Data;
using Entrust.Web.Features.Officers;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Officers;

/// <summary>持证覆盖: the same view as GET /api/coverage, as a grid of townships × domains with the flags and the expiring list.</summary>
public sealed class CoverageModel(EntrustDbContext db, TimeProvider clock, ListExport export, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Township { get; set; }
    [FromQuery] public ListQuery Listing { get; set; } = new();

    public Features.Officers.Coverage.View View { get; private set; } = null!;

    /// <summary>The grid's orders: the townships' own order (by code) by default, or the holders of a domain's column.</summary>
    public ListSort<Features.Officers.Coverage.Row> Sorts { get; private set; } = null!;

    /// <summary>The page of townships shown.</summary>
    public Paged<Features.Officers.Coverage.Row> Shown { get; private set; } = null!;
    public List<Choice> Townships { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        View = await Features.Officers.Coverage.BuildAsync(db, Platform.Clock.TodayInChina(clock), null, Township, ct);
        Sorts = Features.Officers.Coverage.Sorts(View);
        Shown = View.Rows.ToPaged(Listing, Sorts);
        (Townships, _) = await Choice.PartiesAsync(db, ct);
    }

    /// <summary>The grid the filter shows, in the list's order, as .xlsx (<see cref="Features.Officers.Coverage.ExportAsync"/>).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var view = await Features.Officers.Coverage.BuildAsync(db, Platform.Clock.TodayInChina(clock), null, Township, ct);
        var (content, name) = await Features.Officers.Coverage.ExportAsync(view, Listing, export, text, ct);
        return File(content, Spreadsheet.ContentType, name);
    }
}
