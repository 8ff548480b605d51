using Entrust.Web.Data;
using Entrust.Web.Features.Assessment;
using Entrust.Web.Features.Catalog;
using Entrust.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Entrust.Web.Features.Demo;

/// <summary>
/// The 2026 year-end assessment in progress: the default scheme (version 1), frozen as the round started in late November, every
/// township and department with its result, 歇马镇's self-assessment. No erroneous case: the seed has no reconsideration and no
/// litigation. The office computes the draft results from the records when it chooses (/Assessment). The case-file review has drawn
/// three of 歇马镇's five concluded 计划生育 files (a fixed seed, so the draw is the same on every machine), to be reviewed by officers
/// of 区安监局 and 区林业局, none of whom handled them.
/// </summary>
public sealed class DemoAssessment(EntrustDbContext db, TimeProvider clock)
{
    public const int Year = 2026;

    /// <summary>The demo draw's seed: fixed, so that the sample is the same on every machine (a real draw takes a fresh one).</summary>
    public const ulong FileReviewSeed = 0x2026_1120_5EED_0017UL;

    public async Task LoadAsync(District district, IReadOnlyDictionary<string, Township> townships, IReadOnlyDictionary<string, Department> departments,
        CancellationToken ct)
    {
        var today = clock.TodayInChina();
        if (today.Year < Year)
        {
            return;
        }
        var started = today.Year == Year && today < new DateOnly(Year, 12, 1) ? today : new DateOnly(Year, 11, 20);
        var scheme = new Scheme(district.Id, 1, Scheme.Default(Year), "office", started);
        var round = new AssessmentRound(scheme, started);
        db.Schemes.Add(scheme);
        db.AssessmentRounds.Add(round);
        foreach (var t in townships.Values)
        {
            var result = new UnitResult(round, UnitKind.Township, t.Id, t.Name);
            if (t.Name == "歇马镇")
            {
                result.SelfAssess(round, 96m, "11个部门委托事项均已对接到综治办、经发办、社事办、城管办；10名执法人员全部持证；上半年立案7件、结案5件；无行政复议和行政诉讼。",
                    started);
            }
            db.UnitResults.Add(result);
        }
        foreach (var d in departments.Values)
        {
            db.UnitResults.Add(new UnitResult(round, UnitKind.Department, d.Id, d.Name));
        }
        await db.SaveChangesAsync(ct);

        var reviewers = await db.Officers.IgnoreQueryFilters()
            .Where(o => o.DepartmentId == departments["AJ"].Id || o.DepartmentId == departments["LY"].Id)
            .OrderBy(o => o.DepartmentId == departments["AJ"].Id ? 0 : 1).ThenBy(o => o.Id).Select(o => o.Id).Take(3).ToListAsync(ct);
        var drawnAt = new DateTimeOffset(started.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));
        await new FileReviewBook(db, CurrentUser.System, clock).DrawCoreAsync(district.Id,
            new FileReviewDrawInput(Year, townships["歇马镇"].Id, "family-planning", reviewers, 3, null), FileReviewSeed, started, drawnAt,
            "office", ct);
    }
}
