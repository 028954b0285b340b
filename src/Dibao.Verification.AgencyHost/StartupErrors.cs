using Microsoft.Extensions.Options;

namespace Dibao.Verification.AgencyHost;

/// <summary>
/// Reports a configuration error that stops the agency host as one line on stderr naming the key, as the hub does;
/// anything else is left to crash with its trace.
/// </summary>
public static class StartupErrors
{
    /// <summary>The exit code when the configuration stops the agency host: the hub's.</summary>
    public const int ExitCode = 4;

    public static string? Describe(Exception exception) => exception switch
    {
        AgencyHostConfigurationException or OptionsValidationException => exception.Message,
        AggregateException { InnerExceptions.Count: > 0 } aggregate when aggregate.InnerExceptions.All(e => Describe(e) is not null) =>
            string.Join("; ", aggregate.InnerExceptions.Select(e => Describe(e))),

        // The configuration binder's failure to read a typed key has no type of its own; its message names the key.
        InvalidOperationException when exception.Message.StartsWith("Failed to convert configuration value ", StringComparison.Ordinal) =>
            $"{exception.Message} {exception.InnerException?.Message}".TrimEnd(),
        _ => null,
    };

    public static int Report(string description)
    {
        Console.Error.WriteLine("Configuration error: " + string.Join(' ', description.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)));
        return ExitCode;
    }
}
