namespace Dibao.Verification.Adapters.Common;

/// <summary>
/// Counts the HTTP attempts (retries included) made by the code running inside the scope, so an answer can
/// report how hard it was to get. Attempts are recorded below the resilience handler, one per request sent.
/// </summary>
public sealed class AttemptCounter : IDisposable
{
    private static readonly AsyncLocal<AttemptCounter?> Ambient = new();

    private readonly AttemptCounter? _outer;
    private int _count;

    private AttemptCounter(AttemptCounter? outer) => _outer = outer;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Opens a scope for the current asynchronous flow; dispose it to restore the enclosing one.</summary>
    public static AttemptCounter Start()
    {
        var counter = new AttemptCounter(Ambient.Value);
        Ambient.Value = counter;
        return counter;
    }

    public void Dispose() => Ambient.Value = _outer;

    internal static void Record()
    {
        // Batches may run in parallel under one scope.
        if (Ambient.Value is { } counter)
        {
            Interlocked.Increment(ref counter._count);
        }
    }
}
