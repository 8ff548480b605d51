using Entrust.Web.Features.RandomInspections;
using Entrust.Web.Features.Targets;
using Calendar = Entrust.Web.Features.Calendar.WorkingDayCalendar;

namespace Entrust.Tests.Rules;

/// <summary>The draw of 双随机、一公开 (LAW 26): reproducible, recusing conflicts, weighted, refusing what it can't staff.</summary>
public sealed class RandomDraw
{
    private static List<DrawCandidate> Candidates(int n, double weight = 1) =>
        Enumerable.Range(0, n).Select(i => new DrawCandidate(Id(1, i), weight)).ToList();

    private static List<Guid> Pool(int n) => Enumerable.Range(0, n).Select(i => Id(2, i)).ToList();

    /// <summary>Ids that read as what they are: kind, then serial.</summary>
    private static Guid Id(int kind, int i) => new($"{kind:x8}-0000-0000-0000-{i:x12}");

    [Fact]
    public void TheSameSeedGivesTheSameResult()
    {
        var a = Draw.Run(42, Candidates(500), Pool(8), [], 50);
        var b = Draw.Run(42, Candidates(500), Pool(8), [], 50);
        Assert.False(a.Refused);
        Assert.Equal(50, a.Assignments.Count);
        Assert.Equal(a.Assignments, b.Assignments);
    }

    [Fact]
    public void ADifferentSeedGivesADifferentResult()
    {
        var a = Draw.Run(42, Candidates(500), Pool(8), [], 50);
        var b = Draw.Run(43, Candidates(500), Pool(8), [], 50);
        Assert.NotEqual(a.Assignments.Select(x => x.TargetId), b.Assignments.Select(x => x.TargetId));
    }

    [Fact]
    public void EachTargetIsDrawnOnceWithTwoDistinctInspectorsAndLoadsDifferByAtMostOne()
    {
        var result = Draw.Run(7, Candidates(300), Pool(7), [], 100);
        Assert.Equal(100, result.Assignments.Select(a => a.TargetId).Distinct().Count());
        Assert.All(result.Assignments, a => Assert.NotEqual(a.Inspector1Id, a.Inspector2Id));
        var loads = result.Assignments.SelectMany(a => new[] { a.Inspector1Id, a.Inspector2Id }).GroupBy(x => x).Select(g => g.Count()).ToList();
        Assert.Equal(7, loads.Count);
        Assert.True(loads.Max() - loads.Min() <= 1, string.Join(",", loads));
        Assert.Equal(Enumerable.Range(1, 100), result.Assignments.Select(a => a.Order));
    }

    [Fact]
    public void AConflictedInspectorIsNeverDrawnForThatTarget()
    {
        var candidates = Candidates(40);
        var pool = Pool(5);
        // Inspector 0 conflicts with every even target, inspector 1 with targets 0–9, inspector 2 with target 3.
        var conflicts = candidates.Where((_, i) => i % 2 == 0).Select(c => new DrawConflict(pool[0], c.TargetId))
            .Concat(candidates.Take(10).Select(c => new DrawConflict(pool[1], c.TargetId)))
            .Append(new DrawConflict(pool[2], candidates[3].TargetId)).ToList();
        var pairs = conflicts.Select(c => (c.OfficerId, c.TargetId)).ToHashSet();
        var drawnWithConflicts = 0;
        for (ulong seed = 1; seed <= 500; seed++)
        {
            var result = Draw.Run(seed, candidates, pool, conflicts, 40);
            Assert.False(result.Refused);
            Assert.DoesNotContain(result.Assignments, a => pairs.Contains((a.Inspector1Id, a.TargetId)) || pairs.Contains((a.Inspector2Id, a.TargetId)));
            drawnWithConflicts += result.Assignments.Count(a => a.TargetId == candidates[3].TargetId);
        }
        // Target 3, which three of five inspectors may not inspect, was drawn in every run and staffed by the other two.
        Assert.Equal(500, drawnWithConflicts);
    }

