using Entrust.Web.Features.Accounts;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Accounts.Users;

/// <summary>Creates or changes an account; resets its password; disables or enables it. The same steps as /api/users.</summary>
public sealed class EditModel(UserDirectory directory, CurrentUser current, SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> text)
    : PageModel
{
    public sealed class InputModel
    {
        public string? UserName { get; set; }
        public string? DisplayName { get; set; }
        public string? Role { get; set; }
        public Guid? DistrictId { get; set; }
        public Guid? DepartmentId { get; set; }
        public Guid? TownshipId { get; set; }
        public Guid? OfficerId { get; set; }
        public string? Password { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty] public string? NewPassword { get; set; }
    public Guid? Id { get; private set; }
    public UserDto? Current { get; private set; }
    public bool IsSelf => Id is not null && Id == current.UserId;
    public IReadOnlyList<string> AssignableRoles => directory.AssignableRoles;
    public List<(Guid Id, string Name)> Districts { get; private set; } = [];
    public List<(Guid Id, string Name)> Departments { get; private set; } = [];
    public List<(Guid Id, string Name)> Townships { get; private set; } = [];

    /// <summary>The officers an officer's account may act as: the district's township officers, named with their township.</summary>
    public List<(Guid Id, string Name)> Officers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (id is not null && !await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (Current is { } u)
        {
            Fill(u);
        }
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        if (id is not null && !await LoadAsync(id, ct))
        {
            return NotFound();
        }
        // The form shows every unit; only those the chosen role takes are sent on (the API refuses the others).
        var input = new UserInput(Input.UserName, Input.DisplayName, Input.Role,
            Input.Role == Roles.Admin ? null : Input.DistrictId,
            Input.Role == Roles.Department ? Input.DepartmentId : null,
            Input.Role is Roles.Township or Roles.Officer ? Input.TownshipId : null,
            id is null ? Input.Password : null,
            Input.Role == Roles.Officer ? Input.OfficerId : null);
        var errors = new FieldErrors(text).Check(input, creating: id is null);
        if (id is null)
        {
            await directory.CheckPasswordAsync(errors, input.Password);
        }
        if (!errors.Any)
        {
            try
            {
                var saved = id is { } existing ? await directory.UpdateAsync(existing, input, ct) : await directory.CreateAsync(input, ct);
                if (saved is null)
                {
                    return NotFound();
                }
                if (saved.Id == current.UserId)
                {
                    await signIn.RefreshSignInAsync(saved);
                }
                TempData["Flash"] = text["Flash.Saved", saved.DisplayName].Value;
                return Redirect("/Admin/Users");
            }
            catch (RuleViolation v)
            {
                errors.Add(v);
            }
        }
        errors.CopyTo(ModelState);
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPasswordAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var errors = new FieldErrors(text).Required("NewPassword", NewPassword, 100);
        await directory.CheckPasswordAsync(errors, NewPassword, "NewPassword");
        if (!errors.Any)
        {
            try
            {
                await directory.ResetPasswordAsync(id, NewPassword!, ct);
                TempData["Flash"] = text["Flash.PasswordReset", Current!.UserName].Value;
                return Redirect($"/Admin/Users/Edit/{id}");
            }
            catch (RuleViolation v)
            {
                errors.Add("NewPassword", v.MessageKey, v.Arguments);
            }
        }
        errors.CopyTo(ModelState, prefix: "");
        return await RedisplayAsync(ct);
    }

    public Task<IActionResult> OnPostLockAsync(Guid id, CancellationToken ct) =>
        ChangeLockAsync(id, locking: true, ct);

    public Task<IActionResult> OnPostUnlockAsync(Guid id, CancellationToken ct) =>
        ChangeLockAsync(id, locking: false, ct);

    private async Task<IActionResult> ChangeLockAsync(Guid id, bool locking, CancellationToken ct)
    {
        try
        {
            var user = locking ? await directory.LockAsync(id, ct) : await directory.UnlockAsync(id, ct);
            if (user is null)
            {
                return NotFound();
            }
            TempData["Flash"] = text[locking ? "Flash.UserLocked" : "Flash.UserUnlocked", user.UserName!].Value;
        }
        catch (RuleViolation v)
        {
            TempData["Flash"] = text.Message(v);
        }
        return Redirect($"/Admin/Users/Edit/{id}");
    }

    /// <summary>Shows the page again after a refused password reset, with the account's saved fields in the main form.</summary>
    private async Task<IActionResult> RedisplayAsync(CancellationToken ct)
    {
        Fill(Current!);
        await LoadChoicesAsync(ct);
        return Page();
    }

    private void Fill(UserDto u) => Input = new InputModel
    {
        UserName = u.UserName,
        DisplayName = u.DisplayName,
        Role = u.Role,
        DistrictId = u.DistrictId,
        DepartmentId = u.DepartmentId,
        TownshipId = u.TownshipId,
        OfficerId = u.OfficerId,
    };

    private async Task<bool> LoadAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        Current = id is { } existing ? await directory.FindAsync(existing, ct) : null;
        return Current is not null;
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        (Districts, Departments, Townships) = await directory.UnitChoicesAsync(ct);
        Officers = await directory.OfficerChoicesAsync(ct);
    }
}
