using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Training;

public sealed record SessionInput(DateOnly? Date, SessionPart? Part, string? Topic, string? Teacher);

/// <summary>
/// A class and its sessions: <see cref="DailyParts"/> adds those parts on every day of the class (the seed's morning and
/// afternoon), <see cref="Sessions"/> lists sessions one by one; both may be given. On an update, leaving both out
/// keeps the sessions as they are; giving either makes them the class's sessions (a session with marks can't go).
/// </summary>
public sealed record TrainingClassInput(string? Name, DateOnly? StartsOn, DateOnly? EndsOn, string? Venue, string? Teachers,
    List<SessionPart>? DailyParts, List<SessionInput>? Sessions, Guid? DistrictId = null);

public sealed record NominateInput(List<Guid>? OfficerIds);

/// <summary>
/// Running training classes (资格培训班) and their rosters: the office creates and changes classes and sessions;
/// units nominate their own officers. Shared by the pages and /api/training-classes. Attendance is
/// <see cref="AttendanceBook"/>'s.
/// </summary>
public sealed class TrainingBook(EntrustDbContext db, CurrentUser user, Catalogue catalogue, TimeProvider clock, IStringLocalizer<SharedResource> text)
{
    public CurrentUser User => user;

    public sealed record ClassRow(Guid Id, string Name, DateOnly StartsOn, DateOnly EndsOn, string Venue, int SessionCount, int TraineeCount);
    public sealed record SessionDto(Guid Id, DateOnly Date, SessionPart Part, string? Topic, string? Teacher);
    public sealed record ClassDto(Guid Id, string Name, DateOnly StartsOn, DateOnly EndsOn, string Venue, string Teachers,
        IReadOnlyList<SessionDto> Sessions, int TraineeCount);
    public sealed record TraineeDto(Guid Id, Guid OfficerId, string Name, string Post, Guid? TownshipId, Guid? DepartmentId, string Unit,
        DateTimeOffset NominatedAt, bool HasAttendance);
    public sealed record OfficerChoice(Guid Id, string Name, string Unit, string Post);

    /// <summary>The console list's orders (its column headers); the newest first by default, as the API lists them.</summary>
    public static readonly ListSort<ClassRow> Sorts = new ListSort<ClassRow>("-starts")
        .By("name", r => r.Name).By("starts", r => r.StartsOn).By("venue", r => r.Venue).By("sessions", r => r.SessionCount)
        .By("trainees", r => r.TraineeCount).Then(r => r.Id);

