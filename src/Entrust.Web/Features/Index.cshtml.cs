using Entrust.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features;

/// <summary>The home page is the workbench (工作台) of the user's role: to-dos, open gaps and their chart; the catalogue below.</summary>
public sealed class IndexModel(EntrustDbContext db, Gaps.Workbench workbench) : PageModel
{
    public Gaps.WorkbenchView? Workbench { get; private set; }

    public int Departments { get; private set; }
    public int Townships { get; private set; }
    public int PilotTownships { get; private set; }
    public int Matters { get; private set; }
    public int DistrictWideMatters { get; private set; }
    public string? DistrictName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Workbench = await workbench.GetAsync(ct);
        Departments = await db.Departments.CountAsync(ct);
        Townships = await db.Townships.CountAsync(ct);
        PilotTownships = await db.Townships.CountAsync(t => t.IsPilot, ct);
        Matters = await db.Matters.CountAsync(ct);
        DistrictWideMatters = await db.Matters.CountAsync(m => m.Entrustability == Features.Catalog.Entrustability.DistrictWide, ct);
        DistrictName = await db.Districts.Where(d => d.Id == db.User.DistrictId).Select(d => d.Name).FirstOrDefaultAsync(ct);
    }
}
