using Entrust.Web.Features.Accounts;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Entrust.Web.Features.Accounts.Users;

/// <summary>The accounts the admin or the office keeps: the same filter and projection as GET /api/users.</summary>
public sealed class IndexModel(UserDirectory directory) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? District { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Department { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Township { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Locked { get; set; }
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public Paged<UserDto> Result { get; private set; } = new([], 0, 1, 20);
    public List<(Guid Id, string Name)> Districts { get; private set; } = [];
    public List<(Guid Id, string Name)> Departments { get; private set; } = [];
    public List<(Guid Id, string Name)> Townships { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await directory.ListAsync(new UserFilter(Q, Role, District, Department, Township, PageNumber, 20, Locked), ct);
        (Districts, Departments, Townships) = await directory.UnitChoicesAsync(ct);
    }
}
