using Entrust.Web.Features.Targets;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Targets;

/// <summary>Uploads regulated targets as .xlsx; a rejected file lists every bad row and nothing is written.</summary>
[RequestSizeLimit(10 * 1024 * 1024)]
public sealed class ImportModel(TargetSpreadsheet sheet, TargetRegistry registry, IStringLocalizer<SharedResource> text) : PageModel
{
    public IReadOnlyList<RowError> Errors { get; private set; } = [];
    public string? FileError { get; private set; }

    public IActionResult OnGet() => registry.MayWrite ? Page() : Forbid();

    public IActionResult OnGetTemplate() => File(sheet.Template(), Spreadsheet.ContentType,
        text["Export.TargetsTemplateFileName"].Value + ".xlsx");

    public async Task<IActionResult> OnPostAsync(IFormFile? file, Guid? districtId, CancellationToken ct)
    {
        if (!registry.MayWrite)
        {
            return Forbid();
        }
        var outcome = await SpreadsheetImport.PageAsync(file, text, stream => sheet.ImportAsync(stream, districtId, ct));
        if (outcome.Result is { } result)
        {
            TempData["Flash"] = text["Target.ImportDone", result.Added].Value;
            return Redirect("/Targets?sort=-created");
        }
        (FileError, Errors) = (outcome.FileError, outcome.Rows);
        return Page();
    }
}
