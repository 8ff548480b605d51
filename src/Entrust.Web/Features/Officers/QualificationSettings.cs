using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Officers;

/// <summary>
/// What the district legal affairs office sets for qualification (LAW 13, configurable): the attendance thresholds
/// that bar a trainee from the exam, the certificate number format, validity and review interval, and how far ahead
/// expiring certificates are listed. One row per district; <see cref="Defaults"/> are the seed's rules.
/// </summary>
public sealed partial class QualificationSettings
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }

    /// <summary>请假两次以上: this many excused absences bar the trainee (the seed: 2).</summary>
    public int ExcusedAbsencesThatBar { get; private set; } = 2;

    /// <summary>旷课一次: this many unexcused absences bar the trainee (the seed: 1).</summary>
    public int UnexcusedAbsencesThatBar { get; private set; } = 1;

    /// <summary>e.g. <c>渝执{year}{seq:5}</c>: literal text, the issue year and a zero-padded sequence.</summary>
    public string CertificateNumberFormat { get; private set; } = "渝执{year}{seq:5}";
    public int CertificateValidityYears { get; private set; } = 3;
    public int ReviewIntervalMonths { get; private set; } = 12;
    public int ExpiryWarningDays { get; private set; } = 60;
    public int AnnualTrainingHours { get; private set; } = 40;

    private QualificationSettings() { }

    public QualificationSettings(Guid districtId) => DistrictId = districtId;

    /// <summary>The seed's rules, for a district that has not set its own.</summary>
    public static QualificationSettings Defaults(Guid districtId) => new(districtId);

    public void Update(QualificationFields f)
    {
        if (f.ExcusedAbsencesThatBar is < 1 or > 20)
        {
            throw new RuleViolation("Qualification.ThresholdOutOfRange", 1, 20) { Field = "ExcusedAbsencesThatBar" };
        }
        if (f.UnexcusedAbsencesThatBar is < 1 or > 20)
        {
            throw new RuleViolation("Qualification.ThresholdOutOfRange", 1, 20) { Field = "UnexcusedAbsencesThatBar" };
        }
        if (f.CertificateValidityYears is < 1 or > 10)
        {
            throw new RuleViolation("Qualification.ValidityOutOfRange", 1, 10) { Field = "CertificateValidityYears" };
        }
        if (f.ReviewIntervalMonths is < 1 or > 60)
        {
            throw new RuleViolation("Qualification.ReviewIntervalOutOfRange", 1, 60) { Field = "ReviewIntervalMonths" };
        }
        if (f.ExpiryWarningDays is < 1 or > 365)
        {
            throw new RuleViolation("Qualification.WarningOutOfRange", 1, 365) { Field = "ExpiryWarningDays" };
        }
        if (f.AnnualTrainingHours is < 0 or > 500)
        {
            throw new RuleViolation("Qualification.HoursOutOfRange", 0, 500) { Field = "AnnualTrainingHours" };
        }
        if (!IsValidFormat(f.CertificateNumberFormat))
        {
            throw new RuleViolation("Qualification.NumberFormatInvalid") { Field = "CertificateNumberFormat" };
        }
        ExcusedAbsencesThatBar = f.ExcusedAbsencesThatBar;
        UnexcusedAbsencesThatBar = f.UnexcusedAbsencesThatBar;
        CertificateNumberFormat = f.CertificateNumberFormat.Trim();
        CertificateValidityYears = f.CertificateValidityYears;
        ReviewIntervalMonths = f.ReviewIntervalMonths;
        ExpiryWarningDays = f.ExpiryWarningDays;
        AnnualTrainingHours = f.AnnualTrainingHours;
    }

    /// <summary>A format holds exactly one <c>{seq:N}</c> (N from 1 to 9), at most one <c>{year}</c>, and no other braces.</summary>
    public static bool IsValidFormat(string? format)
    {
        if (string.IsNullOrWhiteSpace(format) || format.Length > 40)
        {
            return false;
        }
        var rest = Token().Replace(format, "");
        return !rest.Contains('{') && !rest.Contains('}')
            && Token().Matches(format).Count(m => m.Groups["seq"].Success) == 1
            && Token().Matches(format).Count(m => !m.Groups["seq"].Success) <= 1;
    }

    /// <summary>The number for the <paramref name="sequence"/>th certificate of <paramref name="year"/>.</summary>
    public string FormatNumber(int year, int sequence) =>
        Token().Replace(CertificateNumberFormat, m => m.Groups["seq"].Success
            ? sequence.ToString(CultureInfo.InvariantCulture).PadLeft(int.Parse(m.Groups["seq"].Value, CultureInfo.InvariantCulture), '0')
            : year.ToString(CultureInfo.InvariantCulture));

    /// <summary>Whether a number typed by hand follows the format (any year, a sequence of exactly N digits).</summary>
    public bool Matches(string number) => NumberPattern().IsMatch(number.Trim());

    /// <summary>
    /// The sequence of a number that follows the format for <paramref name="year"/> (where the format names the year), else
    /// null: how the next automatic number finds the year's highest one, hand-typed numbers included.
    /// </summary>
    public int? SequenceOf(string number, int year)
    {
        var m = NumberPattern().Match(number.Trim());
        if (!m.Success || (m.Groups["year"].Success && m.Groups["year"].Value != year.ToString(CultureInfo.InvariantCulture)))
        {
            return null;
        }
        return int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
    }

    private Regex NumberPattern()
    {
        var pattern = new StringBuilder("^");
        var last = 0;
        foreach (Match m in Token().Matches(CertificateNumberFormat))
        {
            pattern.Append(Regex.Escape(CertificateNumberFormat[last..m.Index]));
            pattern.Append(m.Groups["seq"].Success ? $"(?<n>[0-9]{{{m.Groups["seq"].Value}}})" : "(?<year>[0-9]{4})");
            last = m.Index + m.Length;
        }
        pattern.Append(Regex.Escape(CertificateNumberFormat[last..])).Append('$');
        return new Regex(pattern.ToString(), RegexOptions.CultureInvariant);
    }

    [GeneratedRegex(@"\{(?:year|seq:(?<seq>[1-9]))\}")]
    private static partial Regex Token();
}

public sealed record QualificationFields(int ExcusedAbsencesThatBar, int UnexcusedAbsencesThatBar, string CertificateNumberFormat,
    int CertificateValidityYears, int ReviewIntervalMonths, int ExpiryWarningDays, int AnnualTrainingHours);

/// <summary>Reads a district's qualification settings, the seed's defaults when the office has set none.</summary>
public static class Qualification
{
    public static async Task<QualificationSettings> SettingsAsync(EntrustDbContext db, Guid districtId, CancellationToken ct = default) =>
        await db.QualificationSettings.AsNoTracking().FirstOrDefaultAsync(s => s.DistrictId == districtId, ct)
        ?? QualificationSettings.Defaults(districtId);
}
