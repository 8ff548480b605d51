using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Platform;

/// <summary>
/// The one range every date that comes in must fall in, wherever it comes from: a query, a route, a JSON body, a form.
/// <see cref="Earliest"/> 1900-01-01 to <see cref="Latest"/> 2099-12-31: wide enough for any record the platform keeps
/// (a decree, a birth date, an audit search back to its start), narrow enough that no arithmetic on a day (a term of
/// years, working days, a month, the Asia/Shanghai offset) can run past the calendar's ends — 9999-12-31 or 0001-01-01
/// answered 500 before. A date outside is refused with a 400 naming the field, before the handler runs, so nothing is
/// written and no stored value can later make a page fail. The API checks through <see cref="Filter"/> (every endpoint,
/// over its parameters and the records it binds), pages through <see cref="PageFilter"/>.
/// </summary>
public static class InputDates
{
    public static readonly DateOnly Earliest = new(1900, 1, 1);
    public static readonly DateOnly Latest = new(2099, 12, 31);

    /// <summary>The mark every endpoint mapped through the checking group carries (PlatformTests looks for it on every /api endpoint).</summary>
    public static readonly Marker Checked = new();

    public sealed class Marker;

    public static bool InRange(DateOnly day) => day >= Earliest && day <= Latest;

    /// <summary>Refuses a day out of range, naming <paramref name="field"/>.</summary>
    public static DateOnly Check(DateOnly day, string field) => InRange(day) ? day : throw OutOfRange(day, field);

    /// <summary>The first day of a month written <c>yyyy-MM</c>; null when the text is no month; refused when out of range.</summary>
    public static DateOnly? MonthStart(string? month, string field)
    {
        if (string.IsNullOrWhiteSpace(month)
            || !DateOnly.TryParseExact(month.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            return null;
        }
        return Check(first, field);
    }

    private static RuleViolation OutOfRange(DateOnly day, string field) =>
        new("Validation.DateOutOfRange", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Earliest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
        { Field = field };

    /// <summary>The day a value stands for, when it is a date of any kind (a time is taken on its UTC day).</summary>
    private static DateOnly? DayOf(object value) => value switch
    {
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        DateTimeOffset o => DateOnly.FromDateTime(o.UtcDateTime),
        _ => null,
    };

    /// <summary>Throws for the first date out of range in <paramref name="value"/> (a date, a record of ours, a list).</summary>
    public static void CheckValue(object? value, Type declared, string field) => Walk(value, declared, field, 0);

    private static void Walk(object? value, Type declared, string field, int depth)
    {
        if (value is null || depth > 6 || !HoldsDates(declared))
        {
            return;
        }
        if (DayOf(value) is { } day)
        {
            Check(day, field);
            return;
        }
        if (value is IEnumerable items && value is not string)
        {
            var element = ElementType(declared) ?? typeof(object);
            var i = 0;
            foreach (var item in items)
            {
                Walk(item, element, $"{field}[{i++}]", depth + 1);
            }
            return;
        }
        foreach (var property in DateProperties(value.GetType()))
        {
            Walk(property.GetValue(value), property.PropertyType, field.Length == 0 ? property.Name : $"{field}.{property.Name}", depth + 1);
        }
    }

    private static readonly ConcurrentDictionary<Type, bool> Holds = new();
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    /// <summary>Whether a value of this type can carry a date: a date itself, a list of them, or one of our records holding one.</summary>
    public static bool HoldsDates(Type type) => Holds.GetOrAdd(type, t => HoldsDates(t, []));

    private static bool HoldsDates(Type type, HashSet<Type> seen)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(DateOnly) || type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return true;
        }
        if (type == typeof(string) || type.IsPrimitive || type.IsEnum || typeof(IQueryable).IsAssignableFrom(type) || !seen.Add(type))
        {
            return false;
        }
        if (ElementType(type) is { } element)
        {
            return HoldsDates(element, seen);
        }
        return type.Assembly == typeof(InputDates).Assembly
            && Readable(type).Any(p => HoldsDates(p.PropertyType, seen));
    }

