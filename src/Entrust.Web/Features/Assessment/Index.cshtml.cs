using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Assessment;

/// <summary>The year's round: its state and dates, the results the reader sees (ranked), and the office's steps.</summary>
public sealed class IndexModel(AssessmentBook book, ListExport export, TimeProvider clock, IStringLocalizer<SharedResource> text)
    : ConsolePageModel(text)
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public int Shown { get; private set; }
    public RoundView? Round { get; private set; }
    public IReadOnlyList<GrantEvaluationView> Grants { get; private set; } = [];
    public bool IsOffice => book.IsOffice;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Shown = Year ?? clock.TodayInChina().Year;
        Round = await book.RoundAsync(Shown, ct);
        Grants = Round is null ? [] : await book.GrantsAsync(Shown, ct) ?? [];
    }

    public bool MayReport => book.MayReport;

    public async Task<IActionResult> OnGetXlsxAsync(int year, CancellationToken ct) =>
        await book.ResultsXlsxAsync(year, export, Text, ct) is { } file ? File(file.Content, ListExport.ContentType, file.FileName) : NotFound();

    public async Task<IActionResult> OnGetReportAsync(int year, CancellationToken ct)
    {
        try
        {
            return await book.AnnualReportAsync(year, Text, ct) is { } file ? File(file.Content, AssessmentApi.DocxType, file.FileName) : NotFound();
        }
        catch (ForbiddenAction)
        {
            return Forbid();
        }
    }

    public Task<IActionResult> OnPostStartAsync(int year, CancellationToken ct) =>
        Step(year, async () => (RoundView?)await book.StartRoundAsync(year, ct), "Assessment.Started", ct);

    public Task<IActionResult> OnPostComputeAsync(int year, CancellationToken ct) =>
        Step(year, () => book.ComputeAsync(year, ct), "Assessment.ComputedFlash", ct);

    public Task<IActionResult> OnPostPublishAsync(int year, CancellationToken ct) =>
        Step(year, () => book.PublishAsync(year, ct), "Assessment.PublishedFlash", ct);

    public Task<IActionResult> OnPostFinaliseAsync(int year, CancellationToken ct) =>
        Step(year, () => book.FinaliseAsync(year, ct), "Assessment.FinalFlash", ct);

    private Task<IActionResult> Step(int year, Func<Task<RoundView?>> write, string flash, CancellationToken ct) =>
        RunAsync(write, _ => (Text[flash], $"/Assessment?year={year}"), async () =>
        {
            Year = year;
            await OnGetAsync(ct);
            return Page();
        });
}
