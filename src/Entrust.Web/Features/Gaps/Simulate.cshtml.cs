using Entrust.Web.Data;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Entrust.Web.Features.Gaps;

/// <summary>
/// 委托推演 (/Gaps/Simulate): the office picks matters or a domain, townships and a start day and reads what the plan takes and
/// would leave open (a GET: nothing is written); confirming creates the drafts and nominates the trainees, all or none.
/// </summary>
public sealed class SimulateModel(DelegationSimulator simulator, EntrustDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> text)
    : ConsolePageModel(text)
{
    public sealed record InputModel
    {
        public List<Guid> MatterIds { get; set; } = [];
        public string? Domain { get; set; }
        public List<Guid> TownshipIds { get; set; } = [];
        public DateOnly? StartOn { get; set; }
        public DateOnly? TermEnd { get; set; }
        public Guid? TrainingClassId { get; set; }

        public SimulationInput ToSimulation() => new(MatterIds, Domain, TownshipIds, StartOn, TermEnd, TrainingClassId);
    }

    public sealed record MatterChoice(Guid Id, string Code, string Name, string Domain, string DepartmentName);

    [BindProperty(SupportsGet = true)] public InputModel Input { get; set; } = new();

    public IReadOnlyList<MatterChoice> Matters { get; private set; } = [];
    public IReadOnlyList<Choice> Townships { get; private set; } = [];
    public IReadOnlyList<Choice> Classes { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> DomainChoices { get; private set; } = [];
    public SimulationView? Result { get; private set; }
    public DateOnly Today => clock.TodayInChina();

    public async Task OnGetAsync(CancellationToken ct)
    {
        await ChoicesAsync(ct);
        if (Input.StartOn is null && Input.MatterIds.Count == 0 && string.IsNullOrEmpty(Input.Domain))
        {
            return;
        }
        try
        {
            Result = await simulator.SimulateAsync(Input.ToSimulation(), ct);
        }
        catch (RuleViolation v)
        {
            ModelState.AddModelError(v.Field is null ? "" : "Input." + v.Field, Text.Message(v));
        }
    }

    public Task<IActionResult> OnPostConfirmAsync(CancellationToken ct) =>
        RunAsync<SimulationConfirmed>(async () => await simulator.ConfirmAsync(Input.ToSimulation(), ct),
            done => (Text["Simulation.Confirmed", done.AgreementIds.Count, done.Nominated], "/Agreements?state=Draft"),
            async () =>
            {
                await OnGetAsync(ct);
                return Page();
            });

    private async Task ChoicesAsync(CancellationToken ct)
    {
        Matters = await (from m in db.Matters.AsNoTracking()
                         where m.Entrustability != Entrustability.NotEntrusted && m.Kind != MatterKind.Coercive
                         join d in db.Departments on m.DepartmentId equals d.Id
                         orderby m.Code
                         select new MatterChoice(m.Id, m.Code, m.Name, m.Domain, d.Name)).ToListAsync(ct);
        Townships = await db.Townships.AsNoTracking().OrderBy(t => t.Code).Select(t => new Choice(t.Id, t.Name)).ToListAsync(ct);
        var today = Today;
        Classes = await db.TrainingClasses.AsNoTracking().Where(c => c.EndsOn >= today).OrderBy(c => c.StartsOn)
            .Select(c => new Choice(c.Id, c.Name)).ToListAsync(ct);
        DomainChoices = [.. Matters.Select(m => m.Domain).Distinct().Order().Select(d => (d, Domains.Name(d)))];
    }
}
