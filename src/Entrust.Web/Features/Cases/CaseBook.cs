using System.Globalization;
using Entrust.Web.Data;
using Entrust.Web.Features.Agreements;
using Entrust.Web.Features.Calendar;
using Entrust.Web.Features.Inspections;
using Entrust.Web.Features.Officers;
using Entrust.Web.Features.Targets;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Entrust.Web.Features.Cases;

/// <summary>
/// The use cases of penalty cases, one method each, shared by the /Cases pages and the API. Each loads what the pure domain
/// (<see cref="Case"/>) needs — the township's entitlement on the day (<see cref="Entitlements"/>), each officer's may-act answer
/// (<see cref="OfficerPowers"/>), the district's case settings (<see cref="DistrictCaseSettings"/>) and holiday calendar, today in
/// Asia/Shanghai — applies the step and saves once (the audit interceptor records the change in the same transaction). A refusal
/// changes nothing. A step on a case the user can't see answers null (404).
/// <para>Who writes: a township user or officer writes its township's cases, unless a department leads the case; the department
/// (its users and officers) writes the cases it leads, the township assisting with evidence. The office reads its district, keeps
/// the settings and records reconsideration and litigation outcomes; the auditor reads. Which cases a user sees at all is
/// <see cref="DataScope"/>'s.</para>
/// </summary>
public sealed partial class CaseBook(EntrustDbContext db, CurrentUser user, TimeProvider clock, OfficerPowers powers,
    Entitlements entitlements, HolidayCalendar calendars, ReferenceCache reference, IConfiguration configuration, Audit.SecurityEvents events)
{
    /// <summary>The largest evidence file kept, configurable as Cases:MaxFileBytes (10 MB by default).</summary>
    public long MaxFileBytes => configuration.GetValue<long?>("Cases:MaxFileBytes") ?? 10 * 1024 * 1024;

    public DateOnly Today => clock.TodayInChina();

    private bool IsTownshipUser => user.TownshipId is not null && user.Role is Roles.Township or Roles.Officer;

    private bool IsDepartmentUser => user.DepartmentId is not null && user.Role is Roles.Department or Roles.Officer;

    /// <summary>Townships file their cases (general or summary); a department files a major case it leads.</summary>
    public bool MayFile => IsTownshipUser || IsDepartmentUser;

    /// <summary>The summary procedure is the township's officers' on the spot.</summary>
    public bool MayDecideOnTheSpot => IsTownshipUser;

    /// <summary>Takes the case's steps: its township, or the department leading it.</summary>
    public bool MayWrite(Case c) => c.LeadDepartmentId is { } lead
        ? IsDepartmentUser && user.DepartmentId == lead
        : IsTownshipUser && user.TownshipId == c.TownshipId;

    /// <summary>Adds evidence: whoever writes the case, and the township assisting a department.</summary>
    public bool MayAssist(Case c) => MayWrite(c) || (IsTownshipUser && user.TownshipId == c.TownshipId);

    /// <summary>Records reconsideration and litigation and their outcomes: whoever writes the case, and the office.</summary>
    public bool MayRecordRemedies(Case c) => MayWrite(c) || user.Role == Roles.Office;

    /// <summary>A department user of the case's matter may take the lead of a major case the township filed (联动执法).</summary>
    public bool MayTakeLead(Case c) => IsDepartmentUser && user.DepartmentId == c.DepartmentId;

    /// <summary>The steps this user may take on the case now: those the case has open (<see cref="Case.OpenSteps"/>) that are theirs.</summary>
    public IReadOnlyList<CaseStep> StepsFor(Case c) => [.. c.OpenSteps().Where(step => step switch
    {
        CaseStep.AddEvidence => MayAssist(c),
        CaseStep.TakeLead => MayTakeLead(c),
        CaseStep.Classify => MayWrite(c) || MayApproveLowering(c),
        CaseStep.Extend or CaseStep.DeferPayment => MayApproveExtension(c),
        CaseStep.Remedy or CaseStep.RemedyOutcome or CaseStep.Withdraw or CaseStep.Refund => MayRecordRemedies(c),
        _ => MayWrite(c),
    }).Order()];

    public bool MayKeepSettings => MayKeepSettingsAs(user);

    /// <summary>The district's office keeps its case settings (the /Cases/Settings page's policy asks the same).</summary>
    public static bool MayKeepSettingsAs(CurrentUser user) => user.Role == Roles.Office && user.DistrictId is not null;

    /// <summary>
    /// Approves lowering a case's class (LAW 19): the office of the case's district, or the leading department's own users when a
    /// department leads. A township never does alone.
    /// </summary>
    public bool MayApproveLowering(Case c) => c.LeadDepartmentId is { } lead
        ? user.Role == Roles.Department && user.DepartmentId == lead
        : user.Role == Roles.Office && user.DistrictId == c.DistrictId;

    /// <summary>
    /// Approves an extension of the decision period (APL 60): the acting body's own account — under 委托 the entrusting department's
    /// users, under 赋权 the township's (not its officers in the field) — or the leading department's.
    /// </summary>
    public bool MayApproveExtension(Case c) =>
        (user.Role == Roles.Department && (user.DepartmentId == c.LeadDepartmentId
            || (c.Mode == AgreementMode.Entrustment && user.DepartmentId == c.ActingUnitId)))
        || (user.Role == Roles.Township && c.Mode == AgreementMode.Grant && user.TownshipId == c.ActingUnitId && c.LeadDepartmentId is null);

    /// <summary>The shadow property every step increments: a concurrency token, so a step taken on a stale case is refused.</summary>
    public const string VersionProperty = "Version";

    // ---- filing ----

    /// <summary>Field checks of a filing, all at once, in the user's language (the page shows them beside the fields).</summary>
    public FieldErrors Check(FieldErrors errors, CaseFileInput input)
    {
        CheckFiling(errors, input.TownshipId, input.MatterId, input.PartyKind, input.PartyName, input.PartyIdentifier, input.Facts,
            input.ActOn, input.OfficerIds);
        CheckAddress(errors, input.PartyAddress);
        return errors;
    }

    public FieldErrors Check(FieldErrors errors, SummaryCaseInput input)
    {
        // The act is the day's unless told otherwise: the summary procedure acts on the spot.
        CheckFiling(errors, input.TownshipId, input.MatterId, input.PartyKind, input.PartyName, input.PartyIdentifier, input.Facts,
            input.ActOn ?? input.On ?? Today, input.OfficerIds);
        CheckAddress(errors, input.PartyAddress);
        if (input.Penalty is null)
        {
            errors.Add("Penalty", "Validation.Required", new Text("CaseField.Penalty"));
        }
        if (string.IsNullOrWhiteSpace(input.Place))
        {
            errors.Add("Place", "Case.SummaryNeedsPlace");
        }
        else if (input.Place.Trim().Length > Case.PlaceLength)
        {
            errors.Add("Place", "Validation.TooLong", new Text("CaseField.Place"), Case.PlaceLength);
        }
        if (input.Time is null && (input.On ?? Today) != Today)
        {
            errors.Add("Time", "Case.SummaryNeedsTime");
        }
        return errors;
    }

    private static void CheckAddress(FieldErrors errors, string? address)
    {
        if (address?.Trim().Length > Case.PartyAddressLength)
        {
            errors.Add("PartyAddress", "Validation.TooLong", new Text("CaseField.PartyAddress"), Case.PartyAddressLength);
        }
    }

    private void CheckFiling(FieldErrors errors, Guid? townshipId, Guid? matterId, PartyKind kind, string? name, string? identifier,
        string? facts, DateOnly? actOn, List<Guid>? officerIds)
    {
        if (townshipId is null && user.TownshipId is null)
        {
            errors.Add("TownshipId", "Validation.Required", new Text("CaseField.TownshipId"));
        }
        if (matterId is null)
        {
            errors.Add("MatterId", "Validation.Required", new Text("CaseField.MatterId"));
        }
        if (!Enum.IsDefined(kind))
        {
            errors.Add("PartyKind", "Validation.Choose", new Text("CaseField.PartyKind"));
        }
        Required(errors, "PartyName", name, CaseConfiguration.NameLength);
        Required(errors, "Facts", facts, CaseConfiguration.TextLength);
        if (string.IsNullOrWhiteSpace(identifier))
        {
            errors.Add("PartyIdentifier", "Validation.Required", new Text("CaseField.PartyIdentifier"));
        }
        else if (kind == PartyKind.Person ? !IdNumbers.IsValid(identifier.Trim()) : !CreditCodes.IsValid(CreditCodes.Normalize(identifier)))
        {
            errors.Add("PartyIdentifier", kind == PartyKind.Person ? "Case.IdNumberInvalid" : "Case.CreditCodeInvalid");
        }
        if (actOn is null)
        {
            errors.Add("ActOn", "Validation.Required", new Text("CaseField.ActOn"));
        }
        if (officerIds is not { Count: > 0 })
        {
            errors.Add("Officers", "Validation.Required", new Text("CaseField.Officers"));
        }
    }

    private static void Required(FieldErrors errors, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "Validation.Required", new Text("CaseField." + field));
        }
        else if (value.Trim().Length > max)
        {
            errors.Add(field, "Validation.TooLong", new Text("CaseField." + field), max);
        }
    }

    private sealed record Grounds(Guid DistrictId, Guid TownshipId, Guid MatterId, Guid DepartmentId, Guid? InspectionId,
        DateOnly? InspectedOn);

    /// <summary>The township (null when out of sight), the matter of its district, and the inspection the case follows, if any.</summary>
    private async Task<Grounds?> GroundsAsync(Guid? townshipId, Guid? matterId, Guid? inspectionId, CancellationToken ct)
    {
        var id = townshipId ?? user.TownshipId;
        var township = await db.Townships.AsNoTracking().Where(t => t.Id == id).Select(t => new { t.Id, t.DistrictId }).FirstOrDefaultAsync(ct);
        if (township is null)
        {
            return null;
        }
        var matter = matterId is null ? null : await db.Matters.AsNoTracking().Where(m => m.Id == matterId)
            .Select(m => new { m.Id, m.DistrictId, m.DepartmentId }).FirstOrDefaultAsync(ct);
        if (matter is null || matter.DistrictId != township.DistrictId)
        {
            throw new RuleViolation("Case.UnknownMatter") { Field = "MatterId" };
        }
        DateOnly? inspectedOn = null;
        if (inspectionId is not null)
        {
            var inspection = await db.Inspections.AsNoTracking().Where(i => i.Id == inspectionId)
                .Select(i => new { i.TownshipId, i.MatterId, i.Result, i.StartedOn }).FirstOrDefaultAsync(ct)
                ?? throw new RuleViolation("Case.UnknownInspection") { Field = "InspectionId" };
            if (inspection.TownshipId != township.Id || inspection.MatterId != matter.Id)
            {
                throw new RuleViolation("Case.InspectionMismatch") { Field = "InspectionId" };
            }
            if (inspection.Result == InspectionResult.NoProblem)
            {
                throw new RuleViolation("Case.InspectionFoundNothing") { Field = "InspectionId" };
            }
            inspectedOn = inspection.StartedOn;
        }
        return new Grounds(township.DistrictId, township.Id, matter.Id, matter.DepartmentId, inspectionId, inspectedOn);
    }

    /// <summary>
    /// 立案 under the general procedure. Refused without an entitlement with general-procedure authority that day, past the
    /// limitation period, or with fewer than two officers who may act; a department files only a major case, which it leads.
    /// </summary>
    public async Task<Case?> FileAsync(CaseFileInput input, CancellationToken ct)
    {
        if (!MayFile)
        {
            throw new ForbiddenAction();
        }
        if (input.TownshipId is null && !IsTownshipUser)
        {
            throw new RuleViolation("Validation.Required", new Text("CaseField.TownshipId")) { Field = "TownshipId" };
        }
        if (IsTownshipUser && input.TownshipId is { } other && other != user.TownshipId)
        {
            return null;
        }
        var grounds = await GroundsAsync(input.TownshipId, input.MatterId, input.InspectionId, ct);
        if (grounds is null)
        {
            return null;
        }
        var filedOn = NotFuture(input.FiledOn, "FiledOn");
        var foundOn = NotFuture(input.FoundOn ?? grounds.InspectedOn ?? filedOn, "FoundOn");
        var actOn = input.ActOn ?? throw new RuleViolation("Validation.Required", new Text("CaseField.ActOn")) { Field = "ActOn" };
        var entitlement = await entitlements.CheckAsync(grounds.TownshipId, grounds.MatterId, Authority.InspectionOnly, filedOn, null, ct);
        var officers = await ActingAsync(input.OfficerIds, grounds.MatterId, grounds.TownshipId, filedOn, ct,
            grounds.InspectionId, Identifier(input.PartyKind, input.PartyIdentifier));
        // The number is taken in the filing's transaction: a refused filing gives it back.
        await using var numbering = await NumberingAsync(ct);
        var number = await CaseNumberAsync(input.Number, entitlement, grounds.DistrictId, filedOn.Year, ct);
        var settings = await DistrictCaseSettings.ForAsync(db, grounds.DistrictId, ct);
        var filing = new CaseFiling(grounds.DistrictId, grounds.TownshipId, grounds.MatterId, number,
            new CaseParty(input.PartyKind, input.PartyName ?? "", Identifier(input.PartyKind, input.PartyIdentifier), input.PartyAddress), input.Facts ?? "",
            actOn, input.ActEndedOn ?? (input.ActContinues ? foundOn : null), input.HarmsLifeHealthOrFinance, foundOn, filedOn,
            grounds.InspectionId, null, grounds.DepartmentId);
        var c = new Case(filing, entitlement, officers, settings);
        if (input.IsMajor || input.IsComplex)
        {
            c.Classify(input.IsMajor, input.IsComplex);
        }
        if (!IsTownshipUser)
        {
            // A department's own filing: it leads, which it may only for a major case on its own matter.
            c.TakeLead(user.DepartmentId!.Value);
        }
        db.Cases.Add(c);
        await db.SaveChangesAsync(ct);
        await CommitAsync(numbering, ct);
        return c;
    }

    /// <summary>
    /// 简易程序: decided and handed over on the spot the day the act is found, by two officers who may act, within the summary
    /// procedure's reach and the township's summary authority. The case is then delivered; it closes once paid (if fined) and
    /// reported for filing.
    /// </summary>
    public async Task<Case?> DecideOnTheSpotAsync(SummaryCaseInput input, CancellationToken ct)
    {
        if (!MayDecideOnTheSpot)
        {
            throw new ForbiddenAction();
        }
        if (input.TownshipId is { } other && other != user.TownshipId)
        {
            return null;
        }
        var grounds = await GroundsAsync(input.TownshipId, input.MatterId, input.InspectionId, ct);
        if (grounds is null)
        {
            return null;
        }
        var on = NotFuture(input.On, "On");
        var actOn = input.ActOn ?? on;
        var penalty = (input.Penalty ?? throw new RuleViolation("Validation.Required", new Text("CaseField.Penalty")) { Field = "Penalty" })
            .ToPenalty();
        var entitlement = await entitlements.CheckAsync(grounds.TownshipId, grounds.MatterId, Authority.InspectionOnly, on, null, ct);
        var officers = await ActingAsync(input.OfficerIds, grounds.MatterId, grounds.TownshipId, on, ct,
            grounds.InspectionId, Identifier(input.PartyKind, input.PartyIdentifier));
        await using var numbering = await NumberingAsync(ct);
        var number = await CaseNumberAsync(input.Number, entitlement, grounds.DistrictId, on.Year, ct);
        var decisionNumber = await DecisionNumberAsync(input.DecisionNumber, entitlement.ActingUnitId, entitlement.ActingInNameOf, grounds.DistrictId, on.Year,
            "DecisionNumber", ct);
        var settings = await DistrictCaseSettings.ForAsync(db, grounds.DistrictId, ct);
        var filing = new CaseFiling(grounds.DistrictId, grounds.TownshipId, grounds.MatterId, number,
            new CaseParty(input.PartyKind, input.PartyName ?? "", Identifier(input.PartyKind, input.PartyIdentifier), input.PartyAddress), input.Facts ?? "",
            actOn, null, false, on, on, grounds.InspectionId, null, grounds.DepartmentId);
        // Recorded on the spot the same day, the moment of recording is the time; a decision entered later states its own.
        var time = input.Time ?? (on == Today ? TimeOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(8)) : null);
        var c = Case.DecideOnTheSpot(filing, decisionNumber, penalty, entitlement, officers, settings,
            new OnTheSpotFacts(input.Place, time is { } t ? new TimeOnly(t.Hour, t.Minute) : null));
        c.Deliver(new DeliveryFacts(on, DeliveryMethod.OnTheSpot), await calendars.ForDistrictAsync(grounds.DistrictId, ct));
        db.Cases.Add(c);
        await db.SaveChangesAsync(ct);
        await CommitAsync(numbering, ct);
        return c;
    }

    // ---- the steps of the general procedure ----

    public Task<Case?> InvestigateAsync(Guid id, OfficersStepInput input, CancellationToken ct) =>
        StepAsync(id, async c =>
        {
            var on = NotFuture(input.On, "On");
            c.BeginInvestigation(on, await ActingAsync(input.OfficerIds, c.MatterId, c.TownshipId, on, ct, c.InspectionId, c.PartyIdentifier));
        }, ct);

    /// <summary>An item of evidence gathered by two officers who may act; null when the case is out of sight.</summary>
    public async Task<CaseEvidence?> AddEvidenceAsync(Guid id, EvidenceInput input, CancellationToken ct)
    {
        CaseEvidence? item = null;
        var c = await StepAsync(id, async c =>
        {
            var on = NotFuture(input.CollectedOn, "CollectedOn");
            item = c.AddEvidence(on, input.Kind ?? "", input.Description ?? "", await ActingAsync(input.OfficerIds, c.MatterId, c.TownshipId, on, ct,
                c.InspectionId, c.PartyIdentifier));
        }, ct, assist: true);
        return c is null ? null : item;
    }

    /// <summary>Files of an item of evidence, each checked by its content and size; null when the case or item is out of sight.</summary>
    public async Task<IReadOnlyList<CaseEvidenceFile>?> AddEvidenceFilesAsync(Guid id, Guid evidenceId, IReadOnlyList<UploadedFile> files,
        CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().IgnoreAutoIncludes().FirstOrDefaultAsync(x => x.Id == id, ct);
        var item = c is null ? null : await db.CaseEvidence.AsNoTracking().FirstOrDefaultAsync(e => e.Id == evidenceId && e.CaseId == id, ct);
        if (c is null || item is null)
        {
            return null;
        }
        if (!MayAssist(c))
        {
            throw new ForbiddenAction();
        }
        c.EnsureNotOver();
        if (files.Count == 0)
        {
            throw new RuleViolation("Case.NoFile") { Field = "Files" };
        }
        List<CaseEvidenceFile> kept = [];
        foreach (var file in files)
        {
            var type = InspectionBook.ContentTypeOf(file, MaxFileBytes);
            kept.Add(new CaseEvidenceFile(item, Path.GetFileName(file.Name), type, file.Content, clock.GetUtcNow(), user.UserName));
        }
        db.CaseEvidenceFiles.AddRange(kept);
        await db.SaveChangesAsync(ct);
        return kept;
    }

    /// <summary>
    /// Raises a case's class (whoever writes it, or the office) or lowers it: only with a reason and the approval of the office, or the
    /// leading department when a department leads, recorded on the case with the approving account and the day (LAW 19).
    /// </summary>
    public async Task<Case?> ClassifyAsync(Guid id, ClassifyInput input, CancellationToken ct)
    {
        var c = await db.Cases.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return null;
        }
        var approves = MayApproveLowering(c);
        if (!MayWrite(c) && !approves)
        {
            throw new ForbiddenAction();
        }
        c.Classify(input.IsMajor, input.IsComplex,
            new ClassLowering(NotFuture(input.On, "On"), user.UserName, approves, input.Reason ?? ""));
        await SaveStepAsync(c, ct);
        return c;
    }

    /// <summary>联动执法: the matter's department takes the lead of a major case; the township assists from then on.</summary>
    public async Task<Case?> TakeLeadAsync(Guid id, CancellationToken ct)
    {
        var c = await db.Cases.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return null;
        }
        if (!IsDepartmentUser || c.LeadDepartmentId is not null)
        {
            throw new ForbiddenAction();
        }
        c.TakeLead(user.DepartmentId!.Value);
        await SaveStepAsync(c, ct);
        return c;
    }

    public Task<Case?> NotifyAsync(Guid id, NoticeInput input, CancellationToken ct) =>
        StepAsync(id, async c =>
        {
            var penalty = PenaltyOf(input.Penalty);
            var on = NotFuture(input.On, "On");
            c.Notify(new NoticeFacts(on, penalty, input.FactsReasonsAndBasis ?? ""),
                await SettingsAsync(c.DistrictId, ct), await calendars.ForDistrictAsync(c.DistrictId, ct),
                await entitlements.CheckAsync(c.TownshipId, c.MatterId, Authority.InspectionOnly, on, null, ct));
        }, ct);

    public Task<Case?> RecordRepresentationsAsync(Guid id, RepresentationsInput input, CancellationToken ct) =>
        StepAsync(id, c => c.RecordRepresentations(NotFuture(input.On, "On"), input.Summary ?? ""), ct);

    public Task<Case?> WaiveAsync(Guid id, DateInput input, CancellationToken ct) =>
        StepAsync(id, c => c.RecordWaiver(NotFuture(input.On, "On")), ct);

    public Task<Case?> RequestHearingAsync(Guid id, DateInput input, CancellationToken ct) =>
        StepAsync(id, c => c.RequestHearing(NotFuture(input.On, "On")), ct);

    public Task<Case?> HoldHearingAsync(Guid id, HearingInput input, CancellationToken ct) =>
        StepAsync(id, async c =>
        {
            RuleViolation.ThrowAll([NotChosen(input.ChairId, "ChairId"), Blank(input.Record, "Record")]);
            var noticeOn = NotFuture(input.NoticeOn, "NoticeOn");
            var heldOn = NotFuture(input.HeldOn, "HeldOn");
            var chair = await OfficerOfDistrictAsync(input.ChairId, c.DistrictId, "ChairId", ct);
            await EnsureNotRecusedAsync(c, chair, ct);
            c.HoldHearing(new HearingFacts(noticeOn, heldOn, chair.Id, chair.Name, input.Record ?? ""),
                await calendars.ForDistrictAsync(c.DistrictId, ct));
        }, ct);

    /// <summary>法制审核 by an officer the office has qualified for it (<see cref="DistrictCaseSettings.LegalReviewerIds"/>).</summary>
    public Task<Case?> ReviewAsync(Guid id, ReviewInput input, CancellationToken ct) =>
        StepAsync(id, async c =>
        {
            RuleViolation.ThrowAll([NotChosen(input.ReviewerId, "ReviewerId"), Blank(input.Opinion, "Opinion")]);
            var on = NotFuture(input.On, "On");
            var reviewer = await OfficerOfDistrictAsync(input.ReviewerId, c.DistrictId, "ReviewerId", ct);
            await EnsureNotRecusedAsync(c, reviewer, ct);
            var qualified = await db.CaseSettings.AsNoTracking().Where(s => s.DistrictId == c.DistrictId)
                .Select(s => s.LegalReviewerIds).FirstOrDefaultAsync(ct) is { } ids && ids.Contains(reviewer.Id);
            c.RecordLegalReview(new LegalReviewFacts(on, reviewer.Id, reviewer.Name, qualified, input.Opinion ?? ""));
        }, ct);

    public Task<Case?> DiscussAsync(Guid id, DiscussionInput input, CancellationToken ct) =>
        StepAsync(id, c => c.RecordCollectiveDiscussion(NotFuture(input.On, "On"), input.Conclusion ?? ""), ct);

    /// <summary>作出决定, numbered per acting body and year when no number is given; one with social impact is to be published.</summary>
    public async Task<Case?> DecideAsync(Guid id, DecisionInput input, CancellationToken ct)
    {
        IDbContextTransaction? numbering = null;
        try
        {
            var decided = await StepAsync(id, async c =>
            {
                var on = NotFuture(input.On, "On");
                var penalty = PenaltyOf(input.Penalty);
                var entitlement = await entitlements.CheckAsync(c.TownshipId, c.MatterId, Authority.InspectionOnly, on, null, ct);
                numbering = await NumberingAsync(ct);
                var number = await DecisionNumberAsync(input.Number, c.ActingUnitId, c.ActingInNameOf, c.DistrictId, on.Year, "Number", ct);
                c.Decide(new DecisionFacts(on, number, penalty, input.SocialImpact), entitlement, await SettingsAsync(c.DistrictId, ct),
                    await calendars.ForDistrictAsync(c.DistrictId, ct));
            }, ct);
            await CommitAsync(numbering, ct);
            return decided;
        }
        finally
        {
            if (numbering is not null)
            {
                await numbering.DisposeAsync();
            }
        }
    }

    public Task<Case?> DeliverAsync(Guid id, DeliveryInput input, CancellationToken ct) =>
        StepAsync(id, async c => c.Deliver(new DeliveryFacts(NotFuture(input.On, "On"), input.Method, input.ElectronicConsentOn),
            await calendars.ForDistrictAsync(c.DistrictId, ct)), ct);

    public Task<Case?> RecordPaymentAsync(Guid id, PaymentInput input, CancellationToken ct) =>
        StepAsync(id, c => c.RecordPayment(NotFuture(input.PaidOn, "PaidOn"),
            input.Amount ?? throw new RuleViolation("Validation.Required", new Text("CaseField.Amount")) { Field = "Amount" }), ct);

    /// <summary>
    /// 暂缓缴纳罚款 on the party's application, approved by the acting body's account (<see cref="MayApproveExtension"/>), recorded
    /// as the approver, dated today: a payment plan of one instalment, what remains of the fine on the new day.
    /// </summary>
    public Task<Case?> DeferPaymentAsync(Guid id, PaymentDeferralInput input, CancellationToken ct)
    {
        RuleViolation.ThrowAll([input.NewDueOn is null ? Case.Missing("NewDueOn") : null, Blank(input.Reason, "Reason")]);
        var newDueOn = input.NewDueOn!.Value;
        return ArrangeAsync(id, input.AppliedOn, input.Reason, c => [new InstalmentTerm(newDueOn, c.FineOutstanding)], ct);
    }

    /// <summary>分期缴纳罚款 on the party's application, approved as a deferral is.</summary>
    public Task<Case?> ArrangeInstalmentsAsync(Guid id, PaymentPlanInput input, CancellationToken ct)
    {
        var terms = (input.Instalments ?? []).Select((t, k) => new InstalmentTerm(
            t.DueOn ?? throw new RuleViolation("Case.InstalmentIncomplete", k + 1) { Field = "Instalments" },
            t.Amount ?? throw new RuleViolation("Case.InstalmentIncomplete", k + 1) { Field = "Instalments" })).ToList();
        return ArrangeAsync(id, input.AppliedOn, input.Reason, _ => terms, ct);
    }

    private async Task<Case?> ArrangeAsync(Guid id, DateOnly? appliedOn, string? reason, Func<Case, IReadOnlyList<InstalmentTerm>> terms,
        CancellationToken ct)
    {
        var c = await db.Cases.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return null;
        }
        c.ArrangePayment(new PaymentPlan(NotFuture(appliedOn, "AppliedOn"), Today, user.UserName, MayApproveExtension(c), reason ?? "",
            terms(c)), Today);
        await SaveStepAsync(c, ct);
        return c;
    }

    public Task<Case?> ExecuteAsync(Guid id, DateInput input, CancellationToken ct) =>
        StepAsync(id, c => c.RecordExecution(NotFuture(input.On, "On")), ct);

    public Task<Case?> ReportForFilingAsync(Guid id, DateInput input, CancellationToken ct) =>
        StepAsync(id, c => c.ReportForFiling(NotFuture(input.On, "On")), ct);

    public Task<Case?> CloseAsync(Guid id, DateInput input, CancellationToken ct) =>
        StepAsync(id, c => c.Close(NotFuture(input.On, "On")), ct);

    public Task<Case?> TransferAsync(Guid id, TransferInput input, CancellationToken ct) =>
        StepAsync(id, c => c.TransferToJudiciary(NotFuture(input.On, "On"), input.ReceivingBody ?? "", input.Reason ?? ""), ct);

    /// <summary>
    /// 延长办案期限: approved by the acting body's account (<see cref="MayApproveExtension"/>), which is recorded as the approver,
    /// dated the day it is recorded; a township's or officer's account is refused naming APL 60.
    /// </summary>
    public async Task<Case?> ExtendAsync(Guid id, ExtensionInput input, CancellationToken ct)
    {
        var c = await db.Cases.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return null;
        }
        RuleViolation.ThrowAll([input.Days is null ? Case.Missing("Days") : null, Blank(input.Reason, "Reason")]);
        var days = input.Days!.Value;
        var domain = await db.Matters.IgnoreQueryFilters().Where(m => m.Id == c.MatterId).Select(m => m.Domain).SingleAsync(ct);
        c.Extend(new ExtensionFacts(NotFuture(input.ApprovedOn, "ApprovedOn"), days, user.UserName, MayApproveExtension(c),
            input.Reason ?? ""), Today, await SettingsAsync(c.DistrictId, ct), domain);
        await SaveStepAsync(c, ct);
        return c;
    }

    public Task<Case?> PublishAsync(Guid id, DateInput input, CancellationToken ct) =>
        StepAsync(id, c => c.Publish(NotFuture(input.On, "On")), ct);

    public Task<Case?> WithdrawFromPublicAsync(Guid id, DateInput input, CancellationToken ct) =>
        StepAsync(id, c => c.RecordWithdrawalFromPublic(NotFuture(input.On, "On")), ct, remedies: true);

    /// <summary>The money recorded for refund after a remedy's outcome paid back to the party: whoever records the remedies.</summary>
    public Task<Case?> RecordRefundAsync(Guid id, DateInput input, CancellationToken ct) =>
        StepAsync(id, c => c.RecordRefund(NotFuture(input.On, "On")), ct, remedies: true);

    /// <summary>A reconsideration or lawsuit against the decision; null when the case is out of sight.</summary>
    public async Task<CaseRemedy?> AddRemedyAsync(Guid id, RemedyInput input, CancellationToken ct)
    {
        CaseRemedy? remedy = null;
        var c = await StepAsync(id, c => remedy = c.RecordRemedy(input.Kind, NotFuture(input.FiledOn, "FiledOn"), input.Body ?? ""), ct,
            remedies: true);
        return c is null ? null : remedy;
    }

    /// <summary>The outcome of a remedy; null when the case or the remedy is out of sight.</summary>
    public async Task<Case?> RecordRemedyOutcomeAsync(Guid id, Guid remedyId, RemedyOutcomeInput input, CancellationToken ct)
    {
        var c = await db.Cases.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || c.Remedies.All(r => r.Id != remedyId))
        {
            return null;
        }
        if (!MayRecordRemedies(c))
        {
            throw new ForbiddenAction();
        }
        c.RecordRemedyOutcome(remedyId, input.Outcome, NotFuture(input.On, "On"), await calendars.ForDistrictAsync(c.DistrictId, ct),
            input.ChangedPenalty?.ToPenalty());
        await SaveStepAsync(c, ct);
        return c;
    }

    // ---- settings ----

    /// <summary>The district's case settings and qualified legal reviewers (the defaults and none until the office sets them).</summary>
    public async Task<(CaseSettings Settings, IReadOnlyList<Guid> LegalReviewerIds)> SettingsOfAsync(Guid districtId, CancellationToken ct)
    {
        var row = await db.CaseSettings.AsNoTracking().FirstOrDefaultAsync(s => s.DistrictId == districtId, ct);
        return row is null ? (CaseSettings.Defaults, []) : (row.ToSettings(), row.LegalReviewerIds);
    }

    /// <summary>The office sets its district's figures and names the officers qualified for legal review.</summary>
    public async Task<DistrictCaseSettings> SaveSettingsAsync(CaseSettingsInput input, CancellationToken ct)
    {
        if (!MayKeepSettings)
        {
            throw new ForbiddenAction();
        }
        var districtId = user.DistrictId!.Value;
        var settings = new CaseSettings(input.HearingFinePerson, input.HearingFineOrganisation, input.DecisionDays, input.MaxExtensionDays,
            input.RepresentationWorkingDays, input.PublicationWorkingDays,
            input.MajorFinePerson ?? CaseSettings.DefaultMajorFinePerson, input.MajorFineOrganisation ?? CaseSettings.DefaultMajorFineOrganisation,
            input.MaxExtensions ?? CaseSettings.DefaultMaxExtensions, input.MaxExtensionsByDomain);
        var reviewers = (input.LegalReviewerIds ?? []).Distinct().ToList();
        var known = await db.Officers.CountAsync(o => reviewers.Contains(o.Id) && o.DistrictId == districtId, ct);
        if (known != reviewers.Count)
        {
            throw new RuleViolation("Case.UnknownOfficer") { Field = "LegalReviewerIds" };
        }
        var row = await db.CaseSettings.FirstOrDefaultAsync(s => s.DistrictId == districtId, ct);
        if (row is null)
        {
            row = new DistrictCaseSettings(districtId, settings);
            db.CaseSettings.Add(row);
        }
        else
        {
            row.Update(settings);
        }
        row.SetLegalReviewers(reviewers);
        await db.SaveChangesAsync(ct);
        return row;
    }

    // ---- helpers ----

    /// <summary>Loads the case (null: out of sight), checks the user may take the step, applies it, and saves once.</summary>
    private async Task<Case?> StepAsync(Guid id, Func<Case, Task> step, CancellationToken ct, bool assist = false, bool remedies = false)
    {
        var c = await db.Cases.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return null;
        }
        if (!(assist ? MayAssist(c) : remedies ? MayRecordRemedies(c) : MayWrite(c)))
        {
            throw new ForbiddenAction();
        }
        await step(c);
        await SaveStepAsync(c, ct);
        return c;
    }

    private Task<Case?> StepAsync(Guid id, Action<Case> step, CancellationToken ct, bool assist = false, bool remedies = false) =>
        StepAsync(id, c =>
        {
            step(c);
            return Task.CompletedTask;
        }, ct, assist, remedies);

    /// <summary>Saves a step on a loaded case, moving its version even when only child rows changed (evidence, a remedy).</summary>
    private async Task SaveStepAsync(Case c, CancellationToken ct)
    {
        var version = db.Entry(c).Property<int>(VersionProperty);
        version.CurrentValue++;
        await db.SaveChangesAsync(ct);
    }

    private Task<CaseSettings> SettingsAsync(Guid districtId, CancellationToken ct) => DistrictCaseSettings.ForAsync(db, districtId, ct);

    /// <summary>The day a step is dated: today when not given; never in the future.</summary>
    private DateOnly NotFuture(DateOnly? on, string field)
    {
        var day = on ?? Today;
        if (day > Today)
        {
            throw new RuleViolation("Case.FutureDate", Day(day), Day(Today)) { Field = field };
        }
        return day;
    }

    private static Penalty PenaltyOf(PenaltyInput? input) =>
        (input ?? throw new RuleViolation("Validation.Required", new Text("CaseField.Penalty")) { Field = "Penalty" }).ToPenalty();

    private static string Identifier(PartyKind kind, string? identifier) =>
        (kind == PartyKind.Organisation ? CreditCodes.Normalize(identifier) : identifier?.Trim().ToUpperInvariant()) ?? "";

    /// <summary>
    /// Each officer with the answer to "may they act on this matter in the case's township that day?" (a department's officer
    /// anywhere, a township's only in its own); an officer out of sight may not. Each carries the recusal from the case's target
    /// or party that bars them, if any (LAW 11).
    /// </summary>
    private async Task<List<ActingOfficer>> ActingAsync(IEnumerable<Guid>? officerIds, Guid matterId, Guid townshipId, DateOnly on,
        CancellationToken ct, Guid? inspectionId = null, string? partyIdentifier = null)
    {
        var ids = (officerIds ?? []).Distinct().ToList();
        var names = await db.Officers.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var recused = await RecusedFromAsync(ids, inspectionId, partyIdentifier, ct);
        List<ActingOfficer> acting = [];
        foreach (var officerId in ids)
        {
            acting.Add(new ActingOfficer(officerId, names.GetValueOrDefault(officerId, officerId.ToString()),
                await powers.MayActAsync(officerId, matterId, townshipId, on, ct), recused.GetValueOrDefault(officerId)));
        }
        return acting;
    }

    /// <summary>An officer of the district (a hearing chair, a legal reviewer), whichever unit they belong to.</summary>
    // A step's required fields are checked together before anything is looked up (RuleViolation.ThrowAll), so that every one left
    // empty is answered at once, each beside its field; the domain still refuses the same on its own.
    private static RuleViolation? Blank(string? value, string field) => string.IsNullOrWhiteSpace(value) ? Case.Missing(field) : null;

    private static RuleViolation? NotChosen(Guid? officerId, string field) =>
        officerId is null ? new RuleViolation("Case.OfficerNotChosen") { Field = field } : null;

    private async Task<(Guid Id, string Name)> OfficerOfDistrictAsync(Guid? officerId, Guid districtId, string field, CancellationToken ct)
    {
        // The case was seen; its chair or reviewer may belong to a unit the user does not otherwise see (the legal section).
        if (officerId is null)
        {
            throw new RuleViolation("Case.OfficerNotChosen") { Field = field };
        }
        var officer = await db.Officers.IgnoreQueryFilters().AsNoTracking()
            .Where(o => o.Id == officerId && o.DistrictId == districtId).Select(o => new { o.Id, o.Name }).FirstOrDefaultAsync(ct);
        return officer is null
            ? throw new RuleViolation("Case.UnknownOfficer") { Field = field }
            : (officer.Id, officer.Name);
    }

    /// <summary>
    /// The transaction a document number is taken in, so that a refused step gives its number back; none when the caller
    /// has one already (the number is then taken in the caller's).
    /// </summary>
    private async Task<IDbContextTransaction?> NumberingAsync(CancellationToken ct) =>
        db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;

    private static async Task CommitAsync(IDbContextTransaction? numbering, CancellationToken ct)
    {
        if (numbering is not null)
        {
            await numbering.CommitAsync(ct);
        }
    }

    /// <summary>The number given (unique for the acting body), or the next one of the acting body's year: 〔2026〕3号.</summary>
    private async Task<string> CaseNumberAsync(string? given, Entitlement entitlement, Guid districtId, int year, CancellationToken ct)
    {
        if (entitlement is not { Allowed: true, ActingUnitId: { } unit })
        {
            return string.IsNullOrWhiteSpace(given) ? "-" : given; // the domain refuses the filing for want of standing
        }
        if (!string.IsNullOrWhiteSpace(given))
        {
            var number = CaseNumbers.InNameOf(given, entitlement.ActingInNameOf!, "Number");
            if (await CaseNumberTakenAsync(unit, number, ct))
            {
                throw new RuleViolation("Case.NumberTaken", number) { Field = "Number", StatusCode = StatusCodes.Status409Conflict };
            }
            return number;
        }
        var prefix = CaseNumbers.CasePrefix(entitlement.ActingInNameOf!, year);
        // Every case of the acting body counts, whichever township filed it: one sequence per body and year.
        return await NextNumberAsync(districtId, NumberKinds.Case, unit, year, prefix,
            async t => await db.Cases.IgnoreQueryFilters().Where(c => c.ActingUnitId == unit && c.Number.StartsWith(prefix))
                .Select(c => c.Number).ToListAsync(t),
            n => CaseNumberTakenAsync(unit, n, ct), ct);
    }

    private Task<bool> CaseNumberTakenAsync(Guid unit, string number, CancellationToken ct) =>
        db.Cases.IgnoreQueryFilters().AnyAsync(c => c.ActingUnitId == unit && c.Number == number, ct);

    private async Task<string> DecisionNumberAsync(string? given, Guid? unit, string? inNameOf, Guid districtId, int year, string field,
        CancellationToken ct)
    {
        if (unit is not { } body || inNameOf is null)
        {
            return given?.Trim() ?? ""; // the domain refuses the decision for want of standing
        }
        if (!string.IsNullOrWhiteSpace(given))
        {
            return CaseNumbers.InNameOf(given, inNameOf, field);
        }
        var prefix = CaseNumbers.DecisionPrefix(inNameOf, year);
        return await NextNumberAsync(districtId, NumberKinds.Decision, body, year, prefix,
            async t => await db.Cases.IgnoreQueryFilters().Where(c => c.ActingUnitId == body && c.DecisionNumber!.StartsWith(prefix))
                .Select(c => c.DecisionNumber!).ToListAsync(t),
            n => db.Cases.IgnoreQueryFilters().AnyAsync(c => c.ActingUnitId == body && c.DecisionNumber == n, ct), ct);
    }

    /// <summary>
    /// The next number of a series from its <see cref="NumberSequence"/>; a number someone gave by hand ahead of the series is
    /// passed over. The documents are read only the first time, to continue the series they began.
    /// </summary>
    private async Task<string> NextNumberAsync(Guid districtId, string kind, Guid issuer, int year, string prefix,
        Func<CancellationToken, Task<List<string>>> issued, Func<string, Task<bool>> taken, CancellationToken ct)
    {
        while (true)
        {
            var n = await NumberSequences.TakeAsync(db, districtId, kind, issuer, year,
                async t => NumberSequences.Highest(prefix, await issued(t)), ct);
            var number = $"{prefix}{n}号";
            if (!await taken(number))
            {
                return number;
            }
        }
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
