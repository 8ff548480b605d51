using Entrust.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Entrust.Web.Features.Accounts;

public sealed class LogoutModel(SignInManager<AppUser> signIn, Entrust.Web.Platform.CurrentUser current, Audit.SecurityEvents events) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        if (current.UserId is not null)
        {
            await events.RecordAsync(Audit.SecurityEvents.SignOut, current);
        }
        await signIn.SignOutAsync();
        return RedirectToPage("/Accounts/Login");
    }
}