    /// <summary>The classes of the user's district, newest first; every filter on the entity, before the projection.</summary>
    public IQueryable<ClassRow> Rows(string? q)
    {
        TrainingAccess.EnsureRead(user);
        var classes = db.TrainingClasses.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            classes = classes.Where(c => c.Name.Contains(term) || c.Venue.Contains(term));
        }
        // The trainee count passes through the trainees' filter: a unit counts its own trainees.
        return classes.OrderByDescending(c => c.StartsOn).ThenBy(c => c.Name)
            .Select(c => new ClassRow(c.Id, c.Name, c.StartsOn, c.EndsOn, c.Venue, c.Sessions.Count,
                db.Trainees.Count(t => t.TrainingClassId == c.Id)));
    }

    /// <summary>
    /// The classes the search finds, in the list's order, as .xlsx (<see cref="ListExport"/>): the /Training export button and
    /// GET /api/training-classes/export alike.
    /// </summary>
    public Task<(byte[] Content, string FileName)> ExportAsync(string? q, ListQuery list, ListExport export, CancellationToken ct) =>
        export.WriteAsync("Menu.Training", null, Rows(q).ForExport(list, Sorts), [
            new ExportColumn<ClassRow>("Field.Name", c => c.Name),
            new("Training.Dates", c => $"{c.StartsOn:yyyy-MM-dd} ~ {c.EndsOn:yyyy-MM-dd}"),
            new("Field.Venue", c => c.Venue),
            new("Field.Sessions", c => c.SessionCount),
            new("Training.Trainees", c => c.TraineeCount),
        ], ct);

    public async Task<ClassDto?> DetailAsync(Guid id, CancellationToken ct)
    {
        TrainingAccess.EnsureRead(user);
        var c = await db.TrainingClasses.AsNoTracking().Include(x => x.Sessions).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return null;
        }
        var trainees = await db.Trainees.CountAsync(t => t.TrainingClassId == id, ct);
        return new ClassDto(c.Id, c.Name, c.StartsOn, c.EndsOn, c.Venue, c.Teachers, SessionsOf(c), trainees);
    }

    public static List<SessionDto> SessionsOf(TrainingClass c) =>
        c.Sessions.OrderBy(s => s.Date).ThenBy(s => s.Part).Select(s => new SessionDto(s.Id, s.Date, s.Part, s.Topic, s.Teacher)).ToList();

    public FieldErrors Check(FieldErrors e, TrainingClassInput i, bool creating)
    {
        e.Required("Name", i.Name, 100).Required("StartsOn", i.StartsOn?.ToString()).Required("EndsOn", i.EndsOn?.ToString())
            .Optional("Venue", i.Venue, 200).Optional("Teachers", i.Teachers, 500);
        if (i.DailyParts?.Any(p => !Enum.IsDefined(p)) == true)
        {
            e.Invalid("DailyParts");
        }
        foreach (var (s, n) in (i.Sessions ?? []).Select((s, n) => (s, n)))
        {
            if (s.Date is null || s.Part is null || !Enum.IsDefined(s.Part.Value) || s.Topic?.Length > 200 || s.Teacher?.Length > 50)
            {
                e.Add($"Sessions[{n}]", "Training.SessionInvalid", n + 1);
            }
        }
        if (creating && (i.DailyParts ?? []).Count == 0 && (i.Sessions ?? []).Count == 0)
        {
            e.Add("Sessions", "Training.SessionsRequired");
        }
        return e;
    }

    public async Task<TrainingClass> CreateAsync(TrainingClassInput input, CancellationToken ct)
    {
        TrainingAccess.EnsureRun(user);
        var districtId = await catalogue.TargetDistrictAsync(input.DistrictId, ct);
        var trainingClass = new TrainingClass(districtId, Fields(input));
        AddSessions(trainingClass, input);
        db.TrainingClasses.Add(trainingClass);
        await db.SaveChangesAsync(ct);
        return trainingClass;
    }

    public async Task<TrainingClass?> UpdateAsync(Guid id, TrainingClassInput input, CancellationToken ct)
    {
        TrainingAccess.EnsureRun(user);
        var trainingClass = await db.TrainingClasses.Include(c => c.Sessions).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (trainingClass is null)
        {
            return null;
        }
        if (input.DailyParts is not null || input.Sessions is not null)
        {
            // The wanted sessions replace the others; sessions that stay keep their ids and their marks.
            var wanted = Wanted(input);
            var dropped = trainingClass.Sessions.Where(s => !wanted.Contains((s.Date, s.Part))).ToList();
            var droppedIds = dropped.Select(s => s.Id).ToList();
            if (droppedIds.Count > 0 && await db.Attendances.AnyAsync(a => droppedIds.Contains(a.SessionId), ct))
            {
                var marked = await db.Attendances.Where(a => droppedIds.Contains(a.SessionId)).Select(a => a.SessionId).FirstAsync(ct);
                var session = dropped.First(s => s.Id == marked);
                throw RuleViolation.Conflict("Training.SessionHasAttendance", SessionName(session.Date, session.Part));
            }
            foreach (var session in dropped)
            {
                trainingClass.Sessions.Remove(session);
                db.TrainingSessions.Remove(session);
            }
            trainingClass.Update(Fields(input));
            var before = trainingClass.Sessions.ToHashSet();
            AddSessions(trainingClass, input);
            // New sessions carry their own Guid keys, so EF would take them for existing rows to update.
            db.TrainingSessions.AddRange(trainingClass.Sessions.Where(s => !before.Contains(s)));
        }
        else
        {
            trainingClass.Update(Fields(input));
        }
        await db.SaveChangesAsync(ct);
        return trainingClass;
    }

    private static TrainingClassFields Fields(TrainingClassInput i) =>
        new(i.Name ?? "", i.StartsOn ?? default, i.EndsOn ?? default, i.Venue, i.Teachers);

    private static HashSet<(DateOnly, SessionPart)> Wanted(TrainingClassInput i)
    {
        var wanted = (i.Sessions ?? []).Select(s => (s.Date!.Value, s.Part!.Value)).ToHashSet();
        for (var day = i.StartsOn!.Value; day <= i.EndsOn!.Value && (i.DailyParts ?? []).Count > 0; day = day.AddDays(1))
        {
            wanted.UnionWith(i.DailyParts!.Select(p => (day, p)));
        }
        return wanted;
    }

    private static void AddSessions(TrainingClass trainingClass, TrainingClassInput input)
    {
        foreach (var s in input.Sessions ?? [])
        {
            if (!trainingClass.Sessions.Any(x => x.Date == s.Date && x.Part == s.Part))
            {
                trainingClass.AddSession(s.Date!.Value, s.Part!.Value, s.Topic, s.Teacher);
            }
        }
        if ((input.DailyParts ?? []).Count > 0)
        {
            trainingClass.AddDailySessions([.. input.DailyParts!.Distinct()]);
        }
    }

    public string SessionName(DateOnly date, SessionPart part) => TrainingWords.SessionHeader(date, text["SessionPart." + part].Value);

    /// <summary>The class's trainees the user may see (a unit sees its own), by unit and name; null when the class is not the user's.</summary>
    public async Task<List<TraineeDto>?> TraineesAsync(Guid classId, CancellationToken ct)
    {
        TrainingAccess.EnsureRead(user);
        if (!await db.TrainingClasses.AnyAsync(c => c.Id == classId, ct))
        {
            return null;
        }
        var units = await UnitNamesAsync(ct);
        var rows = await (from t in db.Trainees.AsNoTracking()
                          where t.TrainingClassId == classId
                          join o in db.Officers on t.OfficerId equals o.Id
                          select new
                          {
                              t.Id,
                              t.OfficerId,
                              o.Name,
                              o.Post,
                              t.TownshipId,
                              t.DepartmentId,
                              t.NominatedAt,
                              HasAttendance = db.Attendances.Any(a => a.TraineeId == t.Id),
                          }).ToListAsync(ct);
        return rows.Select(r => new TraineeDto(r.Id, r.OfficerId, r.Name, r.Post, r.TownshipId, r.DepartmentId,
                units.Name(r.TownshipId, r.DepartmentId), r.NominatedAt, r.HasAttendance))
            .OrderBy(r => r.Unit, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Nominates officers, all or none: the office any officer of the district, a township or department only its own.
    /// Every refused officer is named.
    /// </summary>
    public async Task<List<Trainee>?> NominateAsync(Guid classId, NominateInput input, CancellationToken ct)
    {
        TrainingAccess.EnsureNominate(user);
        var trainingClass = await db.TrainingClasses.AsNoTracking().FirstOrDefaultAsync(c => c.Id == classId, ct);
        if (trainingClass is null)
        {
            return null;
        }
        var ids = (input.OfficerIds ?? []).Distinct().ToList();
        if (ids.Count == 0)
        {
            throw new RuleViolation("Training.NoOfficers") { Field = "OfficerIds" };
        }
        var officers = await db.Officers.Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        // Already nominated by anyone (the filter would hide another unit's trainee from a unit: look at officers, not rows).
        var already = await db.Trainees.AsNoTracking().Where(t => t.TrainingClassId == classId && ids.Contains(t.OfficerId))
            .Select(t => t.OfficerId).ToListAsync(ct);
        var errors = new List<RowError>();
        var nominated = new List<Trainee>();
        var now = clock.GetUtcNow();
        foreach (var (officerId, row) in ids.Select((id, n) => (id, n + 1)))
        {
            if (!officers.TryGetValue(officerId, out var officer))
            {
                errors.Add(new RowError(row, text["Training.UnknownOfficer", officerId].Value));
                continue;
            }
            if ((user.Role == Roles.Township && officer.TownshipId != user.TownshipId)
                || (user.Role == Roles.Department && officer.DepartmentId != user.DepartmentId))
            {
                errors.Add(new RowError(row, text["Training.NominateOwnOnly", officer.Name].Value));
                continue;
            }
            if (already.Contains(officerId))
            {
                errors.Add(new RowError(row, text["Training.AlreadyNominated", officer.Name].Value));
                continue;
            }
            try
            {
                nominated.Add(new Trainee(trainingClass, officer, now));
            }
            catch (RuleViolation v)
            {
                errors.Add(new RowError(row, text.Message(v)));
            }
        }
        if (errors.Count > 0)
        {
            throw new RowsRejected(errors);
        }
        db.Trainees.AddRange(nominated);
        await db.SaveChangesAsync(ct);
        return nominated;
    }

    /// <summary>Withdraws a nomination, only before any attendance or score: afterwards the record stays.</summary>
    public async Task<bool> RemoveTraineeAsync(Guid classId, Guid traineeId, CancellationToken ct)
    {
        TrainingAccess.EnsureNominate(user);
        var trainee = await db.Trainees.FirstOrDefaultAsync(t => t.Id == traineeId && t.TrainingClassId == classId, ct);
        if (trainee is null)
        {
            return false;
        }
        var name = await db.Officers.Where(o => o.Id == trainee.OfficerId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "";
        // Rows are counted whatever their unit: the trainee's own are all the trainee's unit's anyway.
        if (await db.Attendances.AnyAsync(a => a.TraineeId == traineeId, ct))
        {
            throw RuleViolation.Conflict("Training.TraineeHasAttendance", name);
        }
        if (await db.ExamScores.AnyAsync(s => s.TraineeId == traineeId, ct))
        {
            throw RuleViolation.Conflict("Training.TraineeHasScore", name);
        }
        db.Trainees.Remove(trainee);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The active officers the user may nominate to the class and who are not on it yet.</summary>
    public async Task<List<OfficerChoice>> NominableAsync(Guid classId, CancellationToken ct)
    {
        if (!TrainingAccess.MayNominate(user))
        {
            return [];
        }
        var officers = db.Officers.AsNoTracking().Where(Officers.Officer.Active())
            .Where(o => !db.Trainees.Any(t => t.TrainingClassId == classId && t.OfficerId == o.Id));
        if (user.Role == Roles.Department)
        {
            officers = officers.Where(o => o.DepartmentId == user.DepartmentId);
        }
        var units = await UnitNamesAsync(ct);
        var rows = await officers.Select(o => new { o.Id, o.Name, o.TownshipId, o.DepartmentId, o.Post }).ToListAsync(ct);
        return rows.Select(o => new OfficerChoice(o.Id, o.Name, units.Name(o.TownshipId, o.DepartmentId), o.Post))
            .OrderBy(o => o.Unit, StringComparer.Ordinal).ThenBy(o => o.Name, StringComparer.Ordinal).ToList();
    }

    public Task<UnitNames> UnitNamesAsync(CancellationToken ct) => UnitNames.LoadAsync(db, ct);
}

/// <summary>The names of the townships and departments the user may see, to name a trainee's unit.</summary>
public sealed class UnitNames(Dictionary<Guid, string> townships, Dictionary<Guid, string> departments)
{
    public static async Task<UnitNames> LoadAsync(EntrustDbContext db, CancellationToken ct) =>
        new(await db.Townships.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct),
            await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct));

    public string Name(Guid? townshipId, Guid? departmentId) =>
        townshipId is { } t ? townships.GetValueOrDefault(t, "") : departmentId is { } d ? departments.GetValueOrDefault(d, "") : "";
}
