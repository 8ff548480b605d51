namespace Entrust.Web.Platform;

/// <summary>
/// Thrown by the domain when a rule refuses an action. <see cref="MessageKey"/> names a string in
/// the shared resources; <see cref="Arguments"/> fill its placeholders. Mapped to a 400 (or 409)
/// ProblemDetails in the user's language by <see cref="ProblemDetailsExceptionHandler"/>.
/// </summary>
public sealed class RuleViolation(string messageKey, params object[] arguments) : Exception(messageKey)
{
    public string MessageKey { get; } = messageKey;
    public object[] Arguments { get; } = arguments;

    /// <summary>409 when the request collides with existing data (a duplicate code), else 400.</summary>
    public int StatusCode { get; init; } = StatusCodes.Status400BadRequest;

    /// <summary>The field the rule is about, when there is one; the UI shows the message beside it.</summary>
    public string? Field { get; init; }

    public static RuleViolation Conflict(string key, params object[] args) =>
        new(key, args) { StatusCode = StatusCodes.Status409Conflict };
}

/// <summary>The user may see the record but their role may not take this action: answered 403.</summary>
public sealed class ForbiddenAction() : Exception("forbidden");
