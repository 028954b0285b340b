using Dibao.Verification.Sandbox;

namespace Dibao.Verification.Host.Sandbox;

/// <summary>
/// With <c>Sandbox:Enabled</c>, starts the agency simulators before the hub and points the
/// <c>Agencies:*</c> addresses and keys at them, so the adapters run unchanged against real HTTP.
/// </summary>
public static class SandboxBootstrap
{
    public static async Task<SandboxServer?> StartIfEnabledAsync(IConfigurationManager configuration, CancellationToken cancellationToken)
    {
        var options = SandboxOptions.Bind(configuration);
        if (!options.Enabled)
        {
            return null;
        }

        var server = await SandboxServer.StartAsync(options, cancellationToken);
        configuration.AddInMemoryCollection(server.HubSettings());
        return server;
    }
}
