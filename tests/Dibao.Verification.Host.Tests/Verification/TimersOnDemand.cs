using System.Collections.Concurrent;

namespace Dibao.Verification.Host.Tests.Verification;

/// <summary>
/// The system's clock, whose timers fire only when the test calls <see cref="Fire"/>: a service waiting for its next hourly
/// or half-minute tick goes on when the test says. With <c>refuseFirst</c>, the first timer asked for is refused with a
/// cancellation the host did not ask for, as a service meets one when what it waits on is cancelled under it.
/// </summary>
internal sealed class TimersOnDemand(bool refuseFirst = false) : TimeProvider
{
    private readonly ConcurrentQueue<Timer> _timers = new();
    private int _asked;

    /// <summary>Timers asked for so far, a refused one among them.</summary>
    public int Asked => Volatile.Read(ref _asked);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (Interlocked.Increment(ref _asked) == 1 && refuseFirst)
        {
            throw new OperationCanceledException("Cancelled under the service.");
        }

        var timer = new Timer(callback, state);
        _timers.Enqueue(timer);
        return timer;
    }

    /// <summary>Every timer not disposed fires once.</summary>
    public void Fire()
    {
        foreach (var timer in _timers)
        {
            timer.Fire();
        }
    }

    private sealed class Timer(TimerCallback callback, object? state) : ITimer
    {
        private volatile bool _disposed;

        public void Fire()
        {
            if (!_disposed)
            {
                callback(state);
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period) => !_disposed;

        public void Dispose() => _disposed = true;

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
