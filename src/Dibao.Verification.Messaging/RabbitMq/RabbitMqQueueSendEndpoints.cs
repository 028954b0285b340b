using MassTransit;

namespace Dibao.Verification.Messaging.RabbitMq;

/// <summary>
/// A short queue address (<c>queue:agency-tax</c>) becomes the queue's exchange, once the queue is declared with the
/// configured type: MassTransit would declare it untyped, which a quorum queue refuses, and an exchange with no queue
/// bound would drop the message.
/// </summary>
public sealed class RabbitMqQueueSendEndpoints(BrokerTopology topology) : IQueueSendEndpoints
{
    public async Task<ISendEndpoint> GetSendEndpoint(ISendEndpointProvider provider, Uri address)
    {
        if (address.Scheme != "queue")
        {
            return await provider.GetSendEndpoint(address);
        }

        var queue = address.AbsolutePath;
        await topology.EnsureQueueAsync(queue, CancellationToken.None);
        return await provider.GetSendEndpoint(new Uri("exchange:" + queue));
    }

    /// <summary>
    /// A short queue address becomes <paramref name="exchange"/>, which MassTransit declares (the sender's own name) and the
    /// queue's owner has bound to the queue; nothing of the queue's owner is declared.
    /// </summary>
    public Task<ISendEndpoint> GetSendEndpoint(ISendEndpointProvider provider, Uri address, string exchange) =>
        provider.GetSendEndpoint(address.Scheme == "queue" ? new Uri("exchange:" + exchange) : address);
}
