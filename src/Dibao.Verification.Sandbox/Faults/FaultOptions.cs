namespace Dibao.Verification.Sandbox.Faults;

/// <summary>Configured faults for one agency (<c>Sandbox:Faults:&lt;code&gt;</c>).</summary>
public sealed class FaultOptions
{
    /// <summary>0..1: the share of requests that get a transient failure.</summary>
    public double TransientRate { get; set; }

    /// <summary>0..1: the share of requests answered with the agency's own transient error, as its specification words it.</summary>
    public double AgencyErrorRate { get; set; }

    /// <summary>Every request answers 503.</summary>
    public bool Outage { get; set; }

    /// <summary>Every request is refused 401, as to a wrong key.</summary>
    public bool KeyRevoked { get; set; }

    /// <summary>Added to every answer.</summary>
    public TimeSpan Latency { get; set; }
}
