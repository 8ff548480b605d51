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
        Sorts = SortsOf(View);
        Shown = View.Rows.ToPaged(Listing, Sorts);
        (Townships, _) = await Choice.PartiesAsync(db, ct);
    }

    /// <summary>The grid the filter shows, one township a row, the holders per domain and the matters flagged, as .xlsx.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var view = await Features.Officers.Coverage.BuildAsync(db, Platform.Clock.TodayInChina(clock), null, Township, ct);
        List<ExportColumn<Features.Officers.Coverage.Row>> columns = [new("Field.TownshipId", r => r.TownshipName)];
        columns.AddRange(view.Domains.Select(d => new ExportColumn<Features.Officers.Coverage.Row>(d.Name, r => r.Holders.GetValueOrDefault(d.Code))));
        columns.Add(new("Coverage.FlagsTitle", r => string.Join("；", r.Flags.Select(f =>
            text["Coverage.FlagCell", f.MatterName, Catalog.Domains.Name(f.Domain), f.Holders, view.RequiredHolders].Value))));
        var (content, name) = await export.WriteAsync("Menu.Coverage", view.Date.ToString("yyyy-MM-dd"), SortsOf(view).Apply(view.Rows, Listing.Sort),
            columns, ct);
        return File(content, Spreadsheet.ContentType, name);
    }

    private static ListSort<Features.Officers.Coverage.Row> SortsOf(Features.Officers.Coverage.View view)
    {
        var position = view.Rows.Select((r, i) => (r.TownshipId, i)).ToDictionary(p => p.TownshipId, p => p.i);
        var sorts = new ListSort<Features.Officers.Coverage.Row>("township").By("township", r => position[r.TownshipId]);
        foreach (var code in view.Domains.Select(d => d.Code))
        {
            sorts.By(code, r => r.Holders.GetValueOrDefault(code));
        }
        return sorts.Then(r => r.TownshipId);
    }
}
