using Entrust.Web.Data;
using Entrust.Web.Features.RandomInspections;
using Entrust.Web.Features.Targets;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.RandomInspections;

/// <summary>Plans a random inspection or changes a draft: the same checks as POST/PUT /api/random-plans.</summary>
public sealed class EditModel(EntrustDbContext db, RandomPlanBook book, IStringLocalizer<SharedResource> text,
    Features.Officers.OfficerPicker picker, TimeProvider clock) : PageModel
{
    public sealed class InputModel
    {
        public string? Name { get; set; }
        public Guid? MatterId { get; set; }
        public List<Guid> TownshipIds { get; set; } = [];
        public List<TargetKind> TargetKinds { get; set; } = [];
        public RiskLevel? MinRiskLevel { get; set; }

        /// <summary>Per cent on the form; a fraction in the plan.</summary>
        public decimal? ProportionPercent { get; set; } = 10;
        public int? Count { get; set; }
        public double ComplaintWeight { get; set; } = 2;
        public double AbnormalWeight { get; set; } = 2;
        public List<Guid> InspectorIds { get; set; } = [];
        public int PublicationWorkingDays { get; set; } = RandomPlan.DefaultPublicationWorkingDays;

        public RandomPlanInput ToInput() => new(Name, MatterId, TownshipIds, TargetKinds, MinRiskLevel,
            Count is null ? ProportionPercent / 100m : null, Count, ComplaintWeight, AbnormalWeight, InspectorIds, PublicationWorkingDays);
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public Guid? Id { get; private set; }
    public List<Choice> Matters { get; private set; } = [];
    public List<Choice> Townships { get; private set; } = [];
    public List<Choice> Officers { get; private set; } = [];

    /// <summary>The inspector pool as the shared picker offers it: the unit beside each name and, once the matter is chosen, those
    /// who may not act on it today greyed with the reason (<see cref="Features.Officers.OfficerPicker"/>).</summary>
    public List<Features.Officers.PickerOfficer> InspectorOffer { get; private set; } = [];

    public Features.Officers.OfficerPickerView Pool =>
        new("Input.InspectorIds", "InspectorIds", text["Field.InspectorIds"], InspectorOffer, Input.InspectorIds);

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (!book.MayPlan)
        {
            return Forbid();
        }
        if (id is { } existing)
        {
            if (await book.FindAsync(existing, ct) is not { } found)
            {
                return NotFound();
            }
            Id = existing;
            var p = found.Plan;
            Input = new InputModel
            {
                Name = p.Name,
                MatterId = p.MatterId,
                TownshipIds = p.TownshipIds,
                TargetKinds = p.TargetKinds,
                MinRiskLevel = p.MinRiskLevel,
                ProportionPercent = p.Proportion * 100,
                Count = p.Count,
                ComplaintWeight = p.ComplaintWeight,
                AbnormalWeight = p.AbnormalWeight,
                InspectorIds = p.InspectorIds,
                PublicationWorkingDays = p.PublicationWorkingDays,
            };
        }
        await LoadListsAsync(ct);
        return Page();
    }

    /// <summary>The pool again for the matter and townships the form now names (htmx, when the matter changes).</summary>
    public async Task<IActionResult> OnGetPoolAsync([FromQuery(Name = "Input.MatterId")] Guid? matterId,
        [FromQuery(Name = "Input.TownshipIds")] List<Guid>? townshipIds, [FromQuery(Name = "Input.InspectorIds")] List<Guid>? inspectorIds,
        CancellationToken ct)
    {
        if (!book.MayPlan)
        {
            return Forbid();
        }
        Input = new InputModel { MatterId = matterId, TownshipIds = townshipIds ?? [], InspectorIds = inspectorIds ?? [] };
        await LoadOfficersAsync(ct);
        return Partial("_OfficerPicker", Pool);
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        if (!book.MayPlan)
        {
            return Forbid();
        }
        Id = id;
        var input = Input.ToInput();
        var errors = await book.CheckAsync(new FieldErrors(text), input, ct);
        if (!errors.Any)
        {
            try
            {
                var plan = id is { } existing ? await book.UpdateAsync(existing, input, ct) : await book.CreateAsync(input, ct);
                if (plan is null)
                {
                    return NotFound();
                }
                return RedirectToPage("/RandomInspections/Detail", new { id = plan.Id });
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
        Matters = await db.Matters.AsNoTracking().Where(m => m.Kind == Features.Catalog.MatterKind.Inspection).OrderBy(m => m.Code)
            .Select(m => new Choice(m.Id, m.Code + " " + m.Name)).ToListAsync(ct);
        Townships = await db.Townships.AsNoTracking().OrderBy(t => t.Code).Select(t => new Choice(t.Id, t.Name)).ToListAsync(ct);
        await LoadOfficersAsync(ct);
    }

    private async Task LoadOfficersAsync(CancellationToken ct)
    {
        Officers = await db.Officers.AsNoTracking().Where(Features.Officers.Officer.Active()).OrderBy(o => o.TownshipId).ThenBy(o => o.Name)
            .Select(o => new Choice(o.Id, o.Name)).ToListAsync(ct);
        // A plan of one township asks about acts there; of several, about each officer's own (a department's: anywhere).
        var township = Input.TownshipIds.Count == 1 ? Input.TownshipIds[0] : (Guid?)null;
        InspectorOffer = await picker.OfferAsync(Officers, Input.MatterId, township, clock.TodayInChina(), null, ct);
    }
}
