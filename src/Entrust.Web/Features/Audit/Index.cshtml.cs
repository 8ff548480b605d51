using Entrust.Web.Features.Audit;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Audit;

/// <summary>The audit trail with its filter bar, and the chain check.</summary>
public sealed class IndexModel(AuditBook book, ListExport export, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Entity { get; set; }
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserName { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [FromQuery] public ListQuery Listing { get; set; } = new();

    public Paged<AuditDto> Result { get; private set; } = new([], 0, 1, 20);
    public List<string> EntityTypes { get; private set; } = [];
    public VerifyResult? Verification { get; private set; }

    private AuditFilter Filter => new(Entity, null, UserName, From, To, null, null);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await book.ListAsync(Filter, Listing, ct);
        EntityTypes = await book.EntityTypesAsync(ct);
    }

    /// <summary>What the filter shows, in the page's order, as .xlsx (<see cref="ListExport"/>), masked as the page masks it.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await book.AllAsync(Filter, Listing, ct);
        var period = From is null && To is null ? null : $"{From:yyyy-MM-dd} ~ {To:yyyy-MM-dd}";
        var (content, name) = await export.WriteAsync("Menu.Audit", period, rows, [
            new("Audit.Sequence", e => e.Sequence),
            new("Audit.At", e => new DateTimeOffset(DateTime.SpecifyKind(e.At, DateTimeKind.Utc))),
            new("Audit.User", e => e.UserName),
            new("Audit.Entity", e => text["Entity." + e.EntityType].Value),
            new("Audit.EntityId", e => e.EntityId),
            new("Audit.Action", e => text["Audit.Action." + e.Action].Value),
            new("Audit.Before", e => e.Before),
            new("Audit.After", e => e.After),
        ], ct);
        return File(content, Spreadsheet.ContentType, name);
    }

    public async Task OnPostVerifyAsync(CancellationToken ct)
    {
        Verification = await book.VerifyAsync(ct);
        await OnGetAsync(ct);
    }
}
