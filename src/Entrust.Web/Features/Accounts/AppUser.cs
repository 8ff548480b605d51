using Microsoft.AspNetCore.Identity;

namespace Entrust.Web.Features.Accounts;

/// <summary>
/// An account. Its role and unit decide what it sees: the district for the office and auditors, a
/// department for department users, a township for township users and officers. The admin has none.
/// </summary>
public sealed class AppUser : IdentityUser<Guid>
{
    /// <summary>
    /// The lockout end of an account the office or the admin has disabled (停用). Accounts are never deleted: the
    /// audit trail names them. Identity's lockout end is used for this alone; failed sign-ins lock a name per address
    /// (<see cref="SignInLock"/>).
    /// </summary>
    public static readonly DateTimeOffset DisabledUntil = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

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
    /// <summary>For an officer's account, the officer record it belongs to: an officer records only inspections they took part in.</summary>
    public Guid? OfficerId { get; set; }
    /// <summary>The preferred interface language ("zh-CN" or "en").</summary>
    public string? Culture { get; set; }

    /// <summary>When the password in force was set (<see cref="PasswordPolicy.Expired"/>); null for an account that has none.</summary>
    public DateTimeOffset? PasswordChangedAt { get; set; }

    /// <summary>
    /// One of the demo district's accounts: their shared, published demo password never expires, so the demo stays usable
    /// however long it runs. Set only by the demo's loading.
    /// </summary>
    public bool IsDemo { get; set; }
}
