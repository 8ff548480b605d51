using Entrust.Web.Features.Training;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
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
    IStringLocalizer<SharedResource> text) : ConsolePageModel(text)
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

    /// <summary>What a refused roster post had in each cell (by <see cref="CellName"/>), shown again.</summary>
    public Dictionary<string, string> Typed { get; private set; } = [];
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

    /// <summary>Every officer refused (already nominated, not the unit's own) is named beside the picker.</summary>
    public Task<IActionResult> OnPostNominateAsync(List<Guid> officerIds, CancellationToken ct)
    {
        Chosen = officerIds;
        return RunAsync(async () => await training.NominateAsync(Id, new NominateInput(officerIds), ct) is { } list
            ? Text["Flash.Nominated", list.Count].Value : null, ct, _ => "officerIds");
    }

    public Task<IActionResult> OnPostWithdrawAsync(Guid traineeId, CancellationToken ct) =>
        RunAsync(async () => await training.RemoveTraineeAsync(Id, traineeId, ct) ? Text["Flash.Withdrawn"].Value : null, ct);

    /// <summary>
    /// Saves the grid; <paramref name="fill"/> names a session whose unmarked cells are taken as present (点名). Each refused cell's
    /// reason stands beside it, the cells keeping what was chosen.
    /// </summary>
    public Task<IActionResult> OnPostAttendanceAsync(Guid? fill, CancellationToken ct)
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
            Typed[CellName(trainee, session)] = marks[^1].Mark ?? "";
        }
        // The book numbers the marks in the order sent.
        return RunAsync(async () => await attendance.SetAsync(Id, new AttendanceInput(marks), ct) is { } saved
            ? Text["Flash.AttendanceSaved", saved.Changed].Value : null, ct,
            row => row >= 1 && row <= marks.Count ? CellName(marks[row - 1].TraineeId, marks[row - 1].SessionId) : "");
    }

    public Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct) =>
        RunAsync(async () =>
        {
            if (file is null || file.Length == 0)
            {
                throw new RuleViolation("Import.NoFile") { Field = "file" };
            }
            await using var stream = file.OpenReadStream();
            return await attendance.ImportAsync(Id, stream, ct) is { } saved ? Text["Flash.AttendanceSaved", saved.Changed].Value : null;
        }, ct);

    /// <summary>
    /// Runs a write; on success back to the page (post-redirect-get), on refusal the page again with every reason, each beside its
    /// field. A refused batch's rows stand beside the fields <paramref name="fieldOfRow"/> names (a cell, the picker); without it (an
    /// imported sheet's rows) they are listed above the page.
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
