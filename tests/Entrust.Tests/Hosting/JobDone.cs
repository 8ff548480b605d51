using Quartz;

namespace Entrust.Tests.Hosting;

/// <summary>A Quartz listener a test adds to wait for one run of a job and read its error (null when it ran cleanly).</summary>
public sealed class JobDone : IJobListener
{
    public TaskCompletionSource<JobExecutionException?> Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name { get; } = "test-" + Guid.NewGuid().ToString("N");

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        Finished.TrySetResult(jobException);
        return ValueTask.CompletedTask;
    }
}
