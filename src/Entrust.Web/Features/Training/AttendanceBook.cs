using Entrust.Web.Data;
using Entrust.Web.Features.Officers;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Training;

/// <summary>One cell of the roster: a mark in any language (出勤/请假/旷课, Present/Excused/Unexcused); none clears the cell.</summary>
public sealed record MarkInput(Guid TraineeId, Guid SessionId, string? Mark, string? Note = null);

public sealed record AttendanceInput(List<MarkInput>? Marks);

/// <summary>Whether a trainee may sit the exam, with the reason a barred trainee's unit reads.</summary>
public sealed record EligibilityDto(bool Eligible, int Excused, int Unexcused, string? ReasonCode, string? Reason);

/// <summary>
/// Attendance (考勤) and exam eligibility: the roster (trainee × session), marks entered on the page, through the API or
/// from an .xlsx sign-in sheet, always all or nothing, in a fixed number of queries and one SaveChanges whatever the
/// class's size. The office takes attendance; the trainee's unit and the auditor read it.
/// </summary>
public sealed class AttendanceBook(EntrustDbContext db, CurrentUser user, IStringLocalizer<SharedResource> text)
{
    public CurrentUser User => user;

    public sealed record CellDto(Guid SessionId, AttendanceMark Mark, string? Note);
    public sealed record RosterRow(Guid TraineeId, Guid OfficerId, string Name, string Unit, IReadOnlyList<CellDto> Marks, EligibilityDto Eligibility);
    public sealed record RosterDto(Guid ClassId, string ClassName, int ExcusedAbsencesThatBar, int UnexcusedAbsencesThatBar,
        IReadOnlyList<TrainingBook.SessionDto> Sessions, IReadOnlyList<RosterRow> Trainees);
    public sealed record SaveResult(int Changed);

    private sealed record TraineeInfo(Trainee Trainee, string Name, string IdNumber);
    private sealed record Change(int Row, TraineeInfo Trainee, TrainingSession Session, AttendanceMark? Mark, string? Note);

    /// <summary>Everything a batch needs, read once: the class with its sessions, its trainees, their marks, the thresholds.</summary>
    private sealed class State
    {
        public required TrainingClass Class { get; init; }
        public required Dictionary<Guid, TrainingSession> Sessions { get; init; }
        public required Dictionary<Guid, TraineeInfo> Trainees { get; init; }
        public required Dictionary<(Guid Trainee, Guid Session), Attendance> Marks { get; init; }
        public required QualificationSettings Settings { get; init; }
    }

    private async Task<State?> LoadAsync(Guid classId, bool tracked, CancellationToken ct)
    {
        var trainingClass = await db.TrainingClasses.AsNoTracking().Include(c => c.Sessions).FirstOrDefaultAsync(c => c.Id == classId, ct);
        if (trainingClass is null)
        {
            return null;
        }
        var trainees = await (from t in db.Trainees.AsNoTracking()
                              where t.TrainingClassId == classId
                              join o in db.Officers on t.OfficerId equals o.Id
                              select new { Trainee = t, o.Name, o.IdNumber }).ToListAsync(ct);
        var sessionIds = trainingClass.Sessions.Select(s => s.Id).ToList();
        var marks = tracked ? db.Attendances : db.Attendances.AsNoTracking();
        return new State
        {
            Class = trainingClass,
            Sessions = trainingClass.Sessions.ToDictionary(s => s.Id),
            Trainees = trainees.ToDictionary(t => t.Trainee.Id, t => new TraineeInfo(t.Trainee, t.Name, t.IdNumber)),
            Marks = await marks.Where(a => sessionIds.Contains(a.SessionId)).ToDictionaryAsync(a => (a.TraineeId, a.SessionId), ct),
            Settings = await Qualification.SettingsAsync(db, trainingClass.DistrictId, ct),
        };
    }

    public string SessionName(TrainingSession s) => TrainingWords.SessionHeader(s.Date, text["SessionPart." + s.Part].Value);

