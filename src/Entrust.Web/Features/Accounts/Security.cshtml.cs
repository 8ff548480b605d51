using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Accounts;

/// <summary>The office's security settings: its district's password lifetime, console idle timeout, lockout and second factor.</summary>
public sealed class SecurityModel(SecuritySettingsBook book, IStringLocalizer<SharedResource> text) : ConsolePageModel(text)
{
    /// <summary>The body PUT /api/security/settings takes.</summary>
    [BindProperty]
    public AccountsApi.SecuritySettingsInput Input { get; set; } =
        new(SecuritySettings.DefaultPasswordExpiryDays, SecuritySettings.DefaultIdleMinutes);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!book.MayKeep)
        {
            return Forbid();
        }
        var rules = await book.CurrentAsync(ct);
        Input = new(rules.PasswordExpiryDays, rules.IdleMinutes, rules.LockoutAttempts, rules.LockoutMinutes, rules.RequireTwoFactor);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!book.MayKeep)
        {
            return Forbid();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        // An unticked box is sent as nothing: on this form that means "not required".
        var input = Input with { RequireTwoFactor = Input.RequireTwoFactor ?? false };
        return await RunAsync<object>(async () => await book.SetAsync(input.Over(await book.CurrentAsync(ct)), ct),
            _ => (Text["Security.SettingsSaved"].Value, "/Admin/Security"), () => Task.FromResult<IActionResult>(Page()));
    }
}
