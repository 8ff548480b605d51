using Entrust.Web.Data;
using Entrust.Web.Features.Officers;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Entrust.Web.Features.Officers;

/// <summary>The officers the user may see (the query filters decide), through the same rows and masking as GET /api/officers.</summary>
public sealed class IndexModel(EntrustDbContext db, OfficerRegistry registry) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public OfficerStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public StaffType? StaffType { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public Paged<OfficersApi.OfficerRow> Result { get; private set; } = new([], 0, 1, 20);
    public List<Choice> Townships { get; private set; } = [];
    public List<Choice> Departments { get; private set; } = [];
    public bool MayRegister => registry.MayRegister;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await OfficersApi.PageAsync(db, registry, new OfficersApi.OfficerFilter(Unit, Status, StaffType, Q, PageNumber, 20), ct);
        (Townships, Departments) = await Choice.PartiesAsync(db, ct);
    }
}
