using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Caching.Memory;

namespace Entrust.Web.Features.Accounts;

/// <summary>
/// The office's security settings for its district's accounts (等保 身份鉴别): how many days a password lasts and after how many
/// idle minutes a console sign-in ends. One row per district, none until the office changes something (the defaults apply);
/// accounts of no district (the admin) get the defaults.
/// </summary>
public sealed class SecuritySettings
{
    public const int DefaultPasswordExpiryDays = 90;
    public const int DefaultIdleMinutes = 30;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public int PasswordExpiryDays { get; private set; } = DefaultPasswordExpiryDays;
    public int IdleMinutes { get; private set; } = DefaultIdleMinutes;

    private SecuritySettings() { }

    public SecuritySettings(Guid districtId, int passwordExpiryDays, int idleMinutes)
    {
        DistrictId = districtId;
        Set(passwordExpiryDays, idleMinutes);
    }

    /// <summary>A password lasts 1 to 365 days; a console sign-in idles 5 to 240 minutes (the absolute lifetime caps it anyway).</summary>
    public void Set(int passwordExpiryDays, int idleMinutes)
    {
        if (passwordExpiryDays is < 1 or > 365)
        {
            throw new RuleViolation("Validation.Range", new Text("Field.PasswordExpiryDays"), 1, 365) { Field = nameof(PasswordExpiryDays) };
        }
        if (idleMinutes is < 5 or > 240)
        {
            throw new RuleViolation("Validation.Range", new Text("Field.IdleMinutes"), 5, 240) { Field = nameof(IdleMinutes) };
        }
        PasswordExpiryDays = passwordExpiryDays;
        IdleMinutes = idleMinutes;
    }
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
public sealed record SecurityRules(int PasswordExpiryDays, int IdleMinutes)
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
            .Select(s => new SecurityRules(s.PasswordExpiryDays, s.IdleMinutes)).FirstOrDefaultAsync(ct) ?? SecurityRules.Defaults;
        cache.Set(Key(district), rules, CacheFor);
        return rules;
    }

    public void Forget(Guid district) => cache.Remove(Key(district));
}

/// <summary>The office keeps its district's security settings, for the page and the API alike.</summary>
public sealed class SecuritySettingsBook(EntrustDbContext db, CurrentUser user, SecurityRulesCache rules)
{
    public bool MayKeep => MayKeepAs(user);

    public static bool MayKeepAs(CurrentUser u) => u.Role is Roles.Office && u.DistrictId is not null;

    public Task<SecurityRules> CurrentAsync(CancellationToken ct = default) => rules.ForAsync(user.DistrictId, db, ct);

    public async Task<SecurityRules> SetAsync(int passwordExpiryDays, int idleMinutes, CancellationToken ct = default)
    {
        if (!MayKeep || user.DistrictId is not { } district)
        {
            throw new ForbiddenAction();
        }
        var settings = await db.SecuritySettings.FirstOrDefaultAsync(s => s.DistrictId == district, ct);
        if (settings is null)
        {
            db.SecuritySettings.Add(new SecuritySettings(district, passwordExpiryDays, idleMinutes));
        }
        else
        {
            settings.Set(passwordExpiryDays, idleMinutes);
        }
        await db.SaveChangesAsync(ct);
        rules.Forget(district);
        return new SecurityRules(passwordExpiryDays, idleMinutes);
    }
}
