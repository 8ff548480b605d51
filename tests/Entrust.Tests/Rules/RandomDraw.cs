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

    /// <summary>Two townships' targets, alternating; inspectors 0–2 of township A, 3–5 of township B, 6 of a department.</summary>
    private static (List<DrawCandidate> Candidates, List<Guid> Pool, List<DrawPower> Powers) TwoTownships(int targets = 40)
    {
        Guid a = Id(3, 1), b = Id(3, 2);
        var candidates = Enumerable.Range(0, targets).Select(i => new DrawCandidate(Id(1, i), 1 + (i % 3), i % 2 == 0 ? a : b)).ToList();
        var pool = Pool(7);
        var powers = pool.Take(3).Select(o => new DrawPower(o, a))
            .Concat(pool.Skip(3).Take(3).Select(o => new DrawPower(o, b)))
            .Concat(new[] { a, b }.Select(t => new DrawPower(pool[6], t))).ToList();
        return (candidates, pool, powers);
    }

    [Fact]
    public void EachTargetGetsTwoInspectorsWhoMayActInItsTownship()
    {
        var (candidates, pool, powers) = TwoTownships();
        var may = powers.Select(p => (p.OfficerId, p.TownshipId)).ToHashSet();
        var townshipOf = candidates.ToDictionary(c => c.TargetId, c => c.TownshipId!.Value);
        for (var seed = 0UL; seed < 50; seed++)
        {
            var result = Draw.Run(seed, candidates, pool, [], 20, powers);
            Assert.False(result.Refused);
            Assert.Equal(20, result.Assignments.Count);
            Assert.All(result.Assignments, x =>
            {
                Assert.NotEqual(x.Inspector1Id, x.Inspector2Id);
                Assert.Contains((x.Inspector1Id, townshipOf[x.TargetId]), may);
                Assert.Contains((x.Inspector2Id, townshipOf[x.TargetId]), may);
            });
        }
        // Without the powers (a draw recorded before) township A's officers are paired with township B's targets.
        Assert.Contains(Draw.Run(3, candidates, pool, [], 20).Assignments,
            x => !may.Contains((x.Inspector1Id, townshipOf[x.TargetId])) || !may.Contains((x.Inspector2Id, townshipOf[x.TargetId])));
    }

    [Fact]
    public void LoadsStayBalancedAmongThoseWhoMayActAndConflictsAreStillRecused()
    {
        var (candidates, pool, powers) = TwoTownships(60);
        // Inspector 3 of township B is recused from every one of B's targets but the first.
        var conflicts = candidates.Where(c => c.TownshipId == Id(3, 2)).Skip(1).Select(c => new DrawConflict(pool[3], c.TargetId)).ToList();
        var recused = conflicts.Select(c => (c.OfficerId, c.TargetId)).ToHashSet();
        var result = Draw.Run(11, candidates, pool, conflicts, 60, powers);
        Assert.False(result.Refused);
        Assert.DoesNotContain(result.Assignments, x => recused.Contains((x.Inspector1Id, x.TargetId)) || recused.Contains((x.Inspector2Id, x.TargetId)));
        // 120 places: township A's 60 shared by its three and the department's officer, B's likewise by its two left and the
        // department's (inspector 3 takes at most one): about twenty each, the department's officer filling in on both sides,
        // so the others' loads are at most two apart.
        var loads = pool.ToDictionary(o => o, o => result.Assignments.Count(x => x.Inspector1Id == o || x.Inspector2Id == o));
        Assert.Equal(120, loads.Values.Sum());
        Assert.True(loads[pool[3]] <= 1);
        Assert.InRange(loads.Where(l => l.Key != pool[3]).Max(l => l.Value) - loads.Where(l => l.Key != pool[3]).Min(l => l.Value), 0, 2);
        Assert.Equal(result.Assignments, Draw.Run(11, candidates, pool, conflicts, 60, powers).Assignments);
    }

    [Fact]
    public void ATownshipWithFewerThanTwoWhoMayActThereIsRefusedAndNamedBeforeAnythingIsDrawn()
    {
        var (candidates, pool, powers) = TwoTownships();
        // Township B keeps one officer of its own; the department's officer is not in the pool.
        var fewer = pool.Where((o, i) => i is 0 or 1 or 2 or 3).ToList();
        var result = Draw.Run(5, candidates, fewer, [], 1, powers);
        Assert.True(result.Refused);
        Assert.Equal("RandomDraw.TownshipUnstaffed", result.RefusalKey);
        Assert.Equal([Id(3, 2), 1], result.RefusalArguments!);
        Assert.Empty(result.Assignments);
    }

    [Fact]
    public void WhenEveryoneMayActEverywhereTheResultIsTheOneDrawnBefore()
    {
        var candidates = Candidates(80).Select(c => c with { TownshipId = Id(3, 1) }).ToList();
        var pool = Pool(6);
        var powers = pool.Select(o => new DrawPower(o, Id(3, 1))).ToList();
        Assert.Equal(Draw.Run(21, Candidates(80), pool, [], 10).Assignments, Draw.Run(21, candidates, pool, [], 10, powers).Assignments);
    }

    [Fact]
    public void TheHashCoversTownshipsAndPowersAndKeepsAnOldDrawsText()
    {
        var (candidates, pool, powers) = TwoTownships();
        var result = Draw.Run(9, candidates, pool, [], 6, powers).Assignments;
        var hash = Draw.Hash(9, candidates, pool, [], 6, result, powers);
        Assert.Equal(hash, Draw.Hash(9, candidates, pool, [], 6, Draw.Run(9, candidates, pool, [], 6, powers).Assignments, powers));
        Assert.NotEqual(hash, Draw.Hash(9, candidates, pool, [], 6, result, powers.Skip(1).ToList()));
        var moved = candidates.Select((c, i) => i == 0 ? c with { TownshipId = Id(3, 2) } : c).ToList();
        Assert.NotEqual(hash, Draw.Hash(9, moved, pool, [], 6, result, powers));
        // A draw recorded before townships were asked: the same hash as the text it hashed to then (fixed here).
        var old = Candidates(3);
        Assert.Equal(Sha(OldText(old)), Draw.Hash(1, old, Pool(2), [], 1, [new DrawnAssignment(1, old[0].TargetId, Pool(2)[0], Pool(2)[1])]));

        static string OldText(List<DrawCandidate> old) => "seed:1\ncount:1\n" + string.Concat(old.Select(c => $"c:{c.TargetId:N}:1\n"))
            + string.Concat(Pool(2).Select(p => $"p:{p:N}\n")) + $"a:1:{old[0].TargetId:N}:{Pool(2)[0]:N}:{Pool(2)[1]:N}\n";
        static string Sha(string text) =>
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void InputsRecordedBeforeTownshipsWereAskedReadWithoutThem()
    {
        var old = $$"""{"candidates":[{"targetId":"{{Id(1, 0)}}","weight":2}],"pool":["{{Id(2, 0)}}","{{Id(2, 1)}}"],"conflicts":[],"excluded":[]}""";
        var inputs = System.Text.Json.JsonSerializer.Deserialize<DrawInputs>(old, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        Assert.Null(inputs.Powers);
        Assert.Equal(new DrawCandidate(Id(1, 0), 2), inputs.Candidates.Single());
        Assert.False(Draw.Run(1, inputs.Candidates, inputs.Pool, inputs.Conflicts, 1, inputs.Powers).Refused);
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
