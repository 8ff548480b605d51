using Entrust.Web.Features.Inspections;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Entrust.Web.Features.Inspections;

/// <summary>One inspection: who, when, what was found, its targets, files and rectification orders.</summary>
public sealed class DetailModel(InspectionBook book) : PageModel
{
    public InspectionDto Inspection { get; private set; } = null!;
    public bool MayRecord => book.MayRecord;
    public DateOnly Today => book.Today;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await book.FindAsync(id, ct) is not { } dto)
        {
            return NotFound();
        }
        Inspection = dto;
        return Page();
    }

    public async Task<IActionResult> OnGetFileAsync(Guid id, Guid fileId, CancellationToken ct) =>
        await book.FileAsync(id, fileId, ct) is { } f ? File(f.Content, f.ContentType, f.Name) : NotFound();
}
