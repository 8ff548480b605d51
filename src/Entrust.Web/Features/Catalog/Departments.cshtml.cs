using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Catalog;

public sealed class DepartmentsModel(Catalogue catalogue) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public List<DepartmentRow> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Items = await catalogue.DepartmentsAsync(Q, ct);
}
