using Entrust.Web.Data;
using Entrust.Web.Features.Calendar;
using Entrust.Web.Features.RandomInspections;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.RandomInspections;

/// <summary>双随机抽查结果公示, for anyone without signing in (GET /api/public/inspections).</summary>
public sealed class PublicInspectionsModel(EntrustDbContext db, HolidayCalendar calendar) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? District { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Township { get; set; }

    [FromQuery] public ListQuery Listing { get; set; } = new();

    public List<PublicInspections.Entry> Entries { get; private set; } = [];
    /// <summary>The page shown: a district's year of results is not one endless page on a phone.</summary>
    public Paged<PublicInspections.Entry> Shown { get; private set; } = new([], 0, 1, PagingExtensions.DefaultPageSize);
    public List<Choice> Townships { get; private set; } = [];
    public string? DistrictName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Entries = await PublicInspections.EntriesAsync(db, calendar, District, Township, ct);
        Shown = Entries.ToPaged(Listing);
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
