using Entrust.Web.Features.Officers;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Cases;

/// <summary>The case documents as .docx, shared by <c>GET /api/cases/{id}/documents/{kind}</c> and the case page's download buttons.</summary>
public sealed partial class CaseBook
{
    /// <summary>
    /// The notice once notified, the decision once decided: null for an unknown kind or a case out of the user's scope; a
    /// <see cref="RuleViolation"/> (409) when the case has not reached the step that makes the document.
    /// </summary>
    public async Task<(byte[] Content, string Name)?> DocumentAsync(Guid id, string kind, CancellationToken ct)
    {
        CaseDocumentKind? which = kind.ToLowerInvariant() switch
        {
            "notice" => CaseDocumentKind.Notice,
            "decision" => CaseDocumentKind.Decision,
            _ => null,
        };
        // The case through the data scope: another unit's case is not found.
        var c = which is null ? null : await db.Cases.AsNoTracking().AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return null;
        }
        var day = which == CaseDocumentKind.Decision ? c.DecidedOn : c.NotifiedOn;
        var model = CaseDocumentModel.Of(c, which!.Value, await DocumentSourcesAsync(c, day, ct));
        var document = (CaseDocument.Render(model), CaseDocument.FileName(model));
        await events.RecordFileReadAsync(user, "CaseDocument." + which, c.Id, c.Id, document.Item2, ct);
        return document;
    }

    /// <summary>
    /// What the documents name beyond the case: the township's government, the matter and its basis, the agreement, the
    /// district's government (reconsideration, ARL 24) and court (行政诉讼法 Art. 14, 18), and each acting officer's
    /// certificate valid on the document's day (<see cref="Certificate.ValidOnDay"/>; one for the matter's domain first). The case
    /// was found in scope, so the rows it points to are read past the filters.
    /// </summary>
    private async Task<CaseDocumentSources> DocumentSourcesAsync(Case c, DateOnly? day, CancellationToken ct)
    {
        // Bodies by their full legal names, as the catalogue sets them (the short names when it has none): the township, and
        // the body the case is decided in the name of (the entrusting department under 委托, the township under 赋权).
        var township = await db.Townships.IgnoreQueryFilters().AsNoTracking().Where(t => t.Id == c.TownshipId)
            .Select(t => new { t.Name, t.Kind, t.LegalName }).FirstAsync(ct);
        var townshipName = Catalog.Township.DocumentNameOf(township.LegalName, township.Name, township.Kind);
        var decidingBody = c.Mode == Agreements.AgreementMode.Grant ? townshipName
            : await db.Departments.IgnoreQueryFilters().AsNoTracking().Where(d => d.Id == c.ActingUnitId)
                .Select(d => d.LegalName).FirstOrDefaultAsync(ct) is { Length: > 0 } legal ? legal : c.ActingInNameOf;
        var matter = await db.Matters.IgnoreQueryFilters().AsNoTracking().Where(m => m.Id == c.MatterId)
            .Select(m => new { m.Name, m.LawName, m.LawArticle, m.Domain }).FirstAsync(ct);
        var agreement = await db.Agreements.IgnoreQueryFilters().AsNoTracking().Where(a => a.Id == c.AgreementId)
            .Select(a => a.Number).FirstOrDefaultAsync(ct);
        var district = await db.Districts.IgnoreQueryFilters().AsNoTracking().Where(d => d.Id == c.DistrictId)
            .Select(d => d.Name).FirstAsync(ct);
        var certificates = new Dictionary<Guid, string>();
        if (day is { } on)
        {
            var officerIds = c.Officers.Select(o => o.OfficerId).Distinct().ToList();
            var valid = await db.Certificates.IgnoreQueryFilters().AsNoTracking().Where(x => officerIds.Contains(x.OfficerId))
                .Where(Certificate.ValidOnDay(on)).ToListAsync(ct);
            foreach (var held in valid.GroupBy(x => x.OfficerId))
            {
                certificates[held.Key] = held.OrderByDescending(x => x.Domains.Contains(matter.Domain)).ThenByDescending(x => x.IssuedOn)
                    .First().Number;
            }
        }
        return new CaseDocumentSources(
            townshipName,
            matter.Name,
            CaseDocument.LegalBasis(matter.LawName, matter.LawArticle),
            agreement,
            district + "人民政府",
            district + "人民法院",
            "本机关指定的银行或者电子支付系统",
            c.PartyAddress,
            certificates,
            decidingBody);
    }
}
