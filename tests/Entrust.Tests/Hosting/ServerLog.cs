using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Entrust.Tests.Hosting;

/// <summary>
/// Keeps the server's errors by trace id, so that a test that gets a 500 can say why: the ProblemDetails
/// body carries the trace id of the request that failed.
/// </summary>
public sealed class ServerLog : ILoggerProvider
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> ByTrace = new();

    public static string For(string traceId) =>
        ByTrace.TryGetValue(traceId, out var entries) ? string.Join("\n", entries) : "(no server error logged for this trace)";

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel) || Activity.Current?.Id is not { } trace)
            {
                return;
            }
            ByTrace.GetOrAdd(trace, _ => new()).Enqueue($"{category}: {formatter(state, exception)}\n{exception}");
        }
    }
}
