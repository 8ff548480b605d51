using Entrust.Web.Data;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Agreements;

/// <summary>The agreements the user may see (the query filters decide), through the same projection as GET /api/agreements.</summary>
public sealed class IndexModel(EntrustDbContext db, AgreementBook book, ListExport export, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Township { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Department { get; set; }
    [BindProperty(SupportsGet = true)] public AgreementState? State { get; set; }
    [BindProperty(SupportsGet = true)] public AgreementMode? Mode { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [FromQuery] public ListQuery Listing { get; set; } = new();

    public Paged<AgreementRow> Result { get; private set; } = new([], 0, 1, 20);
    public List<Choice> Townships { get; private set; } = [];
    public List<Choice> Departments { get; private set; } = [];

    private AgreementFilter Filter => new(Township, Department, State, Mode, Q, null, null);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await book.Rows(Filter).ToPagedAsync(Listing, AgreementBook.Sorts, ct);
        (Townships, Departments) = await Choice.PartiesAsync(db, ct);
    }

    /// <summary>What the filter shows, as .xlsx (<see cref="ListExport"/>).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var (content, name) = await book.ExportAsync(Filter, Listing, export, text, ct);
        return File(content, ListExport.ContentType, name);
    }
}
