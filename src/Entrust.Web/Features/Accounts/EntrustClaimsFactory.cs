using System.Security.Claims;
using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Entrust.Web.Features.Accounts;

/// <summary>
/// Puts the account's role and unit into its sign-in, so that scope needs no query per request; and a password older than
/// its district's expiry makes the sign-in one that must change it first (<see cref="PasswordChangeRequired"/>), and an office
/// or admin account without the second factor its district requires one that must enrol it first (<see cref="TwoFactor"/>).
/// </summary>
public sealed class EntrustClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options,
    SecurityRulesCache rules, EntrustDbContext db, TimeProvider clock)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role));
        identity.AddClaim(new Claim(EntrustClaims.DisplayName, user.DisplayName));
        AddIf(identity, EntrustClaims.District, user.DistrictId);
        AddIf(identity, EntrustClaims.Department, user.DepartmentId);
        AddIf(identity, EntrustClaims.Township, user.TownshipId);
        AddIf(identity, EntrustClaims.Officer, user.OfficerId);
        if (!identity.HasClaim(PasswordChangeRequired.ClaimType, "true")
            && PasswordPolicy.Expired(user, (await rules.ForAsync(user.DistrictId, db)).PasswordExpiryDays, clock.GetUtcNow()))
        {
            identity.AddClaim(new Claim(PasswordChangeRequired.ClaimType, "true"));
        }
        if (!user.TwoFactorEnabled && await rules.TwoFactorRequiredAsync(user.Role, user.DistrictId, db))
        {
            identity.AddClaim(new Claim(TwoFactor.ClaimType, "true"));
        }
        return identity;
    }

    private static void AddIf(ClaimsIdentity identity, string type, Guid? value)
    {
        if (value is { } v)
        {
            identity.AddClaim(new Claim(type, v.ToString()));
        }
    }
}