    /// <summary>
    /// The seed's rule (<see cref="Eligibility"/>) with its reason spelled out: how many absences of which kind, the
    /// threshold, and on which sessions.
    /// </summary>
    public EligibilityDto EligibilityOf(IEnumerable<(AttendanceMark Mark, TrainingSession Session)> marks, QualificationSettings settings)
    {
        var list = marks.ToList();
        var result = Eligibility.Of(list.Select(m => m.Mark), settings);
        if (result.Eligible)
        {
            return new EligibilityDto(true, result.Excused, result.Unexcused, null, null);
        }
        var unexcused = result.ReasonKey == "Eligibility.BarredUnexcused";
        var kind = unexcused ? AttendanceMark.Unexcused : AttendanceMark.Excused;
        var sessions = string.Join("、", list.Where(m => m.Mark == kind).Select(m => m.Session)
            .OrderBy(s => s.Date).ThenBy(s => s.Part).Select(SessionName));
        var reason = unexcused
            ? text["Eligibility.UnexcusedReason", result.Unexcused, settings.UnexcusedAbsencesThatBar, sessions].Value
            : text["Eligibility.ExcusedReason", result.Excused, settings.ExcusedAbsencesThatBar, sessions].Value;
        return new EligibilityDto(false, result.Excused, result.Unexcused, result.ReasonKey, reason);
    }

    /// <summary>Eligibility of every trainee of some classes the user may see, in three queries (used by the exams).</summary>
    public async Task<(Dictionary<Guid, EligibilityDto> ByTrainee, QualificationSettings Settings)> EligibilityOfClassesAsync(
        Guid districtId, IReadOnlyCollection<Guid> classIds, CancellationToken ct)
    {
        var settings = await Qualification.SettingsAsync(db, districtId, ct);
        var sessions = await db.TrainingSessions.AsNoTracking().Where(s => classIds.Contains(s.TrainingClassId)).ToDictionaryAsync(s => s.Id, ct);
        var sessionIds = sessions.Keys.ToList();
        var marks = await db.Attendances.AsNoTracking().Where(a => sessionIds.Contains(a.SessionId))
            .Select(a => new { a.TraineeId, a.SessionId, a.Mark }).ToListAsync(ct);
        var traineeIds = await db.Trainees.AsNoTracking().Where(t => classIds.Contains(t.TrainingClassId)).Select(t => t.Id).ToListAsync(ct);
        var byTrainee = marks.ToLookup(m => m.TraineeId);
        return (traineeIds.ToDictionary(id => id, id => EligibilityOf(byTrainee[id].Select(m => (m.Mark, sessions[m.SessionId])), settings)), settings);
    }

    /// <summary>The roster: every trainee the user may see, each session's mark and the trainee's eligibility. Null: no such class.</summary>
    /// <summary>The roster's orders: by name by default.</summary>
    public static readonly ListSort<RosterRow> RosterSorts = new ListSort<RosterRow>("name")
        .By("name", r => r.Name).By("unit", r => r.Unit).By("eligibility", r => r.Eligibility.Eligible).Then(r => r.TraineeId);

    /// <summary>A session as the roster's header names it: 03-02 上午.</summary>
    public string SessionLabel(TrainingBook.SessionDto s) => $"{s.Date:MM-dd} {text["SessionPart." + s.Part]}";

