using Dibao.Verification.Sandbox.Faults;
using Microsoft.Extensions.Configuration;

namespace Dibao.Verification.Sandbox;

/// <summary>Configuration section <c>Sandbox</c>.</summary>
public sealed class SandboxOptions
{
    public const string SectionName = "Sandbox";
    public const long DefaultSeed = 20261115;
    public const string DefaultApiKey = "sandbox-api-key";

    /// <summary>Run the simulators in-process and point the adapters at them.</summary>
    public bool Enabled { get; set; }

    public long Seed { get; set; } = DefaultSeed;

    /// <summary>
    /// The day the simulated agencies take for today in China (<c>Sandbox:Today</c>, <c>yyyy-MM-dd</c>); unset, the real
    /// date. Their records are drawn relative to it, so a pinned day keeps a test's or a demonstration's answers the same
    /// on any day it runs; ask about the same day (the batch's <c>asOf</c>). Time itself stays real (<see cref="SandboxDay"/>).
    /// </summary>
    public DateOnly? Today { get; set; }

    /// <summary>The X-Api-Key every simulated agency expects.</summary>
    public string ApiKey { get; set; } = DefaultApiKey;

    /// <summary>The address the simulators listen on: loopback unless they serve other machines or containers (<c>0.0.0.0</c>).</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>The host name in the base URLs the sandbox hands out (<c>sandbox</c> in docker-compose); the listen address when unset, <c>localhost</c> for a wildcard.</summary>
    public string? AdvertisedHost { get; set; }

    /// <summary>Each simulator's port by agency code (<c>Sandbox:Ports:tax</c>); an agency left out, or 0, takes any free port.</summary>
    public Dictionary<string, int> Ports { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Initial faults per agency code (<c>Sandbox:Faults:housing-fund:Outage</c>); change them at run time through <see cref="SandboxServer.Faults"/>.</summary>
    public Dictionary<string, FaultOptions> Faults { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads the <c>Sandbox</c> section of <paramref name="configuration"/>, keeping defaults for what it leaves out.</summary>
    public static SandboxOptions Bind(IConfiguration configuration)
    {
        var options = new SandboxOptions();
        configuration.GetSection(SectionName).Bind(options);
        return options;
    }
}
