using Entrust.Web.Data;
using Entrust.Web.Features.Cases;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Cases;

/// <summary>
/// The office's case settings: hearing thresholds, decision and extension days, how many extensions, the windows, the fines that make
/// a case major, and the legal reviewers.
/// </summary>
public sealed class SettingsModel(EntrustDbContext db, CaseBook book, CurrentUser user, IStringLocalizer<SharedResource> text)
    : ConsolePageModel(text)
{
    public sealed class InputModel
    {
        public decimal HearingFinePerson { get; set; }
        public decimal HearingFineOrganisation { get; set; }
        public int DecisionDays { get; set; }
        public int MaxExtensionDays { get; set; }
        public int RepresentationWorkingDays { get; set; }
        public int PublicationWorkingDays { get; set; }
        public int MaxExtensions { get; set; }
        public decimal MajorFinePerson { get; set; }
        public decimal MajorFineOrganisation { get; set; }
        public List<Guid> LegalReviewerIds { get; set; } = [];

        /// <summary>Per sector (domain code), blank where the general number applies.</summary>
        public Dictionary<string, int?> MaxExtensionsByDomain { get; set; } = [];

        public CaseSettingsInput ToInput() => new(HearingFinePerson, HearingFineOrganisation, DecisionDays, MaxExtensionDays,
            RepresentationWorkingDays, PublicationWorkingDays, LegalReviewerIds, MajorFinePerson, MajorFineOrganisation, MaxExtensions,
            MaxExtensionsByDomain.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!.Value));
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public List<Choice> Officers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!book.MayKeepSettings)
        {
            return Forbid();
        }
        var (s, reviewers) = await book.SettingsOfAsync(user.DistrictId!.Value, ct);
        Input = new InputModel
        {
            HearingFinePerson = s.HearingFinePerson,
            HearingFineOrganisation = s.HearingFineOrganisation,
            DecisionDays = s.DecisionDays,
            MaxExtensionDays = s.MaxExtensionDays,
            RepresentationWorkingDays = s.RepresentationWorkingDays,
            PublicationWorkingDays = s.PublicationWorkingDays,
            MaxExtensions = s.MaxExtensions,
            MajorFinePerson = s.MajorFinePerson,
            MajorFineOrganisation = s.MajorFineOrganisation,
            LegalReviewerIds = [.. reviewers],
            MaxExtensionsByDomain = (s.MaxExtensionsByDomain ?? new Dictionary<string, int>()).ToDictionary(p => p.Key, p => (int?)p.Value),
        };
        return await RedrawAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!book.MayKeepSettings)
        {
            return Forbid();
        }
        if (!ModelState.IsValid)
        {
            return await RedrawAsync(ct);
        }
        return await RunAsync<DistrictCaseSettings>(async () => await book.SaveSettingsAsync(Input.ToInput(), ct),
            _ => (Text["Cases.SettingsSaved"].Value, "/Cases/Settings"), () => RedrawAsync(ct));
    }

    private async Task<IActionResult> RedrawAsync(CancellationToken ct)
    {
        Officers = await db.Officers.AsNoTracking().Where(Features.Officers.Officer.Active())
            .OrderBy(o => o.Name).Select(o => new Choice(o.Id, o.Name)).ToListAsync(ct);
        return Page();
    }
}
