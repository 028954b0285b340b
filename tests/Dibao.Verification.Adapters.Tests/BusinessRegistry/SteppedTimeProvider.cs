namespace Dibao.Verification.Adapters.Tests.BusinessRegistry;

/// <summary>The system clock moved by a settable offset, so a test can make time pass between two attempts without waiting.</summary>
internal sealed class SteppedTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
}
