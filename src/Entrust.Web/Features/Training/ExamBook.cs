using System.Globalization;
using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Training;

public sealed record ExamInput(string? Name, DateOnly? HeldOn, decimal? FullMark, decimal? PassMark, List<Guid>? ClassIds);

/// <summary>A trainee's score; none removes it (the trainee did not sit the exam after all).</summary>
public sealed record ScoreInput(Guid TraineeId, decimal? Score);

public sealed record ScoresInput(List<ScoreInput>? Scores);

/// <summary>
/// Exams (资格考试): a sitting for one or more classes with a full mark and a pass mark; scores entered or imported for
/// eligible trainees only, all or nothing; results per trainee with totals per class and per unit. The office runs
/// them; a unit reads its own trainees' results; the auditor reads.
/// </summary>
public sealed class ExamBook(EntrustDbContext db, CurrentUser user, AttendanceBook attendance, IStringLocalizer<SharedResource> text)
{
    public CurrentUser User => user;

    public sealed record ClassRef(Guid Id, string Name);
    public sealed record ExamRow(Guid Id, string Name, DateOnly HeldOn, decimal FullMark, decimal PassMark, int ClassCount, int Sat, int Passed);
    public sealed record ExamDto(Guid Id, string Name, DateOnly HeldOn, decimal FullMark, decimal PassMark, IReadOnlyList<ClassRef> Classes);
    public sealed record ResultRow(Guid TraineeId, Guid OfficerId, string Name, string Unit, Guid ClassId, string ClassName,
        EligibilityDto Eligibility, decimal? Score, bool Sat, bool Passed);
    /// <summary>Trained: on the roster; barred: may not sit; sat: has a score; passed: scored at or above the pass mark.</summary>
    public sealed record Totals(string Name, int Trained, int Barred, int Sat, int Passed);
    public sealed record ResultsDto(ExamDto Exam, Totals Overall, IReadOnlyList<Totals> ByClass, IReadOnlyList<Totals> ByUnit,
        IReadOnlyList<ResultRow> Trainees);
    public sealed record SaveResult(int Changed);

    /// <summary>The console list's orders (its column headers); the latest first by default, as the API lists them.</summary>
    public static readonly ListSort<ExamRow> Sorts = new ListSort<ExamRow>("-held")
        .By("name", r => r.Name).By("held", r => r.HeldOn).By("classes", r => r.ClassCount)
        .By("sat", r => r.Sat).By("passed", r => r.Passed).Then(r => r.Id);

