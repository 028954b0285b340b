using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Dibao.Verification.Host.Tests.EndToEnd;

/// <summary>
/// Keeps the last lines a test hub logged (the hub's own at information, everything else from warnings up), so a test
/// that times out on a busy machine can say what the hub was doing instead of only that it did not finish.
/// </summary>
public sealed class CapturedLog : ILoggerProvider
{
    private const int Capacity = 400;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<(string Name, IReadOnlyDictionary<string, object?> Fields)> _events = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>The last <paramref name="count"/> lines, oldest first.</summary>
    public string Tail(int count) => string.Join(Environment.NewLine, _lines.TakeLast(count));

    /// <summary>The fields of every named event logged so far (a structured event, as a log pipeline would receive it).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Events(string name) => [.. _events.Where(e => e.Name == name).Select(e => e.Fields)];

    public void Dispose()
    {
    }

    private void Add(string line)
    {
        _lines.Enqueue(line);
        while (_lines.Count > Capacity && _lines.TryDequeue(out _))
        {
        }
    }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        private readonly LogLevel _minimum = category.StartsWith("Dibao.", StringComparison.Ordinal) ? LogLevel.Information : LogLevel.Warning;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= _minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            if (eventId.Name is { } name && state is IReadOnlyList<KeyValuePair<string, object?>> fields)
            {
                log._events.Enqueue((name, fields.ToDictionary(f => f.Key, f => f.Value)));
                while (log._events.Count > Capacity && log._events.TryDequeue(out _))
                {
                }
            }

            var error = exception is null ? "" : $" [{exception.GetType().Name}: {exception.Message}]";
            log.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}{error}");
        }
    }
}
