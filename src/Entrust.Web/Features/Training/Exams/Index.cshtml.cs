using Entrust.Web.Features.Training;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Entrust.Web.Features.Training.Exams;

/// <summary>The district's exams, through the same projection as GET /api/exams.</summary>
public sealed class IndexModel(ExamBook book, CurrentUser user, ListExport export) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [FromQuery] public ListQuery Listing { get; set; } = new();

    public Paged<ExamBook.ExamRow> Result { get; private set; } = new([], 0, 1, 20);
    public bool MayRun => TrainingAccess.MayRun(user);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!TrainingAccess.MayRead(user))
        {
            return Forbid();
        }
        Result = await book.Rows(Q).ToPagedAsync(Listing, ExamBook.Sorts, ct);
        return Page();
    }

    /// <summary>What the filter shows, in the page's order, as .xlsx (<see cref="ListExport"/>).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (!TrainingAccess.MayRead(user))
        {
            return Forbid();
        }
        var (content, name) = await export.WriteAsync("Menu.Exams", null, book.Rows(Q).ForExport(Listing, ExamBook.Sorts), [
            new ExportColumn<ExamBook.ExamRow>("Field.Name", e => e.Name),
            new("Field.HeldOn", e => e.HeldOn),
            new("Field.PassMark", e => e.PassMark),
            new("Field.FullMark", e => e.FullMark),
            new("Field.ClassIds", e => e.ClassCount),
            new("Exam.Sat", e => e.Sat),
            new("Exam.Passed", e => e.Passed),
        ], ct);
        return File(content, Spreadsheet.ContentType, name);
    }
}
