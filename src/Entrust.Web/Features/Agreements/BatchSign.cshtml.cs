using Entrust.Web.Data;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Agreements;

/// <summary>The seed's 26 April: the office signs one township's reviewed agreements on one date, all or none.</summary>
public sealed class BatchSignModel(EntrustDbContext db, AgreementBook book, IStringLocalizer<SharedResource> text) : ConsolePageModel(text)
{
    [BindProperty(SupportsGet = true)] public Guid? Township { get; set; }
    [BindProperty] public BatchSignInput Input { get; set; } = new(null, [], null, null, []);
    public List<Choice> Townships { get; private set; } = [];
    public List<AgreementRow> Reviewed { get; private set; } = [];
    public Dictionary<Guid, Guid> DepartmentOf { get; private set; } = [];
    public DateOnly Today => book.Today;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!book.IsOffice)
        {
            return Forbid();
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!book.IsOffice)
        {
            return Forbid();
        }
        try
        {
            var signed = await book.BatchSignAsync(Input with { TownshipId = Township }, ct);
            TempData["Flash"] = Text["Flash.BatchSigned", signed.Count].Value;
            return Redirect($"/Agreements?township={Township}&state={AgreementState.Signed}");
        }
        catch (RuleViolation v)
        {
            db.ChangeTracker.Clear();
            // Beside what it names: the agreements chosen, one agreement (its row), the date, the township's signatory.
            new FieldErrors(Text).Add(v).CopyTo(ModelState);
        }
        catch (ForbiddenAction)
        {
            return Forbid();
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        (Townships, _) = await Choice.PartiesAsync(db, ct);
        if (Township is { } township)
        {
            Reviewed = await book.Rows(new AgreementFilter(township, null, AgreementState.Reviewed, null, null, null, null)).ToListAsync(ct);
            var ids = Reviewed.Select(r => r.Id).ToList();
            DepartmentOf = await db.Agreements.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.DepartmentId, ct);
        }
    }
}
