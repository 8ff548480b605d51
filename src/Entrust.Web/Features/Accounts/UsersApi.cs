using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Accounts;

/// <summary>Account keeping (账号管理): the admin for every district, the office for its own; 403 for everyone else.</summary>
public static class UsersApi
{
    public static void MapUsersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/users").RequireAuthorization(Api.UserKeeper).WithTags("Accounts");
        api.MapGet("", List);
        api.MapGet("/export", Export);
        api.MapGet("/{id:guid}", Get);
        api.MapPost("", Create);
        api.MapPut("/{id:guid}", Update);
        api.MapPost("/{id:guid}/password", ResetPassword);
        api.MapPost("/{id:guid}/lock", Lock);
        api.MapPost("/{id:guid}/unlock", Unlock);
        api.MapPost("/{id:guid}/sessions/revoke", RevokeSessions);
    }

    public static async Task<Ok<Paged<UserDto>>> List([AsParameters] UserFilter filter, UserDirectory directory, CancellationToken ct) =>
        TypedResults.Ok(await directory.ListAsync(filter, ct));

    /// <summary>
    /// The accounts the /Admin/Users list shows for the same filter (<c>q</c>, <c>role</c>, <c>district</c>, <c>department</c>,
    /// <c>township</c>, <c>locked</c>; <c>sort</c>: a column of the list), every page of it, as .xlsx: the office its district's.
    /// </summary>
    public static async Task<FileContentHttpResult> Export(string? q, string? role, Guid? district, Guid? department, Guid? township,
        bool? locked, string? sort, UserDirectory directory, ListExport export, IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        ListExport.Answer(await directory.ExportAsync(new UserFilter(q, role, district, department, township, null, null, locked),
            new ListQuery { Sort = sort }, export, text, ct));

    public static async Task<Results<Ok<UserDto>, NotFound>> Get(Guid id, UserDirectory directory, CancellationToken ct) =>
        await directory.FindAsync(id, ct) is { } user ? TypedResults.Ok(user) : TypedResults.NotFound();

    /// <summary>Creates an account with its initial password (the password policy applies).</summary>
    public static async Task<Results<Created<UserDto>, ValidationProblem>> Create(
        UserInput input, UserDirectory directory, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var errors = new FieldErrors(text).Check(input, creating: true);
        await directory.CheckPasswordAsync(errors, input.Password);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var created = await directory.CreateAsync(input, ct);
        return TypedResults.Created($"/api/users/{created.Id}", (await directory.FindAsync(created.Id, ct))!);
    }

    /// <summary>Changes user name, display name, role and unit; the password and the lock have their own endpoints.</summary>
    public static async Task<Results<Ok<UserDto>, NotFound, ValidationProblem>> Update(
        Guid id, UserInput input, UserDirectory directory, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var errors = new FieldErrors(text).Check(input, creating: false);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        if (await directory.UpdateAsync(id, input, ct) is null)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok((await directory.FindAsync(id, ct))!);
    }

    public static async Task<Results<NoContent, NotFound, ValidationProblem>> ResetPassword(
        Guid id, PasswordResetInput input, UserDirectory directory, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var errors = new FieldErrors(text).Required("Password", input.Password, 100);
        await directory.CheckPasswordAsync(errors, input.Password);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        return await directory.ResetPasswordAsync(id, input.Password!, ct) is null ? TypedResults.NotFound() : TypedResults.NoContent();
    }

    public static async Task<Results<Ok<UserDto>, NotFound>> Lock(Guid id, UserDirectory directory, CancellationToken ct) =>
        await directory.LockAsync(id, ct) is null ? TypedResults.NotFound() : TypedResults.Ok((await directory.FindAsync(id, ct))!);

    /// <summary>Ends every session of the account (its tokens and cookies); it may sign in again.</summary>
    public static async Task<Results<NoContent, NotFound>> RevokeSessions(Guid id, UserDirectory directory, CancellationToken ct) =>
        await directory.RevokeSessionsAsync(id, ct) is null ? TypedResults.NotFound() : TypedResults.NoContent();

    public static async Task<Results<Ok<UserDto>, NotFound>> Unlock(Guid id, UserDirectory directory, CancellationToken ct) =>
        await directory.UnlockAsync(id, ct) is null ? TypedResults.NotFound() : TypedResults.Ok((await directory.FindAsync(id, ct))!);
}
