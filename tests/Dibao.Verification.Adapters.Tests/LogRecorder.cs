using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Dibao.Verification.Adapters.Tests;

/// <summary>Keeps what the adapters log, so a test can wait for a step that leaves no other trace, such as a duplicate waiting.</summary>
public sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    /// <summary>Waits, for as long as <paramref name="patience"/>, until a line containing <paramref name="text"/> has been logged.</summary>
    public async Task WaitForAsync(string text, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (!_lines.Any(line => line.Contains(text, StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new ShouldAssertException($"Nothing logged containing \"{text}\" within {patience}.");
            }

            await Task.Delay(20);
        }
    }

    public void Dispose()
    {
    }

    private sealed class Logger(LogRecorder recorder) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                recorder._lines.Enqueue(formatter(state, exception));
            }
        }
    }
}
