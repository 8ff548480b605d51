using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Entrust.Web.Features.Targets;

/// <summary>One target's file (监管对象档案): the target, its inspections, rectification orders, cases and random draws.</summary>
public sealed class DetailModel(TargetFile file, TargetRegistry registry) : PageModel
{
    public TargetFileDto Record { get; private set; } = null!;
    public bool MayWrite => registry.MayWrite;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await file.FindAsync(id, ct) is not { } dto)
        {
            return NotFound();
        }
        Record = dto;
        return Page();
    }
}
