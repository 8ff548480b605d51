using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Platform;

/// <summary>
/// What a value that cannot be read says, in the reader's language, on every page and in the API: text typed into a number
/// or a date field (“abc” for 罚款) is named with the field's label, never ASP.NET Core's English default ("The value 'abc' is
/// not valid for Fine."). Pages get it through MVC's message provider (beside the field, as a ModelState error); the API from
/// the binding failure minimal APIs raise (<see cref="ForApi"/>), as a ValidationProblem naming the field.
/// </summary>
public static partial class BindingMessages
{
    /// <summary>Every accessor of the provider, so that no English default is left for a case not thought of.</summary>
    public static void Localize(MvcOptions options, IStringLocalizer text)
    {
        var m = options.ModelBindingMessageProvider;
        m.SetAttemptedValueIsInvalidAccessor((value, field) => Invalid(text, value, field));
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => Invalid(text, value, null));
        m.SetValueIsInvalidAccessor(value => Invalid(text, value, null));
        m.SetUnknownValueIsInvalidAccessor(field => Invalid(text, null, field));
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => Invalid(text, null, null));
        m.SetValueMustNotBeNullAccessor(_ => text["Validation.ValueMissing"].Value);
        m.SetMissingKeyOrValueAccessor(() => text["Validation.ValueMissing"].Value);
        m.SetMissingBindRequiredValueAccessor(field => Label(text, field) is { } label
            ? text["Validation.Required", label].Value : text["Validation.ValueMissing"].Value);
        m.SetMissingRequestBodyRequiredValueAccessor(() => text["Error.Unreadable"].Value);
        m.SetValueMustBeANumberAccessor(field => Label(text, field) is { } label
            ? text["Validation.NotANumber", label].Value : text["Validation.NotANumberHere"].Value);
        m.SetNonPropertyValueMustBeANumberAccessor(() => text["Validation.NotANumberHere"].Value);
    }

    /// <summary>“abc”不是“罚款”的有效值; without a label we know, the value alone (a Latin property name is no label).</summary>
    private static string Invalid(IStringLocalizer text, string? value, string? field) =>
        (Label(text, field), string.IsNullOrEmpty(value)) switch
        {
            ({ } label, false) => text["Validation.ValueNotValidFor", value!, label].Value,
            ({ } label, true) => text["Validation.Invalid", label].Value,
            (null, false) => text["Validation.ValueNotValid", value!].Value,
            (null, true) => text["Validation.ValueMissing"].Value,
        };

    /// <summary>A field's label as the console writes it: <c>Field.X</c>, or the case forms' <c>CaseField.X</c>.</summary>
    private static string? Label(IStringLocalizer text, string? field)
    {
        if (string.IsNullOrEmpty(field))
        {
            return null;
        }
        foreach (var prefix in (string[])["Field.", "CaseField."])
        {
            if (text[prefix + field] is { ResourceNotFound: false } label)
            {
                return label.Value;
            }
        }
        return null;
    }

    /// <summary>
    /// The field errors of a request the API could not bind, or null when the failure names no field: a JSON body's value of
    /// the wrong kind (named by its JSON path, <c>$.fine</c> → Fine) or a query or route value that is no number, date or id
    /// (named by its parameter, with the value typed).
    /// </summary>
    public static (string Field, string Message)? ForApi(BadHttpRequestException failure, IStringLocalizer text)
    {
        if (failure.InnerException is JsonException { Path: { Length: > 2 } path } && path.StartsWith("$.", StringComparison.Ordinal))
        {
            // $.instalments[1].amount → Instalments[1].Amount, as the date check names a field (InputDates).
            var field = JsonSegment().Replace(path[2..], s => FieldName(s.Value));
            var last = JsonSegment().Matches(field)[^1].Value;
            return (field, Label(text, last) is { } label ? text["Validation.Invalid", label].Value : text["Validation.InvalidField", field].Value);
        }
        // Minimal APIs say which parameter and value failed in a fixed, untranslated form: Failed to bind parameter "int page" from "abc".
        if (QueryFailure().Match(failure.Message) is { Success: true } query)
        {
            var name = FieldName(query.Groups["name"].Value);
            return (name, Invalid(text, query.Groups["value"].Value, name));
        }
        return null;
    }

    private static string FieldName(string name) => char.ToUpperInvariant(name[0]) + name[1..];

    [GeneratedRegex(@"(?<![\w\[])[A-Za-z_]\w*")]
    private static partial Regex JsonSegment();

    [GeneratedRegex("^Failed to bind parameter \"[^\"]* (?<name>\\w+)\" from \"(?<value>.*)\"\\.$")]
    private static partial Regex QueryFailure();
}
