using System.Collections.Concurrent;
using Dibao.Verification.Sandbox.Bank;

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

    /// <summary>The banks' slow and stalled tickets, on top of the transient faults <see cref="For"/> gives for <c>bank</c>.</summary>
    public BankFaults Bank { get; } = new();

    public AgencyFaults For(string agencyCode) =>
        _agencies.GetOrAdd(agencyCode, code => new AgencyFaults(_configured.GetValueOrDefault(code)));

    public void ClearAll()
    {
        foreach (var agency in _agencies.Values)
        {
            agency.Clear();
        }

        Bank.Clear();
    }
}
