namespace Dibao.Verification.Sandbox.Bank;

/// <summary>
/// The banks' own way of failing: tickets that take long or never finish. Off by default; tests flip them
/// while the server runs, so reads and writes are volatile.
/// </summary>
public sealed class BankFaults
{
    private long _processingTicks;
    private string? _stalledBank;

    /// <summary>How long every ticket stays <c>processing</c> after submission.</summary>
    public TimeSpan ProcessingTime
    {
        get => TimeSpan.FromTicks(Volatile.Read(ref _processingTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            Volatile.Write(ref _processingTicks, value.Ticks);
        }
    }

    /// <summary>The bank (e.g. <c>ICBC</c>) whose tickets never complete, or null for none.</summary>
    public string? StalledBank
    {
        get => Volatile.Read(ref _stalledBank);
        set => Volatile.Write(ref _stalledBank, value);
    }

    public void Clear()
    {
        ProcessingTime = TimeSpan.Zero;
        StalledBank = null;
    }
}
