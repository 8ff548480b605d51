using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Entrust.Web.Platform;

/// <summary>Authorization policies. The API takes bearer tokens only, so a browser's cookie can't be used to forge API calls.</summary>
public static class Api
{
    public const string Policy = "api";
    public const string CatalogueKeeper = "api.catalogue-keeper";
    public const string AuditReader = "api.audit-reader";
    public const string Admin = "api.admin";
    public const string UserKeeper = "api.user-keeper";

    public static AuthorizationBuilder AddEntrustPolicies(this AuthorizationBuilder auth) => auth
        .AddPolicy(Policy, p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireAuthenticatedUser())
        .AddPolicy(CatalogueKeeper, p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireRole(Roles.Admin, Roles.Office))
        .AddPolicy(Admin, p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireRole(Roles.Admin))
        .AddPolicy(UserKeeper, p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireRole(Roles.Admin, Roles.Office))
        .AddPolicy(AuditReader, p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireRole(Roles.Admin, Roles.Office, Roles.Auditor))
        .AddPagePolicies();
}
