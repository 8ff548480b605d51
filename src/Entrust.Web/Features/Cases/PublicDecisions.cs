using Entrust.Web.Data;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Cases;

/// <summary>
/// 行政处罚决定公示 for anyone without signing in (LAW 24, APL 48): the decisions with social impact that were published and not
/// withdrawn. A decision changed or revoked on reconsideration or in court leaves the page the moment the outcome is recorded,
/// not when the office gets round to recording the withdrawal (that record, due within 3 working days, is the office's trace).
/// A person appears masked (<see cref="PublicParty"/>), an organisation as registered. The search covers only what the page
/// shows in clear — the decision number, the body, the township, the matter and an organisation's name — so that typing a
/// person's real name can't reveal whether they were penalised. A district is named by its code; without one, the first by code.
/// <para>APL 48 ¶2: a published decision changed, revoked, confirmed unlawful or confirmed void is withdrawn and the reason stated
/// publicly. The decision's content (party, facts, penalty) leaves the page; a statement stays in its place
/// (<see cref="WithdrawalsAsync"/>): which decision, by which body, why (the remedy and its outcome) and since when.</para>
/// </summary>
public static class PublicDecisions
{
    public sealed record Entry(string DecisionNumber, DateOnly DecidedOn, DateOnly PublishedOn, DateOnly? PublicationDueOn, bool Late,
        string DecidingBody, string TownshipName, string MatterName, string LegalBasis, PartyKind PartyKind, string PartyName,
        string PartyIdentifier, string Facts, Penalty Penalty, string PenaltyText);

    /// <summary>The public statement of a withdrawn decision: no party, no facts, only what was withdrawn and why.</summary>
    public sealed record Withdrawal(string DecisionNumber, DateOnly DecidedOn, DateOnly PublishedOn, string DecidingBody, string TownshipName,
        string MatterName, RemedyKind RemedyKind, string RemedyBody, RemedyOutcome Outcome, DateOnly OutcomeOn, DateOnly? WithdrawnOn);

    /// <summary>The outcomes that take a published decision off the page (APL 48 ¶2).</summary>
    public static readonly RemedyOutcome[] WithdrawingOutcomes =
        [RemedyOutcome.Changed, RemedyOutcome.Revoked, RemedyOutcome.ConfirmedUnlawful, RemedyOutcome.ConfirmedVoid];

    public static async Task<Ok<Paged<Withdrawal>>> GetWithdrawals(string? district, int? page, int? pageSize, EntrustDbContext db,
        CancellationToken ct) => TypedResults.Ok(await WithdrawalsAsync(db, district, page, pageSize, ct));

    /// <summary>The statements of the district's withdrawn decisions, the latest outcome first.</summary>
    public static async Task<Paged<Withdrawal>> WithdrawalsAsync(EntrustDbContext db, string? districtCode, int? page, int? pageSize,
        CancellationToken ct)
    {
        var districtId = await db.Districts.IgnoreQueryFilters()
            .Where(d => districtCode == null || d.Code == districtCode).OrderBy(d => d.Code).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(ct);
        var found = await (
            from c in db.Cases.IgnoreQueryFilters().AsNoTracking().IgnoreAutoIncludes().Where(Case.WithdrawnFromPublicPage())
            where c.DistrictId == districtId
            join m in db.Matters.IgnoreQueryFilters() on c.MatterId equals m.Id
            join town in db.Townships.IgnoreQueryFilters() on c.TownshipId equals town.Id
            orderby c.WithdrawFromPublicBy descending, c.DecisionNumber
            select new
            {
                c.Id,
                c.DecisionNumber,
                c.DecidedOn,
                c.PublishedOn,
                c.ActingInNameOf,
                TownshipName = town.Name,
                MatterName = m.Name,
                c.WithdrawnFromPublicOn
            })
            .ToPagedAsync(page, pageSize, ct);
        var ids = found.Items.Select(r => r.Id).ToList();
        var remedies = await db.CaseRemedies.IgnoreQueryFilters().AsNoTracking()
            .Where(r => ids.Contains(r.CaseId) && WithdrawingOutcomes.Contains(r.Outcome))
            .Select(r => new { r.CaseId, r.Kind, r.Body, r.Outcome, r.DecidedOn }).ToListAsync(ct);
        var items = found.Items.Select(r =>
        {
            // The first outcome that took the decision off the page is the reason stated.
            var why = remedies.Where(x => x.CaseId == r.Id).OrderBy(x => x.DecidedOn).First();
            return new Withdrawal(r.DecisionNumber!, r.DecidedOn!.Value, r.PublishedOn!.Value, r.ActingInNameOf, r.TownshipName, r.MatterName,
                why.Kind, why.Body, why.Outcome, why.DecidedOn!.Value, r.WithdrawnFromPublicOn);
        }).ToList();
        return new Paged<Withdrawal>(items, found.Total, found.Page, found.PageSize);
    }

    public static async Task<Ok<Paged<Entry>>> Get(string? district, Guid? township, string? q, int? page, int? pageSize,
        EntrustDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await EntriesAsync(db, district, township, q, page, pageSize, ct));

