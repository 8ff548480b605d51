using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Scope;

public sealed record ScopeDecisionInput(ScopeChange? Change, Guid? MatterId, Guid? TownshipId, string? DocumentNumber, DateOnly? DecidedOn,
    string? Reason);
public sealed record ScopeRequestInput(Guid? TownshipId, Guid? MatterId, string? RequestedPower, string? Reason);
public sealed record ScopeApprovalInput(ScopeChange? Change, Guid? MatterId, string? DocumentNumber, DateOnly? DecidedOn, string? Reason);
public sealed record ScopeRejectionInput(string? Reason);

public sealed record DecreeRow(Guid Id, string Number, string Title, DateOnly IssuedOn);
public sealed record ScopeMatterRow(Guid Id, string Code, string Name, string DepartmentName, Entrustability Entrustability);
public sealed record PilotRow(Guid Id, string Name);
public sealed record ScopeDecisionRow(Guid Id, ScopeChange Change, Guid? MatterId, Guid? TownshipId, string DocumentNumber, DateOnly DecidedOn,
    string Reason, string DecidedBy);
public sealed record ScopeView(IReadOnlyList<DecreeRow> Decrees, IReadOnlyList<ScopeMatterRow> Matters, IReadOnlyList<PilotRow> PilotTownships,
    IReadOnlyList<ScopeDecisionRow> Decisions);
public sealed record ScopeRequestRow(Guid Id, Guid TownshipId, string TownshipName, Guid? MatterId, string RequestedPower, string Reason,
    DateOnly RequestedOn, ScopeRequestState State, DateOnly? DecidedOn, string? DecisionReason);

/// <summary>
/// The scope ("两不扩大"), one method per use case, shared by the /Scope page and /api/scope: what the decree allows, the
/// office's decisions that widen it (the only way it widens, ADR 0003), and the townships' requests for powers outside it
/// with the office's answers. Who may do what is decided here; what the law refuses, by <see cref="ScopeDecision"/> and
/// <see cref="ScopeRequest"/>. A method answers null for a row out of the user's sight (404).
/// </summary>
public sealed class ScopeBook(EntrustDbContext db, CurrentUser user, TimeProvider clock)
{
    public bool MayDecide => user.MayKeepCatalogue;

    public bool MayRequest => user.Role is Roles.Township or Roles.Office or Roles.Admin;

    public DateOnly Today => clock.TodayInChina();

    public async Task<ScopeView> ReadAsync(CancellationToken ct)
    {
        var decrees = await db.Decrees.AsNoTracking().OrderBy(d => d.IssuedOn).Select(d => new DecreeRow(d.Id, d.Number, d.Title, d.IssuedOn))
            .ToListAsync(ct);
        var matters = await db.Matters.AsNoTracking().Where(m => m.Entrustability != Entrustability.NotEntrusted).OrderBy(m => m.Code)
            .Select(m => new ScopeMatterRow(m.Id, m.Code, m.Name, m.Department!.Name, m.Entrustability)).ToListAsync(ct);
        var pilots = await db.Townships.AsNoTracking().Where(t => t.IsPilot).OrderBy(t => t.Code).Select(t => new PilotRow(t.Id, t.Name))
            .ToListAsync(ct);
        var decisions = await db.ScopeDecisions.AsNoTracking().OrderByDescending(d => d.DecidedOn)
            .Select(d => new ScopeDecisionRow(d.Id, d.Change, d.MatterId, d.TownshipId, d.DocumentNumber, d.DecidedOn, d.Reason, d.DecidedBy))
            .ToListAsync(ct);
        return new ScopeView(decrees, matters, pilots, decisions);
    }

    /// <summary>The request list's orders (its column headers and GET /api/scope-requests' <c>sort</c>): the latest request first unless asked.</summary>
    public static readonly ListSort<ScopeRequestRow> RequestSorts = new ListSort<ScopeRequestRow>("-requested")
        .By("requested", r => r.RequestedOn).By("township", r => r.TownshipName).By("power", r => r.RequestedPower)
        .By("state", r => r.State).By("decided", r => r.DecidedOn)
        .Then(r => r.Id);

