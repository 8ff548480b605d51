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

    [FromQuery] public ListQuery Listing { get; set; } = new();

    public List<PublicAgreement> Items { get; private set; } = [];
    /// <summary>The page shown: a district's agreements are not one 15,000-pixel page on a phone.</summary>
    public Paged<PublicAgreement> Shown { get; private set; } = new([], 0, 1, 20);
    public List<Choice> Townships { get; private set; } = [];
    public string? DistrictName { get; private set; }
    public DateOnly Today => book.Today;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Items = await book.PublicAsync(District, Township, Q, ct);
        Shown = Items.ToPaged(Listing);
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
