using Entrust.Web.Features.Accounts;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Accounts;

public sealed class LoginModel(SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> text, AccountThrottle throttle) : PageModel
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
        if (throttle.Refuse(HttpContext, Input.UserName) is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            ModelState.AddModelError("", text["RateLimit.TooMany", seconds]);
            return Page();
        }
        var (user, result) = await SignInCheck.CheckAsync(signIn, Input.UserName, Input.Password);
        if (result.Succeeded)
        {
            await SignInCheck.SignInToConsoleAsync(signIn, user!);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        var disabled = result.IsLockedOut && user!.LockoutEnd >= AppUser.DisabledUntil;
        ModelState.AddModelError("", disabled ? text["Login.Disabled"] : result.IsLockedOut ? text["Login.LockedOut"] : text["Login.Failed"]);
        return Page();
    }
}
