namespace Entrust.Web.Features.Calendar;

/// <summary>
/// One exception to the plain week in a district's holiday calendar: a public holiday on which offices
/// are closed, or a weekend day that is a make-up working day (调休上班). The office keeps them per year.
/// </summary>
public sealed class CalendarDay
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public DateOnly Date { get; private set; }
    public bool IsWorkday { get; private set; }
    public string? Note { get; private set; }

    private CalendarDay() { }

    public CalendarDay(Guid districtId, DateOnly date, bool isWorkday, string? note = null)
    {
        DistrictId = districtId;
        Date = date;
        IsWorkday = isWorkday;
        Note = note;
    }
}
