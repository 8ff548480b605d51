using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Platform;

/// <summary>
/// Collects field errors for one request in the user's language, so that an API answers with a
/// ValidationProblem and a page with ModelState entries, from the same checks.
/// </summary>
public sealed class FieldErrors(IStringLocalizer text)
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool Any => _errors.Count > 0;

    public IReadOnlyDictionary<string, List<string>> All => _errors;

    public FieldErrors Add(string field, string key, params object[] args)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        list.Add(text[key, args.Select(a => a is Text t ? text[t.Key].Value : a).ToArray()].Value);
        return this;
    }

    /// <summary>
    /// A write's refusal with every other it found (<see cref="RuleViolation.Others"/>), each under its field; one that names none
    /// under <paramref name="unnamed"/> ("" for the list above the form).
    /// </summary>
    public FieldErrors Add(RuleViolation refused, string unnamed = "")
    {
        foreach (var r in refused.All)
        {
            Add(r.Field ?? unnamed, r.MessageKey, r.Arguments);
        }
        return this;
    }

    public FieldErrors Required(string field, string? value, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Add(field, "Validation.Required", text["Field." + field].Value);
        }
        return value.Length > maxLength ? Add(field, "Validation.TooLong", text["Field." + field].Value, maxLength) : this;
    }

    /// <summary>A required dropdown left on 请选择 (null, see <see cref="Unchosen"/>) or sent a value it does not offer: 请选择“…”.</summary>
    public FieldErrors Chosen<T>(string field, T? value) where T : struct, Enum =>
        value is { } v && Enum.IsDefined(v) ? this : Add(field, "Validation.Choose", text["Field." + field].Value);

    public FieldErrors Invalid(string field) => Add(field, "Validation.Invalid", text["Field." + field].Value);

    public FieldErrors Optional(string field, string? value, int maxLength = 200) =>
        value is { Length: var n } && n > maxLength ? Add(field, "Validation.TooLong", text["Field." + field].Value, maxLength) : this;

    public ValidationProblem ToProblem() => TypedResults.ValidationProblem(
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray()),
        title: text["Error.Validation"].Value);

    /// <summary>Each error under its field's posted name; one that names no field ("") under the form's own key, listed above it.</summary>
    public void CopyTo(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState, string prefix = "Input.")
    {
        foreach (var (field, messages) in _errors)
        {
            foreach (var message in messages)
            {
                modelState.AddModelError(field == "" ? "" : prefix + field, message);
            }
        }
    }
}
