using Microsoft.AspNetCore.Identity;

namespace Entrust.Web.Features.Accounts;

/// <summary>
/// An account. Its role and unit decide what it sees: the district for the office and auditors, a
/// department for department users, a township for township users and officers. The admin has none.
/// </summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public AppUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString();
    }

    public string DisplayName { get; set; } = "";
    public string Role { get; set; } = "";
    public Guid? DistrictId { get; set; }
    public Guid? DepartmentId { get; set; }
    public Guid? TownshipId { get; set; }
    /// <summary>The preferred interface language ("zh-CN" or "en").</summary>
    public string? Culture { get; set; }
}
