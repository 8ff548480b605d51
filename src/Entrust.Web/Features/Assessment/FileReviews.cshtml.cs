using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Assessment;

/// <summary>
/// 案卷评查: the year's draws with their files, reviewers, scores and grades; the office draws, verifies a draw, changes a file's reviewers
/// and records its scores. A refusal is shown beside its field, on the form of the file it is about.
/// </summary>
public sealed class FileReviewsModel(FileReviewBook book, TimeProvider clock, IStringLocalizer<SharedResource> text) : ConsolePageModel(text)
{
    /// <summary>One input for the page's forms (draw, reviewers, score), so that a refusal lands beside the field it names.</summary>
    public sealed class PageInput
    {
        public int Year { get; set; }
        public Guid? TownshipId { get; set; }
        public string? Domain { get; set; }
        public List<Guid> ReviewerIds { get; set; } = [];
        public int? Count { get; set; }
        public decimal? Proportion { get; set; }
        public Guid FileId { get; set; }
        public Guid? Reviewer1Id { get; set; }
        public Guid? Reviewer2Id { get; set; }
        public List<int> Scores { get; set; } = [];
        public string? Findings { get; set; }
        public DateOnly? ReviewedOn { get; set; }
    }

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty] public PageInput Input { get; set; } = new();

    public int Shown { get; private set; }
    public IReadOnlyList<FileReviewView> Reviews { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Townships { get; private set; } = [];
    public IReadOnlyList<string> Domains { get; private set; } = [];
    /// <summary>The district's officers with their units: the reviewer pool's picker and the reassign lists.</summary>
    public IReadOnlyList<Entrust.Web.Features.Officers.PickerOfficer> Officers { get; private set; } = [];
    public bool IsOffice => book.IsOffice;

    /// <summary>The file whose form was refused (its errors are drawn there), or the draw form's when empty.</summary>
    public Guid? RefusedFile { get; private set; }
    public VerifyResultView? Verified { get; private set; }

    public sealed record VerifyResultView(Guid ReviewId, bool Matches);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Shown = Year ?? clock.TodayInChina().Year;
        Reviews = await book.ListAsync(Shown, ct);
        if (IsOffice)
        {
            (Townships, Domains, Officers) = await book.ChoicesAsync(ct);
        }
    }

    public async Task<IActionResult> OnGetVerifyAsync(Guid id, CancellationToken ct)
    {
        var answer = await book.VerifyAsync(id, ct);
        if (answer is null)
        {
            return NotFound();
        }
        Verified = new VerifyResultView(id, answer.Matches);
        await OnGetAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostDrawAsync(CancellationToken ct) =>
        RunAsync(async () => (FileReviewView?)await book.DrawAsync(new FileReviewDrawInput(Input.Year, Input.TownshipId ?? Guid.Empty, Input.Domain,
                Input.ReviewerIds, Input.Count, Input.Proportion), ct),
            r => (Text["FileReview.Drawn", r.Files.Count], $"/Assessment/FileReviews?year={r.Year}#r-{r.Id}"),
            () => AgainAsync(Input.Year, null, ct));

    public Task<IActionResult> OnPostAssignAsync(CancellationToken ct) =>
        RunAsync(() => book.AssignAsync(Input.FileId, new ReviewersInput(Input.Reviewer1Id ?? Guid.Empty, Input.Reviewer2Id ?? Guid.Empty), ct),
            r => (Text["FileReview.Reassigned"], $"/Assessment/FileReviews?year={r.Year}#f-{Input.FileId}"),
            () => AgainAsync(Year, Input.FileId, ct));

    public Task<IActionResult> OnPostScoreAsync(CancellationToken ct) =>
        RunAsync(() => book.ScoreAsync(Input.FileId, new FileScoreInput(Input.Scores, Input.Findings, Input.ReviewedOn), ct),
            r => (Text["FileReview.Scored", r.Files.First(f => f.Id == Input.FileId).CaseNumber],
                $"/Assessment/FileReviews?year={r.Year}#f-{Input.FileId}"),
            () => AgainAsync(Year, Input.FileId, ct));

    private async Task<IActionResult> AgainAsync(int? year, Guid? file, CancellationToken ct)
    {
        Year = year;
        RefusedFile = file;
        await OnGetAsync(ct);
        return Page();
    }
}
