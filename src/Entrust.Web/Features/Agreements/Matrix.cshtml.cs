using Entrust.Web.Data;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Agreements;

/// <summary>Townships × departments on a day; a department user sees its own column and a township user its own row.</summary>
public sealed class MatrixModel(EntrustDbContext db, EntrustmentBook book, CurrentUser user, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Township { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Department { get; set; }
    [BindProperty(SupportsGet = true)] public AgreementMode? Mode { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Date { get; set; }

    public Matrix Result { get; private set; } = null!;
    public List<Choice> Townships { get; private set; } = [];
    public List<Choice> Departments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await book.MatrixAsync(Filter, ct);
        (Townships, Departments) = await Choice.PartiesAsync(db, ct);
        if (user.DepartmentId is { } own)
        {
            Departments = Departments.Where(d => d.Id == own).ToList();
        }
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) =>
        File(await book.MatrixWorkbookAsync(Filter, text, ct), MatterSpreadsheet.ContentType, "委托矩阵.xlsx");

    private MatrixFilter Filter => new(Date, Township, Department, Mode);
}
