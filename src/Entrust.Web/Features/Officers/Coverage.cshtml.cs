using Entrust.Web.Data;
using Entrust.Web.Features.Officers;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Entrust.Web.Features.Officers;

/// <summary>持证覆盖: the same view as GET /api/coverage, as a grid of townships × domains with the flags and the expiring list.</summary>
public sealed class CoverageModel(EntrustDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Township { get; set; }

    public Features.Officers.Coverage.View View { get; private set; } = null!;
    public List<Choice> Townships { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        View = await Features.Officers.Coverage.BuildAsync(db, Platform.Clock.TodayInChina(clock), null, Township, ct);
        (Townships, _) = await Choice.PartiesAsync(db, ct);
    }
}
