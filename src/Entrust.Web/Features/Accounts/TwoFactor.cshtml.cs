using Entrust.Web.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Accounts;

/// <summary>The caller's own second factor: enrol an authenticator app (QR code or key), recovery codes, turn it off.</summary>
public sealed class TwoFactorModel(TwoFactorBook book, EntrustUserManager users, SignInManager<AppUser> signIn,
    IStringLocalizer<SharedResource> text) : ConsolePageModel(text)
{
    public TwoFactorStatus Status { get; private set; } = new(false, false, 0);

    public TwoFactorKey? Key { get; private set; }

    /// <summary>The otpauth URI drawn as an SVG QR code.</summary>
    public string? QrSvg { get; private set; }

    /// <summary>Recovery codes just made: shown this once.</summary>
    public IReadOnlyList<string>? Codes { get; private set; }

    [BindProperty]
    public string? Code { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostEnableAsync(CancellationToken ct) => ChangeAsync(async () => (await book.EnableAsync(Code)).Codes, ct);

    public Task<IActionResult> OnPostRecoveryCodesAsync(CancellationToken ct) => ChangeAsync(async () => (await book.NewRecoveryCodesAsync()).Codes, ct);

    public Task<IActionResult> OnPostDisableAsync(CancellationToken ct) => ChangeAsync(async () =>
    {
        await book.DisableAsync(ct);
        return null;
    }, ct);

    private async Task<IActionResult> ChangeAsync(Func<Task<IReadOnlyList<string>?>> change, CancellationToken ct)
    {
        try
        {
            Codes = await change();
        }
        catch (RuleViolation v)
        {
            ModelState.AddModelError(v.Field is null ? "" : "Input." + v.Field, Text.Message(v));
            await LoadAsync(ct);
            return Page();
        }
        // Turning it on or off gave the account a new stamp: this sign-in goes on (and no longer has to enrol first).
        if (await users.GetUserAsync(User) is { } user)
        {
            await signIn.RefreshSignInAsync(user);
        }
        if (Codes is null)
        {
            TempData["Flash"] = Text["TwoFactor.Disabled"].Value;
            return Redirect("/Account/TwoFactor");
        }
        Status = await book.StatusAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Status = await book.StatusAsync(ct);
        if (!Status.Enabled)
        {
            Key = await book.KeyAsync();
            QrSvg = TwoFactor.QrSvg(Key.AuthenticatorUri);
        }
    }
}
