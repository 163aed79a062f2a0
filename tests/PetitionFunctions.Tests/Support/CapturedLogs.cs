using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PetitionFunctions.Tests.Support;

/// <summary>Keeps every log line and every scope the host writes, so tests can check what reaches the logs.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _scopes = new();

    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>Each scope opened, with its values (a request's path, a function's invocation id...).</summary>
    public IReadOnlyCollection<string> Scopes => _scopes;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines, _scopes);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<string> lines, ConcurrentQueue<string> scopes) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            scopes.Enqueue($"{category}: {state} {values}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
