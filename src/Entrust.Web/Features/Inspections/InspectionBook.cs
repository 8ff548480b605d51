using Entrust.Web.Data;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.Officers;
using Entrust.Web.Features.RandomInspections;
using Entrust.Web.Features.Training;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Inspections;

public sealed record OrderInput(Guid? TargetId, string? Requirement, DateOnly? Deadline);

/// <summary>An inspection as a form or an API client sends it. A township user's own township is the default.</summary>
public sealed record InspectionInput(Guid? TownshipId, Guid? MatterId, InspectionKind Kind, Guid? CampaignId, List<Guid>? JointDepartmentIds,
    DateTimeOffset? StartedAt, List<Guid>? TargetIds, List<Guid>? OfficerIds, string? Findings, InspectionResult Result,
    List<OrderInput>? Orders, Guid? RandomAssignmentId = null);

/// <summary>A re-inspection of a rectification order's target: when, who, what was found, and whether it was put right.</summary>
public sealed record ReinspectInput(DateTimeOffset? StartedAt, List<Guid>? OfficerIds, string? Findings, InspectionResult Result);

public sealed record UploadedFile(string Name, byte[] Content);

/// <summary>The work lists' filter: month (yyyy-MM), matter, kind, result, township, campaign; <c>mine</c> = recorded by me today.</summary>
public sealed record InspectionFilter(string? Month, Guid? Matter, InspectionKind? Kind, InspectionResult? Result, Guid? Township,
    Guid? Campaign, bool? Mine, int? Page, int? PageSize)
{
    /// <summary>A campaign's inspections, as its page lists them.</summary>
    public static InspectionFilter OfCampaign(Guid campaign) => new(null, null, null, null, null, campaign, null, null, null);
}

public sealed record OrderFilter(bool? Overdue, OrderState? State, Guid? Township, Guid? Matter, Guid? Campaign, int? Page, int? PageSize);

public sealed record InspectionRow(Guid Id, Guid TownshipId, string TownshipName, Guid MatterId, string MatterName, Guid DepartmentId,
    string DepartmentName, InspectionKind Kind, Guid? CampaignId, DateTimeOffset StartedAt, InspectionResult Result, int TargetCount,
    string RecordedBy, Guid? ReinspectionOfOrderId, DateOnly StartedOn);

public sealed record NamedId(Guid Id, string Name);

public sealed record FileDto(Guid Id, string Name, string ContentType, long Size, string Sha256, DateTimeOffset UploadedAt);

public sealed record OrderDto(Guid Id, Guid InspectionId, Guid TargetId, string TargetName, Guid TownshipId, string TownshipName,
    Guid MatterId, string MatterName, string Requirement, DateOnly Deadline, OrderState State, bool Overdue, Guid? ReinspectionId,
    DateOnly? ClosedOn);

public sealed record InspectionDto(InspectionRow Inspection, string Findings, DateTimeOffset RecordedAt, Guid? RandomPlanId,
    IReadOnlyList<Guid> JointDepartmentIds, IReadOnlyList<NamedId> Targets, IReadOnlyList<NamedId> Officers, IReadOnlyList<FileDto> Files,
    IReadOnlyList<OrderDto> Orders);