    public Task<List<ScopeRequestRow>> RequestsAsync(ScopeRequestState? state, string? sort, CancellationToken ct) =>
        RequestSorts.Apply(RequestRows(state: state), sort).ToListAsync(ct);

    /// <summary>The requests the user sees (the state filter on the entity), projected, for a list to sort and page.</summary>
    public IQueryable<ScopeRequestRow> Requests(ScopeRequestState? state = null) => RequestRows(state: state);

    /// <summary>
    /// The requests the user sees (of one state, or all as the page lists them), in the list's order, as .xlsx
    /// (<see cref="ListExport"/>), each matter by its code and name: the /Scope export button and GET /api/scope-requests/export alike.
    /// </summary>
    public async Task<(byte[] Content, string FileName)> RequestsExportAsync(ScopeRequestState? state, ListQuery list, ListExport export,
        IStringLocalizer text, CancellationToken ct)
    {
        var matters = await db.Matters.AsNoTracking().Select(m => new { m.Id, m.Code, m.Name }).ToDictionaryAsync(m => m.Id, ct);
        return await export.WriteAsync("Scope.Requests", null, Requests(state).ForExport(list, RequestSorts), [
            new("Scope.RequestedOn", r => r.RequestedOn),
            new("Field.TownshipId", r => r.TownshipName),
            new("Field.RequestedPower", r => r.RequestedPower),
            new("Field.MatterId", r => r.MatterId is { } m && matters.TryGetValue(m, out var x) ? $"{x.Code} {x.Name}" : null),
            new("Field.Reason", r => r.Reason),
            new("Field.Status", r => text["ScopeRequestState." + r.State].Value),
            new("Field.DecidedOn", r => r.DecidedOn),
            new("Scope.DecisionReason", r => r.DecisionReason),
        ], ct);
    }

    // Filters go on the entity before the projection: EF can't translate a Where on the constructed record.
    private IQueryable<ScopeRequestRow> RequestRows(Guid? id = null, ScopeRequestState? state = null) =>
        from r in db.ScopeRequests.AsNoTracking()
        where (id == null || r.Id == id) && (state == null || r.State == state)
        join t in db.Townships on r.TownshipId equals t.Id
        orderby r.RequestedOn descending
        select new ScopeRequestRow(r.Id, r.TownshipId, t.Name, r.MatterId, r.RequestedPower, r.Reason, r.RequestedOn, r.State, r.DecidedOn,
            r.DecisionReason);

    private static FieldErrors CheckDecision(FieldErrors e, string? documentNumber, DateOnly? decidedOn, string? reason) => e
        .Required("DocumentNumber", documentNumber, 100).Required("DecidedOn", decidedOn?.ToString()).Required("Reason", reason, 1000);

    public FieldErrors Check(FieldErrors errors, ScopeDecisionInput input)
    {
        CheckDecision(errors, input.DocumentNumber, input.DecidedOn, input.Reason);
        return errors.Chosen("Change", input.Change);
    }

    public FieldErrors Check(FieldErrors errors, ScopeRequestInput input) =>
        errors.Required("RequestedPower", input.RequestedPower, 200).Required("Reason", input.Reason, 1000);

    public FieldErrors Check(FieldErrors errors, ScopeApprovalInput input) =>
        CheckDecision(errors, input.DocumentNumber, input.DecidedOn, input.Reason).Chosen("Change", input.Change);

    public FieldErrors Check(FieldErrors errors, ScopeRejectionInput input) => errors.Required("Reason", input.Reason, 1000);

