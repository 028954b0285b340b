using MassTransit;

namespace Dibao.Verification.Messaging;

/// <summary>
/// How this process reaches a queue it sends to by its short address (<c>queue:hub-agency-findings</c>). The transport
/// decides: the in-memory bus takes the address as it is; RabbitMQ declares the queue with its configured type first and
/// sends through the queue's exchange, since MassTransit would declare the queue without its type and the broker refuses
/// a quorum queue declared so.
/// </summary>
public interface IQueueSendEndpoints
{
    Task<ISendEndpoint> GetSendEndpoint(ISendEndpointProvider provider, Uri address);

    /// <summary>
    /// Another owner's queue, by its short address, reached through <paramref name="exchange"/>: an exchange of the sender's
    /// own that the queue's owner binds to the queue. On RabbitMQ an agency host's broker user is permitted only its own
    /// names, so it may neither declare the hub's queue nor publish through the hub's exchange; in memory there is nothing
    /// to permit, and the address is taken as it is.
    /// </summary>
    Task<ISendEndpoint> GetSendEndpoint(ISendEndpointProvider provider, Uri address, string exchange);
}
