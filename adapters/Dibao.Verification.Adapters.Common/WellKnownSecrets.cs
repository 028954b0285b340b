using Microsoft.Extensions.Configuration;

namespace Dibao.Verification.Adapters.Common;

/// <summary>
/// Secrets anyone can read in this repository: the key the sandbox's simulated agencies accept by default (a bank's is the
/// key with <c>-{bank code}</c> appended), and RabbitMQ's <c>guest</c> password of <c>appsettings.json</c>. They are for
/// development, tests and demonstrations; a Production process configured with one was set up from a developer's settings.
/// </summary>
public static class WellKnownSecrets
{
    /// <summary><c>Sandbox:ApiKey</c>'s default: every simulated agency's key, the tax bureau's client secret and the business registry's secret.</summary>
    public const string SandboxApiKey = "sandbox-api-key";

    public const string GuestPassword = "guest";

    private static readonly string[] AgencySecretNames = ["ApiKey", "ClientSecret", "Secret"];

    /// <summary>The first configuration key holding a well-known secret, and what it is; null when there is none.</summary>
    public static (string Key, string Known)? Find(IConfiguration configuration)
    {
        var agencies = configuration.GetSection("Agencies").GetChildren()
            .SelectMany(agency => agency.GetSection("Banks").GetChildren().Prepend(agency))
            .SelectMany(section => AgencySecretNames.Select(section.GetSection));
        foreach (var secret in agencies)
        {
            if (secret.Value is { } value && (value == SandboxApiKey || value.StartsWith(SandboxApiKey + "-", StringComparison.Ordinal)))
            {
                return (secret.Path, $"the sandbox's well-known key '{value}'");
            }
        }

        // Unset, the password is the options' default: guest too.
        var bus = configuration.GetSection("Bus");
        if (string.Equals(bus["Transport"], "RabbitMq", StringComparison.OrdinalIgnoreCase) && (bus["RabbitMq:Password"] ?? GuestPassword) == GuestPassword)
        {
            return ("Bus:RabbitMq:Password", $"RabbitMQ's well-known password '{GuestPassword}'");
        }

        return null;
    }

    /// <summary>The one line that refuses <paramref name="found"/> in Production.</summary>
    public static string Refusal((string Key, string Known) found) =>
        $"{found.Key} is {found.Known}, refused in the Production environment: set the secret issued for this deployment " +
        "(or name another environment in ASPNETCORE_ENVIRONMENT for development and tests).";
}
