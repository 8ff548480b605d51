using Entrust.Web.Data;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Agreements;

/// <summary>公示, for anyone without signing in: the agreements in force today with their matters (GET /api/public/agreements).</summary>
public sealed class PublicAgreementsModel(EntrustDbContext db, EntrustmentBook book) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? District { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Township { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public List<PublicAgreement> Items { get; private set; } = [];
    public List<Choice> Townships { get; private set; } = [];
    public string? DistrictName { get; private set; }
    public DateOnly Today => book.Today;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Items = await book.PublicAsync(District, Township, Q, ct);
        // The same district the list shows: the one named, else the first by code.
        var district = await db.Districts.IgnoreQueryFilters().Where(d => District == null || d.Code == District).OrderBy(d => d.Code)
            .Select(d => new { d.Id, d.Name }).FirstOrDefaultAsync(ct);
        if (district is not null)
        {
            DistrictName = district.Name;
            Townships = await db.Townships.IgnoreQueryFilters().AsNoTracking().Where(t => t.DistrictId == district.Id).OrderBy(t => t.Code)
                .Select(t => new Choice(t.Id, t.Name)).ToListAsync(ct);
        }
    }
}
