using Microsoft.Extensions.Logging;

namespace Dibao.Verification.Host.Tests.Telemetry;

/// <summary>Every line a hub logs through its configured filters, with its exception's message, as an operator's log would hold it.</summary>
public sealed class LogLines : ILoggerProvider
{
    public SynchronizedCollection<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogLines log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.Lines.Add($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
