using Microsoft.Extensions.Options;

namespace Dibao.Verification.Messaging;

/// <summary>
/// Bounds one send to the broker by <see cref="BusOptions.SendTimeout"/>: a send whose confirmation never comes fails, and
/// is tried again by whatever sent it (the outbox, a consumer's retry, a redelivery), instead of holding its consumer
/// or the outbox for ever.
/// </summary>
public sealed class BrokerSendTimeout(IOptions<BusOptions> options)
{
    /// <summary>A token cancelled after the send timeout, or with <paramref name="cancellationToken"/>; dispose it after the send.</summary>
    public CancellationTokenSource Start(CancellationToken cancellationToken = default)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(options.Value.SendTimeout);
        return source;
    }
}
