using Entrust.Web.Data;
using Entrust.Web.Features.Cases;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Cases;

/// <summary>The deadlines due within 10 working days and the overdue ones, of the cases the user sees (township, department, office).</summary>
public sealed class DeadlinesModel(EntrustDbContext db, CaseBook book, ListExport export, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Township { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Matter { get; set; }
    [FromQuery] public ListQuery Listing { get; set; } = new();

    public DeadlineList List { get; private set; } = null!;
    public List<Choice> Townships { get; private set; } = [];
    public List<Choice> Matters { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        List = await book.DeadlinesAsync(new DeadlineFilter(Township, Matter, null), ct, Listing);
        (Townships, Matters) = await CaseChoices.TownshipsAndMattersAsync(db, ct);
    }

    /// <summary>What the filter shows, in the list's order, as .xlsx (<see cref="ListExport"/>).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var (content, name) = await book.DeadlinesExportAsync(new DeadlineFilter(Township, Matter, null), Listing, export, text, ct);
        return File(content, Spreadsheet.ContentType, name);
    }
}
