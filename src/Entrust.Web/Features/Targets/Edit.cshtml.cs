using Entrust.Web.Data;
using Entrust.Web.Features.Targets;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Targets;

/// <summary>Adds or changes a regulated target, and merges a duplicate into another target of its township.</summary>
public sealed class EditModel(EntrustDbContext db, TargetRegistry registry, CurrentUser user, IStringLocalizer<SharedResource> text) : PageModel
{
    public sealed class InputModel
    {
        public Guid? TownshipId { get; set; }
        public string? Name { get; set; }
        public TargetKind? Kind { get; set; }
        public string? Address { get; set; }
        public string? CreditCode { get; set; }
        public string? Contact { get; set; }
        public string? Phone { get; set; }
        public RiskLevel? RiskLevel { get; set; }
        public bool HasComplaints { get; set; }
        public bool IsAbnormal { get; set; }

        public static InputModel From(TargetDto t) => new()
        {
            TownshipId = t.TownshipId,
            Name = t.Name,
            Kind = t.Kind,
            Address = t.Address,
            CreditCode = t.CreditCode,
            Contact = t.Contact,
            Phone = t.Phone,
            RiskLevel = t.RiskLevel,
            HasComplaints = t.HasComplaints,
            IsAbnormal = t.IsAbnormal,
        };

        public TargetInput ToInput() => new(TownshipId, Name, Kind, Address, CreditCode, Contact, Phone, RiskLevel, HasComplaints, IsAbnormal);
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty] public Guid? IntoId { get; set; }
    public Guid? Id { get; private set; }
    public TargetDto? Current { get; private set; }
    public string? MergedIntoName { get; private set; }
    public List<Choice> Townships { get; private set; } = [];
    public List<Choice> MergeCandidates { get; private set; } = [];
    public string? MergeError { get; private set; }

    /// <summary>A township user's targets are its own township's: the form shows the township, not a choice.</summary>
    public bool ChoosesTownship => user.TownshipId is null;

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (!registry.MayWrite)
        {
            return Forbid();
        }
        if (id is { } existing)
        {
            if (!await LoadAsync(existing, ct))
            {
                return NotFound();
            }
            Input = InputModel.From(Current!);
        }
        await LoadListsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        if (!registry.MayWrite)
        {
            return Forbid();
        }
        var input = Input.ToInput();
        var errors = registry.Check(new FieldErrors(text), id is null ? input : input with { TownshipId = input.TownshipId ?? Guid.Empty });
        if (!errors.Any)
        {
            try
            {
                var saved = id is { } existing ? await registry.UpdateAsync(existing, input, ct) : await registry.CreateAsync(input, ct);
                if (saved is null)
                {
                    return NotFound();
                }
                TempData["Flash"] = text["Flash.Saved", saved.Name].Value;
                return Redirect("/Targets?q=" + Uri.EscapeDataString(saved.Name));
            }
            catch (RuleViolation v)
            {
                errors.Add(v);
            }
        }
        errors.CopyTo(ModelState);
        if (id is { } again && !await LoadAsync(again, ct))
        {
            return NotFound();
        }
        await LoadListsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostMergeAsync(Guid id, CancellationToken ct)
    {
        if (!registry.MayWrite)
        {
            return Forbid();
        }
        try
        {
            var duplicate = await registry.FindAsync(id, ct);
            var survivor = await registry.MergeAsync(id, IntoId, ct);
            if (duplicate is null || survivor is null)
            {
                return NotFound();
            }
            TempData["Flash"] = text["Flash.TargetMerged", duplicate.Name, survivor.Name].Value;
            return Redirect("/Targets/Edit/" + survivor.Id);
        }
        catch (RuleViolation v)
        {
            MergeError = text.Message(v);
        }
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        Input = InputModel.From(Current!);
        await LoadListsAsync(ct);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        Id = id;
        Current = await registry.FindAsync(id, ct);
        if (Current is null)
        {
            return false;
        }
        if (Current.MergedIntoId is { } into)
        {
            MergedIntoName = (await registry.FindAsync(into, ct))?.Name;
        }
        return true;
    }

    private async Task LoadListsAsync(CancellationToken ct)
    {
        Townships = await db.Townships.AsNoTracking().OrderBy(t => t.Code).Select(t => new Choice(t.Id, t.Name)).ToListAsync(ct);
        if (Current is { MergedIntoId: null } current)
        {
            // Duplicates are usually entered as the same kind; the list stays short enough for a select.
            var sameKind = new TargetFilter(null, current.TownshipId, current.Kind, null, null, null, null, null, null);
            MergeCandidates = await TargetRegistry.Filter(db.Targets.AsNoTracking(), sameKind).Where(t => t.Id != current.Id)
                .OrderBy(t => t.Name).Take(500).Select(t => new Choice(t.Id, t.Name + "（" + t.Address + "）")).ToListAsync(ct);
        }
    }
}
