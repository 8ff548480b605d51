using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Cases;

/// <summary>
/// A district's <see cref="CaseSettings"/> as the legal affairs office set them (LAW 15, 18, 24 *configurable*); one row per
/// district, none until the office changes something (<see cref="CaseSettings.Defaults"/> apply).
/// </summary>
public sealed class DistrictCaseSettings
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DistrictId { get; private set; }
    public decimal HearingFinePerson { get; private set; }
    public decimal HearingFineOrganisation { get; private set; }
    public int DecisionDays { get; private set; }
    public int MaxExtensionDays { get; private set; }
    public int RepresentationWorkingDays { get; private set; }
    public int PublicationWorkingDays { get; private set; }
    public decimal MajorFinePerson { get; private set; }
    public decimal MajorFineOrganisation { get; private set; }
    public int MaxExtensions { get; private set; }

    /// <summary>The number of extensions per sector (domain code → number) where the office set one beside the general figure.</summary>
    public Dictionary<string, int> MaxExtensionsByDomain { get; private set; } = [];

    /// <summary>The officers the office has qualified for legal review (法制审核, APL 58); none until it names them.</summary>
    public List<Guid> LegalReviewerIds { get; private set; } = [];

    private DistrictCaseSettings() { }

    public DistrictCaseSettings(Guid districtId, CaseSettings settings)
    {
        DistrictId = districtId;
        Update(settings);
    }

    public CaseSettings ToSettings() => new(HearingFinePerson, HearingFineOrganisation, DecisionDays, MaxExtensionDays,
        RepresentationWorkingDays, PublicationWorkingDays, MajorFinePerson, MajorFineOrganisation, MaxExtensions,
        MaxExtensionsByDomain.Count == 0 ? null : new Dictionary<string, int>(MaxExtensionsByDomain));

    /// <summary>Each figure within what the law allows: the decision period at most the law's 90 days, the windows at least the law's.</summary>
    public void Update(CaseSettings s)
    {
        Range(s.HearingFinePerson, 1m, 1_000_000m, nameof(s.HearingFinePerson));
        Range(s.HearingFineOrganisation, 1m, 10_000_000m, nameof(s.HearingFineOrganisation));
        Range(s.DecisionDays, 1, 90, nameof(s.DecisionDays));
        Range(s.MaxExtensionDays, 1, 90, nameof(s.MaxExtensionDays));
        Range(s.RepresentationWorkingDays, 3, 30, nameof(s.RepresentationWorkingDays));
        Range(s.PublicationWorkingDays, 1, 20, nameof(s.PublicationWorkingDays));
        Range(s.MajorFinePerson, 1m, 10_000_000m, nameof(s.MajorFinePerson));
        Range(s.MajorFineOrganisation, 1m, 100_000_000m, nameof(s.MajorFineOrganisation));
        Range(s.MaxExtensions, 0, 10, nameof(s.MaxExtensions));
        foreach (var (domain, limit) in s.MaxExtensionsByDomain ?? new Dictionary<string, int>())
        {
            if (!Domains.IsKnown(domain))
            {
                throw new RuleViolation("Matter.UnknownDomain", domain) { Field = nameof(s.MaxExtensionsByDomain) };
            }
            Range(limit, 0, 10, nameof(s.MaxExtensionsByDomain));
        }
        HearingFinePerson = s.HearingFinePerson;
        HearingFineOrganisation = s.HearingFineOrganisation;
        DecisionDays = s.DecisionDays;
        MaxExtensionDays = s.MaxExtensionDays;
        RepresentationWorkingDays = s.RepresentationWorkingDays;
        PublicationWorkingDays = s.PublicationWorkingDays;
        MajorFinePerson = s.MajorFinePerson;
        MajorFineOrganisation = s.MajorFineOrganisation;
        MaxExtensions = s.MaxExtensions;
        MaxExtensionsByDomain = new Dictionary<string, int>(s.MaxExtensionsByDomain ?? new Dictionary<string, int>());
    }

    /// <summary>Replaces the qualified legal reviewers (the caller checked they are officers of the district).</summary>
    public void SetLegalReviewers(IEnumerable<Guid> officerIds) => LegalReviewerIds = [.. officerIds.Distinct()];

    private static void Range(decimal value, decimal min, decimal max, string field)
    {
        if (value < min || value > max)
        {
            throw new RuleViolation("Validation.Range", new Text("Field." + field), min, max) { Field = field };
        }
    }

    /// <summary>A district's settings, the defaults when the office has set none.</summary>
    public static async Task<CaseSettings> ForAsync(EntrustDbContext db, Guid districtId, CancellationToken ct = default) =>
        (await db.CaseSettings.AsNoTracking().FirstOrDefaultAsync(s => s.DistrictId == districtId, ct))?.ToSettings()
        ?? CaseSettings.Defaults;
}