    [Fact]
    public void WeightsChangeTheOdds()
    {
        // 1 target of weight 3 among 20 of weight 1; draw 1, 2,000 times. P(weighted first) = 3 / 23 ≈ 0.130;
        // P(a given weight-1 target) = 1 / 23 ≈ 0.043. Over 2,000 draws the ratio lands within 2.4–3.7 (about ±3 standard errors).
        var candidates = Candidates(21);
        candidates[0] = candidates[0] with { Weight = 3 };
        var counts = new int[21];
        for (ulong seed = 0; seed < 2000; seed++)
        {
            var drawn = Draw.Run(1000 + seed, candidates, Pool(2), [], 1).Assignments.Single().TargetId;
            counts[candidates.FindIndex(c => c.TargetId == drawn)]++;
        }
        var weighted = counts[0];
        var ordinary = counts.Skip(1).Average();
        Assert.InRange(weighted / ordinary, 2.4, 3.7);
        Assert.InRange(weighted, 2000 * 3 / 23 - 60, 2000 * 3 / 23 + 60);
    }

    [Fact]
    public void EqualWeightsGiveEqualOdds()
    {
        var candidates = Candidates(21);
        var counts = new int[21];
        for (ulong seed = 0; seed < 2000; seed++)
        {
            var drawn = Draw.Run(1000 + seed, candidates, Pool(2), [], 1).Assignments.Single().TargetId;
            counts[candidates.FindIndex(c => c.TargetId == drawn)]++;
        }
        Assert.InRange(counts[0] / counts.Skip(1).Average(), 0.6, 1.5);
    }

    [Fact]
    public void APoolOfOneIsRefused()
    {
        var result = Draw.Run(1, Candidates(10), Pool(1), [], 2);
        Assert.True(result.Refused);
        Assert.Equal("RandomDraw.PoolTooSmall", result.RefusalKey);
    }

    [Fact]
    public void ATargetWithFewerThanTwoInspectorsFreeOfConflictIsRefusedAndNamed()
    {
        var candidates = Candidates(3);
        var pool = Pool(3);
        var conflicts = new List<DrawConflict> { new(pool[0], candidates[1].TargetId), new(pool[2], candidates[1].TargetId) };
        var result = Draw.Run(5, candidates, pool, conflicts, 3);
        Assert.Equal("RandomDraw.TargetUnstaffed", result.RefusalKey);
        Assert.Equal(candidates[1].TargetId, result.RefusalArguments!.Single());
        Assert.Empty(result.Assignments);
    }

    [Fact]
    public void NoCandidateIsRefused() => Assert.Equal("RandomDraw.NoCandidates", Draw.Run(1, [], Pool(3), [], 1).RefusalKey);

    [Fact]
    public void ACountAboveTheCandidatesDrawsThemAll() =>
        Assert.Equal(5, Draw.Run(1, Candidates(5), Pool(3), [], 50).Assignments.Count);

    [Theory]
    [InlineData(84, 0.10, null, 9)]    // 8.4 rounds up
    [InlineData(80, 0.10, null, 8)]
    [InlineData(3, 0.01, null, 1)]     // at least one
    [InlineData(10, 1.0, null, 10)]
    [InlineData(10, null, 4, 4)]
    [InlineData(10, null, 40, 10)]     // never more than there are
    [InlineData(0, 0.5, null, 0)]
    public void CountFollowsProportionOrCount(int candidates, double? proportion, int? count, int expected) =>
        Assert.Equal(expected, Draw.CountFor(candidates, (decimal?)proportion, count));

