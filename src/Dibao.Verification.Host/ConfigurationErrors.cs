using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host;

/// <summary>
/// Tells a configuration error from a defect when the hub fails to start, and reports the former as one line on stderr:
/// an operator needs the key to change, not a stack trace. Anything else is left to crash with its trace.
/// </summary>
public static class ConfigurationErrors
{
    /// <summary>The exit code of the hub and of <c>verify</c> when the configuration stops them.</summary>
    public const int ExitCode = 4;

    /// <summary>The one-line description of <paramref name="exception"/> when it is a configuration error, otherwise null.</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        HubConfigurationException or OptionsValidationException => exception.Message,
        AggregateException { InnerExceptions.Count: > 0 } aggregate when aggregate.InnerExceptions.All(e => Describe(e) is not null) =>
            string.Join("; ", aggregate.InnerExceptions.Select(e => Describe(e))),
        _ when IsBindingFailure(exception) => $"{exception.Message} {exception.InnerException?.Message}".TrimEnd(),
        _ => null,
    };

    /// <summary>
    /// The configuration binder's own failure to read a typed key (<c>Batches:MaxHouseholds=many</c>). It has no type of its
    /// own, so it is known by its message, which names the key.
    /// </summary>
    public static bool IsBindingFailure(Exception exception) =>
        exception is InvalidOperationException && exception.Message.StartsWith("Failed to convert configuration value ", StringComparison.Ordinal);

    /// <summary>Writes the error as one line on stderr and returns <see cref="ExitCode"/>.</summary>
    public static int Report(string description)
    {
        Console.Error.WriteLine("Configuration error: " + string.Join(' ', description.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)));
        return ExitCode;
    }
}
