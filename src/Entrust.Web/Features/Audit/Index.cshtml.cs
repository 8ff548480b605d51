using Entrust.Web.Data;
using Entrust.Web.Features.Audit;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Audit;

/// <summary>The audit trail with its filter bar, and the chain check.</summary>
public sealed class IndexModel(EntrustDbContext db, CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Entity { get; set; }
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserName { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public Paged<AuditApi.AuditDto> Result { get; private set; } = new([], 0, 1, 20);
    public List<string> EntityTypes { get; private set; } = [];
    public AuditApi.VerifyResult? Verification { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = (await AuditApi.List(new AuditApi.AuditFilter(Entity, null, UserName, From, To, PageNumber, 20), db, user, ct)).Value!;
        EntityTypes = await db.AuditEntries.AsNoTracking().Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);
    }

    public async Task OnPostVerifyAsync(CancellationToken ct)
    {
        Verification = await AuditApi.VerifyAsync(db, ct);
        await OnGetAsync(ct);
    }
}
