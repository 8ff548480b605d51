using Entrust.Web.Data;
using Entrust.Web.Features.Inspections;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Inspections.Rectifications;

/// <summary>Re-inspecting an order's target: put right (the order is completed) or a case to be filed (escalated).</summary>
public sealed class ReinspectModel(EntrustDbContext db, InspectionBook book, CurrentUser user, TimeProvider clock,
    IStringLocalizer<SharedResource> text, Features.Officers.OfficerPicker picker) : ConsolePageModel(text)
{
    public sealed class InputModel
    {
        public DateTime? StartedAt { get; set; }
        public List<Guid> OfficerIds { get; set; } = [];
        public string? Findings { get; set; }
        public InspectionResult Result { get; set; } = InspectionResult.NoProblem;
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty] public List<IFormFile> Files { get; set; } = [];
    public OrderDto Order { get; private set; } = null!;
    public List<Choice> Officers { get; private set; } = [];
    /// <summary>The officers offered, with their units, each asked whether they may act on the order's matter in its township that day.</summary>
    public List<Features.Officers.PickerOfficer> OfficerOffer { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!book.MayRecord)
        {
            return Forbid();
        }
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        Input.StartedAt = clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!book.MayRecord)
        {
            return Forbid();
        }
        var errors = new FieldErrors(Text);
        try
        {
            var files = await Features.Inspections.InspectionsApi.ReadAsync(Files, book.MaxFileBytes, ct);
            var reinspection = await book.ReinspectAsync(id, new ReinspectInput(
                Input.StartedAt is { } at ? new DateTimeOffset(at, TimeSpan.FromHours(8)) : null, Input.OfficerIds, Input.Findings, Input.Result), files, ct);
            if (reinspection is null)
            {
                return NotFound();
            }
            TempData["Flash"] = Text["Inspections.Recorded"].Value;
            return Redirect($"/Inspections/Detail/{reinspection.Id}");
        }
        catch (RuleViolation v)
        {
            errors.Add(v);
        }
        errors.CopyTo(ModelState);
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await book.FindOrderAsync(id, ct) is not { } order)
        {
            return false;
        }
        Order = order;
        Officers = await db.Officers.AsNoTracking()
            .Where(Features.Officers.Officer.Active())
            .Where(o => o.TownshipId == order.TownshipId || (user.DepartmentId != null && o.DepartmentId == user.DepartmentId))
            .OrderBy(o => o.Name).Select(o => new Choice(o.Id, o.Name)).ToListAsync(ct);
        var day = Input.StartedAt is { } at ? DateOnly.FromDateTime(at) : clock.TodayInChina();
        OfficerOffer = await picker.OfferAsync(Officers, order.MatterId, order.TownshipId, day, null, ct);
        return true;
    }
}
