using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Entrust.Web.Features.Catalog;

public sealed class TownshipsModel(EntrustDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Pilot { get; set; }
    public List<TownshipsApi.TownshipDto> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Items = (await TownshipsApi.List(db, Q, Pilot, ct)).Value!;
}
