using Entrust.Web.Data;
using Entrust.Web.Features.Officers;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Assessment;

public sealed record AccountabilityView(Guid Id, Guid OfficerId, string OfficerName, Guid? TownshipId, Guid? DepartmentId, Guid? CaseId,
    string Facts, AccountabilityFault Fault, DateOnly OpenedOn, string OpenedBy, AccountabilityState State, DateOnly? StatementOn,
    string? Statement, AccountabilityMeasure? Measure, string? DecisionNumber, string? DecisionReasons, DateOnly? DecidedOn, string? DecidedBy,
    DateOnly? NotifiedOn, DateOnly? AppealedOn, string? AppealText, bool? AppealUpheld, string? AppealReply, DateOnly? AppealDecidedOn);

public sealed record AccountabilityInput(Guid OfficerId, Guid? CaseId, string? Facts, AccountabilityFault Fault, DateOnly? OpenedOn);

public sealed record StatementInput(DateOnly? On, string? Statement);

public sealed record AccountabilityDecisionInput(AccountabilityMeasure Measure, string? DecisionNumber, string? DecisionReasons);

public sealed record NoticeInput(DateOnly? On);

public sealed record AccountabilityAppealInput(DateOnly? On, string? Text);

public sealed record AccountabilityAppealDecisionInput(bool Upheld, string? Reply);

/// <summary>
/// 执法过错责任追究 for the pages and <c>/api/accountability</c>: the office opens a record, hears the officer, decides, notifies and
/// records the appeal; a certificate measure goes through <see cref="CertificateBook"/> the same day. The auditor reads all, a township
/// or a department the records of its own officers (the data scope).
/// </summary>
public sealed class AccountabilityBook(EntrustDbContext db, CurrentUser user, TimeProvider clock, CertificateBook certificates)
{
    public bool IsOffice => user.Role == Roles.Office && user.DistrictId is not null;

    private DateOnly Today => clock.TodayInChina();

    private void EnsureOffice()
    {
        if (!IsOffice)
        {
            throw new ForbiddenAction();
        }
    }

    /// <summary>The list's orders (the console's column headers); the latest opened first by default.</summary>
    public static readonly ListSort<AccountabilityView> Sorts = new ListSort<AccountabilityView>("-opened")
        .By("officer", a => a.OfficerName).By("opened", a => a.OpenedOn).By("fault", a => a.Fault).By("measure", a => a.Measure)
        .By("state", a => a.State).Then(a => a.Id);

    public async Task<IReadOnlyList<AccountabilityView>> ListAsync(CancellationToken ct = default) =>
        [.. (await db.Accountabilities.AsNoTracking().OrderByDescending(a => a.OpenedOn).ThenBy(a => a.OfficerName).ToListAsync(ct)).Select(View)];

    /// <summary>
    /// The records the reader sees, in the list's order, as .xlsx (<see cref="ListExport"/>): the /Assessment/Accountability export
    /// button and GET /api/accountability/export alike, for those the page lets in (<see cref="AssessmentBook.MayReadAs"/>).
    /// </summary>
    public async Task<(byte[] Content, string FileName)> ExportAsync(ListQuery list, ListExport export, IStringLocalizer<SharedResource> text,
        CancellationToken ct)
    {
        if (!AssessmentBook.MayReadAs(user))
        {
            throw new ForbiddenAction();
        }
        return await export.WriteAsync("Menu.Accountability", null, Sorts.Apply(await ListAsync(ct), list.Sort), [
            new("Accountability.Officer", a => a.OfficerName),
            new("Accountability.OpenedOn", a => a.OpenedOn),
            new("Accountability.Fault", a => text["AccountabilityFault." + a.Fault].Value),
            new("Accountability.Facts", a => a.Facts),
            new("Accountability.Statement", a => a.Statement),
            new("Accountability.Measure", a => a.Measure is { } m ? text["AccountabilityMeasure." + m].Value : null),
            new("Accountability.DecisionNumber", a => a.DecisionNumber),
            new("Accountability.Appeal", a => a.AppealText),
            new("Accountability.State", a => text["AccountabilityState." + a.State].Value),
        ], ct);
    }

