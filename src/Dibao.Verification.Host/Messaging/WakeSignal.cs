namespace Dibao.Verification.Host.Messaging;

/// <summary>
/// Lets a committed unit of work wake a background worker at once instead of at its next poll. Notifications while the
/// worker is busy fold into one wake-up: the worker reads everything that is due, not one item per notification.
/// </summary>
public abstract class WakeSignal : IDisposable
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Notify()
    {
        if (_pending.CurrentCount == 0)
        {
            try
            {
                _pending.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another notifier got there first; one wake-up is enough.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pending.WaitAsync(timeout, cancellationToken);

    public void Dispose()
    {
        _pending.Dispose();
        GC.SuppressFinalize(this);
    }
}
