using Entrust.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entrust.Web.Features.Accounts;

/// <summary>
/// Failed sign-ins of one user name from one address (等保 2.0 level 3, 身份鉴别: 登录失败处理). After the district's
/// <see cref="SecurityRules.LockoutAttempts"/> failures in a row the name is locked for that address for
/// <see cref="SecurityRules.LockoutMinutes"/>; other addresses are not held back, so a stranger can't lock the admin out.
/// Kept for names that belong to no account too (with the default rules), so the answer never tells whether an account
/// exists. A success from the address, the lock running out, or the office or the admin lifting it ends the count.
/// </summary>
public sealed class SignInLock
{
    public const int AddressLength = 64;

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    /// <summary>The name as Identity normalises it (<c>NormalizedUserName</c>).</summary>
    public string UserName { get; private set; } = "";

    public string Address { get; private set; } = "";

    /// <summary>The account of that name when there is one: the office and the admin see its locks on /Admin/Users.</summary>
    public Guid? UserId { get; private set; }

    /// <summary>The account's district, so the district's auditor finds its lockouts in the audit trail.</summary>
    public Guid? DistrictId { get; private set; }

    /// <summary>Failures in a row since the last success or lock.</summary>
    public int Failures { get; private set; }

    public DateTimeOffset LastFailureAt { get; private set; }

    /// <summary>Set when <see cref="Failures"/> reached the district's limit: no sign-in of the name from the address before it.</summary>
    public DateTimeOffset? LockedUntil { get; private set; }

    private SignInLock() { }

    public SignInLock(string userName, string address, AppUser? user)
    {
        UserName = userName;
        Address = address;
        UserId = user?.Id;
        DistrictId = user?.DistrictId;
    }

    public bool LockedAt(DateTimeOffset now) => LockedUntil > now;

    /// <summary>One more failure; answers whether it locks the name for the address now.</summary>
    public bool Fail(DateTimeOffset now, SecurityRules rules)
    {
        if (LockedUntil is { } until && until <= now)
        {
            // The lock ran out: counting starts again.
            LockedUntil = null;
            Failures = 0;
        }
        Failures++;
        LastFailureAt = now;
        if (Failures < rules.LockoutAttempts)
        {
            return false;
        }
        Failures = 0;
        LockedUntil = now.AddMinutes(rules.LockoutMinutes);
        return true;
    }
}

internal sealed class SignInLockConfiguration : IEntityTypeConfiguration<SignInLock>
{
    public void Configure(EntityTypeBuilder<SignInLock> b)
    {
        b.Property(x => x.UserName).HasMaxLength(256);
        b.Property(x => x.Address).HasMaxLength(SignInLock.AddressLength);
        b.HasIndex(x => new { x.UserName, x.Address }).IsUnique();
        b.HasIndex(x => x.UserId);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>A lock in force, as /Admin/Users and <c>GET /api/users</c> show it.</summary>
public sealed record SignInLockDto(string Address, DateTimeOffset LockedUntil);

/// <summary>The locks of the accounts the office or the admin keeps (<see cref="UserDirectory"/> decides which).</summary>
public static class SignInLocks
{
    /// <summary>The locks in force now of <paramref name="users"/>, by account (SQLite can't compare the times in SQL: few rows, compared here).</summary>
    public static async Task<Dictionary<Guid, List<SignInLockDto>>> InForceAsync(EntrustDbContext db, IReadOnlyCollection<Guid>? users,
        DateTimeOffset now, CancellationToken ct = default)
    {
        var rows = db.SignInLocks.IgnoreQueryFilters().AsNoTracking().Where(l => l.UserId != null && l.LockedUntil != null);
        if (users is not null)
        {
            rows = rows.Where(l => users.Contains(l.UserId!.Value));
        }
        var read = await rows.Select(l => new { UserId = l.UserId!.Value, l.Address, LockedUntil = l.LockedUntil!.Value }).ToListAsync(ct);
        return read.Where(l => l.LockedUntil > now).GroupBy(l => l.UserId)
            .ToDictionary(g => g.Key, g => g.OrderBy(l => l.Address, StringComparer.Ordinal).Select(l => new SignInLockDto(l.Address, l.LockedUntil)).ToList());
    }
}
