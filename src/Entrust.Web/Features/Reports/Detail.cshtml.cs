using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Reports;

/// <summary>
/// One report: the figures table (live while open, frozen once submitted), the township's remarks and submission, the department's
/// acknowledgement or return with a comment, what changed since submission, every version, and the .xlsx (a page handler: the
/// console's cookie does not reach /api).
/// </summary>
public sealed class DetailModel(ReportBook book, IStringLocalizer<SharedResource> text) : ConsolePageModel(text)
{
    public sealed record ReportInput(string? Remarks, string? Comment);

    [BindProperty] public ReportInput? Input { get; set; }

    public ReportDetail Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await book.GetAsync(id, ct) is not { } report)
        {
            return NotFound();
        }
        Report = report;
        return Page();
    }

    public async Task<IActionResult> OnGetXlsxAsync(Guid id, CancellationToken ct) =>
        await book.XlsxAsync(id, Text, ct) is { } file ? File(file.Content, Spreadsheet.ContentType, file.FileName) : NotFound();

    public async Task<IActionResult> OnGetDocxAsync(Guid id, CancellationToken ct) =>
        await book.DocxAsync(id, Text, ct) is { } file ? File(file.Content, ReportSummary.ContentType, file.FileName) : NotFound();

    public Task<IActionResult> OnPostRemarksAsync(Guid id, CancellationToken ct) =>
        RunAsync(() => book.SaveRemarksAsync(id, Input?.Remarks, ct), _ => (Text["Reports.Saved"], Back(id)), Redraw(id, ct));

    public Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken ct) =>
        RunAsync(() => book.SubmitAsync(id, Input?.Remarks, ct), _ => (Text["Reports.Submitted"], Back(id)), Redraw(id, ct));

    public Task<IActionResult> OnPostAcknowledgeAsync(Guid id, CancellationToken ct) =>
        RunAsync(() => book.AcknowledgeAsync(id, Input?.Comment, ct), _ => (Text["Reports.Acknowledged"], Back(id)), Redraw(id, ct));

    public Task<IActionResult> OnPostReturnAsync(Guid id, CancellationToken ct) =>
        RunAsync(() => book.ReturnAsync(id, Input?.Comment, ct), _ => (Text["Reports.Returned"], Back(id)), Redraw(id, ct));

    private Func<Task<IActionResult>> Redraw(Guid id, CancellationToken ct) => () => OnGetAsync(id, ct);

    private static string Back(Guid id) => "/Reports/Detail/" + id;
}