    public async Task<AccountabilityView?> FindAsync(Guid id, CancellationToken ct = default) =>
        await db.Accountabilities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) is { } a ? View(a) : null;

    public async Task<AccountabilityView> OpenAsync(AccountabilityInput input, CancellationToken ct = default)
    {
        EnsureOffice();
        var officer = await db.Officers.FirstOrDefaultAsync(o => o.Id == input.OfficerId, ct)
            ?? throw new RuleViolation("Validation.Choose", new Text("Accountability.Officer")) { Field = "OfficerId" };
        if (input.CaseId is { } caseId && !await db.Cases.AnyAsync(c => c.Id == caseId, ct))
        {
            throw new RuleViolation("Validation.Invalid", new Text("Accountability.Case")) { Field = "CaseId" };
        }
        var record = new Accountability(officer, input.CaseId, input.Facts, input.Fault, input.OpenedOn ?? Today, Today, user.UserName);
        db.Accountabilities.Add(record);
        await db.SaveChangesAsync(ct);
        return View(record);
    }

    public Task<AccountabilityView?> HearAsync(Guid id, StatementInput input, CancellationToken ct = default) =>
        ChangeAsync(id, a => a.HearStatement(input.On ?? Today, input.Statement, Today), ct);

    /// <summary>
    /// The decision; 暂扣 suspends and 取消 revokes the officer's certificates that day through <see cref="CertificateBook"/> (its own
    /// rules: only an active one is suspended), saved with the decision, so that may-act answers no from then on.
    /// </summary>
    public async Task<AccountabilityView?> DecideAsync(Guid id, AccountabilityDecisionInput input, CancellationToken ct = default)
    {
        EnsureOffice();
        var record = await db.Accountabilities.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (record is null)
        {
            return null;
        }
        record.Decide(input.Measure, input.DecisionNumber, input.DecisionReasons, Today, user.UserName);
        if (!record.ActsOnCertificate)
        {
            await db.SaveChangesAsync(ct);
            return View(record);
        }
        var revoke = record.Measure == AccountabilityMeasure.CertificateRevoked;
        var held = await db.Certificates.AsNoTracking()
            .Where(c => c.OfficerId == record.OfficerId && (revoke ? c.State != CertificateState.Revoked : c.State == CertificateState.Active))
            .Select(c => c.Id).ToListAsync(ct);
        if (held.Count == 0)
        {
            throw new RuleViolation("Accountability.NoCertificate", record.OfficerName) { Field = "Measure" };
        }
        var reason = $"{record.DecisionNumber}：{record.DecisionReasons}";
        // The certificate book saves the decision with the first certificate it changes.
        foreach (var certificate in held)
        {
            _ = revoke ? await certificates.RevokeAsync(certificate, reason, ct) : await certificates.SuspendAsync(certificate, reason, ct);
        }
        return View(record);
    }

    public Task<AccountabilityView?> NotifyAsync(Guid id, NoticeInput input, CancellationToken ct = default) =>
        ChangeAsync(id, a => a.Notify(input.On ?? Today, Today), ct);

    public Task<AccountabilityView?> AppealAsync(Guid id, AccountabilityAppealInput input, CancellationToken ct = default) =>
        ChangeAsync(id, a => a.Appeal(input.On ?? Today, input.Text, Today), ct);

    public Task<AccountabilityView?> DecideAppealAsync(Guid id, AccountabilityAppealDecisionInput input, CancellationToken ct = default) =>
        ChangeAsync(id, a => a.DecideAppeal(input.Upheld, input.Reply, Today), ct);

    private async Task<AccountabilityView?> ChangeAsync(Guid id, Action<Accountability> change, CancellationToken ct)
    {
        EnsureOffice();
        var record = await db.Accountabilities.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (record is null)
        {
            return null;
        }
        change(record);
        await db.SaveChangesAsync(ct);
        return View(record);
    }

    /// <summary>The district's officers, for the page's form.</summary>
    public Task<List<PickerOfficer>> OfficersAsync(CancellationToken ct = default) =>
        OfficerPicker.WithUnits(db, db.Officers.AsNoTracking()).ToListAsync(ct);

    private static AccountabilityView View(Accountability a) => new(a.Id, a.OfficerId, a.OfficerName, a.TownshipId, a.DepartmentId, a.CaseId,
        a.Facts, a.Fault, a.OpenedOn, a.OpenedBy, a.State, a.StatementOn, a.Statement, a.Measure, a.DecisionNumber, a.DecisionReasons,
        a.DecidedOn, a.DecidedBy, a.NotifiedOn, a.AppealedOn, a.AppealText, a.AppealUpheld, a.AppealReply, a.AppealDecidedOn);
}
