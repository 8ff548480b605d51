using Entrust.Web.Data;
using Entrust.Web.Features.Inspections;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Inspections.Campaigns;

/// <summary>
/// Special campaigns with their counts; a department user (or the office) creates one below the list. The form binds
/// <see cref="CampaignInput"/>, the body POST /api/campaigns takes; a refusal shows beside its field.
/// </summary>
public sealed class IndexModel(EntrustDbContext db, CampaignBook book, CurrentUser user, ListExport export,
    IStringLocalizer<SharedResource> text) : ConsolePageModel(text)
{
    [BindProperty] public CampaignInput? Input { get; set; }
    [FromQuery] public ListQuery Listing { get; set; } = new();
    public Paged<CampaignDto> Campaigns { get; private set; } = new([], 0, 1, PagingExtensions.DefaultPageSize);
    public List<Choice> Departments { get; private set; } = [];
    public List<Choice> Matters { get; private set; } = [];
    public List<Choice> Townships { get; private set; } = [];
    public bool MayCreate => book.MayCreate;
    public bool ChoosesDepartment => user.DepartmentId is null;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>The campaigns in the list's order, as .xlsx (<see cref="ListExport"/>).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var (content, name) = await book.ExportAsync(Listing, export, ct);
        return File(content, Spreadsheet.ContentType, name);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!book.MayCreate)
        {
            return Forbid();
        }
        return await RunAsync(async () => await book.CreateAsync(Input ?? new CampaignInput(null, null, null, null, null, null), ct),
            campaign => (Text["Flash.Saved", campaign.Name].Value, $"/Campaigns/Detail/{campaign.Id}"), async () =>
            {
                await LoadAsync(ct);
                return Page();
            });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Campaigns = await book.List().ToPagedAsync(Listing, CampaignBook.Sorts, ct);
        Departments = await db.Departments.AsNoTracking().OrderBy(d => d.Code).Select(d => new Choice(d.Id, d.Name)).ToListAsync(ct);
        var department = user.DepartmentId;
        Matters = await db.Matters.AsNoTracking().Where(m => m.Kind == Features.Catalog.MatterKind.Inspection)
            .OrderBy(m => m.Code).Select(m => new Choice(m.Id, m.Name)).ToListAsync(ct);
        Townships = await db.Townships.AsNoTracking().OrderBy(t => t.Code).Select(t => new Choice(t.Id, t.Name)).ToListAsync(ct);
    }
}
