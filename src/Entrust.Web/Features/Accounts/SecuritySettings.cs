using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Caching.Memory;

namespace Entrust.Web.Features.Accounts;

/// <summary>
/// The office's security settings for its district's accounts (等保 身份鉴别): how many days a password lasts, after how many
/// idle minutes a console sign-in ends, how many failed sign-ins in a row lock a name for an address and for how long
/// (<see cref="SignInLock"/>), and whether the office's accounts must sign in with a second factor (<see cref="TwoFactor"/>).
/// One row per district, none until the office changes something (the defaults apply); accounts of no district (the admin)
/// get the defaults, except that they need the second factor as soon as any district requires it of its office.
/// </summary>
public sealed class SecuritySettings
{
    public const int DefaultPasswordExpiryDays = 90;
    public const int DefaultIdleMinutes = 30;
    public const int DefaultLockoutAttempts = 5;
    public const int DefaultLockoutMinutes = 15;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public int PasswordExpiryDays { get; private set; } = DefaultPasswordExpiryDays;
    public int IdleMinutes { get; private set; } = DefaultIdleMinutes;
    public int LockoutAttempts { get; private set; } = DefaultLockoutAttempts;
    public int LockoutMinutes { get; private set; } = DefaultLockoutMinutes;

    /// <summary>The district's office accounts (and every admin) sign in with a second factor (TOTP) and must enrol one first.</summary>
    public bool RequireTwoFactor { get; private set; }

    private SecuritySettings() { }

    public SecuritySettings(Guid districtId, SecurityRules rules)
    {
        DistrictId = districtId;
        Set(rules);
    }

    /// <summary>
    /// A password lasts 1 to 365 days; a console sign-in idles 5 to 240 minutes (the absolute lifetime caps it anyway);
    /// 3 to 10 failed sign-ins lock a name for an address for 5 to 1440 minutes.
    /// </summary>
    public void Set(SecurityRules rules)
    {
        var (passwordExpiryDays, idleMinutes) = (rules.PasswordExpiryDays, rules.IdleMinutes);
        if (passwordExpiryDays is < 1 or > 365)
        {
            throw new RuleViolation("Validation.Range", new Text("Field.PasswordExpiryDays"), 1, 365) { Field = nameof(PasswordExpiryDays) };
        }
        if (idleMinutes is < 5 or > 240)
        {
            throw new RuleViolation("Validation.Range", new Text("Field.IdleMinutes"), 5, 240) { Field = nameof(IdleMinutes) };
        }
        if (rules.LockoutAttempts is < 3 or > 10)
        {
            throw new RuleViolation("Validation.Range", new Text("Field.LockoutAttempts"), 3, 10) { Field = nameof(LockoutAttempts) };
        }
        if (rules.LockoutMinutes is < 5 or > 1440)
        {
            throw new RuleViolation("Validation.Range", new Text("Field.LockoutMinutes"), 5, 1440) { Field = nameof(LockoutMinutes) };
        }
        PasswordExpiryDays = passwordExpiryDays;
        IdleMinutes = idleMinutes;
        LockoutAttempts = rules.LockoutAttempts;
        LockoutMinutes = rules.LockoutMinutes;
        RequireTwoFactor = rules.RequireTwoFactor;
    }

    public SecurityRules Rules => new(PasswordExpiryDays, IdleMinutes, LockoutAttempts, LockoutMinutes, RequireTwoFactor);
}

internal sealed class SecuritySettingsConfiguration : IEntityTypeConfiguration<SecuritySettings>
{
    public void Configure(EntityTypeBuilder<SecuritySettings> b)
    {
        b.HasIndex(x => x.DistrictId).IsUnique();
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>What a district's accounts live by: read per sign-in and per console request, so kept for a while.</summary>
public sealed record SecurityRules(int PasswordExpiryDays, int IdleMinutes, int LockoutAttempts = SecuritySettings.DefaultLockoutAttempts,
    int LockoutMinutes = SecuritySettings.DefaultLockoutMinutes, bool RequireTwoFactor = false)
{
    public static readonly SecurityRules Defaults = new(SecuritySettings.DefaultPasswordExpiryDays, SecuritySettings.DefaultIdleMinutes);
}

/// <summary>The rules of each district as they are now, read at most <see cref="CacheFor"/> ago and forgotten when this process changes them.</summary>
public sealed class SecurityRulesCache(IMemoryCache cache)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private static string Key(Guid? district) => "security-rules:" + district;

    public async Task<SecurityRules> ForAsync(Guid? district, EntrustDbContext db, CancellationToken ct = default)
    {
        if (district is null)
        {
            return SecurityRules.Defaults;
        }
        if (cache.TryGetValue(Key(district), out SecurityRules? known) && known is not null)
        {
            return known;
        }
        // Read before anyone is known (signing in, the cookie's check): the district's row whoever asks.
        var rules = await db.SecuritySettings.IgnoreQueryFilters().AsNoTracking().Where(s => s.DistrictId == district)
            .Select(s => new SecurityRules(s.PasswordExpiryDays, s.IdleMinutes, s.LockoutAttempts, s.LockoutMinutes, s.RequireTwoFactor))
            .FirstOrDefaultAsync(ct) ?? SecurityRules.Defaults;
        cache.Set(Key(district), rules, CacheFor);
        return rules;
    }

    /// <summary>
    /// Whether <paramref name="user"/> must sign in with a second factor: an office account of a district that requires it, or
    /// an admin when any district requires it of its office (the admin keeps every district's accounts).
    /// </summary>
    public async Task<bool> TwoFactorRequiredAsync(string role, Guid? district, EntrustDbContext db, CancellationToken ct = default)
    {
        if (role == Roles.Office)
        {
            return (await ForAsync(district, db, ct)).RequireTwoFactor;
        }
        if (role != Roles.Admin)
        {
            return false;
        }
        if (cache.TryGetValue(AnyKey, out bool any))
        {
            return any;
        }
        any = await db.SecuritySettings.IgnoreQueryFilters().AnyAsync(s => s.RequireTwoFactor, ct);
        cache.Set(AnyKey, any, CacheFor);
        return any;
    }

    private const string AnyKey = "security-rules:two-factor-anywhere";

    public void Forget(Guid district)
    {
        cache.Remove(Key(district));
        cache.Remove(AnyKey);
    }
}

/// <summary>The office keeps its district's security settings, for the page and the API alike.</summary>
public sealed class SecuritySettingsBook(EntrustDbContext db, CurrentUser user, SecurityRulesCache rules)
{
    public bool MayKeep => MayKeepAs(user);

    public static bool MayKeepAs(CurrentUser u) => u.Role is Roles.Office && u.DistrictId is not null;

    public Task<SecurityRules> CurrentAsync(CancellationToken ct = default) => rules.ForAsync(user.DistrictId, db, ct);

    public async Task<SecurityRules> SetAsync(SecurityRules set, CancellationToken ct = default)
    {
        if (!MayKeep || user.DistrictId is not { } district)
        {
            throw new ForbiddenAction();
        }
        var settings = await db.SecuritySettings.FirstOrDefaultAsync(s => s.DistrictId == district, ct);
        if (settings is null)
        {
            db.SecuritySettings.Add(settings = new SecuritySettings(district, set));
        }
        else
        {
            settings.Set(set);
        }
        await db.SaveChangesAsync(ct);
        rules.Forget(district);
        return settings.Rules;
    }
}
