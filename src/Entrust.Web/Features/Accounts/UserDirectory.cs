using System.Text.RegularExpressions;
using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Accounts;

/// <summary>An account as the form and the API send it; the password only when creating.</summary>
/// <summary>An account as a form or request sets it; an officer's account may name its officer record (OfficerId).</summary>
public sealed record UserInput(string? UserName, string? DisplayName, string? Role,
    Guid? DistrictId = null, Guid? DepartmentId = null, Guid? TownshipId = null, string? Password = null, Guid? OfficerId = null);

public sealed record PasswordResetInput(string? Password);

/// <summary>The account list's filter bar: free text (user name or display name), role, unit, locked (for wrong sign-ins or disabled), page.</summary>
public sealed record UserFilter(string? Q, string? Role, Guid? District, Guid? Department, Guid? Township, int? Page, int? PageSize, bool? Locked = null);

/// <summary>What an account shows: never its password hash or stamps.</summary>
public sealed record UserDto(Guid Id, string UserName, string DisplayName, string Role,
    Guid? DistrictId, string? DistrictName, Guid? DepartmentId, string? DepartmentName, Guid? TownshipId, string? TownshipName,
    DateTimeOffset? LockoutEnd, Guid? OfficerId = null)
{
    /// <summary>Signing in is refused now: disabled, or locked for some address after the district's number of failed sign-ins.</summary>
    public bool Locked { get; init; }

    /// <summary>The addresses the account is locked for after failed sign-ins (<see cref="SignInLock"/>), and until when.</summary>
    public IReadOnlyList<SignInLockDto> SignInLocks { get; init; } = [];

    /// <summary>Disabled by the office or the admin until enabled again.</summary>
    public bool Disabled => LockoutEnd >= AppUser.DisabledUntil;
}

/// <summary>Field checks for the account form, shared by the page and the API.</summary>
public static partial class UserValidation
{
    // Identity's default AllowedUserNameCharacters, checked here so the form can say so beside the field.
    [GeneratedRegex("^[A-Za-z0-9._@+-]+$")]
    private static partial Regex UserNamePattern();

    public static FieldErrors Check(this FieldErrors e, UserInput i, bool creating)
    {
        e.Required("UserName", i.UserName, 64).Required("DisplayName", i.DisplayName, 100);
        if (!string.IsNullOrWhiteSpace(i.UserName) && !UserNamePattern().IsMatch(i.UserName.Trim()))
        {
            e.Add("UserName", "User.InvalidUserName");
        }
        if (creating)
        {
            e.Required("Password", i.Password, 100);
        }
        if (string.IsNullOrWhiteSpace(i.Role))
        {
            return e.Required("Role", i.Role);
        }
        if (!Roles.All.Contains(i.Role))
        {
            return e.Invalid("Role");
        }

        // A department account belongs to a department, township users and officers to a township; no other role has a unit.
        var role = new Text("Role." + i.Role);
        if (i.Role == Roles.Department)
        {
            e.Required("DepartmentId", i.DepartmentId?.ToString());
        }
        else if (i.DepartmentId is not null)
        {
            e.Add("DepartmentId", "User.UnitNotForRole", new Text("Field.DepartmentId"), role);
        }
        if (i.Role is Roles.Township or Roles.Officer)
        {
            e.Required("TownshipId", i.TownshipId?.ToString());
        }
        else if (i.TownshipId is not null)
        {
            e.Add("TownshipId", "User.UnitNotForRole", new Text("Field.TownshipId"), role);
        }
        if (i.Role == Roles.Admin && i.DistrictId is not null)
        {
            e.Add("DistrictId", "User.UnitNotForRole", new Text("Field.DistrictId"), role);
        }
        if (i.OfficerId is not null && i.Role != Roles.Officer)
        {
            e.Add("OfficerId", "User.UnitNotForRole", new Text("Field.OfficerId"), role);
        }
        return e;
    }
}

/// <summary>
/// Keeping accounts (账号管理), for the page and the API alike. The admin keeps every district's accounts, the office
/// its own district's; an account outside that does not exist for the caller (404). Accounts are disabled, never
/// deleted. Every change goes through <see cref="UserManager{TUser}"/> and so through the scoped DbContext: the audit
/// interceptor records it, with the password hash and stamps masked.
/// </summary>
public sealed class UserDirectory(EntrustDbContext db, UserManager<AppUser> users, CurrentUser current, Catalogue catalogue, TimeProvider clock)
{
    private static readonly string[] OfficeRoles = [Roles.Office, Roles.Department, Roles.Township, Roles.Officer, Roles.Auditor];

