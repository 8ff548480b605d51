using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Audit;

/// <summary>The audit trail with its filter bar, and the chain check.</summary>
public sealed class IndexModel(AuditBook book, AuditReader reader, ListExport export, EntrustDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Entity { get; set; }
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserName { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Unit { get; set; }
    [FromQuery] public ListQuery Listing { get; set; } = new();

    public Paged<AuditDto> Result { get; private set; } = new([], 0, 1, 20);
    public List<AuditLine> Lines { get; private set; } = [];
    public List<string> EntityTypes { get; private set; } = [];
    /// <summary>The townships and departments the reader sees, for the unit filter.</summary>
    public List<(Guid Id, string Name)> Townships { get; private set; } = [];
    public List<(Guid Id, string Name)> Departments { get; private set; } = [];
    public VerifyResult? Verification { get; private set; }

    private AuditFilter Filter => new(Entity, null, UserName, From, To, null, null, Unit);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await book.ListAsync(Filter, Listing, ct);
        Lines = await reader.ReadAsync(Result.Items, ct);
        EntityTypes = await book.EntityTypesAsync(ct);
        Townships = [.. (await db.Townships.AsNoTracking().OrderBy(t => t.Code).Select(t => new { t.Id, t.Name }).ToListAsync(ct)).Select(t => (t.Id, t.Name))];
        Departments = [.. (await db.Departments.AsNoTracking().OrderBy(d => d.Code).Select(d => new { d.Id, d.Name }).ToListAsync(ct)).Select(d => (d.Id, d.Name))];
    }

    /// <summary>What the filter shows, in the page's order, as .xlsx (<see cref="ListExport"/>), masked as the page masks it.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var (content, name) = await book.ExportAsync(Filter, Listing, reader, export, ct);
        return File(content, Spreadsheet.ContentType, name);
    }

    public async Task OnPostVerifyAsync(CancellationToken ct)
    {
        Verification = await book.VerifyAsync(ct);
        await OnGetAsync(ct);
    }
}