    /// <summary>The office widens the scope: a matter into scope (pilots or district-wide) or a new pilot township.</summary>
    public async Task<ScopeDecisionRow> DecideAsync(ScopeDecisionInput input, CancellationToken ct)
    {
        EnsureMayDecide();
        var d = await ApplyAsync(input.Change!.Value, input.MatterId, input.TownshipId, input.DocumentNumber!, input.DecidedOn!.Value, input.Reason!, ct);
        await db.SaveChangesAsync(ct);
        return new ScopeDecisionRow(d.Id, d.Change, d.MatterId, d.TownshipId, d.DocumentNumber, d.DecidedOn, d.Reason, d.DecidedBy);
    }

    /// <summary>A township asks for a power outside scope; the office may also record one on a township's behalf.</summary>
    public async Task<ScopeRequestRow?> RequestAsync(ScopeRequestInput input, CancellationToken ct)
    {
        if (!MayRequest)
        {
            throw new ForbiddenAction();
        }
        var townshipId = user.TownshipId ?? input.TownshipId;
        var township = await db.Townships.FirstOrDefaultAsync(t => t.Id == townshipId, ct);
        if (township is null)
        {
            return null;
        }
        if (input.MatterId is { } m && !await db.Matters.AnyAsync(x => x.Id == m && x.DistrictId == township.DistrictId, ct))
        {
            throw new RuleViolation("Agreement.UnknownMatter", m.ToString()) { Field = "MatterId" };
        }
        var request = new ScopeRequest(township, input.MatterId, input.RequestedPower!, input.Reason!, Today);
        db.ScopeRequests.Add(request);
        await db.SaveChangesAsync(ct);
        return await RequestRows(request.Id).FirstAsync(ct);
    }

    /// <summary>Approving records the scope decision that widens the scope; the request and the decision are saved together.</summary>
    public async Task<ScopeRequestRow?> ApproveAsync(Guid id, ScopeApprovalInput input, CancellationToken ct)
    {
        EnsureMayDecide();
        var request = await db.ScopeRequests.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
        {
            return null;
        }
        request.EnsurePending();
        var decision = await ApplyAsync(input.Change!.Value, input.MatterId ?? request.MatterId, request.TownshipId,
            input.DocumentNumber!, input.DecidedOn!.Value, input.Reason!, ct);
        request.Approve(decision, Today, input.Reason!);
        await db.SaveChangesAsync(ct);
        return await RequestRows(id).FirstAsync(ct);
    }

    public async Task<ScopeRequestRow?> RejectAsync(Guid id, ScopeRejectionInput input, CancellationToken ct)
    {
        EnsureMayDecide();
        var request = await db.ScopeRequests.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
        {
            return null;
        }
        request.Reject(Today, input.Reason!);
        await db.SaveChangesAsync(ct);
        return await RequestRows(id).FirstAsync(ct);
    }

    private void EnsureMayDecide()
    {
        if (!MayDecide)
        {
            throw new ForbiddenAction();
        }
    }

    private async Task<ScopeDecision> ApplyAsync(ScopeChange change, Guid? matterId, Guid? townshipId, string documentNumber, DateOnly decidedOn,
        string reason, CancellationToken ct)
    {
        ScopeDecision decision;
        if (change == ScopeChange.AddPilotTownship)
        {
            var township = await db.Townships.FirstOrDefaultAsync(t => t.Id == townshipId, ct)
                ?? throw new RuleViolation("Agreement.UnknownTownship") { Field = "TownshipId" };
            decision = ScopeDecision.ForPilot(township, documentNumber, decidedOn, reason, user.UserName);
        }
        else
        {
            var matter = await db.Matters.FirstOrDefaultAsync(m => m.Id == matterId, ct)
                ?? throw new RuleViolation("Agreement.UnknownMatter", matterId?.ToString() ?? "") { Field = "MatterId" };
            var to = change == ScopeChange.MakeMatterDistrictWide ? Entrustability.DistrictWide : Entrustability.PilotOnly;
            decision = ScopeDecision.ForMatter(matter, to, documentNumber, decidedOn, reason, user.UserName);
        }
        db.ScopeDecisions.Add(decision);
        return decision;
    }
}
