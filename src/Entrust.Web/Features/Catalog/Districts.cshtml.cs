using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Entrust.Web.Features.Catalog;

/// <summary>The districts: every one for the admin, the user's own for everyone else (the query filter decides).</summary>
public sealed class DistrictsModel(EntrustDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public List<DistrictsApi.DistrictDto> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Items = (await DistrictsApi.List(db, Q, ct)).Value!;
}
