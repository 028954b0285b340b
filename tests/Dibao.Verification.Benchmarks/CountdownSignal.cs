namespace Dibao.Verification.Benchmarks;

/// <summary>Completes once the expected number of messages has been consumed.</summary>
public sealed class CountdownSignal
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining;

    public Task Expect(int count)
    {
        lock (_lock)
        {
            _remaining = count;
            _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _done.Task;
        }
    }

    public void Signal()
    {
        lock (_lock)
        {
            if (--_remaining == 0)
            {
                _done.TrySetResult();
            }
        }
    }
}
