using System.Globalization;
using Entrust.Web.Features.Training;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Training.Exams;

/// <summary>
/// One exam: the score grid (barred trainees shown with their reason, never editable), the score sheet import, and the
/// results with totals per class and per unit. Writes are <see cref="ExamBook"/>'s, all or nothing.
/// </summary>
[RequestFormLimits(ValueCountLimit = 20_000)]
[RequestSizeLimit(10 * 1024 * 1024)]
public sealed class DetailModel(ExamBook book, CurrentUser user, IStringLocalizer<SharedResource> text) : PageModel
{
    public static string ScoreName(Guid traineeId) => $"s.{traineeId:N}";

    [FromQuery(Name = "id")] public Guid Id { get; set; }

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

    public Task<IActionResult> OnPostScoresAsync(CancellationToken ct) =>
        RunAsync(async () =>
        {
            var scores = new List<ScoreInput>();
            var errors = new List<RowError>();
            var row = 0;
            foreach (var (key, value) in Request.Form.Where(f => f.Key.StartsWith("s.", StringComparison.Ordinal)))
            {
                row++;
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
                    errors.Add(new RowError(row, text["Import.ScoreNotNumber", "", typed].Value));
                }
            }
            if (errors.Count > 0)
            {
                throw new RowsRejected(errors);
            }
            return await book.SetScoresAsync(Id, new ScoresInput(scores), ct) is { } saved ? text["Flash.ScoresSaved", saved.Changed].Value : null;
        }, ct);

    public Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct) =>
        RunAsync(async () =>
        {
            if (file is null || file.Length == 0)
            {
                throw new RuleViolation("Import.NoFile") { Field = "file" };
            }
            await using var stream = file.OpenReadStream();
            return await book.ImportAsync(Id, stream, ct) is { } saved ? text["Flash.ScoresSaved", saved.Changed].Value : null;
        }, ct);

    private async Task<IActionResult> RunAsync(Func<Task<string?>> write, CancellationToken ct)
    {
        try
        {
            var flash = await write();
            if (flash is null)
            {
                return NotFound();
            }
            TempData["Flash"] = flash;
            return Redirect($"/Exams/Detail?id={Id}");
        }
        catch (RowsRejected rejected)
        {
            ErrorTitle = text["Batch.Rejected", rejected.Rows.Count].Value;
            Errors = rejected.Rows;
        }
        catch (RuleViolation v)
        {
            ModelState.AddModelError("", text.Message(v));
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
        return true;
    }

    public string ValueOf(ExamBook.ResultRow r) =>
        Typed.TryGetValue(r.TraineeId, out var typed) ? typed : r.Score?.ToString("0.#", CultureInfo.InvariantCulture) ?? "";
}
