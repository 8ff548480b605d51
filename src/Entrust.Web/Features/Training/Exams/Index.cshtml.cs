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
        var (content, name) = await book.ExportAsync(Q, Listing, export, ct);
        return File(content, Spreadsheet.ContentType, name);
    }
}