    /// <summary>The roles the caller may give: the admin any, the office every role of a district.</summary>
    public IReadOnlyList<string> AssignableRoles => current.Role == Roles.Admin ? Roles.All : OfficeRoles;

    /// <summary>
    /// The accounts the caller keeps. AppUser has no query filter in <see cref="DataScope"/> because signing in must
    /// find any account before anyone is known; so the scope of account keeping is decided here, in this one place.
    /// </summary>
    private IQueryable<AppUser> Kept()
    {
        if (!current.MayManageUsers)
        {
            throw new ForbiddenAction();
        }
        if (current.Role == Roles.Admin)
        {
            return db.Users;
        }
        // An office without a district keeps nothing (a null parameter would otherwise match the admins' null district).
        var district = current.DistrictId ?? Guid.Empty;
        return db.Users.Where(u => u.DistrictId == district);
    }

    // The filter runs on the entity, before the projection: EF can't translate a filter on a constructed record.
    private IQueryable<UserDto> Project(IQueryable<AppUser> accounts) => accounts.Select(u => new UserDto(u.Id, u.UserName!, u.DisplayName, u.Role,
        u.DistrictId, db.Districts.Where(d => d.Id == u.DistrictId).Select(d => d.Name).FirstOrDefault(),
        u.DepartmentId, db.Departments.Where(d => d.Id == u.DepartmentId).Select(d => d.Name).FirstOrDefault(),
        u.TownshipId, db.Townships.Where(t => t.Id == u.TownshipId).Select(t => t.Name).FirstOrDefault(),
        u.LockoutEnd, u.OfficerId));

    // SQLite can't compare DateTimeOffset in SQL, so whether an account is locked now is worked out after reading.
    private async Task<List<UserDto>> WithLocksAsync(IReadOnlyList<UserDto> accounts, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var locks = await SignInLocks.InForceAsync(db, [.. accounts.Select(u => u.Id)], now, ct);
        return [.. accounts.Select(u => locks.GetValueOrDefault(u.Id) is { } held
            ? u with { Locked = true, SignInLocks = held }
            : u with { Locked = u.LockoutEnd > now })];
    }

    /// <summary>The accounts list's orders (the console's column headers): by login name unless another is asked.</summary>
    public static readonly ListSort<UserDto> Sorts = new ListSort<UserDto>("username")
        .By("username", u => u.UserName).By("name", u => u.DisplayName).By("role", u => u.Role)
        .By("unit", u => u.TownshipName ?? u.DepartmentName ?? u.DistrictName).Then(u => u.Id);

    public async Task<Paged<UserDto>> ListAsync(UserFilter f, CancellationToken ct = default)
    {
        var page = await Project((await FilteredAsync(f, ct)).OrderBy(u => u.UserName)).ToPagedAsync(f.Page, f.PageSize, ct);
        return page with { Items = await LockedAsync(f, page.Items, ct) };
    }

    /// <summary>A page of the accounts in the asked order (the console's list).</summary>
    public async Task<Paged<UserDto>> PageAsync(UserFilter f, ListQuery list, CancellationToken ct = default)
    {
        var page = await Project(await FilteredAsync(f, ct)).ToPagedAsync(list, Sorts, ct);
        return page with { Items = await LockedAsync(f, page.Items, ct) };
    }

    /// <summary>Every account the filter shows in the list's order, up to the export's limit.</summary>
    public async Task<List<UserDto>> AllAsync(UserFilter f, ListQuery list, CancellationToken ct = default) =>
        await LockedAsync(f, await Project(await FilteredAsync(f, ct)).ForExport(list, Sorts).ToListAsync(ct), ct);

