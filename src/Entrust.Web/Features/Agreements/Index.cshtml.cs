using Entrust.Web.Data;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Agreements;

/// <summary>The agreements the user may see (the query filters decide), through the same projection as GET /api/agreements.</summary>
public sealed class IndexModel(EntrustDbContext db, AgreementBook book) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Township { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Department { get; set; }
    [BindProperty(SupportsGet = true)] public AgreementState? State { get; set; }
    [BindProperty(SupportsGet = true)] public AgreementMode? Mode { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public Paged<AgreementsApi.AgreementRow> Result { get; private set; } = new([], 0, 1, 20);
    public List<Choice> Townships { get; private set; } = [];
    public List<Choice> Departments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var filter = new AgreementsApi.AgreementFilter(Township, Department, State, Mode, Q, PageNumber, 20);
        Result = await AgreementsApi.Rows(db, filter, book.Today).ToPagedAsync(PageNumber, 20, ct);
        (Townships, Departments) = await Choice.PartiesAsync(db, ct);
    }
}
