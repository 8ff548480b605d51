using Entrust.Web.Data;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Agreements.Edit;

/// <summary>Drafts a new agreement or revises a draft; <see cref="AgreementBook"/> and the agreement decide what is allowed.</summary>
public sealed class IndexModel(EntrustDbContext db, AgreementBook book, CurrentUser user, IStringLocalizer<SharedResource> text) : ConsolePageModel(text)
{
    public sealed class MatterRow
    {
        public Guid MatterId { get; set; }
        public bool Selected { get; set; }
        public Authority Authority { get; set; }
        public decimal? FineCap { get; set; }
        public List<PenaltyKinds> ExcludedPenalties { get; set; } = [];
    }

    public sealed class InputModel
    {
        public Guid? DepartmentId { get; set; }
        public Guid? TownshipId { get; set; }
        public AgreementMode? Mode { get; set; }
        public string? GrantDecisionNumber { get; set; }
        public DateOnly? TermStart { get; set; }
        public DateOnly? TermEnd { get; set; }
        public string? RightsAndObligations { get; set; }
        public decimal? FundingAmount { get; set; }
        public string? FundingNote { get; set; }
        public bool HasPublicAffairsFunctions { get; set; }
        public bool HasQualifiedStaff { get; set; }
        public bool HasTechnicalMeans { get; set; }
        public List<MatterRow> Matters { get; set; } = [];

        public AgreementInput ToInput() => new(DepartmentId, TownshipId, Mode.OrUnchosen(), GrantDecisionNumber, TermStart, TermEnd, RightsAndObligations,
            FundingAmount, FundingNote, HasPublicAffairsFunctions, HasQualifiedStaff, HasTechnicalMeans,
            Matters.Where(m => m.Selected).Select(m => new AgreementMatterInput(m.MatterId, m.Authority, m.FineCap, m.ExcludedPenalties)).ToList());
    }

    /// <summary>A matter the form offers, with its department to group by.</summary>
    public sealed record MatterChoice(Guid Id, string Code, string Name, Guid DepartmentId, string DepartmentName, MatterKind Kind,
        Entrustability Entrustability, string LegalBasis);

    [BindProperty] public InputModel Input { get; set; } = new();
    public Guid? Id { get; private set; }
    public string? Number { get; private set; }
    public string? FixedParties { get; private set; }
    public List<Choice> Townships { get; private set; } = [];
    public List<Choice> Departments { get; private set; } = [];
    public List<MatterChoice> Matters { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (!book.MayDraft)
        {
            return Forbid();
        }
        if (id is { } existing)
        {
            var a = await book.GetAsync(existing, ct);
            if (a is null)
            {
                return NotFound();
            }
            if (a.State != AgreementState.Draft)
            {
                return Redirect($"/Agreements/Detail/{existing}");
            }
            Id = a.Id;
            Number = a.Number;
            FixedParties = $"{a.DepartmentName} → {a.TownshipName}";
            Input = new InputModel
            {
                DepartmentId = a.DepartmentId,
                TownshipId = a.TownshipId,
                Mode = a.Mode,
                GrantDecisionNumber = a.GrantDecisionNumber,
                TermStart = a.TermStart,
                TermEnd = a.TermEnd,
                RightsAndObligations = a.RightsAndObligations,
                FundingAmount = a.FundingAmount,
                FundingNote = a.FundingNote,
                HasPublicAffairsFunctions = a.HasPublicAffairsFunctions,
                HasQualifiedStaff = a.HasQualifiedStaff,
                HasTechnicalMeans = a.HasTechnicalMeans,
                Matters = a.Matters.Select(m => new MatterRow
                {
                    MatterId = m.MatterId,
                    Selected = true,
                    Authority = m.Authority,
                    FineCap = m.FineCap,
                    ExcludedPenalties = [.. m.ExcludedPenalties]
                }).ToList(),
            };
        }
        else
        {
            var today = book.Today;
            Input.DepartmentId = user.DepartmentId;
            Input.TermStart = today;
            Input.TermEnd = today.AddYears(3).AddDays(-1);
        }
        await LoadListsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        var input = Input.ToInput();
        var errors = AgreementBook.Check(new FieldErrors(Text), input, revising: id is not null);
        if (!errors.Any)
        {
            try
            {
                var saved = id is { } existing ? await book.ReviseAsync(existing, input, ct) : await book.CreateAsync(input, ct);
                if (saved is null)
                {
                    return NotFound();
                }
                TempData["Flash"] = Text["Flash.Saved", saved.Number].Value;
                return Redirect($"/Agreements/Detail/{saved.Id}");
            }
            catch (RuleViolation v)
            {
                errors.Add(v);
            }
            catch (ForbiddenAction)
            {
                return Forbid();
            }
        }
        errors.CopyTo(ModelState);
        if (id is { } again && await book.GetAsync(again, ct) is { } a)
        {
            Number = a.Number;
            FixedParties = $"{a.DepartmentName} → {a.TownshipName}";
        }
        await LoadListsAsync(ct);
        return Page();
    }

    private async Task LoadListsAsync(CancellationToken ct)
    {
        (Townships, Departments) = await Choice.PartiesAsync(db, ct);
        var matters = db.Matters.AsNoTracking();
        // A revised draft keeps its department: offer only that department's matters.
        if (Id is not null && Input.DepartmentId is { } fixedDepartment)
        {
            matters = matters.Where(m => m.DepartmentId == fixedDepartment);
        }
        Matters = (await matters
                .Select(m => new { m.Id, m.Code, m.Name, m.DepartmentId, Department = m.Department!.Name, DepartmentCode = m.Department.Code, m.Kind, m.Entrustability, m.LawName, m.LawArticle })
                .ToListAsync(ct))
            .OrderBy(m => m.DepartmentCode).ThenBy(m => m.Code, StringComparer.Ordinal)
            .Select(m => new MatterChoice(m.Id, m.Code, m.Name, m.DepartmentId, m.Department, m.Kind, m.Entrustability, $"《{m.LawName}》{m.LawArticle}"))
            .ToList();
    }

    public MatterRow RowFor(Guid matterId) => Input.Matters.FirstOrDefault(m => m.MatterId == matterId) ?? new MatterRow { MatterId = matterId };
}