    /// <summary>
    /// The accounts the filter shows, in the list's order, as .xlsx (<see cref="ListExport"/>): the /Admin/Users export button and
    /// GET /api/users/export alike.
    /// </summary>
    public async Task<(byte[] Content, string FileName)> ExportAsync(UserFilter f, ListQuery list, ListExport export,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        await export.WriteAsync("Menu.Users", null, await AllAsync(f, list, ct), [
            new("Field.UserName", u => u.UserName),
            new("Field.DisplayName", u => u.DisplayName),
            new("Field.Role", u => text["Role." + u.Role].Value),
            new("Field.Unit", Unit),
            new("Field.Status", u => text[u.Disabled ? "User.Disabled" : u.Locked ? "User.Locked" : "User.Active"].Value),
        ], ct);

    /// <summary>The account's unit as the list shows it: district · department · township.</summary>
    public static string Unit(UserDto u) => string.Join(" · ", new[] { u.DistrictName, u.DepartmentName, u.TownshipName }.Where(n => n is not null));

    private async Task<List<UserDto>> LockedAsync(UserFilter f, IReadOnlyList<UserDto> accounts, CancellationToken ct)
    {
        var items = await WithLocksAsync(accounts, ct);
        return f.Locked == true ? [.. items.Where(u => u.Locked)] : items;
    }

    private async Task<IQueryable<AppUser>> FilteredAsync(UserFilter f, CancellationToken ct)
    {
        var accounts = Kept().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var q = f.Q.Trim();
            accounts = accounts.Where(u => u.UserName!.Contains(q) || u.DisplayName.Contains(q));
        }
        if (!string.IsNullOrWhiteSpace(f.Role))
        {
            accounts = accounts.Where(u => u.Role == f.Role);
        }
        if (f.District is { } district)
        {
            accounts = accounts.Where(u => u.DistrictId == district);
        }
        if (f.Department is { } department)
        {
            accounts = accounts.Where(u => u.DepartmentId == department);
        }
        if (f.Township is { } township)
        {
            accounts = accounts.Where(u => u.TownshipId == township);
        }
        if (f.Locked == true)
        {
            // Locked now: disabled, or held by a sign-in lock in force (few rows, the times compared after reading).
            var held = (await SignInLocks.InForceAsync(db, null, clock.GetUtcNow(), ct)).Keys.ToList();
            accounts = accounts.Where(u => u.LockoutEnd != null || held.Contains(u.Id));
        }
        return accounts;
    }

    public async Task<UserDto?> FindAsync(Guid id, CancellationToken ct = default) =>
        await Project(Kept().AsNoTracking().Where(u => u.Id == id)).FirstOrDefaultAsync(ct) is { } u ? (await WithLocksAsync([u], ct))[0] : null;