    /// <summary>
    /// The roster the reader sees (a unit its own trainees), in the list's order, as .xlsx (<see cref="ListExport"/>): each trainee's
    /// mark a session and their eligibility with its reason; the /Training/Detail export button and
    /// GET /api/training-classes/{id}/attendance/export alike. Null when the class is out of sight.
    /// </summary>
    public async Task<(byte[] Content, string FileName)?> RosterExportAsync(Guid classId, ListQuery list, ListExport export, CancellationToken ct)
    {
        if (await RosterAsync(classId, ct) is not { } roster)
        {
            return null;
        }
        List<ExportColumn<RosterRow>> columns = [new("Field.TraineeName", r => r.Name), new("Field.Unit", r => r.Unit)];
        columns.AddRange(roster.Sessions.Select(s => new ExportColumn<RosterRow>(SessionLabel(s),
            r => r.Marks.FirstOrDefault(m => m.SessionId == s.Id) is { } m ? text["AttendanceMark." + m.Mark].Value : null)));
        columns.Add(new("Field.Eligibility", r => r.Eligibility.Eligible ? text["Eligibility.Eligible"].Value
            : text["Eligibility.BarredLabel"].Value + "：" + r.Eligibility.Reason));
        var period = roster.Sessions.Count == 0 ? roster.ClassName : text["Training.ExportPeriod", roster.ClassName,
            roster.Sessions.Min(s => s.Date).ToString("yyyy-MM-dd"), roster.Sessions.Max(s => s.Date).ToString("yyyy-MM-dd")].Value;
        return await export.WriteAsync("Training.Roster", period, RosterSorts.Apply(roster.Trainees, list.Sort), columns, ct);
    }

