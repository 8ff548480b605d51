using Entrust.Web.Features.Training;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Entrust.Web.Features.Training;

/// <summary>The district's training classes, through the same projection as GET /api/training-classes.</summary>
public sealed class IndexModel(TrainingBook book, CurrentUser user, ListExport export) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [FromQuery] public ListQuery Listing { get; set; } = new();

    public Paged<TrainingBook.ClassRow> Result { get; private set; } = new([], 0, 1, 20);
    public bool MayRun => TrainingAccess.MayRun(user);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!TrainingAccess.MayRead(user))
        {
            return Forbid();
        }
        Result = await book.Rows(Q).ToPagedAsync(Listing, TrainingBook.Sorts, ct);
        return Page();
    }

    /// <summary>What the filter shows, in the page's order, as .xlsx (<see cref="ListExport"/>).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (!TrainingAccess.MayRead(user))
        {
            return Forbid();
        }
        var (content, name) = await export.WriteAsync("Menu.Training", null, book.Rows(Q).ForExport(Listing, TrainingBook.Sorts), [
            new ExportColumn<TrainingBook.ClassRow>("Field.Name", c => c.Name),
            new("Training.Dates", c => $"{c.StartsOn:yyyy-MM-dd} ~ {c.EndsOn:yyyy-MM-dd}"),
            new("Field.Venue", c => c.Venue),
            new("Field.Sessions", c => c.SessionCount),
            new("Training.Trainees", c => c.TraineeCount),
        ], ct);
        return File(content, Spreadsheet.ContentType, name);
    }
}
