using Entrust.Web.Data;
using Entrust.Web.Features.Inspections;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Inspections;

/// <summary>
/// Recording an inspection on site, phone first: one column, the camera straight into the file input, every check of
/// <see cref="InspectionBook"/> shown beside its field. One requirement and deadline apply to each target when rectification is ordered.
/// </summary>
public sealed class RecordModel(EntrustDbContext db, InspectionBook book, CurrentUser user, TimeProvider clock,
    IStringLocalizer<SharedResource> text, Features.Officers.OfficerPicker picker) : ConsolePageModel(text)
{
    public sealed class InputModel
    {
        public Guid? TownshipId { get; set; }
        public Guid? MatterId { get; set; }
        public InspectionKind Kind { get; set; } = InspectionKind.Routine;
        public Guid? CampaignId { get; set; }
        public List<Guid> JointDepartmentIds { get; set; } = [];
        public DateTime? StartedAt { get; set; }
        public List<Guid> TargetIds { get; set; } = [];
        public List<Guid> OfficerIds { get; set; } = [];
        public string? Findings { get; set; }
        public InspectionResult Result { get; set; } = InspectionResult.NoProblem;
        public string? Requirement { get; set; }
        public DateOnly? Deadline { get; set; }
        public Guid? RandomAssignmentId { get; set; }

        public InspectionInput ToInput() => new(TownshipId, MatterId, Kind, CampaignId, JointDepartmentIds,
            StartedAt is { } at ? new DateTimeOffset(at, TimeSpan.FromHours(8)) : null, TargetIds, OfficerIds, Findings, Result,
            Result == InspectionResult.RectificationOrdered ? [.. TargetIds.Distinct().Select(t => new OrderInput(t, Requirement, Deadline))] : null,
            RandomAssignmentId);
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty] public List<IFormFile> Files { get; set; } = [];
    public List<Choice> Townships { get; private set; } = [];
    public List<Choice> Matters { get; private set; } = [];
    public List<Choice> Campaigns { get; private set; } = [];
    public List<Choice> Departments { get; private set; } = [];
    public List<Choice> Targets { get; private set; } = [];
    public List<Choice> Officers { get; private set; } = [];
    /// <summary>The officers offered: with their units and, once the matter is chosen, whether each may act on it that day.</summary>
    public List<Features.Officers.PickerOfficer> OfficerOffer { get; private set; } = [];
    public bool ChoosesTownship => user.TownshipId is null && Input.RandomAssignmentId is null;

    /// <summary>For an inspection of a random plan's assignment: the plan's name and the drawn target's, shown above the form.</summary>
    public (Guid PlanId, string PlanName, string TargetName)? Drawn { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? township, Guid? assignment, Guid? matter, CancellationToken ct)
    {
        if (!book.MayRecord)
        {
            return Forbid();
        }
        Input.TownshipId = user.TownshipId ?? township;
        Input.MatterId = matter;
        Input.StartedAt = clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime;
        Input.Kind = user.Role == Roles.Department ? InspectionKind.Campaign : InspectionKind.Routine;
        if (assignment is { } assignmentId)
        {
            // Filled in from the draw: township, matter, the drawn target and its two inspectors.
            var drawn = await db.RandomAssignments.AsNoTracking().Where(a => a.Id == assignmentId)
                .Join(db.RandomPlans, a => a.PlanId, p => p.Id, (a, p) => new { a.TownshipId, a.TargetId, a.Inspector1Id, a.Inspector2Id, p.MatterId })
                .FirstOrDefaultAsync(ct);
            if (drawn is null)
            {
                return NotFound();
            }
            Input.RandomAssignmentId = assignmentId;
            Input.TownshipId = drawn.TownshipId;
            Input.MatterId = drawn.MatterId;
            Input.TargetIds = [drawn.TargetId];
            Input.OfficerIds = [drawn.Inspector1Id, drawn.Inspector2Id];
        }
        await LoadListsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!book.MayRecord)
        {
            return Forbid();
        }
        var input = Input.ToInput();
        var errors = book.Check(new FieldErrors(Text), input);
        if (InspectionBook.TooFewOfficers(input.OfficerIds) is { } few)
        {
            errors.Add(few);
        }
        if (Input.Result == InspectionResult.RectificationOrdered)
        {
            // The form's one requirement and deadline, made into each target's order: asked with the other fields (the book
            // refuses an order without them too, but only once the rest passes).
            errors.Required("Requirement", Input.Requirement, RectificationOrder.RequirementLength);
            if (Input.Deadline is null)
            {
                errors.Add("Deadline", "Validation.Required", new Text("Field.Deadline"));
            }
        }
        if (!errors.Any)
        {
            try
            {
                var files = await InspectionsApi.ReadAsync(Files, book.MaxFileBytes, ct);
                var inspection = await book.RecordAsync(input, files, ct);
                if (inspection is null)
                {
                    return NotFound();
                }
                TempData["Flash"] = Text["Inspections.Recorded"].Value;
                return Redirect($"/Inspections/Detail/{inspection.Id}");
            }
            catch (RuleViolation v)
            {
                errors.Add(v);
            }
        }
        errors.CopyTo(ModelState);
        await LoadListsAsync(ct);
        return Page();
    }

    private async Task LoadListsAsync(CancellationToken ct)
    {
        List<Guid> drawnInspectors = [];
        if (Input.RandomAssignmentId is { } assignmentId)
        {
            var drawn = await db.RandomAssignments.AsNoTracking().Where(a => a.Id == assignmentId)
                .Join(db.RandomPlans, a => a.PlanId, p => p.Id, (a, p) => new { p.Id, p.Name, a.TargetId, a.Inspector1Id, a.Inspector2Id })
                .FirstOrDefaultAsync(ct);
            if (drawn is not null)
            {
                drawnInspectors = [drawn.Inspector1Id, drawn.Inspector2Id];
                // The target's name by id, in a query of its own (IgnoreQueryFilters() lifts every filter of a query).
                var target = await db.Targets.IgnoreQueryFilters().Where(t => t.Id == drawn.TargetId).Select(t => t.Name).FirstAsync(ct);
                Drawn = (drawn.Id, drawn.Name, target);
            }
        }
        Townships = await db.Townships.AsNoTracking().OrderBy(t => t.Code).Select(t => new Choice(t.Id, t.Name)).ToListAsync(ct);
        Input.TownshipId ??= Townships.Count == 1 ? Townships[0].Id : null;
        var township = Input.TownshipId;
        Matters = await db.Matters.AsNoTracking().Where(m => m.Kind != Features.Catalog.MatterKind.Penalty).OrderBy(m => m.Code)
            .Select(m => new Choice(m.Id, m.Name)).ToListAsync(ct);
        Campaigns = await db.Campaigns.AsNoTracking().OrderByDescending(c => c.StartsOn).Select(c => new Choice(c.Id, c.Name)).ToListAsync(ct);
        Departments = await db.Departments.AsNoTracking().OrderBy(d => d.Code).Select(d => new Choice(d.Id, d.Name)).ToListAsync(ct);
        Targets = await db.Targets.AsNoTracking().Where(t => t.TownshipId == township && t.MergedIntoId == null).OrderBy(t => t.Name)
            .Select(t => new Choice(t.Id, t.Name)).ToListAsync(ct);
        Officers = await db.Officers.AsNoTracking()
            .Where(Features.Officers.Officer.Active()).Where(o => o.TownshipId == township || (user.DepartmentId != null && o.DepartmentId == user.DepartmentId))
            .OrderBy(o => o.Name).Select(o => new Choice(o.Id, o.Name)).ToListAsync(ct);
        // The drawn inspectors are offered even when they are not the township's own (a department's officer in the pool): the
        // assignment in sight names them, so they are read by id past the scope (in a query of their own), and no one else is.
        var missing = drawnInspectors.Where(id => Officers.All(o => o.Id != id)).ToList();
        if (missing.Count > 0)
        {
            Officers.AddRange(await db.Officers.IgnoreQueryFilters().AsNoTracking().Where(o => missing.Contains(o.Id)).OrderBy(o => o.Name)
                .Select(o => new Choice(o.Id, o.Name)).ToListAsync(ct));
        }
        var day = Input.StartedAt is { } at ? DateOnly.FromDateTime(at) : clock.TodayInChina();
        OfficerOffer = await picker.OfferAsync(Officers, Input.MatterId, township, day, drawnInspectors, ct);
    }
}