    public async Task<RosterDto?> RosterAsync(Guid classId, CancellationToken ct)
    {
        TrainingAccess.EnsureRead(user);
        var state = await LoadAsync(classId, tracked: false, ct);
        if (state is null)
        {
            return null;
        }
        var units = await UnitNames.LoadAsync(db, ct);
        var byTrainee = state.Marks.Values.ToLookup(a => a.TraineeId);
        var rows = state.Trainees.Values
            .Select(t => new RosterRow(t.Trainee.Id, t.Trainee.OfficerId, t.Name, units.Name(t.Trainee.TownshipId, t.Trainee.DepartmentId),
                byTrainee[t.Trainee.Id].OrderBy(a => state.Sessions[a.SessionId].Date).ThenBy(a => state.Sessions[a.SessionId].Part)
                    .Select(a => new CellDto(a.SessionId, a.Mark, a.Note)).ToList(),
                EligibilityOf(byTrainee[t.Trainee.Id].Select(a => (a.Mark, state.Sessions[a.SessionId])), state.Settings)))
            .OrderBy(r => r.Unit, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        return new RosterDto(state.Class.Id, state.Class.Name, state.Settings.ExcusedAbsencesThatBar, state.Settings.UnexcusedAbsencesThatBar,
            TrainingBook.SessionsOf(state.Class), rows);
    }

    /// <summary>Sets (or, with no mark, clears) cells of the roster, all or none; every bad item is named by its position.</summary>
    public async Task<SaveResult?> SetAsync(Guid classId, AttendanceInput input, CancellationToken ct)
    {
        TrainingAccess.EnsureRun(user);
        var state = await LoadAsync(classId, tracked: true, ct);
        if (state is null)
        {
            return null;
        }
        var errors = new List<RowError>();
        var changes = new List<Change>();
        foreach (var (item, row) in (input.Marks ?? []).Select((m, i) => (m, i + 1)))
        {
            var trainee = state.Trainees.GetValueOrDefault(item.TraineeId);
            var session = state.Sessions.GetValueOrDefault(item.SessionId);
            AttendanceMark mark = default;
            if (trainee is null)
            {
                errors.Add(new RowError(row, text["Training.UnknownTrainee", item.TraineeId].Value));
            }
            if (session is null)
            {
                errors.Add(new RowError(row, text["Training.UnknownSession", item.SessionId].Value));
            }
            if (!string.IsNullOrWhiteSpace(item.Mark) && !TrainingWords.TryMark(item.Mark, out mark))
            {
                errors.Add(new RowError(row, text["Training.MarkUnknown", item.Mark].Value));
            }
            if (item.Note?.Length > 200)
            {
                errors.Add(new RowError(row, text["Import.TooLong"].Value));
            }
            if (trainee is not null && session is not null)
            {
                changes.Add(new Change(row, trainee, session, string.IsNullOrWhiteSpace(item.Mark) ? null : mark, item.Note));
            }
        }
        return await ApplyAsync(state, changes, errors, ct);
    }

    /// <summary>
    /// Checks the changes as a whole (no cell twice, no trainee who already has a score newly barred), then writes them
    /// in one SaveChanges. Any error refuses the batch.
    /// </summary>
    private async Task<SaveResult> ApplyAsync(State state, List<Change> changes, List<RowError> errors, CancellationToken ct)
    {
        var seen = new HashSet<(Guid, Guid)>();
        foreach (var c in changes.Where(c => !seen.Add((c.Trainee.Trainee.Id, c.Session.Id))))
        {
            errors.Add(new RowError(c.Row, text["Training.CellTwice", c.Trainee.Name, SessionName(c.Session)].Value));
        }
        // A trainee already scored must stay eligible: a score is never given to (or left with) a barred trainee.
        var touched = changes.Select(c => c.Trainee.Trainee.Id).Distinct().ToList();
        var scored = touched.Count == 0 ? [] : (await db.ExamScores.AsNoTracking().Where(s => touched.Contains(s.TraineeId))
            .Select(s => s.TraineeId).Distinct().ToListAsync(ct)).ToHashSet();
        foreach (var traineeChanges in changes.GroupBy(c => c.Trainee).Where(g => scored.Contains(g.Key.Trainee.Id)))
        {
            var cells = state.Sessions.Values.ToDictionary(s => s.Id,
                s => state.Marks.TryGetValue((traineeChanges.Key.Trainee.Id, s.Id), out var a) ? a.Mark : (AttendanceMark?)null);
            foreach (var c in traineeChanges)
            {
                cells[c.Session.Id] = c.Mark;
            }
            var after = EligibilityOf(cells.Where(p => p.Value is not null).Select(p => (p.Value!.Value, state.Sessions[p.Key])), state.Settings);
            if (!after.Eligible)
            {
                errors.Add(new RowError(traineeChanges.Min(c => c.Row), text["Training.ScoredWouldBeBarred", traineeChanges.Key.Name].Value));
            }
        }
        if (errors.Count > 0)
        {
            throw new RowsRejected(errors.OrderBy(e => e.Row).ToList());
        }

        var changed = 0;
        foreach (var c in changes)
        {
            var key = (c.Trainee.Trainee.Id, c.Session.Id);
            if (state.Marks.TryGetValue(key, out var existing))
            {
                if (c.Mark is null)
                {
                    db.Attendances.Remove(existing);
                    changed++;
                }
                else if (existing.Mark != c.Mark || (c.Note is not null && c.Note.Trim() != existing.Note))
                {
                    existing.Set(c.Mark.Value, c.Note ?? existing.Note);
                    changed++;
                }
            }
            else if (c.Mark is { } mark)
            {
                db.Attendances.Add(new Attendance(c.Trainee.Trainee, c.Session, mark, c.Note));
                changed++;
            }
        }
        await db.SaveChangesAsync(ct);
        return new SaveResult(changed);
    }

    // The sign-in sheet (签到表): a row per trainee, keyed by the identity number, a column per session.
    private static readonly string[] KeyColumns = ["Field.IdNumber", "Field.TraineeName", "Field.Unit"];

    /// <summary>The class's sign-in sheet with the marks taken so far: fill it in and import it. Null: no such class.</summary>
    public async Task<(byte[] File, string Name)?> TemplateAsync(Guid classId, CancellationToken ct)
    {
        TrainingAccess.EnsureRun(user);
        var state = await LoadAsync(classId, tracked: false, ct);
        if (state is null)
        {
            return null;
        }
        var units = await UnitNames.LoadAsync(db, ct);
        var sessions = state.Class.Sessions.OrderBy(s => s.Date).ThenBy(s => s.Part).ToList();
        var headers = KeyColumns.Select(k => text[k].Value).Concat(sessions.Select(SessionName)).ToList();
        var rows = state.Trainees.Values.OrderBy(t => units.Name(t.Trainee.TownshipId, t.Trainee.DepartmentId), StringComparer.Ordinal)
            .ThenBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (IReadOnlyList<object?>)new object?[] { t.IdNumber, t.Name, units.Name(t.Trainee.TownshipId, t.Trainee.DepartmentId) }
                .Concat(sessions.Select(s => state.Marks.TryGetValue((t.Trainee.Id, s.Id), out var a) ? text["AttendanceMark." + a.Mark].Value : ""))
                .ToList());
        return (Spreadsheet.Write(headers, rows, text["Training.SheetName"].Value), $"{state.Class.Name}-{text["Training.SheetName"].Value}.xlsx");
    }