    [Fact]
    public void TheHashChangesWithTheResult()
    {
        var candidates = Candidates(30);
        var pool = Pool(4);
        var result = Draw.Run(9, candidates, pool, [], 5).Assignments;
        var hash = Draw.Hash(9, candidates, pool, [], 5, result);
        Assert.Equal(hash, Draw.Hash(9, candidates, pool, [], 5, Draw.Run(9, candidates, pool, [], 5).Assignments));
        var tampered = result.Select((a, i) => i == 0 ? a with { Inspector1Id = a.Inspector2Id, Inspector2Id = a.Inspector1Id } : a).ToList();
        Assert.NotEqual(hash, Draw.Hash(9, candidates, pool, [], 5, tampered));
        Assert.NotEqual(hash, Draw.Hash(10, candidates, pool, [], 5, result));
    }

    private static RandomPlanFields Fields(decimal? proportion = 0.1m, int? count = null, double complaint = 2, int days = 20, int pool = 2) =>
        new("计划", Guid.NewGuid(), [], [TargetKind.Restaurant], null, proportion, count, complaint, 1, Pool(pool), days);

    [Theory]
    [InlineData(0.0, null, "Proportion")]
    [InlineData(1.01, null, "Proportion")]
    [InlineData(null, 0, "Count")]
    [InlineData(null, null, "Proportion")]
    public void APlanRefusesASizeOutOfRange(double? proportion, int? count, string field) =>
        Assert.Contains(RandomPlan.Problems(Fields((decimal?)proportion, count)), p => p.Field == field);

    [Fact]
    public void APlanRefusesAWeightBelowOneAPoolOfOneAndNoPublicationPeriod()
    {
        Assert.Contains(RandomPlan.Problems(Fields(complaint: 0.5)), p => p.Field == "ComplaintWeight");
        Assert.Contains(RandomPlan.Problems(Fields(pool: 1)), p => p.Field == "InspectorIds");
        Assert.Contains(RandomPlan.Problems(Fields(days: 0)), p => p.Field == "PublicationWorkingDays");
        Assert.Empty(RandomPlan.Problems(Fields(proportion: 1m)));
    }

    [Fact]
    public void WeightsOfComplaintsAndAbnormalListingMultiply()
    {
        var plan = new RandomPlan(Guid.NewGuid(), null, Fields() with { ComplaintWeight = 2, AbnormalWeight = 3 }, DateTimeOffset.UtcNow);
        Assert.Equal(1, plan.WeightOf(false, false));
        Assert.Equal(2, plan.WeightOf(true, false));
        Assert.Equal(6, plan.WeightOf(true, true));
    }

    private static DateOnly D(string iso) => DateOnly.Parse(iso);

    [Fact]
    public void ThePublicationDeadlineCountsWorkingDaysAcrossNationalDay()
    {
        var calendar = new Calendar(
            Enumerable.Range(1, 7).Select(d => new DateOnly(2026, 10, d)).ToHashSet(), new HashSet<DateOnly> { D("2026-10-10") }, new HashSet<int> { 2026 });
        // Inspected Monday 28 September: 29 and 30 September, 8, 9 and 10 (the 调休 Saturday) October, then three full weeks.
        Assert.Equal(D("2026-10-30"), Publication.Deadline(calendar, D("2026-09-28"), 20));
        // No schedule kept: only the statutory 1–3 October are off, so four weeks and the two holiday weekdays.
        Assert.Equal(D("2026-10-28"), Publication.Deadline(Calendar.Empty, D("2026-09-28"), 20));
    }

    [Fact]
    public void LatenessIsPublishedAfterTheDeadlineOrUnpublishedPastIt()
    {
        var deadline = D("2026-10-23");
        Assert.False(Publication.IsLate(deadline, D("2026-10-23"), D("2026-11-25")));
        Assert.True(Publication.IsLate(deadline, D("2026-10-26"), D("2026-11-25")));
        Assert.False(Publication.IsLate(deadline, null, D("2026-10-23")));
        Assert.True(Publication.IsLate(deadline, null, D("2026-10-24")));
        Assert.False(Publication.IsLate(null, null, D("2026-10-24")));
    }
}
