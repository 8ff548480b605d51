using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Features.RandomInspections;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.RandomInspections;

/// <summary>
/// 随机抽查事项清单: the list the user may see, a form to add an entry (matter, basis, content), a button to remove one and one to
/// publish the drafts — the same use cases as GET/POST/DELETE /api/inspection-items and POST /api/inspection-items/publish.
/// </summary>
public sealed class ItemsModel(InspectionItemBook book, EntrustDbContext db, ListExport export, IStringLocalizer<SharedResource> text)
    : ConsolePageModel(text)
{
    /// <summary>Every entry in sight (the add form offers only the matters not among them).</summary>
    public List<InspectionItemDto> Items { get; private set; } = [];

    /// <summary>The list's filter: a word of the matter's code or name.</summary>
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [FromQuery] public ListQuery Listing { get; set; } = new();

    /// <summary>The page of the entries the filter shows, in the asked order.</summary>
    public Paged<InspectionItemDto> Shown { get; private set; } = new([], 0, 1, PagingExtensions.DefaultPageSize);
    public List<Choice> Matters { get; private set; } = [];
    public bool MayKeep => book.MayKeep;

    [BindProperty] public InspectionItemInput Input { get; set; } = new(null, null, null);
    [BindProperty] public Guid? ItemId { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await RedrawAsync(ct);

    /// <summary>The entries the filter shows, in the list's order, as .xlsx (<see cref="InspectionItemBook.ExportAsync"/>).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var (content, name) = await book.ExportAsync(Q, Listing, export, Text, ct);
        return File(content, Spreadsheet.ContentType, name);
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (!book.MayKeep)
        {
            return Forbid();
        }
        var errors = InspectionItemBook.Check(new FieldErrors(Text), Input);
        if (errors.Any)
        {
            errors.CopyTo(ModelState);
            return await RedrawAsync(ct);
        }
        return await RunAsync(() => book.AddAsync(Input, ct), _ => (Text["InspectionItems.Added"].Value, "/RandomPlans/Items"),
            () => RedrawAsync(ct));
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken ct) =>
        await RunAsync<object>(async () => await book.RemoveAsync(ItemId ?? Guid.Empty, ct) ? new() : null,
            _ => (Text["InspectionItems.Removed"].Value, "/RandomPlans/Items"), () => RedrawAsync(ct));

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct) =>
        await RunAsync(() => book.PublishAsync(ct)!, p => (Text["InspectionItems.PublishedFlash", p.Published].Value, "/RandomPlans/Items"),
            () => RedrawAsync(ct));

    private async Task<IActionResult> RedrawAsync(CancellationToken ct)
    {
        Items = await book.ListAsync(ct);
        Shown = InspectionItemBook.Filtered(Items, Q).ToPaged(Listing, InspectionItemBook.Sorts);
        if (book.MayKeep)
        {
            // The matters the user may list: in sight, not coercive, not listed yet.
            var listed = Items.Select(i => i.MatterId).ToList();
            Matters = await db.Matters.AsNoTracking().Where(m => m.Kind != MatterKind.Coercive && !listed.Contains(m.Id)).OrderBy(m => m.Code)
                .Select(m => new Choice(m.Id, m.Code + " " + m.Name)).ToListAsync(ct);
        }
        return Page();
    }
}
