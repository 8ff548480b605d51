using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Catalog.Edit;

/// <summary>Uploads a catalogue .xlsx; a rejected file lists every bad row and nothing is written.</summary>
[RequestSizeLimit(10 * 1024 * 1024)]
public sealed class ImportModel(MatterSpreadsheet sheet, IStringLocalizer<SharedResource> text) : PageModel
{
    public IReadOnlyList<RowError> Errors { get; private set; } = [];
    public string? FileError { get; private set; }

    public void OnGet()
    {
    }

    public IActionResult OnGetTemplate() => File(sheet.Template(), Spreadsheet.ContentType, "权责清单模板.xlsx");

    public async Task<IActionResult> OnPostAsync(IFormFile? file, Guid? districtId, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            FileError = text["Import.NoFile"];
            return Page();
        }
        try
        {
            await using var stream = file.OpenReadStream();
            var result = await sheet.ImportAsync(stream, districtId, ct);
            TempData["Flash"] = text["Import.Done", result.Added, result.Updated].Value;
            return Redirect("/Catalog/Matters");
        }
        catch (RowsRejected rejected)
        {
            Errors = rejected.Rows;
            return Page();
        }
        catch (RuleViolation v)
        {
            FileError = text.Message(v);
            return Page();
        }
    }
}
