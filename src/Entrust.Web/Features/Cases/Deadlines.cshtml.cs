using Entrust.Web.Data;
using Entrust.Web.Features.Cases;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Entrust.Web.Features.Cases;

/// <summary>The deadlines due within 10 working days and the overdue ones, of the cases the user sees (township, department, office).</summary>
public sealed class DeadlinesModel(EntrustDbContext db, CaseBook book) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Township { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Matter { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public DeadlineList List { get; private set; } = null!;
    public List<Choice> Townships { get; private set; } = [];
    public List<Choice> Matters { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        List = await book.DeadlinesAsync(new DeadlineFilter(Township, Matter, null, PageNumber), ct);
        (Townships, Matters) = await CaseChoices.TownshipsAndMattersAsync(db, ct);
    }
}
