using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Catalog;

public sealed class DepartmentsModel(EntrustDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public List<DepartmentsApi.DepartmentDto> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Items = (await DepartmentsApi.List(db, Q, ct)).Value!;
}