    private static PropertyInfo[] DateProperties(Type type) =>
        Properties.GetOrAdd(type, t => type.Assembly == typeof(InputDates).Assembly
            ? [.. Readable(t).Where(p => HoldsDates(p.PropertyType))]
            : []);

    private static IEnumerable<PropertyInfo> Readable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0);

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) && type != typeof(string) ? type.GetGenericArguments()[^1]
        : null;

    /// <summary>
    /// The API's check, added to every endpoint: it looks at the parameters that can carry a date (a query or route date, an
    /// <c>[AsParameters]</c> filter, a body) and costs nothing on an endpoint that has none.
    /// </summary>
    public static EndpointFilterDelegate Filter(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        // Services (the DbContext, a book) are no input: only what the request binds is looked at.
        var services = context.ApplicationServices.GetService<IServiceProviderIsService>();
        var checkedOnes = context.MethodInfo.GetParameters()
            .Select((p, i) => (Index: i, p.ParameterType, Field: FieldName(p)))
            .Where(p => HoldsDates(p.ParameterType) && services?.IsService(p.ParameterType) != true)
            .ToArray();
        if (checkedOnes.Length == 0)
        {
            return next;
        }
        return invocation =>
        {
            foreach (var (index, type, field) in checkedOnes)
            {
                CheckValue(invocation.Arguments[index], type, field);
            }
            return next(invocation);
        };
    }

    /// <summary>A body's or a filter's fields are named by themselves; a plain parameter by its name (From, not from).</summary>
    private static string FieldName(ParameterInfo p) =>
        p.GetCustomAttribute<AsParametersAttribute>() is not null || p.GetCustomAttribute<FromBodyAttribute>() is not null
            || !(Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType).IsValueType && p.ParameterType != typeof(string)
            ? ""
            : char.ToUpperInvariant(p.Name![0]) + p.Name[1..];

    /// <summary>
    /// The pages' check: after binding, before the handler, over the handler's arguments and the page's bound properties. A
    /// date out of range draws the refusal page (400) instead of the handler: nothing is written, nothing fails.
    /// </summary>
    public sealed class PageFilter : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            try
            {
                var services = context.HttpContext.RequestServices.GetService<IServiceProviderIsService>();
                foreach (var (name, value) in context.HandlerArguments)
                {
                    if (value is null || services?.IsService(value.GetType()) == true)
                    {
                        continue;
                    }
                    CheckValue(value, value?.GetType() ?? typeof(object), char.ToUpperInvariant(name[0]) + name[1..]);
                }
                foreach (var bound in context.ActionDescriptor.BoundProperties)
                {
                    if (HoldsDates(bound.ParameterType)
                        && context.HandlerInstance.GetType().GetProperty(bound.Name) is { } property)
                    {
                        CheckValue(property.GetValue(context.HandlerInstance), bound.ParameterType, bound.Name);
                    }
                }
            }
            catch (RuleViolation refused)
            {
                context.Result = Refused(context.HttpContext, context.ModelState, refused);
                return;
            }
            // A date read from text by the handler (an inspection month) is refused the same way.
            var executed = await next();
            if (executed.Exception is RuleViolation { MessageKey: "Validation.DateOutOfRange" } late && !executed.ExceptionHandled)
            {
                executed.Result = Refused(context.HttpContext, context.ModelState, late);
                executed.ExceptionHandled = true;
            }
        }

        private static ViewResult Refused(HttpContext http, ModelStateDictionary modelState, RuleViolation refused) => new()
        {
            ViewName = "/Features/Shared/_Refused.cshtml",
            StatusCode = StatusCodes.Status400BadRequest,
            ViewData = new ViewDataDictionary<string>(http.RequestServices.GetRequiredService<IModelMetadataProvider>(), modelState)
            {
                Model = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>().Message(refused),
            },
        };
    }
}
