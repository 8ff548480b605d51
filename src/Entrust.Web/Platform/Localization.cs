using System.Globalization;
using System.Resources;
using Microsoft.Extensions.Localization;

[assembly: NeutralResourcesLanguage("zh-CN")]

namespace Entrust.Web.Platform;

/// <summary>Marker for the one resource set: Resources/SharedResource.resx (简体中文) and .en.resx (English).</summary>
// (SharedResource lives in the root namespace so that its resources are Resources/SharedResource*.resx.)

public static class Cultures
{
    public const string Chinese = "zh-CN";
    public const string English = "en";
    public static readonly CultureInfo[] Supported = [new(Chinese), new(English)];
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}

public static class LocalizerExtensions
{
    /// <summary>A message from a <see cref="RuleViolation"/>, with its arguments, in the current language.</summary>
    public static string Message(this IStringLocalizer localizer, RuleViolation violation) =>
        localizer[violation.MessageKey, violation.Arguments.Select(a => a is Text t ? localizer[t.Key].Value : a).ToArray()].Value;

    /// <summary>A text in Chinese whatever the reader's language: for what is written into a record (an official label, a document).</summary>
    public static string InChinese(this IStringLocalizer localizer, string key)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = Cultures.Supported[0];
        try
        {
            return localizer[key].Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>Who did something, as a page shows it: the login name, or 系统 for the platform's own work (scans, draws, seals).</summary>
    public static string Who(this IStringLocalizer localizer, string? userName) =>
        userName == CurrentUser.System.UserName ? localizer["Audit.SystemUser"].Value : userName ?? "";
}

/// <summary>An argument of a message that is itself a resource key (a state's name, say), localized when shown.</summary>
public sealed record Text(string Key);
