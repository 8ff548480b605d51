using System.Text.Json;
using Entrust.Web.Data;
using Entrust.Web.Features.Calendar;
using Entrust.Web.Features.Officers;
using Entrust.Web.Features.Targets;
using Entrust.Web.Features.Training;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.RandomInspections;

public sealed record RandomPlanInput(string? Name, Guid? MatterId, List<Guid>? TownshipIds, List<TargetKind>? TargetKinds, RiskLevel? MinRiskLevel,
    decimal? Proportion, int? Count, double? ComplaintWeight, double? AbnormalWeight, List<Guid>? InspectorIds, int? PublicationWorkingDays)
{
    public RandomPlanFields ToFields() => new(Name ?? "", MatterId ?? Guid.Empty, TownshipIds ?? [], TargetKinds ?? [], MinRiskLevel, Proportion, Count,
        ComplaintWeight ?? 1, AbnormalWeight ?? 1, InspectorIds ?? [], PublicationWorkingDays ?? RandomPlan.DefaultPublicationWorkingDays);
}

public sealed record RandomPlanDto(Guid Id, Guid DistrictId, Guid? DepartmentId, string Name, Guid MatterId, string MatterCode, string MatterName,
    List<Guid> TownshipIds, List<TargetKind> TargetKinds, RiskLevel? MinRiskLevel, decimal? Proportion, int? Count, double ComplaintWeight,
    double AbnormalWeight, List<Guid> InspectorIds, int PublicationWorkingDays, RandomPlanState State, DateTimeOffset CreatedAt);

public sealed record DrawDto(string Seed, DateOnly DrawDay, DateTimeOffset DrawnAt, string DrawnBy, int Candidates, int Count, string Hash,
    IReadOnlyList<string> Excluded);

public sealed record AssignmentDto(Guid Id, int Order, Guid TargetId, string TargetName, Guid TownshipId, string TownshipName,
    Guid Inspector1Id, string Inspector1Name, Guid Inspector2Id, string Inspector2Name, Guid? InspectionId, DateOnly? InspectedOn,
    InspectionOutcome? Result, string? Summary, DateOnly? PublishedOn, DateOnly? Deadline, bool Late);

public sealed record RandomPlanDetail(RandomPlanDto Plan, DrawDto? Draw, IReadOnlyList<AssignmentDto> Assignments);

public sealed record VerifyAnswer(bool Matches, string Seed, string RecordedHash, string Hash, bool ResultMatches, bool HashMatches);

public sealed record PublishInput(DateOnly? PublishedOn);

