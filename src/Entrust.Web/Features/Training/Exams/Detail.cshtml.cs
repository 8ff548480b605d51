using System.Globalization;
using Entrust.Web.Features.Training;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Training.Exams;

/// <summary>
/// One exam: the score grid (barred trainees shown with their reason, never editable), the score sheet import, and the
/// results with totals per class and per unit. Writes are <see cref="ExamBook"/>'s, all or nothing.
/// </summary>
[RequestFormLimits(ValueCountLimit = 20_000)]
[RequestSizeLimit(10 * 1024 * 1024)]
public sealed class DetailModel(ExamBook book, CurrentUser user, IStringLocalizer<SharedResource> text, ListExport export) : ConsolePageModel(text)
{
    public static string ScoreName(Guid traineeId) => $"s.{traineeId:N}";

    /// <summary>The score grid's orders (<see cref="ExamBook.ResultSorts"/>).</summary>
    public static ListSort<ExamBook.ResultRow> Sorts => ExamBook.ResultSorts;

    [FromQuery(Name = "id")] public Guid Id { get; set; }
    [FromQuery] public ListQuery Listing { get; set; } = new();

    /// <summary>The page of the score grid shown (a class of hundreds is not one 10,000-pixel form); a save writes only its rows.</summary>
    public Paged<ExamBook.ResultRow> Grid { get; private set; } = new([], 0, 1, 20);

    public ExamBook.ResultsDto Results { get; private set; } = null!;
    public IReadOnlyList<RowError> Errors { get; private set; } = [];
    public string? ErrorTitle { get; private set; }
    /// <summary>What was typed, shown again when the grid is refused.</summary>
    public Dictionary<Guid, string> Typed { get; private set; } = [];
    public bool MayRun => TrainingAccess.MayRun(user);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!TrainingAccess.MayRead(user))
        {
            return Forbid();
        }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnGetTemplateAsync(CancellationToken ct)
    {
        if (!MayRun)
        {
            return Forbid();
        }
        return await book.TemplateAsync(Id, ct) is { } file ? File(file.File, Spreadsheet.ContentType, file.Name) : NotFound();
    }

    /// <summary>Saves the grid: every bad score (no number, out of range, a barred trainee's) beside its input at once, all typed kept.</summary>
    public Task<IActionResult> OnPostScoresAsync(CancellationToken ct)
    {
        var scores = new List<ScoreInput>();
        var unreadable = new List<Guid>();
        foreach (var (key, value) in Request.Form.Where(f => f.Key.StartsWith("s.", StringComparison.Ordinal)))
        {
            if (!Guid.TryParse(key[2..], out var trainee))
            {
                continue;
            }
            var typed = value.ToString().Trim();
            Typed[trainee] = typed;
            if (typed.Length == 0)
            {
                scores.Add(new ScoreInput(trainee, null));
            }
            else if (decimal.TryParse(typed, NumberStyles.Number, CultureInfo.InvariantCulture, out var score))
            {
                scores.Add(new ScoreInput(trainee, score));
            }
            else
            {
                unreadable.Add(trainee);
            }
        }
        // The book numbers the scores in the order sent; those that could not be read follow them.
        var unread = unreadable.Select((_, i) => new RowError(scores.Count + i + 1, Text["Validation.NotANumberHere"].Value)).ToList();
        Guid? TraineeOf(int row) => row <= scores.Count ? scores[row - 1].TraineeId
            : row - scores.Count <= unreadable.Count ? unreadable[row - scores.Count - 1] : null;
        return RunAsync(async () => await book.SetScoresAsync(Id, new ScoresInput(scores), unread, ct) is { } saved
            ? Text["Flash.ScoresSaved", saved.Changed].Value : null, ct,
            row => row >= 1 && TraineeOf(row) is { } trainee ? ScoreName(trainee) : "");
    }

    public Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct) =>
        RunAsync(async () =>
        {
            if (file is null || file.Length == 0)
            {
                throw new RuleViolation("Import.NoFile") { Field = "file" };
            }
            await using var stream = file.OpenReadStream();
            return await book.ImportAsync(Id, stream, ct) is { } saved ? Text["Flash.ScoresSaved", saved.Changed].Value : null;
        }, ct);

    /// <summary>
    /// Runs a write; on refusal the page again with every reason beside its field. A refused batch's rows stand beside the inputs
    /// <paramref name="fieldOfRow"/> names; without it (an imported sheet's rows) they are listed above the page.
    /// </summary>
    private async Task<IActionResult> RunAsync(Func<Task<string?>> write, CancellationToken ct, Func<int, string>? fieldOfRow = null)
    {
        try
        {
            var flash = await write();
            if (flash is null)
            {
                return NotFound();
            }
            TempData["Flash"] = flash;
            return Redirect(PagerModel.With(Request, "id", Id.ToString()));
        }
        catch (RowsRejected rejected) when (fieldOfRow is not null)
        {
            PlaceRows(rejected, fieldOfRow);
        }
        catch (RowsRejected rejected)
        {
            ErrorTitle = Text["Batch.Rejected", rejected.Rows.Count].Value;
            Errors = rejected.Rows;
        }
        catch (RuleViolation v)
        {
            new FieldErrors(Text).Add(v).CopyTo(ModelState, "");
        }
        catch (ForbiddenAction)
        {
            return Forbid();
        }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await book.ResultsAsync(Id, ct) is not { } results)
        {
            return false;
        }
        Results = results;
        Grid = results.Trainees.ToPaged(Listing, Sorts);
        return true;
    }

    /// <summary>The results the grid shows (every trainee, in the grid's order), as .xlsx (<see cref="ListExport"/>).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (!TrainingAccess.MayRead(user))
        {
            return Forbid();
        }
        return await book.ResultsExportAsync(Id, Listing, export, ct) is { } file ? File(file.Content, Spreadsheet.ContentType, file.FileName) : NotFound();
    }

    public string ValueOf(ExamBook.ResultRow r) =>
        Typed.TryGetValue(r.TraineeId, out var typed) ? typed : r.Score?.ToString("0.#", CultureInfo.InvariantCulture) ?? "";
}
