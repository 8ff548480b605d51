using Entrust.Web.Features.Training;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Entrust.Web.Features.Training.Exams;

/// <summary>The district's exams, through the same projection as GET /api/exams.</summary>
public sealed class IndexModel(ExamBook book, CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public Paged<ExamBook.ExamRow> Result { get; private set; } = new([], 0, 1, 20);
    public bool MayRun => TrainingAccess.MayRun(user);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!TrainingAccess.MayRead(user))
        {
            return Forbid();
        }
        Result = await book.Rows(Q).ToPagedAsync(PageNumber, 20, ct);
        return Page();
    }
}
