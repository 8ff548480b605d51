using Entrust.Web.Features.Accounts;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Accounts.Users;

/// <summary>The accounts the admin or the office keeps: the same filter and projection as GET /api/users.</summary>
public sealed class IndexModel(UserDirectory directory, ListExport export, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? District { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Department { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Township { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Locked { get; set; }
    [FromQuery] public ListQuery Listing { get; set; } = new();

    public Paged<UserDto> Result { get; private set; } = new([], 0, 1, 20);
    public List<(Guid Id, string Name)> Districts { get; private set; } = [];
    public List<(Guid Id, string Name)> Departments { get; private set; } = [];
    public List<(Guid Id, string Name)> Townships { get; private set; } = [];

    private UserFilter Filter => new(Q, Role, District, Department, Township, null, null, Locked);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await directory.PageAsync(Filter, Listing, ct);
        (Districts, Departments, Townships) = await directory.UnitChoicesAsync(ct);
    }

    /// <summary>What the filter shows, in the page's order, as .xlsx (<see cref="ListExport"/>).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var (content, name) = await directory.ExportAsync(Filter, Listing, export, text, ct);
        return File(content, Spreadsheet.ContentType, name);
    }
}
