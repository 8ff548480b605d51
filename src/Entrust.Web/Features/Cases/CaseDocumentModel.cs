using Entrust.Web.Platform;

namespace Entrust.Web.Features.Cases;

public enum CaseDocumentKind
{
    Notice = 0,   // 行政处罚事先告知书 (APL 44)
    Decision = 1, // 行政处罚决定书 (APL 59), 当场行政处罚决定书 under the summary procedure (APL 52)
}

/// <summary>
/// What the case itself does not hold and the documents must name, resolved by the caller from the catalogue, the agreement
/// and the district: the township that handled the case, the matter and its legal basis, where to pay and where to appeal.
/// </summary>
public sealed record CaseDocumentSources(
    string TownshipName,         // 歇马镇人民政府: handles the case; under 委托 in the department's name
    string MatterName,           // 对违反计划生育规定行为的处罚
    string LegalBasis,           // 《中华人民共和国人口与计划生育法》第四十一条
    string? AgreementNumber,     // 北碚委托〔2026〕7号, named under 委托
    string ReconsiderationBody,  // 重庆市北碚区人民政府 (ARL 24: the county-level government for its departments and townships)
    string Court,                // 重庆市北碚区人民法院 (行政诉讼法 Art. 14, 18)
    string PaymentPlace,         // 指定的银行或者电子支付系统 (APL 67)
    string? PartyAddress = null,
    IReadOnlyDictionary<Guid, string>? CertificateNumbers = null, // each acting officer's certificate valid on the document's day
    string? DecidingBody = null); // 重庆市北碚区林业局: the case's acting body by its full legal name (else the name recorded on the case)

public sealed record CaseDocumentEvidence(DateOnly CollectedOn, string Kind, string Description);

/// <summary>
/// Everything a case document shows, already resolved to text and figures. Built from a case by <see cref="Of"/>, which refuses
/// a document the case has not reached; rendered to .docx by <see cref="CaseDocument"/>. The name on the document and the
/// respondent in any remedy is <see cref="DecidingBody"/>: the entrusting department under 委托, the township under 赋权.
/// </summary>
public sealed record CaseDocumentModel(
    CaseDocumentKind Kind,
    bool IsGrant,
    bool IsSummary,
    string DecidingBody,
    string TownshipName,
    string? AgreementNumber,
    string CaseNumber,
    string? DecisionNumber,
    CaseParty Party,
    string? PartyAddress,
    string MatterName,
    string LegalBasis,
    DateOnly FiledOn,
    string Facts,
    IReadOnlyList<CaseDocumentEvidence> Evidence,
    string? ReasonsAndBasis,     // the notice's statement of facts, reasons and basis
    Penalty Penalty,             // intended (notice) or decided (decision)
    DateOnly IssuedOn,           // the day of the notice or the decision
    DateOnly? NotifiedOn,
    DateOnly? RepresentationsUntil,
    bool HearingOffered,
    DateOnly? HearingRequestUntil,
    DateOnly? RepresentationsOn,
    DateOnly? RightsWaivedOn,
    DateOnly? HearingHeldOn,
    string ReconsiderationBody,
    string Court,
    string PaymentPlace,
    IReadOnlyList<string> Officers,
    string? OnTheSpotPlace = null,  // a summary decision's place and time (APL 52 ¶2)
    TimeOnly? OnTheSpotTime = null,
    IReadOnlyList<string>? Certificates = null) // 张伟 渝执0001: the officers with a certificate valid that day, by name
{
    /// <summary>The officers' certificates as the on-the-spot form names them (empty when none was known).</summary>
    public IReadOnlyList<string> OfficerCertificates => Certificates ?? [];

    /// <summary>
    /// The notice once the party was notified, the decision once decided; otherwise a 409 naming the state the case is in.
    /// </summary>
    public static CaseDocumentModel Of(Case c, CaseDocumentKind kind, CaseDocumentSources sources)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(sources);
        var decision = kind switch
        {
            CaseDocumentKind.Notice when c.NotifiedOn is null =>
                throw RuleViolation.Conflict("CaseDocument.NotNotified", c.Number, new Text("CaseState." + c.State)),
            CaseDocumentKind.Decision when c.DecidedOn is null =>
                throw RuleViolation.Conflict("CaseDocument.NotDecided", c.Number, new Text("CaseState." + c.State)),
            CaseDocumentKind.Notice => false,
            CaseDocumentKind.Decision => true,
            _ => throw new RuleViolation("Validation.Invalid", new Text("CaseField.Kind")) { Field = "Kind" },
        };
        return new CaseDocumentModel(
            kind,
            c.Mode == Agreements.AgreementMode.Grant,
            c.Procedure == CaseProcedure.Summary,
            sources.DecidingBody ?? c.ActingInNameOf,
            sources.TownshipName,
            sources.AgreementNumber,
            c.Number,
            decision ? c.DecisionNumber : null,
            new CaseParty(c.PartyKind, c.PartyName, c.PartyIdentifier),
            sources.PartyAddress,
            sources.MatterName,
            sources.LegalBasis,
            c.FiledOn,
            c.Facts,
            c.Evidence.OrderBy(e => e.CollectedOn).Select(e => new CaseDocumentEvidence(e.CollectedOn, e.Kind, e.Description)).ToList(),
            c.NoticeText,
            decision ? c.PenaltyInForce! : c.NotifiedPenalty!,
            decision ? c.DecidedOn!.Value : c.NotifiedOn!.Value,
            c.NotifiedOn,
            c.RepresentationsUntil,
            c.HearingOffered,
            c.HearingRequestUntil,
            decision ? c.RepresentationsOn : null,
            decision ? c.RightsWaivedOn : null,
            decision ? c.HearingHeldOn : null,
            sources.ReconsiderationBody,
            sources.Court,
            sources.PaymentPlace,
            c.Officers.Select(o => o.Name).Distinct().ToList(),
            c.OnTheSpotPlace,
            c.OnTheSpotTime,
            c.Officers.DistinctBy(o => o.OfficerId)
                .Select(o => sources.CertificateNumbers?.GetValueOrDefault(o.OfficerId) is { } number ? $"{o.Name} {number}" : null)
                .OfType<string>().ToList());
    }
}
