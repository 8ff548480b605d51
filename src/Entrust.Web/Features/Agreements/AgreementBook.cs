using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Agreements;

/// <summary>One matter to entrust; <paramref name="ExcludedPenalties"/> are the penalty kinds the township may not impose on it.</summary>
public sealed record AgreementMatterInput(Guid MatterId, Authority Authority, decimal? FineCap, List<PenaltyKinds>? ExcludedPenalties = null);

public sealed record AgreementInput(
    Guid? DepartmentId,
    Guid? TownshipId,
    AgreementMode Mode,
    string? GrantDecisionNumber,
    DateOnly? TermStart,
    DateOnly? TermEnd,
    string? RightsAndObligations,
    decimal? FundingAmount,
    string? FundingNote,
    bool HasPublicAffairsFunctions,
    bool HasQualifiedStaff,
    bool HasTechnicalMeans,
    List<AgreementMatterInput>? Matters);

public sealed record SignInput(DateOnly? SignedOn, string? DepartmentSignatory, string? TownshipSignatory);
public sealed record BatchSignInput(Guid? TownshipId, List<Guid>? AgreementIds, DateOnly? SignedOn, string? TownshipSignatory,
    Dictionary<Guid, string>? DepartmentSignatories);
public sealed record ReviewInput(bool Approved = true);
public sealed record PublishInput(DateOnly? PublishedOn, string? PublicationPlace);
public sealed record TerminateInput(DateOnly? TerminatedOn, string? Reason);

/// <summary>
/// Keeping agreements: drafting, the lifecycle steps, batch signing and new versions, shared by the pages and the
/// API. Who may do what is decided here; what the law refuses is decided by <see cref="Agreement"/>.
/// </summary>
public sealed partial class AgreementBook(EntrustDbContext db, CurrentUser user, TimeProvider clock)
{
    public DateOnly Today => clock.TodayInChina();

    /// <summary>The office drafts for any department; a department drafts its own. Townships receive, they never entrust.</summary>
    public async Task<Agreement> CreateAsync(AgreementInput input, CancellationToken ct)
    {
        var (department, township) = await PartiesAsync(input, ct);
        var matters = await MattersAsync(input, ct);
        // The number is taken in the draft's transaction: a refused draft gives it back.
        await using var numbering = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var number = await NextNumberAsync(department.DistrictId, input.Mode, input.TermStart!.Value.Year, ct);
        var agreement = new Agreement(department, township, number, Terms(input), matters);
        db.Agreements.Add(agreement);
        await db.SaveChangesAsync(ct);
        if (numbering is not null)
        {
            await numbering.CommitAsync(ct);
        }
        return agreement;
    }

    public async Task<Agreement?> ReviseAsync(Guid id, AgreementInput input, CancellationToken ct)
    {
        var agreement = await LoadAsync(id, ct);
        if (agreement is null)
        {
            return null;
        }
        EnsureMayManage(agreement);
        var (department, township) = await PartiesAsync(input with { DepartmentId = agreement.DepartmentId, TownshipId = agreement.TownshipId }, ct);
        agreement.Revise(department, township, Terms(input), await MattersAsync(input, ct));
        // The new rows carry their own Guid keys, so EF would take them for existing rows to update.
        db.AgreementMatters.AddRange(agreement.Matters);
        await db.SaveChangesAsync(ct);
        return agreement;
    }

    public async Task<bool> DeleteDraftAsync(Guid id, CancellationToken ct)
    {
        var agreement = await LoadAsync(id, ct);
        if (agreement is null)
        {
            return false;
        }
        EnsureMayManage(agreement);
        if (agreement.State != AgreementState.Draft)
        {
            throw RuleViolation.Conflict("Agreement.WrongState", agreement.Number, new Text("AgreementState." + agreement.State));
        }
        db.Agreements.Remove(agreement);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public Task<Agreement?> SubmitAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, a => { EnsureMayManage(a); a.Submit(Today); }, ct);

