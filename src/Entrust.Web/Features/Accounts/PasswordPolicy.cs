using Entrust.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entrust.Web.Features.Accounts;

/// <summary>
/// The password rules of 等保 2.0 level 3 (身份鉴别), in one place: at least <see cref="MinLength"/> characters of at least
/// three of the four classes (upper case, lower case, digits, symbols), none of the account's last <see cref="HistoryDepth"/>
/// passwords again, a new one every <see cref="SecuritySettings.PasswordExpiryDays"/> days (the office sets it), and a change
/// at the next sign-in after someone else chose the password (<see cref="PasswordChangeRequired"/>).
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 10;
    public const int ClassesRequired = 3;
    public const int HistoryDepth = 5;

    public static int ClassesOf(string password) =>
        (password.Any(char.IsUpper) ? 1 : 0) + (password.Any(char.IsLower) ? 1 : 0) + (password.Any(char.IsDigit) ? 1 : 0)
        + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);

    /// <summary>
    /// Whether the account's password has outlived the expiry: an account whose password was set more than
    /// <paramref name="expiryDays"/> ago. The demo district's accounts share a published password and never expire.
    /// </summary>
    public static bool Expired(AppUser user, int expiryDays, DateTimeOffset now) =>
        !user.IsDemo && user.PasswordChangedAt is { } changed && now - changed > TimeSpan.FromDays(expiryDays);
}

/// <summary>Three of the four character classes (Identity checks the length).</summary>
public sealed class PasswordClassesValidator : IPasswordValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(password is not null && PasswordPolicy.ClassesOf(password) < PasswordPolicy.ClassesRequired
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordClasses", Description = "Three of upper, lower, digit and symbol." })
            : IdentityResult.Success);
}

/// <summary>None of the account's last <see cref="PasswordPolicy.HistoryDepth"/> passwords, checked through Identity's hasher.</summary>
public sealed class PasswordHistoryValidator(EntrustDbContext db) : IPasswordValidator<AppUser>
{
    public async Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return IdentityResult.Success;
        }
        // A handful of rows per account; sorted here, as SQLite can't order by a DateTimeOffset.
        var kept = await db.PasswordHistory.AsNoTracking().Where(h => h.UserId == user.Id)
            .Select(h => new { h.Id, h.PasswordHash, h.SetAt }).ToListAsync();
        // Ids are time-ordered (version 7): they order the changes of one moment on the platform's clock.
        var hashes = kept.OrderByDescending(h => h.SetAt).ThenByDescending(h => h.Id).Take(PasswordPolicy.HistoryDepth).Select(h => h.PasswordHash).ToList();
        // The password in force counts even when it came before the history did.
        var current = await db.Users.AsNoTracking().Where(u => u.Id == user.Id).Select(u => u.PasswordHash).FirstOrDefaultAsync();
        if (current is not null)
        {
            hashes.Add(current);
        }
        var reused = hashes.Any(h => manager.PasswordHasher.VerifyHashedPassword(user, h, password) != PasswordVerificationResult.Failed);
        return reused
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordReused", Description = "One of the last five passwords." })
            : IdentityResult.Success;
    }
}

/// <summary>A password an account had: its hash only, as Identity's hasher made it, for <see cref="PasswordHistoryValidator"/>.</summary>
public sealed class PasswordHistoryEntry
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid UserId { get; private set; }

    /// <summary>Named as the account's own column, so the audit trail masks it the same way.</summary>
    public string PasswordHash { get; private set; } = "";

    public DateTimeOffset SetAt { get; private set; }

    private PasswordHistoryEntry() { }

    public PasswordHistoryEntry(Guid userId, string passwordHash, DateTimeOffset setAt)
    {
        UserId = userId;
        PasswordHash = passwordHash;
        SetAt = setAt;
    }
}

internal sealed class PasswordHistoryEntryConfiguration : IEntityTypeConfiguration<PasswordHistoryEntry>
{
    public void Configure(EntityTypeBuilder<PasswordHistoryEntry> b)
    {
        b.ToTable("PasswordHistory");
        b.Property(x => x.PasswordHash).HasMaxLength(500);
        b.HasIndex(x => x.UserId);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
