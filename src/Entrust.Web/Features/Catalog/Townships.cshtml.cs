using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Entrust.Web.Features.Catalog;

public sealed class TownshipsModel(Catalogue catalogue) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Pilot { get; set; }
    public List<TownshipRow> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Items = await catalogue.TownshipsAsync(Q, Pilot, ct);
}