    public Task<Agreement?> ReviewAsync(Guid id, bool approved, CancellationToken ct) =>
        StepAsync(id, a => { EnsureOffice(); a.Review(Today, user.UserName, approved); }, ct);

    public async Task<Agreement?> SignAsync(Guid id, SignInput input, CancellationToken ct)
    {
        var agreement = await LoadAsync(id, ct);
        if (agreement is null)
        {
            return null;
        }
        EnsureMayManage(agreement);
        agreement.Sign(input.SignedOn ?? Today, Today, input.DepartmentSignatory ?? "", input.TownshipSignatory ?? "");
        await EnsureNoOverlapAsync(agreement, ct);
        await db.SaveChangesAsync(ct);
        return agreement;
    }

    /// <summary>The seed's 26 April: several departments' reviewed agreements with one township signed in one action, all or none.</summary>
    public async Task<List<Agreement>> BatchSignAsync(BatchSignInput input, CancellationToken ct)
    {
        EnsureOffice();
        var ids = input.AgreementIds?.Distinct().ToList() ?? [];
        if (ids.Count == 0)
        {
            throw new RuleViolation("Agreement.BatchEmpty") { Field = "AgreementIds" };
        }
        var agreements = (await db.Agreements.Include(a => a.Matters).Where(a => ids.Contains(a.Id)).ToListAsync(ct))
            .OrderBy(a => ids.IndexOf(a.Id)).ToList();
        if (agreements.Count != ids.Count)
        {
            throw new RuleViolation("Agreement.BatchUnknown") { Field = "AgreementIds" };
        }
        if (agreements.Any(a => a.TownshipId != input.TownshipId))
        {
            throw new RuleViolation("Agreement.BatchOneTownship") { Field = "TownshipId" };
        }
        var departments = await db.Departments.Where(d => agreements.Select(a => a.DepartmentId).Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        var on = input.SignedOn ?? Today;
        var townshipSignatory = input.TownshipSignatory ?? "";
        string DepartmentSignatory(Agreement agreement)
        {
            // A department's signatory left blank is its head (负责人).
            var named = input.DepartmentSignatories?.GetValueOrDefault(agreement.DepartmentId);
            return string.IsNullOrWhiteSpace(named) ? departments[agreement.DepartmentId].Name + "负责人" : named.Trim();
        }
        // Every agreement's every refusal at once, each beside what it names: its own (conditions, state, overlap) beside the
        // agreement, by its place in the ids sent; the date's and the township signatory's once, beside them.
        var refusals = new List<RuleViolation>();
        foreach (var agreement in agreements)
        {
            var own = $"AgreementIds[{input.AgreementIds!.IndexOf(agreement.Id)}]";
            var problems = agreement.SigningProblems(on, Today, DepartmentSignatory(agreement), townshipSignatory)
                .Append(await OverlapAsync(agreement, agreements, ct)).OfType<RuleViolation>();
            refusals.AddRange(problems.Select(p => new RuleViolation(p.MessageKey, p.Arguments)
            {
                StatusCode = p.StatusCode,
                Field = p.Field switch
                {
                    null => own,
                    "DepartmentSignatory" => $"DepartmentSignatories[{agreement.DepartmentId}]",
                    var field => field,
                },
            }));
        }
        RuleViolation.ThrowAll(refusals.DistinctBy(r => (r.Field, r.MessageKey, string.Join("\u0001", r.Arguments))));
        foreach (var agreement in agreements)
        {
            agreement.Sign(on, Today, DepartmentSignatory(agreement), townshipSignatory);
        }
        await db.SaveChangesAsync(ct);
        return agreements;
    }

    /// <summary>Publication makes it in force from its term's start; a new version ends the one it replaces the day it comes into force.</summary>
    public async Task<Agreement?> PublishAsync(Guid id, PublishInput input, CancellationToken ct)
    {
        var agreement = await LoadAsync(id, ct);
        if (agreement is null)
        {
            return null;
        }
        EnsureMayManage(agreement);
        agreement.Publish(input.PublishedOn ?? Today, Today, input.PublicationPlace ?? "");
        await EnsureNoOverlapAsync(agreement, ct);
        if (agreement.PreviousVersionId is { } previousId
            && await db.Agreements.IgnoreQueryFilters().FirstOrDefaultAsync(a => a.Id == previousId, ct) is { } previous
            && previous.State is AgreementState.Signed or AgreementState.Published)
        {
            previous.ReplaceBy(agreement);
        }
        await db.SaveChangesAsync(ct);
        return agreement;
    }

    public Task<Agreement?> TerminateAsync(Guid id, TerminateInput input, CancellationToken ct) =>
        StepAsync(id, a => { EnsureMayManage(a); a.Terminate(input.TerminatedOn ?? Today, Today, input.Reason ?? ""); }, ct);

    public async Task<Agreement?> AmendAsync(Guid id, CancellationToken ct)
    {
        var agreement = await LoadAsync(id, ct);
        if (agreement is null)
        {
            return null;
        }
        EnsureMayManage(agreement);
        if (await db.Agreements.AnyAsync(a => a.PreviousVersionId == id, ct))
        {
            throw RuleViolation.Conflict("Agreement.AlreadyAmended", agreement.Number);
        }
        var next = agreement.Amend();
        db.Agreements.Add(next);
        await db.SaveChangesAsync(ct);
        return next;
    }

    public Task<Agreement?> LoadAsync(Guid id, CancellationToken ct) =>
        db.Agreements.Include(a => a.Matters).FirstOrDefaultAsync(a => a.Id == id, ct);

    private async Task<Agreement?> StepAsync(Guid id, Action<Agreement> step, CancellationToken ct)
    {
        var agreement = await LoadAsync(id, ct);
        if (agreement is null)
        {
            return null;
        }
        step(agreement);
        await db.SaveChangesAsync(ct);
        return agreement;
    }

    /// <summary>
    /// No two agreements may be in force for the same department, township and matter on one day. The version an
    /// agreement replaces is left out: it ends when the new one starts.
    /// </summary>
    private async Task EnsureNoOverlapAsync(Agreement agreement, CancellationToken ct) =>
        RuleViolation.ThrowAll([await OverlapAsync(agreement, [], ct)]);

    /// <summary>
    /// Another agreement of the same department and township that shares a matter and could be in force on one of its days: one
    /// signed or published, or one to be signed in the same batch (<paramref name="signedWith"/>).
    /// </summary>
    private async Task<RuleViolation?> OverlapAsync(Agreement agreement, IReadOnlyCollection<Agreement> signedWith, CancellationToken ct)
    {
        var matterIds = agreement.Matters.Select(m => m.MatterId).ToList();
        var batchIds = signedWith.Select(a => a.Id).ToList();
        var others = await db.Agreements.IgnoreQueryFilters().Include(a => a.Matters)
            .Where(a => a.Id != agreement.Id && a.Id != agreement.PreviousVersionId && !batchIds.Contains(a.Id)
                && a.DepartmentId == agreement.DepartmentId && a.TownshipId == agreement.TownshipId
                && a.State >= AgreementState.Signed
                && a.Matters.Any(m => matterIds.Contains(m.MatterId)))
            .ToListAsync(ct);
        others.AddRange(signedWith.Where(a => a.Id != agreement.Id && a.Id != agreement.PreviousVersionId && a.State == AgreementState.Reviewed
            && a.DepartmentId == agreement.DepartmentId && a.TownshipId == agreement.TownshipId
            && a.Matters.Any(m => matterIds.Contains(m.MatterId))));
        if (others.FirstOrDefault(o => o.OverlapsInTime(agreement)) is not { } other)
        {
            return null;
        }
        var shared = other.Matters.First(m => matterIds.Contains(m.MatterId)).MatterId;
        var code = await db.Matters.IgnoreQueryFilters().Where(m => m.Id == shared).Select(m => m.Code).FirstAsync(ct);
        return RuleViolation.Conflict("Agreement.Overlap", code, other.Number);
    }

    private async Task<(Department, Township)> PartiesAsync(AgreementInput input, CancellationToken ct)
    {
        // A township can't be the entrusting party (no re-entrustment, 行政处罚法 Art. 20 ¶4).
        if (input.DepartmentId is { } maybeTownship && await db.Townships.IgnoreQueryFilters().AnyAsync(t => t.Id == maybeTownship, ct))
        {
            throw new RuleViolation("Agreement.NoReEntrustment") { Field = "DepartmentId" };
        }
        var department = await db.Departments.FirstOrDefaultAsync(d => d.Id == input.DepartmentId, ct)
            ?? throw new RuleViolation("Matter.UnknownDepartment", "") { Field = "DepartmentId" };
        if (user.Role == Roles.Department && department.Id != user.DepartmentId)
        {
            throw new RuleViolation("Agreement.OwnDepartmentOnly") { Field = "DepartmentId" };
        }
        if (!MayDraft)
        {
            throw new ForbiddenAction();
        }
        var township = await db.Townships.FirstOrDefaultAsync(t => t.Id == input.TownshipId && t.DistrictId == department.DistrictId, ct)
            ?? throw new RuleViolation("Agreement.UnknownTownship") { Field = "TownshipId" };
        return (department, township);
    }

    private async Task<List<EntrustedMatter>> MattersAsync(AgreementInput input, CancellationToken ct)
    {
        var wanted = input.Matters ?? [];
        var ids = wanted.Select(m => m.MatterId).ToList();
        var matters = await db.Matters.IgnoreQueryFilters().Where(m => ids.Contains(m.Id) && m.DistrictId == (user.DistrictId ?? m.DistrictId))
            .ToDictionaryAsync(m => m.Id, ct);
        return wanted.Select(w => matters.TryGetValue(w.MatterId, out var m)
                ? new EntrustedMatter(m, w.Authority, w.FineCap, PenaltyKindSet.Combine(w.ExcludedPenalties))
                : throw new RuleViolation("Agreement.UnknownMatter", w.MatterId.ToString()) { Field = "Matters" })
            .ToList();
    }

    private static AgreementTerms Terms(AgreementInput i) => new(i.Mode, i.GrantDecisionNumber, i.TermStart!.Value, i.TermEnd!.Value,
        i.RightsAndObligations, i.FundingAmount, i.FundingNote, i.HasPublicAffairsFunctions, i.HasQualifiedStaff, i.HasTechnicalMeans);

    /// <summary>The next number of the district's agreements of the mode and year, from its <see cref="NumberSequence"/>.</summary>
    private async Task<string> NextNumberAsync(Guid districtId, AgreementMode mode, int year, CancellationToken ct)
    {
        var district = await db.Districts.IgnoreQueryFilters().Where(d => d.Id == districtId).Select(d => d.Name).FirstAsync(ct);
        var prefix = $"{district.TrimEnd('区', '县')}{(mode == AgreementMode.Grant ? "赋权" : "委托")}〔{year}〕";
        var next = await NumberSequences.TakeAsync(db, districtId, mode == AgreementMode.Grant ? NumberKinds.Grant : NumberKinds.Entrustment,
            districtId, year, async t => NumberSequences.Highest(prefix, await db.Agreements.IgnoreQueryFilters()
                .Where(a => a.DistrictId == districtId && a.Number.StartsWith(prefix)).Select(a => a.Number).ToListAsync(t)), ct);
        return $"{prefix}{next}号";
    }

    private void EnsureOffice()
    {
        if (!IsOffice)
        {
            throw new ForbiddenAction();
        }
    }

    private void EnsureMayManage(Agreement agreement)
    {
        if (!MayManage(agreement.DepartmentId))
        {
            throw new ForbiddenAction();
        }
    }
}
