using System.Security.Claims;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Entrust.Web.Features.Accounts;

/// <summary>Puts the account's role and unit into its sign-in, so that scope needs no query per request.</summary>
public sealed class EntrustClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options)
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
