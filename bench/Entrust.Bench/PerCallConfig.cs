using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using Perfolizer.Horology;

namespace Entrust.Bench;

/// <summary>
/// One call per iteration, so that P95 is the 95th percentile of single requests (a server-time budget),
/// not of averages over thousands of calls.
/// </summary>
public sealed class PerCallConfig : ManualConfig
{
    public PerCallConfig()
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithInvocationCount(1).WithUnrollFactor(1)
            .WithWarmupCount(20).WithIterationCount(1000)
            .WithLaunchCount(1));
        AddColumn(StatisticColumn.Mean, StatisticColumn.Median, StatisticColumn.P95, P99Column.Instance, StatisticColumn.Max);
        AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default);
        SummaryStyle = SummaryStyle.Default.WithTimeUnit(TimeUnit.Millisecond);
    }
}

/// <summary>Slow, stateful operations (an import into a fresh district): few single-call iterations.</summary>
public sealed class SlowOperationConfig : ManualConfig
{
    public SlowOperationConfig()
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithInvocationCount(1).WithUnrollFactor(1)
            .WithWarmupCount(1).WithIterationCount(10)
            .WithLaunchCount(1));
        AddColumn(StatisticColumn.Mean, StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.Max);
        AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default);
        SummaryStyle = SummaryStyle.Default.WithTimeUnit(TimeUnit.Millisecond);
    }
}
