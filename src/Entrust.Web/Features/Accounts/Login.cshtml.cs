using Entrust.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Accounts;

public sealed class LoginModel(SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> text) : PageModel
{
    public sealed class InputModel
    {
        public string UserName { get; set; } = "";

        public string Password { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.UserName) || string.IsNullOrEmpty(Input.Password))
        {
            ModelState.Clear();
            ModelState.AddModelError("", text["Login.Missing"]);
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(Input.UserName.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        var disabled = result.IsLockedOut && await signIn.UserManager.FindByNameAsync(Input.UserName.Trim()) is { } user
            && user.LockoutEnd >= AppUser.DisabledUntil;
        ModelState.AddModelError("", disabled ? text["Login.Disabled"] : result.IsLockedOut ? text["Login.LockedOut"] : text["Login.Failed"]);
        return Page();
    }
}