/// <summary>
/// Recording inspections and rectification orders, shared by the /Inspections and /Rectifications pages and the API. Every
/// check the law asks for runs before anything is written, and a refusal names its reason (LAW 2, 7, 10, 11):
/// at least two officers, each of whom may act on the matter that day (<see cref="OfficerPowers"/>); for an inspection the
/// township leads, an entitlement to inspect the matter that day (<see cref="Entitlements"/>) and no coercive measure (those
/// cannot be entrusted); no date in the future; targets of the township (a merged one is followed to the one that stays);
/// files within the size limit and of an allowed type by their content.
/// <para>Who records: a township user or officer records its township's routine and campaign inspections (it assists in a
/// campaign); a department user records the campaign and joint inspections it leads on its own matters; the office records
/// any; the auditor and the public only read. Which rows a user sees at all is <see cref="DataScope"/>'s.</para>
/// </summary>
public sealed partial class InspectionBook(EntrustDbContext db, CurrentUser user, TimeProvider clock, OfficerPowers powers,
    Entitlements entitlements, ReferenceCache reference, InspectionWriter writer, IStringLocalizer<SharedResource> text,
    IConfiguration configuration, Audit.SecurityEvents events)
{
    private sealed record TownshipRead(Guid Id, Guid DistrictId, string Name);

    private sealed record MatterRead(Guid Id, Guid DistrictId, Guid DepartmentId, string Name, MatterKind Kind, string DepartmentName);

    /// <summary>What the checks of the inspection just built read, so that the answer needs no second look at the database.</summary>
    private sealed record Built(Inspection Inspection, TownshipRead Township, MatterRead Matter, IReadOnlyDictionary<Guid, string> Targets,
        IReadOnlyDictionary<Guid, string> Officers, List<RectificationOrder> Orders, List<InspectionFile> Files);

    private Built? _built;

    /// <summary>
    /// The inspection this book just recorded or re-inspected, as <see cref="FindAsync"/> would show it, from what its checks read.
    /// </summary>
    public InspectionDto Describe(Inspection inspection)
    {
        if (_built is not { } b || b.Inspection != inspection)
        {
            throw new InvalidOperationException("Describe shows the inspection this book has just recorded.");
        }
        var row = new InspectionRow(inspection.Id, inspection.TownshipId, b.Township.Name, inspection.MatterId, b.Matter.Name,
            inspection.DepartmentId, b.Matter.DepartmentName, inspection.Kind, inspection.CampaignId, inspection.StartedAt, inspection.Result,
            inspection.Targets.Count, inspection.RecordedBy, inspection.ReinspectionOfOrderId, inspection.StartedOn);
        var today = Today;
        return new InspectionDto(row, inspection.Findings, inspection.RecordedAt, inspection.RandomPlanId, inspection.JointDepartmentIds,
            [.. b.Targets.Select(t => new NamedId(t.Key, t.Value)).OrderBy(t => t.Name, StringComparer.Ordinal)],
            [.. b.Officers.Select(o => new NamedId(o.Key, o.Value)).OrderBy(o => o.Name, StringComparer.Ordinal)],
            [.. b.Files.OrderBy(f => f.Id).Select(f => new FileDto(f.Id, f.Name, f.ContentType, f.Size, f.Sha256, f.UploadedAt))],
            [.. b.Orders.OrderBy(o => o.Deadline).ThenBy(o => o.Id).Select(o => new OrderDto(o.Id, o.InspectionId, o.TargetId,
                b.Targets[o.TargetId], o.TownshipId, b.Township.Name, o.MatterId, b.Matter.Name, o.Requirement, o.Deadline, o.State,
                o.State == OrderState.Open && o.Deadline < today, o.ReinspectionId, o.ClosedOn))]);
    }

    /// <summary>The largest file an inspection keeps, configurable as Inspections:MaxFileBytes (10 MB by default).</summary>
    public long MaxFileBytes => configuration.GetValue<long?>("Inspections:MaxFileBytes") ?? 10 * 1024 * 1024;

    public bool MayRecord => MayRecordAs(user);

    /// <summary>Who may record an inspection (the /Inspections/Record page's policy asks the same).</summary>
    public static bool MayRecordAs(CurrentUser user) => user.Role is Roles.Admin or Roles.Office or Roles.Township or Roles.Officer or Roles.Department;

    public DateOnly Today => clock.TodayInChina();

    /// <summary>Field checks of a form or request body, all at once, in the user's language.</summary>
    public FieldErrors Check(FieldErrors errors, InspectionInput input)
    {
        if (input.TownshipId is null && user.TownshipId is null)
        {
            errors.Add("TownshipId", "Validation.Required", new Text("Field.Township"));
        }
        if (input.MatterId is null)
        {
            errors.Add("MatterId", "Validation.Required", new Text("Field.Matter"));
        }
        if (!Enum.IsDefined(input.Kind))
        {
            errors.Add("Kind", "Validation.Invalid", new Text("Field.Kind"));
        }
        if (!Enum.IsDefined(input.Result))
        {
            errors.Add("Result", "Validation.Invalid", new Text("Field.Result"));
        }
        if (input.StartedAt is null)
        {
            errors.Add("StartedAt", "Validation.Required", new Text("Field.StartedAt"));
        }
        if (input.TargetIds is not { Count: > 0 })
        {
            errors.Add("TargetIds", "Validation.Required", new Text("Field.Targets"));
        }
        if (string.IsNullOrWhiteSpace(input.Findings))
        {
            errors.Add("Findings", "Validation.Required", new Text("Field.Findings"));
        }
        else if (input.Findings.Trim().Length > Inspection.FindingsLength)
        {
            errors.Add("Findings", "Validation.TooLong", new Text("Field.Findings"), Inspection.FindingsLength);
        }
        return errors;
    }

    /// <summary>
    /// Fewer than two officers named (LAW 10): refused when the inspection is built (the API's answer names this rule), and asked
    /// by the recording page with its other fields so that the form shows it with them.
    /// </summary>
    public static RuleViolation? TooFewOfficers(IEnumerable<Guid>? officerIds) =>
        (officerIds ?? []).Distinct().Count() is var n && n < MayAct.OfficersPerAct
            ? new RuleViolation("Inspection.TooFewOfficers", n) { Field = "OfficerIds" }
            : null;

    /// <summary>Records an inspection with its orders and files; null when its township is out of sight (404).</summary>
    public async Task<Inspection?> RecordAsync(InspectionInput input, IReadOnlyList<UploadedFile> files, CancellationToken ct)
    {
        EnsureMayRecord();
        RandomAssignment? drawn = null;
        if (input.RandomAssignmentId is { } assignmentId
            && (drawn = await db.RandomAssignments.FirstOrDefaultAsync(a => a.Id == assignmentId, ct)) is null)
        {
            return null;
        }
        // A drawn pair may include a department's officer (on the department's matter, anywhere): named by the assignment the
        // user sees, the two are asked about past the user's scope.
        var built = await BuildAsync(input, null, drawn is null ? [] : [drawn.Inspector1Id, drawn.Inspector2Id], ct);
        if (built is null)
        {
            return null;
        }
        var inspection = built.Inspection;
        var orders = Orders(inspection, input);
        var kept = CheckFiles(inspection, files);
        if (drawn is null && kept.Count == 0)
        {
            // The common case, from a phone: written together with the inspections other requests are recording now.
            await writer.WriteAsync(user, inspection, orders, db.Idempotency);
        }
        else
        {
            if (drawn is not null)
            {
                await LinkDrawnAsync(inspection, drawn, ct);
            }
            db.Inspections.Add(inspection);
            db.RectificationOrders.AddRange(orders);
            db.InspectionFiles.AddRange(kept);
            await db.SaveChangesAsync(ct);
        }
        _built = built with { Orders = orders, Files = kept };
        return inspection;
    }

    /// <summary>
    /// Re-inspects an order's target: records a new inspection (same matter, township and kind) that names the order, and closes
    /// the order, completed or escalated. Refused for an order of a passed inspection and for a closed order. Null when the
    /// order is out of sight.
    /// </summary>
    public async Task<Inspection?> ReinspectAsync(Guid orderId, ReinspectInput input, IReadOnlyList<UploadedFile> files, CancellationToken ct)
    {
        EnsureMayRecord();
        var order = await db.RectificationOrders.FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null)
        {
            return null;
        }
        var failed = await db.Inspections.AsNoTracking().FirstAsync(i => i.Id == order.InspectionId, ct);
        failed.EnsureFailed();
        if (order.State != OrderState.Open)
        {
            throw RuleViolation.Conflict("Rectification.Closed");
        }
        // Every field left wrong is answered together (the API's answer named by the first, as before), before the re-inspection
        // is built and checked against the records.
        RuleViolation.ThrowAll([
            input.Result == InspectionResult.RectificationOrdered || !Enum.IsDefined(input.Result)
                ? new RuleViolation("Rectification.ReinspectionMustDecide") { Field = "Result" } : null,
            string.IsNullOrWhiteSpace(input.Findings) ? new RuleViolation("Validation.Required", new Text("Field.Findings")) { Field = "Findings" } : null,
            input.StartedAt is null ? new RuleViolation("Validation.Required", new Text("Field.StartedAt")) { Field = "StartedAt" } : null,
            TooFewOfficers(input.OfficerIds),
        ]);
        var built = await BuildAsync(new InspectionInput(order.TownshipId, order.MatterId, failed.Kind, failed.CampaignId,
            failed.JointDepartmentIds, input.StartedAt, [order.TargetId], input.OfficerIds, input.Findings, input.Result, null), order, [], ct);
        if (built is null)
        {
            return null;
        }
        var reinspection = built.Inspection;
        if (reinspection.Day < failed.Day)
        {
            throw new RuleViolation("Rectification.ReinspectionBeforeInspection") { Field = "StartedAt" };
        }
        var kept = CheckFiles(reinspection, files);
        order.Close(reinspection);
        db.Inspections.Add(reinspection);
        db.InspectionFiles.AddRange(kept);
        await db.SaveChangesAsync(ct);
        _built = built with { Files = kept };
        return reinspection;
    }

    /// <summary>Adds files to a recorded inspection; null when it is out of sight.</summary>
    public async Task<IReadOnlyList<InspectionFile>?> AddFilesAsync(Guid inspectionId, IReadOnlyList<UploadedFile> files, CancellationToken ct)
    {
        EnsureMayRecord();
        var inspection = await db.Inspections.AsNoTracking().FirstOrDefaultAsync(i => i.Id == inspectionId, ct);
        if (inspection is null)
        {
            return null;
        }
        if (files.Count == 0)
        {
            throw new RuleViolation("Import.NoFile") { Field = "Files" };
        }
        var kept = CheckFiles(inspection, files);
        db.InspectionFiles.AddRange(kept);
        await db.SaveChangesAsync(ct);
        return kept;
    }

    /// <summary>Every check but the files', in the order a user fixes them; the inspection is not yet added.</summary>
    /// <param name="drawnInspectors">The two inspectors of the drawn assignment recorded, asked about past the user's scope.</param>
    private async Task<Built?> BuildAsync(InspectionInput input, RectificationOrder? reinspects, IReadOnlyCollection<Guid> drawnInspectors,
        CancellationToken ct)
    {
        // The township and the matter as the user's scope shows them, kept in memory until either table changes.
        var township = (input.TownshipId ?? user.TownshipId) is { } townshipId
            ? await reference.GetAsync("inspection:township", user, townshipId, () => db.Townships.AsNoTracking().Where(t => t.Id == townshipId)
                .Select(t => new TownshipRead(t.Id, t.DistrictId, t.Name)).FirstOrDefaultAsync(ct))
            : null;
        if (township is null || input.MatterId is null || input.StartedAt is null)
        {
            return township is null ? null
                : throw new RuleViolation("Validation.Required", new Text(input.MatterId is null ? "Field.Matter" : "Field.StartedAt"))
                {
                    Field = input.MatterId is null ? "MatterId" : "StartedAt",
                };
        }
        var matterId = input.MatterId.Value;
        var matter = await reference.GetAsync("inspection:matter", user, matterId, () => (
            from m in db.Matters.AsNoTracking()
            where m.Id == matterId
            join d in db.Departments.IgnoreQueryFilters() on m.DepartmentId equals d.Id
            select new MatterRead(m.Id, m.DistrictId, m.DepartmentId, m.Name, m.Kind, d.Name)).FirstOrDefaultAsync(ct));
        if (matter is null || matter.DistrictId != township.DistrictId)
        {
            throw new RuleViolation("Inspection.UnknownMatter") { Field = "MatterId" };
        }
        if (user.Role == Roles.Department && input.Kind == InspectionKind.Routine)
        {
            throw new RuleViolation("Inspection.RoutineIsTownships") { Field = "Kind" };
        }
        if (user.Role is Roles.Township or Roles.Officer && input.Kind == InspectionKind.Joint)
        {
            throw new RuleViolation("Inspection.JointIsDepartments") { Field = "Kind" };
        }

        var startedAt = input.StartedAt.Value.ToUniversalTime();
        var day = Inspection.DayInChina(startedAt);
        if (day > Today)
        {
            throw new RuleViolation("Inspection.FutureDate", day.ToString("yyyy-MM-dd"), Today.ToString("yyyy-MM-dd")) { Field = "StartedAt" };
        }

        List<Guid> joint = [];
        switch (input.Kind)
        {
            case InspectionKind.Routine:
                // The township leads: it acts under entrustment, which never covers a coercive measure (LAW 7) and must be in force.
                if (matter.Kind == MatterKind.Coercive)
                {
                    throw new RuleViolation("Inspection.CoerciveNotEntrusted", matter.Name) { Field = "MatterId" };
                }
                var entitled = await entitlements.CheckAsync(township.Id, matter.Id, Authority.InspectionOnly, day, null, ct);
                if (!entitled.Allowed)
                {
                    throw new RuleViolation("Inspection.NotEntitled", township.Name, matter.Name, day.ToString("yyyy-MM-dd"),
                        text.Message(new RuleViolation(entitled.ReasonKey!, [.. entitled.ReasonArguments])))
                    { Field = "MatterId" };
                }
                break;
            case InspectionKind.Campaign:
                var campaign = input.CampaignId is null ? null
                    : await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == input.CampaignId, ct);
                if (campaign is null)
                {
                    throw new RuleViolation("Inspection.UnknownCampaign") { Field = "CampaignId" };
                }
                // A re-inspection follows its order, which may fall after the campaign's period.
                if (campaign.Refuses(matter.Id, township.Id, reinspects is null ? day : campaign.StartsOn) is { } refusal)
                {
                    throw refusal;
                }
                break;
            case InspectionKind.Joint:
                joint = [.. (input.JointDepartmentIds ?? []).Where(d => d != matter.DepartmentId).Distinct()];
                var known = await db.Departments.IgnoreQueryFilters()
                    .CountAsync(d => joint.Contains(d.Id) && d.DistrictId == township.DistrictId, ct);
                if (joint.Count == 0 || known != joint.Count)
                {
                    throw new RuleViolation("Inspection.JointNeedsDepartments") { Field = "JointDepartmentIds" };
                }
                break;
        }

        var targets = await TargetsAsync(input.TargetIds ?? [], township.Id, ct);
        var officerIds = (input.OfficerIds ?? []).Distinct().ToList();
        if (TooFewOfficers(officerIds) is { } few)
        {
            throw few;
        }
        // An officer's account records only inspections its officer took part in (an unlinked account none).
        if (user.Role == Roles.Officer && (user.OfficerId is not { } self || !officerIds.Contains(self)))
        {
            throw new RuleViolation("Inspection.NotOneOfTheOfficers") { Field = "OfficerIds" };
        }
        var answers = await powers.MayActAsync(officerIds, matter.Id, township.Id, day, drawnInspectors, ct);
        if (answers.FirstOrDefault(a => !a.Answer.MayAct) is { } refused)
        {
            throw new RuleViolation("Inspection.OfficerMayNotAct", refused.Name ?? refused.OfficerId.ToString(), refused.Answer.Message(text) ?? "")
            {
                Field = "OfficerIds",
            };
        }
        // Recused from a target (LAW 11): never inspects it, drawn or not.
        if ((await ConflictBook.BarringAsync(db, reference, officerIds, targets.Keys, null, ct)).FirstOrDefault() is { } recused)
        {
            throw new RuleViolation("Inspection.OfficerRecused", answers.First(a => a.OfficerId == recused.OfficerId).Name ?? "",
                recused.TargetName, recused.Reason)
            {
                Field = "OfficerIds",
            };
        }
        var inspection = new Inspection(township.DistrictId, township.Id, matter.Id, matter.DepartmentId, input.Kind,
            input.Kind == InspectionKind.Campaign ? input.CampaignId : null, joint, startedAt, input.Findings ?? "", input.Result,
            targets.Keys, officerIds, clock.GetUtcNow(), user.UserName, reinspects?.Id);
        return new Built(inspection, township, matter, targets, answers.ToDictionary(a => a.OfficerId, a => a.Name!), [], []);
    }

    /// <summary>
    /// An inspection recorded for a random plan's assignment (双随机, LAW 26): the assignment must be of the same township
    /// and matter and its target among the inspection's, and not yet linked. The inspection names the plan and the assignment
    /// takes the inspection's day and result (saved with the inspection). An assignment out of sight is "not found" before this.
    /// </summary>
    private async Task LinkDrawnAsync(Inspection inspection, RandomAssignment drawn, CancellationToken ct)
    {
        // The plan past the filters, by the id of an assignment in sight (a township sees the assignments on its targets).
        var plan = await db.RandomPlans.IgnoreQueryFilters().AsNoTracking().Where(p => p.Id == drawn.PlanId)
            .Select(p => new { p.Id, p.Name, p.MatterId }).FirstAsync(ct);
        // The drawn target as it stands now: a target merged since the draw is followed to the one that stays.
        var target = await db.Targets.IgnoreQueryFilters().Where(t => t.Id == drawn.TargetId)
            .Select(t => new { t.Name, t.MergedIntoId }).FirstAsync(ct);
        var targetIds = inspection.Targets.Select(t => t.TargetId).ToList();
        if (drawn.TownshipId != inspection.TownshipId)
        {
            throw new RuleViolation("Inspection.DrawnOtherTownship", plan.Name) { Field = "RandomAssignmentId" };
        }
        if (plan.MatterId != inspection.MatterId)
        {
            throw new RuleViolation("Inspection.DrawnOtherMatter", plan.Name) { Field = "MatterId" };
        }
        if (!targetIds.Contains(drawn.TargetId) && (target.MergedIntoId is not { } into || !targetIds.Contains(into)))
        {
            throw new RuleViolation("Inspection.DrawnTargetMissing", plan.Name, target.Name) { Field = "TargetIds" };
        }
        // The draw picked the inspectors as well as the target (LAW 26): both of them inspect.
        var officerIds = inspection.Officers.Select(o => o.OfficerId).ToList();
        var absent = new[] { drawn.Inspector1Id, drawn.Inspector2Id }.Where(o => !officerIds.Contains(o)).ToList();
        if (absent.Count > 0)
        {
            var names = await db.Officers.IgnoreQueryFilters().Where(o => absent.Contains(o.Id)).Select(o => o.Name).ToListAsync(ct);
            throw new RuleViolation("Inspection.DrawnInspectorsMissing", plan.Name, string.Join("、", names)) { Field = "OfficerIds" };
        }
        // Townships never see draw records (DataScope); the day of an assignment they can see is theirs to read.
        var drawDay = await db.RandomDraws.IgnoreQueryFilters().Where(d => d.PlanId == plan.Id).Select(d => d.DrawDay).FirstAsync(ct);
        var summary = inspection.Findings.Length > RandomAssignment.SummaryLength
            ? inspection.Findings[..RandomAssignment.SummaryLength] : inspection.Findings;
        var outcome = inspection.Result switch
        {
            InspectionResult.NoProblem => InspectionOutcome.NoProblem,
            InspectionResult.RectificationOrdered => InspectionOutcome.RectificationOrdered,
            _ => InspectionOutcome.CaseToBeFiled,
        };
        drawn.LinkInspection(inspection.Id, inspection.Day, outcome, summary, Today, drawDay);
        inspection.DrawnBy(plan.Id);
    }

    /// <summary>The targets as recorded: each one the user can see, a merged one followed to the one that stays, all of the township.</summary>
    private sealed record TargetRead(Guid Id, string Name, Guid TownshipId, Guid? MergedIntoId);

    private async Task<Dictionary<Guid, string>> TargetsAsync(List<Guid> ids, Guid townshipId, CancellationToken ct)
    {
        ids = [.. ids.Distinct()];
        var found = (await TargetsReadAsync(ids, ct)).Where(t => t is not null).Select(t => t!).ToList();
        if (found.Count != ids.Count)
        {
            throw new RuleViolation("Inspection.UnknownTarget") { Field = "TargetIds" };
        }
        var survivorIds = found.Where(t => t.MergedIntoId is not null).Select(t => t.MergedIntoId!.Value).ToList();
        var survivors = (await TargetsReadAsync(survivorIds, ct)).Where(t => t is not null).ToDictionary(t => t!.Id, t => t!);
        Dictionary<Guid, string> result = [];
        foreach (var t in found)
        {
            var stays = t.MergedIntoId is { } into ? survivors.GetValueOrDefault(into) : t;
            if (stays is null)
            {
                throw new RuleViolation("Inspection.UnknownTarget") { Field = "TargetIds" };
            }
            if (stays.TownshipId != townshipId)
            {
                throw new RuleViolation("Inspection.TargetOtherTownship", stays.Name) { Field = "TargetIds" };
            }
            result[stays.Id] = stays.Name;
        }
        return result;
    }

    /// <summary>The targets as the user's scope shows them (null for one out of sight), from memory or in one query.</summary>
    private async Task<List<TargetRead?>> TargetsReadAsync(List<Guid> ids, CancellationToken ct)
    {
        var version = await reference.VersionAsync(ct);
        var known = new Dictionary<Guid, TargetRead?>();
        var missing = new List<Guid>();
        foreach (var id in ids)
        {
            if (reference.TryGet("inspection:target", user, id, version, out TargetRead? t))
            {
                known[id] = t;
            }
            else
            {
                missing.Add(id);
            }
        }
        if (missing.Count > 0)
        {
            var read = await db.Targets.AsNoTracking().Where(t => missing.Contains(t.Id))
                .Select(t => new TargetRead(t.Id, t.Name, t.TownshipId, t.MergedIntoId)).ToDictionaryAsync(t => t.Id, ct);
            foreach (var id in missing)
            {
                known[id] = read.GetValueOrDefault(id);
                reference.Set("inspection:target", user, id, version, known[id]);
            }
        }
        return [.. ids.Select(id => known[id])];
    }

    /// <summary>A rectification order per target when the result orders one, none otherwise.</summary>
    private static List<RectificationOrder> Orders(Inspection inspection, InspectionInput input)
    {
        var orders = input.Orders ?? [];
        if (inspection.Result != InspectionResult.RectificationOrdered)
        {
            return orders.Count == 0 ? [] : throw new RuleViolation("Rectification.OnlyWhenOrdered") { Field = "Orders" };
        }
        var targets = inspection.Targets.Select(t => t.TargetId).ToHashSet();
        var byTarget = new Dictionary<Guid, RectificationOrder>();
        foreach (var o in orders)
        {
            if (o.TargetId is not { } targetId || !targets.Contains(targetId) || byTarget.ContainsKey(targetId))
            {
                throw new RuleViolation("Rectification.OrderPerTarget") { Field = "Orders" };
            }
            if (o.Deadline is not { } deadline)
            {
                throw new RuleViolation("Validation.Required", new Text("Field.Deadline")) { Field = "Orders" };
            }
            byTarget[targetId] = new RectificationOrder(inspection, targetId, o.Requirement ?? "", deadline);
        }
        if (byTarget.Count != targets.Count)
        {
            throw new RuleViolation("Rectification.OrderPerTarget") { Field = "Orders" };
        }
        return [.. byTarget.Values];
    }

    /// <summary>Each file within the size limit and, by its first bytes, a JPEG, PNG, HEIC/HEIF photo or a PDF.</summary>
    public List<InspectionFile> CheckFiles(Inspection inspection, IReadOnlyList<UploadedFile> files)
    {
        List<InspectionFile> kept = [];
        foreach (var file in files)
        {
            var type = ContentTypeOf(file, MaxFileBytes);
            kept.Add(new InspectionFile(inspection, Path.GetFileName(file.Name), type, file.Content, clock.GetUtcNow(), user.UserName));
        }
        return kept;
    }

    /// <summary>The file's type by its content, or the refusal: empty, over <paramref name="maxBytes"/>, or not an allowed type.</summary>
    public static string ContentTypeOf(UploadedFile file, long maxBytes)
    {
        var name = Path.GetFileName(file.Name);
        if (file.Content.Length == 0)
        {
            throw new RuleViolation("Inspection.FileEmpty", name) { Field = "Files" };
        }
        if (file.Content.Length > maxBytes)
        {
            throw new RuleViolation("Inspection.FileTooLarge", name, maxBytes / (1024 * 1024)) { Field = "Files" };
        }
        return FileSniffer.ContentType(file.Content.AsSpan(0, Math.Min(16, file.Content.Length)))
            ?? throw new RuleViolation("Inspection.FileTypeNotAllowed", name) { Field = "Files" };
    }

    private void EnsureMayRecord()
    {
        if (!MayRecord)
        {
            throw new ForbiddenAction();
        }
    }

    // ---- reading ----

    public IQueryable<InspectionRow> Search(InspectionFilter f) => Rows(Filter(db.Inspections.AsNoTracking(), f));

    /// <summary>Every filter on the entity, before the projection.</summary>
    public IQueryable<Inspection> Filter(IQueryable<Inspection> q, InspectionFilter f)
    {
        if (InputDates.MonthStart(f.Month, "Month") is { } first)
        {
            var next = first.AddMonths(1);
            q = q.Where(i => i.StartedOn >= first && i.StartedOn < next);
        }
        if (f.Matter is { } matter)
        {
            q = q.Where(i => i.MatterId == matter);
        }
        if (f.Kind is { } kind)
        {
            q = q.Where(i => i.Kind == kind);
        }
        if (f.Result is { } result)
        {
            q = q.Where(i => i.Result == result);
        }
        if (f.Township is { } township)
        {
            q = q.Where(i => i.TownshipId == township);
        }
        if (f.Campaign is { } campaign)
        {
            q = q.Where(Campaign.InspectionsOf(campaign));
        }
        if (f.Mine == true)
        {
            var (me, today) = (user.UserName, Today);
            q = q.Where(i => i.RecordedBy == me && i.StartedOn == today);
        }
        return q;
    }

    /// <summary>The joins keep their filters (IgnoreQueryFilters would lift the inspections' own): whoever sees an inspection sees its
    /// township, matter and department.</summary>
    /// <summary>
    /// The rows of the work list. The names are looked up per row (scalar subqueries), not joined: an inspection in the user's scope
    /// always has its township, matter and department in scope too, and a joined row set is one the database must build whole
    /// before it can order and cut a page of a district's half a million inspections; looked up, only the page's rows are named.
    /// </summary>
    private IQueryable<InspectionRow> Rows(IQueryable<Inspection> q) =>
        from i in q
        orderby i.StartedOn descending, i.Id descending
        select new InspectionRow(i.Id, i.TownshipId, db.Townships.Where(t => t.Id == i.TownshipId).Select(t => t.Name).First(),
            i.MatterId, db.Matters.Where(m => m.Id == i.MatterId).Select(m => m.Name).First(),
            i.DepartmentId, db.Departments.Where(d => d.Id == i.DepartmentId).Select(d => d.Name).First(), i.Kind, i.CampaignId, i.StartedAt,
            i.Result, i.TargetCount, i.RecordedBy, i.ReinspectionOfOrderId, i.StartedOn);

    /// <summary>The work list's orders (the console's column headers); the newest first by default (by day: SQLite orders no
    /// DateTimeOffset).</summary>
    public static readonly ListSort<InspectionRow> Sorts = new ListSort<InspectionRow>("-started")
        .By("started", r => r.StartedOn).By("township", r => r.TownshipName).By("matter", r => r.MatterName)
        .By("department", r => r.DepartmentName).By("kind", r => r.Kind).By("targets", r => r.TargetCount).By("result", r => r.Result)
        .Then(r => r.Id);

    /// <summary>The rectification list's orders; by deadline by default.</summary>
    public static readonly ListSort<OrderDto> OrderSorts = new ListSort<OrderDto>("deadline")
        .By("target", r => r.TargetName).By("township", r => r.TownshipName).By("matter", r => r.MatterName)
        .By("deadline", r => r.Deadline).By("state", r => r.State).Then(r => r.Id);

    public async Task<InspectionDto?> FindAsync(Guid id, CancellationToken ct)
    {
        var inspection = await db.Inspections.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (inspection is null)
        {
            return null;
        }
        var row = await Rows(db.Inspections.AsNoTracking().Where(i => i.Id == id)).FirstAsync(ct);
        var targetIds = inspection.Targets.Select(t => t.TargetId).ToList();
        var officerIds = inspection.Officers.Select(o => o.OfficerId).ToList();
        // The inspection was seen, so its targets and officers are shown whoever sees it (a department's view of a township's).
        var targets = await db.Targets.IgnoreQueryFilters().AsNoTracking().Where(t => targetIds.Contains(t.Id))
            .OrderBy(t => t.Name).Select(t => new NamedId(t.Id, t.Name)).ToListAsync(ct);
        var officers = await db.Officers.IgnoreQueryFilters().AsNoTracking().Where(o => officerIds.Contains(o.Id))
            .OrderBy(o => o.Name).Select(o => new NamedId(o.Id, o.Name)).ToListAsync(ct);
        var files = await db.InspectionFiles.AsNoTracking().Where(f => f.InspectionId == id).OrderBy(f => f.Id)
            .Select(f => new FileDto(f.Id, f.Name, f.ContentType, f.Size, f.Sha256, f.UploadedAt)).ToListAsync(ct);
        var orders = await OrderRows(db.RectificationOrders.AsNoTracking().Where(o => o.InspectionId == id)).ToListAsync(ct);
        return new InspectionDto(row, inspection.Findings, inspection.RecordedAt, inspection.RandomPlanId, inspection.JointDepartmentIds,
            targets, officers, files, orders);
    }

    /// <summary>A stored file of an inspection the user sees, its read recorded as a security event; null otherwise.</summary>
    public async Task<InspectionFile?> FileAsync(Guid inspectionId, Guid fileId, CancellationToken ct)
    {
        var file = await db.InspectionFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId && f.InspectionId == inspectionId, ct);
        if (file is not null)
        {
            await events.RecordFileReadAsync(user, nameof(InspectionFile), file.Id, inspectionId, file.Name, ct);
        }
        return file;
    }

    public IQueryable<OrderDto> Orders(OrderFilter f)
    {
        var q = db.RectificationOrders.AsNoTracking();
        var today = Today;
        if (f.Overdue == true)
        {
            q = q.Where(o => o.State == OrderState.Open && o.Deadline < today);
        }
        if (f.State is { } state)
        {
            q = q.Where(o => o.State == state);
        }
        if (f.Township is { } township)
        {
            q = q.Where(o => o.TownshipId == township);
        }
        if (f.Matter is { } matter)
        {
            q = q.Where(o => o.MatterId == matter);
        }
        if (f.Campaign is { } campaign)
        {
            var held = db.Inspections.Where(Campaign.InspectionsOf(campaign));
            q = q.Where(o => held.Any(i => i.Id == o.InspectionId));
        }
        return OrderRows(q);
    }

    public Task<OrderDto?> FindOrderAsync(Guid id, CancellationToken ct) =>
        OrderRows(db.RectificationOrders.AsNoTracking().Where(o => o.Id == id)).FirstOrDefaultAsync(ct);

    private IQueryable<OrderDto> OrderRows(IQueryable<RectificationOrder> q)
    {
        var today = Today;
        return from o in q
               join t in db.Targets on o.TargetId equals t.Id
               join town in db.Townships on o.TownshipId equals town.Id
               join m in db.Matters on o.MatterId equals m.Id
               orderby o.Deadline, o.Id
               select new OrderDto(o.Id, o.InspectionId, o.TargetId, t.Name, o.TownshipId, town.Name, o.MatterId, m.Name, o.Requirement,
                   o.Deadline, o.State, o.State == OrderState.Open && o.Deadline < today, o.ReinspectionId, o.ClosedOn);
    }

    /// <summary>
    /// The rectification orders the filter shows, in the list's order, as .xlsx (<see cref="ListExport"/>): the /Rectifications export
    /// button and GET /api/rectifications/export alike.
    /// </summary>
    public Task<(byte[] Content, string FileName)> OrdersExportAsync(OrderFilter f, ListQuery list, ListExport export, CancellationToken ct) =>
        export.WriteAsync("Rectifications.Title", null, Orders(f).ForExport(list, OrderSorts), [
            new("Field.Targets", o => o.TargetName),
            new("Field.Township", o => o.TownshipName),
            new("Field.Matter", o => o.MatterName),
            new("Field.Requirement", o => o.Requirement),
            new("Field.Deadline", o => o.Deadline),
            new("Rectifications.State", o => text["OrderState." + o.State].Value),
            new("Rectifications.Overdue", o => o.Overdue),
        ], ct);

    /// <summary>The work list as .xlsx (<see cref="ListExport"/>), with the same filter as the list.</summary>
    public Task<(byte[] Content, string FileName)> ExportAsync(InspectionFilter f, ListExport export, CancellationToken ct,
        ListQuery? list = null) =>
        export.WriteAsync("Inspections.Title", f.Month, Search(f).ForExport(list ?? new(), Sorts), [
            new("Export.StartedAt", r => r.StartedAt),
            new("Field.Township", r => r.TownshipName),
            new("Field.Matter", r => r.MatterName),
            new("Field.Department", r => r.DepartmentName),
            new("Field.Kind", r => text["InspectionKind." + r.Kind].Value),
            new("Field.Targets", r => r.TargetCount),
            new("Field.Result", r => text["InspectionResult." + r.Result].Value),
            new("Export.RecordedBy", r => r.RecordedBy),
        ], ct);
}
