using System.Runtime.CompilerServices;
using Dibao.Verification.Sandbox.Faults;

namespace Dibao.Verification.Sandbox.BusinessRegistry;

/// <summary>
/// The administration's own faults, on top of the generic ones in <see cref="AgencyFaults"/>: both answer 401,
/// which the specification makes final. Off by default; flip them while the server runs through
/// <c>BusinessRegistryFaults.Of(server.Faults)</c>.
/// </summary>
public sealed class BusinessRegistryFaults
{
    // Attached to the server's SandboxFaults so the settings live and die with that server without widening its type.
    private static readonly ConditionalWeakTable<SandboxFaults, BusinessRegistryFaults> Attached = [];

    private int _rejectSignatures;
    private long _clockSkewTicks;

    /// <summary>Every request is refused as wrongly signed, as after the agency rotated the secret.</summary>
    public bool RejectSignatures
    {
        get => Volatile.Read(ref _rejectSignatures) != 0;
        set => Volatile.Write(ref _rejectSignatures, value ? 1 : 0);
    }

    /// <summary>How far the agency's clock runs ahead (negative: behind); beyond 300 s the hub's timestamps are refused.</summary>
    public TimeSpan ClockSkew
    {
        get => TimeSpan.FromTicks(Volatile.Read(ref _clockSkewTicks));
        set => Volatile.Write(ref _clockSkewTicks, value.Ticks);
    }

    /// <summary>The administration's faults of the sandbox whose live settings are <paramref name="faults"/>.</summary>
    public static BusinessRegistryFaults Of(SandboxFaults faults) => Attached.GetValue(faults, _ => new BusinessRegistryFaults());

    /// <summary>Back to a healthy agency.</summary>
    public void Clear()
    {
        RejectSignatures = false;
        ClockSkew = TimeSpan.Zero;
    }
}
