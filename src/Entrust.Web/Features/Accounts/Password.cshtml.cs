using Entrust.Web.Features.Accounts;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Accounts;

[Authorize]
public sealed class PasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> text) : PageModel
{
    public sealed class InputModel
    {
        public string? CurrentPassword { get; set; }
        public string? NewPassword { get; set; }
        public string? ConfirmPassword { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var errors = new FieldErrors(text).Required("CurrentPassword", Input.CurrentPassword, 100).Required("NewPassword", Input.NewPassword, 100);
        if (Input.NewPassword != Input.ConfirmPassword)
        {
            errors.Add("ConfirmPassword", "Account.PasswordsDiffer");
        }
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (!errors.Any)
        {
            var result = await users.ChangePasswordAsync(user, Input.CurrentPassword!, Input.NewPassword!);
            foreach (var error in result.Errors)
            {
                errors.Add(error.Code == "PasswordMismatch" ? "CurrentPassword" : "NewPassword", "Identity." + error.Code);
            }
        }
        if (errors.Any)
        {
            errors.CopyTo(ModelState);
            return Page();
        }
        await PasswordChangeRequired.ClearAsync(users, user);
        await signIn.RefreshSignInAsync(user);
        TempData["Flash"] = text["Account.PasswordChanged"].Value;
        return RedirectToPage("/Index");
    }
}
