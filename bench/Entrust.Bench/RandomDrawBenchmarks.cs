using BenchmarkDotNet.Attributes;
using Entrust.Web.Features.RandomInspections;

namespace Entrust.Bench;

/// <summary>
/// Issue 5's budget for the random draw: over 50,000 targets in &lt; 1 s. The pure function the platform runs (and verify
/// re-runs): 50,000 candidates, one in ten weighted up, a 40-inspector pool with 200 recorded conflicts, drawing 10 %
/// (5,000 targets, 10,000 inspector places), and the SHA-256 of inputs and result that the draw records.
/// </summary>
[MemoryDiagnoser]
public class RandomDrawBenchmarks
{
    private List<DrawCandidate> _candidates = [];
    private List<Guid> _pool = [];
    private List<DrawConflict> _conflicts = [];
    private ulong _seed;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2026);
        _candidates = Enumerable.Range(0, 50_000).Select(i => new DrawCandidate(Guid.CreateVersion7(), i % 10 == 0 ? 2.0 : 1.0)).ToList();
        _pool = Enumerable.Range(0, 40).Select(_ => Guid.CreateVersion7()).ToList();
        _conflicts = Enumerable.Range(0, 200).Select(_ => new DrawConflict(_pool[random.Next(40)], _candidates[random.Next(50_000)].TargetId))
            .Distinct().ToList();
        _seed = Draw.NewSeed();
    }

    [Benchmark]
    public int Draw50000() => Draw.Run(_seed++, _candidates, _pool, _conflicts, 5_000).Assignments.Count;

    [Benchmark]
    public string DrawAndHash50000()
    {
        var result = Draw.Run(_seed++, _candidates, _pool, _conflicts, 5_000);
        return Draw.Hash(_seed, _candidates, _pool, _conflicts, 5_000, result.Assignments);
    }
}
