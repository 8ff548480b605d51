using Entrust.Web.Data;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Agreements;

/// <summary>科室对接制: each department–township pair with the township office that answers for it; the township or the office assigns it.</summary>
public sealed class DockingModel(EntrustDbContext db, EntrustmentBook book, ListExport export, IStringLocalizer<SharedResource> text) : ConsolePageModel(text)
{
    public sealed record OfficeChoice(Guid Id, Guid TownshipId, string Name, string? LeaderInCharge);

    [BindProperty(SupportsGet = true)] public Guid? Township { get; set; }
    [BindProperty(SupportsGet = true)] public bool Undocked { get; set; }
    [FromQuery] public ListQuery Listing { get; set; } = new();
    public Paged<DockingRow> Result { get; private set; } = new([], 0, 1, PageSize);
    public IReadOnlyList<DockingRow> Rows => Result.Items;
    private const int PageSize = 20;
    public List<Choice> Townships { get; private set; } = [];
    public ILookup<Guid, OfficeChoice> Offices { get; private set; } = Array.Empty<OfficeChoice>().ToLookup(o => o.TownshipId);
    public bool MayDock => book.MayDock;

    /// <summary>The refusals of the pair posted, under this prefix: beside that row's select, not every row's of the same name.</summary>
    public const string Posted = "Dock.";

    /// <summary>The pair a refused post named, with the office chosen, drawn again in its row.</summary>
    public DockingInput? Sent { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>What the filter shows, in the page's order, as .xlsx (<see cref="ListExport"/>).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var (content, name) = await book.DockingExportAsync(Township, Undocked, Listing, export, Text, ct);
        return File(content, Spreadsheet.ContentType, name);
    }

    /// <summary>The form posts townshipId, departmentId and internalOfficeId: the fields of <see cref="DockingInput"/>.</summary>
    public async Task<IActionResult> OnPostAsync(DockingInput input, CancellationToken ct)
    {
        Sent = input;
        var errors = EntrustmentBook.Check(new FieldErrors(Text), input);
        if (!errors.Any)
        {
            try
            {
                if (await book.DockAsync(input, ct) is not { } row)
                {
                    return NotFound();
                }
                TempData["Flash"] = Text["Flash.Docked", row.TownshipName, row.DepartmentName, row.OfficeName ?? ""].Value;
                return Redirect(Request.Path + Request.QueryString);
            }
            catch (RuleViolation v)
            {
                db.ChangeTracker.Clear();
                errors.Add(v);
            }
            catch (ForbiddenAction)
            {
                return Forbid();
            }
        }
        errors.CopyTo(ModelState, Posted);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Result = await book.DockingsAsync(Township, Undocked, Listing, ct);
        (Townships, _) = await Choice.PartiesAsync(db, ct);
        var townshipIds = Rows.Select(r => r.TownshipId).Distinct().ToList();
        Offices = (await db.InternalOffices.AsNoTracking().Where(o => townshipIds.Contains(o.TownshipId)).OrderBy(o => o.Name)
                .Select(o => new OfficeChoice(o.Id, o.TownshipId, o.Name, o.LeaderInCharge)).ToListAsync(ct))
            .ToLookup(o => o.TownshipId);
    }
}
