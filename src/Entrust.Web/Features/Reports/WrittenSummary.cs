using Entrust.Web.Platform;

namespace Entrust.Web.Features.Reports;

/// <summary>
/// The paragraphs a unit wrote for one summary (做法, 下一步) and its optional 文号, kept so the office writes them once and every later download, preview
/// and colleague finds them: one per district, period (first and last month), township (none: the district's) and department (none:
/// every department's; a department's own summary covers its matters only).
/// </summary>
public sealed class WrittenSummary
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public Guid? TownshipId { get; private set; }
    public Guid? DepartmentId { get; private set; }
    public int FromKey { get; private set; }
    public int ToKey { get; private set; }

    /// <summary>What the summary is of, as one value the database keeps unique (<see cref="KeyOf"/>).</summary>
    public string Key { get; private set; } = "";
    public string? Practice { get; private set; }
    public string? NextSteps { get; private set; }

    /// <summary>The summary's 文号 ("歇府发〔2026〕12号"), printed under its title; none when the office gives it none.</summary>
    public string? DocumentNumber { get; private set; }
    public string WrittenBy { get; private set; } = "";
    public DateTimeOffset WrittenAt { get; private set; }

    private WrittenSummary() { }

    public WrittenSummary(Guid districtId, Month from, Month to, Guid? townshipId, Guid? departmentId)
    {
        DistrictId = districtId;
        TownshipId = townshipId;
        DepartmentId = departmentId;
        FromKey = from.Key;
        ToKey = to.Key;
        Key = KeyOf(from, to, townshipId, departmentId);
    }

    /// <summary>"202601-202606/{township or district}/{department or all}".</summary>
    public static string KeyOf(Month from, Month to, Guid? townshipId, Guid? departmentId) =>
        $"{from.Key}-{to.Key}/{townshipId?.ToString("N") ?? "district"}/{departmentId?.ToString("N") ?? "all"}";

    public SummaryText Text => new(Practice, NextSteps, DocumentNumber);

    /// <summary>Keeps <paramref name="text"/> (checked: a paragraph too long is refused and nothing is kept).</summary>
    public void Write(SummaryText text, string by, DateTimeOffset at)
    {
        text.Check();
        Practice = string.IsNullOrWhiteSpace(text.Practice) ? null : text.Practice.Trim();
        NextSteps = string.IsNullOrWhiteSpace(text.NextSteps) ? null : text.NextSteps.Trim();
        DocumentNumber = string.IsNullOrWhiteSpace(text.DocumentNumber) ? null : text.DocumentNumber.Trim();
        WrittenBy = by;
        WrittenAt = at;
    }
}
