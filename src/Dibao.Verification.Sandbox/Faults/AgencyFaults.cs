namespace Dibao.Verification.Sandbox.Faults;

/// <summary>
/// The live fault settings of one simulated agency. Tests flip them while the server runs, and
/// request threads read them concurrently, hence the volatile accesses.
/// </summary>
public sealed class AgencyFaults
{
    private double _transientRate;
    private double _agencyErrorRate;
    private int _outage;
    private int _keyRevoked;
    private long _latencyTicks;

    internal AgencyFaults(FaultOptions? options)
    {
        if (options is not null)
        {
            TransientRate = options.TransientRate;
            AgencyErrorRate = options.AgencyErrorRate;
            Outage = options.Outage;
            KeyRevoked = options.KeyRevoked;
            Latency = options.Latency;
        }
    }

    /// <summary>0..1: each request independently fails transiently with this probability.</summary>
    public double TransientRate
    {
        get => Volatile.Read(ref _transientRate);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1.0);
            Volatile.Write(ref _transientRate, value);
        }
    }

    /// <summary>
    /// 0..1: each request that passes the generic faults and the key check is independently answered with the
    /// agency's own transient error in the form its specification gives (the traffic administration's in-body
    /// E2001/E9999). Agencies whose specification has none ignore it.
    /// </summary>
    public double AgencyErrorRate
    {
        get => Volatile.Read(ref _agencyErrorRate);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1.0);
            Volatile.Write(ref _agencyErrorRate, value);
        }
    }

    /// <summary>Every request answers 503.</summary>
    public bool Outage
    {
        get => Volatile.Read(ref _outage) != 0;
        set => Volatile.Write(ref _outage, value ? 1 : 0);
    }

    /// <summary>
    /// The agency no longer accepts the hub's credentials: every request that passes the generic faults is answered 401,
    /// as to a wrong key. A refusal, not a fault: asking again cannot help.
    /// </summary>
    public bool KeyRevoked
    {
        get => Volatile.Read(ref _keyRevoked) != 0;
        set => Volatile.Write(ref _keyRevoked, value ? 1 : 0);
    }

    /// <summary>Added to every answer, faulty or not.</summary>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Volatile.Read(ref _latencyTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            Volatile.Write(ref _latencyTicks, value.Ticks);
        }
    }

    /// <summary>Back to a healthy agency.</summary>
    public void Clear()
    {
        TransientRate = 0;
        AgencyErrorRate = 0;
        Outage = false;
        KeyRevoked = false;
        Latency = TimeSpan.Zero;
    }
}