    public static async Task<Paged<Entry>> EntriesAsync(EntrustDbContext db, string? districtCode, Guid? township, string? q, int? page,
        int? pageSize, CancellationToken ct)
    {
        // Published to everyone: deliberately past the data scope, then held to one district by hand.
        var districtId = await db.Districts.IgnoreQueryFilters()
            .Where(d => districtCode == null || d.Code == districtCode).OrderBy(d => d.Code).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(ct);
        if (districtId is null)
        {
            var (number, size) = PagingExtensions.Normalize(page, pageSize);
            return new Paged<Entry>([], 0, number, size);
        }
        var cases = db.Cases.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.DistrictId == districtId).Where(Case.OnPublicPage());
        if (township is { } t)
        {
            cases = cases.Where(c => c.TownshipId == t);
        }
        var rows =
            from c in cases
            join m in db.Matters.IgnoreQueryFilters() on c.MatterId equals m.Id
            join town in db.Townships.IgnoreQueryFilters() on c.TownshipId equals town.Id
            select new { c, m, town };
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            rows = rows.Where(r => r.c.DecisionNumber!.Contains(text) || r.c.ActingInNameOf.Contains(text) || r.town.Name.Contains(text)
                || r.m.Name.Contains(text) || (r.c.PartyKind == PartyKind.Organisation && r.c.PartyName.Contains(text)));
        }
        var found = await rows
            .OrderByDescending(r => r.c.PublishedOn).ThenByDescending(r => r.c.DecidedOn).ThenBy(r => r.c.DecisionNumber)
            .Select(r => new
            {
                r.c.DecisionNumber,
                r.c.DecidedOn,
                r.c.PublishedOn,
                r.c.PublicationDueOn,
                r.c.ActingInNameOf,
                TownshipName = r.town.Name,
                MatterName = r.m.Name,
                r.m.LawName,
                r.m.LawArticle,
                r.c.PartyKind,
                r.c.PartyName,
                r.c.PartyIdentifier,
                r.c.PartyAddress,
                r.c.Facts,
                r.c.DecidedPenalty,
            })
            .ToPagedAsync(page, pageSize, ct);
        var items = found.Items.Select(r => EntryOf(r.DecisionNumber!, r.DecidedOn!.Value, r.PublishedOn!.Value, r.PublicationDueOn,
            r.ActingInNameOf, r.TownshipName, r.MatterName, r.LawName, r.LawArticle,
            new CaseParty(r.PartyKind, r.PartyName, r.PartyIdentifier, r.PartyAddress), r.Facts, r.DecidedPenalty)).ToList();
        return new Paged<Entry>(items, found.Total, found.Page, found.PageSize);
    }

    /// <summary>
    /// A decision as the public sees it, the one shape for the page and for the office's preview before publishing: the party
    /// masked (<see cref="PublicParty"/>), the facts with personal information masked, the penalty.
    /// </summary>
    public static Entry EntryOf(string decisionNumber, DateOnly decidedOn, DateOnly publishedOn, DateOnly? dueOn, string decidingBody,
        string townshipName, string matterName, string lawName, string lawArticle, CaseParty party, string? facts, Penalty? decided)
    {
        var shown = PublicParty.Of(party);
        var penalty = decided ?? Penalty.None;
        return new Entry(decisionNumber, decidedOn, publishedOn, dueOn, publishedOn > dueOn, decidingBody, townshipName, matterName,
            CaseDocument.LegalBasis(lawName, lawArticle), shown.Kind, shown.Name, shown.Identifier,
            PublicParty.MaskText(facts, party), penalty, string.Concat(CaseDocument.PenaltyItems(penalty)));
    }

    /// <summary>
    /// What the public page will show of a decided case if it is published today (the office checks it before publishing);
    /// null when the case is out of the user's sight or not decided yet.
    /// </summary>
    public static async Task<Entry?> PreviewAsync(EntrustDbContext db, Guid caseId, DateOnly today, CancellationToken ct)
    {
        // The case must be in the user's sight; its matter and township are read past the scope (IgnoreQueryFilters is query-wide).
        if (!await db.Cases.AnyAsync(c => c.Id == caseId, ct))
        {
            return null;
        }
        var r = await (
            from c in db.Cases.IgnoreQueryFilters().AsNoTracking().IgnoreAutoIncludes()
            where c.Id == caseId && c.DecisionNumber != null && c.DecidedOn != null
            join m in db.Matters.IgnoreQueryFilters() on c.MatterId equals m.Id
            join town in db.Townships.IgnoreQueryFilters() on c.TownshipId equals town.Id
            select new
            {
                c.DecisionNumber,
                c.DecidedOn,
                c.PublishedOn,
                c.PublicationDueOn,
                c.ActingInNameOf,
                TownshipName = town.Name,
                MatterName = m.Name,
                m.LawName,
                m.LawArticle,
                c.PartyKind,
                c.PartyName,
                c.PartyIdentifier,
                c.PartyAddress,
                c.Facts,
                c.DecidedPenalty,
            }).FirstOrDefaultAsync(ct);
        return r is null ? null : EntryOf(r.DecisionNumber!, r.DecidedOn!.Value, r.PublishedOn ?? today, r.PublicationDueOn,
            r.ActingInNameOf, r.TownshipName, r.MatterName, r.LawName, r.LawArticle,
            new CaseParty(r.PartyKind, r.PartyName, r.PartyIdentifier, r.PartyAddress), r.Facts, r.DecidedPenalty);
    }
}
