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

    /// <summary>
    /// The other refusals found by the same check, each with its own field: a form answers every missing field at once rather than
    /// one per post (the API lists them all under <c>errors</c>, a page shows each beside its field).
    /// </summary>
    public IReadOnlyList<RuleViolation> Others { get; init; } = [];

    /// <summary>This refusal and the others, in the order found.</summary>
    public IEnumerable<RuleViolation> All => [this, .. Others];

    public static RuleViolation Conflict(string key, params object[] args) =>
        new(key, args) { StatusCode = StatusCodes.Status409Conflict };

    /// <summary>Throws every refusal given (nulls are checks that passed) at once: the first as the message, the rest as <see cref="Others"/>.</summary>
    public static void ThrowAll(IEnumerable<RuleViolation?> refusals)
    {
        var found = refusals.OfType<RuleViolation>().ToList();
        if (found is [var first, .. var rest])
        {
            throw rest.Count == 0 ? first : new RuleViolation(first.MessageKey, first.Arguments)
            {
                StatusCode = first.StatusCode,
                Field = first.Field,
                Others = rest,
            };
        }
    }
}

/// <summary>The user may see the record but their role may not take this action: answered 403.</summary>
public sealed class ForbiddenAction() : Exception("forbidden");
