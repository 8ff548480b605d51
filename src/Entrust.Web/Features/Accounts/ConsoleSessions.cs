using System.Globalization;
using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Entrust.Web.Features.Accounts;

/// <summary>
/// How long a console sign-in lasts (等保 身份鉴别): it ends after its district's idle minutes without a request
/// (<see cref="SecurityRules.IdleMinutes"/>, 30 by default, set by the office) and at the latest <c>Security:ConsoleLifetimeHours</c>
/// (12 by default) after signing in, however busy. The cookie carries when it was signed in and last used; every request
/// checks both on the platform's clock, after Identity's own stamp check. An ended sign-in goes to the sign-in page.
/// </summary>
public static class ConsoleSessions
{
    public const string SignedInItem = "entrust:signed-in";
    public const string SeenItem = "entrust:seen";
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(12);

    /// <summary>The last use is written back into the cookie at most this often (each write is a new Set-Cookie).</summary>
    private static readonly TimeSpan SeenResolution = TimeSpan.FromMinutes(1);

    public static TimeSpan Lifetime(IConfiguration config) =>
        TimeSpan.FromHours(config.GetValue("Security:ConsoleLifetimeHours", DefaultLifetime.TotalHours));

    public static void Configure(CookieAuthenticationOptions o, IConfiguration config)
    {
        o.SlidingExpiration = false;
        o.ExpireTimeSpan = Lifetime(config);
        o.Events.OnSigningIn = context =>
        {
            var now = Stamp(context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
            // A refreshed sign-in (a changed password) keeps its start: the lifetime counts from the first.
            context.Properties.Items.TryAdd(SignedInItem, now);
            context.Properties.Items[SeenItem] = now;
            return Task.CompletedTask;
        };
        o.Events.OnValidatePrincipal = ValidateAsync;
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        await SecurityStampValidator.ValidatePrincipalAsync(context);
        if (context.Principal?.Identity?.IsAuthenticated != true)
        {
            return;
        }
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var items = context.Properties.Items;
        var signedIn = Read(items, SignedInItem) ?? context.Properties.IssuedUtc ?? now;
        var seen = Read(items, SeenItem) ?? signedIn;
        var district = CurrentUser.FromPrincipal(context.Principal).DistrictId;
        var rules = await services.GetRequiredService<SecurityRulesCache>().ForAsync(district, services.GetRequiredService<EntrustDbContext>());
        if (now - signedIn > Lifetime(services.GetRequiredService<IConfiguration>()) || now - seen > TimeSpan.FromMinutes(rules.IdleMinutes))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        if (now - seen >= SeenResolution)
        {
            items[SeenItem] = Stamp(now);
            context.ShouldRenew = true;
        }
    }

    private static string Stamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static DateTimeOffset? Read(IDictionary<string, string?> items, string key) =>
        items.TryGetValue(key, out var value) && long.TryParse(value, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
