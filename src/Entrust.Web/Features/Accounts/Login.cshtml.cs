using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Accounts;

/// <summary>The console's sign-in: name and password, then the authenticator code for an account with a second factor.</summary>
public sealed class LoginModel(SignInCheck check, IStringLocalizer<SharedResource> text, AccountThrottle throttle) : PageModel
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

    /// <summary>Set when the password was right and the code is asked for (the second step's token).</summary>
    [BindProperty]
    public string? SecondStep { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? RecoveryCode { get; set; }

    /// <summary>The key of a refusal of the name and password together, beside the password, both fields marked.</summary>
    public const string Credentials = "Credentials";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.UserName) || string.IsNullOrEmpty(Input.Password))
        {
            ModelState.Clear();
            new FieldErrors(text).Required("UserName", Input.UserName).Required("Password", Input.Password).CopyTo(ModelState);
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
        return await AnswerAsync(await check.PasswordAsync(Input.UserName, Input.Password, HttpContext));
    }

    /// <summary>The second step: the authenticator code, or one recovery code.</summary>
    public async Task<IActionResult> OnPostCodeAsync()
    {
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(Code) && string.IsNullOrWhiteSpace(RecoveryCode))
        {
            ModelState.AddModelError(nameof(Code), text["Login.TwoFactorMissing"]);
            return Page();
        }
        return await AnswerAsync(await check.SecondStepAsync(SecondStep, Code, RecoveryCode, HttpContext));
    }

    private async Task<IActionResult> AnswerAsync(SignInAttempt attempt)
    {
        ModelState.Clear();
        SecondStep = null;
        switch (attempt.Outcome)
        {
            case SignInOutcome.Succeeded:
                await check.SignInToConsoleAsync(attempt.User!, secondFactor: attempt.User!.TwoFactorEnabled);
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
            case SignInOutcome.TwoFactorRequired:
                SecondStep = attempt.SecondStep;
                return Page();
            case SignInOutcome.Locked:
                ModelState.AddModelError("", text["Login.LockedOut", attempt.LockMinutes]);
                return Page();
            case SignInOutcome.Disabled:
                ModelState.AddModelError("", text["Login.Disabled"]);
                return Page();
            case SignInOutcome.StepExpired:
                ModelState.AddModelError("", text["Login.TwoFactorExpired"]);
                return Page();
            default:
                // Which of the two was wrong is not told (no one learns which names exist): both fields are marked.
                SecondStep = attempt.SecondStep;
                ModelState.AddModelError(SecondStep is null ? Credentials : nameof(Code), SecondStep is null ? text["Login.Failed"] : text["Login.TwoFactorWrong"]);
                return Page();
        }
    }
}
