namespace Dibao.Verification.Sandbox.Faults;

/// <summary>
/// The live fault settings of one simulated agency. Tests flip them while the server runs, and
/// request threads read them concurrently, hence the volatile accesses.
/// </summary>
public sealed class AgencyFaults
{
    private double _transientRate;
    private int _outage;
    private long _latencyTicks;

    internal AgencyFaults(FaultOptions? options)
    {
        if (options is not null)
        {
            TransientRate = options.TransientRate;
            Outage = options.Outage;
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

    /// <summary>Every request answers 503.</summary>
    public bool Outage
    {
        get => Volatile.Read(ref _outage) != 0;
        set => Volatile.Write(ref _outage, value ? 1 : 0);
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
        Outage = false;
        Latency = TimeSpan.Zero;
    }
}
