using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.Verification;

/// <summary>
/// The container's scopes, but the first asked for is refused with a cancellation the host did not ask for, as a
/// background service meets one when a database command or a send is cancelled under it.
/// </summary>
internal sealed class ScopesCancelledOnce(IServiceScopeFactory scopes) : IServiceScopeFactory
{
    private int _asked;

    /// <summary>Scopes asked for so far, the refused one among them.</summary>
    public int Asked => Volatile.Read(ref _asked);

    public IServiceScope CreateScope() =>
        Interlocked.Increment(ref _asked) == 1 ? throw new OperationCanceledException("Cancelled under the service.") : scopes.CreateScope();
}
