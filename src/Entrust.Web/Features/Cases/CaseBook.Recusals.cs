using Entrust.Web.Features.Officers;
using Entrust.Web.Features.RandomInspections;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Cases;

/// <summary>回避 (LAW 11, APL 43): applications and decisions on a case, and the recusals that bar an officer from its steps.</summary>
public sealed partial class CaseBook
{
    /// <summary>A recusal application by the party or an officer, about an officer of the district; null when the case is out of sight.</summary>
    public Task<Case?> ApplyForRecusalAsync(Guid id, RecusalInput input, CancellationToken ct) =>
        StepAsync(id, async c =>
        {
            RuleViolation.ThrowAll([input.AppliedBy is null ? Case.Missing("AppliedBy") : null, NotChosen(input.OfficerId, "OfficerId"),
                Blank(input.Reason, "Reason")]);
            var on = NotFuture(input.On, "On");
            var officer = await OfficerOfDistrictAsync(input.OfficerId, c.DistrictId, "OfficerId", ct);
            // A missing choice reaches the domain as an undefined value, which it refuses like any other invalid one.
            c.ApplyForRecusal(new RecusalApplication(input.AppliedBy ?? (RecusalApplicant)(-1), officer.Id, officer.Name, on, input.Reason ?? ""));
        }, ct);

    /// <summary>The decision by the head of the acting body, recorded by whoever writes the case; null when case or application is out of sight.</summary>
    public async Task<Case?> DecideRecusalAsync(Guid id, Guid recusalId, RecusalDecisionInput input, CancellationToken ct)
    {
        var c = await db.Cases.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || c.Recusals.All(r => r.Id != recusalId))
        {
            return null;
        }
        if (!MayWrite(c))
        {
            throw new ForbiddenAction();
        }
        // A decision without the head who took it is refused as the domain refuses it (Case.RecusalNeedsHead).
        RuleViolation.ThrowAll([string.IsNullOrWhiteSpace(input.DecidedBy) ? CaseRule.Recusal.RefuseAt("DecidedBy", "Case.RecusalNeedsHead") : null,
            input.Approved is null ? Case.Missing("Approved") : null]);
        var approved = input.Approved!.Value;
        c.DecideRecusal(recusalId, new RecusalDecision(NotFuture(input.On, "On"), input.DecidedBy ?? "", approved));
        await SaveStepAsync(c, ct);
        return c;
    }

    /// <summary>
    /// For each officer, the target or party they are recused from (a recorded conflict with the inspection's targets or with
    /// the target bearing the party's credit code), named with the reason; absent when none.
    /// </summary>
    private async Task<Dictionary<Guid, string>> RecusedFromAsync(IReadOnlyCollection<Guid> officerIds, Guid? inspectionId, string? partyIdentifier,
        CancellationToken ct)
    {
        List<Guid> targets = inspectionId is { } inspection
            ? await db.Inspections.IgnoreQueryFilters().Where(i => i.Id == inspection).SelectMany(i => i.Targets.Select(t => t.TargetId)).ToListAsync(ct)
            : [];
        var recusals = await ConflictBook.BarringAsync(db, reference, officerIds, targets, partyIdentifier, ct);
        return recusals.GroupBy(r => r.OfficerId).ToDictionary(g => g.Key, g => $"{g.First().TargetName}（{g.First().Reason}）");
    }

    /// <summary>A hearing chair or a legal reviewer is held to the case's recusals like the officers of any step.</summary>
    private async Task EnsureNotRecusedAsync(Case c, (Guid Id, string Name) officer, CancellationToken ct)
    {
        var from = await RecusedFromAsync([officer.Id], c.InspectionId, c.PartyIdentifier, ct);
        c.EnsureNoneRecused([new ActingOfficer(officer.Id, officer.Name, MayActAnswer.Yes, from.GetValueOrDefault(officer.Id))]);
    }
}
