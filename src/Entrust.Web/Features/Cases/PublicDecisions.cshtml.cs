using Entrust.Web.Data;
using Entrust.Web.Features.Cases;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Cases;

/// <summary>行政处罚决定公示, for anyone without signing in: published decisions, parties masked (GET /api/public/decisions).</summary>
public sealed class PublicDecisionsModel(EntrustDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? District { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Township { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    /// <summary>The page and its size (the public list keeps its publication order: no sort).</summary>
    [FromQuery] public ListQuery Listing { get; set; } = new();

    public Paged<PublicDecisions.Entry> Result { get; private set; } = new([], 0, 1, PagingExtensions.DefaultPageSize);
    /// <summary>The statements of withdrawn decisions (APL 48 ¶2), the latest first.</summary>
    public Paged<PublicDecisions.Withdrawal> Withdrawals { get; private set; } = new([], 0, 1, PagingExtensions.DefaultPageSize);
    public List<Choice> Townships { get; private set; } = [];
    public string? DistrictName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await PublicDecisions.EntriesAsync(db, District, Township, Q, Listing.Page, Listing.Size, ct);
        Withdrawals = await PublicDecisions.WithdrawalsAsync(db, District, 1, 20, ct);
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
