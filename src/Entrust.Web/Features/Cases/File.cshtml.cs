using Entrust.Web.Data;
using Entrust.Web.Features.Cases;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Cases;

/// <summary>
/// 立案 under the general procedure, or a penalty decided on the spot under the summary procedure (<c>?procedure=Summary</c>);
/// <c>?inspection=ID</c> fills the matter, township, party, facts and officers from the inspection. Every check of
/// <see cref="CaseBook"/> is shown beside its field; a refusal names its rule.
/// </summary>
public sealed class FileModel(EntrustDbContext db, CaseBook book, CurrentUser user, IStringLocalizer<SharedResource> text,
    Features.Officers.OfficerPicker picker)
    : ConsolePageModel(text)
{
    public sealed class InputModel
    {
        public Guid? TownshipId { get; set; }
        public Guid? MatterId { get; set; }
        public Guid? InspectionId { get; set; }
        public string? Number { get; set; }
        public PartyKind? PartyKind { get; set; }
        public string? PartyName { get; set; }
        public string? PartyIdentifier { get; set; }
        public string? PartyAddress { get; set; }
        public string? Facts { get; set; }
        public DateOnly? ActOn { get; set; }
        public DateOnly? ActEndedOn { get; set; }
        public bool ActContinues { get; set; }
        public bool HarmsLifeHealthOrFinance { get; set; }
        public DateOnly? FoundOn { get; set; }
        public DateOnly? FiledOn { get; set; }
        public List<Guid> OfficerIds { get; set; } = [];
        public bool IsMajor { get; set; }
        public bool IsComplex { get; set; }
        public string? DecisionNumber { get; set; }
        public bool Warning { get; set; }
        public decimal? Fine { get; set; }
        public string? Place { get; set; }
        public TimeOnly? Time { get; set; }

        public CaseFileInput ToFiling() => new(TownshipId, MatterId, InspectionId, Blank(Number), PartyKind.OrUnchosen(), PartyName, PartyIdentifier,
            Facts, ActOn, ActEndedOn, ActContinues, HarmsLifeHealthOrFinance, FoundOn, FiledOn, OfficerIds, IsMajor, IsComplex, Blank(PartyAddress));

        public SummaryCaseInput ToSummary() => new(TownshipId, MatterId, InspectionId, Blank(Number), PartyKind.OrUnchosen(), PartyName,
            PartyIdentifier, Facts, ActOn, FiledOn, OfficerIds, Blank(DecisionNumber), new PenaltyInput(Warning, Fine, null), Blank(PartyAddress),
            Blank(Place), Time);

        private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public CaseProcedure Procedure { get; set; }
    public List<Choice> Townships { get; private set; } = [];
    public List<Choice> Matters { get; private set; } = [];
    public List<Choice> Officers { get; private set; } = [];
    public bool ChoosesTownship => user.TownshipId is null;
    public DateOnly Today => book.Today;
    /// <summary>The officers offered, with their units; once the matter is chosen, each asked whether they may act on it today.</summary>
    public List<Features.Officers.PickerOfficer> OfficerOffer { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? township, Guid? inspection, CancellationToken ct)
    {
        if (!book.MayFile)
        {
            return Forbid();
        }
        Input.TownshipId = user.TownshipId ?? township;
        if (inspection is { } id && !await FromInspectionAsync(id, ct))
        {
            return NotFound();
        }
        await LoadListsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!book.MayFile)
        {
            return Forbid();
        }
        Procedure = CaseProcedure.General;
        var input = Input.ToFiling();
        if (book.Check(new FieldErrors(Text), input) is { Any: true } errors)
        {
            return await InvalidAsync(errors, ct);
        }
        return await RunAsync(() => book.FileAsync(input, ct),
            c => (Text["Cases.Filed", c.Number].Value, $"/Cases/Detail/{c.Id}"), () => RedrawAsync(ct));
    }

    public async Task<IActionResult> OnPostSummaryAsync(CancellationToken ct)
    {
        if (!book.MayFile)
        {
            return Forbid();
        }
        Procedure = CaseProcedure.Summary;
        var input = Input.ToSummary();
        if (book.Check(new FieldErrors(Text), input) is { Any: true } errors)
        {
            return await InvalidAsync(errors, ct);
        }
        return await RunAsync(() => book.DecideOnTheSpotAsync(input, ct),
            c => (Text["Cases.DecidedOnTheSpot", c.Number].Value, $"/Cases/Detail/{c.Id}"), () => RedrawAsync(ct));
    }

    private async Task<IActionResult> InvalidAsync(FieldErrors errors, CancellationToken ct)
    {
        errors.CopyTo(ModelState);
        return await RedrawAsync(ct);
    }

    private async Task<IActionResult> RedrawAsync(CancellationToken ct)
    {
        await LoadListsAsync(ct);
        return Page();
    }

    /// <summary>The inspection's township, matter, first target (as the party), findings, day and officers; false when out of sight.</summary>
    private async Task<bool> FromInspectionAsync(Guid id, CancellationToken ct)
    {
        var i = await db.Inspections.AsNoTracking().Where(x => x.Id == id)
            .Select(x => new
            {
                x.TownshipId,
                x.MatterId,
                x.StartedOn,
                x.Findings,
                Target = x.Targets.Select(t => t.TargetId).FirstOrDefault(),
                Officers = x.Officers.Select(o => o.OfficerId).ToList()
            })
            .FirstOrDefaultAsync(ct);
        if (i is null)
        {
            return false;
        }
        var target = await db.Targets.AsNoTracking().Where(t => t.Id == i.Target).Select(t => new { t.Name, t.CreditCode }).FirstOrDefaultAsync(ct);
        Input.InspectionId = id;
        Input.TownshipId = i.TownshipId;
        Input.MatterId = i.MatterId;
        Input.Facts = i.Findings;
        Input.ActOn = i.StartedOn;
        Input.FoundOn = i.StartedOn;
        Input.OfficerIds = i.Officers;
        if (target is not null)
        {
            Input.PartyName = target.Name;
            Input.PartyKind = target.CreditCode is null ? PartyKind.Person : PartyKind.Organisation;
            Input.PartyIdentifier = target.CreditCode;
        }
        return true;
    }

    private async Task LoadListsAsync(CancellationToken ct)
    {
        (Townships, Matters) = await CaseChoices.TownshipsAndMattersAsync(db, ct);
        Input.TownshipId ??= Townships.Count == 1 ? Townships[0].Id : null;
        Officers = await CaseChoices.OfficersAsync(db, Input.TownshipId, user.DepartmentId, ct);
        OfficerOffer = await picker.OfferAsync(Officers, Input.MatterId, Input.TownshipId, book.Today, null, ct);
    }
}