/// <summary>
/// Random-inspection plans (双随机、一公开, LAW 26), shared by the /RandomPlans pages and /api/random-plans: plan, draw,
/// verify and publish. The office plans for any matter of its district; a department for its own matters
/// (the matter filter makes another department's matter "not found"); townships read the assignments on their targets and
/// record their inspections (through <c>InspectionBook</c>, naming the assignment, which takes the inspection's result); the
/// auditor reads. Which rows anyone sees is <see cref="DataScope"/>'s.
/// </summary>
public sealed class RandomPlanBook(EntrustDbContext db, CurrentUser user, TimeProvider clock, OfficerPowers powers, HolidayCalendar calendar)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool MayPlan => user.Role is Roles.Admin or Roles.Office or Roles.Department;
    public bool MayRecord => user.Role is Roles.Admin or Roles.Office or Roles.Department or Roles.Township or Roles.Officer;

    /// <summary>Field checks of a form or request body, all at once; townships and inspectors must be in sight (a matter out of sight is "not found").</summary>
    public async Task<FieldErrors> CheckAsync(FieldErrors errors, RandomPlanInput input, CancellationToken ct)
    {
        var fields = input.ToFields();
        foreach (var (field, key, args) in RandomPlan.Problems(fields))
        {
            errors.Add(field, key, args);
        }
        var townships = fields.TownshipIds.Distinct().ToList();
        if (townships.Count > 0 && await db.Townships.CountAsync(t => townships.Contains(t.Id), ct) != townships.Count)
        {
            errors.Add("TownshipIds", "RandomPlan.UnknownTownship");
        }
        var inspectors = fields.InspectorIds.Distinct().ToList();
        if (inspectors.Count > 0 && await db.Officers.CountAsync(o => inspectors.Contains(o.Id), ct) != inspectors.Count)
        {
            errors.Add("InspectorIds", "RandomPlan.UnknownInspector");
        }
        return errors;
    }

    public IQueryable<RandomPlanDto> List(RandomPlanState? state, string? q)
    {
        var plans = db.RandomPlans.AsNoTracking();
        if (state is { } s)
        {
            plans = plans.Where(p => p.State == s);
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            plans = plans.Where(p => p.Name.Contains(text));
        }
        return Project(plans);
    }

    /// <summary>
    /// The console list's orders (its column headers). Ids are version-7 GUIDs: newest first is descending id, the default
    /// (SQLite can't sort a DateTimeOffset).
    /// </summary>
    public static readonly ListSort<RandomPlanDto> Sorts = new ListSort<RandomPlanDto>("-id")
        .By("id", p => p.Id).By("name", p => p.Name).By("matter", p => p.MatterCode).By("state", p => p.State).Then(p => p.Id);

    /// <summary>
    /// The plans the filter shows, in the list's order, as .xlsx (<see cref="ListExport"/>): the /RandomPlans export button and
    /// GET /api/random-plans/export alike.
    /// </summary>
    public Task<(byte[] Content, string FileName)> ListExportAsync(RandomPlanState? state, string? q, ListQuery list, ListExport export,
        IStringLocalizer text, CancellationToken ct) =>
        export.WriteAsync("Menu.RandomPlans", null, List(state, q).ForExport(list, Sorts), [
            new("Field.Name", p => p.Name),
            new("Field.MatterId", p => $"{p.MatterCode} {p.MatterName}"),
            new("RandomPlan.Size", p => p.Count is { } n ? n.ToString() : $"{p.Proportion * 100:0.##}%"),
            new("Field.State", p => text["RandomPlanState." + p.State].Value),
        ], ct);

    // Newest first; the order makes the last step a Select, which ListSort orders before.
    private IQueryable<RandomPlanDto> Project(IQueryable<RandomPlan> plans) =>
        from p in plans
        join m in db.Matters on p.MatterId equals m.Id
        orderby p.Id descending
        select new RandomPlanDto(p.Id, p.DistrictId, p.DepartmentId, p.Name, p.MatterId, m.Code, m.Name, p.TownshipIds, p.TargetKinds,
            p.MinRiskLevel, p.Proportion, p.Count, p.ComplaintWeight, p.AbnormalWeight, p.InspectorIds, p.PublicationWorkingDays, p.State,
            p.CreatedAt);

    public async Task<RandomPlan?> CreateAsync(RandomPlanInput input, CancellationToken ct)
    {
        EnsureMayPlan();
        var fields = input.ToFields();
        var matter = await db.Matters.AsNoTracking().Where(m => m.Id == fields.MatterId)
            .Select(m => new { m.DistrictId, m.DepartmentId }).FirstOrDefaultAsync(ct);
        if (matter is null)
        {
            return null;
        }
        // Only a matter on the published item list, never a coercive one (LAW 26).
        await InspectionItemBook.EnsurePlannableAsync(db, fields.MatterId, clock.TodayInChina(), ct);
        // A department plans in its own name; the office (and the admin) in the office's.
        var plan = new RandomPlan(matter.DistrictId, user.Role == Roles.Department ? user.DepartmentId : null, fields, clock.GetUtcNow());
        db.RandomPlans.Add(plan);
        await db.SaveChangesAsync(ct);
        return plan;
    }

    public async Task<RandomPlan?> UpdateAsync(Guid id, RandomPlanInput input, CancellationToken ct)
    {
        var plan = await db.RandomPlans.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
        {
            return null;
        }
        EnsureMayPlan();
        var fields = input.ToFields();
        if (!await db.Matters.AnyAsync(m => m.Id == fields.MatterId && m.DistrictId == plan.DistrictId, ct))
        {
            return null;
        }
        await InspectionItemBook.EnsurePlannableAsync(db, fields.MatterId, clock.TodayInChina(), ct);
        plan.Update(fields);
        await db.SaveChangesAsync(ct);
        return plan;
    }

    public async Task<RandomPlanDetail?> FindAsync(Guid id, CancellationToken ct)
    {
        var plan = await Project(db.RandomPlans.AsNoTracking().Where(p => p.Id == id)).FirstOrDefaultAsync(ct);
        if (plan is null)
        {
            return null;
        }
        var draw = await db.RandomDraws.AsNoTracking().Where(d => d.PlanId == id).FirstOrDefaultAsync(ct);
        DrawDto? drawDto = null;
        if (draw is not null)
        {
            var inputs = JsonSerializer.Deserialize<DrawInputsShown>(draw.Inputs, Json)!;
            var excluded = await db.Officers.IgnoreQueryFilters().Where(o => inputs.Excluded.Contains(o.Id)).Select(o => o.Name).ToListAsync(ct);
            drawDto = new DrawDto(draw.SeedValue.ToString("x16"), draw.DrawDay, draw.DrawnAt, draw.DrawnBy, inputs.CandidateCount, draw.Count,
                draw.Hash, excluded);
        }
        return new RandomPlanDetail(plan, drawDto, await AssignmentsAsync(plan.DistrictId, plan.PublicationWorkingDays, id, ct));
    }

    private async Task<List<AssignmentDto>> AssignmentsAsync(Guid districtId, int workingDays, Guid planId, CancellationToken ct)
    {
        // The assignments through the scope filter first; then the names, looked up past the filters by id (an inspector of
        // another township stays named). One IgnoreQueryFilters() in the same query would lift every filter of it.
        var assignments = await db.RandomAssignments.AsNoTracking().Where(a => a.PlanId == planId).OrderBy(a => a.Order).ToListAsync(ct);
        var targetIds = assignments.Select(a => a.TargetId).ToList();
        var townshipIds = assignments.Select(a => a.TownshipId).Distinct().ToList();
        var officerIds = assignments.SelectMany(a => new[] { a.Inspector1Id, a.Inspector2Id }).Distinct().ToList();
        // Names only: ToDictionaryAsync's selectors run after the rows are read, so the projection comes first.
        var targets = await db.Targets.IgnoreQueryFilters().Where(t => targetIds.Contains(t.Id)).Select(t => new { t.Id, t.Name })
            .ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var townships = await db.Townships.IgnoreQueryFilters().Where(t => townshipIds.Contains(t.Id)).Select(t => new { t.Id, t.Name })
            .ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var officers = await db.Officers.IgnoreQueryFilters().Where(o => officerIds.Contains(o.Id)).Select(o => new { o.Id, o.Name })
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var rows = assignments.Select(a => new
        {
            a,
            TargetName = targets[a.TargetId],
            TownshipName = townships[a.TownshipId],
            Name1 = officers[a.Inspector1Id],
            Name2 = officers[a.Inspector2Id]
        }).ToList();
        var days = await calendar.ForDistrictAsync(districtId, ct);
        var today = clock.TodayInChina();
        return rows.Select(r =>
        {
            var deadline = r.a.InspectedOn is { } on ? days.AddWorkingDays(on, workingDays) : (DateOnly?)null;
            return new AssignmentDto(r.a.Id, r.a.Order, r.a.TargetId, r.TargetName, r.a.TownshipId, r.TownshipName, r.a.Inspector1Id, r.Name1,
                r.a.Inspector2Id, r.Name2, r.a.InspectionId, r.a.InspectedOn, r.a.Result, r.a.Summary, r.a.PublishedOn, deadline,
                Publication.IsLate(deadline, r.a.PublishedOn, today));
        }).ToList();
    }

    /// <summary>
    /// Draws the plan: the candidates the filter selects today, where each inspector of the pool may act on the matter today
    /// (each candidate's township asked), the pool less those who may act in none of them, the conflicts that apply, a fresh
    /// cryptographic seed. Null when the plan is out of sight. The demo alone passes a fixed
    /// <paramref name="seed"/> and a past day <paramref name="on"/>, so that its half-year is the same on every machine.
    /// </summary>
    public async Task<RandomPlan?> DrawAsync(Guid id, CancellationToken ct, ulong? seed = null, DateOnly? on = null)
    {
        var plan = await db.RandomPlans.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
        {
            return null;
        }
        EnsureMayPlan();
        if (plan.State != RandomPlanState.Draft)
        {
            throw RuleViolation.Conflict("RandomPlan.AlreadyDrawn", plan.Name);
        }
        var today = on ?? clock.TodayInChina();
        // The list may have changed since the plan was made: asked again on the day of the draw.
        await InspectionItemBook.EnsurePlannableAsync(db, plan.MatterId, today, ct);
        var drawnAt = on is { } day ? new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)) : clock.GetUtcNow();

        var targets = db.Targets.AsNoTracking().Where(t => t.DistrictId == plan.DistrictId && t.MergedIntoId == null);
        if (plan.TownshipIds.Count > 0)
        {
            var townships = plan.TownshipIds;
            targets = targets.Where(t => townships.Contains(t.TownshipId));
        }
        if (plan.TargetKinds.Count > 0)
        {
            var kinds = plan.TargetKinds;
            targets = targets.Where(t => kinds.Contains(t.Kind));
        }
        if (plan.MinRiskLevel is { } risk)
        {
            targets = targets.Where(t => t.RiskLevel >= risk);
        }
        var rows = await targets.Select(t => new { t.Id, t.TownshipId, t.Name, t.HasComplaints, t.IsAbnormal }).ToListAsync(ct);
        // The recorded order is the ids' order, whatever order the database answered in.
        rows.Sort((a, b) => a.Id.CompareTo(b.Id));
        var candidates = rows.Select(r => new DrawCandidate(r.Id, plan.WeightOf(r.HasComplaints, r.IsAbnormal), r.TownshipId)).ToList();
        if (candidates.Count == 0)
        {
            throw new RuleViolation("RandomDraw.NoCandidates");
        }

        // Where each inspector may act (LAW 10): asked in every township a candidate is in, as the inspection will be. A
        // township's officer may act in their own township only, a department's officer on its matters anywhere. The pool
        // is those who may act somewhere the plan draws; the others are excluded and named.
        var townshipIds = rows.Select(r => r.TownshipId).Distinct().Order().ToList();
        var actsIn = new List<DrawPower>();
        foreach (var townshipId in townshipIds)
        {
            var answers = await powers.MayActAsync(plan.InspectorIds, plan.MatterId, townshipId, today, ct);
            actsIn.AddRange(answers.Where(a => a.Answer.MayAct).Select(a => new DrawPower(a.OfficerId, townshipId)));
        }
        var mayActSomewhere = actsIn.Select(p => p.OfficerId).ToHashSet();
        var pool = plan.InspectorIds.Where(mayActSomewhere.Contains).ToList();
        var excluded = plan.InspectorIds.Where(o => !mayActSomewhere.Contains(o)).ToList();
        if (pool.Count < MayAct.OfficersPerAct)
        {
            var names = await db.Officers.IgnoreQueryFilters().Where(o => excluded.Contains(o.Id)).Select(o => o.Name).ToListAsync(ct);
            throw new RuleViolation("RandomDraw.TooFewMayAct", pool.Count, names.Count == 0 ? "-" : string.Join("、", names));
        }
        actsIn = [.. actsIn.OrderBy(p => p.OfficerId).ThenBy(p => p.TownshipId)];
        var candidateIds = rows.Select(r => r.Id).ToHashSet();
        var conflicts = (await db.OfficerConflicts.AsNoTracking().Where(c => pool.Contains(c.OfficerId))
                .Select(c => new { c.OfficerId, c.TargetId }).ToListAsync(ct))
            .Where(c => candidateIds.Contains(c.TargetId))
            .Select(c => new DrawConflict(c.OfficerId, c.TargetId)).OrderBy(c => c.OfficerId).ThenBy(c => c.TargetId).ToList();
        var count = Draw.CountFor(candidates.Count, plan.Proportion, plan.Count);
        var drawSeed = seed ?? Draw.NewSeed();
        var result = Draw.Run(drawSeed, candidates, pool, conflicts, count, actsIn);
        if (result.Refused)
        {
            var townshipNames = await db.Townships.IgnoreQueryFilters().Where(t => townshipIds.Contains(t.Id)).Select(t => new { t.Id, t.Name })
                .ToDictionaryAsync(t => t.Id, t => t.Name, ct);
            var args = result.RefusalArguments!.Select(a => a is Guid g
                ? (object)(rows.FirstOrDefault(r => r.Id == g)?.Name ?? townshipNames.GetValueOrDefault(g) ?? g.ToString()) : a).ToArray();
            throw new RuleViolation(result.RefusalKey!, args);
        }
        var hash = Draw.Hash(drawSeed, candidates, pool, conflicts, count, result.Assignments, actsIn);
        var inputs = JsonSerializer.Serialize(new DrawInputs(candidates, pool, conflicts, excluded, actsIn), Json);
        db.RandomDraws.Add(new RandomDraw(plan, drawSeed, count, today, inputs, hash, drawnAt, user.UserName));
        var townshipOf = rows.ToDictionary(r => r.Id, r => r.TownshipId);
        plan.MarkDrawn();
        // The draw, the plan and the assignments in one transaction (the assignments by COPY on PostgreSQL).
        await NewRows.SaveWithAsync(db, [.. result.Assignments.Select(a => new RandomAssignment(plan, townshipOf[a.TargetId], a))], ct);
        return plan;
    }

    /// <summary>Re-runs the recorded draw from its seed and inputs and compares with the assignments as stored now.</summary>
    public async Task<VerifyAnswer?> VerifyAsync(Guid id, CancellationToken ct)
    {
        var draw = await db.RandomDraws.AsNoTracking().FirstOrDefaultAsync(d => d.PlanId == id, ct);
        if (draw is null)
        {
            return null;
        }
        var inputs = JsonSerializer.Deserialize<DrawInputs>(draw.Inputs, Json)!;
        var stored = await db.RandomAssignments.AsNoTracking().Where(a => a.PlanId == id).OrderBy(a => a.Order).ToListAsync(ct);
        var storedDrawn = stored.Select(a => a.AsDrawn()).ToList();
        // A draw recorded before townships were asked has no powers: it re-runs and hashes as it was drawn then.
        var rerun = Draw.Run(draw.SeedValue, inputs.Candidates, inputs.Pool, inputs.Conflicts, draw.Count, inputs.Powers);
        var hash = Draw.Hash(draw.SeedValue, inputs.Candidates, inputs.Pool, inputs.Conflicts, draw.Count, storedDrawn, inputs.Powers);
        var resultMatches = !rerun.Refused && rerun.Assignments.SequenceEqual(storedDrawn);
        var hashMatches = hash == draw.Hash;
        return new VerifyAnswer(resultMatches && hashMatches, draw.SeedValue.ToString("x16"), draw.Hash, hash, resultMatches, hashMatches);
    }

    /// <summary>
    /// The draw result as .xlsx, one row per assignment the user may see (a township its own), in draw order: target, township,
    /// the two inspectors, the inspection's day and result, publication and its deadline. Null when the plan is out of sight.
    /// </summary>
    public async Task<byte[]?> ExportAsync(Guid id, IStringLocalizer text, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } plan)
        {
            return null;
        }
        string[] headers = [.. new[] { "Export.Order", "Field.TargetId", "Field.TownshipId", "Export.Inspector1", "Export.Inspector2",
            "Field.InspectedOn", "Field.Result", "Field.PublishedOn", "RandomPlan.Deadline", "RandomPlan.Late", "Export.Inspection" }
            .Select(k => text[k].Value)];
        static string Day(DateOnly? d) => d?.ToString("yyyy-MM-dd") ?? "";
        return Spreadsheet.Write(headers, plan.Assignments.Select(a => (IReadOnlyList<object?>)[
            a.Order, a.TargetName, a.TownshipName, a.Inspector1Name, a.Inspector2Name, Day(a.InspectedOn),
            a.Result is { } r ? text["Outcome." + r].Value : "", Day(a.PublishedOn), Day(a.Deadline), a.Late ? text["Export.Yes"].Value : "",
            a.InspectionId?.ToString() ?? ""]), text["RandomPlan.Sheet"].Value);
    }

    public async Task<RandomAssignment?> PublishAsync(Guid planId, Guid assignmentId, PublishInput input, CancellationToken ct)
    {
        var plan = await db.RandomPlans.FirstOrDefaultAsync(p => p.Id == planId, ct);
        var assignment = plan is null ? null : await db.RandomAssignments.FirstOrDefaultAsync(a => a.Id == assignmentId && a.PlanId == planId, ct);
        if (plan is null || assignment is null)
        {
            return null;
        }
        EnsureMayPlan();
        var today = clock.TodayInChina();
        assignment.Publish(input.PublishedOn ?? today, today);
        if (!await db.RandomAssignments.AnyAsync(a => a.PlanId == planId && a.Id != assignmentId && a.PublishedOn == null, ct))
        {
            plan.MarkPublished();
        }
        await db.SaveChangesAsync(ct);
        return assignment;
    }

    private void EnsureMayPlan()
    {
        if (!MayPlan)
        {
            throw new ForbiddenAction();
        }
    }
}

/// <summary>一公开: when a result must be published and whether it was late.</summary>
public static class Publication
{
    /// <summary>The last day to publish: <paramref name="workingDays"/> working days after the inspection (the inspection day not counted).</summary>
    public static DateOnly Deadline(WorkingDayCalendar calendar, DateOnly inspectedOn, int workingDays) =>
        calendar.AddWorkingDays(inspectedOn, workingDays);

    /// <summary>Late: published after the deadline, or not yet published and the deadline has passed.</summary>
    public static bool IsLate(DateOnly? deadline, DateOnly? publishedOn, DateOnly today) =>
        deadline is { } d && (publishedOn is { } p ? p > d : today > d);
}
