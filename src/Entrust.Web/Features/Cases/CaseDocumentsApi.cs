using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Cases;

/// <summary>
/// The case documents as .docx (<c>GET /api/cases/{id}/documents/notice|decision</c>) for whoever may see the case, and the
/// public decisions (<c>GET /api/public/decisions</c>) for anyone.
/// </summary>
public static class CaseDocumentsApi
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static void MapCaseDocumentsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cases/{id:guid}/documents/{kind}", Document).RequireAuthorization(Api.Policy).WithTags("Cases");
        app.MapGet("/api/public/decisions", PublicDecisions.Get).AllowAnonymous().WithTags("Public");
        app.MapGet("/api/public/decisions/withdrawn", PublicDecisions.GetWithdrawals).AllowAnonymous().WithTags("Public");
    }

    /// <summary>The notice once notified, the decision once decided (409 naming the state otherwise); 404 for a case out of scope.</summary>
    public static async Task<Results<FileContentHttpResult, NotFound>> Document(Guid id, string kind, EntrustDbContext db, CancellationToken ct) =>
        await RenderAsync(db, id, kind, ct) is { } document
            ? TypedResults.File(document.Content, DocxType, document.Name)
            : TypedResults.NotFound();

    /// <summary>
    /// The document of a case as .docx, shared by the API and the case page's download buttons (the console's cookie never
    /// reaches <c>/api</c>): null for an unknown kind or a case out of the user's scope; a <see cref="RuleViolation"/> (409)
    /// when the case has not reached the step that makes the document.
    /// </summary>
    public static async Task<(byte[] Content, string Name)?> RenderAsync(EntrustDbContext db, Guid id, string kind, CancellationToken ct)
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
        var model = CaseDocumentModel.Of(c, which!.Value, await SourcesAsync(db, c, ct));
        return (CaseDocument.Render(model), CaseDocument.FileName(model));
    }

    /// <summary>
    /// What the documents name beyond the case: the township's government, the matter and its basis, the agreement, and the
    /// district's government (reconsideration, ARL 24) and court (行政诉讼法 Art. 14, 18). The case was found in scope, so the
    /// rows it points to are read past the filters.
    /// </summary>
    public static async Task<CaseDocumentSources> SourcesAsync(EntrustDbContext db, Case c, CancellationToken ct)
    {
        var township = await db.Townships.IgnoreQueryFilters().AsNoTracking().Where(t => t.Id == c.TownshipId)
            .Select(t => new { t.Name, t.Kind }).FirstAsync(ct);
        var matter = await db.Matters.IgnoreQueryFilters().AsNoTracking().Where(m => m.Id == c.MatterId)
            .Select(m => new { m.Name, m.LawName, m.LawArticle }).FirstAsync(ct);
        var agreement = await db.Agreements.IgnoreQueryFilters().AsNoTracking().Where(a => a.Id == c.AgreementId)
            .Select(a => a.Number).FirstOrDefaultAsync(ct);
        var district = await db.Districts.IgnoreQueryFilters().AsNoTracking().Where(d => d.Id == c.DistrictId)
            .Select(d => d.Name).FirstAsync(ct);
        return new CaseDocumentSources(
            Catalog.Township.GovernmentNameOf(township.Name, township.Kind),
            matter.Name,
            LegalBasis(matter.LawName, matter.LawArticle),
            agreement,
            district + "人民政府",
            district + "人民法院",
            "本机关指定的银行或者电子支付系统",
            c.PartyAddress);
    }

    public static string LegalBasis(string lawName, string article) =>
        string.IsNullOrWhiteSpace(lawName) ? article : $"《{lawName.Trim().Trim('《', '》')}》{article}";
}