    public IQueryable<ExamRow> Rows(string? q)
    {
        TrainingAccess.EnsureRead(user);
        var exams = db.Exams.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            exams = exams.Where(e => e.Name.Contains(term));
        }
        // The counts pass through the scores' filter: a unit counts its own trainees.
        return exams.OrderByDescending(e => e.HeldOn).ThenBy(e => e.Name)
            .Select(e => new ExamRow(e.Id, e.Name, e.HeldOn, e.FullMark, e.PassMark, e.Classes.Count,
                db.ExamScores.Count(s => s.ExamId == e.Id), db.ExamScores.Count(s => s.ExamId == e.Id && s.Passed)));
    }

    /// <summary>
    /// The exams the search finds, in the list's order, as .xlsx (<see cref="ListExport"/>): the /Exams export button and
    /// GET /api/exams/export alike.
    /// </summary>
    public Task<(byte[] Content, string FileName)> ExportAsync(string? q, ListQuery list, ListExport export, CancellationToken ct) =>
        export.WriteAsync("Menu.Exams", null, Rows(q).ForExport(list, Sorts), [
            new ExportColumn<ExamRow>("Field.Name", e => e.Name),
            new("Field.HeldOn", e => e.HeldOn),
            new("Field.PassMark", e => e.PassMark),
            new("Field.FullMark", e => e.FullMark),
            new("Field.ClassIds", e => e.ClassCount),
            new("Exam.Sat", e => e.Sat),
            new("Exam.Passed", e => e.Passed),
        ], ct);

    public async Task<ExamDto?> DetailAsync(Guid id, CancellationToken ct)
    {
        TrainingAccess.EnsureRead(user);
        var exam = await db.Exams.AsNoTracking().Include(e => e.Classes).FirstOrDefaultAsync(e => e.Id == id, ct);
        return exam is null ? null : await DtoAsync(exam, ct);
    }

    private async Task<ExamDto> DtoAsync(Exam exam, CancellationToken ct)
    {
        var classIds = exam.Classes.Select(c => c.TrainingClassId).ToList();
        var classes = await db.TrainingClasses.AsNoTracking().Where(c => classIds.Contains(c.Id)).OrderBy(c => c.StartsOn).ThenBy(c => c.Name)
            .Select(c => new ClassRef(c.Id, c.Name)).ToListAsync(ct);
        return new ExamDto(exam.Id, exam.Name, exam.HeldOn, exam.FullMark, exam.PassMark, classes);
    }

    public static FieldErrors Check(FieldErrors e, ExamInput i, bool creating)
    {
        e.Required("Name", i.Name, 100).Required("HeldOn", i.HeldOn?.ToString())
            .Required("FullMark", i.FullMark?.ToString(CultureInfo.InvariantCulture))
            .Required("PassMark", i.PassMark?.ToString(CultureInfo.InvariantCulture));
        if (creating && (i.ClassIds ?? []).Count == 0)
        {
            e.Add("ClassIds", "Exam.ClassesRequired");
        }
        return e;
    }

    public async Task<Exam> CreateAsync(ExamInput input, CancellationToken ct)
    {
        TrainingAccess.EnsureRun(user);
        var ids = (input.ClassIds ?? []).Distinct().ToList();
        var classes = await db.TrainingClasses.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(ct);
        if (classes.Count != ids.Count)
        {
            throw new RuleViolation("Exam.UnknownClass") { Field = "ClassIds" };
        }
        var districtId = user.DistrictId ?? classes.FirstOrDefault()?.DistrictId ?? Guid.Empty;
        var exam = new Exam(districtId, Fields(input), classes);
        db.Exams.Add(exam);
        await db.SaveChangesAsync(ct);
        return exam;
    }

    /// <summary>Changes the name, date and marks; the scores given are checked against the new marks and re-decided.</summary>
    public async Task<Exam?> UpdateAsync(Guid id, ExamInput input, CancellationToken ct)
    {
        TrainingAccess.EnsureRun(user);
        var exam = await db.Exams.Include(e => e.Classes).FirstOrDefaultAsync(e => e.Id == id, ct);
        if (exam is null)
        {
            return null;
        }
        var fields = Fields(input);
        var classIds = exam.Classes.Select(c => c.TrainingClassId).ToList();
        if (await db.TrainingClasses.AnyAsync(c => classIds.Contains(c.Id) && c.EndsOn > fields.HeldOn, ct))
        {
            throw new RuleViolation("Exam.BeforeClassEnds") { Field = "HeldOn" };
        }
        exam.Update(fields);
        foreach (var score in await db.ExamScores.Where(s => s.ExamId == id).ToListAsync(ct))
        {
            score.Change(exam, score.Score);
        }
        await db.SaveChangesAsync(ct);
        return exam;
    }

    private static ExamFields Fields(ExamInput i) => new(i.Name ?? "", i.HeldOn ?? default, i.FullMark ?? 0, i.PassMark ?? 0);

    private sealed record Candidate(Trainee Trainee, string Name, string IdNumber, string ClassName);

    private sealed class State
    {
        public required Exam Exam { get; init; }
        public required Dictionary<Guid, Candidate> Trainees { get; init; }
        public required Dictionary<Guid, EligibilityDto> Eligibility { get; init; }
        public required Dictionary<Guid, ExamScore> Scores { get; init; }
    }

    /// <summary>The exam, its classes' trainees the user may see, their eligibility and scores: a fixed number of queries.</summary>
    private async Task<State?> LoadAsync(Guid examId, bool tracked, CancellationToken ct)
    {
        var exam = await db.Exams.AsNoTracking().Include(e => e.Classes).FirstOrDefaultAsync(e => e.Id == examId, ct);
        if (exam is null)
        {
            return null;
        }
        var classIds = exam.Classes.Select(c => c.TrainingClassId).ToList();
        var trainees = await (from t in db.Trainees.AsNoTracking()
                              where classIds.Contains(t.TrainingClassId)
                              join o in db.Officers on t.OfficerId equals o.Id
                              join c in db.TrainingClasses on t.TrainingClassId equals c.Id
                              select new { Trainee = t, o.Name, o.IdNumber, ClassName = c.Name }).ToListAsync(ct);
        var (eligibility, _) = await attendance.EligibilityOfClassesAsync(exam.DistrictId, classIds, ct);
        var scores = tracked ? db.ExamScores : db.ExamScores.AsNoTracking();
        return new State
        {
            Exam = exam,
            Trainees = trainees.ToDictionary(t => t.Trainee.Id, t => new Candidate(t.Trainee, t.Name, t.IdNumber, t.ClassName)),
            Eligibility = eligibility,
            Scores = await scores.Where(s => s.ExamId == examId).ToDictionaryAsync(s => s.TraineeId, ct),
        };
    }

    /// <summary>The score grid's orders: by class, then name, by default.</summary>
    public static readonly ListSort<ResultRow> ResultSorts = new ListSort<ResultRow>("class")
        .By("name", r => r.Name).By("unit", r => r.Unit).By("class", r => r.ClassName).By("eligibility", r => r.Eligibility.Eligible)
        .By("score", r => r.Score).By("outcome", r => r.Passed).Then(r => r.Name);

    /// <summary>
    /// The exam's results as the grid shows them (every trainee the reader sees, in the grid's order), as .xlsx (<see cref="ListExport"/>):
    /// the /Exams/Detail export button and GET /api/exams/{id}/results/export alike. Null: no such exam in sight.
    /// </summary>
    public async Task<(byte[] Content, string FileName)?> ResultsExportAsync(Guid examId, ListQuery list, ListExport export, CancellationToken ct) =>
        await ResultsAsync(examId, ct) is { } results
            ? await export.WriteAsync("Exam.Results", results.Exam.Name, ResultSorts.Apply(results.Trainees, list.Sort), [
                new("Field.TraineeName", r => r.Name),
                new("Field.Unit", r => r.Unit),
                new("Field.Class", r => r.ClassName),
                new("Field.Eligibility", r => r.Eligibility.Eligible ? text["Eligibility.Eligible"].Value : r.Eligibility.Reason),
                new("Field.Score", r => r.Score),
                new("Exam.Outcome", r => r.Passed ? text["Exam.PassedOne"].Value : r.Sat ? text["Exam.FailedOne"].Value : null),
            ], ct)
            : null;

    /// <summary>Per trainee: eligible or barred (why), score, passed; totals per class and per unit. Null: no such exam.</summary>
    public async Task<ResultsDto?> ResultsAsync(Guid examId, CancellationToken ct)
    {
        TrainingAccess.EnsureRead(user);
        var state = await LoadAsync(examId, tracked: false, ct);
        if (state is null)
        {
            return null;
        }
        var units = await UnitNames.LoadAsync(db, ct);
        var rows = state.Trainees.Values.Select(t =>
            {
                var score = state.Scores.GetValueOrDefault(t.Trainee.Id);
                return new ResultRow(t.Trainee.Id, t.Trainee.OfficerId, t.Name, units.Name(t.Trainee.TownshipId, t.Trainee.DepartmentId),
                    t.Trainee.TrainingClassId, t.ClassName, state.Eligibility[t.Trainee.Id], score?.Score, score is not null, score?.Passed == true);
            })
            .OrderBy(r => r.ClassName, StringComparer.Ordinal).ThenBy(r => r.Unit, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
        static Totals Sum(string name, IEnumerable<ResultRow> rows)
        {
            var list = rows.ToList();
            return new Totals(name, list.Count, list.Count(r => !r.Eligibility.Eligible), list.Count(r => r.Sat), list.Count(r => r.Passed));
        }
        var dto = await DtoAsync(state.Exam, ct);
        return new ResultsDto(dto, Sum(text["Exam.AllTrainees"].Value, rows),
            dto.Classes.Select(c => Sum(c.Name, rows.Where(r => r.ClassId == c.Id))).ToList(),
            rows.GroupBy(r => r.Unit).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Sum(g.Key, g)).ToList(),
            rows);
    }

    /// <summary>Enters (or, with no score, removes) scores, all or none; a barred trainee or an out-of-range score refuses the batch.</summary>
    /// <param name="unread">Rows the caller could not read (a score typed that is no number), numbered after the scores: refused
    /// with the book's own, so that every bad row is answered at once.</param>
    public async Task<SaveResult?> SetScoresAsync(Guid examId, ScoresInput input, IReadOnlyList<RowError> unread, CancellationToken ct)
    {
        TrainingAccess.EnsureRun(user);
        var state = await LoadAsync(examId, tracked: true, ct);
        if (state is null)
        {
            return null;
        }
        var errors = new List<RowError>(unread);
        var changes = new List<(int Row, Candidate Trainee, decimal? Score)>();
        foreach (var (item, row) in (input.Scores ?? []).Select((s, i) => (s, i + 1)))
        {
            if (!state.Trainees.TryGetValue(item.TraineeId, out var trainee))
            {
                errors.Add(new RowError(row, text["Exam.UnknownTrainee", item.TraineeId].Value));
                continue;
            }
            changes.Add((row, trainee, item.Score));
        }
        return await ApplyAsync(state, changes, errors, ct);
    }

    private async Task<SaveResult> ApplyAsync(State state, List<(int Row, Candidate Trainee, decimal? Score)> changes, List<RowError> errors,
        CancellationToken ct)
    {
        var seen = new Dictionary<Guid, int>();
        foreach (var (row, trainee, score) in changes)
        {
            if (seen.TryGetValue(trainee.Trainee.Id, out var first))
            {
                errors.Add(new RowError(row, text["Exam.TraineeTwice", trainee.Name, first].Value));
                continue;
            }
            seen[trainee.Trainee.Id] = row;
            if (score is null)
            {
                continue;
            }
            try
            {
                // The domain refuses a barred trainee and a score outside 0..full mark.
                var eligibility = state.Eligibility[trainee.Trainee.Id];
                _ = new ExamScore(state.Exam, trainee.Trainee, new EligibilityResult(eligibility.Eligible, eligibility.Excused,
                    eligibility.Unexcused, eligibility.ReasonCode), score.Value);
            }
            catch (RuleViolation v)
            {
                errors.Add(new RowError(row, $"{trainee.Name}{text["Punct.Colon"].Value}{text.Message(v)}"));
            }
        }
        if (errors.Count > 0)
        {
            throw new RowsRejected(errors.OrderBy(e => e.Row).ToList());
        }
        var changed = 0;
        foreach (var (_, trainee, score) in changes)
        {
            var existing = state.Scores.GetValueOrDefault(trainee.Trainee.Id);
            if (score is null)
            {
                if (existing is not null)
                {
                    db.ExamScores.Remove(existing);
                    changed++;
                }
                continue;
            }
            if (existing is null)
            {
                var eligibility = state.Eligibility[trainee.Trainee.Id];
                db.ExamScores.Add(new ExamScore(state.Exam, trainee.Trainee, new EligibilityResult(eligibility.Eligible, eligibility.Excused,
                    eligibility.Unexcused, eligibility.ReasonCode), score.Value));
                changed++;
            }
            else if (existing.Score != score.Value)
            {
                existing.Change(state.Exam, score.Value);
                changed++;
            }
        }
        await db.SaveChangesAsync(ct);
        return new SaveResult(changed);
    }

    private static readonly string[] Columns = ["Field.IdNumber", "Field.TraineeName", "Field.Unit", "Field.Class", "Field.Eligibility", "Field.Score"];

    /// <summary>The score sheet: every trainee of the exam's classes, barred ones marked, scores so far. Null: no such exam.</summary>
    public async Task<(byte[] File, string Name)?> TemplateAsync(Guid examId, CancellationToken ct)
    {
        TrainingAccess.EnsureRun(user);
        var results = await ResultsAsync(examId, ct);
        if (results is null)
        {
            return null;
        }
        var idNumbers = await db.Officers.AsNoTracking().Where(o => results.Trainees.Select(t => t.OfficerId).Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.IdNumber, ct);
        var rows = results.Trainees.Select(t => (IReadOnlyList<object?>)[idNumbers.GetValueOrDefault(t.OfficerId, ""), t.Name, t.Unit, t.ClassName,
            t.Eligibility.Eligible ? text["Eligibility.Eligible"].Value : text["Eligibility.BarredLabel"].Value,
            t.Score?.ToString("0.#", CultureInfo.InvariantCulture) ?? ""]);
        var name = text["Exam.SheetName"].Value;
        return (Spreadsheet.Write(Columns.Select(c => text[c].Value).ToList(), rows, name), $"{results.Exam.Name}-{name}.xlsx");
    }

    /// <summary>
    /// Imports a score sheet, all or nothing: an unknown trainee, a score for a barred trainee, a score that isn't a number
    /// or is out of range refuses the file, each bad row named. An empty score leaves the trainee as they were.
    /// </summary>
    public async Task<SaveResult?> ImportAsync(Guid examId, Stream file, CancellationToken ct)
    {
        TrainingAccess.EnsureRun(user);
        var state = await LoadAsync(examId, tracked: true, ct);
        if (state is null)
        {
            return null;
        }
        var sheet = await Spreadsheet.ReadAsync(file, ct);
        var idColumn = Spreadsheet.Find(sheet.Headers, text, "Field.IdNumber");
        var scoreColumn = Spreadsheet.Find(sheet.Headers, text, "Field.Score");
        var missing = new[] { ("Field.IdNumber", idColumn), ("Field.Score", scoreColumn) }.Where(c => c.Item2 is null)
            .Select(c => new RowError(1, text["Import.Missing", text[c.Item1].Value].Value)).ToList();
        if (missing.Count > 0)
        {
            throw new RowsRejected(missing);
        }
        var nameColumn = Spreadsheet.Find(sheet.Headers, text, "Field.TraineeName");
        var byIdNumber = state.Trainees.Values.GroupBy(t => t.IdNumber).ToDictionary(g => g.Key, g => g.First());
        var errors = new List<RowError>();
        var changes = new List<(int Row, Candidate Trainee, decimal? Score)>();
        for (var i = 0; i < sheet.Rows.Count; i++)
        {
            var excelRow = i + 2;
            var idNumber = Spreadsheet.Cell(sheet.Rows[i], idColumn).ToUpperInvariant();
            var cell = Spreadsheet.Cell(sheet.Rows[i], scoreColumn);
            if (cell.Length == 0)
            {
                continue;
            }
            if (!byIdNumber.TryGetValue(idNumber, out var trainee))
            {
                errors.Add(new RowError(excelRow, text["Import.UnknownTrainee", idNumber, Spreadsheet.Cell(sheet.Rows[i], nameColumn)].Value));
                continue;
            }
            if (!decimal.TryParse(cell, NumberStyles.Number, CultureInfo.InvariantCulture, out var score))
            {
                errors.Add(new RowError(excelRow, text["Import.ScoreNotNumber", trainee.Name, cell].Value));
                continue;
            }
            changes.Add((excelRow, trainee, score));
        }
        if (errors.Count == 0 && changes.Count == 0)
        {
            errors.Add(new RowError(1, text["Import.Empty"].Value));
        }
        return await ApplyAsync(state, changes, errors, ct);
    }
}
