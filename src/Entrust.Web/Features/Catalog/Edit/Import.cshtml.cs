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

    public IActionResult OnGetTemplate() => File(sheet.Template(), Spreadsheet.ContentType,
        text["Export.MattersTemplateFileName"].Value + ".xlsx");

    public async Task<IActionResult> OnPostAsync(IFormFile? file, Guid? districtId, CancellationToken ct)
    {
        var outcome = await SpreadsheetImport.PageAsync(file, text, stream => sheet.ImportAsync(stream, districtId, ct));
        if (outcome.Result is { } result)
        {
            TempData["Flash"] = text["Import.Done", result.Added, result.Updated].Value;
            return Redirect("/Catalog/Matters");
        }
        (FileError, Errors) = (outcome.FileError, outcome.Rows);
        return Page();
    }
}
