using Entrust.Web.Data;
using Entrust.Web.Features.Officers;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Officers;

/// <summary>The officers the user may see (the query filters decide), through the same rows and masking as GET /api/officers.</summary>
public sealed class IndexModel(EntrustDbContext db, OfficerRegistry registry, ListExport export, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public OfficerStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public StaffType? StaffType { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [FromQuery] public ListQuery Listing { get; set; } = new();

    public Paged<OfficerRow> Result { get; private set; } = new([], 0, 1, 20);
    public List<Choice> Townships { get; private set; } = [];
    public List<Choice> Departments { get; private set; } = [];
    public bool MayRegister => registry.MayRegister;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await registry.PageAsync(new OfficerFilter(Unit, Status, StaffType, Q, null, null), Listing, ct);
        (Townships, Departments) = await Choice.PartiesAsync(db, ct);
    }

    /// <summary>What the filter shows, as .xlsx (<see cref="ListExport"/>), masked as the list masks it.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await registry.AllAsync(new OfficerFilter(Unit, Status, StaffType, Q, null, null), Listing, ct);
        var (content, name) = await export.WriteAsync("Menu.Officers", null, rows, [
            new("Field.Name", o => o.Name),
            new("Field.Gender", o => text["Gender." + o.Gender].Value),
            new("Field.Unit", o => o.UnitName),
            new("Field.Post", o => o.Post),
            new("Field.StaffType", o => text["StaffType." + o.StaffType].Value),
            new("Field.IdNumber", o => o.IdNumber),
            new("Field.Phone", o => o.Phone),
            new("Field.CertificateNumber", o => o.CertificateNumber),
            new("Field.Status", o => text["OfficerStatus." + o.Status].Value),
        ], ct);
        return File(content, Spreadsheet.ContentType, name);
    }
}
