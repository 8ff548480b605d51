using Entrust.Web.Features.Audit;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Entrust.Web.Features.Audit;

/// <summary>The audit trail with its filter bar, and the chain check.</summary>
public sealed class IndexModel(AuditBook book) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Entity { get; set; }
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserName { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public Paged<AuditDto> Result { get; private set; } = new([], 0, 1, 20);
    public List<string> EntityTypes { get; private set; } = [];
    public VerifyResult? Verification { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await book.ListAsync(new AuditFilter(Entity, null, UserName, From, To, PageNumber, 20), ct);
        EntityTypes = await book.EntityTypesAsync(ct);
    }

    public async Task OnPostVerifyAsync(CancellationToken ct)
    {
        Verification = await book.VerifyAsync(ct);
        await OnGetAsync(ct);
    }
}
