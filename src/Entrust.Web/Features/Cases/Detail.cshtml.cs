using Entrust.Web.Data;
using Entrust.Web.Features.Cases;
using Entrust.Web.Features.Inspections;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Cases;

/// <summary>
/// One case: party, facts, standing, officers, evidence and its files, the timeline of steps, extensions and remedies, and the
/// forms of the steps its state allows, for whoever may take them. Each step is <see cref="CaseBook"/>'s; a refusal names its
/// rule and changes nothing.
/// </summary>
public sealed class DetailModel(EntrustDbContext db, CaseBook book, IStringLocalizer<SharedResource> text,
    Features.Officers.OfficerPicker picker)
    : ConsolePageModel(text)
{
    public sealed class StepForm
    {
        public DateOnly? On { get; set; }
        public List<Guid> OfficerIds { get; set; } = [];
        public string? Kind { get; set; }
        public string? Description { get; set; }
        public bool IsMajor { get; set; }
        public bool IsComplex { get; set; }
        public bool Warning { get; set; }
        public decimal? Fine { get; set; }
        public decimal? Confiscation { get; set; }
        public PenaltyMeasure Measure { get; set; }
        public string? Text { get; set; }
        public DateOnly? NoticeOn { get; set; }
        public Guid? ChairId { get; set; }
        public Guid? ReviewerId { get; set; }
        public string? Number { get; set; }
        public bool SocialImpact { get; set; }
        public DeliveryMethod Method { get; set; } = DeliveryMethod.Direct;
        public DateOnly? ElectronicConsentOn { get; set; }
        public decimal? Amount { get; set; }
        public string? ReceivingBody { get; set; }
        public int? Days { get; set; }
        public DateOnly? NewDueOn { get; set; }

        /// <summary>分期缴纳: the rows filled in (a blank row is left out).</summary>
        public List<InstalmentInput> Instalments { get; set; } = [];
        public RecusalApplicant? AppliedBy { get; set; }
        public Guid? OfficerId { get; set; }
        public Guid? RecusalId { get; set; }
        public string? DecidedBy { get; set; }
        public bool? Approved { get; set; }
        public RemedyKind? RemedyKind { get; set; }
        public RemedyOutcome? Outcome { get; set; }
        public Guid? RemedyId { get; set; }
        public Guid? EvidenceId { get; set; }

        public PenaltyInput Penalty => new(Warning, Fine, Confiscation, Measure);
    }

    /// <summary>A line of the timeline: the day, the step (a resource key) and what was recorded.</summary>
    public sealed record Event(DateOnly On, string Step, string? Detail);

    [BindProperty] public StepForm Input { get; set; } = new();
    [BindProperty] public List<IFormFile> Files { get; set; } = [];
    public CaseView View { get; private set; } = null!;
    public Case Case => View.Case;
    public List<Choice> Officers { get; private set; } = [];
    /// <summary>The officers offered for a step: with their units, each asked whether they may act on the case's matter today.</summary>
    public List<Features.Officers.PickerOfficer> OfficerOffer { get; private set; } = [];
    /// <summary>The legal reviewers the office qualified, with their units (a district has several 王伟).</summary>
    public List<Features.Officers.PickerOfficer> Reviewers { get; private set; } = [];
    /// <summary>A hearing's chair: the case's officers and the legal reviewers, each with the unit.</summary>
    public List<Features.Officers.PickerOfficer> Chairs => [.. OfficerOffer.Concat(Reviewers).DistinctBy(o => o.Id)];

    /// <summary>
    /// The form whose post was refused (its handler, with the recusal or remedy it is about): its errors stand beside its fields
    /// and what was typed is kept; the other forms are drawn empty.
    /// </summary>
    public string? Posted { get; private set; }
    public List<Event> Timeline { get; private set; } = [];
    public string? AgreementNumber { get; private set; }
    public DateOnly Today => book.Today;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetFileAsync(Guid id, Guid fileId, CancellationToken ct) =>
        await book.FileAsync(id, fileId, ct) is { } f ? File(f.Content, f.ContentType, f.Name) : NotFound();

    /// <summary>行政处罚告知书 / 行政处罚决定书 as .docx: the API's own rendering, under the console's sign-in.</summary>
    public async Task<IActionResult> OnGetDocumentAsync(Guid id, string kind, CancellationToken ct)
    {
        try
        {
            return await book.DocumentAsync(id, kind, ct) is { } d ? File(d.Content, CaseDocumentsApi.DocxType, d.Name) : NotFound();
        }
        catch (RuleViolation)
        {
            // Not yet notified or decided: the page offers no button then; a typed address just finds nothing.
            return NotFound();
        }
    }

    public Task<IActionResult> OnPostInvestigateAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, "CaseStep.Investigate", () => book.InvestigateAsync(id, new(Input.On, Input.OfficerIds), ct), ct);

    /// <summary>An item of evidence and its files: the files are checked first, so a refused file adds no item.</summary>
    public async Task<IActionResult> OnPostEvidenceAsync(Guid id, CancellationToken ct)
    {
        List<UploadedFile> files = [];
        return await StepAsync(id, "CaseStep.AddEvidence", async () =>
        {
            files = await InspectionsApi.ReadAsync(Files, book.MaxFileBytes, ct);
            foreach (var file in files)
            {
                InspectionBook.ContentTypeOf(file, book.MaxFileBytes);
            }
            var item = await book.AddEvidenceAsync(id, new(Input.On, Input.Kind, Input.Description, Input.OfficerIds), ct);
            if (item is not null && files.Count > 0)
            {
                await book.AddEvidenceFilesAsync(id, item.Id, files, ct);
            }
            return item;
        }, ct);
    }

    public Task<IActionResult> OnPostFilesAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, "CaseStep.AddFiles", async () => await book.AddEvidenceFilesAsync(id, Input.EvidenceId ?? Guid.Empty,
            await InspectionsApi.ReadAsync(Files, book.MaxFileBytes, ct), ct), ct);

    public Task<IActionResult> OnPostClassifyAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, "CaseStep.Classify", () => book.ClassifyAsync(id, new(Input.IsMajor, Input.IsComplex, Input.Text), ct), ct);

    public Task<IActionResult> OnPostLeadAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, "CaseStep.TakeLead", () => book.TakeLeadAsync(id, ct), ct);

    public Task<IActionResult> OnPostNotifyAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, "CaseStep.Notify", () => book.NotifyAsync(id, new(Input.On, Input.Penalty, Input.Text), ct), ct);

    public Task<IActionResult> OnPostRepresentationsAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, "CaseStep.Representations", () => book.RecordRepresentationsAsync(id, new(Input.On, Input.Text), ct), ct);

    public Task<IActionResult> OnPostWaiveAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, "CaseStep.Waive", () => book.WaiveAsync(id, new(Input.On), ct), ct);

    public Task<IActionResult> OnPostRequestHearingAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, "CaseStep.RequestHearing", () => book.RequestHearingAsync(id, new(Input.On), ct), ct);

    public Task<IActionResult> OnPostHoldHearingAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, "CaseStep.HoldHearing", () => book.HoldHearingAsync(id, new(Input.NoticeOn, Input.On, Input.ChairId, Input.Text), ct), ct);

    public Task<IActionResult> OnPostReviewAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, "CaseStep.Review", () => book.ReviewAsync(id, new(Input.On, Input.ReviewerId, Input.Text), ct), ct);

    public Task<IActionResult> OnPostDiscussAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, "CaseStep.Discuss", () => book.DiscussAsync(id, new(Input.On, Input.Text), ct), ct);

    public Task<IActionResult> OnPostDecideAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, "CaseStep.Decide", () => book.DecideAsync(id,
            new(Input.On, string.IsNullOrWhiteSpace(Input.Number) ? null : Input.Number, Input.Penalty, Input.SocialImpact), ct), ct);

    public Task<IActionResult> OnPostDeliverAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, "CaseStep.Deliver", () => book.DeliverAsync(id, new(Input.On, Input.Method, Input.ElectronicConsentOn), ct), ct);

    /// <summary>暂缓缴纳: the day the party applied, the new due day and the reason.</summary>
    public Task<IActionResult> OnPostDeferAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, "Cases.PaymentDeferred", () => book.DeferPaymentAsync(id, new(Input.On, Input.NewDueOn, Input.Text), ct), ct);

    /// <summary>分期缴纳: the day the party applied, the instalments filled in and the reason.</summary>
    public Task<IActionResult> OnPostInstalmentsAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, "Cases.Instalments", () => book.ArrangeInstalmentsAsync(id,
            new(Input.On, Input.Text, [.. Input.Instalments.Where(i => i.DueOn is not null || i.Amount is not null)]), ct), ct);

    /// <summary>回避 (APL 43): the application by the party or the officer, about an officer, with the reason.</summary>
    public Task<IActionResult> OnPostRecusalAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, "CaseStep.Recusal", () => book.ApplyForRecusalAsync(id, new(Input.AppliedBy, Input.OfficerId, Input.On, Input.Text), ct), ct);

    /// <summary>The decision on a recusal application by the head of the acting body.</summary>
    public Task<IActionResult> OnPostRecusalDecisionAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, "CaseStep.RecusalDecision", () => book.DecideRecusalAsync(id, Input.RecusalId ?? Guid.Empty,
            new(Input.On, Input.DecidedBy, Input.Approved), ct), ct);

    public Task<IActionResult> OnPostPaymentAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, "CaseStep.Payment", () => book.RecordPaymentAsync(id, new(Input.On, Input.Amount), ct), ct);

    public Task<IActionResult> OnPostExecuteAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, "CaseStep.Execute", () => book.ExecuteAsync(id, new(Input.On), ct), ct);

    public Task<IActionResult> OnPostReportAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, "CaseStep.ReportForFiling", () => book.ReportForFilingAsync(id, new(Input.On), ct), ct);

    public Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, "CaseStep.Close", () => book.CloseAsync(id, new(Input.On), ct), ct);

    public Task<IActionResult> OnPostTransferAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, "CaseStep.Transfer", () => book.TransferAsync(id, new(Input.On, Input.ReceivingBody, Input.Text), ct), ct);

    public Task<IActionResult> OnPostExtendAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, "CaseStep.Extend", () => book.ExtendAsync(id, new(Input.On, Input.Days, Input.Text), ct), ct);

    public Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, "CaseStep.Publish", () => book.PublishAsync(id, new(Input.On), ct), ct);

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, "CaseStep.Withdraw", () => book.WithdrawFromPublicAsync(id, new(Input.On), ct), ct);

    public Task<IActionResult> OnPostRemedyAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, "CaseStep.Remedy", () => book.AddRemedyAsync(id,
            new(Input.RemedyKind ?? throw Case.Missing("RemedyKind"), Input.On, Input.Text), ct), ct);

    public Task<IActionResult> OnPostOutcomeAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, "CaseStep.RemedyOutcome", () => book.RecordRemedyOutcomeAsync(id, Input.RemedyId ?? Guid.Empty,
            new(Input.Outcome ?? throw Case.Missing("Outcome"), Input.On, Input.Outcome == RemedyOutcome.Changed ? Input.Penalty : null), ct), ct);

    public Task<IActionResult> OnPostRefundAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, "CaseStep.Refund", () => book.RecordRefundAsync(id, new(Input.On), ct), ct);

    private async Task<IActionResult> StepAsync<T>(Guid id, string step, Func<Task<T?>> write, CancellationToken ct) where T : class
    {
        var number = await db.Cases.AsNoTracking().IgnoreAutoIncludes().Where(c => c.Id == id).Select(c => c.Number).FirstOrDefaultAsync(ct);
        return await RunAsync(write, _ => (Text["Cases.StepDone", number ?? "", Text[step].Value].Value, $"/Cases/Detail/{id}"),
            async () =>
            {
                Posted = FormOf(Request.Query["handler"].ToString(), Input.RecusalId ?? Input.RemedyId);
                // The refused step saved nothing; forget what it changed in memory so the page shows the stored case.
                db.ChangeTracker.Clear();
                return await LoadAsync(id, ct) ? Page() : NotFound();
            });
    }

    /// <summary>A step form's key: its handler, and the recusal or remedy a per-item form is about.</summary>
    public static string FormOf(string handler, Guid? item = null)
    {
        var form = System.Text.RegularExpressions.Regex.Replace(handler, "(?<!^)([A-Z])", "-$1").ToLowerInvariant();
        return item is { } id ? $"{form}-{id}" : form;
    }

    public PublicDecisions.Entry? Preview { get; private set; }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await book.FindAsync(id, ct) is not { } view)
        {
            return false;
        }
        View = view;
        var c = view.Case;
        AgreementNumber = await db.Agreements.AsNoTracking().Where(a => a.Id == c.AgreementId).Select(a => a.Number).FirstOrDefaultAsync(ct);
        if (view.MayWrite || view.MayAssist)
        {
            Officers = await CaseChoices.OfficersAsync(db, c.TownshipId, c.LeadDepartmentId, ct);
            OfficerOffer = await picker.OfferAsync(Officers, c.MatterId, c.TownshipId, book.Today, null, ct);
            var (_, reviewerIds) = await book.SettingsOfAsync(c.DistrictId, ct);
            // The qualified reviewers may sit in a unit the user does not otherwise see (the legal section).
            Reviewers = await Features.Officers.OfficerPicker.WithUnits(db, db.Officers.IgnoreQueryFilters().AsNoTracking()
                .Where(o => reviewerIds.Contains(o.Id) && o.DistrictId == c.DistrictId)).ToListAsync(ct);
        }
        if (view.Steps.Contains(CaseStep.Publish))
        {
            // Exactly what the public page will show, checked before publishing (personal data masked).
            Preview = await PublicDecisions.PreviewAsync(db, id, book.Today, ct);
        }
        Timeline = TimelineOf(c);
        return true;
    }

    /// <summary>
    /// 立案 → 调查取证 → 告知 → 决定 → 送达 → 执行 → 结案, with 听证, 法制审核 and 集体讨论 where the case took them (the general
    /// procedure always investigates and notifies; the summary one only if it did); a transfer ends the bar in red.
    /// </summary>
    public static List<Stage> StagesOf(Case c)
    {
        var general = c.Procedure == CaseProcedure.General;
        List<Stage> stages = [Stage.Reached("Stage.File", c.FiledOn)];
        if (general || c.InvestigationStartedOn is not null)
        {
            stages.Add(Stage.Reached("Stage.Investigate", c.InvestigationStartedOn));
        }
        if (general || c.NotifiedOn is not null)
        {
            stages.Add(Stage.Reached("Stage.Notify", c.NotifiedOn));
        }
        if (c.HearingRequestedOn is not null)
        {
            stages.Add(Stage.Reached("Stage.Hearing", c.HearingHeldOn));
        }
        if (c.LegalReviewOn is not null)
        {
            stages.Add(Stage.Reached("Stage.LegalReview", c.LegalReviewOn));
        }
        if (c.DiscussedOn is not null)
        {
            stages.Add(Stage.Reached("Stage.Discuss", c.DiscussedOn));
        }
        stages.AddRange([Stage.Reached("Stage.Decide", c.DecidedOn), Stage.Reached("Stage.Deliver", c.DeliveredOn),
            Stage.Reached("Stage.Execute", c.ExecutedOn), Stage.Reached("Stage.Close", c.ClosedOn)]);
        if (c.TransferredOn is { } transferred)
        {
            stages.RemoveAll(s => !s.Done);
            stages.Add(new("Stage.Transfer", true, transferred, Stop: true));
        }
        return stages;
    }

    private static List<Event> TimelineOf(Case c)
    {
        List<Event> events = [new(c.FiledOn, "CaseStep.Filed", c.Number)];
        void Add(DateOnly? on, string step, string? detail = null)
        {
            if (on is { } day)
            {
                events.Add(new(day, step, detail));
            }
        }
        Add(c.InvestigationStartedOn, "CaseStep.Investigate");
        events.AddRange(c.Evidence.Select(e => new Event(e.CollectedOn, "CaseStep.Evidence", $"{e.Kind}：{e.Description}")));
        Add(c.NotifiedOn, "CaseStep.Notify", c.NoticeText);
        Add(c.RepresentationsOn, "CaseStep.Representations", c.Representations);
        Add(c.RightsWaivedOn, "CaseStep.Waive");
        Add(c.HearingRequestedOn, "CaseStep.RequestHearing");
        Add(c.HearingHeldOn, "CaseStep.HoldHearing", c.HearingChairName);
        Add(c.LegalReviewOn, "CaseStep.Review", $"{c.LegalReviewerName}：{c.LegalReviewOpinion}");
        Add(c.DiscussedOn, "CaseStep.Discuss", c.DiscussionConclusion);
        Add(c.DecidedOn, "CaseStep.Decide", c.DecisionNumber);
        Add(c.PublishedOn, "CaseStep.Publish");
        Add(c.DeliveredOn, "CaseStep.Deliver");
        Add(c.PaidOn, "CaseStep.Payment", c.AmountPaid?.ToString("N2"));
        Add(c.ExecutedOn, "CaseStep.Execute");
        Add(c.ReportedForFilingOn, "CaseStep.ReportForFiling");
        Add(c.ClosedOn, "CaseStep.Close");
        Add(c.TransferredOn, "CaseStep.Transfer", c.TransferredTo);
        Add(c.WithdrawnFromPublicOn, "CaseStep.Withdraw");
        events.AddRange(c.Extensions.Select(e => new Event(e.ApprovedOn, "CaseStep.Extend", $"+{e.Days}（{e.ApprovedBy}）")));
        events.AddRange(c.Remedies.Select(r => new Event(r.FiledOn, "CaseStep.Remedy", r.Body)));
        // Stable: the steps of one day stay in the order the procedure takes them.
        return [.. events.OrderBy(e => e.On)];
    }
}