    /// <summary>
    /// Imports a sign-in sheet, all or nothing: an unknown trainee, a column that is not one of the class's sessions or a
    /// mark that isn't 出勤/请假/旷课 refuses the file, each bad row named. Empty cells leave the cell as it was.
    /// </summary>
    public async Task<SaveResult?> ImportAsync(Guid classId, Stream file, CancellationToken ct)
    {
        TrainingAccess.EnsureRun(user);
        var state = await LoadAsync(classId, tracked: true, ct);
        if (state is null)
        {
            return null;
        }
        var sheet = await Spreadsheet.ReadAsync(file, ct);
        var errors = new List<RowError>();
        var idColumn = Spreadsheet.Find(sheet.Headers, text, "Field.IdNumber");
        if (idColumn is null)
        {
            throw new RowsRejected([new RowError(1, text["Import.Missing", text["Field.IdNumber"].Value].Value)]);
        }
        var known = KeyColumns.Select(k => Spreadsheet.Find(sheet.Headers, text, k)).Where(h => h is not null).ToHashSet();
        var sessionOf = state.Sessions.Values.ToDictionary(s => (s.Date, s.Part));
        var columns = new List<(string Header, TrainingSession Session)>();
        foreach (var header in sheet.Headers.Where(h => h.Length > 0 && !known.Contains(h)))
        {
            if (TrainingWords.TrySession(header, out var date, out var part) && sessionOf.TryGetValue((date, part), out var session))
            {
                columns.Add((header, session));
            }
            else
            {
                errors.Add(new RowError(1, text["Import.UnknownSession", header].Value));
            }
        }
        var byIdNumber = state.Trainees.Values.GroupBy(t => t.IdNumber).ToDictionary(g => g.Key, g => g.First());
        var changes = new List<Change>();
        var rowsSeen = new Dictionary<string, int>();
        for (var i = 0; i < sheet.Rows.Count; i++)
        {
            var excelRow = i + 2; // row 1 holds the headers
            var row = sheet.Rows[i];
            var idNumber = Spreadsheet.Cell(row, idColumn).ToUpperInvariant();
            if (idNumber.Length == 0 && columns.All(c => Spreadsheet.Cell(row, c.Header).Length == 0))
            {
                continue;
            }
            if (!byIdNumber.TryGetValue(idNumber, out var trainee))
            {
                var name = Spreadsheet.Cell(row, Spreadsheet.Find(sheet.Headers, text, "Field.TraineeName"));
                errors.Add(new RowError(excelRow, text["Import.UnknownTrainee", idNumber, name].Value));
                continue;
            }
            if (rowsSeen.TryGetValue(idNumber, out var first))
            {
                errors.Add(new RowError(excelRow, text["Import.TraineeTwice", trainee.Name, first].Value));
                continue;
            }
            rowsSeen[idNumber] = excelRow;
            foreach (var (header, session) in columns)
            {
                var cell = Spreadsheet.Cell(row, header);
                if (cell.Length == 0)
                {
                    continue;
                }
                if (!TrainingWords.TryMark(cell, out var mark))
                {
                    errors.Add(new RowError(excelRow, text["Import.MarkUnknown", header, cell].Value));
                    continue;
                }
                changes.Add(new Change(excelRow, trainee, session, mark, null));
            }
        }
        if (errors.Count == 0 && changes.Count == 0)
        {
            errors.Add(new RowError(1, text["Import.Empty"].Value));
        }
        return await ApplyAsync(state, changes, errors, ct);
    }
}
