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
        // Every row the filter shows, not a page (a page is at most 200 rows).
        var all = await book.DeadlinesForExportAsync(new DeadlineFilter(Township, Matter, null), Listing.Sort, ct);
        var (content, name) = await export.WriteAsync("Cases.Deadlines", null, all, [
            new("CaseField.Due", r => r.Due),
            new("Cases.WorkingDaysLeftColumn", r => r.WorkingDaysLeft),
            new("Rectifications.Overdue", r => r.Overdue),
            new("CaseField.DeadlineKind", r => text["CaseDeadlineKind." + r.Kind].Value),
            new("CaseField.Number", r => r.Number),
            new("Field.Township", r => r.TownshipName),
            new("Field.Matter", r => r.MatterName),
            new("Cases.Party", r => r.PartyName),
            new("Field.State", r => text["CaseState." + r.State].Value),
        ], ct);
        return File(content, Spreadsheet.ContentType, name);
    }
}
