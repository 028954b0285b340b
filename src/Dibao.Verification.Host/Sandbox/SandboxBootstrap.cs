using Dibao.Verification.Sandbox;

namespace Dibao.Verification.Host.Sandbox;

/// <summary>
/// With <c>Sandbox:Enabled</c>, starts the agency simulators before the hub and points the
/// <c>Agencies:*</c> addresses and keys at them, so the adapters run unchanged against real HTTP.
/// </summary>
public static class SandboxBootstrap
{
    private const string EnabledKey = SandboxOptions.SectionName + ":" + nameof(SandboxOptions.Enabled);

    /// <exception cref="HubConfigurationException">
    /// The sandbox is on in the Production environment, or alongside a configured agency address it would silently replace.
    /// </exception>
    public static async Task<SandboxServer?> StartIfEnabledAsync(IConfigurationManager configuration, IHostEnvironment environment, CancellationToken cancellationToken)
    {
        var options = SandboxOptions.Bind(configuration);
        if (!options.Enabled)
        {
            return null;
        }

        RefuseWhereAgenciesAreReal(configuration, environment);
        var server = await SandboxServer.StartAsync(options, cancellationToken);
        configuration.AddInMemoryCollection(server.HubSettings());
        return server;
    }

    /// <summary>Simulated answers must never decide a real household: the sandbox is for development, tests and demonstrations.</summary>
    private static void RefuseWhereAgenciesAreReal(IConfiguration configuration, IHostEnvironment environment)
    {
        if (environment.IsProduction())
        {
            throw new HubConfigurationException(EnabledKey,
                $"{EnabledKey} is true in the Production environment, where the sandbox must never answer for the agencies. " +
                $"Set {EnabledKey}=false and configure Agencies:*, or name another environment in ASPNETCORE_ENVIRONMENT " +
                $"(the verify command turns the sandbox on unless {EnabledKey} is set).");
        }

        var configured = configuration.GetSection("Agencies").GetChildren()
            .SelectMany(agency => agency.GetSection("Banks").GetChildren().Prepend(agency))
            .Select(section => section.GetSection("BaseUrl"))
            .Where(baseUrl => !string.IsNullOrWhiteSpace(baseUrl.Value))
            .Select(baseUrl => baseUrl.Path)
            .ToList();
        if (configured.Count > 0)
        {
            throw new HubConfigurationException(EnabledKey,
                $"{EnabledKey} is true while {string.Join(", ", configured)} {(configured.Count == 1 ? "is" : "are")} configured: " +
                $"the sandbox would answer in place of {(configured.Count == 1 ? "that agency" : "those agencies")}. " +
                $"Set {EnabledKey}=false to ask the configured agencies, or remove the address.");
        }
    }
}