    /// <summary>Adds the password policy's complaints (Identity's validators) to <paramref name="errors"/> under <paramref name="field"/>.</summary>
    public async Task CheckPasswordAsync(FieldErrors errors, string? password, string field = "Password")
    {
        if (string.IsNullOrEmpty(password))
        {
            return;
        }
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, new AppUser(), password);
            foreach (var error in result.Errors)
            {
                errors.Add(field, "Identity." + error.Code);
            }
        }
    }

    /// <summary>Creates an account with its initial password, hashed by Identity. Expects checked input (<see cref="UserValidation"/>).</summary>
    public async Task<AppUser> CreateAsync(UserInput input, CancellationToken ct = default)
    {
        var (district, department, township) = await PlaceAsync(input, ct);
        var userName = input.UserName!.Trim();
        await EnsureUserNameFreeAsync(userName, null, ct);
        var user = new AppUser
        {
            UserName = userName,
            DisplayName = input.DisplayName!.Trim(),
            Role = input.Role!,
            DistrictId = district,
            DepartmentId = department,
            TownshipId = township,
            OfficerId = await OfficerOfAsync(input, township, ct),
            LockoutEnabled = true,
        };
        ThrowIfFailed(await users.CreateAsync(user, input.Password!), user);
        // The office or the admin chose this password: the account chooses its own at its first sign-in.
        await PasswordChangeRequired.RequireAsync(db, user);
        return user;
    }

    /// <summary>Changes an account's name, role and unit; null when the caller keeps no such account.</summary>
    public async Task<AppUser?> UpdateAsync(Guid id, UserInput input, CancellationToken ct = default)
    {
        var user = await Kept().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return null;
        }
        if (user.Id == current.UserId && input.Role != user.Role)
        {
            throw new RuleViolation("User.SelfDemote") { Field = "Role" };
        }
        var (district, department, township) = await PlaceAsync(input, ct);
        var userName = input.UserName!.Trim();
        await EnsureUserNameFreeAsync(userName, id, ct);
        user.UserName = userName;
        user.DisplayName = input.DisplayName!.Trim();
        user.Role = input.Role!;
        user.DistrictId = district;
        user.DepartmentId = department;
        user.TownshipId = township;
        user.OfficerId = await OfficerOfAsync(input, township, ct);
        // Role and unit travel in the sign-in's claims: a new stamp makes the account's cookies sign in afresh.
        ThrowIfFailed(await users.UpdateSecurityStampAsync(user), user);
        return user;
    }

    /// <summary>Sets a new password for someone else (users change their own on the change-password page).</summary>
    public async Task<AppUser?> ResetPasswordAsync(Guid id, string password, CancellationToken ct = default)
    {
        var user = await Kept().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return null;
        }
        if (user.Id == current.UserId)
        {
            throw new RuleViolation("User.SelfReset") { Field = "Password" };
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        ThrowIfFailed(await users.ResetPasswordAsync(user, token, password), user);
        await PasswordChangeRequired.RequireAsync(db, user);
        return user;
    }

    /// <summary>Disables an account: it can no longer sign in until enabled. Nobody disables their own.</summary>
    public async Task<AppUser?> LockAsync(Guid id, CancellationToken ct = default)
    {
        var user = await Kept().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return null;
        }
        if (user.Id == current.UserId)
        {
            throw new RuleViolation("User.SelfLock");
        }
        user.LockoutEnabled = true;
        user.LockoutEnd = AppUser.DisabledUntil;
        ThrowIfFailed(await users.UpdateSecurityStampAsync(user), user);
        return user;
    }

    /// <summary>Ends every session of an account: a new stamp, so its tokens and cookies answer as signed out.</summary>
    public async Task<AppUser?> RevokeSessionsAsync(Guid id, CancellationToken ct = default)
    {
        var user = await Kept().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return null;
        }
        ThrowIfFailed(await users.UpdateSecurityStampAsync(user), user);
        return user;
    }

    /// <summary>
    /// Enables a disabled account, and lifts its locks for failed sign-ins from every address. Each lock lifted is a deleted
    /// row in the audit trail under the caller's name.
    /// </summary>
    public async Task<AppUser?> UnlockAsync(Guid id, CancellationToken ct = default)
    {
        var user = await Kept().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return null;
        }
        var locks = await db.SignInLocks.IgnoreQueryFilters().Where(l => l.UserId == user.Id).ToListAsync(ct);
        if (locks.Count > 0)
        {
            db.SignInLocks.RemoveRange(locks);
            await db.SaveChangesAsync(ct);
        }
        if (user.LockoutEnd is not null || user.AccessFailedCount > 0)
        {
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            ThrowIfFailed(await users.UpdateAsync(user), user);
        }
        return user;
    }

    /// <summary>The districts, departments and townships the form offers; the admin's carry their district's name.</summary>
    public async Task<(List<(Guid Id, string Name)> Districts, List<(Guid Id, string Name)> Departments, List<(Guid Id, string Name)> Townships)>
        UnitChoicesAsync(CancellationToken ct = default)
    {
        var districts = await db.Districts.AsNoTracking().OrderBy(d => d.Code).Select(d => new { d.Id, d.Name }).ToListAsync(ct);
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.Code).Select(d => new { d.Id, d.DistrictId, d.Name }).ToListAsync(ct);
        var townships = await db.Townships.AsNoTracking().OrderBy(t => t.Code).Select(t => new { t.Id, t.DistrictId, t.Name }).ToListAsync(ct);
        var many = current.DistrictId is null;
        var order = districts.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var names = districts.ToDictionary(d => d.Id, d => d.Name);
        string Label(Guid district, string name) => many && names.TryGetValue(district, out var n) ? $"{n} · {name}" : name;
        return (many ? districts.Select(d => (d.Id, d.Name)).ToList() : [],
            departments.OrderBy(d => order.GetValueOrDefault(d.DistrictId)).Select(d => (d.Id, Label(d.DistrictId, d.Name))).ToList(),
            townships.OrderBy(t => order.GetValueOrDefault(t.DistrictId)).Select(t => (t.Id, Label(t.DistrictId, t.Name))).ToList());
    }

    /// <summary>
    /// The officers an officer's account may act as, for the office's form: its district's township officers in post, each
    /// named with its township. Empty for the admin (every district's officers would make a list no one scrolls; the API
    /// takes an id).
    /// </summary>
    public async Task<List<(Guid Id, string Name)>> OfficerChoicesAsync(CancellationToken ct = default)
    {
        if (current.DistrictId is not { } district)
        {
            return [];
        }
        var officers = await (from o in db.Officers.AsNoTracking().Where(Officers.Officer.Active())
                              join t in db.Townships on o.TownshipId equals t.Id
                              where o.DistrictId == district
                              orderby t.Code, o.Name
                              select new { o.Id, o.Name, Township = t.Name }).ToListAsync(ct);
        return [.. officers.Select(o => (o.Id, $"{o.Name}（{o.Township}）"))];
    }

    /// <summary>Where the account sits: a role the caller may give, in the caller's district (the admin names one), in a unit of it.</summary>
    private async Task<(Guid? District, Guid? Department, Guid? Township)> PlaceAsync(UserInput input, CancellationToken ct)
    {
        var role = input.Role!;
        if (!AssignableRoles.Contains(role))
        {
            throw new RuleViolation("User.RoleNotAllowed", new Text("Role." + role)) { Field = "Role" };
        }
        if (role == Roles.Admin)
        {
            return (null, null, null);
        }
        // The admin may name just the unit: its district is then the account's.
        var requested = input.DistrictId ?? role switch
        {
            Roles.Department => await db.Departments.Where(d => d.Id == input.DepartmentId).Select(d => (Guid?)d.DistrictId).FirstOrDefaultAsync(ct),
            Roles.Township or Roles.Officer => await db.Townships.Where(t => t.Id == input.TownshipId).Select(t => (Guid?)t.DistrictId).FirstOrDefaultAsync(ct),
            _ => null,
        };
        var district = await catalogue.TargetDistrictAsync(requested, ct);
        Guid? department = null, township = null;
        if (role == Roles.Department)
        {
            department = input.DepartmentId;
            if (!await db.Departments.AnyAsync(d => d.Id == department && d.DistrictId == district, ct))
            {
                throw new RuleViolation("User.DepartmentNotInDistrict") { Field = "DepartmentId" };
            }
        }
        if (role is Roles.Township or Roles.Officer)
        {
            township = input.TownshipId;
            if (!await db.Townships.AnyAsync(t => t.Id == township && t.DistrictId == district, ct))
            {
                throw new RuleViolation("User.TownshipNotInDistrict") { Field = "TownshipId" };
            }
        }
        return (district, department, township);
    }

    /// <summary>The officer record an officer's account acts as: an officer of the account's own township, or refused.</summary>
    private async Task<Guid?> OfficerOfAsync(UserInput input, Guid? township, CancellationToken ct)
    {
        if (input.OfficerId is not { } officer || input.Role != Roles.Officer)
        {
            return null;
        }
        if (!await db.Officers.AnyAsync(o => o.Id == officer && o.TownshipId == township, ct))
        {
            throw new RuleViolation("User.OfficerNotOfTownship") { Field = "OfficerId" };
        }
        return officer;
    }

    /// <summary>User names are unique across every district (sign-in knows no district).</summary>
    private async Task EnsureUserNameFreeAsync(string userName, Guid? except, CancellationToken ct)
    {
        var normalized = users.NormalizeName(userName);
        if (await db.Users.AnyAsync(u => u.NormalizedUserName == normalized && u.Id != except, ct))
        {
            throw new RuleViolation("User.DuplicateUserName", userName) { StatusCode = StatusCodes.Status409Conflict, Field = "UserName" };
        }
    }

    /// <summary>What Identity still refuses after the checks above (a race on the same name, a concurrent change).</summary>
    private static void ThrowIfFailed(IdentityResult result, AppUser user)
    {
        if (result.Succeeded)
        {
            return;
        }
        var error = result.Errors.First();
        Exception refusal = error.Code switch
        {
            "DuplicateUserName" => new RuleViolation("User.DuplicateUserName", user.UserName ?? "") { StatusCode = StatusCodes.Status409Conflict, Field = "UserName" },
            "InvalidUserName" => new RuleViolation("User.InvalidUserName") { Field = "UserName" },
            "ConcurrencyFailure" => RuleViolation.Conflict("Error.ConcurrentChange"),
            var code when code.StartsWith("Password", StringComparison.Ordinal) => new RuleViolation("Identity." + code) { Field = "Password" },
            _ => new InvalidOperationException($"Identity refused the change: {error.Code} {error.Description}"),
        };
        throw refusal;
    }
}
