using Entrust.Tests.Hosting;
using Entrust.Web.Features.Cases;
using Entrust.Web.Features.Demo;
using Entrust.Web.Features.Officers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Entrust.Tests.Api;

/// <summary>
/// The demo district's penalty cases are the seed's half-year in 歇马镇 — 7 计划生育 cases filed, 5 closed, 2 open at different
/// steps, no remedy — and one case elsewhere revoked on reconsideration; every one of them lawful, with officers who may act.
/// Only the demo's cases (the first numbers of 区人口计生委's 2026 sequence) are counted.
/// </summary>
public abstract class DemoCasesTests(HostFixture host) : ApiTest(host)
{
    private static readonly string[] Numbers = [.. Enumerable.Range(1, DemoCases.Count).Select(DemoCases.CaseNumber)];

    private Task<List<Case>> DemoAsync() => Host.WithDbAsync(db =>
        db.Cases.AsNoTracking().AsSplitQuery().Where(c => Numbers.Contains(c.Number)).ToListAsync());

    [Fact]
    public async Task XiemaFiledSevenFamilyPlanningCasesInTheFirstHalfYearAndClosedFive()
    {
        var all = await DemoAsync();
        var matter = await Host.WithDbAsync(db => db.Matters.AsNoTracking().SingleAsync(m => m.Code == DemoCases.MatterCode));
        var xiema = all.Where(c => c.TownshipId == Ids.Xiema).ToList();

        Assert.Equal(DemoCases.Count, all.Count);
        Assert.Equal(7, xiema.Count);
        Assert.All(xiema, c =>
        {
            Assert.Equal(matter.Id, c.MatterId);
            Assert.InRange(c.FiledOn, new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30));
            Assert.Empty(c.Remedies);
            Assert.False(c.IsErroneousCandidate);
            // Under 委托, in the entrusting department's name.
            Assert.Equal(matter.DepartmentId, c.ActingUnitId);
            Assert.Equal(DemoCases.ActingBody, c.ActingInNameOf);
        });
        Assert.Equal(5, xiema.Count(c => c.State == CaseState.Closed));
        var open = xiema.Where(c => c.State != CaseState.Closed).Select(c => c.State).Order().ToList();
        Assert.Equal([CaseState.Delivered, CaseState.Executed], open);
        // The delivered one is past its 15 days unpaid: it shows on the deadline lists.
        var unpaid = xiema.Single(c => c.State == CaseState.Delivered);
        Assert.Null(unpaid.PaidOn);
        Assert.True(unpaid.PaymentDueOn < new DateOnly(2026, 11, 25));
    }

    [Fact]
    public async Task ElsewhereOneDecisionWasRevokedOnReconsiderationAndWithdrawnFromThePublicPage()
    {
        var elsewhere = (await DemoAsync()).Where(c => c.TownshipId != Ids.Xiema).ToList();

        var revoked = Assert.Single(elsewhere);
        Assert.Equal(Ids.Tiansheng, revoked.TownshipId);
        // The demo's one decided remedy (other tests may file more on this shared case: the report figures' test does).
        var remedy = Assert.Single(revoked.Remedies, r => r.DecidedOn is not null);
        Assert.Equal(RemedyKind.Reconsideration, remedy.Kind);
        Assert.Equal(RemedyOutcome.Revoked, remedy.Outcome);
        Assert.True(revoked.IsErroneousCandidate);
        Assert.NotNull(revoked.PublishedOn);
        Assert.NotNull(revoked.WithdrawnFromPublicOn);
        Assert.True(revoked.WithdrawnFromPublicOn <= revoked.WithdrawFromPublicBy);
    }

    [Fact]
    public async Task EveryStepOfEveryDemoCaseHadTwoOfficersWhoMayAct()
    {
        var all = await DemoAsync();
        using var scope = Host.Services.CreateScope();
        var powers = scope.ServiceProvider.GetRequiredService<OfficerPowers>();
        foreach (var c in all)
        {
            Assert.True(c.Officers.Select(o => o.OfficerId).Distinct().Count() >= 2);
            var days = new Dictionary<CaseState, DateOnly> { [CaseState.Filed] = c.FiledOn, [CaseState.Investigating] = c.InvestigationStartedOn!.Value };
            foreach (var officer in c.Officers)
            {
                var answer = await powers.MayActAsync(officer.OfficerId, c.MatterId, c.TownshipId, days[officer.Step]);
                Assert.True(answer.MayAct, $"{officer.Name} in {c.Number} on {days[officer.Step]}: {answer.ReasonKey}");
            }
            foreach (var evidence in c.Evidence)
            {
                Assert.Equal(2, evidence.OfficerIds.Count);
                foreach (var officer in evidence.OfficerIds)
                {
                    Assert.True((await powers.MayActAsync(officer, c.MatterId, c.TownshipId, evidence.CollectedOn)).MayAct);
                }
            }
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DemoCasesTests_Sqlite(SqliteHost host) : DemoCasesTests(host);

[Collection(PostgresCollection.Name)]
public sealed class DemoCasesTests_Postgres(PostgresHost host) : DemoCasesTests(host);
