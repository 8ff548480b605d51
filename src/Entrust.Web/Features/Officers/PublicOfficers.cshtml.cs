using Entrust.Web.Data;
using Entrust.Web.Features.Officers;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Officers;

/// <summary>执法人员公示, for anyone without signing in: the qualified officers per unit (GET /api/public/officers).</summary>
public sealed class PublicOfficersModel(EntrustDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? District { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    [FromQuery] public ListQuery Listing { get; set; } = new();

    public List<PublicRegister.Entry> Entries { get; private set; } = [];
    /// <summary>The page shown (50 by default), in the register's order: a unit may run over two pages.</summary>
    public Paged<PublicRegister.Entry> Shown { get; private set; } = new([], 0, 1, 50);
    public List<Choice> Units { get; private set; } = [];
    public string? DistrictName { get; private set; }
    public DateOnly Today => clock.TodayInChina();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Entries = await PublicRegister.EntriesAsync(db, District, Unit, Q, Today, ct);
        Shown = Entries.ToPaged(new ListQuery { Page = Listing.Page, Size = Listing.Size ?? 50 });
        var district = await db.Districts.IgnoreQueryFilters().Where(d => District == null || d.Code == District).OrderBy(d => d.Code)
            .Select(d => new { d.Id, d.Name }).FirstOrDefaultAsync(ct);
        if (district is not null)
        {
            DistrictName = district.Name;
            Units = await db.Townships.IgnoreQueryFilters().AsNoTracking().Where(t => t.DistrictId == district.Id).OrderBy(t => t.Code)
                .Select(t => new Choice(t.Id, t.Name)).ToListAsync(ct);
            Units.AddRange(await db.Departments.IgnoreQueryFilters().AsNoTracking().Where(d => d.DistrictId == district.Id).OrderBy(d => d.Code)
                .Select(d => new Choice(d.Id, d.Name)).ToListAsync(ct));
        }
    }
}
