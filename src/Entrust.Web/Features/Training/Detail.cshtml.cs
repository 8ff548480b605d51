using Entrust.Web.Features.Training;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Training;

/// <summary>
/// One class: its sessions, the nominate form, and the roster (trainee × session) with each trainee's eligibility.
/// The office saves the whole grid in one post or imports the sign-in sheet; units read their own trainees' rows.
/// Every write is <see cref="TrainingBook"/>'s or <see cref="AttendanceBook"/>'s, all or nothing.
/// </summary>
[RequestFormLimits(ValueCountLimit = 20_000)]
[RequestSizeLimit(10 * 1024 * 1024)]
public sealed class DetailModel(TrainingBook training, AttendanceBook attendance, CurrentUser user, ListExport export,
    IStringLocalizer<SharedResource> text) : PageModel
{
    /// <summary>A roster cell's form field: one value per cell keeps a 150 × 6 roster well inside the form limits.</summary>
    public static string CellName(Guid traineeId, Guid sessionId) => $"m.{traineeId:N}.{sessionId:N}";

    [FromQuery(Name = "id")] public Guid Id { get; set; }
    [FromQuery] public ListQuery Listing { get; set; } = new();

    /// <summary>The page of the roster shown; a save writes only its rows (a 150-trainee class is not one endless form).</summary>
    public Paged<AttendanceBook.RosterRow> Grid { get; private set; } = new([], 0, 1, 20);

    public TrainingBook.ClassDto Class { get; private set; } = null!;
    public AttendanceBook.RosterDto Roster { get; private set; } = null!;
    public List<TrainingBook.OfficerChoice> Nominable { get; private set; } = [];
    public IReadOnlyList<RowError> Errors { get; private set; } = [];

    /// <summary>The officers a refused nomination had chosen, ticked again.</summary>
    public IReadOnlyCollection<Guid> Chosen { get; private set; } = [];

    /// <summary>The field a refusal of the form posted stands beside: the nomination's officers, the import's file; the roster's
    /// (the whole grid) above the page.</summary>
    private string _refusedField = "";
    public string? ErrorTitle { get; private set; }
    public bool MayRun => TrainingAccess.MayRun(user);
    public bool MayNominate => TrainingAccess.MayNominate(user);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!TrainingAccess.MayRead(user))
        {
            return Forbid();
        }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    /// <summary>The roster the reader sees, in the list's order, as .xlsx (<see cref="AttendanceBook.RosterExportAsync"/>).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (!TrainingAccess.MayRead(user))
        {
            return Forbid();
        }
        return await attendance.RosterExportAsync(Id, Listing, export, ct) is var (content, name)
            ? File(content, Spreadsheet.ContentType, name) : NotFound();
    }

    /// <summary>A session as the roster's header names it (<see cref="AttendanceBook.SessionLabel"/>).</summary>
    public string SessionName(TrainingBook.SessionDto s) => attendance.SessionLabel(s);

    public async Task<IActionResult> OnGetTemplateAsync(CancellationToken ct)
    {
        if (!MayRun)
        {
            return Forbid();
        }
        return await attendance.TemplateAsync(Id, ct) is { } file ? File(file.File, Spreadsheet.ContentType, file.Name) : NotFound();
    }

    public Task<IActionResult> OnPostNominateAsync(List<Guid> officerIds, CancellationToken ct)
    {
        (Chosen, _refusedField) = (officerIds, "officerIds");
        return RunAsync(async () => await training.NominateAsync(Id, new NominateInput(officerIds), ct) is { } list
            ? text["Flash.Nominated", list.Count].Value : null, ct);
    }

    public Task<IActionResult> OnPostWithdrawAsync(Guid traineeId, CancellationToken ct) =>
        RunAsync(async () => await training.RemoveTraineeAsync(Id, traineeId, ct) ? text["Flash.Withdrawn"].Value : null, ct);

    /// <summary>Saves the grid; <paramref name="fill"/> names a session whose unmarked cells are taken as present (点名).</summary>
    public Task<IActionResult> OnPostAttendanceAsync(Guid? fill, CancellationToken ct) =>
        RunAsync(async () =>
        {
            var marks = new List<MarkInput>();
            foreach (var (key, value) in Request.Form.Where(f => f.Key.StartsWith("m.", StringComparison.Ordinal)))
            {
                var parts = key.Split('.');
                if (parts.Length != 3 || !Guid.TryParse(parts[1], out var trainee) || !Guid.TryParse(parts[2], out var session))
                {
                    continue;
                }
                var mark = value.ToString();
                marks.Add(new MarkInput(trainee, session, mark.Length == 0 && session == fill ? nameof(AttendanceMark.Present) : mark));
            }
            return await attendance.SetAsync(Id, new AttendanceInput(marks), ct) is { } saved
                ? text["Flash.AttendanceSaved", saved.Changed].Value : null;
        }, ct);

    public Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        _refusedField = "file";
        return RunAsync(async () =>
        {
            if (file is null || file.Length == 0)
            {
                throw new RuleViolation("Import.NoFile") { Field = "file" };
            }
            await using var stream = file.OpenReadStream();
            return await attendance.ImportAsync(Id, stream, ct) is { } saved ? text["Flash.AttendanceSaved", saved.Changed].Value : null;
        }, ct);
    }

    /// <summary>Runs a write; on success back to the page (post-redirect-get), on refusal the page again with every reason.</summary>
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
            return Redirect(PagerModel.With(Request, "id", Id.ToString()));
        }
        catch (RowsRejected rejected)
        {
            ErrorTitle = text["Batch.Rejected", rejected.Rows.Count].Value;
            Errors = rejected.Rows;
        }
        catch (RuleViolation v)
        {
            ModelState.AddModelError(_refusedField, text.Message(v));
        }
        catch (ForbiddenAction)
        {
            return Forbid();
        }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await training.DetailAsync(Id, ct) is not { } c || await attendance.RosterAsync(Id, ct) is not { } roster)
        {
            return false;
        }
        Class = c;
        Roster = roster;
        Grid = roster.Trainees.ToPaged(Listing, AttendanceBook.RosterSorts);
        Nominable = await training.NominableAsync(Id, ct);
        return true;
    }
}
