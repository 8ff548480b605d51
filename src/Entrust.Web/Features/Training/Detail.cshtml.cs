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

    /// <summary>The roster's orders: by name by default.</summary>
    public static readonly ListSort<AttendanceBook.RosterRow> Sorts = new ListSort<AttendanceBook.RosterRow>("name")
        .By("name", r => r.Name).By("unit", r => r.Unit).By("eligibility", r => r.Eligibility.Eligible).Then(r => r.TraineeId);

    /// <summary>The page of the roster shown; a save writes only its rows (a 150-trainee class is not one endless form).</summary>
    public Paged<AttendanceBook.RosterRow> Grid { get; private set; } = new([], 0, 1, 20);

    public TrainingBook.ClassDto Class { get; private set; } = null!;
    public AttendanceBook.RosterDto Roster { get; private set; } = null!;
    public List<TrainingBook.OfficerChoice> Nominable { get; private set; } = [];
    public IReadOnlyList<RowError> Errors { get; private set; } = [];
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

    /// <summary>
    /// The roster the reader sees (a unit its own trainees), in the list's order, as .xlsx (<see cref="ListExport"/>): each trainee's
    /// mark a session and their eligibility with its reason.
    /// </summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (!TrainingAccess.MayRead(user))
        {
            return Forbid();
        }
        if (await attendance.RosterAsync(Id, ct) is not { } roster)
        {
            return NotFound();
        }
        List<ExportColumn<AttendanceBook.RosterRow>> columns = [new("Field.TraineeName", r => r.Name), new("Field.Unit", r => r.Unit)];
        columns.AddRange(roster.Sessions.Select(s => new ExportColumn<AttendanceBook.RosterRow>(SessionName(s),
            r => r.Marks.FirstOrDefault(m => m.SessionId == s.Id) is { } m ? text["AttendanceMark." + m.Mark].Value : null)));
        columns.Add(new("Field.Eligibility", r => r.Eligibility.Eligible ? text["Eligibility.Eligible"].Value
            : text["Eligibility.BarredLabel"].Value + "：" + r.Eligibility.Reason));
        var period = roster.Sessions.Count == 0 ? roster.ClassName : text["Training.ExportPeriod", roster.ClassName,
            roster.Sessions.Min(s => s.Date).ToString("yyyy-MM-dd"), roster.Sessions.Max(s => s.Date).ToString("yyyy-MM-dd")].Value;
        var (content, name) = await export.WriteAsync("Training.Roster", period, Sorts.Apply(roster.Trainees, Listing.Sort), columns, ct);
        return File(content, Spreadsheet.ContentType, name);
    }

    /// <summary>A session as the roster's header names it: 03-02 上午.</summary>
    public string SessionName(TrainingBook.SessionDto s) => $"{s.Date:MM-dd} {text["SessionPart." + s.Part]}";

    public async Task<IActionResult> OnGetTemplateAsync(CancellationToken ct)
    {
        if (!MayRun)
        {
            return Forbid();
        }
        return await attendance.TemplateAsync(Id, ct) is { } file ? File(file.File, Spreadsheet.ContentType, file.Name) : NotFound();
    }

    public Task<IActionResult> OnPostNominateAsync(List<Guid> officerIds, CancellationToken ct) =>
        RunAsync(async () => await training.NominateAsync(Id, new NominateInput(officerIds), ct) is { } list
            ? text["Flash.Nominated", list.Count].Value : null, ct);

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

    public Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct) =>
        RunAsync(async () =>
        {
            if (file is null || file.Length == 0)
            {
                throw new RuleViolation("Import.NoFile") { Field = "file" };
            }
            await using var stream = file.OpenReadStream();
            return await attendance.ImportAsync(Id, stream, ct) is { } saved ? text["Flash.AttendanceSaved", saved.Changed].Value : null;
        }, ct);

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
        if (await training.DetailAsync(Id, ct) is not { } c || await attendance.RosterAsync(Id, ct) is not { } roster)
        {
            return false;
        }
        Class = c;
        Roster = roster;
        Grid = roster.Trainees.ToPaged(Listing, Sorts);
        Nominable = await training.NominableAsync(Id, ct);
        return true;
    }
}
