using System.Collections.Concurrent;

namespace Dibao.Verification.Sandbox.Faults;

/// <summary>The live fault settings of every simulated agency, seeded from <see cref="SandboxOptions.Faults"/>.</summary>
public sealed class SandboxFaults
{
    private readonly ConcurrentDictionary<string, AgencyFaults> _agencies = new(StringComparer.OrdinalIgnoreCase);
    private readonly IReadOnlyDictionary<string, FaultOptions> _configured;

    public SandboxFaults(IReadOnlyDictionary<string, FaultOptions>? configured = null)
    {
        _configured = configured is null
            ? new Dictionary<string, FaultOptions>()
            : new Dictionary<string, FaultOptions>(configured, StringComparer.OrdinalIgnoreCase);
    }

    public AgencyFaults For(string agencyCode) =>
        _agencies.GetOrAdd(agencyCode, code => new AgencyFaults(_configured.GetValueOrDefault(code)));

    public void ClearAll()
    {
        foreach (var agency in _agencies.Values)
        {
            agency.Clear();
        }
    }
}
